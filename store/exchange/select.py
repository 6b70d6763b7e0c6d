"""What an export takes: articles paired with their annotations in a set.

:func:`select` walks the store one article file at a time, so an export
never holds more than one article's annotations. Annotations made on an
earlier text of an article are placed in its current text in memory (the
annotation files are left untouched: an export works on a read-only store), so
every exported offset points at the exported body; those that cannot be
placed come out orphaned, with the selector they had.

An annotation whose article is not in the corpus is still exported, with
the little the store recorded about its article (:class:`MissingArticle`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from store.annotations.anchoring import place
from store.annotations.annotation import Annotation
from store.annotations.store import AnnotationStore
from store.files.review_settings import ReviewSettings
from store.news.article import Article, article_to_dict
from store.query import KeyMatcher, Query
from store.query.words import searched_fields

EntitiesFor = Callable[[Article], list[dict[str, Any]]]
"""Gives an article's entities as ``{start, end, text, type, key, origin}`` dicts."""


@dataclass(frozen=True)
class MissingArticle:
    """An article the annotations name but the corpus does not hold."""

    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    external_id: str | None = None


ExportArticle = Article | MissingArticle
Item = tuple[ExportArticle, list[Annotation]]
"""One article and its annotations in the set, oldest first."""


@dataclass(frozen=True)
class ExportOptions:
    """What goes into an export besides annotations and article metadata."""

    with_text: bool = False
    """Include each article's body (and, in the native format, its segments)."""
    entities_for: EntitiesFor | None = None
    """When given, each article's entities are included."""
    key_matcher: KeyMatcher | None = None
    """How ``entity:`` words name entity keys (``store.entities.keys.pattern_matches``)."""
    corrections_for: Callable[[str], list[dict[str, Any]]] | None = None
    """When given, each article's entity corrections are included (the native format)."""
    set_name: str | None = None
    """The saved set exported, if it was one (written with the query)."""
    bom: bool = True
    """CSV: begin with a byte order mark, so that spreadsheet programs read UTF-8."""
    review: ReviewSettings = field(default_factory=ReviewSettings)
    """ClaimReview: the organisation, review pages and rating scale (``[claimreview]``)."""
    known_entities: EntitiesFor | None = None
    """The article's entities when they are at hand (cached), to type a claim's speaker
    (ClaimReview); not written unless asked."""
    entities_in_text: Callable[[str], list[dict[str, Any]]] | None = None
    """The recogniser on a short text (a speaker's name), when the article's are not at hand."""

    @property
    def with_entities(self) -> bool:
        """True when entities are included."""
        return self.entities_for is not None


@dataclass
class ExportStats:
    """What an export wrote (or, from :func:`count`, would write)."""

    articles: int = 0
    annotations: Counter[str] = field(default_factory=Counter)
    """By kind (``claim``, ``note``)."""
    entities: int = 0
    corrections: int = 0
    """Entity corrections written (the native and W3C formats carry them)."""
    orphaned: int = 0
    missing: list[str] = field(default_factory=list)
    """Ids of articles not in the corpus whose annotations were exported."""
    left_out: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    """What the format did not write, and why: ``(one, many, why)`` -> how many."""

    @property
    def total(self) -> int:
        """Annotations of every kind."""
        return sum(self.annotations.values())

    def add(self, article: ExportArticle, marks: Sequence[Annotation]) -> None:
        """Count one article and its annotations."""
        self.articles += 1
        for annotation in marks:
            self.annotations[annotation.kind] += 1
            self.orphaned += annotation.orphaned
        if isinstance(article, MissingArticle):
            self.missing.append(article.id)

    def summary(self) -> str:
        """One line: ``3 articles, 5 claims, 2 notes``."""

        def n(count: int, word: str) -> str:
            return f"{count:,} {word}{'' if count == 1 else 's'}"

        parts = [n(self.articles, "article"), n(self.annotations["claim"], "claim")]
        parts.append(n(self.annotations["note"], "note"))
        if self.entities:
            parts.append(n(self.entities, "entity").replace("entitys", "entities"))
        if self.corrections:
            parts.append(n(self.corrections, "entity correction"))
        if self.orphaned:
            parts.append(f"{self.orphaned:,} orphaned")
        return ", ".join(parts)

    def left_out_lines(self) -> list[str]:
        """One line per reason something was left out: ``3 notes: notes are not reviews``."""
        return [
            f"{n:,} {one if n == 1 else many}: {why}"
            for (one, many, why), n in self.left_out.items()
        ]


def placed(annotation: Annotation, article: Article) -> Annotation:
    """``annotation`` placed in ``article``'s current text (orphaned when it cannot be)."""
    selector = annotation.selector
    if selector is None:
        return annotation
    if annotation.sha256 == article.sha256 and not annotation.orphaned:
        return annotation
    placement = place(selector, article.body)
    if placement.selector is None:
        return annotation if annotation.orphaned else replace(annotation, orphaned=True)
    return replace(annotation, selector=placement.selector, sha256=article.sha256, orphaned=False)


def article_meta(article: ExportArticle, *, with_text: bool = False) -> dict[str, Any]:
    """An article's metadata (and body with ``with_text``) as JSON-ready data.

    ``in_corpus`` says whether the article itself was at hand; when it was
    not, only what the store recorded about it is given.
    """
    if isinstance(article, MissingArticle):
        data: dict[str, Any] = {"id": article.id, "in_corpus": False}
        for key in ("title", "url", "source", "external_id"):
            data[key] = getattr(article, key)
        return data
    data = article_to_dict(article, with_body=with_text)
    data["in_corpus"] = True
    return data


def entities_of(article: ExportArticle, options: ExportOptions, query: Query) -> list[dict]:
    """The article's entities when the options ask for them and the query takes them."""
    if options.entities_for is None or isinstance(article, MissingArticle):
        return []
    if not query.takes_entities:
        return []
    if query.entities and options.key_matcher is None:
        return []
    matcher = options.key_matcher or _never
    return [dict(e) for e in options.entities_for(article) if query.takes_entity(e, matcher)]


def _never(pattern: str, key: str) -> bool:
    return False


def select(
    articles: Iterable[Article],
    store: AnnotationStore,
    query: Query | None = None,
    *,
    entities_for: EntitiesFor | None = None,
    key_matcher: KeyMatcher | None = None,
    words_in: Callable[[Article], bool] | None = None,
    corrected: Callable[[str], bool] | None = None,
) -> Iterator[Item]:
    """The articles of the corpus and then those only the store knows, with their annotations.

    What the query selects (``store.query``): articles passing its article
    words, with the annotations its annotation words choose; an article
    with nothing chosen is left out unless the query names the kind
    ``entity``. ``entities_for`` and ``key_matcher`` answer ``entity:`` words
    (without them, those words match no article); ``words_in(article)``
    answers the free words (the corpus index's full text; by default the
    same test on the article's own fields). ``corrected(article id)``
    tells which articles hold entity corrections: work too, so such an
    article is exported by a query without annotation words even when it
    holds no annotation.
    """
    query = query or Query()
    words_in = words_in or (lambda a: query.takes_fields(*searched_fields(a)))
    stored = set(store.article_ids())
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            continue
        seen.add(article.id)
        if not query.takes_article_id(article.id):
            continue
        if article.id not in stored and not query.lists_all_articles:
            continue
        marks = (
            [placed(a, article) for a in store.annotations(article.id, keep=False)]
            if article.id in stored
            else []
        )
        chosen = query.select_article(
            article.id,
            lambda article=article: words_in(article),
            marks,
            lambda article=article: _keys(entities_for, article),
            key_matcher,
        )
        if chosen is None:
            continue
        # Entity corrections are work too: such an article is exported when the
        # query does not ask for particular annotations.
        worked_on = not query.needs_annotated and corrected is not None and corrected(article.id)
        if chosen or query.lists_all_articles or worked_on:
            yield article, chosen
    if query.entities:
        return  # an article outside the corpus has no text to name an entity in
    for article_id in sorted(stored - seen):
        if not query.takes_article_id(article_id):
            continue
        missing = _missing(store, article_id)
        if query.words and not query.takes_fields(missing.title or ""):
            continue
        chosen = query.choose(store.annotations(article_id, keep=False))
        if chosen:
            yield missing, chosen


def _keys(entities_for: EntitiesFor | None, article: Article) -> set[str]:
    if entities_for is None:
        return set()
    return {str(e.get("key", "")) for e in entities_for(article)}


def _missing(store: AnnotationStore, article_id: str) -> MissingArticle:
    origin = store.article_origin(article_id) or {}
    return MissingArticle(
        article_id,
        origin.get("title"),
        origin.get("url"),
        origin.get("source"),
        origin.get("external_id"),
    )


Chooser = Callable[[Sequence[Annotation], ExportOptions], tuple[list[Annotation], Counter]]
"""What a format writes of one article's annotations, and why it leaves the others out."""


def count(
    items: Iterable[Item],
    options: ExportOptions | None = None,
    query: Query | None = None,
    choose: Chooser | None = None,
) -> ExportStats:
    """What exporting ``items`` would write (the export dialog shows it first).

    ``choose`` is the format's own choice of annotations (ClaimReview writes
    claims with a verdict only); an article it leaves empty is not counted.
    """
    stats = ExportStats()
    for article, marks in items:
        if choose is not None:
            marks, left = choose(marks, options or ExportOptions())
            stats.left_out.update(left)
            if not marks:
                continue
        stats.add(article, marks)
        if options is not None:
            stats.entities += len(entities_of(article, options, query or Query()))
    return stats

"""A workspace: one data folder used by one user, the only door to the domain.

The app and every command reach articles, annotations, entities, queries,
exports and imports through a :class:`Workspace`, so that the same words
mean the same thing everywhere: ``status:false`` in the library, in the
export dialog, in ``sorot list --where`` and in ``sorot export --status
false`` is one :class:`~store.query.Query`, evaluated by one rule
(``Query.select_article``)::

    workspace = Workspace(data_dir)                  # settings, user, stores
    workspace.open_corpus([Path("news/")])           # the library's entries
    query = workspace.query("status:false")          # QueryError on a typo
    rows = workspace.rows(query)                     # the library's rows
    for article, annotations in workspace.select(query):
        ...

What it holds: the user's settings, the annotation store, saved sets,
reading state and drafts, the entity service and index, and, once a corpus
is open, its entries and catalog. Nothing here knows about a screen.
Should the team outgrow one server, the annotation store and the corpus
index move behind this same interface (see the README's "Past one server").
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.annotations.annotation import Annotation
from store.annotations.article_annotations import ArticleAnnotations
from store.annotations.changes import described
from store.annotations.drafts import Drafts
from store.annotations.history import History
from store.annotations.store import AnnotationStore
from store.annotations.watching import watch_annotations
from store.claims.board import ArticleFacts, BoardItem, board
from store.claims.desk import Desk
from store.claims.figures import article_day
from store.claims.groups import GroupStore
from store.claims.linking import Linker
from store.entities.index import EntityIndex, build_index
from store.entities.keys import pattern_matches
from store.entities.model import Entity
from store.exchange import ExportOptions, Item, select
from store.exchange.groups import GroupSource
from store.exchange.select import haystack_of
from store.files.jsonfile import StoreError
from store.files.settings import Settings, load_settings, save_setting, settings_path
from store.library.catalog import Catalog
from store.library.corpus import Corpus, open_corpus
from store.library.readstate import ReadingLog
from store.library.rescrapes import Moved, follow_rescrapes
from store.news.article import Article
from store.news.loading import LoadResult, bundled_corpus, load_paths
from store.query import Query, QueryError, SavedSet, SetStore, Vocabulary, parse_query

if TYPE_CHECKING:
    from store.entities.service import EntityService
    from store.exchange.importers import EntityMark
    from store.exchange.importers.labels import LabelMap
    from store.exchange.importing import ImportReport


class Workspace:
    """One data folder as one user sees it: settings, stores, and the open corpus."""

    def __init__(
        self,
        data_dir: Path,
        user: str | None = None,
        *,
        settings_file: Path | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.settings_file = settings_file or settings_path()
        """The user's ``config.toml`` (read at start; the theme chosen is written back)."""
        settings, self.settings_problem = load_settings(self.settings_file)
        if user:
            # An explicit user (tests, --user) wins over the configured annotator.
            settings = replace(settings, annotator=user)
        self.settings: Settings = settings
        """The user's settings (``config.toml``); ``settings_problem`` says why one was not used."""
        self.user = settings.annotator
        self.vocabulary = Vocabulary(settings.statuses, settings.claim_types)
        """The claim statuses and types a query can name."""
        self.store = AnnotationStore(data_dir)
        self.groups = GroupStore(data_dir)
        """Claim groups: one claim stated by several articles, with one verdict."""
        self.sets = SetStore(data_dir, self.vocabulary)
        self.reading = ReadingLog(data_dir, self.user)
        self.drafts = Drafts(data_dir, self.user)
        self.entity_index = EntityIndex()
        """Entity key → articles; empty until :meth:`build_entity_index` has run."""
        self.corpus: Corpus = Corpus([], {}, [])
        """The open corpus (:meth:`open_corpus`): entries, and articles parsed on demand."""
        self.catalog = Catalog()
        """The library's rows over the open corpus."""
        self._entities: EntityService | None = None
        self._histories: dict[str, History] = {}
        self.moves: list[Moved] = []
        """Annotations that followed re-scraped articles when the corpus was opened."""
        self._desk: tuple[Corpus, Desk] | None = None

    @property
    def cache_file(self) -> Path:
        """Where the corpus's entries are cached between starts."""
        return self.data_dir / "cache" / "corpus.json"

    def take_problems(self) -> list[str]:
        """Sentences about store files set aside since last asked (each said once)."""
        problems = list(self.store.problems)
        self.store.problems.clear()
        return problems

    # -- the corpus ------------------------------------------------------------------

    def open_corpus(self, paths: Sequence[Path] = (), *, exporting: bool = False) -> Corpus:
        """Read the entries of every article in ``paths`` (the bundled corpus by default).

        From the cache where files are unchanged; each annotated article's
        annotations are read too, for the library's counts and queries. A
        store that cannot be read is reported in :meth:`take_problems`.
        """
        keep = None
        if exporting:
            stored = set(self._safe_ids())
            keep = stored.__contains__
        corpus = open_corpus(list(paths) or [bundled_corpus()], self.cache_file, keep)
        catalog = Catalog(entries=corpus.entries)
        self.corpus, self.catalog = corpus, catalog
        self.moves = self.follow_rescrapes()
        catalog.set_annotations(self._stored_annotations())
        catalog.set_entity_index(self.entity_index)
        return corpus

    def follow_rescrapes(self) -> list[Moved]:
        """Move the annotations of articles gone from the corpus to their new versions."""
        return follow_rescrapes(self.store, self.corpus, self.catalog)

    def _safe_ids(self) -> list[str]:
        try:
            return self.store.article_ids()
        except StoreError as error:
            self.store.problems.append(str(error))
            return []

    def _stored_annotations(self) -> dict[str, list[Annotation]]:
        found: dict[str, list[Annotation]] = {}
        try:
            for article_id in self.store.article_ids():
                found[article_id] = self.store.annotations(article_id)
        except StoreError as error:
            self.store.problems.append(str(error))
        return found

    def article(self, article_id: str) -> Article | None:
        """An article of the open corpus, parsed from its file (``None`` when it is gone)."""
        return self.corpus.get(article_id)

    def title_of(self, article_id: str) -> str:
        """The title of ``article_id`` as the library shows it."""
        index = self.catalog.index_of(article_id)
        return self.catalog.entries[index].title if index is not None else article_id

    @property
    def desk(self) -> Desk:
        """Related passages over the open corpus (its sentences read on first use)."""
        corpus = self.corpus
        if self._desk is None or self._desk[0] is not corpus:

            def articles() -> Iterator[Article]:
                for article_id in list(corpus):
                    article = corpus.get(article_id, keep=False)
                    if article is not None:
                        yield article

            # Entity keys are left out: on the seed gold they did not measurably help
            # (make eval-claims), and the recogniser would run over every article.
            self._desk = (corpus, Desk(articles, corpus.get))
        return self._desk[1]

    @property
    def linker(self) -> Linker:
        """Links passages into claim groups, through each article's undoable annotations."""
        settings = self.settings
        return Linker(
            self.groups,
            self.annotations_of,
            self.user,
            settings.claim_types[0],
            settings.statuses[0],
            self.annotations_changed,
        )

    def board(self, query: Query | None = None, sort: str = "updated") -> list[BoardItem]:
        """Every claim group and lone claim of the open corpus ``query`` selects."""
        catalog = self.catalog

        def facts(article_id: str) -> ArticleFacts | None:
            index = catalog.index_of(article_id)
            if index is None:
                return None
            entry = catalog.entries[index]
            article = self.corpus.get(article_id, keep=False) if entry.date else None
            return ArticleFacts(entry.outlet, entry.date, article_day(article), entry.haystack)

        groups = self.groups.all()
        self.store.problems.extend(self.groups.problems)
        self.groups.problems.clear()
        return board(
            catalog.annotations,
            groups,
            facts,
            query,
            sort,
            lambda article_id: self.entity_index.keys_of(article_id),
            pattern_matches,
        )

    def find_article(self, wanted: str) -> Article | str:
        """The open corpus's article ``wanted`` (an id or a unique start of one), or why not."""
        ids = list(self.corpus)
        exact = [i for i in ids if i == wanted]
        found = exact or [i for i in ids if i.startswith(wanted)]
        if len(found) == 1:
            article = self.corpus.get(found[0])
            if article is not None:
                return article
            return f"the article {found[0]!r} can no longer be read"
        if not found:
            return f"no article with id {wanted!r} (`sorot list` shows the ids)"
        names = ", ".join(found[:5])
        return f"{wanted!r} matches {len(found)} articles ({names}…); give more of the id"

    @staticmethod
    def load(paths: Sequence[Path] = ()) -> LoadResult:
        """Every article in ``paths`` parsed (``sorot list`` and ``show``), problems collected."""
        return load_paths(list(paths) or [bundled_corpus()])

    # -- queries ---------------------------------------------------------------------

    def query(self, text: str = "", *, set_name: str | None = None) -> Query:
        """The query ``text`` says, narrowing the saved set ``set_name`` when one is named.

        ``QueryError`` (one sentence) when a word cannot be read; ``StoreError``
        when the set does not exist or the sets file cannot be read.
        """
        query = parse_query(text, self.vocabulary)
        if set_name is None:
            return query
        return self.saved_set(set_name).query.narrowed(query)

    def saved_set(self, name: str) -> SavedSet:
        """The saved set ``name`` (``StoreError`` when there is none)."""
        return self.sets.get(name)

    def rows(self, query: Query, sort: str = "date", reverse: bool = False) -> list[int]:
        """The library's rows (indexes into ``catalog.entries``) ``query`` selects, sorted."""
        return self.catalog.select(query, sort, reverse)

    def selects(self, query: Query, article: Article) -> bool:
        """True when ``query`` selects ``article`` (``sorot list --where``; the library's rule)."""
        annotations = (
            self.store.annotations(article.id, keep=False)
            if query.annotation_words or (query.has or query.lacks)
            else []
        )
        chosen = query.select_article(
            article.id,
            haystack_of(article),
            annotations,
            lambda: {e.key for e in self.entities.entities(article)},
            pattern_matches,
        )
        return chosen is not None

    def select(
        self,
        query: Query,
        articles: Iterable[Article] | None = None,
        *,
        with_entities: bool = False,
    ) -> Iterator[Item]:
        """Each article ``query`` selects for an export, with its chosen annotations.

        ``articles`` defaults to the open corpus: only its annotated articles
        (and those with entity corrections) are parsed, unless the query takes
        every article (``kind:entity``).
        """
        if articles is None:
            articles = self._corpus_articles(query)
        wanted = with_entities or bool(query.entities)
        return select(
            articles,
            self.store,
            query,
            entities_for=self.entities_for if wanted else None,
            key_matcher=pattern_matches,
            corrected=lambda article_id: bool(self.store.corrections(article_id)),
        )

    def _corpus_articles(self, query: Query) -> Iterator[Article]:
        corpus = self.corpus
        if query.lists_all_articles:
            ids: Iterable[str] = list(corpus)
        else:
            stored = set(self.store.article_ids())
            ids = [article_id for article_id in corpus if article_id in stored]
        for article_id in ids:
            if query.takes_article_id(article_id):
                article = corpus.get(article_id, keep=False)
                if article is not None:
                    yield article

    def export_options(
        self,
        query: Query,
        *,
        with_text: bool = False,
        with_entities: bool = False,
        set_name: str | None = None,
        bom: bool = True,
    ) -> ExportOptions:
        """What an export of ``query`` writes besides annotations (``kind:entity``: entities).

        The ClaimReview settings come from ``config.toml``; the entities that
        type a claim's speaker are found only when a format asks for them.
        """
        wanted = with_entities or "entity" in query.kinds
        return ExportOptions(
            with_text=with_text,
            entities_for=self.entities_for if wanted else None,
            key_matcher=pattern_matches,
            corrections_for=self.store.corrections,
            set_name=set_name,
            bom=bom,
            review=self.settings.review,
            known_entities=self.cached_entities,
            entities_in_text=self.entities_in_text,
            groups=GroupSource(self.groups.get, self.group_members),
        )

    def cached_entities(self, article: Article) -> list[dict[str, Any]]:
        """``article``'s entities if they are at hand (cached), else none: never slow."""
        found = self.entities.cached(article)
        return [entity.to_dict() for entity in found] if found is not None else []

    @staticmethod
    def entities_in_text(text: str) -> list[dict[str, Any]]:
        """The recogniser's entities in a short text (a speaker's name)."""
        from store.entities.recognise import recognise

        return [entity.to_dict() for entity in recognise(text)]

    def group_members(self, group_id: str) -> list[tuple[Article, Annotation]]:
        """Every claim of the open corpus in claim group ``group_id``, with its article."""
        found = []
        for article_id, items in self.catalog.annotations.items():
            claims = [a for a in items if a.kind == "claim" and a.group == group_id]
            article = self.corpus.get(article_id, keep=False) if claims else None
            if article is not None:
                found.extend((article, claim) for claim in claims)
        return found

    # -- annotations ---------------------------------------------------------------

    def annotations_of(self, article: Article) -> ArticleAnnotations:
        """``article``'s annotations as the reader edits them, with this session's undo history."""
        history = self._histories.setdefault(
            article.id, History(self.store, article, user=self.user)
        )
        return ArticleAnnotations(
            article, self.store, history, self.user, known_ids=self.corpus.keys()
        )

    def annotations_changed(self, article_id: str) -> None:
        """Read ``article_id``'s annotations again for the library (after a change)."""
        with contextlib.suppress(StoreError):
            self.catalog.set_article_annotations(article_id, self.store.annotations(article_id))

    def refresh(self, article_ids: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        """Read these articles' annotations again (a colleague saved); what others changed.

        Returns, for each article where someone else changed something, the
        changes in words (``("rina", "added a claim")``); the library's counts
        and queries follow every change.
        """
        found: dict[str, list[tuple[str, str]]] = {}
        for article_id in article_ids:
            before = self.catalog.annotations.get(article_id, [])
            try:
                after = self.store.annotations(article_id)
            except StoreError as error:
                self.store.problems.append(str(error))
                continue
            self.catalog.set_article_annotations(article_id, after)
            changes = described(before, after, self.user)
            if changes:
                found[article_id] = changes
        return found

    def watch(self, stop: threading.Event, changed: Callable[[set[str]], None]) -> None:
        """Call ``changed(article ids)`` when annotation files change on disk, until ``stop``."""
        watch_annotations(self.data_dir, stop, changed)

    def tags_in_use(self) -> list[str]:
        """Every tag on the open corpus's annotations, most used first (the claim form completes
        them)."""
        counts = Counter(
            tag for items in self.catalog.annotations.values() for a in items for tag in a.tags
        )
        return sorted(counts, key=lambda tag: (-counts[tag], tag.casefold()))

    def speaker_candidates(self, annotations: ArticleAnnotations) -> list[str]:
        """Names offered for a claim's speaker: this article's speakers, then its entities.

        Entity keys follow the speakers already used: people and
        organisations first, then places, each most mentioned first.
        """
        names = annotations.speakers()
        try:
            entities = self.entities.entities(annotations.article)
        except (StoreError, OSError, RuntimeError):
            return names
        counts = Counter((e.key, e.type) for e in entities if e.type in ("PER", "ORG", "LOC"))
        ranked = sorted(counts, key=lambda kt: (kt[1] == "LOC", -counts[kt], kt[0].casefold()))
        seen = set(names)
        for key, _kind in ranked:
            if key not in seen:
                seen.add(key)
                names.append(key)
        return names

    # -- entities ------------------------------------------------------------------

    @property
    def entities(self) -> EntityService:
        """Entities of articles: recognised (cached under ``<data>/entities``) and corrected."""
        if self._entities is None:
            # Imported on first use: the recogniser is not needed to list or export.
            from store.entities.service import EntityService

            self._entities = EntityService(self.data_dir, self.store)
        return self._entities

    def entities_for(self, article: Article) -> list[dict[str, Any]]:
        """``article``'s entities as plain data (exports)."""
        return [entity.to_dict() for entity in self.entities.entities(article)]

    def build_entity_index(
        self,
        stop: Callable[[], bool] = lambda: False,
        pause: Callable[[], None] = lambda: None,
    ) -> EntityIndex:
        """Index the open corpus's entities (slow the first time; see ``store.entities.index``).

        Runs in a worker: articles are parsed without being kept. The index
        is returned, not adopted: :meth:`adopt_entity_index` does that.
        """
        corpus = self.corpus

        def get_article(article_id: str) -> Article | None:
            return None if stop() else corpus.get(article_id, keep=False)

        return build_index(
            list(corpus),
            get_article,
            self.entities,
            summary_path=self.data_dir / "entities" / "summary.json",
            corrected_ids=self.store.article_ids(),
            stop=stop,
            pause=pause,
        )

    def adopt_entity_index(
        self, index: EntityIndex, updates: Mapping[str, list[Entity]] = {}
    ) -> None:
        """Use ``index`` from now on, with ``updates`` (entities changed while it was built)."""
        for article_id, entities in updates.items():
            index.add(article_id, entities)
        self.entity_index = index
        self.catalog.set_entity_index(index)

    def entities_changed(self, article_id: str, entities: list[Entity]) -> None:
        """The reader found or corrected ``article_id``'s entities: keep the index in step."""
        self.entity_index.add(article_id, entities)

    # -- reading state ---------------------------------------------------------------

    def read_ids(self) -> set[str]:
        """Ids of the articles this user has read (``StoreError`` when unreadable)."""
        return self.reading.all_read()

    def position(self, article: Article) -> int:
        """Where this user left ``article`` (0 when its text changed since)."""
        return self.reading.position(article.id, article.sha256)

    def opened(self, article_id: str, sha256: str) -> None:
        """Record that this user opened the article (its text version ``sha256``): it is read."""
        self.reading.opened(article_id, sha256)

    def left(self, article: Article, cursor: int) -> None:
        """Record where this user's cursor was in ``article``."""
        self.reading.left(article.id, article.sha256, cursor)

    def set_read(self, article_id: str, read: bool) -> None:
        """Mark ``article_id`` read or unread for this user."""
        self.reading.set_read(article_id, read)

    def last_read(self) -> str | None:
        """The article this user opened last, if it is in the open corpus (the library's row)."""
        article_id = self.reading.last_opened()
        return article_id if article_id is not None and article_id in self.corpus else None

    def draft_ids(self) -> set[str]:
        """Articles where this user left a claim or note unsaved (``StoreError``: unreadable)."""
        return self.drafts.article_ids()

    def save_theme(self, theme: str) -> None:
        """Keep ``theme`` in the user's config file for the next start (``StoreError``)."""
        save_setting(self.settings_file, "theme", theme)
        self.settings = replace(self.settings, theme=theme)

    # -- importing -------------------------------------------------------------------

    def import_file(
        self,
        path: Path,
        corpus: Sequence[Article] = (),
        labels: LabelMap | None = None,
    ) -> ImportReport:
        """Merge the records in ``path`` (``ImportFailed`` when it cannot be read).

        ``corpus`` matches other tools' annotations to articles and places
        them; ``labels`` says what their labels become. Entity spans are kept
        as this user's entities (an ``add`` correction, once per span and type).
        """
        from store.exchange.importing import import_file

        by_id = {article.id: article for article in corpus}

        def keep_entity(mark: EntityMark) -> str:
            article = by_id[mark.article_id]
            start, end = mark.selector.start, mark.selector.end
            while start < end and article.body[start].isspace():  # as a correction keeps it
                start += 1
            while end > start and article.body[end - 1].isspace():
                end -= 1
            for correction in self.entities.corrections(article.id):
                span = correction.selector
                if (span.start, span.end, correction.type) == (start, end, mark.type):
                    return "unchanged"
            who = mark.annotator or self.user
            self.entities.correct(article, start, end, "add", annotator=who, type=mark.type)
            return "added"

        return import_file(
            path,
            self.store,
            articles=corpus,
            labels=labels,
            annotator=self.user,
            keep_entity=keep_entity,
        )


__all__ = ["QueryError", "Workspace"]

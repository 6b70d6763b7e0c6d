"""The library's rows: every article's summary, filtered as you type and sorted.

Built once per corpus so that a keystroke in the filter only scans
precomputed lowercase strings: with tens of thousands of articles the filter
must answer between two keystrokes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from store.annotations.annotation import Annotation
from store.news.article import Article
from store.query import Query
from store.query.query import date_sort_key, haystack, shown_date


class EntityFilter(Protocol):
    """What the catalog asks of an entity index (``store.entities.index.EntityIndex``)."""

    def matching(self, words: str) -> frozenset[str]: ...


SORT_KEYS = ("date", "title", "outlet", "words", "claims")
"""What the library can be sorted by, in the order the sort key cycles."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One article as the library lists it."""

    id: str
    title: str
    outlet: str
    date: str
    """The published date as shown (``store.query.query.shown_date``): ``YYYY-MM-DD``,
    ``~YYYY-MM-DD`` when estimated, ``9/10/2025?`` when ambiguous, or ``""``."""
    words: int
    haystack: str
    """Lowercased title, outlet, date, section and id, for the filter."""
    sort_date: str = ""
    """What the date sorts by: ``YYYY-MM-DD``, or ``""`` (undated or ambiguous, sorted last)."""


def make_entry(
    article_id: str,
    title: str,
    outlet: str | None,
    published: str | None,
    section: str | None,
    words: int,
    published_status: str | None = None,
) -> Entry:
    """The library's summary of an article from its fields (as the corpus cache keeps them)."""
    outlet = outlet or ""
    date = shown_date(published, published_status)
    return Entry(
        article_id,
        title,
        outlet,
        date,
        words,
        haystack(article_id, title, outlet, date, section),
        date_sort_key(published, published_status),
    )


def entry_for(article: Article) -> Entry:
    """The library's summary of ``article``."""
    return make_entry(
        article.id,
        article.title,
        article.outlet,
        article.published,
        article.section,
        article.word_count,
        article.published_status,
    )


class Catalog:
    """All entries of a corpus with the current filter and sort applied."""

    entity_index: EntityFilter | None = None
    """Answers ``entity:`` filter terms (see ``set_entity_index``)."""

    def __init__(self, articles: Iterable[Article] = (), entries: Iterable[Entry] = ()) -> None:
        self.entries: list[Entry] = [entry_for(a) for a in articles] + list(entries)
        self._orders: dict[tuple[str, bool], list[int]] = {}
        self.annotations: dict[str, list[Annotation]] = {}
        """Each annotated article's annotations, for queries' annotation words."""
        self.counts: dict[str, Counter[str]] = {}
        """Annotation counts per article id (``claim``, ``note``, ``claim:<status>``)."""
        self._last: tuple[tuple[str, ...], tuple[str, bool], list[int]] | None = None

    def set_annotations(self, annotated: Mapping[str, Sequence[Annotation]]) -> None:
        """Use ``annotated`` (article id → its annotations) for every article."""
        self.annotations = {key: list(value) for key, value in annotated.items() if value}
        self.counts = {key: counts_of(value) for key, value in self.annotations.items()}
        self._orders.pop(("claims", False), None)
        self._orders.pop(("claims", True), None)

    def set_article_annotations(self, article_id: str, annotations: Sequence[Annotation]) -> None:
        """Update one article's annotations (after a change)."""
        if annotations:
            self.annotations[article_id] = list(annotations)
            self.counts[article_id] = counts_of(annotations)
        else:
            self.annotations.pop(article_id, None)
            self.counts.pop(article_id, None)
        self._orders.pop(("claims", False), None)
        self._orders.pop(("claims", True), None)

    def set_entity_index(self, index: EntityFilter | None) -> None:
        """Let ``entity:<key words>`` terms filter by ``index`` (``store.entities.index``)."""
        self.entity_index = index

    def __len__(self) -> int:
        return len(self.entries)

    def order(self, sort: str = "date", reverse: bool = False) -> list[int]:
        """Entry indexes sorted by ``sort``; computed once per key and direction."""
        if sort not in SORT_KEYS:
            raise ValueError(f"cannot sort by {sort!r}; choose one of {', '.join(SORT_KEYS)}")
        cached = self._orders.get((sort, reverse))
        if cached is None:
            entries = self.entries
            if sort == "date":
                # Undated articles go last whichever way the dates run.
                dated = [i for i, e in enumerate(entries) if e.sort_date]
                undated = [i for i, e in enumerate(entries) if not e.sort_date]
                dated.sort(
                    key=lambda i: (entries[i].sort_date, entries[i].title.casefold()),
                    reverse=not reverse,
                )
                cached = dated + undated
            else:

                def key(i: int) -> tuple:
                    e = entries[i]
                    if sort == "claims":
                        found = self.counts.get(e.id)
                        return (found["claim"] if found else 0, e.title.casefold())
                    if sort == "words":
                        return (e.words, e.title.casefold())
                    value = e.title if sort == "title" else e.outlet
                    return (not value, value.casefold(), e.title.casefold())

                # Most-claimed first reads better than least-claimed first.
                descending = (not reverse) if sort == "claims" else reverse
                cached = sorted(range(len(entries)), key=key, reverse=descending)
                if sort == "outlet" and reverse:
                    # Keep articles without an outlet at the end.
                    cached.sort(key=lambda i: not entries[i].outlet)
            self._orders[(sort, reverse)] = cached
        return cached

    def select(self, query: Query, sort: str = "date", reverse: bool = False) -> list[int]:
        """Indexes of the entries ``query`` selects (``store.query``), in sort order.

        Free words are looked for in each entry's precomputed haystack; typing
        that extends the last words narrows the last result instead of the
        whole list. ``entity:`` words select nothing until an entity index is
        set.
        """
        order = self.order(sort, reverse)
        entries = self.entries
        rows: Sequence[int] = order
        words = query.words
        last = self._last
        if last is not None and last[1] == (sort, reverse) and _extends(words, last[0]):
            # Typing extends the words: their matches are among the last ones.
            rows = last[2]
        if len(words) == 1:
            word = words[0]
            rows = [i for i in rows if word in entries[i].haystack]
        elif words:
            rows = [i for i in rows if all(w in entries[i].haystack for w in words)]
        self._last = (words, (sort, reverse), list(rows))
        if query.articles:
            rows = [i for i in rows if query.takes_article_id(entries[i].id)]
        for group in query.entities:  # entity:kim-jong-un (nothing until the index is there)
            found: set[str] = set()
            for pattern in group:
                found.update(self.entity_index.matching(pattern) if self.entity_index else ())
            rows = [i for i in rows if entries[i].id in found]
        if query.annotation_words or query.has or query.lacks:
            annotations = self.annotations
            rows = [i for i in rows if query.choose(annotations.get(entries[i].id, ())) is not None]
        return list(rows)

    def index_of(self, article_id: str) -> int | None:
        """The entry index of ``article_id``, if present."""
        for i, entry in enumerate(self.entries):
            if entry.id == article_id:
                return i
        return None


def counts_of(annotations: Iterable[Annotation]) -> Counter[str]:
    """``claim``, ``note`` and ``claim:<status>`` counts (the library's Claims column)."""
    counts: Counter[str] = Counter()
    for annotation in annotations:
        counts[annotation.kind] += 1
        if annotation.kind == "claim":
            counts[f"claim:{annotation.status or 'unverified'}"] += 1
    return counts


def _extends(words: tuple[str, ...], last: tuple[str, ...]) -> bool:
    """True when entries matching ``words`` are among those matching ``last`` (typing went on)."""
    if len(words) < len(last):
        return False
    if not last:
        return True
    k = len(last)
    return words[: k - 1] == last[: k - 1] and words[k - 1].startswith(last[k - 1])

"""The library's rows: every article's summary, filtered as you type and sorted.

Built once per corpus so that a keystroke in the filter only scans
precomputed lowercase strings: with tens of thousands of articles the filter
must answer between two keystrokes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from store.news.article import Article


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
    """The published date as shown: ``YYYY-MM-DD`` when known, else the raw text or ``""``."""
    words: int
    haystack: str
    """Lowercased title, outlet, date, section and id, for the filter."""


def _shown_date(published: str | None) -> str:
    if not published:
        return ""
    if len(published) >= 10 and published[4] == "-" and published[7] == "-":
        return published[:10]
    return published


def make_entry(
    article_id: str,
    title: str,
    outlet: str | None,
    published: str | None,
    section: str | None,
    words: int,
) -> Entry:
    """The library's summary of an article from its fields (as the corpus cache keeps them)."""
    outlet = outlet or ""
    date = _shown_date(published)
    hay = " ".join(part for part in (title, outlet, date, section or "", article_id) if part)
    return Entry(article_id, title, outlet, date, words, hay.casefold())


def entry_for(article: Article) -> Entry:
    """The library's summary of ``article``."""
    return make_entry(
        article.id,
        article.title,
        article.outlet,
        article.published,
        article.section,
        article.word_count,
    )


class Catalog:
    """All entries of a corpus with the current filter and sort applied."""

    entity_index: EntityFilter | None = None
    """Answers ``entity:`` filter terms (see ``set_entity_index``)."""

    def __init__(self, articles: Iterable[Article] = (), entries: Iterable[Entry] = ()) -> None:
        self.entries: list[Entry] = [entry_for(a) for a in articles] + list(entries)
        self._orders: dict[tuple[str, bool], list[int]] = {}
        self.counts: dict[str, Counter[str]] = {}
        """Annotation counts per article id (``claim``, ``note``, ``claim:<status>``)."""
        self._last: tuple[str, tuple[str, bool], list[int]] | None = None

    def set_counts(self, counts: Mapping[str, Counter[str]]) -> None:
        """Use ``counts`` (from ``AnnotationStore.counts``) for every article."""
        self.counts = {key: value for key, value in counts.items() if value}
        self._orders.pop(("claims", False), None)
        self._orders.pop(("claims", True), None)

    def set_count(self, article_id: str, counts: Counter[str]) -> None:
        """Update one article's annotation counts."""
        if counts:
            self.counts[article_id] = counts
        else:
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
                dated = [i for i, e in enumerate(entries) if e.date]
                undated = [i for i, e in enumerate(entries) if not e.date]
                dated.sort(
                    key=lambda i: (entries[i].date, entries[i].title.casefold()),
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

    def select(self, query: str, sort: str = "date", reverse: bool = False) -> list[int]:
        """Indexes of entries matching every word of ``query``, in sort order.

        Besides words, the query may hold ``has:claims``, ``has:notes``,
        ``no:claims`` and ``status:<status>`` (``status:mostly-true`` for a
        status with a space) to filter by annotations, and ``entity:<key>``
        (``entity:kim-jong-un``) to filter by entity.
        """
        order = self.order(sort, reverse)
        terms: list[str] = []
        wanted: list[str] = []
        unwanted: list[str] = []
        named: list[str] = []
        for term in query.casefold().split():
            field, _, value = term.partition(":")
            if field == "has" and value in ("claims", "notes"):
                wanted.append(value[:-1])
            elif field == "no" and value in ("claims", "notes"):
                unwanted.append(value[:-1])
            elif field == "status" and value:
                wanted.append("claim:" + value.replace("-", " ").replace("_", " "))
            elif field == "entity" and value:
                named.append(value)
            else:
                terms.append(term)
        entries = self.entries
        rows = order
        plain = not (wanted or unwanted or named)
        folded = query.casefold().strip()
        last = self._last
        if plain and last is not None and last[1] == (sort, reverse) and folded.startswith(last[0]):
            # Typing extends the query: its matches are among the last ones.
            rows = last[2]
        if len(terms) == 1:
            term = terms[0]
            rows = [i for i in rows if term in entries[i].haystack]
        elif terms:
            rows = [i for i in rows if all(t in entries[i].haystack for t in terms)]
        self._last = (folded, (sort, reverse), rows) if plain else None
        for value in named:  # entity:kim-jong-un (nothing matches until the index is there)
            found = self.entity_index.matching(value) if self.entity_index else frozenset()
            rows = [i for i in rows if entries[i].id in found]
        if wanted or unwanted:
            counts = self.counts
            empty: Counter[str] = Counter()
            rows = [
                i
                for i in rows
                if all(counts.get(entries[i].id, empty)[w] for w in wanted)
                and not any(counts.get(entries[i].id, empty)[u] for u in unwanted)
            ]
        return list(rows)

    def index_of(self, article_id: str) -> int | None:
        """The entry index of ``article_id``, if present."""
        for i, entry in enumerate(self.entries):
            if entry.id == article_id:
                return i
        return None

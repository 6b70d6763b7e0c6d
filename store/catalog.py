"""The library's rows: every article's summary, filtered as you type and sorted.

Built once per corpus so that a keystroke in the filter only scans
precomputed lowercase strings: with tens of thousands of articles the filter
must answer between two keystrokes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .article import Article

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


def entry_for(article: Article) -> Entry:
    """The library's summary of ``article``."""
    outlet = article.outlet or ""
    date = _shown_date(article.published)
    hay = " ".join(
        part for part in (article.title, outlet, date, article.section or "", article.id) if part
    )
    return Entry(article.id, article.title, outlet, date, article.word_count, hay.casefold())


class Catalog:
    """All entries of a corpus with the current filter and sort applied."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self.entries: list[Entry] = [entry_for(a) for a in articles]
        self._orders: dict[tuple[str, bool], list[int]] = {}
        self.counts: dict[str, Counter[str]] = {}
        """Annotation counts per article id (``claim``, ``note``, ``claim:<status>``)."""

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
        status with a space) to filter by annotations.
        """
        order = self.order(sort, reverse)
        terms: list[str] = []
        wanted: list[str] = []
        unwanted: list[str] = []
        for term in query.casefold().split():
            field, _, value = term.partition(":")
            if field == "has" and value in ("claims", "notes"):
                wanted.append(value[:-1])
            elif field == "no" and value in ("claims", "notes"):
                unwanted.append(value[:-1])
            elif field == "status" and value:
                wanted.append("claim:" + value.replace("-", " ").replace("_", " "))
            else:
                terms.append(term)
        entries = self.entries
        rows = order
        if terms:
            rows = [i for i in rows if all(t in entries[i].haystack for t in terms)]
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

"""The corpus's entities by key: where else a person, organisation or place appears.

Read from the results the cache stores (``store.entities.cache``): each key
has a number, mentions by type and the count of texts naming it
(``entity_keys``), and ``entity_postings`` lists the texts naming each key.
What the index needs of the corpus is one table of articles with ``id``,
``sha256`` and ``shown`` columns (the corpus index's ``articles``; named by
the workspace, which joins the two), so it answers

* "also in N other articles" for the reader (a count kept per key: no scan);
* the other articles themselves, most mentions first (on asking);
* ``entity:belousov`` in the library, as one SQL condition
  (:meth:`EntityIndex.condition`), so a filter never loads the index;
* ``sorot entities``: every key with its type, mentions and articles.

The user's corrections live in the annotation store, per article; the few
corrected articles are kept here in memory (:meth:`EntityIndex.correct`) and
their keys take the place of the recogniser's in every answer.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from store.entities.cache import TYPE_COLUMNS, folded_key, recogniser_signature
from store.entities.keys import fold
from store.entities.model import TYPES, Entity
from store.entities.packing import key_token, unpack
from store.files.database import Database

OTHERS_LISTED = 30
"""Other articles listed for a key, at most (the count says how many there are)."""


@dataclass(frozen=True)
class ArticleTable:
    """Where the index finds articles: a table (or view) with ``id``, ``sha256``, ``shown``."""

    name: str = "articles"


@dataclass
class _Correction:
    auto: Counter[tuple[str, str]]
    shown: Counter[tuple[str, str]]


class OtherArticles(Mapping[str, int]):
    """The other articles naming a key: how many (``len``), and the first few with mentions.

    The count is kept per key; the articles themselves are looked up when
    first iterated (the entity list asks only when the user wants them).
    """

    def __init__(self, total: int, listed: Callable[[], dict[str, int]]) -> None:
        self.total = total
        self._load = listed
        self._listed: dict[str, int] | None = None

    @property
    def listed(self) -> dict[str, int]:
        """The first ``OTHERS_LISTED`` of them, most mentions first."""
        if self._listed is None:
            self._listed = self._load()
        return self._listed

    def __len__(self) -> int:
        return self.total

    def __iter__(self) -> Iterator[str]:
        return iter(self.listed)

    def __getitem__(self, article_id: str) -> int:
        return self.listed[article_id]


class EntityIndex:
    """Entity key → articles over the stored results (see the module)."""

    def __init__(self, database: Database | None, articles: ArticleTable = ArticleTable()) -> None:
        self.database = database
        self.articles = articles
        self.complete = False
        """True once every article of the corpus has its entities stored."""
        self._corrected: dict[str, _Correction] = {}
        self._own: dict[str, frozenset[int]] = {}

    # -- corrections -----------------------------------------------------------------

    def correct(self, article_id: str, auto: Iterable[Entity], shown: Iterable[Entity]) -> None:
        """``article_id`` shows ``shown`` where the recogniser said ``auto`` (its corrections)."""
        before = Counter((e.key, e.type) for e in auto if e.key)
        after = Counter((e.key, e.type) for e in shown if e.key)
        if before == after:
            self._corrected.pop(article_id, None)
        else:
            self._corrected[article_id] = _Correction(before, after)

    @property
    def corrected(self) -> set[str]:
        """Ids of the articles whose entities the user corrected (as far as told)."""
        return set(self._corrected)

    # -- keys ------------------------------------------------------------------------

    def _key_numbers(self, connection: sqlite3.Connection, patterns: Iterable[str]) -> list[int]:
        numbers: set[int] = set()
        for pattern in patterns:
            wanted = " " + fold(pattern.replace("-", " ").replace("_", " "))
            if not wanted.strip():
                continue
            numbers.update(
                row[0]
                for row in connection.execute(
                    "SELECT id FROM entity_keys WHERE instr(folded, ?) > 0 AND texts > 0",
                    (wanted,),
                )
            )
        return sorted(numbers)

    def _corrected_matching(self, patterns: Iterable[str]) -> set[str]:
        wanted = [" " + fold(p.replace("-", " ").replace("_", " ")) for p in patterns]
        wanted = [w for w in wanted if w.strip()]
        return {
            article_id
            for article_id, correction in self._corrected.items()
            if any(w in folded_key(key) for (key, _t) in correction.shown for w in wanted)
        }

    def condition(self, patterns: Iterable[str]) -> tuple[str, tuple[object, ...]]:
        """SQL over articles (alias ``a``): the article names a key any of ``patterns`` starts.

        ``belousov``, ``andrey-belousov`` and ``Andrei Belousov`` all find the
        key ``Andrei Belousov``; ``-`` and ``_`` stand for spaces.
        """
        patterns = list(patterns)
        corrected = self.corrected
        by_hand = sorted(self._corrected_matching(patterns))
        numbers: list[int] = []
        if self.database is not None:
            with self.database.connection() as connection:
                numbers = self._key_numbers(connection, patterns)
        parts, params = [], []
        if numbers:
            parts.append(
                "(a.id NOT IN (SELECT value FROM json_each(?)) AND a.sha256 IN ("
                "SELECT r.sha256 FROM entity_results r WHERE r.signature = ? AND r.id IN ("
                "SELECT rowid FROM entity_postings WHERE entity_postings MATCH ?)))"
            )
            expression = " OR ".join(key_token(n) for n in numbers)
            params += [json.dumps(sorted(corrected)), recogniser_signature(), expression]
        if by_hand:
            parts.append("a.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(by_hand))
        if not parts:
            return "0", ()
        return " OR ".join(parts), tuple(params)

    def _key_row(self, connection: sqlite3.Connection, key: str) -> tuple | None:
        columns = ", ".join(TYPE_COLUMNS[t] for t in TYPES)
        return connection.execute(
            f"SELECT id, texts, {columns} FROM entity_keys WHERE key = ?", (key,)
        ).fetchone()

    def others(self, key: str, article_id: str) -> OtherArticles:
        """The other articles naming ``key``: their count, and the first few, most mentions first.

        The count is kept per key (no scan): the texts naming it, less this
        article's, with corrected articles counted as corrected.
        """
        if self.database is None:
            return OtherArticles(0, dict)
        with self.database.connection() as connection:
            row = self._key_row(connection, key)
        number = row[0] if row else None
        total = row[1] if row else 0
        own = self._corrected.get(article_id)
        if own is not None:
            total -= any(k == key for k, _ in own.auto)
        elif number is not None and number in self._own_numbers(article_id):
            total -= 1
        for other, correction in self._corrected.items():
            if other != article_id:
                had = any(k == key for k, _ in correction.auto)
                total += any(k == key for k, _ in correction.shown) - had
        return OtherArticles(max(total, 0), lambda: self._listed(key, number, article_id))

    def _own_numbers(self, article_id: str) -> frozenset[int]:
        """The key numbers the recogniser found in ``article_id``'s text (the last few kept)."""
        found = self._own.get(article_id)
        if found is None:
            numbers: set[int] = set()
            if self.database is not None:
                with self.database.connection() as connection:
                    row = connection.execute(
                        f"SELECT r.mentions FROM {self.articles.name} a JOIN entity_results r "
                        "ON r.sha256 = a.sha256 WHERE a.id = ? AND r.signature = ? LIMIT 1",
                        (article_id, recogniser_signature()),
                    ).fetchone()
                if row is not None:
                    numbers.update(unpack(row[0])[0])
            found = self._own[article_id] = frozenset(numbers)
            while len(self._own) > 8:
                self._own.pop(next(iter(self._own)))
        return found

    def _listed(self, key: str, number: int | None, article_id: str) -> dict[str, int]:
        found: dict[str, int] = {}
        if number is not None and self.database is not None:
            with self.database.connection() as connection:
                rows = connection.execute(
                    f"SELECT a.id, r.mentions FROM (SELECT rowid, rank FROM entity_postings "
                    "WHERE entity_postings MATCH ? ORDER BY rank LIMIT ?) p "
                    "JOIN entity_results r ON r.id = p.rowid "
                    f"JOIN {self.articles.name} a ON a.sha256 = r.sha256 AND a.shown = 1 "
                    "WHERE r.signature = ? ORDER BY p.rank",
                    (key_token(number), OTHERS_LISTED + 1, recogniser_signature()),
                ).fetchall()
            for other, blob in rows:
                if other == article_id or other in self._corrected or other in found:
                    continue
                found[other] = sum(1 for *_x, n in unpack(blob)[1] if n == number)
        for other, correction in self._corrected.items():
            count = sum(n for (k, _t), n in correction.shown.items() if k == key)
            if count and other != article_id:
                found[other] = count
        ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))
        return dict(ranked[:OTHERS_LISTED])

    def where(self, key: str) -> dict[str, int]:
        """``{article id: mentions}`` of every article naming ``key`` (empty when unknown)."""
        found: dict[str, int] = {}
        if self.database is not None:
            with self.database.connection() as connection:
                row = self._key_row(connection, key)
                if row is not None:
                    for article_id, blob in connection.execute(
                        "SELECT a.id, r.mentions FROM entity_results r "
                        f"JOIN {self.articles.name} a ON a.sha256 = r.sha256 AND a.shown = 1 "
                        "WHERE r.signature = ? AND r.id IN "
                        "(SELECT rowid FROM entity_postings WHERE entity_postings MATCH ?)",
                        (recogniser_signature(), key_token(row[0])),
                    ):
                        found[article_id] = sum(1 for *_x, n in unpack(blob)[1] if n == row[0])
        for article_id, correction in self._corrected.items():
            found.pop(article_id, None)
            count = sum(n for (k, _t), n in correction.shown.items() if k == key)
            if count:
                found[article_id] = count
        return found

    def keys_of(self, article_id: str) -> set[str]:
        """The keys ``article_id`` names, as corrected (empty until its entities are stored)."""
        correction = self._corrected.get(article_id)
        if correction is not None:
            return {key for key, _kind in correction.shown}
        numbers = self._own_numbers(article_id)
        if not numbers or self.database is None:
            return set()
        with self.database.connection() as connection:
            return {
                row[0]
                for row in connection.execute(
                    "SELECT key FROM entity_keys WHERE id IN (SELECT value FROM json_each(?))",
                    (json.dumps(sorted(numbers)),),
                )
            }

    def type_of(self, key: str) -> str:
        """The type ``key`` has most often ("" when unknown)."""
        for row_key, kind, _mentions, _articles in self._rows(key):
            if row_key == key:
                return kind
        return ""

    def listing(self, type_: str | None = None) -> list[tuple[str, str, int, int]]:
        """``(key, type, mentions, articles)`` rows, most articles then most mentions first."""
        rows = [row for row in self._rows(None) if type_ is None or row[1] == type_]
        order = {t: i for i, t in enumerate(TYPES)}
        rows.sort(key=lambda r: (-r[3], -r[2], order.get(r[1], 9), r[0].casefold()))
        return rows

    def _rows(self, only: str | None) -> list[tuple[str, str, int, int]]:
        mentions: dict[str, Counter[str]] = {}
        texts: Counter[str] = Counter()
        if self.database is not None:
            columns = ", ".join(TYPE_COLUMNS[t] for t in TYPES)
            sql = f"SELECT key, texts, {columns} FROM entity_keys WHERE texts > 0"
            params: tuple[object, ...] = ()
            if only is not None:
                sql += " AND key = ?"
                params = (only,)
            with self.database.connection() as connection:
                for key, count, *by_type in connection.execute(sql, params):
                    texts[key] = count
                    mentions[key] = Counter(dict(zip(TYPES, by_type, strict=True)))
        for correction in self._corrected.values():
            for (key, kind), n in correction.auto.items():
                mentions.setdefault(key, Counter())[kind] -= n
            for (key, kind), n in correction.shown.items():
                mentions.setdefault(key, Counter())[kind] += n
            for key in {k for k, _ in correction.auto}:
                texts[key] -= 1
            for key in {k for k, _ in correction.shown}:
                texts[key] += 1
        rows = []
        for key, by_type in mentions.items():
            if only is not None and key != only:
                continue
            positive = +by_type
            if not positive or texts[key] <= 0:
                continue
            kind = max(TYPES, key=lambda t: (positive[t], -TYPES.index(t)))
            rows.append((key, kind, sum(positive.values()), texts[key]))
        return rows


def forget_gone_texts(database: Database, articles: ArticleTable = ArticleTable()) -> int:
    """Delete the results of texts no article of ``articles`` has any more; how many."""
    from store.entities.cache import forget_results

    with database.write() as connection:
        rows = connection.execute(
            "SELECT id, mentions FROM entity_results WHERE sha256 NOT IN "
            f"(SELECT sha256 FROM {articles.name})"
        ).fetchall()
        if not rows:
            return 0
        return forget_results(connection, rows)

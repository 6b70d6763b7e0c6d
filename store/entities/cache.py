"""The recogniser's results, kept per article text so that reopening costs nothing.

``recognise_article`` takes 5–30 ms an article once the model is loaded;
reading its result back takes well under a millisecond. Results are kept

* in memory (the last ``MEMORY`` texts), and
* in the data folder's index database (``store.files.database``), in
  ``entity_results``: one row per article text (its SHA-256), the title read
  as context, and the recogniser that made it (``recogniser_signature``: a
  hash of ``store/entities``' code, lists and model). Another recogniser,
  another title or an unreadable row is a miss, and the row is replaced.

A row's mentions are packed (``store.entities.packing``: offsets as
differences, each key once, zlib): about 300 bytes for an article of 600
words. Each key has a number
(``entity_keys``: the key, its folded form for ``entity:`` words, and its
mentions by type and texts over the whole index), and ``entity_postings``
lists, per result, the numbers of the keys it names, once per mention: a
full-text table used as a compact key → texts index (see
``store.entities.index``). A data folder that cannot be written leaves the
cache in memory only: the cache never stops anything.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import zlib
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from store.entities.keys import fold
from store.entities.model import TYPES, Entity
from store.entities.packing import (
    CACHE_VERSION,
    Packed,
    finish,
    key_token,
    prepack,
    unpack,
)
from store.files.database import Database, DatabaseUnreadable

if TYPE_CHECKING:
    from store.news.article import Article

MEMORY = 256
"""Results kept in memory (a few kilobytes each)."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS entity_keys (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    folded TEXT NOT NULL,
    per INTEGER NOT NULL DEFAULT 0,
    org INTEGER NOT NULL DEFAULT 0,
    loc INTEGER NOT NULL DEFAULT 0,
    date INTEGER NOT NULL DEFAULT 0,
    quant INTEGER NOT NULL DEFAULT 0,
    texts INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS entity_results (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    context TEXT NOT NULL,
    signature TEXT NOT NULL,
    mentions BLOB NOT NULL,
    UNIQUE (sha256, context, signature)
);
CREATE VIRTUAL TABLE IF NOT EXISTS entity_postings USING fts5 (
    keys,
    content = '',
    tokenize = 'unicode61'
);
"""
"""The entity tables (applied through ``store.files.database.Database``)."""

TYPE_COLUMNS = {kind: kind.lower() for kind in TYPES}
"""The column of ``entity_keys`` counting a type's mentions."""

_PACKAGE = Path(__file__).resolve().parent


_STORAGE = ("cache.py", "index.py", "corpus_pass.py", "packing.py")
"""The modules that keep results rather than make them: left out of the signature."""


@cache
def recogniser_signature() -> str:
    """A short hash of everything the recogniser's output depends on.

    The package's Python files, its lists and its model: about 5 MB read
    once per process (a few milliseconds). The storage modules (this one and
    ``index``) are left out: how results are kept does not change them.
    """
    digest = hashlib.sha256(f"sorot-entities-{CACHE_VERSION}".encode())
    files = sorted(_PACKAGE.glob("*.py")) + sorted(_PACKAGE.glob("data/*"))
    files += sorted(_PACKAGE.glob("*.crfsuite"))
    for path in files:
        if path.name in _STORAGE or not path.is_file():
            continue
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def title_context(article: Article) -> str:
    """The title ``recognise_article`` reads as context ("" when it reads none)."""
    title = (article.title or "").strip()
    if not title or article.title_derived or title in article.body:
        return ""
    return title


def folded_key(key: str) -> str:
    """A key as ``entity:`` words are looked for in it: folded, between spaces."""
    return " " + fold(key.replace("_", " ")) + " "


class EntityCache:
    """Results of ``recognise_article`` by text, in memory and in ``database``."""

    def __init__(self, database: Database | None, memory: int = MEMORY) -> None:
        self.database = database
        self._memory: OrderedDict[tuple[str, str], list[Entity]] = OrderedDict()
        self._size = memory
        self._lock = threading.Lock()
        self._keys: dict[str, int] = {}
        self._names: dict[int, str] = {}
        self._checked = False
        self.writable = database is not None
        self.hits = 0
        self.misses = 0

    # -- reading ------------------------------------------------------------------

    def in_memory(self, article: Article) -> list[Entity] | None:
        """The result if it is in memory (never touches the disk)."""
        key = (article.sha256, title_context(article))
        with self._lock:
            found = self._memory.get(key)
            if found is not None:
                self._memory.move_to_end(key)
            return list(found) if found is not None else None

    def get(self, article: Article) -> list[Entity] | None:
        """The stored result for ``article``'s text, from memory or disk; ``None`` if none."""
        found = self.in_memory(article)
        if found is not None:
            self.hits += 1
            return found
        found = self._load(article)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self._remember(article, found)
        return list(found)

    def _load(self, article: Article) -> list[Entity] | None:
        if self.database is None:
            return None
        try:
            with self.database.connection() as connection:
                self._check(connection)
                row = connection.execute(
                    "SELECT mentions FROM entity_results "
                    "WHERE sha256 = ? AND context = ? AND signature = ?",
                    (article.sha256, title_context(article), recogniser_signature()),
                ).fetchone()
                if row is None:
                    return None
                numbers, mentions = unpack(row[0])
                names = self.names(connection, numbers)
        except (sqlite3.Error, DatabaseUnreadable, OSError, ValueError, TypeError, zlib.error):
            return None
        body = article.body
        out = []
        for start, end, kind, number in mentions:
            if not (0 <= start < end <= len(body)) or not 0 <= kind < len(TYPES):
                return None
            if number not in names:
                return None
            out.append(Entity(start, end, body[start:end], TYPES[kind], names[number]))
        return out

    def names(self, connection: sqlite3.Connection, numbers: Iterable[int]) -> dict[int, str]:
        """The keys of ``numbers`` (remembered once read)."""
        wanted = [n for n in set(numbers) if n not in self._names]
        if wanted:
            for number, key in connection.execute(
                "SELECT id, key FROM entity_keys WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(wanted),),
            ):
                self._names[number] = key
                self._keys[key] = number
        return {n: self._names[n] for n in numbers if n in self._names}

    # -- writing ------------------------------------------------------------------

    def _remember(self, article: Article, entities: list[Entity]) -> None:
        key = (article.sha256, title_context(article))
        with self._lock:
            self._memory[key] = list(entities)
            self._memory.move_to_end(key)
            while len(self._memory) > self._size:
                self._memory.popitem(last=False)

    def put(self, article: Article, entities: list[Entity]) -> None:
        """Keep ``entities`` as the result for ``article``'s text."""
        self._remember(article, entities)
        spans = [(e.start, e.end, e.type, e.key) for e in entities]
        self.put_many([(article.sha256, title_context(article), prepack(spans))])

    def put_many(self, results: Sequence[tuple[str, str, Packed]]) -> None:
        """Store ``(sha256, context, prepack(spans))`` results in one transaction (the pass)."""
        if self.database is None or not self.writable or not results:
            return
        try:
            with self.database.write() as connection:
                self._check(connection)
                self._store(connection, results)
        except (sqlite3.Error, DatabaseUnreadable, OSError):
            self.writable = False  # a read-only data folder: memory only from now on

    def _store(
        self, connection: sqlite3.Connection, results: Sequence[tuple[str, str, Packed]]
    ) -> None:
        signature = recogniser_signature()
        postings: list[tuple[int, str]] = []
        counts: Counter[tuple[int, str]] = Counter()
        texts: Counter[int] = Counter()
        for sha256, context, packed in results:
            self._drop(connection, sha256, context, signature)
            key_ids = self._key_ids(connection, set(packed.keys))
            numbers = [key_ids[key] for key in packed.keys]
            blob, keys = finish(packed, numbers)
            result = connection.execute(
                "INSERT INTO entity_results (sha256, context, signature, mentions) "
                "VALUES (?, ?, ?, ?)",
                (sha256, context, signature, blob),
            ).lastrowid
            postings.append((int(result or 0), keys))
            for index, kind, n in packed.counts:
                counts[(numbers[index], kind)] += n
            texts.update(numbers)
        _count(connection, counts, texts, +1)
        # Full-text rows last: FTS5 flushes its pending rows at each statement that may
        # need undoing, so mixing them with the other writes would flush at every row.
        connection.executemany("INSERT INTO entity_postings (rowid, keys) VALUES (?, ?)", postings)

    def _drop(
        self, connection: sqlite3.Connection, sha256: str, context: str, signature: str
    ) -> None:
        row = connection.execute(
            "SELECT id, mentions FROM entity_results WHERE sha256 = ? AND context = ? "
            "AND signature = ?",
            (sha256, context, signature),
        ).fetchone()
        if row is not None:
            forget_results(connection, [row])

    def _key_ids(self, connection: sqlite3.Connection, keys: set[str]) -> dict[str, int]:
        missing = [k for k in keys if k not in self._keys]
        for key in missing:
            connection.execute(
                "INSERT INTO entity_keys (key, folded) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                (key, folded_key(key)),
            )
        if missing:
            for number, key in connection.execute(
                "SELECT id, key FROM entity_keys WHERE key IN (SELECT value FROM json_each(?))",
                (json.dumps(missing),),
            ):
                self._keys[key] = number
                self._names[number] = key
        return {k: self._keys[k] for k in keys}

    def _check(self, connection: sqlite3.Connection) -> None:
        """Once per process: results of another recogniser are of no use; let them go."""
        if self._checked:
            return
        self._checked = True
        signature = recogniser_signature()
        if connection.execute(
            "SELECT EXISTS (SELECT 1 FROM entity_results WHERE signature != ?)", (signature,)
        ).fetchone()[0]:
            in_transaction = connection.in_transaction
            if not in_transaction:
                connection.execute("BEGIN IMMEDIATE")
            connection.execute("DELETE FROM entity_results")
            connection.execute("DELETE FROM entity_keys")
            connection.execute(
                "INSERT INTO entity_postings (entity_postings) VALUES ('delete-all')"
            )
            if not in_transaction:
                connection.execute("COMMIT")
            self._keys.clear()
            self._names.clear()

    def recognise(self, article: Article) -> list[Entity]:
        """The recogniser's entities for ``article``: stored, or recognised and stored."""
        found = self.get(article)
        if found is not None:
            return found
        # Imported here: the CRF library and the rules load only when something is recognised.
        from store.entities.recognise import recognise_article

        found = recognise_article(article)
        self.put(article, found)
        return list(found)

    def forget(self) -> None:
        """Empty the memory (the stored results stay)."""
        with self._lock:
            self._memory.clear()


def forget_results(connection: sqlite3.Connection, rows: Iterable[tuple[int, bytes]]) -> int:
    """Delete the results ``(id, mentions)`` with their postings and counts; how many."""
    counts: Counter[tuple[int, str]] = Counter()
    texts: Counter[int] = Counter()
    postings = []
    ids = []
    for result, blob in rows:
        ids.append(result)
        try:
            _numbers, mentions = unpack(blob)
        except (ValueError, TypeError, zlib.error):
            continue  # unreadable: its postings cannot be taken out; they match no result
        tokens = [number for _s, _e, _k, number in mentions]
        for _s, _e, kind, number in mentions:
            counts[(number, TYPES[kind])] += 1
        texts.update(set(tokens))
        postings.append((result, " ".join(map(key_token, tokens))))
    connection.executemany("DELETE FROM entity_results WHERE id = ?", [(i,) for i in ids])
    _count(connection, counts, texts, -1)
    connection.executemany(
        "INSERT INTO entity_postings (entity_postings, rowid, keys) VALUES ('delete', ?, ?)",
        postings,
    )
    return len(ids)


_COUNT_SQL = (
    "UPDATE entity_keys SET texts = texts + ?, "
    + ", ".join(f"{column} = {column} + ?" for column in TYPE_COLUMNS.values())
    + " WHERE id = ?"
)
_COUNT_PLACE = {kind: place for place, kind in enumerate(TYPE_COLUMNS, 1)}
_NO_COUNTS = [0] * len(TYPE_COLUMNS)


def _count(
    connection: sqlite3.Connection,
    counts: Counter[tuple[int, str]],
    texts: Counter[int],
    sign: int,
) -> None:
    # One statement for every key, its columns of no mentions added nothing: a single
    # ``executemany`` where a statement made and run a key at a time cost the writer more.
    rows: dict[int, list[int]] = {}
    for number, n in texts.items():
        rows[number] = [sign * n, *_NO_COUNTS, number]
    for (number, kind), n in counts.items():
        row = rows.get(number)
        if row is None:
            row = rows[number] = [0, *_NO_COUNTS, number]
        row[_COUNT_PLACE[kind]] += sign * n
    connection.executemany(_COUNT_SQL, rows.values())

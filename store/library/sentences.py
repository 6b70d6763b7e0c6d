"""Related-passage candidates from the corpus index: every content sentence, by its rare terms.

:class:`SentenceIndex` is the index-backed
:class:`~store.claims.candidates.CandidateSource`. Beside the articles'
rows it keeps

* ``sentences``: one row per content sentence: its article's number, its
  start and end in the body, and what the re-ranking compares it by (its
  terms, the classes of things it counts, its dates as day spans); its text
  stays in the article's file;
* ``sentence_terms``: a *contentless* FTS5 table over each sentence's terms
  (``store.claims.terms``: stemmed, numbers and dates masked, counted things
  as their class), so ``mengirim 10.000 tentara`` and ``mengirimkan hampir
  12.000 pasukan`` share ``kirim`` and ``troops``;
* ``sentence_df``: in how many sentences each term is (its rarity, read a
  row at a time where FTS5's own counts would walk the whole table);
* ``sentence_articles``: which articles' sentences are in (and how many).

Rows made by another version of the terms (``sentence_rows.VERSION``, kept as
the count of the empty term, which no sentence has) are all dropped and read
again: a word stemmed otherwise must not miss the rows stemmed the old way.

Rows are filled incrementally (:meth:`SentenceIndex.update`, on a source's
first use; the workspace makes a new source after each refresh): an article
the index gained (new, or changed: a changed article gets a new number) has
its sentences added; an article gone has its rows, and their terms, deleted.

A query takes the passage's rarest terms (as many as ``POSTINGS`` bounds),
reads from FTS5 the sentences holding each, scores them by the summed
rarity of the terms they share (as the sentence scan does; FTS5's own bm25
costs too much a match when a term is in tens of thousands of sentences),
and hands the best ``limit`` rows to the re-ranking: no file is read until
the few shown are described.
"""

from __future__ import annotations

import heapq
import json
import math
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import date
from functools import lru_cache
from itertools import islice
from operator import itemgetter

from store.claims.candidates import Candidate
from store.claims.terms import terms
from store.files.database import Database
from store.files.workers import available_cores, in_workers
from store.library.sentence_rows import SEP, Row, Wanted, forget_other_version, rows_of_files
from store.library.sentence_schema import SCHEMA
from store.news.article import Article

__all__ = ["SCHEMA", "SentenceIndex"]

RAREST = 12
"""Of a passage's terms, the rarest this many look for candidates at most (the rest score)."""

POSTINGS = 60_000
"""The sentences the looking-for terms may be in, together (beyond the rarest term)."""

COMMON_SHARE = 0.05
"""Terms in more than this share of the sentences never look for candidates."""

BATCH = 500
"""Articles whose sentences are written per transaction while catching up."""

IN_PROCESS = 64
"""Up to this many files waiting are read in this process (workers cost a start)."""

CHUNK = 32
"""Files handed to a worker at a time."""

ReadArticles = Callable[[Iterable[str]], Iterator[Article]]
"""The articles of some ids, each file read once (``Corpus.articles``)."""


@lru_cache(maxsize=100_000)
def token(term: str) -> str:
    """A term as one full-text token, its letters and digits (``key:kim jong un``)."""
    return "".join(c for c in term.casefold() if c.isalnum())


class SentenceIndex:
    """Sentences of the corpus index's articles as related-passage candidates (see the module)."""

    def __init__(self, database: Database, read: ReadArticles) -> None:
        self.database = database
        self._read = read
        self._lock = threading.Lock()
        self._idf: dict[str, float] = {}
        self._total = 0
        self._current = False

    # -- keeping up with the index -------------------------------------------------------

    def update(
        self,
        stop: Callable[[], bool] = lambda: False,
        workers: int | None = None,
        *,
        niceness: int = 0,
        pause: Callable[[], None] = lambda: None,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Add the sentences of articles the index gained, drop those of gone ones; how many added.

        Cheap when nothing changed (a few counts). Many articles waiting are
        read in ``workers`` processes (every core by default), ``niceness``
        below this one; ``pause`` is called between files (the app steps aside
        while the user types) and ``progress(done, total)`` after each batch.
        Safe from several threads and processes: each write re-checks what is
        still missing.
        """
        with self._lock:
            forget_other_version(self.database)
            self._drop_gone()
            added = 0
            missing = self._missing()
            total, done = sum(len(wanted) for _, wanted in missing), 0
            batch: list[tuple[int, list[Row]]] = []
            for result in self._rows(missing, stop, workers, niceness, pause):
                batch.append(result)
                if len(batch) >= BATCH:
                    added += self._write(batch)
                    done += len(batch)
                    batch = []
                    if progress is not None:
                        progress(done, total)
            if batch:
                added += self._write(batch)
                done += len(batch)
            if progress is not None and total:
                progress(done, total)
            if added or not self._current:
                self._idf.clear()
                with self.database.connection() as connection:
                    self._total = connection.execute("SELECT count(*) FROM sentences").fetchone()[0]
            self._current = not stop()
            return added

    def _ensure(self) -> None:
        """Catch up with the index once (the workspace makes a new source after a refresh)."""
        if not self._current:
            self.update()

    def _missing(self) -> list[Wanted]:
        """The shown articles without sentence rows, by file (in the files' order)."""
        with self.database.connection() as connection:
            rows = connection.execute(
                "SELECT f.path, a.number, a.id, a.position FROM articles a "
                "JOIN files f ON f.id = a.file WHERE a.shown = 1 AND NOT EXISTS "
                "(SELECT 1 FROM sentence_articles s WHERE s.number = a.number) "
                "ORDER BY f.path, a.position"
            ).fetchall()
        by_file: dict[str, list[tuple[int, str, int]]] = {}
        for path, number, article_id, position in rows:
            by_file.setdefault(path, []).append((number, article_id, position))
        return list(by_file.items())

    def _rows(
        self,
        missing: list[Wanted],
        stop: Callable[[], bool],
        workers: int | None,
        niceness: int = 0,
        pause: Callable[[], None] = lambda: None,
    ) -> Iterator[tuple[int, list[Row]]]:
        """Each missing article's number and rows, read in worker processes when many."""
        workers = available_cores() if workers is None else workers
        if len(missing) <= IN_PROCESS or workers <= 1:
            for item in missing:
                pause()
                if stop():
                    return
                yield from rows_of_files([item])
            return
        chunks = [missing[i : i + CHUNK] for i in range(0, len(missing), CHUNK)]
        for done in in_workers(
            rows_of_files, chunks, workers=workers, stop=stop, niceness=niceness, pause=pause
        ):
            yield from done

    def _write(self, batch: list[tuple[int, list[Row]]]) -> int:
        """Write the rows of ``batch``'s articles (those no other writer wrote first)."""
        with self.database.write() as connection:
            done = {
                row[0]
                for row in connection.execute(
                    "SELECT number FROM sentence_articles WHERE number IN "
                    "(SELECT value FROM json_each(?))",
                    (_json_list(number for number, _rows in batch),),
                )
            }
            rows = [row for number, found in batch if number not in done for row in found]
            first = connection.execute("SELECT coalesce(max(id), 0) + 1 FROM sentences").fetchone()
            ids = range(first[0], first[0] + len(rows))
            connection.executemany(
                "INSERT INTO sentences (id, number, start, end, terms, units, dates) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                ((i, *row) for i, row in zip(ids, rows, strict=True)),
            )
            _count_terms(connection, (row[3] for row in rows), 1)
            connection.executemany(
                "INSERT INTO sentence_terms (rowid, terms) VALUES (?, ?)",
                ((i, _tokens(row[3])) for i, row in zip(ids, rows, strict=True)),
            )
            # An article that could not be read counts as done with no sentences: tried once.
            connection.executemany(
                "INSERT OR IGNORE INTO sentence_articles (number, sentences) VALUES (?, ?)",
                ((n, len(found)) for n, found in batch if n not in done),
            )
        return len(rows)

    def _drop_gone(self) -> None:
        """Forget the sentences of articles no longer shown (gone, changed, or a second copy)."""
        with self.database.connection() as connection:
            kept = connection.execute("SELECT count(*) FROM sentence_articles").fetchone()[0]
            live = connection.execute(
                "SELECT count(*) FROM sentence_articles s JOIN articles a "
                "ON a.number = s.number AND a.shown = 1"
            ).fetchone()[0]
        if kept == live:
            return
        with self.database.write() as connection:
            gone = [
                row[0]
                for row in connection.execute(
                    "SELECT s.number FROM sentence_articles s LEFT JOIN articles a ON "
                    "a.number = s.number AND a.shown = 1 WHERE a.number IS NULL"
                )
            ]
            numbers = _json_list(gone)
            within = "number IN (SELECT value FROM json_each(?))"
            # A contentless table forgets a row given the very terms it was given.
            rows = connection.execute(
                f"SELECT id, terms FROM sentences WHERE {within}", (numbers,)
            ).fetchall()
            connection.executemany(
                "INSERT INTO sentence_terms (sentence_terms, rowid, terms) VALUES ('delete', ?, ?)",
                ((i, _tokens(found)) for i, found in rows),
            )
            _count_terms(connection, (found for _i, found in rows), -1)
            connection.execute(f"DELETE FROM sentences WHERE {within}", (numbers,))
            connection.execute(f"DELETE FROM sentence_articles WHERE {within}", (numbers,))

    # -- CandidateSource -----------------------------------------------------------------

    @property
    def size(self) -> int:
        """How many sentences are indexed (catching up first)."""
        self._ensure()
        return self._total

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency of ``term`` over the sentences."""
        found = self._idf.get(term)
        if found is None:
            found = self._idfs([term])[term]
        return found

    def _idfs(self, wanted: Collection[str]) -> dict[str, float]:
        self._ensure()
        missing = [t for t in wanted if t not in self._idf]
        if missing:
            with self.database.connection() as connection:
                counts = dict(
                    connection.execute(
                        "SELECT term, df FROM sentence_df WHERE term IN "
                        "(SELECT value FROM json_each(?))",
                        (_json_list(missing),),
                    )
                )
            total = self._total or 1
            for term in missing:
                self._idf[term] = math.log((total + 1) / (counts.get(term, 0) + 0.5))
        return {t: self._idf[t] for t in wanted}

    def candidates(
        self, text: str, keys: Collection[str], exclude: str, limit: int
    ) -> list[Candidate]:
        """Sentences outside ``exclude`` scored by the summed rarity of the rare terms shared."""
        self._ensure()
        wanted = terms(text, keys)
        if not wanted or not self._total:
            return []
        chosen = self._looking_for(wanted)
        if not chosen:
            return []
        scores: dict[int, float] = defaultdict(float)
        with self.database.connection() as connection:
            # The postings alone are cheap to read; FTS5's bm25 costs microseconds a match,
            # too many when a term is in tens of thousands of sentences: summed here instead.
            for found, weight in chosen:
                for (rowid,) in connection.execute(
                    "SELECT rowid FROM sentence_terms WHERE sentence_terms MATCH ?", (f'"{found}"',)
                ):
                    scores[rowid] += weight
            # The passage's own article is left out after the ranking: room for its sentences.
            own = connection.execute(
                "SELECT coalesce(sum(s.sentences), 0) FROM sentence_articles s "
                "JOIN articles a ON a.number = s.number WHERE a.id = ?",
                (exclude,),
            ).fetchone()[0]
            best = heapq.nlargest(limit + own, scores.items(), key=itemgetter(1))
            rows = connection.execute(
                # CROSS JOIN keeps the sentences first: without statistics SQLite would walk
                # every shown article (an index on ``shown`` looks as good to it).
                "SELECT s.id, a.id, a.date, s.start, s.end, s.terms, s.units, s.dates "
                "FROM sentences s CROSS JOIN articles a ON a.number = s.number AND a.shown = 1 "
                "WHERE s.id IN (SELECT value FROM json_each(?)) AND a.id != ?",
                (_json_list(rowid for rowid, _score in best), exclude),
            ).fetchall()
        found_rows = sorted(rows, key=lambda row: -scores[row[0]])[:limit]
        found = [
            Candidate(
                article_id,
                start,
                end,
                "",
                scores[rowid],
                terms=frozenset(found_terms.split(SEP)),
                day=_shown_day(shown),
                units=frozenset((units or "").split()),
                dates=_spans(spans),
            )
            for rowid, article_id, shown, start, end, found_terms, units, spans in found_rows
        ]
        # The re-ranking weighs every term of every candidate: their rarities in one go.
        self._idfs({t for c in found for t in c.terms or ()})
        return found

    def _looking_for(self, wanted: frozenset[str]) -> list[tuple[str, float]]:
        """The tokens of the rarest of ``wanted`` with their rarity, as ``POSTINGS`` allows."""
        idf = self._idfs(wanted)
        total = self._total
        # As the scan: a term in more than 20 sentences and a share of them finds nothing.
        common = max(20, int(total * COMMON_SHARE))
        floor = math.log((total + 1) / (common + 0.5))
        rare = sorted((t for t in wanted if token(t) and idf[t] >= floor), key=lambda t: -idf[t])
        chosen: dict[str, float] = {}
        postings = 0.0
        for term in rare[:RAREST]:
            # idf = log((n + 1) / (df + 0.5)): the sentences a term is in, back from its rarity.
            postings += (total + 1) / math.exp(idf[term]) - 0.5
            if chosen and postings > POSTINGS:
                break
            chosen[token(term)] = max(chosen.get(token(term), 0.0), idf[term])
        return list(chosen.items())

    def sentences(self) -> Iterator[tuple[str, int, int, str]]:
        """Every indexed sentence as ``(article id, start, end, text)`` (for suggestions)."""
        self._ensure()
        with self.database.connection() as connection:
            rows = connection.execute(
                "SELECT a.id, s.start, s.end FROM sentences s JOIN articles a "
                "ON a.number = s.number AND a.shown = 1 ORDER BY s.number, s.start"
            ).fetchall()
        spans: dict[str, list[tuple[int, int]]] = {}
        for article_id, start, end in rows:
            spans.setdefault(article_id, []).append((start, end))
        ids = iter(spans)
        while chunk := list(islice(ids, BATCH)):
            for article in self._read(chunk):
                for start, end in spans[article.id]:
                    yield article.id, start, end, article.body[start:end]


def _count_terms(connection, rows: Iterable[str], sign: int) -> None:  # sqlite3.Connection
    """Add (``sign`` 1) or take away (-1) the terms of ``rows`` from the terms' counts."""
    counted = Counter(t for found in rows for t in found.split(SEP))
    connection.executemany(
        "INSERT INTO sentence_df (term, df) VALUES (?, ?) "
        "ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
        ((t, sign * n) for t, n in counted.items()),
    )


def _tokens(found: str) -> str:
    """The full-text tokens of a row's ``terms``."""
    return " ".join(sorted({token(t) for t in found.split(SEP)}))


def _shown_day(shown: str) -> date | None:
    """The day of an article row's date (``2024-11-30``, ``~2024-11-30``; not ambiguous ones)."""
    try:
        return date.fromisoformat(shown.removeprefix("~")[:10])
    except ValueError:
        return None


def _spans(text: str | None) -> tuple[tuple[float, float], ...]:
    """A row's dates, back as day spans."""
    if not text:
        return ()
    return tuple((float(a), float(b)) for a, b in (pair.split(":") for pair in text.split()))


def _json_list(values: Iterable[object]) -> str:
    return json.dumps(list(values))

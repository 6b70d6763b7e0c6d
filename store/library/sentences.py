"""Related-passage candidates from the corpus index: every content sentence, searchable by bm25.

:class:`SentenceIndex` is the index-backed
:class:`~store.claims.candidates.CandidateSource`. Beside the articles'
rows it keeps

* ``sentences``: one small row per content sentence, ``(rowid, article
  number, start, end)``; its text stays in the article's file;
* ``sentence_terms``: a *contentless* FTS5 table over each sentence's terms
  (``store.claims.terms``: stemmed, numbers and dates masked, counted things
  as their class), so ``mengirim 10.000 tentara`` and ``mengirimkan hampir
  12.000 pasukan`` share ``kirim`` and ``troops``;
* ``sentence_articles``: which articles' sentences are in (and how many).

Rows are filled incrementally (:meth:`SentenceIndex.update`, on a source's
first use; the workspace makes a new source after each refresh): an article
the index gained (new, or changed: a changed article gets a new number) has
its sentences added; an article gone has its rows deleted. As for the
articles' full text, a contentless table cannot take a row out exactly: a
gone sentence's terms stay behind matching no ``sentences`` row, and the
terms are built again once they outnumber the live ones.

A query takes the passage's rarest terms, asks FTS5 for the sentences
sharing most of them (bm25), and reads the few articles those are in to
hand their text to the re-ranking (``store.claims.related``).
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from itertools import islice

from store.claims.candidates import MIN_TERMS, Candidate, content_sentences
from store.claims.figures import article_day
from store.claims.terms import terms
from store.files.database import Database
from store.news.article import Article

SCHEMA = """
CREATE TABLE IF NOT EXISTS sentences (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sentences_by_number ON sentences (number);

CREATE TABLE IF NOT EXISTS sentence_articles (
    number INTEGER PRIMARY KEY,
    sentences INTEGER NOT NULL
);

CREATE VIRTUAL TABLE IF NOT EXISTS sentence_terms USING fts5 (
    terms,
    content = '',
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE IF NOT EXISTS sentence_vocab USING fts5vocab (sentence_terms, 'row');
"""
"""The sentence tables (applied with the corpus tables, ``store.files.database.Database``)."""

RAREST = 12
"""Of a passage's terms, the rarest this many look for candidates (common ones only score)."""

COMMON_SHARE = 0.05
"""Terms in more than this share of the sentences never look for candidates."""

BATCH = 500
"""Articles whose sentences are written per transaction while catching up."""

ReadArticles = Callable[[Iterable[str]], Iterator[Article]]
"""The articles of some ids, each file read once (``Corpus.articles``)."""


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

    def update(self, stop: Callable[[], bool] = lambda: False) -> int:
        """Add the sentences of articles the index gained, drop those of gone ones; how many added.

        Cheap when nothing changed (two counts). Safe from several threads and
        processes: each batch re-checks, inside its write, what is still missing.
        """
        with self._lock:
            self._drop_gone()
            added = 0
            while not stop():
                missing = self._missing(BATCH)
                if not missing:
                    break
                added += self._add(missing)
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

    def _missing(self, limit: int) -> dict[str, int]:
        """Up to ``limit`` shown articles without sentence rows: id → number."""
        with self.database.connection() as connection:
            rows = connection.execute(
                "SELECT a.id, a.number FROM articles a WHERE a.shown = 1 AND NOT EXISTS "
                "(SELECT 1 FROM sentence_articles s WHERE s.number = a.number) "
                "ORDER BY a.number LIMIT ?",
                (limit,),
            ).fetchall()
        return dict(rows)

    def _add(self, missing: dict[str, int]) -> int:
        rows: list[tuple[int, int, int, str]] = []
        counts = dict.fromkeys(missing.values(), 0)
        for article in self._read(missing):
            number = missing[article.id]
            for start, end, found in _sentence_terms(article):
                rows.append((number, start, end, " ".join(sorted({token(t) for t in found}))))
                counts[number] += 1
        with self.database.write() as connection:
            done = {
                row[0]
                for row in connection.execute(
                    "SELECT number FROM sentence_articles WHERE number IN "
                    "(SELECT value FROM json_each(?))",
                    (_json_list(counts),),
                )
            }
            rows = [row for row in rows if row[0] not in done]
            first = connection.execute("SELECT coalesce(max(id), 0) + 1 FROM sentences").fetchone()
            ids = range(first[0], first[0] + len(rows))
            connection.executemany(
                "INSERT INTO sentences (id, number, start, end) VALUES (?, ?, ?, ?)",
                ((i, *row[:3]) for i, row in zip(ids, rows, strict=True)),
            )
            connection.executemany(
                "INSERT INTO sentence_terms (rowid, terms) VALUES (?, ?)",
                ((i, row[3]) for i, row in zip(ids, rows, strict=True)),
            )
            # An article that could not be read counts as done with no sentences: tried once.
            connection.executemany(
                "INSERT OR IGNORE INTO sentence_articles (number, sentences) VALUES (?, ?)",
                ((n, c) for n, c in counts.items() if n not in done),
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
            gone = (
                "(SELECT s.number FROM sentence_articles s LEFT JOIN articles a ON "
                "a.number = s.number AND a.shown = 1 WHERE a.number IS NULL)"
            )
            connection.execute(f"DELETE FROM sentences WHERE number IN {gone}")
            connection.execute(f"DELETE FROM sentence_articles WHERE number IN {gone}")
            live_rows = connection.execute("SELECT count(*) FROM sentences").fetchone()[0]
            all_rows = connection.execute("SELECT count(*) FROM sentence_terms_docsize").fetchone()[
                0
            ]
            if all_rows - live_rows > max(2000, live_rows):
                # Left-over terms now cost more than they save: start the terms afresh.
                connection.execute("DELETE FROM sentences")
                connection.execute("DELETE FROM sentence_articles")
                connection.execute(
                    "INSERT INTO sentence_terms (sentence_terms) VALUES ('delete-all')"
                )

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
        missing = {t for t in wanted if t not in self._idf}
        if missing:
            tokens = {token(t): t for t in missing}
            with self.database.connection() as connection:
                counts = dict(
                    connection.execute(
                        "SELECT term, doc FROM sentence_vocab WHERE term IN "
                        "(SELECT value FROM json_each(?))",
                        (_json_list(tokens),),
                    )
                )
            total = self._total or 1
            for tok, term in tokens.items():
                self._idf[term] = math.log((total + 1) / (counts.get(tok, 0) + 0.5))
        return {t: self._idf[t] for t in wanted}

    def candidates(
        self, text: str, keys: Collection[str], exclude: str, limit: int
    ) -> list[Candidate]:
        """Sentences outside ``exclude`` sharing the rarest terms of ``text``, by bm25."""
        self._ensure()
        wanted = terms(text, keys)
        if not wanted or not self._total:
            return []
        idf = self._idfs(wanted)
        # As the scan: a term in more than 20 sentences and a share of them finds nothing.
        common = max(20, int(self._total * COMMON_SHARE))
        floor = math.log((self._total + 1) / (common + 0.5))
        rare = sorted((t for t in wanted if token(t) and idf[t] >= floor), key=lambda t: -idf[t])
        tokens = sorted({token(t) for t in rare[:RAREST]})
        if not tokens:
            return []
        expression = " OR ".join(f'"{t}"' for t in tokens)
        with self.database.connection() as connection:
            # The passage's own article is left out after the ranking: room for its sentences.
            own = connection.execute(
                "SELECT coalesce(sum(s.sentences), 0) FROM sentence_articles s "
                "JOIN articles a ON a.number = s.number WHERE a.id = ?",
                (exclude,),
            ).fetchone()[0]
            rows = connection.execute(
                "SELECT a.id, s.start, s.end, m.score FROM ("
                "  SELECT rowid, -rank AS score FROM sentence_terms WHERE sentence_terms MATCH ? "
                "  ORDER BY rank LIMIT ?) m "
                "JOIN sentences s ON s.id = m.rowid "
                "JOIN articles a ON a.number = s.number AND a.shown = 1 "
                "WHERE a.id != ? ORDER BY m.score DESC",
                (expression, limit + own, exclude),
            ).fetchall()
        rows = rows[:limit]
        spans: dict[str, list[tuple[int, int, float]]] = {}
        for article_id, start, end, score in rows:
            spans.setdefault(article_id, []).append((start, end, score))
        found: list[Candidate] = []
        for article in self._read(spans):
            day = article_day(article)
            for start, end, score in spans[article.id]:
                sentence = article.body[start:end]
                found.append(Candidate(article.id, start, end, sentence, score, day=day))
        found.sort(key=lambda c: -c.score)
        return found

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


def _sentence_terms(article: Article) -> Iterator[tuple[int, int, frozenset[str]]]:
    """The content sentences of ``article`` worth comparing, with their terms."""
    body = article.body
    for start, end in content_sentences(article):
        found = terms(body[start:end])
        if len(found) >= MIN_TERMS:
            yield start, end, found


def _json_list(values: Iterable[object]) -> str:
    return json.dumps(list(values))

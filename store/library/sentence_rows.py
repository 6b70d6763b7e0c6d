"""What the sentence index keeps of an article: one row per content sentence worth comparing.

Made where the articles are read: in worker processes when many articles
wait (``store.files.workers``), so that catching the sentences up with a big
corpus takes every core, as reading it did.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from store.claims.candidates import MIN_TERMS, content_sentences
from store.claims.figures import article_day
from store.claims.related import compared
from store.claims.terms import terms
from store.files.database import Database
from store.library.corpus import article_in
from store.news.article import Article
from store.news.readers import ReadError, read_file

VERSION = 2
"""What a row holds, as made today: raise it whenever ``store.claims.terms`` (or the units and
dates kept) make other rows of the same text, so that indexes made before read again."""

SEP = "\t"
"""Between the terms of a ``sentences`` row (a term may hold a space: ``key:kim jong un``)."""

Row = tuple[int, int, int, str, str | None, str | None]
"""``(article number, start, end, terms, units, dates)`` of one sentence."""

Wanted = tuple[str, Sequence[tuple[int, str, int]]]
"""A file's path and the ``(article number, id, position)`` wanted of it."""


def forget_other_version(database: Database) -> None:
    """Drop every sentence row when rows were made by other terms than today's (``VERSION``).

    The version is kept as the count of the empty term, which no sentence has; an index
    from before versions were kept has none, and is read again too.
    """
    with database.connection() as connection:
        if _version(connection) == VERSION:
            return
    with database.write() as connection:
        if _version(connection) == VERSION:
            return  # another process read them again first
        connection.execute("DELETE FROM sentences")
        connection.execute("DELETE FROM sentence_df")
        connection.execute("DELETE FROM sentence_articles")
        connection.execute("INSERT INTO sentence_terms (sentence_terms) VALUES ('delete-all')")
        connection.execute("INSERT INTO sentence_df (term, df) VALUES ('', ?)", (VERSION,))


def _version(connection: sqlite3.Connection) -> int | None:
    found = connection.execute("SELECT df FROM sentence_df WHERE term = ''").fetchone()
    return found[0] if found else None


def rows_of(article: Article, number: int) -> Iterator[Row]:
    """The rows of ``article``'s content sentences with enough terms to compare."""
    body = article.body
    day = article_day(article)
    for start, end in content_sentences(article):
        text = body[start:end]
        found = terms(text)
        if len(found) < MIN_TERMS:
            continue
        units, spans = compared(text, day)
        yield (
            number,
            start,
            end,
            SEP.join(sorted(found)),
            " ".join(sorted(units)) or None,
            " ".join(f"{int(a)}:{int(b)}" for a, b in spans) or None,
        )


def rows_of_files(chunk: Sequence[Wanted]) -> list[tuple[int, list[Row]]]:
    """Each wanted article of the files of ``chunk`` with its rows (none when unreadable)."""
    out: list[tuple[int, list[Row]]] = []
    for path, wanted in chunk:
        try:
            articles = read_file(Path(path))[0]
        except (ReadError, OSError):
            articles = []
        except Exception:  # a parser bug must not stop the rest of the corpus
            articles = []
        for number, article_id, position in wanted:
            article = article_in(articles, article_id, position) if articles else None
            out.append((number, list(rows_of(article, number)) if article else []))
    return out

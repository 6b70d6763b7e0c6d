"""Keeping the corpus's full text (FTS5's ``article_text``) in shape as the index changes.

The indexer (``store.library.indexer``) writes the rows; this module holds
what keeps their full text cheap:

* **bulk reading**: a first index of a big corpus drops the indexes that
  only sort and stops FTS5 merging as batches arrive (:func:`begin_bulk`),
  then makes both once at the end (:func:`end_bulk`, also after a refresh
  killed half-way);
* **tidying**: the pieces written a batch at a time merged into one, and the
  WAL file emptied (:func:`tidy`);
* **stale rows**: a contentless FTS5 table cannot forget an article's words
  exactly, so the rows of articles gone are left; once they outweigh the
  corpus the full text is built again from the files (:func:`stale_share`,
  :func:`rebuild`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from store.files.database import Database
from store.library.parsing import parse_files
from store.library.schema import SORT_INDEXES
from store.library.walk import Seen
from store.query.words import searched_meta

STALE_FLOOR = 2000
"""Left-over full-text rows below this many never cost enough to build the full text again."""

BULK_FULL_TEXT = {"automerge": 0, "crisismerge": 64, "hashsize": 32 << 20}
"""FTS5's settings while reading in bulk: no merging as batches arrive (``optimize``
merges once at the end), and a batch's words held in memory until it is committed."""

USUAL_FULL_TEXT = {"automerge": 4, "crisismerge": 16, "hashsize": 1 << 20}
"""FTS5's own defaults, put back after a bulk read (they are kept in the table)."""

Progress = Callable[[int, int], None]
"""Called with ``(files read, files to read)``."""


def begin_bulk(database: Database) -> None:
    """Drop the sorting indexes and stop FTS5's merging until :func:`end_bulk`."""
    with database.write() as connection:
        for name in SORT_INDEXES:
            connection.execute(f"DROP INDEX IF EXISTS {name}")
        _settings(connection, BULK_FULL_TEXT)


def end_bulk(database: Database) -> None:
    """Make what a bulk read left out, if anything (also after a refresh killed mid-way)."""
    with database.connection() as connection:
        there = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        settings = dict(connection.execute("SELECT k, v FROM article_text_config"))
    if set(SORT_INDEXES) <= there and settings.get("automerge", 4) == 4:
        return
    with database.write() as connection:
        for sql in SORT_INDEXES.values():
            connection.execute(sql)
        _settings(connection, USUAL_FULL_TEXT)


def tidy(database: Database) -> None:
    """Merge the full text's pieces (written a batch at a time) and empty the WAL file."""
    with database.write() as connection:
        connection.execute("INSERT INTO article_text (article_text) VALUES ('optimize')")
    with database.connection() as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def stale_share(database: Database) -> float:
    """Left-over full-text rows (of articles gone) per live article, once there are many."""
    with database.connection() as connection:
        live = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        rows = connection.execute("SELECT count(*) FROM article_text_docsize").fetchone()[0]
    stale = rows - live
    return 0.0 if stale < STALE_FLOOR else stale / max(1, live)


def rebuild(
    database: Database,
    progress: Progress | None,
    stop: Callable[[], bool],
    workers: tuple[int | None, int],
) -> None:
    """Build the full text again from the files, so that left-over rows stop costing.

    The articles' rows stay as they are (the library goes on meanwhile);
    a new full-text table takes the old one's place when it is complete.
    ``workers`` is ``(processes, niceness)``.
    """
    with database.connection() as connection:
        files = connection.execute(
            "SELECT id, path, size, mtime_ns, inode FROM files ORDER BY path"
        ).fetchall()
    with database.write() as connection:
        connection.execute("DROP TABLE IF EXISTS article_text_new")
        sql = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'article_text'"
        ).fetchone()[0]
        connection.execute(sql.replace("article_text", "article_text_new", 1))
    by_path = {path: file_id for file_id, path, *_ in files}
    seen = [Seen(path, size, mtime, inode) for _, path, size, mtime, inode in files]
    total = len(seen)
    for done, parsed in enumerate(parse_files(seen, workers[0], stop, workers[1]), 1):
        with database.write() as connection:
            for record in parsed.articles:
                row = connection.execute(
                    "SELECT number, outlet, section, date FROM articles "
                    "WHERE file = ? AND position = ? AND sha256 = ?",
                    (by_path[parsed.seen.path], record[1], record[7]),
                ).fetchone()
                if row is not None:
                    meta = searched_meta(row[1], row[2], row[3])
                    connection.execute(
                        "INSERT INTO article_text_new (rowid, title, body, meta) "
                        "VALUES (?, ?, ?, ?)",
                        (row[0], record[2], record[12], meta),
                    )
        if progress is not None and done % 64 == 0:
            progress(done, total)
    if stop():
        with database.write() as connection:
            connection.execute("DROP TABLE IF EXISTS article_text_new")
        return
    with database.write() as connection:
        connection.execute("DROP TABLE article_text")
        connection.execute("ALTER TABLE article_text_new RENAME TO article_text")


def _settings(connection: sqlite3.Connection, settings: dict[str, int]) -> None:
    for name, value in settings.items():
        connection.execute(
            "INSERT INTO article_text (article_text, rank) VALUES (?, ?)", (name, value)
        )

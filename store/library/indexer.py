"""Bringing the corpus index up to date with the files: only what changed is read.

:meth:`Indexer.refresh` walks the corpus (``store.library.walk``), compares
every file's ``stat`` with what the index holds, and

* reads new and changed files (in worker processes when there are many,
  ``store.library.parsing``), replacing their articles' rows;
* drops the rows of files that are gone;
* recognises a renamed or moved file by its content (same inode, or same
  size and SHA-256) and only changes its path;
* writes in short transactions (a few hundred files or a second each), so
  readers see rows arrive and a crash loses at most the last batch;
* reads a big corpus (``BULK_FROM`` files to read) in *bulk*: the full text
  is written a piece per batch and merged once at the end (not merged and
  merged again as it grows), the indexes that only sort are made once at the
  end, and checkpoints are rarer (``store.library.full_text_upkeep``). A
  first index of 100,000 files wrote 8.6 GB for a 509 MB file without it.

One process refreshes at a time: a lock file beside the database makes a
second one wait (or, with ``wait=False``, use the index as it is). Readers
are never blocked (WAL). When ``store/news`` changes, every row is stale
(``schema.parser_signature``) and the corpus is read again from scratch.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

from store.files.database import Database
from store.files.jsonfile import lock_for
from store.library import full_text_upkeep
from store.library.changes import IndexReport, Known, diff, renames
from store.library.copies import fix_copies, shown_elsewhere
from store.library.full_text_upkeep import Progress
from store.library.parsing import ParsedFile, parse_files
from store.library.schema import parser_signature
from store.library.walk import Root, Seen, Walk, under_sql, walk, walk_files
from store.query.words import searched_meta

BATCH_FILES = 2000
"""Files written per transaction, at most. Fewer, bigger transactions write the full text
in fewer pieces: a tenth of the bytes written for 256 files a transaction."""

BATCH_SECONDS = 3.0
"""A transaction is committed at least this often while files are read (rows arrive)."""

TIDY_FROM = 1000
"""After reading this many files, the full text is merged into one piece (smaller, quicker)."""

FEW_FILES = 2000
"""Up to this many files said to have changed are looked at one by one, not by a walk."""

BULK_FROM = 5000
"""From this many files to read, a refresh reads them in bulk (see the module)."""

AHEAD = 16
"""Chunks of files handed to each worker before their results are read: the workers go on
parsing while a batch is written (with two, they waited for every write; a first index of
100,000 files took 150 s rather than 115-127 s)."""

BULK_CONNECTION = ("PRAGMA cache_size = -65536", "PRAGMA wal_autocheckpoint = 65536")
"""The writing connection while reading in bulk: a 64 MB page cache, so that a batch's
pages are written once at its commit, and a checkpoint every 256 MB of log rather than
every 4 MB (a page changed by many batches reaches the database file once)."""


class Indexer:
    """Refreshes the corpus tables of ``database`` from the files (see the module)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._bulk = False
        self._roots: list[Root] = []
        """The roots of the refresh under way: their copies of an article are shown first."""
        self._shown_within: list[Root] | None = None
        """The roots whose copies were last made the shown ones (``copies.shown_elsewhere``)."""

    def refresh(
        self,
        paths: Iterable[str | Path],
        *,
        quick: bool = False,
        files: Collection[str] | None = None,
        wait: bool = True,
        progress: Progress | None = None,
        batch_done: Callable[[], None] | None = None,
        stop: Callable[[], bool] = lambda: False,
        workers: int | None = None,
        niceness: int = 0,
    ) -> IndexReport:
        """Bring the index up to date with the files of ``paths``; what changed.

        ``quick`` trusts folders whose modification time has not moved
        (``store.library.walk``). ``files``: only these paths may have
        changed (a watcher's), so only they are looked at, unless one is in a
        folder the index does not know or there are more than ``FEW_FILES``
        (then a quick refresh). ``batch_done`` is called after each
        committed batch (the app shows the rows that arrived). ``workers``
        (processes reading files; every core by default) run ``niceness``
        below this process.
        """
        from filelock import Timeout  # with the first refresh (lock_for says why)

        began = time.perf_counter()
        with self.database.connection():
            pass  # opened (or set aside and made afresh) before the lock is placed beside it
        # Refreshes take turns through ``<index>.lock``: one every team member can take.
        lock = lock_for(self.database.path, -1 if wait else 0)
        try:
            lock.acquire()
        except Timeout:
            return IndexReport(busy=True)
        try:
            report = self._refresh(
                paths, (quick, files), progress, batch_done, stop, (workers, niceness)
            )
        finally:
            lock.release()
        report.seconds = time.perf_counter() - began
        return report

    # -- the steps -------------------------------------------------------------------

    def _refresh(
        self,
        paths: Iterable[str | Path],
        how: tuple[bool, Collection[str] | None],
        progress: Progress | None,
        batch_done: Callable[[], None] | None,
        stop: Callable[[], bool],
        workers: tuple[int | None, int],
    ) -> IndexReport:
        report = IndexReport()
        quick, files = how
        if self._parser_changed():
            self._clear()
            report.rebuilt = True
            quick, files = False, None
        self._end_bulk()  # left half-way by a refresh that was killed: no harm done twice
        known_folders = self._folders() if quick or files is not None else None
        if files is not None and (
            len(files) > FEW_FILES
            or not known_folders.keys() >= {os.path.dirname(path) for path in files}
            or not known_folders.keys().isdisjoint(files)
        ):
            # A new folder (what else is in it?), a folder named itself (made again), or
            # so many that a walk is as quick.
            files = None
        if files is not None:
            seen = walk_files(paths, files)
            known = self._known_files(seen.files.keys() | set(files))
        else:
            seen = walk(paths, known_folders, self._prints())
            known = self._known(seen.trusted)
        self._roots = seen.roots
        report.problems = seen.problems
        to_read, vanished = diff(seen, known)
        renamed = renames(to_read, vanished, known)
        if files is None:
            report.files = len(seen.files) + self._count_in(seen.trusted)
        else:
            report.files = self._count_under(seen.roots)
        self._writerenames(renamed, report)
        bulk = len(to_read) >= BULK_FROM
        if bulk:
            self._begin_bulk()
        try:
            read = self._read(to_read, known, report, progress, batch_done, stop, workers)
        finally:
            if bulk:
                self._end_bulk()
        if not read:
            report.complete = False
            return report
        self._remove(vanished, report)
        if files is None:  # a few files looked at say nothing of their folders
            self._record_folders(seen)
        if seen.roots != self._shown_within:
            # Once per corpus opened (a set scan, 0.4 s at 100,000 when others share the
            # index); later refreshes show this corpus's copies of what they touch.
            with self.database.connection() as connection:
                elsewhere = shown_elsewhere(connection, seen.roots)
            if elsewhere:
                with self.database.write() as connection:
                    fix_copies(connection, elsewhere, seen.roots)
            self._shown_within = seen.roots
        if full_text_upkeep.stale_share(self.database) > 1.0:
            full_text_upkeep.rebuild(self.database, progress, stop, workers)
            report.rebuilt = True
        if report.added + report.changed >= TIDY_FROM or report.rebuilt:
            full_text_upkeep.tidy(self.database)
        return report

    # -- reading in bulk ----------------------------------------------------------------

    def _begin_bulk(self) -> None:
        self._bulk = True
        full_text_upkeep.begin_bulk(self.database)

    def _end_bulk(self) -> None:
        """Make what a bulk read left out (also after a refresh killed mid-way)."""
        if self._bulk:
            self._bulk = False
            # The connections that wrote keep their big caches: new ones take their place.
            self.database.close()
        full_text_upkeep.end_bulk(self.database)

    def _parser_changed(self) -> bool:
        with self.database.connection() as connection:
            row = connection.execute(
                "SELECT value FROM corpus_meta WHERE key = 'parser'"
            ).fetchone()
        return row is None or row[0] != parser_signature()

    def _clear(self) -> None:
        """Forget every row (a new parser): the corpus is read again from scratch."""
        with self.database.write() as connection:
            for table in ("articles", "article_meta", "files", "folders", "folder_prints"):
                connection.execute(f"DELETE FROM {table}")
            connection.execute("INSERT INTO article_text(article_text) VALUES ('delete-all')")
            connection.execute(
                "INSERT OR REPLACE INTO corpus_meta VALUES ('parser', ?)", (parser_signature(),)
            )

    def _folders(self) -> dict[str, int]:
        with self.database.connection() as connection:
            return dict(connection.execute("SELECT path, mtime_ns FROM folders"))

    def _prints(self) -> dict[str, str]:
        with self.database.connection() as connection:
            return dict(connection.execute("SELECT path, print FROM folder_prints"))

    def _known(self, trusted: set[str]) -> dict[str, Known]:
        """The files the index holds but those of ``trusted`` folders (found unchanged)."""
        sql = "SELECT id, path, size, mtime_ns, inode, digest FROM files"
        params: tuple[str, ...] = ()
        if trusted:
            # Files of folders no longer there are read too: they are the ones gone.
            sql += " WHERE folder NOT IN (SELECT value FROM json_each(?))"
            params = (json.dumps(sorted(trusted)),)
        with self.database.connection() as connection:
            rows = connection.execute(sql, params).fetchall()
        return {row[1]: Known._make(row) for row in rows}

    def _known_files(self, paths: Collection[str]) -> dict[str, Known]:
        """The files of ``paths`` the index holds."""
        with self.database.connection() as connection:
            rows = connection.execute(
                "SELECT id, path, size, mtime_ns, inode, digest FROM files "
                "WHERE path IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(paths)),),
            ).fetchall()
        return {row[1]: Known._make(row) for row in rows}

    def _count_under(self, roots: list[Root]) -> int:
        """How many files the index holds under ``roots``."""
        within, params = under_sql(roots, "path")
        with self.database.connection() as connection:
            return connection.execute(
                f"SELECT count(*) FROM files WHERE {within}", params
            ).fetchone()[0]

    def _count_in(self, folders: set[str]) -> int:
        """How many files the index holds in ``folders`` (a quick walk's trusted folders)."""
        if not folders:
            return 0
        with self.database.connection() as connection:
            return connection.execute(
                "SELECT count(*) FROM files WHERE folder IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(folders)),),
            ).fetchone()[0]

    def _writerenames(self, renamed: list[tuple[Known, Seen]], report: IndexReport) -> None:
        if not renamed:
            return
        with self.database.write() as connection:
            for old, new in renamed:
                connection.execute(
                    "UPDATE files SET path = ?, folder = ?, size = ?, mtime_ns = ?, inode = ? "
                    "WHERE id = ?",
                    (
                        new.path,
                        os.path.dirname(new.path),
                        new.size,
                        new.mtime_ns,
                        new.inode,
                        old.id,
                    ),
                )
                # Each article says where it was read from: its new place.
                connection.execute(
                    "UPDATE article_meta SET meta = json_set(meta, '$.source', "
                    "replace(json_extract(meta, '$.source'), ?, ?)) "
                    "WHERE number IN (SELECT number FROM articles WHERE file = ?)",
                    (old.path, new.path, old.id),
                )
        report.renamed = len(renamed)

    def _read(
        self,
        to_read: list[Seen],
        known: dict[str, Known],
        report: IndexReport,
        progress: Progress | None,
        batch_done: Callable[[], None] | None,
        stop: Callable[[], bool],
        workers: tuple[int | None, int],
    ) -> bool:
        """Parse ``to_read`` and write their rows in batches; False when stopped early."""
        total, done = len(to_read), 0
        if progress is not None:
            progress(0, total)
        batch: list[ParsedFile] = []
        last = time.monotonic()
        for parsed in parse_files(to_read, workers[0], stop, workers[1], ahead=AHEAD):
            batch.append(parsed)
            done += 1
            if len(batch) >= BATCH_FILES or time.monotonic() - last > BATCH_SECONDS:
                batch.sort(key=lambda p: p.seen.path)  # rows numbered in the files' order
                self._write(batch, known, report)
                batch, last = [], time.monotonic()
                if progress is not None:
                    progress(done, total)
                if batch_done is not None:
                    batch_done()
        if batch:
            batch.sort(key=lambda p: p.seen.path)
            self._write(batch, known, report)
            if batch_done is not None:
                batch_done()
        if progress is not None:
            progress(done, total)
        return done == total

    def _write(self, batch: list[ParsedFile], known: dict[str, Known], report: IndexReport) -> None:
        touched: set[str] = set()
        full_text: list[tuple[int, str, str, str]] = []
        with self.database.write() as connection:
            if self._bulk:
                for pragma in BULK_CONNECTION:
                    connection.execute(pragma)
            for parsed in batch:
                file_id = self._write_file(connection, parsed, known.get(parsed.seen.path), report)
                touched.update(_drop_articles(connection, file_id, report))
                for record in parsed.articles:
                    article_id, _position, title, outlet, date, section = record[:6]
                    number = connection.execute(
                        "INSERT INTO articles (id, file, position, title, outlet, date, section, "
                        "words, sha256, title_key, outlet_key, date_key) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (article_id, file_id, *record[1:11]),
                    ).lastrowid
                    connection.execute(
                        "INSERT INTO article_meta (number, meta) VALUES (?, ?)",
                        (number, record[11]),
                    )
                    meta = searched_meta(outlet, section, date)
                    full_text.append((number, title, record[12], meta))
                    touched.add(article_id)
                    report.articles_added += 1
            fix_copies(connection, touched, self._roots)
            # Last, and all at once: FTS5 writes its pending words out at every statement
            # that may need undoing, so full-text rows mixed with other writes cost ten times.
            connection.executemany(
                "INSERT INTO article_text (rowid, title, body, meta) VALUES (?, ?, ?, ?)",
                full_text,
            )

    @staticmethod
    def _write_file(
        connection: sqlite3.Connection,
        parsed: ParsedFile,
        old: Known | None,
        report: IndexReport,
    ) -> int:
        seen = parsed.seen
        problems = json.dumps(parsed.problems, ensure_ascii=False) if parsed.problems else None
        values = (seen.size, seen.mtime_ns, seen.inode, parsed.digest, problems)
        if old is None:
            report.added += 1
            cursor = connection.execute(
                "INSERT INTO files (path, folder, size, mtime_ns, inode, digest, problems) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (seen.path, os.path.dirname(seen.path), *values),
            )
            return int(cursor.lastrowid or 0)
        report.changed += 1
        connection.execute(
            "UPDATE files SET size = ?, mtime_ns = ?, inode = ?, digest = ?, problems = ? "
            "WHERE id = ?",
            (*values, old.id),
        )
        return old.id

    def _remove(self, vanished: list[Known], report: IndexReport) -> None:
        if not vanished:
            return
        touched: set[str] = set()
        with self.database.write() as connection:
            for old in vanished:
                touched.update(_drop_articles(connection, old.id, report))
                connection.execute("DELETE FROM files WHERE id = ?", (old.id,))
            fix_copies(connection, touched, self._roots)
        report.removed = len(vanished)

    def _record_folders(self, seen: Walk) -> None:
        known = self._folders()
        inside = {p: m for p, m in known.items() if seen.under_roots(p) or p in seen.folders}
        printed = {
            p: s for p, s in self._prints().items() if seen.under_roots(p) or p in seen.folders
        }
        if inside == seen.folders and printed == seen.prints:
            return  # nothing to write: a refresh that found nothing takes no write lock
        with self.database.write() as connection:
            for root in seen.roots:
                if root.folder:
                    low, high = root.sql_range()
                    for table in ("folders", "folder_prints"):
                        connection.execute(
                            f"DELETE FROM {table} WHERE path = ? OR (path >= ? AND path < ?)",
                            (root.path, low, high),
                        )
            connection.executemany(
                "INSERT OR REPLACE INTO folders (path, mtime_ns) VALUES (?, ?)",
                seen.folders.items(),
            )
            connection.executemany(
                "INSERT OR REPLACE INTO folder_prints (path, print) VALUES (?, ?)",
                seen.prints.items(),
            )


def _drop_articles(connection: sqlite3.Connection, file_id: int, report: IndexReport) -> list[str]:
    """Delete a file's articles (their full-text rows become stale); their ids."""
    ids = [
        row[0] for row in connection.execute("SELECT id FROM articles WHERE file = ?", (file_id,))
    ]
    if ids:
        connection.execute("DELETE FROM articles WHERE file = ?", (file_id,))
    report.articles_removed += len(ids)
    return ids

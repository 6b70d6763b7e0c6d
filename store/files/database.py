"""One SQLite file in the data folder, shared by threads and processes, never trusted blindly.

The corpus index (``store.library``) and the entities stored beside it
(``store.entities``) live in one SQLite database, opened through
:class:`Database` so that every connection is made the same way:

* **WAL** journal: one writer at a time, readers never blocked by it (and
  never blocking it), in this process or another;
* a **busy timeout**, so a second writer waits its turn instead of failing;
* created by :func:`create_database_file`, the one place that decides the
  file's permissions (SQLite gives its ``-wal`` and ``-shm`` files the
  database file's mode);
* **set aside when unreadable**: a file that is not a database, is corrupt, or
  belongs to another program (another ``application_id``) is renamed
  ``<name>.unreadable-<time>`` and a fresh one is made, said in one sentence
  (:attr:`Database.problems`). Everything in it is rebuilt from the corpus's
  files; nothing a user typed lives there.

Text is stored as it is, but for one kind of character: a file name of bytes
that are no UTF-8 (``\\xff``) is, in Python, a string holding lone surrogates
(``os.fsdecode``), which SQLite cannot take. Such characters are kept as
characters of Unicode's last private-use block (U+10FF80–U+10FFFF) and given
back as they were when read (:func:`_to_sql`, :func:`_from_sql`), so such a
file is indexed and read like any other. Reads of many rows that hold no
file name (the library's titles) use :func:`plain_text`: the giving back
costs half a second per 100,000 rows of five strings.

Each room declares its own tables (``CREATE … IF NOT EXISTS`` statements),
passed in as ``schemas``. Connections are pooled: :meth:`Database.connection`
lends one to the calling thread for the length of a ``with`` block.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from store.files.modes import file_mode, is_team_folder, make_folders
from store.files.stopping import Stopped, current_stopper, is_interrupt

_KEPT = {code: 0x10FF00 + (code & 0xFF) for code in range(0xDC80, 0xDD00)}
"""The lone surrogates ``surrogateescape`` makes of undecodable bytes, and what they are kept as."""
_KEPT.update({code: 0xFFFD for code in range(0xD800, 0xE000) if code not in _KEPT})
_GIVEN_BACK = {kept: code for code, kept in _KEPT.items() if kept != 0xFFFD}


def _to_sql(text: str) -> str:
    """``text`` as SQLite can store it (every string bound to a statement goes through here)."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.translate(_KEPT)
    return text


def _from_sql(data: bytes) -> str:
    """A stored text as it was given (the connections' ``text_factory``)."""
    text = data.decode("utf-8", "replace")
    return text.translate(_GIVEN_BACK) if b"\xf4\x8f" in data else text


sqlite3.register_adapter(str, _to_sql)


@contextlib.contextmanager
def plain_text(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``connection`` reading text as SQLite's UTF-8, without :func:`_from_sql`'s giving back.

    For columns that never hold a file name: a text read from inside a file
    has no lone surrogates to give back.
    """
    connection.text_factory = str
    try:
        yield connection
    finally:
        connection.text_factory = _from_sql


APPLICATION_ID = 0x736F726F
"""``PRAGMA application_id`` of sorot's databases ("soro"): another program's file is not ours."""

BUSY_TIMEOUT_MS = 30_000
"""How long a writer waits for another one before giving up."""

_UNREADABLE = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB (primary codes)


class DatabaseUnreadable(Exception):
    """The database file is corrupt or not sorot's: it must be set aside and rebuilt."""


def is_unreadable(error: BaseException) -> bool:
    """True when ``error`` says the file is corrupt or not a database (not merely busy)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _UNREADABLE
    text = str(error).lower()
    return "malformed" in text or "not a database" in text


def create_database_file(path: Path) -> None:
    """Create an empty ``path`` (and its folder), if it does not exist.

    The one place where a database file's permissions are decided: private
    (0600), or readable and writable by the team in a team folder
    (``store.files.modes``); SQLite then gives the same mode to the ``-wal``
    and ``-shm`` files beside it, so every member can use the index.
    """
    make_folders(path.parent)
    with contextlib.suppress(FileExistsError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            # The mode given to open() passes through the umask: set it outright.
            os.fchmod(fd, file_mode(is_team_folder(path.parent)))
        finally:
            os.close(fd)


class Database:
    """A SQLite file with its schemas, lending connections to threads (see the module)."""

    def __init__(self, path: Path, schemas: Sequence[str] = (), *, what: str = "index") -> None:
        self.path = path
        self.schemas = tuple(schemas)
        self.what = what
        """How the file is named to the user ("the corpus index")."""
        self.problems: list[str] = []
        """Sentences about files set aside, for the user (each said once by whoever takes them)."""
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._ready = False
        self._generation = 0

    # -- connections -------------------------------------------------------------

    @contextlib.contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """A connection for this block (``DatabaseUnreadable`` when the file is beyond use).

        Inside a :class:`~store.files.stopping.Stopper`'s ``watching`` block, its
        ``stop`` interrupts the block's queries, which then raise ``Stopped``.
        """
        connection = self._take()
        generation = self._generation
        stopper = current_stopper()
        if stopper is not None:
            try:
                stopper.lend(connection)
            except Stopped:
                self._give_back(connection, generation)
                raise
        try:
            try:
                yield connection
            finally:
                # Before the pool has it again: a stop must never reach its next borrower.
                if stopper is not None:
                    stopper.give_back(connection)
        except sqlite3.DatabaseError as error:
            if is_unreadable(error):
                with contextlib.suppress(sqlite3.Error):
                    connection.close()
                raise DatabaseUnreadable(str(error)) from error
            self._give_back(connection, generation)
            if stopper is not None and stopper.stopped and is_interrupt(error):
                raise Stopped(str(error)) from error
            raise
        else:
            self._give_back(connection, generation)

    def _take(self) -> sqlite3.Connection:
        with self._lock:
            if not self._ready:
                self._prepare()
            if self._idle:
                return self._idle.pop()
        return self._connect()

    def _give_back(self, connection: sqlite3.Connection, generation: int) -> None:
        if connection.in_transaction:
            connection.rollback()  # a block that raised mid-transaction leaves nothing behind
        with self._lock:
            if generation == self._generation and len(self._idle) < 8:
                self._idle.append(connection)
                return
        connection.close()

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        connection.text_factory = _from_sql
        # Autocommit: transactions are opened explicitly (``write``), reads see the latest commit.
        connection.isolation_level = None
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA synchronous = NORMAL")  # durable at each checkpoint in WAL
        connection.execute("PRAGMA temp_store = MEMORY")
        return connection

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A connection inside ``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back if the block raises).

        ``IMMEDIATE`` takes the write lock at once, so two writers queue up
        (for up to ``BUSY_TIMEOUT_MS``) rather than fail half-way.
        """
        with self.connection() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.rollback()
                raise
            connection.execute("COMMIT")

    def close(self) -> None:
        """Close the idle connections (those lent out close when given back)."""
        with self._lock:
            self._generation += 1
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()

    # -- opening, checking, setting aside ----------------------------------------

    def _prepare(self) -> None:
        """Open the file once per process: create it, check it is ours, apply the schemas."""
        try:
            try:
                self._open_checked()
            except DatabaseUnreadable as error:
                self._set_aside(str(error))
                self._open_checked()
        except (PermissionError, sqlite3.OperationalError) as error:
            if isinstance(error, sqlite3.OperationalError) and not _cannot_write(error):
                raise
            self._fall_back()
        self._ready = True

    def _open_checked(self) -> None:
        create_database_file(self.path)
        try:
            connection = self._connect()
        except sqlite3.DatabaseError as error:
            if is_unreadable(error):
                raise DatabaseUnreadable(str(error)) from error
            raise
        try:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if application_id != APPLICATION_ID and (application_id or tables):
                raise DatabaseUnreadable("it belongs to another program")
            if _into_wal(connection) != "wal":
                raise sqlite3.OperationalError("attempt to write a readonly database")
            layout = self.layout
            if connection.execute("PRAGMA user_version").fetchone()[0] == layout:
                return  # the tables are there: nothing to write (another may be writing)
            connection.execute("BEGIN IMMEDIATE")
            if application_id != APPLICATION_ID:
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for schema in self.schemas:
                for statement in _statements(schema):
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {layout}")
            connection.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            if is_unreadable(error):
                raise DatabaseUnreadable(str(error)) from error
            raise
        finally:
            connection.close()

    @property
    def layout(self) -> int:
        """A number for the tables the schemas make (``PRAGMA user_version`` once made)."""
        digest = hashlib.sha256("".join(self.schemas).encode()).hexdigest()
        return int(digest[:7], 16)

    def _fall_back(self) -> None:
        """The data folder cannot be written: keep the database in a private temporary folder."""
        original = self.path
        digest = hashlib.sha256(str(original.resolve()).encode()).hexdigest()[:12]
        user = os.getuid() if hasattr(os, "getuid") else "user"
        self.path = Path(tempfile.gettempdir()) / f"sorot-{user}" / digest / original.name
        self.problems.append(
            f"{original.parent} cannot be written; the {self.what} is kept in {self.path.parent} "
            "for now."
        )
        self._open_checked()

    def _set_aside(self, reason: str) -> None:
        stamp = time.strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.unreadable-{stamp}")
        os.replace(self.path, aside)
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.replace(f"{self.path}{suffix}", f"{aside}{suffix}")
        self.problems.append(
            f"The {self.what} {self.path} could not be read ({reason}); it was moved aside to "
            f"{aside.name} and is being built again from the files."
        )

    def reset(self, reason: str) -> None:
        """Set the file aside (it turned out unreadable while in use) and start a fresh one."""
        with self._lock:
            self._generation += 1
            idle, self._idle = self._idle, []
            self._ready = False
        for connection in idle:
            connection.close()
        if self.path.exists():
            self._set_aside(reason)


def _cannot_write(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


def _statements(script: str) -> list[str]:
    """The complete statements of ``script``, in order (a trigger's body stays whole)."""
    statements, current = [], ""
    for piece in script.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n\t;"):
                statements.append(current.strip())
            current = ""
    return statements


def _into_wal(connection: sqlite3.Connection) -> str:
    """Put the file in write-ahead mode; the journal mode it is in after.

    Two processes opening a new file at once (two ``sorot index`` of one
    team) both ask for the switch, and SQLite answers the second "database
    is locked" at once, without waiting as it does for reads and writes:
    it is asked again until the first is done, for as long as a write would wait.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            return str(connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)

"""Stopping a thread's queries once nobody wants their answer (a filter typed over).

The library asks the corpus index for the rows of every key typed. At
100,000 articles a ranked query takes a few hundred milliseconds; typed over,
it would still run to its end, on one of the two cores the next key's query
needs, and a quick typist's last key would wait for three queries at once.

A thread runs its queries inside :meth:`Stopper.watching`; every connection
:class:`store.files.database.Database` lends it meanwhile is registered with
the stopper, and :meth:`Stopper.stop` (from any thread) interrupts them with
``sqlite3.Connection.interrupt``. The query raises, the database turns that
into :class:`Stopped`, and the thread drops its work. A connection is
unregistered before it goes back to the pool, under the same lock
:meth:`~Stopper.stop` takes, so an interrupt never reaches a connection lent
to someone else.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator

_current = threading.local()


class Stopped(Exception):
    """A query was interrupted because its stopper was stopped: its answer is not wanted."""


class Stopper:
    """Interrupts the queries of the threads watching it (see the module)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._lent: set[sqlite3.Connection] = set()
        self.stopped = False

    @contextlib.contextmanager
    def watching(self) -> Iterator[None]:
        """Register every connection this thread is lent in this block with this stopper."""
        outer = getattr(_current, "stopper", None)
        _current.stopper = self
        try:
            yield
        finally:
            _current.stopper = outer

    def stop(self) -> None:
        """Interrupt the queries running for this stopper, and refuse any new one."""
        with self._lock:
            self.stopped = True
            for connection in self._lent:
                connection.interrupt()

    def lend(self, connection: sqlite3.Connection) -> None:
        """Register ``connection``; :class:`Stopped` at once if this stopper was stopped."""
        with self._lock:
            if self.stopped:
                raise Stopped("stopped before the query began")
            self._lent.add(connection)

    def give_back(self, connection: sqlite3.Connection) -> None:
        """Unregister ``connection`` (before it goes back to the pool)."""
        with self._lock:
            self._lent.discard(connection)


def current_stopper() -> Stopper | None:
    """The stopper the calling thread is watching, if any."""
    return getattr(_current, "stopper", None)


def is_interrupt(error: BaseException) -> bool:
    """True when ``error`` is SQLite's answer to an interrupt."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF == 9  # SQLITE_INTERRUPT
    return "interrupted" in str(error).lower()

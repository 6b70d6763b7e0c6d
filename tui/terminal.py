"""Leaving when the terminal goes away, as over a dropped SSH connection.

A hang-up normally sends SIGHUP, which would end sorot before it could keep
the reading position; and when no SIGHUP comes (the terminal was not the
controlling one, or a multiplexer died) Textual's input thread reads the dead
terminal in a loop at 100% CPU for as long as the process lives (Textualize/
textual#6690). So the app asks every two seconds whether its terminal is
still one, handles SIGHUP itself, and in both cases leaves cleanly.

Leaving must not wait on the terminal either. Textual writes through a
thread fed by a queue of 30 writes; the first write to a hung-up terminal
raises ``EIO`` in that thread, which dies, and the next 30 writes fill the
queue: the app's shutdown then blocked for ever on the 31st (it writes to
turn the mouse off), and a second SIGHUP could not help. sorot's driver
(:func:`driver_for`) writes through :class:`HungUpProof`, which drops what
the terminal can no longer take, so the thread lives and the queue drains.

Nor must leaving wait on work in progress. Background work stops when asked
(the entity pass kills its worker processes, and asks between the pieces of
a long article), but Python ends only once every thread of the app's
executor has returned, and a thread deep in minutes of work on a 19 MB
scrape once kept a closed sorot running for 71 minutes. So once the app is
leaving, :func:`leave_within` gives it a few seconds and then ends the
process: by then the work is on disk (each claim and note is written when it
is made; drafts and reading positions before the app leaves).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any, TextIO

from textual.app import App
from textual.driver import Driver


class HungUpProof:
    """The terminal as Textual's writer thread writes to it: a hung-up one drops the writes."""

    def __init__(self, file: TextIO) -> None:
        self._file = file
        self.gone = False
        """True once the terminal refused a write: everything after is dropped."""

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                self._file.write(text)
            except (OSError, ValueError):  # EIO from a hung-up pty; a closed stream
                self.gone = True
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._file.flush()
            except (OSError, ValueError):
                self.gone = True

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return not self.gone and self._file.isatty()


def driver_for(driver_class: type[Driver]) -> type[Driver]:
    """``driver_class`` (Textual's choice), writing through :class:`HungUpProof` where it can."""
    try:
        from textual.drivers.linux_driver import LinuxDriver
    except ImportError:  # Windows: no pseudo-terminal hang-ups to outlive
        return driver_class
    if driver_class is not LinuxDriver:
        return driver_class

    class HangUpDriver(LinuxDriver):
        """Textual's terminal driver, writing through :class:`HungUpProof`."""

        def __init__(self, app: App, **options: Any) -> None:
            super().__init__(app, **options)
            self._file = HungUpProof(self._file)  # type: ignore[assignment]

    return HangUpDriver


CHECK_EVERY = 2.0
"""Seconds between two looks at the terminal: a dead one costs at most this much CPU."""


def watch_terminal(app: App, gone: Callable[[], None], every: float = CHECK_EVERY) -> bool:
    """Call ``gone`` once when ``app``'s terminal hangs up; False if there is none to watch."""
    try:
        fd = sys.__stdin__.fileno()
    except (AttributeError, ValueError, OSError):
        return False
    if app.is_headless or not os.isatty(fd):
        return False
    fired = False

    def hang_up() -> None:
        nonlocal fired
        if not fired:
            fired = True
            gone()

    def look() -> None:
        if not os.isatty(fd):  # a hung-up terminal stops being one
            hang_up()

    app.set_interval(every, look, name="terminal watch")
    with contextlib.suppress(AttributeError, NotImplementedError, RuntimeError, ValueError):
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, hang_up)
    return True


LEAVE_WITHIN = 8.0
"""Seconds a leaving app has to end before its process is ended for it."""


def leave_within(seconds: float, status: int) -> threading.Thread:
    """End this process with ``status`` in ``seconds``, unless it has ended by then."""

    def end() -> None:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(status)

    timer = threading.Timer(seconds, end)
    timer.name = "leave-within"
    timer.daemon = True  # a process that ends in time is not held back by it
    timer.start()
    return timer

"""Leaving when the terminal goes away, as over a dropped SSH connection.

A hang-up normally sends SIGHUP, which would end sorot before it could keep
the reading position; and when no SIGHUP comes (the terminal was not the
controlling one, or a multiplexer died) Textual's input thread reads the dead
terminal in a loop at 100% CPU for as long as the process lives (Textualize/
textual#6690). So the app asks every two seconds whether its terminal is
still one, handles SIGHUP itself, and in both cases leaves cleanly.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Callable

from textual.app import App

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

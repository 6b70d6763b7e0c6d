"""The log of notices: every message of the session, kept to be read again (ctrl+l).

A toast disappears after a few seconds and piles of them covered the text
(four warnings about bad files took 15 of 20 rows). So every notice is
logged here, at most ``MAX_TOASTS`` toasts show at once, each briefly and
cut to a couple of lines; the log screen (``tui.screens.notices``) shows
them whole. Messages are data: plain text, never markup.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import App
from textual.notifications import Notify, SeverityLevel

from store.news.safetext import printable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from store.news.sources import LoadProblem

MAX_TOASTS = 2
"""Toasts on screen at once: a new one pushes the oldest off (it stays in the log)."""

TOAST_SECONDS = {"information": 4.0, "warning": 6.0, "error": 8.0}
"""How long a toast stays, at most, by severity."""

TOAST_CHARS = 160
"""A toast longer than this is cut (about three lines of a toast); the log has it whole."""

KEPT = 500
"""Notices kept for the log: the oldest go first."""


@dataclass(frozen=True)
class Notice:
    """One message of the session."""

    at: datetime
    severity: str
    """``information``, ``warning`` or ``error``."""
    message: str
    title: str = ""


class NoticeLog:
    """The session's notices, oldest first; safe to add to from any thread."""

    def __init__(self) -> None:
        self._items: deque[Notice] = deque(maxlen=KEPT)
        self._lock = threading.Lock()
        self.unseen = 0
        """Notices added since the log was last shown."""

    def add(self, message: str, severity: str = "information", title: str = "") -> Notice:
        """Keep ``message`` (said in the status line, a toast, or nowhere else)."""
        notice = Notice(datetime.now(), severity, message, title)
        with self._lock:
            if not self._items or self._items[-1].message != message:
                self._items.append(notice)
                self.unseen += 1
        return notice

    def items(self) -> list[Notice]:
        """Every notice kept, oldest first; they count as seen from now."""
        with self._lock:
            self.unseen = 0
            return list(self._items)

    def __len__(self) -> int:
        return len(self._items)


def toast_text(message: str) -> str:
    """``message`` short enough for a toast: cut, with where to read the rest."""
    if len(message) <= TOAST_CHARS:
        return message
    return message[: TOAST_CHARS - 1].rstrip() + "… (ctrl+l: whole)"


def toast_seconds(severity: str, asked: float | None) -> float:
    """How long a toast of ``severity`` stays: what was asked, at most the severity's time."""
    longest = TOAST_SECONDS.get(severity, TOAST_SECONDS["information"])
    return longest if asked is None else min(asked, longest)


class NoticesInApp(App[None]):
    """The app's side of the log: every notice logged, few and short toasts, ctrl+l."""

    notices: NoticeLog

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Log ``message`` and show it briefly as a toast, cut short, as plain text.

        Every notice of sorot is data (a file name, an error from outside),
        never markup. Thread-safe, as Textual's.
        """
        text = printable(str(message))
        self.notices.add(text, severity, printable(title))
        super().notify(
            toast_text(text),
            title=printable(title),
            severity=severity,
            timeout=toast_seconds(severity, timeout),
            markup=False,
        )

    def _on_notify(self, event: Notify) -> None:
        # At most MAX_TOASTS at once over the text: the oldest gives way (it is in the log).
        shown = list(self._notifications)
        for old in shown[: max(0, len(shown) - MAX_TOASTS + 1)]:
            self._unnotify(old, refresh=False)
        super()._on_notify(event)

    def _report_loading(self, problems: Sequence[LoadProblem]) -> None:
        """One toast for the files that could not be read well, each problem in the log."""
        for problem in problems:
            self.notices.add(str(problem), "error" if problem.skipped else "warning")
        if len(problems) == 1:
            only = problems[0]
            self.notify(str(only), severity="error" if only.skipped else "warning")
        elif problems:
            skipped = sum(1 for p in problems if p.skipped)
            said = f"Problems in {len(problems)} files"
            if skipped:
                said += f" (something left out of {skipped})"
            self.notify(
                f"{said}: ctrl+l lists them, `sorot list` prints them.",
                severity="error" if skipped else "warning",
            )

    def action_notices(self) -> None:
        """Show the log of notices (ctrl+l, or the palette)."""
        from tui.screens.notices import NoticesScreen

        if not isinstance(self.screen, NoticesScreen):
            self.push_screen(NoticesScreen(self.notices.items()))

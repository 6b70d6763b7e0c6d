"""The library's status line as text: what it says, fitted to a width.

Kept apart from the screen, which decides when it changes; here only what
it reads, so that a narrow terminal's choices can be tested without an app.
"""

from __future__ import annotations

from typing import NamedTuple


class Progress(NamedTuple):
    """What a background pass is doing, for the status line."""

    doing: str
    done: int
    total: int
    unit: str

    def __str__(self) -> str:
        """``Finding entities: 216 of 10,000 articles``."""
        return f"{self.doing} {self.done:,} of {self.total:,} {self.unit}"

    @property
    def short(self) -> str:
        """``Finding entities 2%``, for a narrow terminal."""
        return f"{self.doing.rstrip(':')} {self.done * 100 // max(self.total, 1)}%"


def fitted(parts: list[str], unread: str | None, progress: Progress | None, width: int) -> str:
    """The status line's parts joined, what matters least giving way in a narrow terminal.

    The counts, the sort and the row always stay; then the background pass's
    progress (last, and as a percentage if need be), then the unread count.
    """
    head = parts[:1] + ([unread] if unread else []) + parts[1:]
    choices = [head, parts]
    if progress:
        choices = [[*head, str(progress)], [*head, progress.short], [*parts, progress.short], parts]
    for choice in choices:
        line = " · ".join(choice)
        if len(line) <= width:
            return line
    return " · ".join(choices[-1])

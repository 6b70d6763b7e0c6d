"""The reader's status line: what just happened on the left, the article's counts on the right.

A message is never cut to make room for the counts: they step aside when
both do not fit. A message longer than the line itself ends in ``…`` and
is kept whole in the log of notices (ctrl+l). Both pass the terminal-safety
boundary (``safetext.flat``) and are never read as markup.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from store.news.safetext import flat

GAP = 3
"""Cells kept between the message and the counts."""


class StatusLine(Static):
    """One line: a message and, when there is room, the counts right-aligned."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.message = ""
        self.counts = ""

    def say(self, message: str, counts: str) -> bool:
        """Show ``message`` and ``counts``; False when the message alone is too long.

        Messages name keys, statuses, searches, files: data, on one line, made printable.
        """
        self.message, self.counts = flat(message), flat(counts)
        return self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> bool:
        width = self.content_size.width or self.app.size.width - 2
        message, counts = self.message, self.counts
        if not message:
            line = Text(counts[:width])
        elif cell_len(message) + GAP + cell_len(counts) <= width:
            line = Text(message + " " * (width - cell_len(message) - cell_len(counts)) + counts)
        else:
            line = Text(message)
            line.truncate(width, overflow="ellipsis")
        # One fixed-height line: no need to lay the screen out again.
        self.update(line, layout=False)
        return cell_len(message) <= width


__all__ = ["StatusLine"]

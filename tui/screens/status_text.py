"""The library's status line and sentence line as text: what they say, fitted to a width.

Kept apart from the screen, which decides when they change; here only what
they read, so that a narrow terminal's choices can be tested without an app.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text

from store.library.fulltext import Snippet
from store.news.safetext import printable

SNIPPET_HINT = "Words typed search the articles' text too: the matching sentence shows here"
"""The sentence line while the filter is typed and holds no words yet (fits 80 columns)."""


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


def snippet_text(snippet: Snippet, width: int) -> Text:
    """The matching sentence in one line of ``width`` cells, its first match in view."""
    body = printable(snippet.text.replace("\n", " "))  # one character for one: offsets hold
    text = Text(body, no_wrap=True, end="")
    for start, end in snippet.matches:
        text.stylize("bold reverse", start - snippet.start, end - snippet.start)
    first = snippet.matches[0][0] - snippet.start if snippet.matches else 0
    cut = max(0, min(first - width // 3, len(body) - width))
    if cut:
        text = Text("…", "dim", end="") + text[cut + 1 :]
    text.truncate(width, overflow="ellipsis")
    return text

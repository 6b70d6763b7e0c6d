"""The passage quoted at the top of a form: a few lines, cut with an ellipsis when it goes on.

A fixed height alone cut a long claim after its third line with no sign
that more followed; this widget wraps the quote to its width and ends the
last line it keeps with ``…``.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from textual.geometry import Size
from textual.widgets import Static

from store.news.safetext import printable


def quoted_lines(quote: str, width: int, lines: int, console: Console) -> list[Text]:
    """``“quote”`` wrapped to ``width`` in at most ``lines`` lines, ending in ``…”`` when cut."""
    text = Text(f"“{printable(' '.join(quote.split()))}”")
    width = max(4, width)
    wrapped = list(text.wrap(console, width))
    if len(wrapped) <= lines:
        return wrapped
    kept = wrapped[:lines]
    last = kept[-1]
    last.rstrip()
    last.truncate(width - 2)
    last.rstrip()
    last.append("…”")
    return kept


class Quote(Static):
    """A quoted passage in at most ``lines`` lines of the widget's width."""

    DEFAULT_CSS = "Quote { height: auto; }"

    def __init__(self, quote: str, lines: int, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.quote = quote
        self.lines = lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(quoted_lines(self.quote, width, self.lines, self.app.console))

    def render(self) -> Text:
        width = self.content_size.width or self.app.size.width
        return Text("\n").join(quoted_lines(self.quote, width, self.lines, self.app.console))

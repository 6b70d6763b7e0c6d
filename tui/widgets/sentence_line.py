"""The line under the library's list: the sentence of the highlighted article the words are in.

The library's filter searches the articles' text; this line shows where the
words were found in the highlighted article, the first match in view. It is
found off the UI thread (a file is read), or handed over ready by the rows'
worker, which finds the sentence of the row it will highlight with the rows
(one frame for both). While the filter box has the focus and holds no words
the line gives a hint; otherwise, with no words, it is not there.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.widgets import Static
from textual.worker import get_current_worker

from store.library.catalog import Row
from store.library.fulltext import Snippet
from store.news.safetext import printable
from store.query import Query

Finder = Callable[[str, Query], Snippet | None]

SNIPPET_HINT = "Words typed search the articles' text too: the matching sentence shows here"
"""The sentence line while the filter is typed and holds no words yet (fits 80 columns)."""


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


class SentenceLine(Static):
    """The matching sentence of the highlighted article, a hint, or nothing (see the module)."""

    def __init__(self, find: Finder, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._find = find
        self._wanted: str | None = None
        """The article whose sentence is to be shown (the highlighted one)."""
        self._ready: tuple[str, Snippet | None] | None = None
        """A sentence found with the rows being shown, for the row they highlight."""

    def on_mount(self) -> None:
        self.display = False

    def sentence_of(self, article_id: str, query: Query) -> Snippet | None:
        """The sentence of ``article_id`` holding ``query``'s words (any thread)."""
        try:
            return self._find(article_id, query)
        except Exception:  # a file gone or unreadable meanwhile: no line, nothing else
            return None

    def prepare(self, found: tuple[str, Snippet | None] | None) -> None:
        """Keep a sentence found ahead, ``(article id, sentence)``, for the next ``follow``."""
        self._ready = found

    def follow(self, current: Row | None, query: Query, *, typing: bool) -> None:
        """Show the sentence of ``current`` holding ``query``'s words; ``typing``: the filter
        box has the focus."""
        if not query.words or current is None:
            self._wanted = None
            self._idle(bool(query.words), typing)
            return
        self._wanted = current.id
        ready, self._ready = self._ready, None
        if ready is not None and ready[0] == current.id:
            self._show(*ready)
            return
        self._worker(current.id, query)

    def _idle(self, words: bool, typing: bool) -> None:
        """No sentence to show: a hint while typing, else gone.

        The line is there while the filter box has the focus or the filter holds
        words. Showing or hiding it lays the screen out again (the list gives up a
        row, ~10 ms and every widget drawn anew), so that happens when the box is
        entered or left, not on the first word typed into it.
        """
        if not words and not typing:
            if self.display:
                self.display = False
            return
        self.update(Text("" if words else SNIPPET_HINT, "dim italic"), layout=False)
        if not self.display:
            self.display = True

    @work(thread=True, exclusive=True, group="library-snippet")
    def _worker(self, article_id: str, query: Query) -> None:
        snippet = self.sentence_of(article_id, query)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, article_id, snippet)

    def _show(self, article_id: str, snippet: Snippet | None) -> None:
        if not self.is_attached or article_id != self._wanted:
            return  # another row is highlighted by now
        width = max(10, self.size.width or self.screen.size.width) - 2
        if snippet is None:
            shown = Text("(the words are in the title or the outlet)", "dim italic")
        else:
            shown = snippet_text(snippet, width)
        self.update(shown, layout=False)  # one fixed line: no layout for a new sentence
        if not self.display:
            self.display = True

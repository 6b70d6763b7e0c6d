"""Search in the article: `/` opens the bar, matches highlight as you type.

Enter keeps the matches and leaves the cursor on the current one; Esc
cancels and puts the cursor back where the search began. `n` and `N` go to
the next and previous match, wrapping at the ends.
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from store.news.search import find_all, next_match, prev_match
from tui.highlights import Layer, Span
from tui.widgets.article_view import ArticleView


class SearchBar(Input):
    """The search line under the article, and the search state of that article."""

    BINDINGS = [Binding("escape", "cancel", "Cancel search", id="search.cancel")]

    DEFAULT_CSS = """
    SearchBar, SearchBar:focus { height: 1; border: none; padding: 0 1;
                                 display: none; background: $boost; }
    SearchBar.-open { display: block; }
    """

    class Status(Message):
        """Something to tell the user about the search."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, view: ArticleView, **kwargs: object) -> None:
        super().__init__(placeholder="search (Enter keeps, Esc cancels)", **kwargs)  # type: ignore[arg-type]
        self.view = view
        self.query_text = ""
        self.matches: list[tuple[int, int]] = []
        self._origin = 0

    @property
    def body(self) -> str:
        return self.view.body

    def open(self) -> None:
        """Show the bar, focused, holding the last query."""
        self._origin = self.view.cursor
        self.value = self.query_text
        self.add_class("-open")
        self.screen.set_focus(self)  # at once, not after a refresh: the query follows
        self.cursor_position = len(self.value)

    def _close(self) -> None:
        self.remove_class("-open")
        self.view.focus()

    def _show(self, matches: list[tuple[int, int]]) -> None:
        self.matches = matches
        self.view.set_layer(
            "matches", Layer.of(Span(s, e, "article-view--match") for s, e in matches)
        )
        self.view.set_current_match(None)

    def clear(self) -> bool:
        """Drop the highlights; True if there were any."""
        if not self.matches:
            return False
        self._show([])
        self.post_message(self.Status(""))
        return True

    def _jump(self, index: int, note: str = "") -> None:
        start, end = self.matches[index]
        self.view.set_current_match((start, end))
        self.view.move_to(start, center=True)
        text = f"match {index + 1} of {len(self.matches)} for “{self.query_text}”"
        self.post_message(self.Status(f"{text} · {note}" if note else text))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_text = event.value
        matches = find_all(self.body, event.value)
        self._show(matches)
        if not matches:
            self.view.move_to(self._origin)
            self.post_message(
                self.Status(f"no match for “{event.value}”" if event.value.strip() else "")
            )
            return
        # Preview the first match at or after where the search began.
        index = next_match(matches, self._origin - 1)
        if index is not None:
            self._jump(index)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._close()

    def action_cancel(self) -> None:
        self._close()
        self._show([])
        self.view.move_to(self._origin)
        self.post_message(self.Status(""))

    def step(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) match, wrapping around."""
        if not self.matches and self.query_text.strip():
            self._show(find_all(self.body, self.query_text))
        if not self.matches:
            self.post_message(self.Status("no search yet: press / to search"))
            return
        cursor = self.view.cursor
        find = next_match if direction > 0 else prev_match
        index = find(self.matches, cursor)
        if index is None:
            return
        start = self.matches[index][0]
        wrapped = start <= cursor if direction > 0 else start >= cursor
        where = "top" if direction > 0 else "bottom"
        self._jump(index, f"wrapped to the {where}" if wrapped else "")

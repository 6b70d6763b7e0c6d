"""The reader: one article, its cursor, and search within it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from store.article import Article
from store.search import find_all, next_match, prev_match
from tui.widgets.article_view import ArticleView
from tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from tui.app import SorotApp

SAVE_DELAY = 1.5
"""Seconds of stillness before the reading position is saved."""


class ReaderScreen(Screen[None]):
    """Shows one article; `q` goes back to the library."""

    BINDINGS = [
        Binding("slash", "search", "Search", id="reader.search", key_display="/"),
        Binding("n", "next_match(1)", "Next match", show=False, id="reader.next-match"),
        Binding("N", "next_match(-1)", "Previous match", show=False, id="reader.prev-match"),
        Binding("escape", "escape", "Clear", show=False, id="reader.escape"),
        Binding("q,backspace", "back", "Library", id="reader.back"),
    ]

    def __init__(self, article: Article, cursor: int = 0) -> None:
        super().__init__()
        self.article = article
        self._start_cursor = cursor
        self.query_text = ""
        self.matches: list[tuple[int, int]] = []
        self._origin = cursor
        self._save_timer: Timer | None = None

    @property
    def sorot(self) -> SorotApp:
        return self.app  # type: ignore[return-value]

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def compose(self) -> ComposeResult:
        yield ArticleView(self.article, cursor=self._start_cursor, id="article-view")
        yield SearchBar(id="search-bar")
        yield Static(id="reader-status")
        yield Footer()

    def on_mount(self) -> None:
        self.view.focus()
        self._status()

    def _status(self, message: str | Text = "") -> None:
        parts: list[str | Text] = []
        if message:
            parts.append(message)
        elif self.matches:
            parts.append(f"{len(self.matches)} matches for “{self.query_text}” · n/N to jump")
        words = self.article.word_count
        parts.append(f"{words:,} words")
        line = Text(" · ").join(Text(p) if isinstance(p, str) else p for p in parts)
        self.query_one("#reader-status", Static).update(line)

    # -- leaving, saving --------------------------------------------------------

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_position)

    def save_position(self) -> None:
        """Remember where the cursor is for the next time this article is opened."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        self.sorot.save_position(self.article, self.view.cursor)

    def action_back(self) -> None:
        self.save_position()
        self.dismiss()

    def action_escape(self) -> None:
        if self.matches:
            self._set_matches([], None)
            self._status()
        else:
            self.action_back()

    # -- search -----------------------------------------------------------------

    def action_search(self) -> None:
        self._origin = self.view.cursor
        self.query_one(SearchBar).open(self.query_text)

    def _set_matches(self, matches: list[tuple[int, int]], current: int | None) -> None:
        self.matches = matches
        self.view.show_matches(matches, current)

    def _jump(self, index: int | None) -> None:
        if index is None:
            return
        self.view.show_matches(self.matches, index)
        self.view.move_to(self.matches[index][0])
        self._status(f"match {index + 1} of {len(self.matches)} for “{self.query_text}”")

    @on(SearchBar.QueryChanged)
    def _search_changed(self, message: SearchBar.QueryChanged) -> None:
        self.query_text = message.query
        matches = find_all(self.article.body, message.query)
        if not matches:
            self._set_matches([], None)
            self.view.move_to(self._origin)
            self._status(f"no match for “{message.query}”" if message.query.strip() else "")
            return
        self._set_matches(matches, None)
        # Preview the first match at or after where the search began.
        first = next_match(matches, self._origin - 1)
        self._jump(first)

    @on(SearchBar.Finished)
    def _search_done(self, message: SearchBar.Finished) -> None:
        self.view.focus()
        if not message.keep:
            self._set_matches([], None)
            self.view.move_to(self._origin)
            self._status()

    def action_next_match(self, direction: int) -> None:
        if not self.matches:
            if self.query_text.strip():
                self.matches = find_all(self.article.body, self.query_text)
            if not self.matches:
                self._status("no search yet: press / to search")
                return
        cursor = self.view.cursor
        index = (
            next_match(self.matches, cursor) if direction > 0 else prev_match(self.matches, cursor)
        )
        if index is None:
            return
        self._jump(index)
        wrapped = (
            (self.matches[index][0] <= cursor)
            if direction > 0
            else (self.matches[index][0] >= cursor)
        )
        if wrapped and len(self.matches) > 0:
            where = "top" if direction > 0 else "bottom"
            self._status(
                f"match {index + 1} of {len(self.matches)} · search wrapped to the {where}"
            )

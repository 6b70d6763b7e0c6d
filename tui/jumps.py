"""Jumps between passages: to a related passage or a claim of the board, and back (ctrl+o).

The app keeps the places jumped away from (the latest ``JUMPS``), and the
passage an article opened by a jump should land on: the reader takes it
once when it mounts and selects it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

from tui.loading import reader_screen

if TYPE_CHECKING:
    from store.workspace import Workspace

JUMPS = 100
"""Places kept for ``ctrl+o`` (going back after a jump to a related passage or an entity)."""


class JumpsInApp(App[None]):
    """The app's jump list, the passage to land on, and the claims board's key."""

    workspace: Workspace
    loaded: bool
    jumps: list[tuple[str, int]]
    landing: tuple[str, int, int] | None

    if TYPE_CHECKING:

        def open_article(self, article_id: str, at: int | None = None) -> None: ...

    def remember_place(self, article_id: str, cursor: int) -> None:
        """Keep a place jumped away from, for ``ctrl+o`` (the latest ``JUMPS`` of them)."""
        self.jumps.append((article_id, cursor))
        del self.jumps[:-JUMPS]

    def jump_to(self, article_id: str, start: int, end: int, came_from: tuple[str, int]) -> None:
        """Open the passage ``[start, end)`` of ``article_id``, remembering where it was asked."""
        self.remember_place(*came_from)
        screen = self.screen
        if isinstance(screen, reader_screen()) and screen.article.id == article_id:
            screen.land(start, end)
            return
        self.landing = (article_id, start, end)
        self.open_article(article_id, at=start)

    def jump_back(self) -> bool:
        """Go back to the last place jumped away from; False when there is none."""
        while self.jumps:
            article_id, cursor = self.jumps.pop()
            screen = self.screen
            if isinstance(screen, reader_screen()) and screen.article.id == article_id:
                screen.view.clear_selection()
                screen.view.move_to(cursor)
                return True
            if self.workspace.article(article_id) is not None:
                self.open_article(article_id, at=cursor)
                return True
        return False

    def open_passage(self, article_id: str, start: int, end: int) -> None:
        """Open ``article_id`` with ``[start, end)`` selected (from the claims board)."""
        self.landing = (article_id, start, end)
        self.open_article(article_id, at=start)

    def action_board(self) -> None:
        """Open the claims board (every claim and group of the corpus)."""
        from tui.screens.claims_board import ClaimsBoard

        if not isinstance(self.screen, ClaimsBoard) and self.loaded:
            self.push_screen(ClaimsBoard())

    def take_landing(self, article_id: str) -> tuple[int, int] | None:
        """The passage to select in ``article_id`` just opened by a jump (once)."""
        landing, self.landing = self.landing, None
        if landing is None or landing[0] != article_id:
            return None
        return landing[1], landing[2]

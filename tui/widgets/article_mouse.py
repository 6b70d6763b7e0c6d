"""The article view under the mouse: a click puts the cursor, a drag selects.

A mixin of ``ArticleView``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from tui.widgets.article_view import ArticleView

    _Base = ArticleView
else:
    _Base = object


class MouseSelection(_Base):
    """Click to move the cursor, drag to select (the view's mouse handlers)."""

    _dragging = False

    def _offset_for(self, event: events.MouseEvent) -> int | None:
        return self.offset_at(self.scroll_offset.y + event.y, event.x - self._page.margin)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = self._offset_for(event)
        if offset is None or event.button != 1:
            return
        self.clear_selection()
        self.move_to(offset)
        self._dragging = True
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if not self._dragging:
            return
        offset = self._offset_for(event)
        if offset is None or offset == self.cursor:
            return
        if self.selection_anchor is None:
            self.selection_anchor = self.cursor
            self.post_message(self.SelectionChanged(self.selection))
        self.move_to(offset)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()

"""A one-line input of a fixed size whose typing repaints itself, not the screen.

Textual's ``Input`` sets its virtual size on every key (the text's width),
and a widget's virtual size is a reactive that lays the whole screen out
again: with the library's list, status line and footer under it, that
layout was a third of the UI thread's time per key typed in the filter
(issue #13: a keystroke's budget is 30 ms). An input whose box has a fixed
size (the library's filter: a whole row, one line high) needs no layout when
its text grows: only its own scroll range changes.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input


class FilterInput(Input):
    """An ``Input`` of fixed width and height (no ``auto`` in its styles; see the module)."""

    def _watch_value(self, value: str) -> None:
        size = Size(self.content_width, 1)
        box = self.scrollable_content_region.width
        if (
            self.styles.auto_dimensions
            or self.suggester is not None
            or max(size.width, self.virtual_size.width) > box
        ):
            # A box that may grow, suggestions, or text wider than the box (it scrolls
            # sideways with the cursor, which the layout sets up): Input's own way.
            super()._watch_value(value)
            return
        if size != self.virtual_size:
            # The text fits: its scroll range changes without the layout the reactive asks for.
            self.set_reactive(Widget.virtual_size, size)
        self._suggestion = ""
        self.refresh()
        checked = self.validate(value) if "changed" in self.validate_on else None
        self.post_message(self.Changed(self, value, checked))

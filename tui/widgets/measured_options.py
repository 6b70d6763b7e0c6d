"""An OptionList that measures its options again when its width has changed since.

Textual's ``OptionList`` (8.x) measures each option's height once, at the
content width it has then, and keeps it until the widget is resized. A
width that changes without a resize (a panel laid out while it opens, a
scrollbar arriving with the options) leaves a multi-line option measured
too short: its last lines are cut. The related-passages panel lost its line
of the passage's own figures so, depending on timing (the 80x24 snapshot
came and went between runs).
"""

from __future__ import annotations

from textual.widgets import OptionList


class MeasuredOptionList(OptionList):
    """An ``OptionList`` whose options' heights follow its content width."""

    _measured_width = -1

    def _update_lines(self) -> None:  # OptionList's own hook: called before every use of lines
        width = self.scrollable_content_region.width
        if width != self._measured_width:
            self._measured_width = width
            self._option_render_cache.clear()
            self._line_cache.clear()
        super()._update_lines()

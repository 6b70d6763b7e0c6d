"""A checkbox that looks unticked when it is: ``[ ]`` and ``[x]``.

Textual's ``Checkbox`` always draws its ``X`` and only changes its colour,
so an unticked box reads as ticked on most themes (a user applied a
correction to one mention believing "every mention" was ticked).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """A checkbox drawn ``[x]`` when ticked and ``[ ]`` when not, in any theme."""

    @property
    def _button(self) -> Content:
        tick = self.get_visual_style("toggle--button")
        return Content.assemble("[", ("x" if self.value else " ", tick), "]")

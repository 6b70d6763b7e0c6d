"""Textual's footer, without keeping every key it ever drew (see ``tui.textual_leaks``)."""

from __future__ import annotations

from textual.widgets import Footer as TextualFooter

from tui.textual_leaks import forget_removed_watchers

COMPACT_BELOW = 100
"""Narrower than this, the keys are drawn closer together, so that ``? Help`` still fits."""


class Footer(TextualFooter):
    """The key bar at the bottom of the library, the reader and each form."""

    def on_resize(self) -> None:
        self.compact = self.size.width < COMPACT_BELOW

    async def recompose(self) -> None:
        await super().recompose()
        # The keys just removed are bound to ``compact``: let them go.
        forget_removed_watchers(self, "compact")

"""Textual's footer, without keeping every key it ever drew (see ``tui.textual_leaks``)."""

from __future__ import annotations

from textual.widgets import Footer as TextualFooter

from tui.textual_leaks import forget_removed_watchers


class Footer(TextualFooter):
    """The key bar at the bottom of the library and the reader."""

    async def recompose(self) -> None:
        await super().recompose()
        # The keys just removed are bound to ``compact``: let them go.
        forget_removed_watchers(self, "compact")

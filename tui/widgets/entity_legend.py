"""The reader's one-line entity legend: each type in its colour, its count, its key.

The colours are the article view's own component classes
(``article-view--per`` …), so the legend matches the text in every theme. A
type switched off (keys ``1``–``5``) is shown dim and struck through.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from rich.style import Style
from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from store.entities.model import TYPES
from tui.styles import ComponentStyles

TYPE_CLASSES = {kind: f"article-view--{kind.lower()}" for kind in TYPES}
"""The article view's component class drawing each entity type."""

HINT = "  > < next/previous · P list · t correct"


class EntityLegend(Static):
    """``1 PER 12  2 ORG 5  3 LOC 20  4 DATE 3  5 QUANT 4``, or what the recogniser is doing."""

    DEFAULT_CSS = """
    EntityLegend { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, view: Widget, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._view = view
        self._counts: Mapping[str, int] = {}
        self._hidden: Collection[str] = ()
        self._state = ""

    def on_mount(self) -> None:
        # A new theme recolours the article view: take its colours once they apply.
        # A signal, left on unmount: a watch on the app's ``theme`` stayed with the
        # app after the reader closed, and with it this legend, the view and its text.
        self.app.theme_changed_signal.subscribe(self, lambda _: self.call_after_refresh(self._draw))
        self._draw()

    def on_unmount(self) -> None:
        self.app.theme_changed_signal.unsubscribe(self)

    def show(
        self, counts: Mapping[str, int], hidden: Collection[str], state: str = "ready"
    ) -> None:
        """Show ``counts`` per type; ``state`` is ``ready``, ``pending`` or ``failed``.

        Before the first call the legend shows the types alone.
        """
        self._counts, self._hidden, self._state = dict(counts), set(hidden), state
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if not self.is_mounted:
            return
        # One fixed-height line: no need to lay the screen out again.
        self.update(self.legend_text(self.size.width or 80), layout=False)

    def legend_text(self, width: int) -> Text:
        """The legend as it fits in ``width`` cells."""
        styles = ComponentStyles(self._view)
        text = Text(no_wrap=True, overflow="ellipsis")
        for number, kind in enumerate(TYPES, 1):
            if number > 1:
                text.append("  ")
            off = kind in self._hidden
            text.append(f"{number} ", "dim")
            style = styles(TYPE_CLASSES[kind])
            label_style = Style(dim=True, strike=True) if off else style + Style(bold=True)
            text.append(kind, label_style)
            if self._state == "ready":
                text.append(f" {self._counts.get(kind, 0)}", "dim" if off else "")
        if self._state == "pending":
            text.append("  · finding names, places, dates…", "italic")
        elif self._state == "failed":
            text.append("  · entities unavailable", "italic")
        elif len(text) + len(HINT) <= width - 2:
            text.append(HINT, "dim")
        return text

"""Component styles for Line-API widgets, with the theme's transparency applied.

``get_component_rich_style(name, partial=True)`` keeps only what the CSS
sets, but drops alpha: ``$text-muted`` comes out as full white and
``$warning 40%`` as full ``$warning``. The full style has the blended colours
but also every inherited attribute. This takes the attributes of the
partial style and the colours of the full one, and caches the result per
class until the theme or CSS changes.
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


class ComponentStyles:
    """Cached, correctly blended styles of one widget's component classes."""

    def __init__(self, widget: Widget) -> None:
        self.widget = widget
        self._cache: dict[str, Style] = {}

    def __call__(self, name: str) -> Style:
        style = self._cache.get(name)
        if style is None:
            partial = self.widget.get_component_rich_style(name, partial=True)
            full = self.widget.get_component_rich_style(name)
            style = partial + Style(
                color=full.color if partial.color else None,
                bgcolor=full.bgcolor if partial.bgcolor else None,
            )
            self._cache[name] = style
        return style

    @property
    def base(self) -> Style:
        """The widget's own style, cached: ``rich_style`` walks its ancestors each time."""
        style = self._cache.get("")
        if style is None:
            style = self._cache[""] = self.widget.rich_style
        return style

    def clear(self) -> None:
        """Forget cached styles (call when the theme or CSS changes)."""
        self._cache.clear()

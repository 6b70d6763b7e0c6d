"""A widget's last rendered frame, so a one-cell change does not walk every line.

Textual's compositor asks a widget for *all* its visible lines whenever any
dirty region touches it, and its ``StylesCache`` answers line by line in
Python (a cache lookup, the line filters, a list append), even when one cell
changed. For the reader's article view and its scrollbar that loop was about
a sixth of a cursor move. ``FrameCache`` keeps the list of strips it returned
last time and, asked again for the same frame, re-renders only the lines
marked dirty since: the same strips, through the same ``StylesCache.render``,
for those lines alone.

The invariant: the kept frame is what a full render with the same arguments
would return now. Every render with other arguments replaces it, and
``clear()`` (Textual's only way to drop cached lines, used on every full
refresh, resize, scroll and style change) drops it.
"""

from __future__ import annotations

from typing import Any

from textual._styles_cache import StylesCache
from textual.geometry import Region
from textual.strip import Strip


class FrameCache(StylesCache):
    """A ``StylesCache`` that re-renders only the dirty lines of an unchanged frame."""

    def __init__(self) -> None:
        super().__init__()
        self._frame_key: tuple[Any, ...] | None = None
        self._frame: list[Strip] = []

    def clear(self) -> None:
        super().clear()
        self._frame_key = None
        self._frame = []

    def render(self, *args: Any, **options: Any) -> list[Strip]:
        crop: Region | None = options.get("crop")
        # Arguments compare by value (sizes, colours, filters) and the line
        # callback by its widget; anything new is a frame of its own.
        key = (args[1:], options)
        if crop is None or key != self._frame_key:
            frame = super().render(*args, **options)
            self._frame_key = None if crop is None else key
            self._frame = frame
            return list(frame)
        frame = self._frame
        dirty = self._dirty_lines
        if dirty:
            top, x, width = crop.y, crop.x, crop.width
            for y in sorted(dirty.intersection(crop.line_range)):
                line_crop = Region(x, y, width, 1)
                (frame[y - top],) = super().render(*args, **{**options, "crop": line_crop})
        return list(frame)

"""Word wrapping by terminal cells that keeps character offsets.

The article view wraps each segment once per width and keeps, for every
screen line, the offsets of the characters on it, so the cursor (an offset)
maps to a line and column without re-rendering anything.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

_TOKEN = re.compile(r"\S+\s*|\s+")


def _fit(text: str, start: int, end: int, width: int) -> int:
    """The furthest index <= end such that text[start:index] fits in ``width`` cells."""
    used = 0
    for index in range(start, end):
        used += cell_len(text[index])
        if used > width:
            return max(index, start + 1)
    return end


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Split ``text`` into ``(start, end)`` lines of at most ``width`` cells.

    Lines break after whitespace; a word wider than a line is cut. Trailing
    whitespace stays on its line, so the lines tile the text exactly.
    """
    width = max(1, width)
    if not text:
        return [(0, 0)]
    measure = len if text.isascii() else cell_len
    lines: list[tuple[int, int]] = []
    line_start = 0
    used = 0
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word_end = start + len(match.group().rstrip())
        word_cells = measure(text[start:word_end])
        if used and used + word_cells > width:
            lines.append((line_start, start))
            line_start, used = start, 0
        while word_cells > width:
            cut = _fit(text, start, word_end, width)
            lines.append((line_start, cut))
            line_start = start = cut
            word_cells = measure(text[start:word_end])
            used = 0
        used += word_cells + (end - word_end)
    lines.append((line_start, len(text)))
    return lines


def column_to_offset(text: str, start: int, end: int, column: int) -> int:
    """The offset in ``text[start:end]`` displayed at cell ``column`` (clamped)."""
    if column <= 0 or start >= end:
        return start
    used = 0
    for index in range(start, end):
        used += cell_len(text[index])
        if used > column:
            return index
    return max(start, end - 1)


def offset_to_column(text: str, start: int, offset: int) -> int:
    """The cell column at which ``text[offset]`` is shown on a line starting at ``start``."""
    segment = text[start:offset]
    return len(segment) if segment.isascii() else cell_len(segment)

"""Word wrapping by terminal cells that keeps character offsets.

The article view wraps each segment once per width and keeps, for every
screen line, the offsets of the characters on it, so the cursor (an offset)
maps to a line and column without re-rendering anything.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from rich.cells import cell_len

_TOKEN = re.compile(r"\S+\s*|\s+")
_SPACES = re.compile(r"(\s+)")


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
    if text.isascii() or all(cell_len(c) == 1 for c in set(text)):
        return _wrap_single_cells(text, width)
    return _wrap_by_tokens(text, width)


def _wrap_single_cells(text: str, width: int) -> list[tuple[int, int]]:
    """``wrap_offsets`` for text whose every character is one cell wide.

    Offsets are then columns, so a line holds every word ending within
    ``width`` of its start: one bisect a line instead of a step a word, which
    made wrapping a long article a seventh of the cost of opening it.
    """
    # Words and the whitespace between them, measured and summed in C.
    parts = _SPACES.split(text)  # words at even indexes, whitespace at odd ones
    bounds = list(accumulate(map(len, parts)))
    ends, starts = bounds[0::2], [0, *bounds[1::2]]
    if not parts[-1]:  # trailing whitespace: no word after it
        del ends[-1], starts[-1]
    if parts and not parts[0]:  # leading whitespace: no word before it
        del ends[0], starts[0]
    lines: list[tuple[int, int]] = []
    line_start, size = 0, len(text)
    while True:
        beyond = bisect_right(ends, line_start + width)  # the first word that does not fit
        if beyond == len(ends):
            lines.append((line_start, size))
            return lines
        next_start = starts[beyond]
        if next_start <= line_start:  # a word wider than a line: cut it
            next_start = line_start + width
        lines.append((line_start, next_start))
        line_start = next_start


def _wrap_by_tokens(text: str, width: int) -> list[tuple[int, int]]:
    """``wrap_offsets`` measuring each word in cells (wide or zero-width characters)."""
    lines: list[tuple[int, int]] = []
    line_start = 0
    used = 0
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word_end = start + len(match.group().rstrip())
        word_cells = cell_len(text[start:word_end])
        if used and used + word_cells > width:
            lines.append((line_start, start))
            line_start, used = start, 0
        while word_cells > width:
            cut = _fit(text, start, word_end, width)
            lines.append((line_start, cut))
            line_start = start = cut
            word_cells = cell_len(text[start:word_end])
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

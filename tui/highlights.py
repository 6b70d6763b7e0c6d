"""Spans of the body drawn in a style: search matches, claims, notes, entities.

The article view keeps one ``Layer`` per kind of highlight and asks each,
for every line it draws, which spans touch that line: a bisect, not a scan,
so a line costs the same in an article with thousands of highlights.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple


class Span(NamedTuple):
    """A highlighted stretch ``[start, end)`` of the body.

    A named tuple: an article can have a thousand of these built on opening,
    and a tuple is made in C where a frozen dataclass sets each field in Python.
    """

    start: int
    end: int
    style: str
    """The component class to draw it with."""


_START_END = itemgetter(0, 1)
"""Sort key: by start, then end; equal spans keep the order they came in."""


@dataclass
class Layer:
    """Non-nested highlights of one kind, sorted by start."""

    spans: list[Span] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _max_length: int = 0

    @classmethod
    def of(cls, spans: Iterable[Span]) -> Layer:
        """A layer holding ``spans`` (any order; empty spans dropped)."""
        ordered = sorted((s for s in spans if s.end > s.start), key=_START_END)
        layer = cls(ordered, [s.start for s in ordered])
        layer._max_length = max((s.end - s.start for s in ordered), default=0)
        return layer

    def touching(self, start: int, end: int) -> Iterator[Span]:
        """Spans overlapping ``[start, end)``."""
        # A span starting before `start` can only reach in if it is long enough.
        first = bisect_left(self._starts, start - self._max_length)
        for index in range(first, len(self.spans)):
            span = self.spans[index]
            if span.start >= end:
                break
            if span.end > start:
                yield span

    def at(self, offset: int) -> list[Span]:
        """Spans covering ``offset``."""
        return list(self.touching(offset, offset + 1))

    def __len__(self) -> int:
        return len(self.spans)

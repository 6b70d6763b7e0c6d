"""Whether two passages speak of different events, by their dates.

The same people doing the same kind of thing at another time is another
claim: Kim meeting a Russian defence official in July is not Kim meeting the
minister in November, however many words the two sentences share. Two rules,
each on resolved dates only (``store.claims.when``: a day, a month, a year;
``Jumat (29/11)`` resolved against the article's date):

- both passages date what they state, and no date of one comes within
  ``GAP_DAYS`` of a date of the other (Friday 29/11 and Saturday 30/11 are
  one event told two ways, and a conflict to show; 18/7 and 29/11 are two
  events);
- one passage dates what it states and the other's article was published
  more than ``GAP_DAYS`` before that date: an article cannot report as done
  what had not happened yet when it was written.

A passage with no date in an article with no date says nothing either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from store.claims.figure import DATE, Figure

GAP_DAYS = 7
"""Dates further apart than this (or an article older than that) are different events."""

Span = tuple[float, float]
"""A date as the first and last day it may be (day ordinals)."""


def spans_of(figures: Iterable[Figure]) -> list[Span]:
    """The resolved dates among ``figures``, as day spans (unresolved ones left out)."""
    return [
        (f.low, f.high)
        for f in figures
        if f.kind == DATE and f.low is not None and f.high is not None
    ]


def _gap(a: Span, b: Span) -> float:
    """Days between two spans (0 when they overlap)."""
    return max(0.0, a[0] - b[1], b[0] - a[1])


def _older(dated: Sequence[Span], published: date | None) -> bool:
    """True when an article of ``published`` predates every date of ``dated`` by over the gap."""
    if published is None or not dated:
        return False
    return all(published.toordinal() < low - GAP_DAYS for low, _high in dated)


def different_events(
    mine: Sequence[Span],
    my_day: date | None,
    theirs: Sequence[Span],
    their_day: date | None,
) -> bool:
    """True when the dates say two passages cannot state one event (see the module)."""
    if mine and theirs:
        return all(_gap(a, b) > GAP_DAYS for a in mine for b in theirs)
    return _older(mine, their_day) or _older(theirs, my_day)

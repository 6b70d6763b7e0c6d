"""A passage's figures, and whether two passages' figures conflict, and why.

:func:`find_figures` reads every date (:mod:`store.claims.when`) and amount
(:mod:`store.claims.numbers`) of a passage. :func:`compare` sets them side
by side: two figures are compared only when they measure one thing (two
dates; two counts of one class, so troops are never weighed against
containers; two sums in one currency; two percentages), and they conflict
when no value satisfies both:

- ``lebih dari 10.000`` (10,000, ∞) and ``hampir 12.000`` [10,800, 12,000)
  are compatible;
- a round number as it stands may be rounded: ``12.000`` covers 11,500 to
  12,500 (half its last place, at most 5%), so it is compatible with both of
  those, and not with ``10.000``;
- ``Jumat (29/11)`` and ``Sabtu (30/11/2024)`` are different days; a
  weekday alone still conflicts with another weekday (Friday is not Saturday).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from store.claims.figure import DATE, WEEKDAY_NAMES, Figure
from store.claims.lexicon import NUMBER_WORDS
from store.claims.numbers import amounts
from store.claims.when import dates
from store.news.article import ESTIMATED, STATED, Article


def article_day(article: Article | None) -> date | None:
    """The day an article is dated (stated or estimated), to resolve its relative dates."""
    if article is None or article.published_status not in (STATED, ESTIMATED, None):
        return None
    published = article.published or ""
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def find_figures(text: str, published: date | None = None) -> list[Figure]:
    """Every date and amount of ``text`` in order, dates resolved against ``published``."""
    found = dates(text, published)
    spans = [(f.start, f.end) for f in found]
    found += amounts(text, skip=spans)
    found.sort(key=lambda f: f.start)
    return found


@dataclass(frozen=True, slots=True)
class Comparison:
    """One figure of a passage set beside the query's figure that measures the same thing."""

    mine: Figure
    """The query's figure."""
    theirs: Figure
    """The other passage's figure."""
    conflict: bool
    why: str
    """In words: ``>10,000 troops and <~12,000 troops can both be true``."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "query_figure": self.mine.describe(),
            "figure": self.theirs.describe(),
            "conflict": self.conflict,
            "why": self.why,
        }


def comparable(a: Figure, b: Figure) -> bool:
    """True when ``a`` and ``b`` measure one thing (see the module's docstring)."""
    if a.kind != b.kind:
        return False
    if a.kind == DATE:
        return True
    return bool(a.unit) and a.unit == b.unit


def _tolerance(figure: Figure) -> float:
    """How far a round number as it stands may be from the truth (half its last place)."""
    if figure.qualifier or figure.value is None or figure.value != int(figure.value):
        return 0.0
    value, place = int(figure.value), 1
    while value and value % 10 == 0:
        value //= 10
        place *= 10
    # Half the last place, but never more than 5%: "10.000" may be 9,500 to 10,500,
    # not 5,000 to 15,000 (its last place alone would allow that).
    return min(place / 2, figure.value * 0.05) if place >= 10 else 0.0


def _bounds(figure: Figure) -> tuple[float, float, bool, bool]:
    slack = _tolerance(figure)
    low = -float("inf") if figure.low is None else figure.low - slack
    high = float("inf") if figure.high is None else figure.high + slack
    return low, high, figure.low_open and not slack, figure.high_open and not slack


def _amounts_meet(a: Figure, b: Figure) -> bool:
    """True when the two intervals (with a round number's slack) share a value."""
    a_low, a_high, a_low_open, a_high_open = _bounds(a)
    b_low, b_high, b_low_open, b_high_open = _bounds(b)
    if a_low != b_low:
        low, low_open = (a_low, a_low_open) if a_low > b_low else (b_low, b_low_open)
    else:
        low, low_open = a_low, a_low_open or b_low_open
    if a_high != b_high:
        high, high_open = (a_high, a_high_open) if a_high < b_high else (b_high, b_high_open)
    else:
        high, high_open = a_high, a_high_open or b_high_open
    return low < high or (low == high and not low_open and not high_open)


def _dates_meet(a: Figure, b: Figure) -> tuple[bool, str]:
    if a.weekday is not None and b.weekday is not None and a.weekday != b.weekday:
        return False, f"{WEEKDAY_NAMES[a.weekday]} is not {WEEKDAY_NAMES[b.weekday]}"
    if a.low is not None and b.low is not None and a.high is not None and b.high is not None:
        if a.high < b.low or b.high < a.low:
            return False, "different days" if a.unit == b.unit == "day" else "they do not overlap"
        return True, ""
    for part, name in (("month", "month"), ("day", "day")):
        mine, theirs = getattr(a, part), getattr(b, part)
        if mine is not None and theirs is not None and mine != theirs:
            return False, f"different {name}s"
        if mine is None or theirs is None:
            break
    return True, ""


def compare_pair(mine: Figure, theirs: Figure) -> Comparison:
    """``mine`` beside ``theirs`` (which must be :func:`comparable`)."""
    a, b = mine.describe(), theirs.describe()
    if mine.kind == DATE:
        meet, reason = _dates_meet(mine, theirs)
        if meet:
            return Comparison(mine, theirs, False, f"{a} and {b} agree")
        return Comparison(mine, theirs, True, f"{a} vs {b}: {reason}")
    if _amounts_meet(mine, theirs):
        if a == b:
            return Comparison(mine, theirs, False, f"{a} in both")
        return Comparison(mine, theirs, False, f"{a} and {b} can both be true")
    return Comparison(mine, theirs, True, f"{a} vs {b}: no number satisfies both")


def compare(mine: list[Figure], theirs: list[Figure]) -> list[Comparison]:
    """Each of ``theirs`` beside the query's figures that measure the same thing.

    A figure with several candidates on the query's side is compatible when
    one of them agrees with it; a figure nothing on the query's side
    measures is left out (it is shown, but not judged).
    """
    found: list[Comparison] = []
    for figure in theirs:
        pairs = [compare_pair(m, figure) for m in mine if comparable(m, figure)]
        if not pairs:
            continue
        agreeing = [p for p in pairs if not p.conflict]
        found.append(agreeing[0] if agreeing else pairs[0])
    return found


_MAYBE_NUMBER = re.compile(
    r"\d|\b(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)


def counts_in(text: str) -> list[Figure]:
    """The amounts of ``text`` (no dates), quickly nothing when it names no number."""
    if _MAYBE_NUMBER.search(text) is None:
        return []
    return amounts(text)


def counted_units(figures: list[Figure]) -> set[str]:
    """The classes of things a passage's counts count (``{"troops"}``)."""
    return {f.unit for f in figures if f.kind == "count" and f.unit}

"""How surely two passages state the same claim: a score from 0 to 1.

Beyond shared words:

- words are weighed by rarity (a shared ``Belousov`` says more than a shared
  ``Rusia``), and compared as a cosine of their weights leaning towards the
  passage asked about (``QUERY_WEIGHT``): a selection of a few words is
  found in a long sentence, and a long sentence still does not win by length;
- numbers and dates are masked (``terms``), so ``lebih dari 10.000
  tentara`` and ``hampir 12.000 tentara`` still meet: their figures are
  compared apart, and disagreeing is what the desk is for;
- what is counted matters: when both passages count things and count no
  class in common (troops in one, containers in the other) they are held to
  state different claims, whatever else they share; when they count the
  same class (troops and troops, whatever the numbers) that weighs for them;
- entity keys join spellings (``Kim Jong-un``, ``Kim``: ``Kim Jong Un``);
  passages naming different people or organisations as the only names
  they have lose weight.

Measured on the seed gold (``make eval-claims``), which also prints what
each part adds.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from store.claims.figure import Figure
from store.claims.figures import counted_units
from store.claims.terms import KEY_PREFIX

DEFAULT_THRESHOLD = 0.20
"""The score from which ``sorot related`` prints a passage by default."""

DIFFERENT_THINGS = 0.35
"""What a score is multiplied by when two passages count different things."""

SAME_THINGS = 1.3
"""What a score is multiplied by when two passages count the same class of things."""

QUERY_WEIGHT = 0.7
"""How much the passage asked about's own length counts in the cosine (0.5: symmetric)."""

RELATIVE = 0.6
"""Passages scoring under this share of the best one are not shown (the best sets the bar)."""


@dataclass(frozen=True, slots=True)
class Profile:
    """What a passage is compared by."""

    terms: frozenset[str]
    figures: tuple[Figure, ...] = ()

    @property
    def keys(self) -> frozenset[str]:
        """Its entity key terms."""
        return frozenset(t for t in self.terms if t.startswith(KEY_PREFIX))

    @property
    def units(self) -> set[str]:
        """The classes of things it counts."""
        return counted_units(list(self.figures))


def cosine(
    a: Collection[str], b: Collection[str], idf: Callable[[str], float], lean: float = 0.5
) -> float:
    """The cosine of two term sets, each term weighed by its rarity.

    ``lean`` above 0.5 divides more by ``a``'s length than by ``b``'s.
    """
    if not a or not b:
        return 0.0
    shared = set(a) & set(b)
    if not shared:
        return 0.0
    top = sum(idf(t) ** 2 for t in shared)
    norm_a = sum(idf(t) ** 2 for t in a)
    norm_b = sum(idf(t) ** 2 for t in b)
    if not norm_a or not norm_b:
        return 0.0
    return min(1.0, top / (norm_a**lean * norm_b ** (1 - lean)))


def counts_differ(a: Profile, b: Profile) -> bool:
    """True when both count things and no class in common (troops, containers)."""
    mine, theirs = a.units, b.units
    return bool(mine and theirs and not mine & theirs)


def score(a: Profile, b: Profile, idf: Callable[[str], float]) -> float:
    """How surely ``a`` and ``b`` state one claim, from 0 to 1."""
    value = cosine(a.terms, b.terms, idf, QUERY_WEIGHT)
    if counts_differ(a, b):
        value *= DIFFERENT_THINGS
    elif a.units & b.units:
        value = min(1.0, value * SAME_THINGS)
    return value

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
  same class (troops and troops, whatever the numbers) that weighs for them.
  A passage that counts nothing but names things (``mengirim pasukan``:
  troops, no number) is held to them too: it does not state what a passage
  counting only containers states. And a passage counting troops is held to
  the ones naming troops: a sentence about the same countries that names no
  troops at all states something else;
- words are stemmed (``mengirim``, ``mengirimkan``, ``dikirim`` meet) and
  counted things are their class (``pasukan`` and ``tentara`` are troops);
  where the stemmer cuts forms of one word apart (``menandatangani`` and
  ``ditandatangani``, ``bertemu`` and ``pertemuan``) the passage asked
  about meets the stems of its words' other forms too
  (``store.claims.terms.variants``);
- dates tell events apart (:mod:`store.claims.events`): the same people
  meeting in July and in November are two claims, whatever they share;
- sharing names alone is not stating one claim: when every term two
  passages share is a name in the passage asked about (written as one in
  its article, ``store.claims.terms.name_terms``, or an entity key), the
  score is cut (``NAMES_ONLY``): ``hujan membuat Sungai Cimanuk meluap``
  and ``memperbaiki tanggul Sungai Cimanuk`` speak of one river, not of
  one thing. Only the passage asked about needs its names (its article is
  at hand); a candidate's terms are enough;
- who a passage names: once a shown passage is read, one where a person
  of the passage asked about is replaced by another (``Kim`` meeting
  ``Belousov`` here, ``Belousov`` meeting ``No Kwang Chol`` there) is held
  to another event (``OTHER_PEOPLE``, :mod:`store.claims.participants`;
  the people are the entity recogniser's, given by the caller);
- entity keys, when a caller gives an article's names, are terms too
  (``Kim Jong-un`` and ``Kim`` both ``key:kim jong un``); the workspace
  gives none today: on the seed gold they did not measurably help.

Measured on the seed gold (``make eval-claims``). The constants below were
chosen there by a sweep (query weight 0.5 to 0.8, threshold 0.15 to 0.45,
relative bar 0 to 0.75); ``NAMES_ONLY`` and ``DIFFERENT_SPEAKERS`` take the
0.35 of the other "another claim" factors (0 to 0.6 scored alike there);
the README gives the figures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from store.claims.events import Span, different_events
from store.claims.figure import Figure
from store.claims.figures import counted_units
from store.claims.lexicon import class_names, things
from store.claims.terms import KEY_PREFIX, variants

DEFAULT_THRESHOLD = 0.20
"""The score from which ``sorot related`` prints a passage by default."""

DIFFERENT_THINGS = 0.35
"""What a score is multiplied by when two passages count different things."""

SAME_THINGS = 1.3
"""What a score is multiplied by when two passages count the same class of things."""

DIFFERENT_EVENTS = 0.35
"""What a score is multiplied by when the dates say two passages tell different events."""

DIFFERENT_SPEAKERS = 0.35
"""What a shown passage's score is multiplied by when two people by name said the two
(``store.claims.attribution.different_people``; told only once the passage is read)."""

OTHER_PEOPLE = 0.35
"""What a shown passage's score is multiplied by when each of two passages names a person
the other does not (``store.claims.participants.someone_else``; told once it is read)."""

QUERY_WEIGHT = 0.7
"""How much the passage asked about's own length counts in the cosine (0.5: symmetric)."""

RELATIVE = 0.6
"""Passages scoring under this share of the best one are not shown (the best sets the bar)."""

NAMES_ONLY = 0.35
"""What a score is multiplied by when two passages share nothing but names."""


@dataclass(frozen=True, slots=True)
class Profile:
    """What a passage is compared by."""

    terms: frozenset[str]
    figures: tuple[Figure, ...] = ()
    """Its amounts (and dates: only their spans below weigh in the score)."""
    dates: tuple[Span, ...] = ()
    """The days it dates what it states (``store.claims.events.spans_of``)."""
    day: date | None = None
    """The day its article is dated."""
    counted: frozenset[str] | None = None
    """The classes it counts, when known without its figures (a candidate source's row)."""
    names: frozenset[str] = frozenset()
    """Its terms written as names in its article (``store.claims.terms.name_terms``), if known."""

    @property
    def keys(self) -> frozenset[str]:
        """Its entity key terms."""
        return frozenset(t for t in self.terms if t.startswith(KEY_PREFIX))

    @property
    def units(self) -> set[str]:
        """The classes of things it counts."""
        if self.counted is not None:
            return set(self.counted)
        return counted_units(list(self.figures))

    @property
    def named(self) -> frozenset[str]:
        """The classes of things it names, counted or not (``pasukan``: troops)."""
        return self.terms & things()


def score(a: Profile, b: Profile, idf: Callable[[str], float]) -> float:
    """How surely ``a`` and ``b`` state one claim, from 0 to 1."""
    return Scorer(a, idf)(b)


class Scorer:
    """:func:`score` against one passage, its weights worked out once for many candidates."""

    def __init__(self, mine: Profile, idf: Callable[[str], float]) -> None:
        self.mine = mine
        self.idf = idf
        self.weights = {t: idf(t) ** 2 for t in mine.terms}
        self.norm = sum(self.weights.values())
        self.units = mine.units
        self.proper = mine.names | mine.keys
        # Which of my terms a term of theirs is: itself, or another form's stem of it.
        self.meets: dict[str, str] = {t: t for t in mine.terms}
        classes = class_names()  # ``troops`` is no word's stem: it has no other forms
        for term in sorted(mine.terms):
            if term.isalpha() and term not in classes:
                for variant in variants(term):
                    self.meets.setdefault(variant, term)

    def __call__(self, theirs: Profile) -> float:
        """How surely ``theirs`` states the claim of the passage, from 0 to 1."""
        weights, idf, meets = self.weights, self.idf, self.meets
        shared = {meets[t] for t in theirs.terms if t in meets}
        top = sum(weights[t] for t in shared)
        if not top or not self.norm:
            return 0.0
        norm = sum(idf(t) ** 2 for t in theirs.terms)
        value = min(1.0, top / (self.norm**QUERY_WEIGHT * norm ** (1 - QUERY_WEIGHT)))
        mine, other = self.units, theirs.units
        if mine and other:
            value = min(1.0, value * SAME_THINGS) if mine & other else value * DIFFERENT_THINGS
        elif mine and (named := theirs.named) and not mine & named:
            value *= DIFFERENT_THINGS  # they name troops, we count containers
        elif other and (named := self.mine.named) and not other & named:
            value *= DIFFERENT_THINGS
        elif (counted := mine & things()) and not counted & theirs.named:
            value *= DIFFERENT_THINGS  # we count troops, they name none: another claim
        elif (counted := other & things()) and not counted & self.mine.named:
            value *= DIFFERENT_THINGS
        proper = self.proper
        if proper and shared <= proper:
            value *= NAMES_ONLY  # the same people and places, nothing said of them alike
        if different_events(self.mine.dates, self.mine.day, theirs.dates, theirs.day):
            value *= DIFFERENT_EVENTS
        return value

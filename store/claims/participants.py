"""Who a passage is about: the people it names, and when two passages name different ones.

``Kim Jong Un bertemu dengan Menteri Pertahanan Rusia, Andrei Belousov`` and
``Dalam pertemuan terpisah, Belousov juga mengadakan diskusi dengan Menteri
Pertahanan Korea Utara, No Kwang Chol`` share nearly every word, and are two
meetings: one person of each is someone the other does not name. A passage
naming more people than another (``Kim`` here, ``Kim`` and ``Putin`` there)
may still state its claim: only a person *replaced* by another tells two
claims apart (:func:`someone_else`).

People come from the entity recogniser (its ``PER`` entities with their
keys, corrections applied), given by the caller as a function of an
article: the desk itself needs no recogniser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from store.news.article import Article

People = Callable[[Article], Iterable[tuple[int, int, str]]]
"""An article's people as ``(start, end, key)`` (the recogniser's ``PER`` entities)."""

_PARTS = re.compile(r"[\s\-‐‑]+")


def people_within(people: Iterable[tuple[int, int, str]], start: int, end: int) -> frozenset[str]:
    """The keys of the people named inside ``[start, end)``."""
    return frozenset(key for s, e, key in people if start <= s and e <= end and key)


def _parts(key: str) -> frozenset[str]:
    return frozenset(p for p in _PARTS.split(key.casefold()) if p)


def _named_in(person: str, others: frozenset[str]) -> bool:
    # ``Kim`` and ``Kim Jong-un`` are one person: keys spelled apart still share a name.
    parts = _parts(person)
    return any(parts & _parts(other) for other in others)


def someone_else(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """True when each of two passages names a person the other does not name.

    ``{Kim, Belousov}`` and ``{Belousov, No Kwang Chol}``: Kim's place is
    taken by another, two events. ``{Putin}`` and ``{Kim, Putin}``: the
    second names more, and may state the first's claim. Passages naming
    nobody say nothing here.
    """
    if not mine or not theirs:
        return False
    return any(not _named_in(p, mine) for p in theirs) and any(
        not _named_in(p, theirs) for p in mine
    )

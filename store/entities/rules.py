"""DATE and QUANT from rules, following sorot's span guidelines.

DATE: weekday with a date in brackets (``Jumat (29/11)``, ``Kamis
(18/7/2024)``), bare weekdays (``pada Sabtu``), day–month–year with an
optional time (``19 Juli 2024, 14:11 WIB``), months with a year or a
relative word (``Februari 2022``, ``Juni lalu``, ``September tahun lalu``),
years after a cue (``pada tahun 2023`` → ``2023``: the classifiers
``tahun``/``bulan``/``hari``/``pukul`` stay outside), relative expressions
(``bulan lalu``, ``minggu ini``, ``hari ini``, ``beberapa tahun terakhir``,
``dua hari lalu``, ``kemarin``), numeric dates (``29/11``) and clock times
(``14:11 WIB``); English equivalents too. Vague adverbs (``baru-baru ini``,
``saat ini``) are not dates.

QUANT: a cardinal (digits or words: ``10.000``, ``dua belas``; ``ribuan``,
``puluhan`` only with the noun they count) with its scale
(``juta``), an approximator before it (``lebih dari``, ``hampir``,
``sekitar``), a currency (``Rp``, ``dolar AS``) or percent, and the counted
noun right after it (``tentara``, ``kali lipat``). Not: ordinals, ``kedua``,
``salah satu``, ``seorang``, ``satu sama lain``, list numbering (``1.`` at
the start of a line) and numbers inside names (``Perang Dunia 3``).

The rules work on tokens (``ruletext``) and return token ranges: dates are
found first (``daterules``), then quantities where no date is
(``quantrules``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import compress

from store.entities import lexicon as lx
from store.entities.daterules import date_at
from store.entities.quantrules import quant_at
from store.entities.ruletext import TokenText
from store.entities.tokens import Token

_DIGIT_RE = re.compile(r"\d")

Span = tuple[int, int, str]


def _clip(t: TokenText, i: int, end: int) -> int:
    """A rule span never runs past the end of its sentence."""
    for k in range(i + 1, end):
        if t.sentence[k] != t.sentence[i]:
            return k
    return end


@cache
def _starts() -> frozenset[str]:
    """Lowercase words a DATE or a QUANT can start with (besides any word with a digit)."""
    dates = (
        lx.DATE_MODIFIERS
        | lx.TIME_UNITS
        | lx.EN_RELATIVE_BEFORE
        | lx.DEICTIC
        | lx.DAY_PARTS
        | lx.WEEKDAYS
        | lx.MONTHS.keys()
        | lx.UNITS.keys()
        | {"beberapa", "several", "a", "tadi"}
    )
    quants = (
        lx.APPROX_ONE
        | lx.APPROX_TWO.keys()
        | lx.UNITS.keys()
        | lx.VAGUE_NUMBERS
        | {w.lower() for w in lx.CURRENCY_BEFORE}
    )
    return frozenset(dates | quants)


_MAYBE: dict[str, bool] = {}
"""Per word (lowercase): whether a DATE or QUANT may start there (remembered per process)."""


def _may_start(lw: str) -> bool:
    if len(_MAYBE) >= 100_000:
        _MAYBE.clear()
    found = _MAYBE[lw] = lw in _starts() or "-" in lw or _DIGIT_RE.search(lw) is not None
    return found


def find(
    text: str,
    tokens: Sequence[Token],
    sentences: Sequence[tuple[int, int]],
    headline: Sequence[bool],
    names: set[int],
) -> list[Span]:
    """DATE and QUANT token ranges ``(first, last + 1, type)``, sorted, not overlapping.

    ``names`` holds the indices of tokens already inside a PER/ORG/LOC entity;
    a quantity never starts or ends inside one.
    """
    t = TokenText(text, tokens, sentences, headline, names)
    # Most tokens can start neither: only a digit or a listed word is looked at further.
    maybe = list(map(_MAYBE.get, t.lower))
    if None in maybe:  # words not seen before
        pairs = zip(maybe, t.lower, strict=True)
        maybe = [m if m is not None else _may_start(lw) for m, lw in pairs]
    # Each pass tries only those tokens, left to right, from the end of the span found last.
    starts = [i for i in compress(range(t.n), maybe) if i not in names]
    out: list[Span] = []
    after = 0
    for i in starts:
        if i < after:
            continue
        end = _clip(t, i, date_at(t, i))
        if end > i:
            out.append((i, end, "DATE"))
            after = end
    dates = {k for a, b, _ in out for k in range(a, b)}
    quants: list[Span] = []
    after = 0
    for i in starts:
        if i < after or i in dates:
            continue
        end = _clip(t, i, quant_at(t, i))
        if end > i and not any(k in dates for k in range(i, end)):
            quants.append((i, end, "QUANT"))
            after = end
    return sorted(out + quants)

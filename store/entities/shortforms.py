"""A bare short form takes the key its article makes unambiguous: ``Korea`` → ``Korea Utara``.

``data/short_forms.txt`` lists short forms that can stand for several
entities (``Korea``: ``Korea Utara`` or ``Korea Selatan``). In an article
that names only one of them, or one at least ``DOMINANCE`` times as often as
all the others together, the short form's mentions take that key; in an
article that names both about as often, or neither, they keep their own.
The table is the only way a short form joins a longer name: never spelling.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache

from store.entities.gazetteer import DATA

DOMINANCE = 3
"""How many times as often the winner must be named as the other candidates together."""


@cache
def table() -> dict[str, tuple[str, ...]]:
    """Short form key → the keys it can stand for."""
    out: dict[str, tuple[str, ...]] = {}
    text = (DATA / "short_forms.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        short, *full = (part.strip() for part in line.split("|"))
        if short and full:
            out[short] = tuple(f for f in full if f)
    return out


def resolve_short_forms(keys: list[str], types: Sequence[str]) -> list[str]:
    """``keys`` of one article's mentions with the table's short forms resolved."""
    shorts = table()
    present = {k for k in keys if k in shorts}
    if not present:
        return keys
    counts = Counter(k for k, t in zip(keys, types, strict=True) if t in ("LOC", "ORG", "PER"))
    chosen: dict[str, str] = {}
    for short in present:
        named = sorted(((counts[c], c) for c in shorts[short] if counts[c]), reverse=True)
        if not named:
            continue
        best, rest = named[0], sum(n for n, _ in named[1:])
        if best[0] >= DOMINANCE * rest:
            chosen[short] = best[1]
    return [chosen.get(k, k) for k in keys]

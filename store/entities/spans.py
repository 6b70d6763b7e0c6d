"""Token spans ``(first, last + 1, type)`` and the small questions asked about them."""

from __future__ import annotations

from store.entities.gazetteer import match

Span = tuple[int, int, str]


def covered(spans: list[Span], n: int) -> list[int]:
    """Per token of ``n``: the index of the span holding it, or -1."""
    owner = [-1] * n
    for idx, (a, b, _) in enumerate(spans):
        owner[a:b] = [idx] * (b - a)
    return owner


def has_alnum(word: str) -> bool:
    """The word has a letter or digit (it is no bare punctuation)."""
    return word.isalnum() or any(c.isalnum() for c in word)  # (most words: the first, in C)


def name_word(word: str) -> bool:
    """A word that can stand in a name (not lowercase prose)."""
    return not word.isalpha() or not word.islower()


def listed(seq: tuple[str, ...] | list[str]) -> bool:
    """The words are exactly one gazetteer name."""
    found = match(list(seq))
    return len(found) == 1 and found[0][0] == 0 and found[0][1] == len(seq)

"""Tokens as the DATE and QUANT rules read them, and the small tests they share.

``TokenText`` holds one text's tokens with their lowercase forms, which
sentence and headline each is in, and which are inside a name already;
``is_year``, ``is_day``, ``is_dm`` (``29/11``), ``is_time`` (``14:11``) and
``number_words`` (``dua belas``, ``tiga ratus ribu``) tell what a token is.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cached_property
from operator import itemgetter

from store.entities import lexicon as lx
from store.entities.tokens import Token

INT_RE = re.compile(r"\d+")
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_DM_RE = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?")
_TIME_RE = re.compile(r"(\d{1,2})([:.])(\d{2})")
_YEAR_RE = re.compile(r"(1[89]\d\d|20\d\d)(?:-an)?")


class TokenText:
    """Tokens of one text with what the rules ask about them."""

    def __init__(
        self,
        text: str,
        tokens: Sequence[Token],
        sentences: Sequence[tuple[int, int]],
        headline: Sequence[bool],
        names: set[int],
    ) -> None:
        self.text = text
        self.words = list(map(itemgetter(2), tokens))  # each token's text
        self.lower = list(map(str.lower, self.words))
        self.tokens = tokens
        self.n = len(tokens)
        n = self.n
        self.first = [False] * n
        self.headline = [False] * n
        self.sentence = [0] * n
        for k, ((a, b), head) in enumerate(zip(sentences, headline, strict=True)):
            if a < n:
                self.first[a] = True
            b = min(b, n)
            self.headline[a:b] = [head] * (b - a)
            self.sentence[a:b] = [k] * (b - a)
        self.names = names

    def w(self, i: int) -> str:
        return self.words[i] if 0 <= i < self.n else ""

    def lw(self, i: int) -> str:
        return self.lower[i] if 0 <= i < self.n else ""

    def glued(self, i: int) -> bool:
        """Token ``i`` follows token ``i - 1`` with no space between."""
        return 0 < i < self.n and self.tokens[i].start == self.tokens[i - 1].end

    @cached_property
    def _line_starts(self) -> list[int]:
        # Made on the first question (a number that may be a list's ``1.``), not per text.
        return [m.end() for m in re.finditer("\n", self.text)]

    def line_start(self, i: int) -> bool:
        start = self.tokens[i].start
        k = bisect_right(self._line_starts, start)
        begin = self._line_starts[k - 1] if k else 0
        return not self.text[begin:start].strip()

    def cap(self, i: int) -> bool:
        w = self.w(i)
        return bool(w) and w[0].isupper()


def is_year(w: str) -> bool:
    return bool(_YEAR_RE.fullmatch(w))


def is_day(w: str) -> bool:
    return bool(INT_RE.fullmatch(w)) and 1 <= int(w) <= 31


def is_dm(w: str) -> bool:
    m = _DM_RE.fullmatch(w)
    return bool(m) and 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12


def is_time(w: str) -> bool:
    m = _TIME_RE.fullmatch(w)
    return bool(m) and int(m.group(1)) <= 24 and int(m.group(3)) < 60


def number_words(t: TokenText, i: int) -> int:
    lw = t.lw(i)
    if lw not in lx.UNITS or (lw == "setengah" and t.lw(i + 1) not in lx.SCALES):
        return i
    j = i + 1
    while t.lw(j) in lx.NUMBER_TAILS or (t.lw(j) in lx.UNITS and t.lw(j) != "setengah"):
        j += 1
    return j

"""The CRF's features of a whole article as attribute ids, made with arrays.

:func:`features.sentence_features` describes each token by some thirty
strings. Here the same features are numbers (the model's attribute ids), one
row of ``WIDTH`` a token, for every sentence of an article at once: the
strings are made and looked up once per distinct word (a table row: its own
features and those it gives a neighbour, plain and in a headline), and each
token's row is put together from the rows of its word and its neighbours'
by array operations. Only the two-word features (``w-1|w``) and the list
matches (``gz``) are looked up a token at a time.

A row keeps the order of :func:`sentence_features` (the CRF adds a token's
weights in that order); a feature the model does not know is left out, as
crfsuite leaves it out, and ``pad`` (a row of zero weights) fills the gaps.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain, pairwise, repeat

import numpy as np

from store.entities.features import static_features
from store.entities.gazetteer import match

WIDTH = 36
"""The most features a token can have: a row this wide."""

_OWN = 19  # bias, up to 12 case-free features, up to 6 case features
# Per case mode, a word's table columns: own features, then what it gives a neighbour.
_BOS, _LEFT1, _TTL, _LEFT2, _RIGHT1, _RIGHT2 = 19, 20, 22, 23, 25, 27
_MODE = 29
_C1_LEFT, _C1_RIGHT = 2 * _MODE, 2 * _MODE + 1
_COLUMNS = 2 * _MODE + 2


class FeatureIds:
    """Attribute id rows for the tokens of many sentences (see the module)."""

    def __init__(self, attributes: dict[str, int], pad: int, words: int = 50_000) -> None:
        self._get = attributes.get
        self.pad = pad
        self._limit = words
        self._bias = self._one("bias")
        self._bos, self._eos, self._headline = (self._one(f) for f in ("BOS", "EOS", "headline"))
        self._left = _pairs(attributes, "w-1|w=")
        self._right = _pairs(attributes, "w|w+1=")
        self._gz_labels: dict[str, int] = {}
        self._gz_rows: list[tuple[int, int, int]] = []
        self._gz_label("gz=O")
        self._forget()

    def _forget(self) -> None:
        self._index = _Rows(self._word)
        self._lower: list[str] = []
        self._table = np.full((1024, _COLUMNS), self.pad, dtype=np.int32)

    def _one(self, feature: str) -> int:
        found = self._get(feature)
        return self.pad if found is None else found

    def _ids(self, width: int, *features: str) -> list[int]:
        get = self._get
        found = [i for f in features if (i := get(f)) is not None]
        return found + [self.pad] * (width - len(found))

    def _word(self, word: str) -> int:
        """The word's row in the table (made on first sight)."""
        number = self._index.get(word)
        if number is not None:
            return number
        lw, sh, free, case, hcase, coarse = static_features(word)
        row: list[int] = []
        for pre, own in (("", case), ("T:", hcase)):
            row += [self._bias, *self._ids(_OWN - 1, *free, *own)]
            row += self._ids(1, pre + "BOS|sh=" + sh)
            row += self._ids(2, "w-1=" + lw, pre + "sh-1=" + sh)
            row += self._ids(1, *((pre + "ttl-1",) if "ttl" in case else ()))
            row += self._ids(2, "w-2=" + lw, pre + "sh-2=" + sh)
            row += self._ids(2, "w+1=" + lw, pre + "sh+1=" + sh)
            row += self._ids(2, "w+2=" + lw, pre + "sh+2=" + sh)
        row += self._ids(1, "c1-1=" + coarse) + self._ids(1, "c1+1=" + coarse)
        number = len(self._lower)
        if number >= len(self._table):
            grown = np.full((2 * len(self._table), _COLUMNS), self.pad, dtype=np.int32)
            grown[:number] = self._table[:number]
            self._table = grown
        self._table[number] = row
        self._index[word] = number
        self._lower.append(lw)
        return number

    def _gz_label(self, label: str) -> int:
        number = self._gz_labels.get(label)
        if number is None:
            number = self._gz_labels[label] = len(self._gz_rows)
            self._gz_rows.append(
                (self._one(label), self._one("g-1=" + label), self._one("g+1=" + label))
            )
        return number

    def rows(self, sentences: list[list[str]], heads: list[bool]) -> np.ndarray:
        """``WIDTH`` ids for each token of the (non-empty) ``sentences``, one after another.

        ``heads``: whether each sentence is in headline mode (``features.headline_mode``).
        """
        if len(self._index) + sum(map(len, sentences)) > self._limit:
            self._forget()  # the table stays bounded, whatever the corpus's vocabulary
        lengths = np.array([len(s) for s in sentences])
        n = int(lengths.sum())
        words = list(chain.from_iterable(sentences))
        numbers = list(map(self._index.__getitem__, words))  # a new word's row made as met
        lower = list(map(self._lower.__getitem__, numbers))
        types = np.array(numbers, dtype=np.intp)
        heads = np.repeat(np.array(heads, dtype=bool), lengths)
        gz = np.zeros(n, dtype=np.intp)
        at = 0
        for sentence in sentences:
            for first, last, form in match(sentence):
                label = form.type + ("?" if form.ambiguous else "")
                gz[at + first] = self._gz_label(f"gz=B-{label}")
                gz[at + first + 1 : at + last] = self._gz_label(f"gz=I-{label}")
            at += len(sentence)
        starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
        position = np.arange(n) - starts
        to_end = np.repeat(lengths, lengths) - 1 - position

        table = self._table[types]
        mine = np.where(heads[:, None], table[:, _MODE : 2 * _MODE], table[:, :_MODE])
        gz_rows = np.array(self._gz_rows, dtype=np.int32)[gz]
        out = np.full((n, WIDTH), self.pad, dtype=np.int32)
        out[:, :_OWN] = mine[:, :_OWN]
        out[:, 19] = gz_rows[:, 0]
        out[heads, 20] = self._headline

        # left of each token (21–28): the one before, or the sentence's beginning. (Shifted
        # by slices: the first token of all is a sentence's first, whose row is set below.)
        left = out[:, 21:29]
        left[1:, 0:2] = mine[:-1, _LEFT1 : _LEFT1 + 2]
        neighbours = list(pairwise(lower))  # each token and the next, for both sides
        left[:, 2] = self._pairs(self._left, neighbours, 1)
        left[1:, 3] = table[:-1, _C1_LEFT]
        left[1:, 4] = gz_rows[:-1, 1]
        left[1:, 5] = mine[:-1, _TTL]
        twice = np.flatnonzero(position > 1)
        left[twice, 6:8] = mine[twice - 2, _LEFT2 : _LEFT2 + 2]
        first = position == 0
        left[first] = self.pad
        left[first, 0] = self._bos
        left[first, 1] = mine[first, _BOS]

        # right of each token (29–35): the one after, or the sentence's end
        right = out[:, 29:36]
        right[:-1, 0:2] = mine[1:, _RIGHT1 : _RIGHT1 + 2]
        right[:, 2] = self._pairs(self._right, neighbours, 0)
        right[:-1, 3] = table[1:, _C1_RIGHT]
        right[:-1, 4] = gz_rows[1:, 2]
        twice = np.flatnonzero(to_end > 1)
        right[twice, 5:7] = mine[twice + 2, _RIGHT2 : _RIGHT2 + 2]
        last = to_end == 0
        right[last] = self.pad
        right[last, 0] = self._eos
        return out

    def _pairs(
        self, pairs: dict[tuple[str, str], int], neighbours: list[tuple[str, str]], shift: int
    ) -> list[int]:
        """The two-word feature of each token and the next (``shift`` 0) or the one before (1).

        ``neighbours``: each lowercase word and the next. (At a sentence's edge the value
        is overwritten by the caller.)
        """
        found = list(map(pairs.get, neighbours, repeat(self.pad)))
        return [self.pad, *found] if shift else [*found, self.pad]


class _Rows(dict[str, int]):
    """Each word's row in the table; a word not there yet gets its row made (``make``)."""

    def __init__(self, make: Callable[[str], int]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, word: str) -> int:
        return self._make(word)


def _pairs(attributes: dict[str, int], prefix: str) -> dict[tuple[str, str], int]:
    """The model's two-word attributes ``prefix + a|b`` as ``{(a, b): id}``.

    A word may hold a ``|`` itself: every split is kept, and ``(a, b)`` is
    found only where ``a + "|" + b`` is the attribute, so no split misleads.
    (Keyed by the pair, the look-ups of a whole article are one ``map`` in C.)
    """
    out: dict[tuple[str, str], int] = {}
    for name, number in attributes.items():
        if not name.startswith(prefix):
            continue
        rest = name[len(prefix) :]
        cut = rest.find("|")
        while cut >= 0:
            out[rest[:cut], rest[cut + 1 :]] = number
            cut = rest.find("|", cut + 1)
    return out

"""Entity-level scores: exact span and type, as conlleval and seqeval count them.

A predicted entity is right only when its start, end and type all equal a gold
entity's. Precision, recall and F1 are given per type and micro-averaged.
Key grouping follows sorot's data README: for each gold mention the
recogniser also found (same span), is the set of other found mentions sharing
its predicted key exactly the set sharing its gold key?
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

Item = tuple[Hashable, int, int, str]
"""``(document, start, end, type)``: one entity somewhere in a data set."""


@dataclass
class Scores:
    """True positives, false positives and false negatives per type."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def add(self, gold: Iterable[Item], pred: Iterable[Item]) -> None:
        g, p = set(gold), set(pred)
        for item in g & p:
            self.tp[item[3]] += 1
        for item in p - g:
            self.fp[item[3]] += 1
        for item in g - p:
            self.fn[item[3]] += 1

    def types(self) -> list[str]:
        order = ["PER", "ORG", "LOC", "DATE", "QUANT"]
        seen = set(self.tp) | set(self.fp) | set(self.fn)
        return [t for t in order if t in seen] + sorted(seen - set(order))

    @staticmethod
    def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def row(self, kind: str | None) -> tuple[float, float, float, int, int]:
        """``(precision, recall, F1, gold count, predicted count)``; ``None`` for micro."""
        if kind is None:
            tp, fp, fn = (sum(c.values()) for c in (self.tp, self.fp, self.fn))
        else:
            tp, fp, fn = self.tp[kind], self.fp[kind], self.fn[kind]
        p, r, f = self.prf(tp, fp, fn)
        return p, r, f, tp + fn, tp + fp

    def table(self) -> list[str]:
        lines = [f"  {'type':<7}{'prec':>7}{'rec':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
        for kind in [*self.types(), None]:
            p, r, f, g, n = self.row(kind)
            name = kind or "micro"
            lines.append(f"  {name:<7}{p:>7.3f}{r:>7.3f}{f:>7.3f}{g:>7}{n:>7}")
        return lines


def key_grouping(
    gold: Sequence[tuple[Hashable, str]], pred: Sequence[tuple[Hashable, str]]
) -> tuple[int, int]:
    """``(right, total)`` over mentions found by both: ``(mention id, key)`` pairs.

    ``gold`` and ``pred`` list the same mentions in the same order.
    """
    by_gold: dict[str, set[Hashable]] = {}
    by_pred: dict[str, set[Hashable]] = {}
    for (m, gk), (_, pk) in zip(gold, pred, strict=True):
        by_gold.setdefault(gk, set()).add(m)
        by_pred.setdefault(pk, set()).add(m)
    right = sum(
        1 for (_, gk), (_, pk) in zip(gold, pred, strict=True) if by_gold[gk] == by_pred[pk]
    )
    return right, len(gold)

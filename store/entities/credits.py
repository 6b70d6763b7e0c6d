"""Credit lines: ``Penulis : Haryo Jati Editor : Desy-Afrianti``, ``Sumber : Kompas``.

The capitalised words after a credit label and its colon (or English ``by``)
are one name — a person for writers and editors, an organisation for a
source — whatever the model said. ``and``/``dan``/``,``/``&`` separate
several names (``Reporting by A and B``).
"""

from __future__ import annotations

from itertools import compress, count

from store.entities.spans import Span

#: Credit labels and the type of the names that follow them.
CREDIT_LABELS: dict[str, str] = {
    "Penulis": "PER",
    "Editor": "PER",
    "Reporter": "PER",
    "Pewarta": "PER",
    "Penyunting": "PER",
    "Redaktur": "PER",
    "Fotografer": "PER",
    "Kontributor": "PER",
    "Oleh": "PER",
    "Writer": "PER",
    "Author": "PER",
    "Reporting": "PER",
    "Editing": "PER",
    "Writing": "PER",
    "Additional": "PER",
    "Sumber": "ORG",
}
_SEPARATORS = frozenset({"and", "dan", ",", "&"})


def credits(words: list[str], spans: list[Span]) -> list[Span]:
    """The model's spans with the names of credit lines put in."""
    n = len(words)
    labels = [  # (the words that may be a label found in C: most articles have one or two)
        k
        for k in compress(count(), map(CREDIT_LABELS.__contains__, words))
        if words[k + 1 : k + 2] in ([":"], ["by"])
    ]
    out = list(spans)
    for k in labels:
        kind = CREDIT_LABELS[words[k]]
        s = k + 2
        while s < n:
            e = s
            while e < n and words[e] not in CREDIT_LABELS and _credit_word(words[e]):
                e += 1
            if e == s:
                break
            out = [sp for sp in out if sp[1] <= s or sp[0] >= e]
            out.append((s, e, kind))
            if e + 1 < n and words[e] in _SEPARATORS and _credit_word(words[e + 1]):
                s = e + 1
            else:
                break
    return sorted(out)


def _credit_word(word: str) -> bool:
    return word[:1].isupper() and all(c.isalpha() or c in "-.'" for c in word)

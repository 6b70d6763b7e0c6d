"""One article, one reading: what the model marked once is marked everywhere.

* A string the model marked somewhere is marked wherever else it stands
  alone in the article, with the type the model gave it most often.
* The first and last word of a person's full name mark that person's short
  form (``Kim``, ``Belousov``, ``Hong``) wherever it stands alone — also where
  the model called it something else — unless the word is a listed place or
  organisation, a title, a date word or a common sentence opener.
* A span that begins a longer name known in the article grows to it (``Kim
  Jong`` + ``Un`` where ``Kim Jong Un`` is known).
"""

from __future__ import annotations

from itertools import compress, count
from operator import itemgetter

from store.entities import lexicon as lx
from store.entities.gazetteer import gazetteer
from store.entities.spans import Span, covered

#: Capitalised words that are never a person's short form (sentence starts).
_NOT_SHORT = lx.words(
    "Hari Ini Itu Dia Ia Para Sang Pada Dalam Dari Untuk Dengan Saat Kini Baru Tahun Bulan "
    "Menurut Namun Selain Sejak Setelah Sebelum Bahkan Juga Kata Baca The A An In On Of"
)

Known = dict[tuple[str, ...], str]


def consistency(words: list[str], spans: list[Span]) -> list[Span]:
    """Mark every repeat of a marked name, and persons' short forms, article-wide."""
    # Votes per name, the types in the order first given: the first of the most given
    # wins (as Counter.most_common(1) has it), without a Counter made for every span.
    votes: dict[tuple[str, ...], dict[str, int]] = {}
    for a, b, kind in spans:
        seq = tuple(words[a:b])
        counts = votes.get(seq)
        if counts is None:
            votes[seq] = {kind: 1}
        else:
            counts[kind] = counts.get(kind, 0) + 1
    majority = {k: max(c.items(), key=itemgetter(1))[0] for k, c in votes.items()}
    spans = [(a, b, majority[tuple(words[a:b])]) for a, b, _ in spans]
    known: Known = dict(majority)
    short: set[str] = set()
    for name, kind in majority.items():
        if kind != "PER" or len(name) < 2:
            continue
        for part in {name[0], name[-1]} if len(name[-1]) > 2 else {name[0]}:
            if _short_form_ok(part):
                short.add(part)
                known[(part,)] = "PER"
    spans = [(a, b, "PER" if b - a == 1 and words[a] in short else k) for a, b, k in spans]
    if not known:
        return spans
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for seq in sorted(known, key=len, reverse=True):
        by_first.setdefault(seq[0], []).append(seq)
    spans = _extend_to_known(words, spans, by_first, known)
    owner = covered(spans, len(words))
    add: list[Span] = []
    after = 0
    # Left to right over the words that begin a known name, from the end of the one found last.
    for i in compress(count(), map(by_first.__contains__, words)):
        if i < after or owner[i] != -1:
            continue
        for seq in by_first[words[i]]:
            k = len(seq)
            if tuple(words[i : i + k]) == seq and all(o == -1 for o in owner[i : i + k]):
                add.append((i, i + k, known[seq]))
                after = i + k
                break
    return sorted(spans + add)


def _extend_to_known(
    words: list[str], spans: list[Span], by_first: dict[str, list[tuple[str, ...]]], known: Known
) -> list[Span]:
    owner = covered(spans, len(words))
    out = []
    for idx, (a, b, kind) in enumerate(spans):
        for seq in by_first.get(words[a], ()):
            k = len(seq)
            if k <= b - a:
                break
            if tuple(words[a : a + k]) == seq and all(o in (-1, idx) for o in owner[a : a + k]):
                b, kind = a + k, known[seq]
                for j in range(a, b):
                    owner[j] = idx
                break
        out.append((a, b, kind))
    return out


def _short_form_ok(word: str) -> bool:
    gaz = gazetteer()
    if len(word) < 2 or not word[0].isupper() or not word.replace("-", "").isalpha():
        return False
    if word in _NOT_SHORT or word in gaz.titles:
        return False
    lw = word.lower()
    if lw in lx.MONTHS or lw in lx.WEEKDAYS or lw in lx.UNITS:
        return False
    return not any(f.type != "PER" for f in gaz.forms.get(word, ()))

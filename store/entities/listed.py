"""What sorot's own lists say about the model's spans.

* **Listed names win.** A listed multi-word name that covers the model's
  pieces replaces them (``Kantor Berita Korea Utara``, ``Federasi Rusia``); a
  span that is exactly a listed name takes its listed type (``DPRK`` is a
  place); a listed name the model missed is added. Forms marked ambiguous in
  the lists (``Medan``, ``Serang``) are never added on their own.
* **Headlines.** In a title-case line a span is cut down to the names the
  article (outside headlines) or the lists know: ``Medan Perang Ukraina`` →
  ``Ukraina``. A span with no known part stays as the model made it.
* **The West.** ``Barat`` standing alone (not ``Jawa Barat``) is a place.
"""

from __future__ import annotations

from itertools import compress, count

from store.entities.gazetteer import match
from store.entities.spans import Span, covered, listed, name_word


def gazetteer_spans(words: list[str], spans: list[Span]) -> list[Span]:
    """The model's spans corrected and completed by the gazetteer."""
    owner = covered(spans, len(words))
    drop: set[int] = set()
    add: list[Span] = []
    retype: dict[int, str] = {}
    for a, b, form in match(words):
        if form.ambiguous:
            continue
        inside = {owner[k] for k in range(a, b)}
        if inside == {-1}:
            if name_word(words[a]):
                add.append((a, b, form.type))
            continue
        if len(inside) == 1 and -1 not in inside:
            i = next(iter(inside))
            if spans[i][0] == a and spans[i][1] == b:
                if spans[i][2] != form.type:
                    retype[i] = form.type
                continue
        if b - a < 2:
            continue
        if all(i == -1 or (spans[i][0] >= a and spans[i][1] <= b) for i in inside):
            drop.update(i for i in inside if i != -1)
            add.append((a, b, form.type))
    kept = [(s[0], s[1], retype.get(i, s[2])) for i, s in enumerate(spans) if i not in drop]
    return sorted(kept + add)


def headline_guard(words: list[str], spans: list[Span], headline: list[bool]) -> list[Span]:
    """Spans in headlines cut down to their known parts."""
    if not any(headline[a] for a, _, _ in spans):
        return spans
    known: dict[tuple[str, ...], str] = {}
    for a, b, kind in spans:
        if not headline[a]:
            known.setdefault(tuple(words[a:b]), kind)
    out: list[Span] = []
    for a, b, kind in spans:
        seq = tuple(words[a:b])
        if not headline[a] or b - a < 2 or seq in known or listed(seq):
            out.append((a, b, kind))
            continue
        out.extend(_known_parts(words, a, b, known) or [(a, b, kind)])
    return out


def _known_parts(words: list[str], a: int, b: int, known: dict[tuple[str, ...], str]) -> list[Span]:
    parts: list[Span] = []
    i = a
    while i < b:
        best = None
        for j in range(b, i, -1):
            seq = tuple(words[i:j])
            if seq in known:
                best = (i, j, known[seq])
                break
            found = match(list(seq))
            if len(found) == 1 and found[0][:2] == (0, j - i) and not found[0][2].ambiguous:
                best = (i, j, found[0][2].type)
                break
        if best:
            parts.append(best)
            i = best[1]
        else:
            i += 1
    return parts


def barat(
    words: list[str], spans: list[Span], headline: list[bool], first: list[bool]
) -> list[Span]:
    """``Barat`` standing alone, capitalised, outside headlines: the West (LOC)."""
    places = list(compress(count(), map("Barat".__eq__, words)))  # (in most articles, none)
    owner = covered(spans, len(words)) if places else []
    add = []
    for k in places:
        if owner[k] != -1 or headline[k]:
            continue
        prev = words[k - 1] if k else ""
        if prev[:1].isupper() and not first[k - 1] and prev.isalpha():
            continue
        add.append((k, k + 1, "LOC"))
    return sorted(spans + add)

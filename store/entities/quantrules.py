"""QUANT spans by rule (see ``rules``): ``quant_at(text, i)`` is where a quantity starting at
token ``i`` ends; ``counted_noun`` finds the noun a number counts."""

from __future__ import annotations

from functools import cache

from store.entities import lexicon as lx
from store.entities.gazetteer import DATA
from store.entities.ruletext import NUMBER_RE, TokenText, number_words

#: Words before a number that make it a label, not a quantity (``pasal 53``, ``No 5``).
_LABEL_BEFORE_NUMBER = lx.words(
    "no no. nomor nomer pasal ayat tahap jilid bab halaman hal hlm angka peringkat urutan "
    "kode seri tipe level kelas gelombang putaran pekan-ke urut article section chapter page"
)

#: Countries named after a currency word (``dolar AS``, ``dollar Amerika Serikat``).
_CURRENCY_COUNTRIES = (
    ("Amerika", "Serikat"),
    ("Hong", "Kong"),
    ("AS",),
    ("Singapura",),
    ("Australia",),
    ("Kanada",),
    ("Taiwan",),
    ("Amerika",),
)


def counted_noun(t: TokenText, j: int) -> int:
    """End of the counted noun (or unit) starting at ``j``, or ``j`` when there is none."""
    w, lw = t.w(j), t.lw(j)
    if not w or j in t.names:
        return j
    if lw == "kali" and t.lw(j + 1) == "lipat":
        return j + 2
    if lw in lx.MORE_OF:  # "3,000 more troops": only with the noun after it
        end = counted_noun(t, j + 1)
        return end if end > j + 1 else j
    if lw in lx.COUNTERS:
        return j + 1
    if not w.replace("-", "").isalpha() or lw in lx.NOT_COUNTED or lw in _not_counted():
        return j
    if w[0].isupper() and not t.headline[j]:
        return j
    if lw in lx.TIME_UNITS or lw in lx.VERB_LIKE_NOUNS:
        return j + 1
    if _verb_like(lw):
        return j
    return j + 1


@cache
def _not_counted() -> frozenset[str]:
    """Words the part-of-speech data says are no noun (``data/not_counted.txt``)."""
    text = (DATA / "not_counted.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split() if not w.startswith("#")) - {"#"}


def _verb_like(lw: str) -> bool:
    if lw.endswith(("kan", "nya")) and len(lw) > 5:
        return True
    return lw.startswith(("meng", "meny", "mem", "men", "di", "ter", "ber")) and len(lw) > 5


def quant_at(t: TokenText, i: int) -> int:
    """End of a QUANT starting at token ``i``, or ``i`` when none starts there."""
    j = i
    lw = t.lw(j)
    if lw in lx.APPROX_TWO and t.lw(j + 1) in lx.APPROX_TWO[lw]:
        j += 2
    elif lw in lx.APPROX_ONE:
        j += 1
    currency = False
    if t.w(j) in lx.CURRENCY_BEFORE:
        currency = True
        j += 1
        if t.w(j) == ".":
            j += 1
    num_start = j
    if t.lw(j) in lx.VAGUE_NUMBERS and not currency:
        # "ribuan tentara": a round number in words, a quantity only with what it counts
        end = counted_noun(t, j + 1)
        return end if end > j + 1 else i
    if NUMBER_RE.fullmatch(t.w(j)):
        j += 1
    else:
        j = number_words(t, j)
    if j == num_start:
        return i
    if not _quant_allowed(t, i, num_start, j):
        return i
    while t.lw(j) in lx.SCALES and not (t.lw(j) in ("m", "t") and not currency):
        j += 1
    if t.lw(j) in lx.PERCENT or t.w(j) == "%":
        return j + 1
    if t.lw(j) in lx.CURRENCY_AFTER:
        j += 1
        for country in _CURRENCY_COUNTRIES:
            if tuple(t.words[j : j + len(country)]) == country:
                return j + len(country)
        return j
    if currency:
        return j
    end = counted_noun(t, j)
    if end == j == num_start + 1 and t.cap(i - 1) and t.w(i - 1).isalpha() and not t.first[i - 1]:
        return i  # a bare number after a capitalised word: "Perang Dunia 3"
    return end


def _quant_allowed(t: TokenText, start: int, num: int, end: int) -> bool:
    lw = t.lw(num)
    if lw == "satu" and end == num + 1:
        before, after = t.lw(num - 1), t.lw(end)
        if before in lx.NOT_QUANT_BEFORE or after in lx.NOT_QUANT_AFTER:
            return False  # "salah satu", "satu sama lain", "satu per satu"
        if before in ("di", "pada", "dari") and after in lx.ONE_SIDE:
            return False  # "di satu sisi", "pada satu pihak"
    if num == start:
        prev = num - 1
        if prev in t.names:
            return False
        if t.lw(prev) in _LABEL_BEFORE_NUMBER:
            return False
        if t.w(end) in (".", ")") and t.line_start(num) and t.cap(end + 1):
            return False  # list numbering "1. Judul"
    return True

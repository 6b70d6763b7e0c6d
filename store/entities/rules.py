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

The rules work on tokens; they return token ranges.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache

from store.entities import lexicon as lx
from store.entities.gazetteer import DATA
from store.entities.tokens import Token

_INT_RE = re.compile(r"\d+")
_DIGIT_RE = re.compile(r"\d")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_DM_RE = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?")
_TIME_RE = re.compile(r"(\d{1,2})([:.])(\d{2})")
_YEAR_RE = re.compile(r"(1[89]\d\d|20\d\d)(?:-an)?")
#: Words before a number that make it a label, not a quantity (``pasal 53``, ``No 5``).
_LABEL_BEFORE_NUMBER = lx.words(
    "no no. nomor nomer pasal ayat tahap jilid bab halaman hal hlm angka peringkat urutan "
    "kode seri tipe level kelas gelombang putaran pekan-ke urut article section chapter page"
)

#: Words joining the two ends of a range of days.
_RANGE = frozenset({"hingga", "sampai", "-", "–", "dan", "to", "and"})

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

Span = tuple[int, int, str]


class _Text:
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
        self.words = [t.text for t in tokens]
        self.lower = [w.lower() for w in self.words]
        self.tokens = tokens
        self.n = len(tokens)
        self.first = [False] * self.n
        self.headline = [False] * self.n
        for (a, b), head in zip(sentences, headline, strict=True):
            if a < self.n:
                self.first[a] = True
            for k in range(a, b):
                self.headline[k] = head
        self.names = names
        self.sentence = [0] * self.n
        for k, (a, b) in enumerate(sentences):
            for j in range(a, min(b, self.n)):
                self.sentence[j] = k
        self._line_starts = [m.end() for m in re.finditer("\n", text)]

    def w(self, i: int) -> str:
        return self.words[i] if 0 <= i < self.n else ""

    def lw(self, i: int) -> str:
        return self.lower[i] if 0 <= i < self.n else ""

    def glued(self, i: int) -> bool:
        """Token ``i`` follows token ``i - 1`` with no space between."""
        return 0 < i < self.n and self.tokens[i].start == self.tokens[i - 1].end

    def line_start(self, i: int) -> bool:
        start = self.tokens[i].start
        k = bisect_right(self._line_starts, start)
        begin = self._line_starts[k - 1] if k else 0
        return not self.text[begin:start].strip()

    def cap(self, i: int) -> bool:
        w = self.w(i)
        return bool(w) and w[0].isupper()


# -- DATE ---------------------------------------------------------------------


def _is_year(w: str) -> bool:
    return bool(_YEAR_RE.fullmatch(w))


def _is_day(w: str) -> bool:
    return bool(_INT_RE.fullmatch(w)) and 1 <= int(w) <= 31


def _is_dm(w: str) -> bool:
    m = _DM_RE.fullmatch(w)
    return bool(m) and 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12


def _is_time(w: str) -> bool:
    m = _TIME_RE.fullmatch(w)
    return bool(m) and int(m.group(1)) <= 24 and int(m.group(3)) < 60


def _count_word(t: _Text, i: int) -> int:
    """End of a number (digits or words) or ``beberapa`` starting at ``i``, else ``i``."""
    lw = t.lw(i)
    if _NUMBER_RE.fullmatch(lw) or lw in ("beberapa", "several", "a", "few"):
        j = i + 1
        if lw == "a" and t.lw(j) == "few":
            j += 1
        return j
    return _number_words(t, i)


def _number_words(t: _Text, i: int) -> int:
    lw = t.lw(i)
    if lw not in lx.UNITS or (lw == "setengah" and t.lw(i + 1) not in lx.SCALES):
        return i
    j = i + 1
    while t.lw(j) in lx.NUMBER_TAILS or (t.lw(j) in lx.UNITS and t.lw(j) != "setengah"):
        j += 1
    return j


def _relative_unit(t: _Text, i: int) -> int:
    """``bulan lalu``, ``hari ini``, ``tahun depan``: end, or ``i``."""
    if t.lw(i) in lx.TIME_UNITS and t.lw(i + 1) in lx.RELATIVE_AFTER:
        if t.lw(i + 1) == "terakhir":  # "tahun terakhir" alone is no date
            return i
        return i + 2
    return i


def _month_ok(t: _Text, i: int) -> bool:
    lw = t.lw(i)
    if "-" in lw and all(p in lx.MONTHS for p in lw.split("-")):
        return t.cap(i)
    if lw not in lx.MONTHS or not t.cap(i):
        return False
    if lw not in lx.AMBIGUOUS_MONTHS:
        return True
    nxt, prev = t.w(i + 1), t.lw(i - 1)
    return (
        _is_day(nxt)
        or _is_year(nxt)
        or _is_day(t.w(i - 1))
        or prev in lx.YEAR_CUES
        or prev in lx.EN_RELATIVE_BEFORE
        or lw in ("mei",)
    )


def _after_date(t: _Text, j: int) -> int:
    """Extend a date ending at ``j`` by a relative word, a year, a part of day or a time."""
    if t.lw(j) in ("lalu", "ini", "depan", "mendatang") and t.lw(j - 1) not in lx.TIME_UNITS:
        j += 1
    elif t.lw(j) == "tahun" and t.lw(j + 1) in ("lalu", "ini", "depan"):
        j += 2
    if t.lw(j) in lx.DAY_PARTS and not t.cap(j):
        j += 1
    if t.w(j) == "," and _is_time(t.w(j + 1)):
        j += 2
        if t.w(j) in lx.TIME_ZONES:
            j += 1
    elif _is_time(t.w(j)) and t.w(j + 1) in lx.TIME_ZONES:
        j += 2
    return j


def date_at(t: _Text, i: int) -> int:
    """End of a DATE starting at token ``i``, or ``i`` when none starts there."""
    w, lw = t.w(i), t.lw(i)
    # modifiers: "akhir Juni", "awal tahun ini", "akhir pekan lalu"
    if lw in lx.DATE_MODIFIERS:
        inner = i + 1
        if t.lw(inner) == "pekan" and t.lw(inner + 1) in lx.RELATIVE_AFTER:
            return inner + 2
        core = date_at(t, inner)
        if core > inner and (t.lw(inner) in lx.MONTHS or _is_year(t.w(inner))):
            return core
        if t.lw(inner) in ("tahun", "bulan") and _relative_unit(t, inner) > inner:
            return inner + 2
        return i
    # relative: "bulan lalu", "hari ini", "minggu depan"
    end = _relative_unit(t, i)
    if end > i:
        if t.w(end) == "(" and _is_dm(t.w(end + 1)) and t.w(end + 2) == ")":
            return end + 3  # "Minggu mendatang (9/2)": the bracket says which day
        return end
    # "dua hari lalu", "beberapa tahun terakhir", "5 years ago"
    k = _count_word(t, i)
    if k > i and t.lw(k) in lx.TIME_UNITS:
        after = t.lw(k + 1)
        if after in ("lalu", "terakhir", "silam", "mendatang", "kemudian", "ago"):
            return k + 2
        if after == "yang" and t.lw(k + 2) == "lalu":
            return k + 3
        if after == "ke" and t.lw(k + 2) == "depan":
            return k + 3
    # English "last week", "next Friday", "this year"
    nxt = t.lw(i + 1)
    if lw in lx.EN_RELATIVE_BEFORE and (
        nxt in lx.TIME_UNITS or (lw != "this" and (nxt in lx.WEEKDAYS or nxt in lx.MONTHS))
    ):
        return i + 2
    if lw in lx.DEICTIC:
        return _after_date(t, i + 1)
    if lw == "tadi" and t.lw(i + 1) in lx.DAY_PARTS:
        return i + 2
    if lw in lx.DAY_PARTS and t.lw(i + 1) in ("ini", "tadi") and lw != "dini":
        return i + 2
    # weekdays: "Jumat (29/11)", "Kamis (18/7/2024)", "pada Sabtu", "Sabtu malam"
    if lw in lx.WEEKDAYS and t.cap(i) and t.lw(i - 1) not in lx.NOT_DATE_BEFORE:
        j = i + 1
        if t.lw(j) in ("lalu", "depan", "mendatang", "ini") and t.w(j + 1) == "(":
            j += 1  # "Minggu mendatang (9/2)"
        if t.w(j) == "(" and _is_dm(t.w(j + 1)) and t.w(j + 2) == ")":
            j += 3
        elif t.w(j) == "," and _is_day(t.w(j + 1)) and t.lw(j + 2) in lx.MONTHS:
            j = date_at(t, j + 1)
        elif _is_dm(t.w(j)):
            j += 1
        return _after_date(t, j)
    # "10 hingga 11 Oktober 2008", "10-11 Oktober": a range of days is one date
    if _is_day(w) and t.lw(i + 1) in _RANGE and _is_day(t.w(i + 2)):
        end = date_at(t, i + 2)
        if end > i + 3 and t.lw(i + 3) in lx.MONTHS:
            return end
    # "19 Juli 2024, 14:11 WIB", "29 November"
    if _is_day(w) and t.lw(i + 1) in lx.MONTHS and t.cap(i + 1):
        j = i + 2
        if _is_year(t.w(j)):
            j += 1
        return _after_date(t, j)
    # "Februari 2022", "Juni lalu", "July 19, 2024", "September tahun lalu"
    if _month_ok(t, i):
        j = i + 1
        if _is_day(t.w(j)) and not _is_year(t.w(j)):
            j += 1
            if t.w(j) == "," and _is_year(t.w(j + 1)):
                j += 2
        elif _is_year(t.w(j)):
            j += 1
        return _after_date(t, j)
    if _is_dm(w) and (
        w.count("/") == 2
        or (t.w(i - 1) == "(" and t.w(i + 1) == ")")
        or t.lw(i - 1) in ("tanggal", "tgl", "tgl.", "on")
    ):
        return _after_date(t, i + 1)
    if _is_time(w) and (
        ":" in w or t.w(i + 1) in lx.TIME_ZONES or t.lw(i - 1) in ("pukul", "jam", "at")
    ):
        return i + 2 if t.w(i + 1) in lx.TIME_ZONES else i + 1
    if t.lw(i - 1) == "pukul" and _INT_RE.fullmatch(w) and int(w) <= 24:
        return i + 2 if t.w(i + 1) in lx.TIME_ZONES else i + 1
    if _is_year(w):
        prev = t.lw(i - 1)
        cued = prev in lx.YEAR_CUES
        if not cued:
            if _counted_noun(t, i + 1) > i + 1:
                return i  # "2000 orang" is a quantity
            if i - 1 in t.names:
                return i
        j = i + 1
        if t.w(j) in ("-", "–", "/") and _is_year(t.w(j + 1)):
            j += 2
        return _after_date(t, j)
    return i


# -- QUANT --------------------------------------------------------------------


def _counted_noun(t: _Text, j: int) -> int:
    """End of the counted noun (or unit) starting at ``j``, or ``j`` when there is none."""
    w, lw = t.w(j), t.lw(j)
    if not w or j in t.names:
        return j
    if lw == "kali" and t.lw(j + 1) == "lipat":
        return j + 2
    if lw in lx.MORE_OF:  # "3,000 more troops": only with the noun after it
        end = _counted_noun(t, j + 1)
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


def quant_at(t: _Text, i: int) -> int:
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
        end = _counted_noun(t, j + 1)
        return end if end > j + 1 else i
    if _NUMBER_RE.fullmatch(t.w(j)):
        j += 1
    else:
        j = _number_words(t, j)
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
    end = _counted_noun(t, j)
    if end == j == num_start + 1 and t.cap(i - 1) and t.w(i - 1).isalpha() and not t.first[i - 1]:
        return i  # a bare number after a capitalised word: "Perang Dunia 3"
    return end


def _quant_allowed(t: _Text, start: int, num: int, end: int) -> bool:
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


def _clip(t: _Text, i: int, end: int) -> int:
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
    t = _Text(text, tokens, sentences, headline, names)
    starts = _starts()
    # Most tokens can start neither: only a digit or a listed word is looked at further.
    maybe = [lw in starts or "-" in lw or _DIGIT_RE.search(lw) is not None for lw in t.lower]
    out: list[Span] = []
    i = 0
    while i < t.n:
        if i in names or not maybe[i]:
            i += 1
            continue
        end = _clip(t, i, date_at(t, i))
        if end > i:
            out.append((i, end, "DATE"))
            i = end
            continue
        i += 1
    dates = {k for a, b, _ in out for k in range(a, b)}
    quants: list[Span] = []
    i = 0
    while i < t.n:
        if i in names or i in dates or not maybe[i]:
            i += 1
            continue
        end = _clip(t, i, quant_at(t, i))
        if end > i and not any(k in dates for k in range(i, end)):
            quants.append((i, end, "QUANT"))
            i = end
            continue
        i += 1
    return sorted(out + quants)

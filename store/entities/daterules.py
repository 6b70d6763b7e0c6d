"""DATE spans by rule (see ``rules``): ``date_at(text, i)``, the end of a date at token ``i``."""

from __future__ import annotations

from store.entities import lexicon as lx
from store.entities.quantrules import counted_noun
from store.entities.ruletext import (
    INT_RE,
    NUMBER_RE,
    TokenText,
    is_day,
    is_dm,
    is_time,
    is_year,
    number_words,
)

#: Words joining the two ends of a range of days.
_RANGE = frozenset({"hingga", "sampai", "-", "–", "dan", "to", "and"})


def _count_word(t: TokenText, i: int) -> int:
    """End of a number (digits or words) or ``beberapa`` starting at ``i``, else ``i``."""
    lw = t.lw(i)
    if NUMBER_RE.fullmatch(lw) or lw in ("beberapa", "several", "a", "few"):
        j = i + 1
        if lw == "a" and t.lw(j) == "few":
            j += 1
        return j
    return number_words(t, i)


def _relative_unit(t: TokenText, i: int) -> int:
    """``bulan lalu``, ``hari ini``, ``tahun depan``: end, or ``i``."""
    if t.lw(i) in lx.TIME_UNITS and t.lw(i + 1) in lx.RELATIVE_AFTER:
        if t.lw(i + 1) == "terakhir":  # "tahun terakhir" alone is no date
            return i
        return i + 2
    return i


def _month_ok(t: TokenText, i: int) -> bool:
    lw = t.lw(i)
    if "-" in lw and all(p in lx.MONTHS for p in lw.split("-")):
        return t.cap(i)
    if lw not in lx.MONTHS or not t.cap(i):
        return False
    if lw not in lx.AMBIGUOUS_MONTHS:
        return True
    nxt, prev = t.w(i + 1), t.lw(i - 1)
    return (
        is_day(nxt)
        or is_year(nxt)
        or is_day(t.w(i - 1))
        or prev in lx.YEAR_CUES
        or prev in lx.EN_RELATIVE_BEFORE
        or lw in ("mei",)
    )


def _after_date(t: TokenText, j: int) -> int:
    """Extend a date ending at ``j`` by a relative word, a year, a part of day or a time."""
    if t.lw(j) in ("lalu", "ini", "depan", "mendatang") and t.lw(j - 1) not in lx.TIME_UNITS:
        j += 1
    elif t.lw(j) == "tahun" and t.lw(j + 1) in ("lalu", "ini", "depan"):
        j += 2
    if t.lw(j) in lx.DAY_PARTS and not t.cap(j):
        j += 1
    if t.w(j) == "," and is_time(t.w(j + 1)):
        j += 2
        if t.w(j) in lx.TIME_ZONES:
            j += 1
    elif is_time(t.w(j)) and t.w(j + 1) in lx.TIME_ZONES:
        j += 2
    return j


def date_at(t: TokenText, i: int) -> int:
    """End of a DATE starting at token ``i``, or ``i`` when none starts there."""
    w, lw = t.w(i), t.lw(i)
    # modifiers: "akhir Juni", "awal tahun ini", "akhir pekan lalu"
    if lw in lx.DATE_MODIFIERS:
        inner = i + 1
        if t.lw(inner) == "pekan" and t.lw(inner + 1) in lx.RELATIVE_AFTER:
            return inner + 2
        core = date_at(t, inner)
        if core > inner and (t.lw(inner) in lx.MONTHS or is_year(t.w(inner))):
            return core
        if t.lw(inner) in ("tahun", "bulan") and _relative_unit(t, inner) > inner:
            return inner + 2
        return i
    # relative: "bulan lalu", "hari ini", "minggu depan"
    end = _relative_unit(t, i)
    if end > i:
        if t.w(end) == "(" and is_dm(t.w(end + 1)) and t.w(end + 2) == ")":
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
        if t.w(j) == "(" and is_dm(t.w(j + 1)) and t.w(j + 2) == ")":
            j += 3
        elif t.w(j) == "," and is_day(t.w(j + 1)) and t.lw(j + 2) in lx.MONTHS:
            j = date_at(t, j + 1)
        elif is_dm(t.w(j)):
            j += 1
        return _after_date(t, j)
    # "10 hingga 11 Oktober 2008", "10-11 Oktober": a range of days is one date
    if is_day(w) and t.lw(i + 1) in _RANGE and is_day(t.w(i + 2)):
        end = date_at(t, i + 2)
        if end > i + 3 and t.lw(i + 3) in lx.MONTHS:
            return end
    # "19 Juli 2024, 14:11 WIB", "29 November"
    if is_day(w) and t.lw(i + 1) in lx.MONTHS and t.cap(i + 1):
        j = i + 2
        if is_year(t.w(j)):
            j += 1
        return _after_date(t, j)
    # "Februari 2022", "Juni lalu", "July 19, 2024", "September tahun lalu"
    if _month_ok(t, i):
        j = i + 1
        if is_day(t.w(j)) and not is_year(t.w(j)):
            j += 1
            if t.w(j) == "," and is_year(t.w(j + 1)):
                j += 2
        elif is_year(t.w(j)):
            j += 1
        return _after_date(t, j)
    if is_dm(w) and (
        w.count("/") == 2
        or (t.w(i - 1) == "(" and t.w(i + 1) == ")")
        or t.lw(i - 1) in ("tanggal", "tgl", "tgl.", "on")
    ):
        return _after_date(t, i + 1)
    if is_time(w) and (
        ":" in w or t.w(i + 1) in lx.TIME_ZONES or t.lw(i - 1) in ("pukul", "jam", "at")
    ):
        return i + 2 if t.w(i + 1) in lx.TIME_ZONES else i + 1
    if t.lw(i - 1) == "pukul" and INT_RE.fullmatch(w) and int(w) <= 24:
        return i + 2 if t.w(i + 1) in lx.TIME_ZONES else i + 1
    if is_year(w):
        prev = t.lw(i - 1)
        cued = prev in lx.YEAR_CUES
        if not cued:
            if counted_noun(t, i + 1) > i + 1:
                return i  # "2000 orang" is a quantity
            if i - 1 in t.names:
                return i
        j = i + 1
        if t.w(j) in ("-", "–", "/") and is_year(t.w(j + 1)):
            j += 2
        return _after_date(t, j)
    return i

"""Publication dates in Indonesian and English news text, as ISO 8601.

Scraped news writes dates in many ways: ``19 Juli 2024, 14:11 WIB``,
``Kamis (18/7/2024)``, ``18/07/2024``, ``2024-07-19``, ``July 19, 2024``,
``19 July 2024 10:05 GMT``. :func:`find_date` finds the first one in a text
and says where it is (the news parser needs the span to split glued header
fields such as ``14:11 WIBPYONGYANG``); :func:`parse_date` only gives the ISO
string.

Only a full date counts: a day, a month and a four-digit year. ``(29/11)``
names a day of some year and is not a publication date (:mod:`store.news.dating`
estimates one from such days). A numeric date is never guessed: ``18/07/2024``
and ``07/19/2024`` say which number is the month, ``9/10/2025`` does not, and
its :class:`DateMatch` gives both readings (``iso`` day first, ``alternative``
month first) unless a weekday named with it (``Kamis, 05/11/2015``) fits only
one. The caller decides from evidence (:func:`store.news.dating.resolve`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

#: Month names and short forms, Indonesian and English, lower case.
MONTHS: dict[str, int] = {
    **dict.fromkeys(["januari", "january", "jan"], 1),
    **dict.fromkeys(["februari", "pebruari", "february", "feb", "peb"], 2),
    **dict.fromkeys(["maret", "march", "mar"], 3),
    **dict.fromkeys(["april", "apr"], 4),
    **dict.fromkeys(["mei", "may"], 5),
    **dict.fromkeys(["juni", "june", "jun"], 6),
    **dict.fromkeys(["juli", "july", "jul"], 7),
    **dict.fromkeys(["agustus", "august", "agu", "ags", "agt", "aug"], 8),
    **dict.fromkeys(["september", "sept", "sep"], 9),
    **dict.fromkeys(["oktober", "october", "okt", "oct"], 10),
    **dict.fromkeys(["november", "nov", "nop"], 11),
    **dict.fromkeys(["desember", "december", "des", "dec"], 12),
}

#: Time zone abbreviations seen in news, as UTC offsets.
TIME_ZONES: dict[str, str] = {
    "WIB": "+07:00",
    "WITA": "+08:00",
    "WIT": "+09:00",
    "GMT": "+00:00",
    "UTC": "+00:00",
    "Z": "+00:00",
    "BST": "+01:00",
    "CET": "+01:00",
    "CEST": "+02:00",
    "MSK": "+03:00",
    "KST": "+09:00",
    "JST": "+09:00",
    "EST": "-05:00",
    "EDT": "-04:00",
    "CST": "-06:00",
    "CDT": "-05:00",
    "PST": "-08:00",
    "PDT": "-07:00",
}

#: Weekday names and short forms, Indonesian and English, lower case: 0 is Monday.
WEEKDAYS: dict[str, int] = {
    **dict.fromkeys(["senin", "monday", "mon"], 0),
    **dict.fromkeys(["selasa", "tuesday", "tue", "tues"], 1),
    **dict.fromkeys(["rabu", "wednesday", "wed"], 2),
    **dict.fromkeys(["kamis", "thursday", "thu", "thur", "thurs"], 3),
    **dict.fromkeys(["jumat", "jum'at", "friday", "fri"], 4),
    **dict.fromkeys(["sabtu", "saturday", "sat"], 5),
    **dict.fromkeys(["minggu", "ahad", "sunday", "sun"], 6),
}
_WEEKDAYS = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
# Whitespace within one line: a date never runs on into the next line.
_S = r"[^\S\n]"
# Longest names first, so that "Juni" is not read as "Jun" + "i".
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# Longest first again: WITA before WIT. A zone may be glued to the next word
# when that word is in capitals ("WIBPYONGYANG"), never to a lower-case one.
_ZONE = "|".join(sorted((z for z in TIME_ZONES if z != "Z"), key=len, reverse=True))
_TIME = (
    rf"(?:{_S}*[,|]?{_S}*(?:pukul|pkl\.?|jam|at)?{_S}*(?:-{_S}*)?"
    r"(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)(?:[:.](?P<second>[0-5]\d))?(?!\d)"
    rf"(?:{_S}*(?P<ampm>[ap]\.?m(?![a-z])\.?))?"
    rf"(?:{_S}*(?:(?P<zone>(?-i:(?:{_ZONE})(?![a-z]))|(?:wita|wib|wit)\b)"
    r"|(?P<offset>[+-]\d{2}:?\d{2})|(?P<zulu>(?-i:Z))\b))?)?"
)
_WEEKDAY = rf"(?:(?P<weekday>{_WEEKDAYS})\b\.?,?{_S}*\(?{_S}*)?"

_ISO = re.compile(
    r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"
    r"(?:[T ](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d)(?:\.\d+)?)?"
    r"(?P<offset>Z|[+-]\d{2}:?\d{2})?)?"
)
_DAY_MONTH_YEAR = re.compile(
    rf"{_WEEKDAY}(?<!\d)(?P<day>\d{{1,2}}){_S}*(?P<mname>{_MONTH})\b\.?,?{_S}*(?P<year>\d{{4}})(?!\d)"
    + _TIME,
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    rf"{_WEEKDAY}\b(?P<mname>{_MONTH})\b\.?{_S}+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?{_S}+"
    r"(?P<year>\d{4})(?!\d)" + _TIME,
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    rf"{_WEEKDAY}(?<![\d/.-])(?P<first>\d{{1,2}})(?P<sep>[/.-])(?P<second_n>\d{{1,2}})"
    r"(?P=sep)(?P<year>\d{4})(?![\d/])\)?" + _TIME,
    re.IGNORECASE,
)
_PATTERNS = (_ISO, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _NUMERIC)
# Every full date has a four-digit year; its absence rules the rest out fast.
_YEAR = re.compile(r"(?<!\d)(?:19|20|21)\d\d(?!\d)")
# Every match of a pattern holds a run of exactly four digits (its year) and stays within
# one line: a pattern is only tried on the lines that hold such a run. Scanning the whole
# text with a pattern that may begin with a weekday tries it at every character, and was a
# quarter of a file's parse.
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _search(pattern: re.Pattern[str], text: str, pos: int = 0) -> re.Match[str] | None:
    """``pattern.search(text, pos)``, trying ``pattern`` only on lines with a year in them."""
    size = len(text)
    while pos <= size and (year := _FOUR_DIGITS.search(text, pos)) is not None:
        line_end = text.find("\n", year.end())
        if line_end < 0:
            line_end = size
        line_start = text.rfind("\n", 0, year.start()) + 1
        found = pattern.search(text, max(pos, line_start), line_end)
        if found is not None:
            return found
        pos = line_end + 1
    return None


DAY_FIRST = "day-first"
"""A numeric date order: ``18/07/2024``, as Indonesian and British news write dates."""
MONTH_FIRST = "month-first"
"""A numeric date order: ``07/19/2024``, as American sites and scrapers write dates."""


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A full date found in a text."""

    start: int
    """Offset of the first character of the date (with its weekday, if any)."""
    end: int
    """Offset one past the date (with its time and zone, if any)."""
    iso: str
    """The date as ISO 8601: ``2024-07-19``, or ``2024-07-19T14:11:00+07:00``; for
    an ambiguous numeric date, its day-first reading."""
    alternative: str | None = None
    """The month-first reading of an ambiguous numeric date (``9/10/2025``), else ``None``."""
    order: str | None = None
    """For a numeric date whose numbers fix the order (``18/07/2024``), that order."""

    @property
    def ambiguous(self) -> bool:
        """True when the date reads two ways and nothing in it says which."""
        return self.alternative is not None

    def reading(self, order: str) -> str:
        """The date read in ``order`` (``DAY_FIRST`` or ``MONTH_FIRST``)."""
        return self.alternative if order == MONTH_FIRST and self.alternative else self.iso


def find_date(text: str, start: int = 0) -> DateMatch | None:
    """The first full date in ``text`` at or after ``start``, or ``None``."""
    if _YEAR.search(text, start) is None:  # cheap: most text has no year at all
        return None
    best: DateMatch | None = None
    for pattern in _PATTERNS:
        pos = start
        while (m := _search(pattern, text, pos)) is not None:
            if best is not None and m.start() >= best.start:
                break
            found = _to_match(m)
            if found is not None:
                best = found
                break
            pos = m.start() + 1
    return best


def iter_dates(text: str) -> Iterator[DateMatch]:
    """The full dates of ``text`` in order: :func:`find_date` again and again, each time
    from the end of the date found last.

    Each pattern's next date is kept until the dates found pass it, so the text is
    searched once per pattern, not once per date found: a long text with many dates
    cost its parse a search of the whole remaining text per date.
    """
    if _YEAR.search(text) is None:
        return
    pending: list[DateMatch | None] = [_first_valid(p, text, 0) for p in _PATTERNS]
    pos = 0
    while True:
        best: DateMatch | None = None
        for number, found in enumerate(pending):
            if found is not None and found.start < pos:
                found = pending[number] = _first_valid(_PATTERNS[number], text, pos)
            # Ties go to the earlier pattern, as in find_date.
            if found is not None and (best is None or found.start < best.start):
                best = found
        if best is None:
            return
        yield best
        pos = best.end


def _first_valid(pattern: re.Pattern[str], text: str, pos: int) -> DateMatch | None:
    """The first match of ``pattern`` at or after ``pos`` that names a real day."""
    while (m := _search(pattern, text, pos)) is not None:
        found = _to_match(m)
        if found is not None:
            return found
        pos = m.start() + 1
    return None


def numeric_dates(text: str) -> list[DateMatch]:
    """Every numeric full date in ``text`` (``18/07/2024``, ``9.10.2025``), in order."""
    if _YEAR.search(text) is None:
        return []
    found_dates, pos = [], 0
    while (m := _search(_NUMERIC, text, pos)) is not None:
        if (found := _to_match(m)) is not None:
            found_dates.append(found)
        # As finditer: on from the match's end (an empty match cannot happen: a year is in each).
        pos = m.end()
    return found_dates


def parse_date(text: str) -> str | None:
    """ISO 8601 for the first full date in ``text``; ``None`` when it has none or is ambiguous."""
    found = find_date(text)
    return found.iso if found and not found.ambiguous else None


def _to_match(m: re.Match[str]) -> DateMatch | None:
    """Check a regex match as a calendar date; ``None`` when it names no real day."""
    groups = m.groupdict()
    weekday = WEEKDAYS.get((groups.get("weekday") or "").lower())
    if not groups.get("first"):
        iso = _to_iso(groups, *_day_month(groups))
        return DateMatch(m.start(), m.end(), iso) if iso else None
    first, second = int(groups["first"]), int(groups["second_n"])
    readings = {
        order: iso
        for order, (day, month) in ((DAY_FIRST, (first, second)), (MONTH_FIRST, (second, first)))
        if (iso := _to_iso(groups, day, month)) is not None
    }
    if weekday is not None and len(readings) == 2:
        # "Kamis, 05/11/2015": only one reading falls on a Thursday.
        fitting = {o: iso for o, iso in readings.items() if _weekday(iso) == weekday}
        readings = fitting or readings
    if not readings:
        return None
    if len(readings) == 1 or readings[DAY_FIRST] == readings[MONTH_FIRST]:
        order, iso = next(iter(readings.items()))
        proven = order if len(readings) == 1 and first != second else None
        return DateMatch(m.start(), m.end(), iso, order=proven)
    return DateMatch(m.start(), m.end(), readings[DAY_FIRST], readings[MONTH_FIRST])


def _weekday(iso: str) -> int:
    return date.fromisoformat(iso[:10]).weekday()


def _day_month(groups: dict[str, str | None]) -> tuple[int, int]:
    if groups.get("mname"):
        return int(groups["day"] or 0), MONTHS[(groups["mname"] or "").lower()]
    return int(groups["day"] or 0), int(groups["month"] or 0)


def _to_iso(groups: dict[str, str | None], day: int, month: int) -> str | None:
    """The ISO form of the match's date read as ``day`` and ``month``; ``None`` if invalid."""
    year = int(groups["year"] or 0)
    if not 1900 <= year <= 2100:
        return None
    try:
        value = date(year, month, day).isoformat()
    except ValueError:
        return None
    if groups.get("hour") is None:
        return value
    hour = int(groups["hour"] or 0)
    ampm = (groups.get("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    seconds = int(groups.get("second") or 0)
    value += f"T{hour:02d}:{int(groups['minute'] or 0):02d}:{seconds:02d}"
    return value + _offset(groups)


def _offset(groups: dict[str, str | None]) -> str:
    """The UTC offset the match names, ``""`` when it names none."""
    if zone := groups.get("zone"):
        return TIME_ZONES[zone.upper()]
    offset = groups.get("offset") or ("Z" if groups.get("zulu") else None)
    if not offset:
        return ""
    if offset == "Z":
        return "+00:00"
    return offset if ":" in offset else f"{offset[:3]}:{offset[3:]}"

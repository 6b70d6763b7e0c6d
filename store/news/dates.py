"""Publication dates in Indonesian and English news text, as ISO 8601.

Scraped news writes dates in many ways: ``19 Juli 2024, 14:11 WIB``,
``Kamis (18/7/2024)``, ``18/07/2024``, ``2024-07-19``, ``July 19, 2024``,
``19 July 2024 10:05 GMT``. :func:`find_date` finds the first one in a text
and says where it is (the news parser needs the span to split glued header
fields such as ``14:11 WIBPYONGYANG``); :func:`parse_date` only gives the ISO
string.

Only a full date counts: a day, a month and a four-digit year. ``(29/11)``
names a day of some year and is not a publication date. Numeric dates are read
day first (``18/07/2024``), as Indonesian and British news write them, unless
the first number cannot be a month day pair that way (``07/19/2024``).
"""

from __future__ import annotations

import re
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

_WEEKDAYS = (
    "senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|"
    "thurs|fri|sat|sun"
)
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
    rf"(?:{_S}*(?:(?P<zone>(?-i:(?:{_ZONE})(?![a-z])))"
    r"|(?P<offset>[+-]\d{2}:?\d{2})|(?P<zulu>(?-i:Z))\b))?)?"
)
_WEEKDAY = rf"(?:(?:{_WEEKDAYS})\b\.?,?{_S}*\(?{_S}*)?"

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


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A full date found in a text."""

    start: int
    """Offset of the first character of the date (with its weekday, if any)."""
    end: int
    """Offset one past the date (with its time and zone, if any)."""
    iso: str
    """The date as ISO 8601: ``2024-07-19``, or ``2024-07-19T14:11:00+07:00``."""


def find_date(text: str, start: int = 0) -> DateMatch | None:
    """The first full date in ``text`` at or after ``start``, or ``None``."""
    if _YEAR.search(text, start) is None:  # cheap: most text has no year at all
        return None
    best: DateMatch | None = None
    for pattern in _PATTERNS:
        pos = start
        while (m := pattern.search(text, pos)) is not None:
            if best is not None and m.start() >= best.start:
                break
            iso = _to_iso(m)
            if iso is not None:
                best = DateMatch(m.start(), m.end(), iso)
                break
            pos = m.start() + 1
    return best


def parse_date(text: str) -> str | None:
    """ISO 8601 for the first full date in ``text``; ``None`` when it has none."""
    found = find_date(text)
    return found.iso if found else None


def _to_iso(m: re.Match[str]) -> str | None:
    """Check a regex match as a calendar date and format it; ``None`` if invalid."""
    groups = m.groupdict()
    year = int(groups["year"])
    if groups.get("mname"):
        month = MONTHS[groups["mname"].lower()]
        day = int(groups["day"])
    elif groups.get("first"):
        day, month = int(groups["first"]), int(groups["second_n"])
        if month > 12 >= day:  # 07/19/2024: the American order
            day, month = month, day
    else:
        month, day = int(groups["month"]), int(groups["day"])
    if not 1900 <= year <= 2100:
        return None
    try:
        value = date(year, month, day).isoformat()
    except ValueError:
        return None
    if groups.get("hour") is None:
        return value
    hour = int(groups["hour"])
    ampm = (groups.get("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    seconds = int(groups.get("second") or 0)
    value += f"T{hour:02d}:{int(groups['minute']):02d}:{seconds:02d}"
    return value + _offset(groups)


def _offset(groups: dict[str, str | None]) -> str:
    """The UTC offset the match names, ``""`` when it names none."""
    if groups.get("zone"):
        return TIME_ZONES[groups["zone"].upper()]
    offset = groups.get("offset") or ("Z" if groups.get("zulu") else None)
    if not offset:
        return ""
    if offset == "Z":
        return "+00:00"
    return offset if ":" in offset else f"{offset[:3]}:{offset[3:]}"

"""Dates in a passage, resolved against the article's own date.

News rarely writes a whole date: ``Jumat (29/11)``, ``pada Jumat``, ``Juni
lalu``, ``bulan lalu``, ``pada bulan Juni tahun ini``, ``Sabtu
(30/11/2024)``, ``19 Juli 2024``, ``Februari 2022``, ``kemarin``. Each is
read with what it names (year, month, day, weekday) and, when the article
has a stated or estimated date, resolved to the days it can mean:

- a day and month without a year: the latest such day on or before the
  article's date (an event is reported after it happens), unless the text
  says ``mendatang``/``depan`` (coming);
- a weekday alone (``pada Jumat``): the latest such weekday on or before
  the article's date, within the week before it;
- a month alone (``Juni lalu``, ``pada Juni``): the latest such month on or
  before the article's month; ``tahun ini``/``tahun lalu`` fix its year;
- ``kemarin``, ``hari ini``, ``bulan lalu``, ``tahun lalu``: from the article's date.

Without an article date the parts named are still compared (Friday is not
Saturday; June is not July), but no day is guessed.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

from store.claims.figure import DATE, Figure
from store.news.dates import MONTHS, WEEKDAYS, iter_dates

_WEEKDAY = "|".join(sorted((w for w in WEEKDAYS if len(w) > 3), key=len, reverse=True))
_MONTH = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m == "mei"), key=len, reverse=True))
_S = r"[^\S\n]"

# "Jumat (29/11)", "Jumat, 29/11", "(29/11)", "29/11" (no year: a full date is read apart)
_DAY_MONTH_NUMERIC = re.compile(
    rf"(?:\b(?P<weekday>{_WEEKDAY})\b,?{_S}*)?\(?(?<![\d/.])(?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})"
    r"(?![\d/])\)?",
    re.IGNORECASE,
)
# "29 November", "Jumat, 29 November" (without a year after it)
_DAY_MONTH_NAMED = re.compile(
    rf"(?:\b(?P<weekday>{_WEEKDAY})\b,?{_S}*\(?)?(?<!\d)(?P<day>\d{{1,2}}){_S}+(?P<mname>{_MONTH})\b"
    rf"(?!{_S}*\d)\)?",
    re.IGNORECASE,
)
# "Juni lalu", "pada Juni", "bulan Juni tahun ini", "Februari 2022", "June last year"
_MONTH_ONLY = re.compile(
    rf"\b(?:(?:pada|sejak|hingga|in|since|until|last|this|next){_S}+)?(?:bulan{_S}+)?"
    rf"(?P<mname>{_MONTH})\b(?:{_S}+(?P<year>\d{{4}})\b|{_S}+(?P<rel>lalu|silam|mendatang|depan"
    rf"|tahun{_S}+ini|tahun{_S}+lalu|tahun{_S}+depan|last{_S}+year|this{_S}+year))?",
    re.IGNORECASE,
)
# "pada Jumat", "Sabtu", "on Friday"
_WEEKDAY_ONLY = re.compile(rf"\b(?P<weekday>{_WEEKDAY})\b", re.IGNORECASE)
_RELATIVE = re.compile(
    rf"\b(?P<rel>kemarin|hari{_S}+ini|yesterday|today|bulan{_S}+lalu|tahun{_S}+lalu"
    rf"|last{_S}+month|last{_S}+year|pekan{_S}+lalu|minggu{_S}+lalu|last{_S}+week)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(
    rf"\b(?:tahun|pada|sejak|hingga|in|since|until|awal|akhir){_S}+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_COMING = re.compile(r"^\W*(mendatang|depan|nanti|coming|next)\b", re.IGNORECASE)
#: What every date above holds: a digit, a weekday or month, or a relative word. Most
#: sentences have none, and one search says so where the patterns would take six.
_MAYBE_DATE = re.compile(
    rf"\d|\b(?:{_WEEKDAY}|{_MONTH}|kemarin|yesterday|today|hari|lalu|last)\b", re.IGNORECASE
)
#: Words before a capitalised weekday that make it no date (``salat Jumat``).
_NOT_WEEKDAY_BEFORE = ("salat", "sholat", "shalat", "ibadah", "khotbah")


def dates(text: str, published: date | None = None) -> list[Figure]:
    """Every date in ``text``, resolved against ``published`` where it can be."""
    if _MAYBE_DATE.search(text) is None:
        return []
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(figure: Figure) -> None:
        found.append(figure)
        taken.append((figure.start, figure.end))

    for full in iter_dates(text):  # each pattern searched once, not once per date found
        day = date.fromisoformat(full.iso[:10])
        weekday_named = _weekday_before(text, full.start)
        start = full.start
        span_text = text[start : full.end].rstrip()
        if span_text.endswith(")") and "(" not in span_text:
            span_text = span_text[:-1]
        add(_day(start, start + len(span_text), span_text, day, weekday_named, None))
    for pattern in (_DAY_MONTH_NUMERIC, _DAY_MONTH_NAMED):
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            month = int(m["month"]) if m.groupdict().get("month") else MONTHS[m["mname"].lower()]
            day_number = int(m["day"])
            if not (1 <= month <= 12 and 1 <= day_number <= 31):
                continue
            weekday = WEEKDAYS.get((m["weekday"] or "").lower())
            coming = bool(_COMING.match(text[m.end() :]))
            add(_day_month(m.start(), m.end(), text, day_number, month, weekday, published, coming))
    for m in _MONTH_ONLY.finditer(text):
        if free(m.start(), m.end()) and _month_is_date(text, m):
            add(_month(m, text, published))
    for m in _RELATIVE.finditer(text):
        if free(m.start(), m.end()):
            figure = _relative(m, text, published)
            if figure is not None:
                add(figure)
    for m in _WEEKDAY_ONLY.finditer(text):
        if free(m.start(), m.end()) and _weekday_is_date(text, m):
            add(_weekday(m, text, published))
    for m in _YEAR.finditer(text):
        if free(m.start("year"), m.end("year")):
            year = int(m["year"])
            first, last = date(year, 1, 1), date(year, 12, 31)
            add(
                Figure(
                    DATE,
                    m.start("year"),
                    m.end(),
                    m["year"],
                    first.toordinal(),
                    last.toordinal(),
                    unit="year",
                    year=year,
                )
            )
    found.sort(key=lambda f: f.start)
    return found


def _weekday_before(text: str, start: int) -> int | None:
    m = re.search(rf"\b({_WEEKDAY})\b\W{{0,3}}$", text[max(0, start - 12) : start], re.IGNORECASE)
    return WEEKDAYS[m.group(1).lower()] if m else None


def _day(
    start: int, end: int, text: str, day: date, weekday: int | None, named: int | None
) -> Figure:
    ordinal = day.toordinal()
    return Figure(
        DATE,
        start,
        end,
        text,
        ordinal,
        ordinal,
        unit="day",
        year=day.year,
        month=day.month,
        day=day.day,
        weekday=weekday if weekday is not None else day.weekday(),
    )


def _day_month(
    start: int,
    end: int,
    text: str,
    day: int,
    month: int,
    weekday: int | None,
    published: date | None,
    coming: bool,
) -> Figure:
    """``Jumat (29/11)``: the day of the year that puts it nearest before the article."""
    shown = text[start:end]
    if shown.endswith(")") and "(" not in shown:
        shown = shown[:-1]
    if shown.startswith("(") and ")" not in shown:
        shown, start = shown[1:], start + 1
    resolved = None
    if published is not None:
        # An event is reported after it happens; "mendatang" (coming) is after the article.
        years = (
            (published.year, published.year + 1) if coming else (published.year, published.year - 1)
        )
        for year in years:
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if (candidate >= published) if coming else (candidate <= published + timedelta(days=1)):
                resolved = candidate
                break
    if resolved is None:
        return Figure(
            DATE,
            start,
            start + len(shown),
            shown,
            unit="day",
            month=month,
            day=day,
            weekday=weekday,
        )
    ordinal = resolved.toordinal()
    return Figure(
        DATE,
        start,
        start + len(shown),
        shown,
        ordinal,
        ordinal,
        unit="day",
        year=resolved.year,
        month=month,
        day=day,
        weekday=weekday if weekday is not None else resolved.weekday(),
    )


def _month_is_date(text: str, m: re.Match[str]) -> bool:
    name = m["mname"]
    if not name[0].isupper():
        return False
    # "May" and "Mei" are dates only with a cue before or a year or "lalu" after.
    return (
        name.lower() not in ("may", "mei", "march")
        or bool(m["year"] or m["rel"])
        or (m.group(0).lower().split()[0] in ("pada", "in", "since", "sejak", "bulan"))
    )


def _month(m: re.Match[str], text: str, published: date | None) -> Figure:
    month = MONTHS[m["mname"].lower()]
    rel = " ".join((m["rel"] or "").lower().split())
    year: int | None = int(m["year"]) if m["year"] else None
    start = m.start("mname")
    if year is None and published is not None:
        if rel in ("tahun ini", "this year"):
            year = published.year
        elif rel in ("tahun lalu", "last year"):
            year = published.year - 1
        elif rel in ("tahun depan",):
            year = published.year + 1
        elif rel in ("mendatang", "depan"):
            year = published.year if month >= published.month else published.year + 1
        else:  # "Juni lalu", "pada Juni": the latest June up to the article's month
            year = published.year if month <= published.month else published.year - 1
    if year is None:
        return Figure(DATE, start, m.end(), text[start : m.end()], unit="month", month=month)
    first = date(year, month, 1)
    last = date(year, month, monthrange(year, month)[1])
    return Figure(
        DATE,
        start,
        m.end(),
        text[start : m.end()],
        first.toordinal(),
        last.toordinal(),
        unit="month",
        year=year,
        month=month,
    )


def _weekday_is_date(text: str, m: re.Match[str]) -> bool:
    word = m["weekday"]
    if not word[0].isupper():
        return False
    before = text[max(0, m.start() - 10) : m.start()].lower().split()
    if before and before[-1] in _NOT_WEEKDAY_BEFORE:
        return False
    # "Minggu" is also "week": a date only after pada/hari/on or before a date-like bracket.
    return word.lower() not in ("minggu",) or bool(before and before[-1] in ("pada", "hari", "on"))


def _weekday(m: re.Match[str], text: str, published: date | None) -> Figure:
    weekday = WEEKDAYS[m["weekday"].lower()]
    if published is None:
        return Figure(DATE, m.start(), m.end(), m.group(0), unit="weekday", weekday=weekday)
    back = (published.weekday() - weekday) % 7
    day = published - timedelta(days=back)
    ordinal = day.toordinal()
    return Figure(
        DATE,
        m.start(),
        m.end(),
        m.group(0),
        ordinal,
        ordinal,
        unit="day",
        year=day.year,
        month=day.month,
        day=day.day,
        weekday=weekday,
    )


def _relative(m: re.Match[str], text: str, published: date | None) -> Figure | None:
    if published is None:
        return None
    rel = " ".join(m["rel"].lower().split())
    if rel in ("kemarin", "yesterday"):
        return _day(m.start(), m.end(), m.group(0), published - timedelta(days=1), None, None)
    if rel in ("hari ini", "today"):
        return _day(m.start(), m.end(), m.group(0), published, None, None)
    if rel in ("pekan lalu", "minggu lalu", "last week"):
        first = published - timedelta(days=published.weekday() + 7)
        return Figure(
            DATE,
            m.start(),
            m.end(),
            m.group(0),
            first.toordinal(),
            first.toordinal() + 6,
            unit="week",
        )
    if rel in ("bulan lalu", "last month"):
        year, month = (
            (published.year, published.month - 1)
            if published.month > 1
            else (
                published.year - 1,
                12,
            )
        )
        first, last = date(year, month, 1), date(year, month, monthrange(year, month)[1])
        return Figure(
            DATE,
            m.start(),
            m.end(),
            m.group(0),
            first.toordinal(),
            last.toordinal(),
            unit="month",
            year=year,
            month=month,
        )
    year = published.year - 1
    return Figure(
        DATE,
        m.start(),
        m.end(),
        m.group(0),
        date(year, 1, 1).toordinal(),
        date(year, 12, 31).toordinal(),
        unit="year",
        year=year,
    )

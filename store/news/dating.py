"""An article's publication date: stated, estimated from its text, or honestly ambiguous.

A date is never guessed silently (the rules; ``published_status`` in
:class:`~store.news.article.Article` says which one applied):

- **stated**: the source gives the date (a header line, a JSON field, front
  matter), and it reads one way: ``19 Juli 2024``, ``2024-07-19``, ``18/07/2024``.
- A numeric date that reads two ways (``9/10/2025``) is **resolved from
  evidence** (:func:`resolve`), in this order: a weekday named with it
  (``Kamis, 05/11/2015``); the article's address (``/2025/09/10/``); other
  numeric dates of the same source that read one way only (``10/17/2025``
  proves month first) and none the other way; a named-month date in the text
  equal to one reading; the outlet's order found corpus-wide
  (:func:`date_orders`). Resolved, it is *stated*; otherwise it stays as its
  text and is **ambiguous**.
- With no stated date, the text may still date the story (:func:`estimate`):
  the lead's events happen on or before the day it is published, so the
  latest dated event in the lead is the **estimated** date. ``Jumat (29/11)``
  names no year, but a weekday, a day and a month fix one near the latest
  year the text names (``Februari 2022``): the first year from it, and at most
  :data:`YEARS_AHEAD` later, in which 29 November is a Friday. A text that
  names no year, or whose weekday fits no year so near, gets no estimate.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from store.news.article import AMBIGUOUS, ESTIMATED, STATED
from store.news.dates import (
    _MONTH,
    _S,
    _WEEKDAYS,
    DAY_FIRST,
    MONTH_FIRST,
    MONTHS,
    WEEKDAYS,
    DateMatch,
    find_date,
    iter_dates,
    numeric_dates,
)
from store.news.outlets import url_date

#: Paragraphs of the story read for the events that date it.
LEAD_PARAGRAPHS = 3

#: How far back a weekday and a day without a year are looked for (years).
YEARS_BACK = 30

#: How many years after the latest year a text names its dated events may fall.
YEARS_AHEAD = 2


@dataclass(frozen=True, slots=True)
class Published:
    """A publication date and what kind of date it is."""

    value: str
    """ISO 8601 (stated or estimated), or the source's text (ambiguous)."""
    status: str
    """``STATED``, ``ESTIMATED`` or ``AMBIGUOUS``."""


def stated(text: str, evidence: Evidence | None = None) -> Published | None:
    """The date a source states in ``text`` (a header line, a field); ``None`` without one.

    An ISO string from a JSON field, a named-month date, or a numeric date
    that reads one way is stated; one that reads two ways is resolved from
    ``evidence`` or kept, marked ambiguous.
    """
    found = find_date(text)
    if found is None:
        return None
    if not found.ambiguous:
        return Published(found.iso, STATED)
    order = (evidence or Evidence()).order_for(found)
    if order is not None:
        return Published(found.reading(order), STATED)
    return Published(text[found.start : found.end].strip(), AMBIGUOUS)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What may decide which way an ambiguous numeric date reads."""

    url: str | None = None
    """The article's address, which may carry its date (``/2025/09/10/``)."""
    text: str = ""
    """The source's other text: the article's own, or its file's."""
    outlet_order: str | None = None
    """The order the outlet's dates are known to follow (from :func:`date_orders`)."""

    def order_for(self, found: DateMatch) -> str | None:
        """``DAY_FIRST`` or ``MONTH_FIRST`` for ``found`` when the evidence decides it."""
        day = found.iso[:10]
        readings = {DAY_FIRST: day, MONTH_FIRST: (found.alternative or "")[:10]}
        address = url_date(self.url)
        for order, iso in readings.items():
            if address == iso:
                return order
        order = proven_order(numeric_dates(self.text))
        if order is not None:
            return order
        named = set(_named_dates(self.text))
        matching = [order for order, iso in readings.items() if iso in named]
        if len(matching) == 1:
            return matching[0]
        return self.outlet_order


def proven_order(dates: Iterable[DateMatch]) -> str | None:
    """The one order that numeric ``dates`` prove (``10/17/2025``), or ``None``.

    ``None`` too when some prove one order and some the other: then the
    source mixes conventions and proves nothing.
    """
    orders = {d.order for d in dates if d.order is not None}
    return orders.pop() if len(orders) == 1 else None


def _named_dates(text: str) -> list[str]:
    """ISO days of the full dates with a month name in ``text`` (``19 Juli 2024``)."""
    return [
        match.iso[:10]
        for match in iter_dates(text)
        if not match.ambiguous and match.order is None  # a named month or ISO
    ]


def resolve(article_published: str, outlet_order: str | None) -> str | None:
    """The ISO date an ambiguous ``published`` text reads as in ``outlet_order``, or ``None``."""
    found = find_date(article_published)
    if found is None or not found.ambiguous or outlet_order is None:
        return None
    return found.reading(outlet_order)


def date_orders(
    dates_by_outlet: Mapping[str, Iterable[str]], *, threshold: float = 0.95
) -> dict[str, str]:
    """Each outlet's numeric date order, proven by its stated dates across a corpus.

    ``dates_by_outlet`` maps an outlet to the date texts its articles state
    (ambiguous ones included). An outlet's order is the one its unambiguous
    numeric dates prove, when at least ``threshold`` of them (and two) agree;
    outlets without such evidence are left out. A pure function: the corpus
    index calls it over its entries, ``make eval-news`` over the development set.
    """
    orders: dict[str, str] = {}
    for outlet, texts in dates_by_outlet.items():
        votes: Counter[str] = Counter()
        for text in texts:
            for found in numeric_dates(text):
                if found.order is not None:
                    votes[found.order] += 1
        if not votes:
            continue
        order, count = votes.most_common(1)[0]
        if count >= 2 and count >= threshold * sum(votes.values()):
            orders[outlet] = order
    return orders


# "Jumat (29/11)", "Sabtu (30/11/2024)", "Kamis, 18 Juli", "Friday, July 19"
# Matched against lower-cased text: a case-blind pattern would be several times slower.
_PARTIAL = re.compile(
    rf"\b(?P<weekday>{_WEEKDAYS})\b\.?,?{_S}*(?:"
    rf"\({_S}*(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<y>\d{{4}}))?{_S}*\)"
    rf"|(?P<d2>\d{{1,2}}){_S}+(?P<mname>{_MONTH})\b\.?(?:,?{_S}+(?P<y2>\d{{4}}))?"
    rf"|(?P<mname2>{_MONTH})\b\.?{_S}+(?P<d3>\d{{1,2}})(?!\d)(?:,?{_S}+(?P<y3>\d{{4}}))?)"
)
# Years the text names: "Februari 2022", "tahun 2023", "(30/11/2024)", "in 2019"; not
# the digits of "10.000" or "2.019". The literal start keeps the scan fast.
_YEAR_NAMED = re.compile(r"(?:19|20)\d\d")


def _years_named(text: str) -> list[int]:
    """The years ``text`` names: four digits standing alone (``(30/11/2024)`` counts)."""
    years = []
    for m in _YEAR_NAMED.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end() : m.end() + 2]
        if before.isdigit() or before in ".,-" or after[:1].isdigit():
            continue
        if after[:1] in "/.-" and after[1:2].isdigit():
            continue
        years.append(int(m.group()))
    return years


def estimate(paragraphs: list[str], whole_text: str, today: date | None = None) -> str | None:
    """The ISO date the story's lead dates it to, or ``None`` (see the module's rules).

    ``paragraphs`` are the story's own, in order (the lead is the first
    :data:`LEAD_PARAGRAPHS`); ``whole_text`` is searched for the years that bound
    a date named without one.
    """
    named = [m for p in paragraphs[:LEAD_PARAGRAPHS] for m in _PARTIAL.finditer(p.lower())]
    if not named:  # most stories: no need to look for the years
        return None
    today = today or date.today()
    years = [y for y in _years_named(whole_text) if y <= today.year]
    floor = max(years) if years else None
    events = [day for m in named if (day := _event_day(m, floor, today)) is not None]
    return max(events).isoformat() if events else None


def _event_day(m: re.Match[str], floor: int | None, today: date) -> date | None:
    """The day a weekday and date name, the year fixed by the weekday when not given."""
    groups = m.groupdict()
    weekday = WEEKDAYS[groups["weekday"].lower()]
    day_text = groups["d"] or groups["d2"] or groups["d3"]
    name = groups["mname"] or groups["mname2"]
    month = MONTHS[name.lower()] if name else int(groups["m"])
    day_number = int(day_text)
    year_text = groups["y"] or groups["y2"] or groups["y3"]
    if year_text:
        try:
            found = date(int(year_text), month, day_number)
        except ValueError:
            return None
        return found if found.weekday() == weekday and found <= today else None
    candidates = []
    for year in range(today.year - YEARS_BACK, today.year + 1):
        try:
            candidate = date(year, month, day_number)
        except ValueError:
            continue
        if candidate.weekday() == weekday and candidate <= today:
            candidates.append(candidate)
    # The latest year the text names is when the story is set; without one,
    # the weekday leaves a choice of years and nothing is estimated.
    after = [c for c in candidates if floor is not None and floor <= c.year <= floor + YEARS_AHEAD]
    return after[0] if after else None


def published_from(
    header_text: str | None,
    paragraphs: list[str],
    whole_text: str,
    evidence: Evidence | None = None,
) -> Published | None:
    """The article's date: stated by ``header_text``, else estimated from its paragraphs."""
    if header_text:
        found = stated(header_text, evidence)
        if found is not None:
            return found
    estimated = estimate(paragraphs, whole_text)
    return Published(estimated, ESTIMATED) if estimated else None


__all__ = [
    "AMBIGUOUS",
    "ESTIMATED",
    "STATED",
    "Evidence",
    "Published",
    "date_orders",
    "estimate",
    "proven_order",
    "resolve",
    "stated",
]

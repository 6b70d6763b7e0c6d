"""A figure: a number or a date a passage states, as an interval, with what it counts.

``lebih dari 10.000 tentara`` is the count ``(10000, ∞)`` of ``troops``;
``hampir 12.000`` is ``[10800, 12000)`` (just under); ``Jumat (29/11)`` in
an article of 30 November 2024 is the day 2024-11-29, a Friday. The
interval says what the words say; :mod:`store.claims.conflicts` decides
whether two figures can both be true.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

COUNT = "count"
MONEY = "money"
PERCENT = "percent"
DATE = "date"
KINDS = (COUNT, MONEY, PERCENT, DATE)

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


@dataclass(frozen=True, slots=True)
class Figure:
    """One number or date of a passage, with offsets into the text it was found in."""

    kind: str
    """``count``, ``money``, ``percent`` or ``date``."""
    start: int
    end: int
    text: str
    """The words it came from, as written."""
    low: float | None = None
    """The interval's lower end (``None``: unbounded). For a date: a day's ordinal."""
    high: float | None = None
    """The interval's upper end (``None``: unbounded)."""
    low_open: bool = False
    high_open: bool = False
    value: float | None = None
    """The number as stated (``10000`` in ``lebih dari 10.000``); ``None`` for dates."""
    unit: str = ""
    """What is counted, as a class (``troops``), a currency (``IDR``), ``%``; for a
    date how precise it is: ``day``, ``month``, ``year`` or ``weekday``."""
    counted: str = ""
    """The counted words as written (``tentara``, ``kontainer amunisi``)."""
    qualifier: str = ""
    """``more than``, ``at least``, ``nearly``, ``about``, ``less than``, ``at most``,
    ``range`` or ``""`` (the number as it stands)."""
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    """0 is Monday; for a date naming its weekday (or resolved to a day)."""

    # -- reading it --------------------------------------------------------------

    @property
    def is_date(self) -> bool:
        """True for a date."""
        return self.kind == DATE

    def day_range(self) -> tuple[date, date] | None:
        """A resolved date's first and last day (``None`` when its year is unknown)."""
        if not self.is_date or self.low is None or self.high is None:
            return None
        return date.fromordinal(int(self.low)), date.fromordinal(int(self.high))

    def describe(self) -> str:
        """The figure normalised, for people: ``>10,000 troops``, ``Fri 29 Nov 2024``."""
        if self.is_date:
            return describe_date(self)
        number = _number(self.value)
        if self.qualifier == "range":
            number = f"{_number(self.low)}–{_number(self.high)}"
        else:
            number = QUALIFIER_SIGNS.get(self.qualifier, "") + number
        if self.kind == PERCENT:
            return number + "%"
        if self.kind == MONEY:
            return f"{self.unit} {number}"
        return f"{number} {self.unit}".strip()

    def interval_text(self) -> str:
        """The interval in brackets: ``(10,000, ∞)``, ``[2024-11-29, 2024-11-29]``."""
        low = "-∞" if self.low is None else self._end_text(self.low)
        high = "∞" if self.high is None else self._end_text(self.high)
        left = "(" if self.low_open or self.low is None else "["
        right = ")" if self.high_open or self.high is None else "]"
        return f"{left}{low}, {high}{right}"

    def _end_text(self, value: float) -> str:
        if self.is_date:
            return date.fromordinal(int(value)).isoformat()
        return _number(value)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: the words, the normalised value or interval, the unit."""
        data: dict[str, Any] = {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "normalised": self.describe(),
            "qualifier": self.qualifier or None,
            "unit": self.unit or None,
        }
        if self.is_date:
            days = self.day_range()
            data["interval"] = (
                {"low": days[0].isoformat(), "high": days[1].isoformat()} if days else None
            )
            data["year"], data["month"], data["day"] = self.year, self.month, self.day
            data["weekday"] = WEEKDAY_NAMES[self.weekday] if self.weekday is not None else None
        else:
            data["value"] = self.value
            data["counted"] = self.counted or None
            data["interval"] = {
                "low": self.low,
                "high": self.high,
                "low_open": self.low_open,
                "high_open": self.high_open,
            }
        return data


QUALIFIER_SIGNS = {
    "more than": ">",
    "at least": "≥",
    "nearly": "<~",
    "about": "~",
    "less than": "<",
    "at most": "≤",
}


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def describe_date(figure: Figure) -> str:
    """A date for people: ``Fri 29 Nov 2024``, ``June 2024``, ``Friday``, ``29 Nov``."""
    weekday = WEEKDAY_NAMES[figure.weekday][:3] + " " if figure.weekday is not None else ""
    month = MONTH_NAMES[figure.month - 1] if figure.month else ""
    if figure.day and figure.month:
        text = f"{weekday}{figure.day} {month[:3]}"
        return f"{text} {figure.year}" if figure.year else text
    if figure.month:
        return f"{month} {figure.year}" if figure.year else month
    if figure.year:
        return str(figure.year)
    if figure.weekday is not None:
        return WEEKDAY_NAMES[figure.weekday]
    return figure.text

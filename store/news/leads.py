"""The top of a news story: header lines, and the outlet and dateline of its lead.

News pages put metadata before the story, and scrapers glue it to the text:

- a header line: ``Kompas dunia | 19 Juli 2024, 14:11 WIB`` (outlet, section,
  date), ``Published: July 19, 2024``, ``19 July 2024 10:05 GMT``; often with
  the lead glued on (``... 14:11 WIBPYONGYANG, KOMPAS.TV - Hubungan ...``);
- a lead prefix on the first paragraph: ``PYONGYANG, KOMPAS.TV -``,
  ``JAKARTA, KOMPAS.com -``, ``WASHINGTON (Reuters) -``, ``Jakarta (ANTARA) -``,
  ``BaperaNews -``, ``geosurvey.co.id –``, or a bare ``JAKARTA -`` dateline.

:func:`parse_header` and :func:`split_lead` read these and say where the
prose starts, so the parser can keep the prose verbatim and drop the prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.news.dates import find_date

_OUTLET_NAMES = (
    "reuters ap afp antara bloomberg xinhua yonhap bernama tass ria kyodo upi dpa "
    "kompas tempo detik detikcom okezone republika tirto kumparan viva cnn bbc voa "
    "sindonews tribunnews liputan6 suara merdeka inews"
)
#: Outlets whose plain name leads stories (``ANTARA - ...``); any name with a
#: dot (``LOGIC.co.id``) or an inner capital (``BaperaNews``) counts anyway.
KNOWN_OUTLETS = frozenset(_OUTLET_NAMES.split())

# A dash that ends a lead: spaced on at least one side, so "Rusia-Korea" is
# never read as one.
_DASH = r"(?:[^\S\n]+(?:--?|–|—)[^\S\n]*|[^\S\n]*(?:--?|–|—)[^\S\n]+)"
_PLACE = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}"
_SHORT_DATE = (
    r"[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?"  # July 19
    r"|\d{1,2} [A-Z][a-z]{2,8}(?: \d{4})?"  # 19 Juli
    r"|\d{1,2}/\d{1,2}(?:/\d{4})?"  # 19/7
)
_OUTLET = r"[A-Za-z0-9][\w.]*(?: [A-Z][\w.]*){0,2}"

# WASHINGTON (Reuters) -   KYIV, Ukraine (AP) —   TEHRAN, July 19 (Reuters) -
_WIRE_LEAD = re.compile(
    rf"(?P<place>{_PLACE}(?:, {_PLACE})?)(?:, (?P<date>{_SHORT_DATE}))?"
    rf" \((?P<outlet>[^()\n]{{2,40}})\){_DASH}"
)
# PYONGYANG, KOMPAS.TV -   JAKARTA, KOMPAS.com -   Jakarta, CNN Indonesia --
_COMMA_LEAD = re.compile(
    rf"(?P<place>{_PLACE}), (?:(?P<date>{_SHORT_DATE}),? )?(?P<outlet>{_OUTLET}){_DASH}"
)
# BaperaNews -   geosurvey.co.id –   JAKARTA -
_SOLO_LEAD = re.compile(rf"(?P<name>{_OUTLET}){_DASH}")

# Between the fields of a header line: "Kompas dunia | 19 Juli 2024",
# "Kompas.com - 12/08/2024, 10:05 WIB".
_SEPARATOR = re.compile(r"\s*[|•·]\s*|\s+[-–—]\s+")
_LABEL = re.compile(
    r"(?:last\s+)?(?:published|updated|posted|diterbitkan|dipublikasikan|diperbarui|"
    r"diunggah|terbit|tanggal|date)\b\s*(?:on|pada)?\s*:?\s*",
    re.IGNORECASE,
)
_BYLINE_PART = re.compile(r"(?:by|oleh|penulis|reporter)\b\s*:?\s*(?P<name>\S.*)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Lead:
    """What the start of a paragraph says about the story."""

    length: int
    """Characters of the prefix (``PYONGYANG, KOMPAS.TV - ``) before the prose."""
    outlet: str | None = None
    dateline: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Header:
    """The fields of a header line."""

    published: str
    outlet: str | None = None
    section: str | None = None
    byline: str | None = None
    rest: int | None = None
    """Offset in the line where glued-on prose starts; ``None`` when there is none."""


def split_lead(text: str) -> Lead | None:
    """The outlet and dateline prefix of a paragraph, or ``None`` when it has none."""
    m = _WIRE_LEAD.match(text)
    if m and len(m.group("place")) <= 40:
        return _lead(text, m, m.group("place"), m.group("outlet").strip())
    m = _COMMA_LEAD.match(text)
    if m and len(m.group("place")) <= 40 and _credible_outlet(m.group("outlet"), m["place"]):
        return _lead(text, m, m.group("place"), m.group("outlet"))
    m = _SOLO_LEAD.match(text)
    if m and m.end() < len(text):
        name = m.group("name")
        if _outlet_like(name):
            return Lead(m.end(), outlet=name)
        if (name.isupper() and len(name) > 2) or re.fullmatch(r"[A-Z][a-z]+", name):
            return Lead(m.end(), dateline=name)
    return None


def _lead(text: str, m: re.Match[str], place: str, outlet: str) -> Lead | None:
    if m.end() >= len(text):
        return None
    found = find_date(m.group("date") or "")
    return Lead(m.end(), outlet=outlet, dateline=place, published=found.iso if found else None)


def _outlet_like(name: str) -> bool:
    """A name that can only be an outlet: a domain, a CamelCase brand, a known one."""
    return (
        "." in name.strip(".")
        or re.search(r"[a-z][A-Z]", name) is not None
        or name.lower() in KNOWN_OUTLETS
    )


def _credible_outlet(outlet: str, place: str) -> bool:
    """``PLACE, Outlet -`` is a lead only when one side is clearly a dateline or outlet."""
    return (
        place.isupper()
        or _outlet_like(outlet)
        or any(len(w) > 1 and w.isupper() for w in outlet.split())
    )


HEADER_DATE_WINDOW = 160
"""Characters of a line searched for a header date."""


def parse_header(line: str) -> Header | None:
    """The fields of a header line with a full date, or ``None`` for any other line."""
    # A header's date comes early; scanning a whole lead paragraph is the parser's hot spot.
    found = find_date(line[:HEADER_DATE_WINDOW])
    if found is None:
        return None
    prefix, suffix = line[: found.start], line[found.end :]
    separated = _SEPARATOR.search(prefix) is not None
    label = _LABEL.fullmatch(prefix.strip()) is not None
    if prefix.strip() and not (separated or label):
        return None
    parts = [p for p in _SEPARATOR.split(prefix) if p.strip() and not _LABEL.fullmatch(p)]
    if any(len(p) > 60 or len(p.split()) > 6 for p in parts):
        return None  # a sentence with a date in it, not a header's short fields
    rest: int | None = None
    tail = suffix.lstrip(" \t\u00a0,)")
    if tail:
        start = len(line) - len(tail)
        more = [p for p in _SEPARATOR.split(tail) if p.strip()]
        if tail[0] in "|•·" and all(len(p) <= 60 and len(p.split()) <= 8 for p in more):
            parts += more  # "... | By Jane Doe"
        elif separated or split_lead(tail) is not None:
            rest = start  # "... 14:11 WIBPYONGYANG, KOMPAS.TV - Hubungan ..."
        else:
            return None  # a sentence that starts with a date
    byline = None
    names: list[str] = []
    for part in parts:
        m = _BYLINE_PART.fullmatch(part.strip())
        if m:
            byline = byline or m.group("name").strip()
        else:
            names.append(part.strip())
    outlet, section = _outlet_and_section(names)
    return Header(found.iso, outlet=outlet, section=section, byline=byline, rest=rest)


def _outlet_and_section(names: list[str]) -> tuple[str | None, str | None]:
    """``["Kompas", "Dunia"]`` or ``["Kompas dunia"]`` -> ``("Kompas", "dunia")``.

    One part is split before its trailing lower-case words, which name the
    section (``Kompas dunia``) while capitalised ones belong to the outlet's
    name (``CNN Indonesia``).
    """
    if not names:
        return None, None
    if len(names) >= 2:
        return names[0], names[1]
    words = names[0].split()
    cut = len(words)
    while cut > 1 and words[cut - 1].islower():
        cut -= 1
    return " ".join(words[:cut]), (" ".join(words[cut:]) or None)

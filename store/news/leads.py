"""The top of a news story: header lines, and the outlet and dateline of its lead.

News pages put metadata before the story, and scrapers glue it to the text:

- a header line: ``Kompas dunia | 19 Juli 2024, 14:11 WIB`` (outlet, section,
  date), ``Published: July 19, 2024``, ``19 July 2024 10:05 GMT``; often with
  the lead glued on (``... 14:11 WIBPYONGYANG, KOMPAS.TV - Hubungan ...``);
- a lead prefix on the first paragraph: ``PYONGYANG, KOMPAS.TV -``,
  ``JAKARTA, KOMPAS.com -``, ``REPUBLIKA.CO.ID, JAKARTA --`` and ``TEMPO.CO,
  Jakarta -`` (outlet first), ``Liputan6.com, Jakarta:``, ``WASHINGTON (Reuters)
  -``, ``Jakarta (ANTARA) -``, ``BaperaNews -``, ``geosurvey.co.id –``, or a bare
  ``JAKARTA -`` dateline; sometimes alone on its line (``Jakarta -``).

:func:`parse_header` and :func:`split_lead` read these and say where the
prose starts, so the parser can keep the prose verbatim and keep the prefix
as the text of the fields it names. A prefix is taken only when it has the
shape of one: a dash inside a sentence (``Wilkinson - who had targeted``) is
no dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.news.dates import find_date
from store.news.language import guess_language
from store.news.outlets import outlet_like

# A dash that ends a lead: spaced on at least one side, so "Rusia-Korea" is
# never read as one. A colon ends one too after an outlet ("Liputan6.com, Jakarta:").
_DASH = r"(?:[^\S\n]+(?:--?|–|—)[^\S\n]*|[^\S\n]*(?:--?|–|—)[^\S\n]+|[^\S\n]*(?:--?|–|—)$)"
_DASH_OR_COLON = rf"(?:{_DASH}|:[^\S\n]+)"
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
# and outlet first: REPUBLIKA.CO.ID, JAKARTA --   Liputan6.com, Jakarta:
_COMMA_LEAD = re.compile(
    rf"(?P<place>{_PLACE}), (?:(?P<date>{_SHORT_DATE}),? )?(?P<outlet>{_OUTLET}){_DASH_OR_COLON}"
)
# BaperaNews -   geosurvey.co.id –   JAKARTA -
_SOLO_LEAD = re.compile(rf"(?P<name>{_OUTLET}){_DASH}")
# What prose starts with after a lead: a capital, a digit or an opening quote.
_PROSE_START = re.compile(r"[\s\u00a0]*(?:[A-Z0-9\"“‘'(\[]|$)")

# Between the fields of a header line: "Kompas dunia | 19 Juli 2024",
# "Kompas.com - 12/08/2024, 10:05 WIB".
_SEPARATOR = re.compile(r"\s*[|•·]\s*|\s+[-–—]\s+")
_LABEL = re.compile(
    r"(?:(?:last\s+)?(?:published|updated|posted|diterbitkan|dipublikasikan|diperbarui|"
    r"diunggah|terbit|tanggal|date)\b\s*(?:on|pada)?|on|pada)\s*:?\s*",
    re.IGNORECASE,
)
# "Jumat, 20 Jumadil Awwal 1438 / 17 February 2017": the Islamic date before the common one.
_HIJRI = re.compile(
    r"(?:[A-Za-z']+,?\s+)?\d{1,2}\s+(?:muharr?am|safar|rabi'?u?l|jumad[ia]l|rajab|sya'?ban|"
    r"ramad[h]?an|syawal|dzulq[a']*dah|dzulhijj?ah)\b[^/\d]*\s+1[34]\d\d\s*(?:H\s*)?/\s*",
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
    """The date as ISO 8601 (for a date that reads two ways, its day-first reading)."""
    date_text: str
    """The date as the line gives it (``19 Juli 2024, 14:11 WIB``)."""
    outlet: str | None = None
    section: str | None = None
    byline: str | None = None
    rest: int | None = None
    """Offset in the line where glued-on prose starts; ``None`` when there is none."""


def split_lead(text: str, *, alone: bool = False) -> Lead | None:
    """The outlet and dateline prefix of a paragraph, or ``None`` when it has none.

    With ``alone`` the prefix may be the whole of ``text``: a lead on a line of
    its own (``Jakarta -``) above the paragraph it belongs to.
    """
    m = _WIRE_LEAD.match(text)
    if m and len(m.group("place")) <= 40 and _prose_follows(text, m.end(), alone):
        return _lead(m, m.group("place"), m.group("outlet").strip())
    m = _COMMA_LEAD.match(text)
    if m and len(m.group("place")) <= 40 and _prose_follows(text, m.end(), alone):
        place, outlet = m.group("place"), m.group("outlet")
        if outlet_like(place) and not outlet_like(outlet):
            place, outlet = outlet, place  # REPUBLIKA.CO.ID, JAKARTA --
        if _credible_outlet(outlet, place) and (
            m.group(0).rstrip()[-1] != ":" or outlet_like(outlet)
        ):
            return _lead(m, place, outlet)
    m = _SOLO_LEAD.match(text)
    if m and _prose_follows(text, m.end(), alone):
        name = m.group("name")
        if outlet_like(name):
            return Lead(m.end(), outlet=name)
        if name.isupper() and len(name) > 2:
            return Lead(m.end(), dateline=name)
        # "Jakarta - Presiden ...": a title-case dateline is Indonesian news's
        # (detik); in English "Wilkinson - who ..." is a sentence.
        if re.fullmatch(r"[A-Z][a-z]+", name) and (alone or guess_language(text) == "id"):
            return Lead(m.end(), dateline=name)
    return None


def _prose_follows(text: str, end: int, alone: bool) -> bool:
    """True when the story's prose starts at ``end`` (or the lead is its line's all)."""
    if end >= len(text.rstrip()):
        return alone
    return _PROSE_START.match(text, end) is not None


def _lead(m: re.Match[str], place: str, outlet: str) -> Lead:
    found = find_date(m.group("date") or "")
    return Lead(m.end(), outlet=outlet, dateline=place, published=found.iso if found else None)


def _credible_outlet(outlet: str, place: str) -> bool:
    """``PLACE, Outlet -`` is a lead only when one side is clearly a dateline or outlet."""
    return (
        place.isupper()
        or outlet_like(outlet)
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
    lead = split_lead(line)
    if lead is not None and found.start > lead.length:
        return None  # a lead paragraph with a date in it: "JAKARTA, KOMPAS.com - ... (30/11)"
    prefix, suffix = line[: found.start], line[found.end :]
    separated = _SEPARATOR.search(prefix) is not None
    label = _LABEL.fullmatch(prefix.strip()) is not None or _HIJRI.fullmatch(prefix) is not None
    if _HIJRI.fullmatch(prefix):
        prefix = ""
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
    date_text = line[found.start : found.end]
    return Header(found.iso, date_text, outlet=outlet, section=section, byline=byline, rest=rest)


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

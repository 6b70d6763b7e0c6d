"""Raw scraped news text into an :class:`~store.news.article.Article`.

Scraped news comes as plain text with the page's furniture still in it: a
headline (or none), header lines, a lead that starts with the outlet and the
dateline, subheadings, related links, captions and credits. The parser reads
it in passes over *units* (paragraphs, headings, list items and standalone
lines, see :mod:`store.news.layout`):

1. the title: the first line when it reads as a headline, else one derived
   from the first sentence (``title_derived``); a site's name on it
   (``... - Kompas.com``) is cut off and read as the outlet;
2. the header: date and outlet lines before the story (``Kompas dunia | 19
   Juli 2024, 14:11 WIB``), with any prose glued onto them split off;
3. the lead: the first paragraph's outlet and dateline prefix (``PYONGYANG,
   KOMPAS.TV -``, ``WASHINGTON (Reuters) -``, ``geosurvey.co.id -``), or a
   lead alone on its line (``Jakarta -``); prose before it is the ``summary``;
4. the kinds of the other units: boilerplate (see :mod:`store.news.boilerplate`),
   the headlines listed under a ``Baca Juga`` line, a writer's or source's
   name alone at the end, headings, paragraphs, headings glued onto a
   paragraph's end;
5. the date (see :mod:`store.news.dating`): stated by the header or the lead,
   resolved from evidence when it reads two ways, else estimated from the lead.

Nothing is dropped: the title line, header lines and the lead's prefix are
kept as :class:`~store.news.article.FieldText`, everything else is a segment,
each with its place in the source.

Outlet rule: the outlet credited in the lead (``KOMPAS.TV`` in ``PYONGYANG,
KOMPAS.TV -``) wins over a site label in a header line (``Kompas`` in
``Kompas dunia |``), because the lead names the publication that carried the
story; the label, the site named on the title, a ``(outlet/Writer)`` credit
and the article's address are fallbacks, in that order. Dates in the story's
own sentences (``pada Sabtu (30/11/2024)``) are event dates: they make an
*estimated* date, never a stated one.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from store.news.article import ESTIMATED, STATED, Article, Block, FieldText, build_body
from store.news.boilerplate import credited_outlet, credited_people
from store.news.dating import Evidence, estimate, stated
from store.news.headlines import derive_title, glued_heading, is_headline, same_as_title
from store.news.language import guess_language
from store.news.layout import Unit, ends_sentence, is_heading, source_offset, split_units
from store.news.leads import parse_header, split_lead
from store.news.outlets import KNOWN_OUTLETS, outlet_from_url, split_title

#: Units at the top of a text searched for header lines and the lead.
TOP_UNITS = 8

# A related-links label standing alone, with the headlines on the lines below it.
_RELATED_LABEL = re.compile(
    r"(?:baca|lihat|simak|tonton)\s+(?:juga|pula)|jangan\s+lewatkan|berita\s+terkait"
    r"|(?:baca|lihat|simak|tonton)\b.{0,60}\b(?:lainnya|selengkapnya)"
    r"|artikel\s+terkait|read\s+(?:also|more)|see\s+also|related(?:\s+(?:articles?|stories|news))?",
    re.IGNORECASE,
)
#: Headlines listed under one related-links label, at most.
RELATED_LIST = 8
# A name alone in capitals at the story's end: the writer (DINI TEJA) or the source (ANTARA).
_CAPS_NAME = re.compile(r"[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}")


@dataclass
class _Reading:
    """What the passes have read so far."""

    source: str = ""
    """The text the units were read from, to place cut pieces in it."""
    title: str | None = None
    meta: dict[str, str | None] = field(default_factory=dict)
    fields: list[FieldText] = field(default_factory=list)
    date_text: str | None = None
    lead_date: str | None = None


def parse_news_text(
    text: str,
    source: str = "",
    *,
    title: str | None = None,
    url: str | None = None,
    known_boilerplate: Collection[str] = (),
    date_order: str | None = None,
) -> Article:
    """Parse raw news text; ``title`` given means the text is the body only.

    ``url`` is the article's address when the source gives one (it may carry
    the date and names the outlet last of all); ``known_boilerplate`` holds the
    lines that repeat across the outlet's articles (:mod:`store.news.repeated`),
    ``date_order`` the order its numeric dates are known to follow.
    """
    units = split_units(text, known_boilerplate=known_boilerplate)
    return article_from_units(
        units, source=source, title=title, text=text, url=url, date_order=date_order
    )


def article_from_units(
    units: Iterable[Unit],
    *,
    source: str = "",
    title: str | None = None,
    text: str = "",
    url: str | None = None,
    date_order: str | None = None,
) -> Article:
    """Read title, header, lead, segment kinds and date from ``units`` into an Article.

    ``text`` is the source the units were read from (evidence for an
    ambiguous date); ``title`` given is the source's own (a JSON field).
    """
    items = list(units)
    reading = _Reading(source=text)
    if title is None and len(items) > 1 and items[0].kind is None and is_headline(items[0].text):
        first = items.pop(0)
        title = first.text
        reading.fields.append(FieldText("title", first.text, first.start, first.end))
    if title is not None:
        title, site, _affix = split_title(title)
        reading.meta["title_outlet"] = site
    reading.title = title
    items = _take_header(items, reading)
    lead_at = _take_lead(items, reading, title)
    blocks = _classify(items, title, lead_at, reading)
    derived = title is None
    if title is None:
        title = derive_title(blocks)
    body, segments = build_body(blocks)
    meta = reading.meta
    article = Article(
        title=title,
        body=body,
        segments=segments,
        title_derived=derived,
        outlet=(
            meta.get("outlet")
            or meta.get("header_outlet")
            or meta.get("title_outlet")
            or meta.get("credit_outlet")
            or outlet_from_url(url)
        ),
        section=meta.get("section"),
        dateline=meta.get("dateline"),
        byline=meta.get("byline"),
        editor=meta.get("editor"),
        language=guess_language(title + "\n" + body),
        url=url,
        source=source,
        field_texts=tuple(reading.fields),
    )
    _date(article, reading, blocks, text, Evidence(url, text, date_order))
    return article


def _date(
    article: Article, reading: _Reading, blocks: list[Block], text: str, evidence: Evidence
) -> None:
    """Set the article's date: stated by its header or lead, else estimated from its lead."""
    found = stated(reading.date_text, evidence) if reading.date_text else None
    if found is None and reading.lead_date:
        article.published, article.published_status = reading.lead_date, STATED
        return
    if found is not None:
        article.published, article.published_status = found.value, found.status
        return
    story = [t for t, kind, _, _ in blocks if kind in ("summary", "paragraph")]
    guess = estimate(story, text or article.body)
    if guess is not None:
        article.published, article.published_status = guess, ESTIMATED


def _take_header(items: list[Unit], reading: _Reading) -> list[Unit]:
    """Read header lines at the top; split off prose glued onto one.

    Short lines between header lines (a breadcrumb: ``home``, ``gaya``) are
    passed over and stay in the body.
    """
    out = list(items)
    i = 0
    while i < min(len(out), TOP_UNITS):
        unit = out[i]
        if unit.kind is not None or unit.boilerplate:
            i += 1
            continue
        header = parse_header(unit.text)
        if header is None:
            if _short(unit.text) or same_as_title(unit.text, reading.title):
                i += 1  # a breadcrumb, the headline again over its picture
                continue
            break
        if reading.date_text is None:
            reading.date_text = header.date_text
        meta = reading.meta
        if header.outlet:
            meta.setdefault("header_outlet", header.outlet)
        for name in ("section", "byline"):
            if getattr(header, name):
                meta.setdefault(name, getattr(header, name))
        if header.rest is None:
            reading.fields.append(FieldText("header", unit.text, unit.start, unit.end))
            del out[i]
            continue
        reading.fields.append(_field("header", unit, header.rest, reading.source))
        out[i] = _cut(unit, header.rest, reading.source)
        break
    return out


def _short(text: str) -> bool:
    """A few words that are no sentence: a breadcrumb, a label."""
    return len(text) <= 30 and len(text.split()) <= 3 and not ends_sentence(text)


def _take_lead(items: list[Unit], reading: _Reading, title: str | None) -> int | None:
    """Find the story's lead among its first units, cut its prefix, return its index."""
    prose_seen = 0
    for i, unit in enumerate(items[:TOP_UNITS]):
        if unit.kind is not None or unit.boilerplate or same_as_title(unit.text, title):
            continue
        following = items[i + 1] if i + 1 < len(items) else None
        alone = following is not None and following.kind is None and not following.boilerplate
        lead = split_lead(unit.text, alone=alone)
        if lead is not None:
            reading.fields.append(_field("lead", unit, lead.length, reading.source))
            meta = reading.meta
            for name in ("outlet", "dateline"):
                if getattr(lead, name):
                    meta.setdefault(name, getattr(lead, name))
            reading.lead_date = reading.lead_date or lead.published
            if lead.length >= len(unit.text.rstrip()):  # the lead alone on its line
                del items[i]
            else:
                items[i] = _cut(unit, lead.length, reading.source)
            return i
        if not _short(unit.text):
            prose_seen += 1
        if prose_seen > 2:  # a standfirst is short; this is the story itself
            return None
    return None


def _classify(
    items: list[Unit], title: str | None, lead_at: int | None, reading: _Reading
) -> list[Block]:
    """The ``(text, kind, raw_start, raw_end)`` blocks of the body."""
    meta = reading.meta
    blocks: list[Block] = []
    story_started = False
    related_left = 0  # headlines still expected under a related-links label
    last = len(items) - 1
    for i, unit in enumerate(items):
        text, kind = unit.text, unit.kind or unit.boilerplate
        if related_left and (
            kind in ("related", "caption") or (kind is None and _listed_headline(text))
        ):
            kind = "related"  # a headline listed under "Baca Juga"
            related_left -= 1
        else:
            related_left = 0
        if kind == "related" and _RELATED_LABEL.fullmatch(text.strip(" :!.-")):
            related_left = RELATED_LIST
        previous = blocks[-1][1] if blocks else None
        if (
            kind is None
            and i >= last - 1
            and previous == "paragraph"
            and _CAPS_NAME.fullmatch(text)
        ):
            kind = _trailing_name(text, meta)
        if kind is None and _one_word_heading(text, previous, items[i + 1 : i + 2]):
            kind = "heading"
        if kind == "credit":
            _read_credit(text, meta)
        elif kind is None and same_as_title(text, title):
            # Right under the headline a repeated title is a picture's alt
            # text; further down it is the heading of a section.
            kind = "heading" if story_started else "caption"
        elif kind is None and lead_at is not None and i < lead_at:
            kind = "summary"
        elif kind is None and is_heading(text):
            kind = "heading"
        elif kind is None:
            kind = "paragraph"
            cut = glued_heading(text)
            if cut is not None:
                head = text[:cut].rstrip()
                end = source_offset(unit, reading.source, len(head), to_text=False)
                blocks.append((head, kind, unit.start, end))
                unit = _cut(unit, cut, reading.source)
                text, kind = unit.text, "heading"
        if kind in ("paragraph", "heading", "item") or (lead_at is not None and i >= lead_at):
            story_started = True
        blocks.append((text, kind, unit.start, unit.raw_end))
    return blocks


def _listed_headline(text: str) -> bool:
    """A line that reads as a listed headline: short, and no sentence of prose."""
    core = text.rstrip()
    return (
        len(core) <= 120
        and len(core.split()) <= 16
        and core[:1] not in '"“'
        and (not core.endswith(".") or core.endswith("..."))
    )


def _one_word_heading(text: str, previous: str | None, following: list[Unit]) -> bool:
    """A single capitalised word between two paragraphs: a subheading (``Persaingan``)."""
    return (
        " " not in text
        and previous == "paragraph"
        and bool(following)
        and following[0].kind is None
        and not following[0].boilerplate
        and len(following[0].text) > 80
        and text.isalpha()
        and text[:1].isupper()
        and not text.isupper()
    )


def _trailing_name(text: str, meta: dict[str, str | None]) -> str:
    """The kind of a name in capitals ending the story: a source outlet or the writer."""
    if text.lower() in KNOWN_OUTLETS or "." in text:
        return "source"
    if len(text.split()) >= 2:
        meta.setdefault("byline", text)
    return "credit"


def _read_credit(text: str, meta: dict[str, str | None]) -> None:
    byline, editor = credited_people(text)
    for name, value in (("byline", byline), ("editor", editor)):
        if value:
            meta.setdefault(name, value)
    if outlet := credited_outlet(text):
        meta.setdefault("credit_outlet", outlet)


def _cut(unit: Unit, at: int, source: str) -> Unit:
    """The unit's text from ``at`` on, leading whitespace dropped, its span kept right."""
    rest = unit.text[at:]
    text = rest.lstrip()
    start = source_offset(unit, source, at + len(rest) - len(text))
    return Unit(text, start, unit.raw_end if unit.start is not None else None, unit.kind)


def _field(role: str, unit: Unit, length: int, source: str) -> FieldText:
    """The first ``length`` characters of ``unit`` as a field's text, with their source span."""
    text = unit.text[:length].rstrip()
    return FieldText(role, text, unit.start, source_offset(unit, source, len(text), to_text=False))

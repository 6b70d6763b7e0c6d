"""Raw scraped news text into an :class:`~store.news.article.Article`.

Scraped news comes as plain text with the page's furniture still in it: a
headline (or none), header lines, a lead that starts with the outlet and the
dateline, subheadings, related links, captions and credits. The parser reads
it in four passes over *units* (lines, or blank-line blocks of hard-wrapped
prose):

1. the title: the first line when it reads as a headline, else one derived
   from the first sentence (``title_derived``);
2. the header: date and outlet lines before the story (``Kompas dunia | 19
   Juli 2024, 14:11 WIB``), with any prose glued onto them split off;
3. the lead: the first paragraph's outlet and dateline prefix (``PYONGYANG,
   KOMPAS.TV -``, ``WASHINGTON (Reuters) -``, ``geosurvey.co.id -``), cut
   from the text; prose before the lead is the ``summary``;
4. the kinds of the other units: boilerplate (see :mod:`store.news.boilerplate`),
   headings, paragraphs, and headings glued onto a paragraph's end.

Every segment is a verbatim substring of the input, recorded with its offset
(``raw_start``), so that offsets can be mapped back to the file. Nothing is
dropped: a line ends up as the title, a header field or a segment.

Outlet rule: the outlet credited in the lead (``KOMPAS.TV`` in ``PYONGYANG,
KOMPAS.TV -``) wins over a site label in a header line (``Kompas`` in
``Kompas dunia |``), because the lead names the publication that carried the
story; the label, then a ``(outlet/Writer)`` credit, are fallbacks.
Dates in the story's own sentences (``pada Sabtu (30/11/2024)``) are event
dates, not publication dates: ``published`` comes from header lines only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from store.news.article import Article, build_body
from store.news.boilerplate import boilerplate_kind, credited_outlet, credited_people
from store.news.language import ENGLISH_STOPWORDS, INDONESIAN_STOPWORDS, guess_language
from store.news.leads import parse_header, split_lead

#: Derived titles are cut at a word boundary to about this many characters.
DERIVED_TITLE_CHARS = 80

_STOPWORDS = INDONESIAN_STOPWORDS | ENGLISH_STOPWORDS | {"a", "pun", "of", "ke"}
_CLOSERS = "\"'”’»)]"
_TERMINAL = ".!?…:;,"
# The end of a sentence followed by the start of another.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)]*\s+(?=[A-Z0-9\"“‘'(])")
_FIRST_SENTENCE = re.compile(r".+?[.!?…](?=[\"'”’»)]*(?:\s|$))", re.DOTALL)
_NUMBERED = re.compile(r"\d{1,2}[.)]\s+\S")
_QUOTES = "\"“‘'«"
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Unit:
    """A candidate segment: a line, or a block of hard-wrapped lines."""

    text: str
    start: int | None
    """Offset of ``text`` in the source text, ``None`` when it is not verbatim."""
    kind: str | None = None
    """A kind the reader already knows (a Markdown ``##`` heading)."""
    _boilerplate: str | bool | None = False
    """:func:`boilerplate_kind` of the text, once asked (``False`` before)."""

    @property
    def boilerplate(self) -> str | None:
        """The boilerplate kind of the text, or ``None`` for prose; looked up once."""
        if self._boilerplate is False:
            self._boilerplate = boilerplate_kind(self.text)
        return self._boilerplate  # type: ignore[return-value]


def parse_news_text(text: str, source: str = "", *, title: str | None = None) -> Article:
    """Parse raw news text; ``title`` given means the text is the body only."""
    return article_from_units(split_units(text), source=source, title=title)


def split_units(
    text: str, start: int = 0, standalone: Callable[[str], bool] | None = None
) -> list[Unit]:
    """Split ``text[start:]`` into units with their offsets.

    A file with blank lines is read block by block: a block of hard-wrapped
    lines is one unit, a block of whole-line paragraphs one unit per line.
    Boilerplate lines, and lines ``standalone`` picks, always stand alone.
    Without blank lines every line is a unit.
    """
    blocks: list[list[tuple[str, int]]] = [[]]
    pos = start
    for raw_line in text[start:].split("\n"):
        stripped = raw_line.strip()
        if stripped:
            blocks[-1].append((stripped, pos + raw_line.index(stripped[0])))
        elif blocks[-1]:
            blocks.append([])
        pos += len(raw_line) + 1
    blocks = [b for b in blocks if b]
    if len(blocks) <= 1:
        return [Unit(line, offset) for block in blocks for line, offset in block]
    units: list[Unit] = []
    for block in blocks:
        run: list[tuple[str, int]] = []
        for line, offset in block:
            kind = boilerplate_kind(line)
            if kind or (standalone is not None and standalone(line)):
                units += _run_units(text, run)
                units.append(Unit(line, offset, _boilerplate=kind))
                run = []
            else:
                run.append((line, offset))
        units += _run_units(text, run)
    return units


def _run_units(text: str, run: list[tuple[str, int]]) -> list[Unit]:
    """Units of consecutive prose lines: one if they wrap a paragraph, else one a line.

    Lines wrap when some of them stop mid-sentence. A heading can only be the
    first line, and must be shorter than the text that follows it.
    """
    if not run:
        return []
    first = run[0][0]
    lead = int(len(run) > 1 and _is_heading(first) and len(first) < 0.75 * len(run[1][0]))
    wrapped = any(not _ends_sentence(line) for line, _ in run[lead:-1])
    groups = [run[:lead]] if lead else []
    groups += [run[lead:]] if wrapped else [[line] for line in run[lead:]]
    # Lines reach a run only when they are not boilerplate.
    return [
        Unit(text[g[0][1] : g[-1][1] + len(g[-1][0])], g[0][1], _boilerplate=None) for g in groups
    ]


def article_from_units(
    units: Iterable[Unit], *, source: str = "", title: str | None = None
) -> Article:
    """Read title, header, lead and segment kinds from ``units`` into an Article."""
    items = list(units)
    meta: dict[str, str | None] = {}
    if title is None and len(items) > 1 and items[0].kind is None and _is_headline(items[0].text):
        title = items.pop(0).text
    items = _take_header(items, meta)
    lead_at = _take_lead(items, meta, title)
    blocks = _classify(items, title, lead_at, meta)
    derived = title is None
    if title is None:
        title = derive_title(blocks)
    body, segments = build_body(blocks)
    return Article(
        title=title,
        body=body,
        segments=segments,
        title_derived=derived,
        outlet=meta.get("outlet") or meta.get("header_outlet") or meta.get("credit_outlet"),
        section=meta.get("section"),
        published=meta.get("published"),
        dateline=meta.get("dateline"),
        byline=meta.get("byline"),
        editor=meta.get("editor"),
        language=guess_language(title + "\n" + body),
        source=source,
    )


def _take_header(items: list[Unit], meta: dict[str, str | None]) -> list[Unit]:
    """Read header lines before the story; split off prose glued onto one."""
    out = list(items)
    i = 0
    while i < len(out):
        unit = out[i]
        if unit.kind is not None or unit.boilerplate:
            i += 1
            continue
        header = parse_header(unit.text)
        if header is None:
            break
        meta.setdefault("published", header.published)
        if header.outlet:
            meta.setdefault("header_outlet", header.outlet)
        for name in ("section", "byline"):
            if getattr(header, name):
                meta.setdefault(name, getattr(header, name))
        if header.rest is None:
            del out[i]
            continue
        out[i] = _cut(unit, header.rest)
        break
    return out


def _take_lead(items: list[Unit], meta: dict[str, str | None], title: str | None) -> int | None:
    """Find the story's lead among its first units, cut its prefix, return its index."""
    prose_seen = 0
    for i, unit in enumerate(items[:8]):
        if unit.kind is not None or unit.boilerplate or _same(unit.text, title):
            continue
        lead = split_lead(unit.text)
        if lead is not None:
            items[i] = _cut(unit, lead.length)
            for name in ("outlet", "dateline", "published"):
                if getattr(lead, name):
                    meta.setdefault(name, getattr(lead, name))
            return i
        prose_seen += 1
        if prose_seen > 2:  # a standfirst is short; this is the story itself
            return None
    return None


def _classify(
    items: list[Unit], title: str | None, lead_at: int | None, meta: dict[str, str | None]
) -> list[tuple[str, str, int | None]]:
    """The ``(text, kind, raw_start)`` blocks of the body."""
    blocks: list[tuple[str, str, int | None]] = []
    story_started = False
    for i, unit in enumerate(items):
        text, kind = unit.text, unit.kind or unit.boilerplate
        if kind == "credit":
            byline, editor = credited_people(text)
            for name, value in (("byline", byline), ("editor", editor)):
                if value:
                    meta.setdefault(name, value)
            if outlet := credited_outlet(text):
                meta.setdefault("credit_outlet", outlet)
        elif kind is None and _same(text, title):
            # Right under the headline a repeated title is a picture's alt
            # text; further down it is the heading of a section.
            kind = "heading" if story_started else "caption"
        elif kind is None and lead_at is not None and i < lead_at:
            kind = "summary"
        elif kind is None and _is_heading(text):
            kind = "heading"
        elif kind is None:
            kind = "paragraph"
            cut = _glued_heading(text)
            if cut is not None:
                blocks.append((text[:cut].rstrip(), kind, unit.start))
                unit = _cut(unit, cut)
                text, kind = unit.text, "heading"
        if kind in ("paragraph", "heading") or (lead_at is not None and i >= lead_at):
            story_started = True
        blocks.append((text, kind, unit.start))
    return blocks


def _cut(unit: Unit, at: int) -> Unit:
    """The unit's text from ``at`` on, leading whitespace dropped, offset kept right."""
    rest = unit.text[at:]
    text = rest.lstrip()
    skipped = at + len(rest) - len(text)
    return Unit(text, None if unit.start is None else unit.start + skipped, unit.kind)


def _same(text: str, title: str | None) -> bool:
    """True when ``text`` repeats the title (case and spacing aside)."""
    if not title or not len(title) - 5 <= len(text) <= 2 * len(title):
        return False
    return _SPACE.sub(" ", text).casefold() == _SPACE.sub(" ", title).casefold()


def _ends_sentence(text: str) -> bool:
    """True when ``text`` ends with punctuation (closing quotes aside)."""
    core = text.rstrip().rstrip(_CLOSERS)
    return bool(core) and core[-1] in _TERMINAL


def _is_headline(text: str) -> bool:
    """True for a line that reads as a headline."""
    core = text.rstrip(_CLOSERS)
    return (
        "\n" not in text
        and len(text) <= 160
        and 2 <= len(text.split()) <= 25
        and (core.endswith(("...", "…")) or not core.endswith((".", ",", ";", ":")))
        and boilerplate_kind(text) is None
        and parse_header(text) is None
        and split_lead(text) is None
    )


def _is_heading(text: str) -> bool:
    """True for a short title-like line: a subheading, numbered or not."""
    if "\n" in text or len(text) > 100 or text[0] in _QUOTES:
        return False
    words = text.split()
    if _NUMBERED.match(text):  # "1. Terikat dalam Perjanjian ..."
        words = words[1:]
    elif not (text[0].isupper() or text[0].isdigit()):
        return False
    if not 2 <= len(words) <= 14 or _SENTENCE_BREAK.search(" ".join(words)):
        return False
    if _ends_sentence(text) and not (text.endswith("?") or text.endswith("!")):
        return False
    return words[-1].strip(_CLOSERS + "?!").lower() not in _STOPWORDS


def _glued_heading(text: str) -> int | None:
    """Where a heading glued onto a paragraph's last sentence starts, if one is.

    ``... kedua negara. Persahabatan antara Rusia dan Korea Utara``: the page's
    next subheading lost its line break. The tail must read as a heading of
    three words or more, and the paragraph must not end as a sentence.
    """
    if _ends_sentence(text) or "\n" in text:
        return None
    breaks = list(_SENTENCE_BREAK.finditer(text))
    if not breaks:
        return None
    last = breaks[-1]
    tail = text[last.end() :]
    if (
        len(text[: last.start()].split()) < 3
        or len(tail.split()) < 3
        or len(tail) > 80
        or not _is_heading(tail)
    ):
        return None
    return last.end()


def derive_title(blocks: list[tuple[str, str, int | None]]) -> str:
    """A title from the first sentence of the story, cut to about 80 characters."""
    prose = [t for t, kind, _ in blocks if kind in ("summary", "paragraph")]
    first = prose[0] if prose else (blocks[0][0] if blocks else "")
    first = _SPACE.sub(" ", first).strip()
    m = _FIRST_SENTENCE.match(first)
    sentence = (m.group(0) if m else first).rstrip(".").strip()
    if len(sentence) <= DERIVED_TITLE_CHARS:
        return sentence or "Untitled"
    words = sentence[: DERIVED_TITLE_CHARS + 1].split(" ")[:-1] or [sentence[:DERIVED_TITLE_CHARS]]
    # Prefer to stop before a function word ("... bertemu langsung | dengan
    # Presiden ..."): the phrase then reads as complete.
    for n in range(len(words) - 1, 0, -1):
        if words[n].lower() in _STOPWORDS and len(" ".join(words[:n])) >= 40:
            words = words[:n]
            break
    while len(words) > 1 and words[-1].lower() in _STOPWORDS:
        words.pop()
    return " ".join(words).rstrip(",;:–-— ") + "…"

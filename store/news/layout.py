"""Lines of a file into paragraphs, headings, list items and standalone lines.

Scrapers save a story's paragraphs in three ways, and one file holds one of
them: blank lines between paragraphs; one paragraph a line with no blank
lines; or paragraphs hard-wrapped at a fixed width (``lynx -dump``,
``textwrap``), with or without blank lines between them. :func:`split_units`
tells them apart per file and gives *units*: a paragraph (its wrapped lines
joined by single spaces, so no line break is left inside a sentence), a
heading, a list item, or a line that stands alone (boilerplate, and whatever
the caller's ``standalone`` picks, e.g. Markdown headings).

A file is read as hard-wrapped when line breaks fall mid-sentence, before a
lower-case word, often enough (see :func:`is_hard_wrapped`). Even in a file
of whole-line paragraphs, a line that stops mid-sentence and is followed by
one starting with a lower-case word is joined to it: that break is a
scraper's, not the writer's.

Every unit keeps the span of the source it was read from (``start``,
``end``); its text maps onto the source character for character when the
span is as long as the text (see :class:`store.news.article.Segment`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from itertools import pairwise

from store.news.boilerplate import boilerplate_kind
from store.news.dates import find_date

_CLOSERS = "\"'”’»)]"
_TERMINAL = ".!?…:;"
#: A list item's marker: a bullet, or a number or letter with ``.`` or ``)``.
_BULLET = re.compile(r"[-*•·▪●◦‣–+]\s+\S")
_NUMBERED = re.compile(r"(?:\d{1,2}|[a-z])[.)]\s+\S")
# A line that goes on into the next: it ends in a comma, a hyphen or a joining word.
_OPEN_END = re.compile(r"(?:[,(\-–]|\b(?:and|or|the|of|to|dan|atau|yang|di|ke|dari))$")
_LOWER_WORD = re.compile(r"[a-z\u00df-\u00ff][a-z\u00df-\u00ff'’-]*\b")

#: Share of line breaks that must fall mid-sentence for a file to be hard-wrapped.
WRAPPED_SHARE = 0.25
#: A line this much shorter than the wrap width ends its paragraph (when it ends a sentence).
SHORT_LINE = 0.8


@dataclass(slots=True)
class Unit:
    """A candidate segment: a line, a paragraph of joined lines, a heading or an item."""

    text: str
    start: int | None
    """Offset in the source where the unit's text starts; ``None`` when not the file's."""
    end: int | None = None
    """Offset one past the unit's source text; ``None`` means ``start + len(text)``."""
    kind: str | None = None
    """A kind already known: ``heading`` (Markdown ``##``), ``item`` (a list item)."""
    _boilerplate: str | bool | None = False
    """:func:`boilerplate_kind` of the text, once asked (``False`` before)."""

    @property
    def boilerplate(self) -> str | None:
        """The boilerplate kind of the text, or ``None`` for prose; looked up once."""
        if self._boilerplate is False:
            self._boilerplate = boilerplate_kind(self.text)
        return self._boilerplate  # type: ignore[return-value]

    @property
    def raw_end(self) -> int | None:
        """Offset one past the unit's source text, ``None`` when the source is not a file's."""
        if self.start is None:
            return None
        return self.end if self.end is not None else self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    """The line without its leading and trailing whitespace."""
    start: int
    indent: int
    """Columns of leading whitespace."""
    kind: str | None
    """Its boilerplate kind, or ``None`` for prose."""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def split_units(
    text: str,
    start: int = 0,
    standalone: Callable[[str], bool] | None = None,
    known_boilerplate: Collection[str] = (),
) -> list[Unit]:
    """Split ``text[start:]`` into units with their source spans.

    ``known_boilerplate`` holds lines (stripped) found to repeat across many
    articles of the outlet (see :mod:`store.news.repeated`); they stand alone
    and are marked ``repeated`` unless a phrase rule names them first.
    """
    blocks = _blocks(text, start, known_boilerplate)
    lines = [line for block in blocks for line in block]
    wrapped = is_hard_wrapped(blocks)
    width = _wrap_width(lines) if wrapped else 0
    units: list[Unit] = []
    first_line = lines[0] if lines else None
    for block in blocks:
        run: list[_Line] = []
        previous_item: Unit | None = None
        for i, line in enumerate(block):
            if wrapped and line.kind == "caption" and run and _wraps_into(run[-1], width):
                run.append(line)  # a caption's last line: the caption is the joined lines
                continue
            if line.kind or (standalone is not None and standalone(line.text)):
                units += _run_units(text, run, wrapped, width)
                units.append(Unit(line.text, line.start, _boilerplate=line.kind))
                run, previous_item = [], None
            elif line is first_line or is_date_line(line.text):
                # The headline and a date line are never part of a paragraph.
                units += _run_units(text, run, wrapped, width)
                run, previous_item = [line], None
                runs_on = line is first_line and i + 1 < len(block)
                if runs_on and _mid_sentence(line.text, block[i + 1].text):
                    continue  # a first line that runs on is the story's own
                units += _run_units(text, run, wrapped, width)
                run = []
            elif _is_item(block, i):
                units += _run_units(text, run, wrapped, width)
                previous_item = Unit(line.text, line.start, kind="item", _boilerplate=None)
                units.append(previous_item)
                run = []
            elif previous_item is not None and _continues(previous_item.text, line, wrapped):
                # A wrapped list item goes on under its marker.
                joined = _joined(text, previous_item.start or 0, line.end)
                previous_item.text, previous_item.end = joined, line.end
            else:
                run.append(line)
                previous_item = None
        units += _run_units(text, run, wrapped, width)
    return units


def source_offset(unit: Unit, source: str, at: int, *, to_text: bool = True) -> int | None:
    """Where offset ``at`` of ``unit.text`` falls in ``source``, the text it was read from.

    A paragraph of joined lines has one space where the source has a line
    break and its spaces; both hold the same other characters in the same
    order, which places any offset. With ``to_text`` the answer is the next
    character that is not a space (where text cut at ``at`` starts), else the
    place just after the last one before ``at`` (where text cut there ends).
    """
    if unit.start is None:
        return None
    end = unit.raw_end or unit.start
    if end - unit.start == len(unit.text) or not source:
        return unit.start + at
    wanted = sum(1 for c in unit.text[:at] if not c.isspace())
    pos = unit.start
    while wanted and pos < end:
        if not source[pos].isspace():
            wanted -= 1
        pos += 1
    while to_text and pos < end and source[pos].isspace():
        pos += 1
    return pos


def _blocks(text: str, start: int, known_boilerplate: Collection[str]) -> list[list[_Line]]:
    """The non-blank lines of ``text[start:]`` grouped by blank lines."""
    blocks: list[list[_Line]] = [[]]
    pos = start
    for raw_line in text[start:].split("\n"):
        stripped = raw_line.strip()
        if stripped:
            lead = len(raw_line) - len(raw_line.lstrip())
            kind = boilerplate_kind(stripped)
            if kind is None and stripped in known_boilerplate:
                kind = "repeated"
            blocks[-1].append(_Line(stripped, pos + lead, lead, kind))
        elif blocks[-1]:
            blocks.append([])
        pos += len(raw_line) + 1
    return [b for b in blocks if b]


def is_hard_wrapped(blocks: list[list[_Line]]) -> bool:
    """True when the file's lines break mid-sentence often: its text is hard-wrapped.

    Whole-line paragraphs end in punctuation; a break inside a sentence shows
    as a line that stops without it before a line starting with a lower-case
    word. A quarter of the breaks between prose lines, and at least two, must
    look so.
    """
    breaks = mid_sentence = 0
    for block in blocks:
        for line, following in pairwise(block):
            if line.kind or following.kind:
                continue
            breaks += 1
            if _mid_sentence(line.text, following.text):
                mid_sentence += 1
    return mid_sentence >= 2 and mid_sentence >= WRAPPED_SHARE * breaks


def _mid_sentence(line: str, following: str) -> bool:
    """True when ``line`` stops inside a sentence that ``following`` goes on with."""
    if ends_sentence(line):
        return False
    return _LOWER_WORD.match(following) is not None or _OPEN_END.search(line) is not None


def _wraps_into(line: _Line, width: int) -> bool:
    """True when ``line`` filled the width and stopped mid-sentence: the next line goes on."""
    return not ends_sentence(line.text) and line.indent + len(line.text) >= SHORT_LINE * width


def is_date_line(text: str) -> bool:
    """A line that is mostly a date: ``Saturday, January 5, 2019``, ``19 Juli 2024, 14:11 WIB``."""
    if len(text) > 60:
        return False
    found = find_date(text)
    return found is not None and found.end - found.start >= 0.6 * len(text)


def _wrap_width(lines: list[_Line]) -> int:
    """The width the file was wrapped at: the length most full lines reach."""
    lengths = sorted(line.indent + len(line.text) for line in lines)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _is_item(block: list[_Line], i: int) -> bool:
    """A list item: a bulleted line, or a numbered one next to another item."""
    text = block[i].text
    if _BULLET.match(text):
        return True
    if not _NUMBERED.match(text):
        return False
    neighbours = block[max(0, i - 1) : i] + block[i + 1 : i + 2]
    return any(_NUMBERED.match(n.text) or _BULLET.match(n.text) for n in neighbours)


def _continues(item: str, line: _Line, wrapped: bool) -> bool:
    """True when ``line`` is the rest of a list item that wrapped."""
    return line.indent > 0 or (wrapped and _mid_sentence(item, line.text))


def _run_units(text: str, run: list[_Line], wrapped: bool, width: int) -> list[Unit]:
    """The units of consecutive prose lines: paragraphs of joined lines, or one a line."""
    if not run:
        return []
    groups: list[list[_Line]] = []
    lead = 0
    if (
        len(run) > 1
        and is_heading(run[0].text)
        and len(run[0].text) < 0.75 * len(run[1].text)
        and not _mid_sentence(run[0].text, run[1].text)
    ):
        groups.append(run[:1])  # a subheading over its paragraph, in one block
        lead = 1
    for line in run[lead:]:
        if groups and len(groups) > lead and _same_paragraph(groups[-1][-1], line, wrapped, width):
            groups[-1].append(line)
        else:
            groups.append([line])
    units = []
    for group in groups:
        first, last = group[0], group[-1]
        if len(group) == 1:  # its line was found no boilerplate already
            units.append(Unit(first.text, first.start, last.end, _boilerplate=None))
        else:  # a caption wrapped over two lines reads as one only when joined
            units.append(Unit(_joined(text, first.start, last.end), first.start, last.end))
    return units


def _same_paragraph(line: _Line, following: _Line, wrapped: bool, width: int) -> bool:
    """True when ``following`` goes on with the paragraph ``line`` is part of."""
    if _mid_sentence(line.text, following.text):
        return True
    if not wrapped:
        return False
    if following.indent > line.indent:  # a first-line indent starts a paragraph
        return False
    short = len(following.text) < 0.6 * width
    if short and is_heading(following.text) and ends_sentence(line.text):
        return False
    full = line.indent + len(line.text) >= SHORT_LINE * width
    return full or not ends_sentence(line.text)


def _joined(text: str, start: int, end: int) -> str:
    """The source between ``start`` and ``end`` with each line break (and its spaces) one space.

    A break right after a hyphen inside a word (``Rusia-\\nKorea``) joins without a space.
    """
    pieces = text[start:end].split("\n")
    out = pieces[0].rstrip()
    for piece in pieces[1:]:
        piece = piece.strip()
        if not piece:
            continue
        out += (
            piece
            if out.endswith("-") and out[-2:-1].isalpha() and piece[:1].isalpha()
            else " " + piece
        )
    return out


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with punctuation (closing quotes aside)."""
    core = text.rstrip().rstrip(_CLOSERS)
    return bool(core) and core[-1] in _TERMINAL


_QUOTES = "\"“‘'«"
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)]*\s+(?=[A-Z0-9\"“‘'(])")
_HEADING_NUMBER = re.compile(r"\d{1,2}[.)]\s+\S")
#: Words a heading does not end with (``... dan``), Indonesian and English.
_HEADING_STOPWORDS = (
    "yang dan di dengan untuk ini itu tidak dari dalam ke akan pada juga ada adalah "
    "karena oleh atau sudah telah bahwa kata para antara setelah saat sebagai namun "
    "jika secara serta bagi the and of to in is that for on with as by at from are "
    "were be has have had not an a or but its pun ke "
)
HEADING_STOPWORDS = frozenset(_HEADING_STOPWORDS.split())


def is_heading(text: str) -> bool:
    """True for a short title-like line: a subheading, numbered or not."""
    if "\n" in text or len(text) > 100 or text[0] in _QUOTES or text.endswith(","):
        return False
    words = text.split()
    if _HEADING_NUMBER.match(text):  # "1. Terikat dalam Perjanjian ..."
        words = words[1:]
    elif not (text[0].isupper() or text[0].isdigit()):
        return False
    if not 2 <= len(words) <= 14 or _SENTENCE_BREAK.search(" ".join(words)):
        return False
    if ends_sentence(text) and not (text.endswith("?") or text.endswith("!")):
        return False
    return words[-1].strip(_CLOSERS + "?!").lower() not in HEADING_STOPWORDS

"""Markdown articles: front matter, ``# Title``, ``##`` headings, paragraphs and lists.

An optional front matter block (``---`` lines around ``key: value`` lines, keys
as :data:`store.news.fields.FIELD_NAMES` names them); the first ``# `` heading
is the title (and when the front matter has a title already, a ``#`` heading
repeating it is not shown again in the body); ``##`` headings are heading
segments; paragraphs and list items as :mod:`store.news.layout` reads them.
Inline emphasis (``*x*``, ``**x**``, ``_x_``), code and links (``[text](url)``
-> ``text``) are reduced to their text; a segment whose text changed so has
``raw_start`` ``None``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from store.files import untrusted_json
from store.news.article import Article, FieldText
from store.news.fields import apply_fields, json_fields
from store.news.layout import Unit, split_units
from store.news.newsparse import article_from_units
from store.news.outlethints import OutletHints

_FRONT_MATTER = re.compile(r"---[ \t]*\n(?P<body>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)", re.DOTALL)
_MD_HEADING_MARKS = re.compile(r"#{1,6}[ \t]+")
# Linear time whatever the text: no part of a pattern can run past the delimiter it
# waits for (a link's text stops at the next bracket, emphasis at the next star), so a
# failed match costs the distance to that delimiter, not the rest of the line. (With
# ``.+?`` there, 100 KB of ``[`` took 41 seconds.)
_MD_INLINE = (
    # [text](url), ![alt](src); one level of parentheses in the address (Wikipedia's)
    (re.compile(r"!?\[([^\[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"\*\*(?=\S)((?:[^*\n]|\*(?!\*))+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"__(?=\S)((?:[^_\n]|_(?!_))+?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])"), r"\1"),
    (re.compile(r"(?<![_\w])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![_\w])"), r"\1"),
)


def read_markdown(text: str, source: str, hints: OutletHints | None = None) -> Article:
    """An article from Markdown, with optional front matter."""
    fields: dict[str, str] = {}
    start = 0
    m = _FRONT_MATTER.match(text)
    if m:
        start = m.end()
        for line in (m.group("body") or "").splitlines():
            key, sep, value = line.partition(":")
            if sep and value.strip():
                fields[key.strip().lower()] = _unquoted(value.strip())
        fields = json_fields(fields)
    title = fields.pop("title", None)
    taken: list[FieldText] = []
    if m:
        taken.append(FieldText("header", m.group(0).rstrip("\n"), 0))
    hints = hints or OutletHints()
    units: list[Unit] = []
    for unit in split_units(text, start, _is_md_heading, hints.boilerplate):
        kind = unit.kind
        heading = md_heading(unit.text)
        if heading and not heading.text:
            continue  # an empty "##" line: nothing to show
        if heading:
            offset = None if unit.start is None else unit.start + heading.start
            if heading.level == 1 and (title is None or _same_title(heading.text, title)):
                # The headline, or the front matter's title again: the title's, not the body's.
                title = title or strip_inline(heading.text)
                taken.append(FieldText("title", unit.text, unit.start))
                continue
            unit, kind = Unit(heading.text, offset), "heading"
        plain = strip_inline(unit.text)
        same = plain == unit.text
        units.append(Unit(plain, unit.start if same else None, unit.end if same else None, kind))
    fields.pop("body", None)
    article = article_from_units(
        units,
        source=source,
        title=title,
        text=text,
        url=fields.get("url"),
        date_order=hints.date_order,
    )
    article.field_texts = tuple(taken) + article.field_texts
    return apply_fields(article, fields, date_order=hints.date_order)


class Heading(NamedTuple):
    """A ``#`` heading line read."""

    level: int
    """How many ``#`` (1 to 6)."""
    text: str
    """Its text, without the marks, the spaces around it and a closing run of ``#``."""
    start: int
    """Where ``text`` starts in the line."""


def md_heading(line: str) -> Heading | None:
    """The heading ``line`` is (``## text ##``), or ``None``; linear in the line's length.

    (As one regular expression, ``#{1,6}[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*``, a
    heading followed by 100,000 spaces and a letter took half a minute.)
    """
    marks = _MD_HEADING_MARKS.match(line)
    if marks is None or "\n" in line:
        return None
    text = line[marks.end() :].rstrip(" \t")
    bare = text.rstrip("#")
    if len(bare) < len(text) and bare[-1:] in (" ", "\t"):
        text = bare.rstrip(" \t")  # a closing run of marks: ``## Title ##``
    return Heading(len(marks.group().rstrip(" \t")), text, marks.end())


def _is_md_heading(line: str) -> bool:
    """A ``#`` heading line: it stands alone, never part of a paragraph."""
    return md_heading(line) is not None


def _unquoted(value: str) -> str:
    """A front matter value without the quotes around it (``"a 'b'"`` -> ``a 'b'``)."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        if value[0] == '"':
            try:
                unquoted = untrusted_json.loads(value)[0]
            except ValueError:
                return inner
            return unquoted if isinstance(unquoted, str) else inner
        return inner
    return value


def _same_title(heading: str, title: str) -> bool:
    """True when a ``#`` heading repeats the front matter's title (markup and case aside)."""
    return strip_inline(heading).casefold().split() == title.casefold().split()


def strip_inline(text: str) -> str:
    """Markdown inline markup reduced to its text: ``**a** [b](c)`` -> ``a b``."""
    if not any(c in text for c in "*_[`"):
        return text
    for pattern, replacement in _MD_INLINE:
        text = pattern.sub(replacement, text)
    return text

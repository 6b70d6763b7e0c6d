"""The article: what sorot reads, as parsed from a scraped file.

An article's ``body`` is the text exactly as sorot shows it: its segments
(paragraphs, headings, list items and marked boilerplate) joined by blank
lines. Every offset elsewhere in sorot (cursor, entities, annotations) counts
characters into this body, and ``sha256`` of the body names the text version
those offsets were made on.

Nothing of the source is lost: every character is in a segment or in a
:class:`FieldText`, the source text read into a field (the title line, a
header line, a lead's outlet and dateline).

The ``id`` names the article whatever file it came from: the slug of its title
and a hash of :func:`normalised_text`, so the same story read from a ``.txt``,
a ``.md`` and a ``.json`` file gets one id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from slugify import slugify

#: Segment kinds that are kept in the body but are not the article's own prose:
#: related links, captions, credits, sources, page furniture (``promo``: ads,
#: ``SCROLL TO CONTINUE``, share and subscribe prompts) and lines that repeat
#: across many articles of one outlet (``repeated``).
BOILERPLATE_KINDS = frozenset({"related", "caption", "credit", "source", "promo", "repeated"})

#: Every segment kind the parsers produce (``item``: one item of a list).
SEGMENT_KINDS = frozenset({"paragraph", "heading", "summary", "item"}) | BOILERPLATE_KINDS

#: What ``published_status`` says of ``published``.
STATED = "stated"
"""The source states the date: ``published`` is ISO 8601."""
ESTIMATED = "estimated"
"""No stated date; ``published`` is ISO 8601 estimated from the text (``Jumat (29/11)``)."""
AMBIGUOUS = "ambiguous"
"""The source states a date that reads two ways (``9/10/2025``) or not at all:
``published`` is its text as given."""

#: What joins two segments in the body.
SEGMENT_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Segment:
    """One block of the body: a paragraph, a heading, or marked boilerplate."""

    start: int
    """Offset of the first character in the body."""
    end: int
    """Offset one past the last character in the body."""
    kind: str
    """One of ``SEGMENT_KINDS``."""
    raw_start: int | None = None
    """Offset in the source text where the segment was read from (``None`` when
    its text was changed, e.g. Markdown markup removed, or is not the file's,
    e.g. a JSON string). From there the text maps onto the source character
    for character when ``raw_end - raw_start == end - start``: it is the
    source's, the line breaks inside a paragraph read as spaces."""
    raw_end: int | None = None
    """Offset one past the source text the segment was read from; it differs
    from ``raw_start + (end - start)`` when the spaces around a joined line
    break were made one."""

    @property
    def boilerplate(self) -> bool:
        """True for related links, captions, credits, sources, furniture and repeated lines."""
        return self.kind in BOILERPLATE_KINDS


@dataclass(frozen=True, slots=True)
class FieldText:
    """Source text read into the article's fields rather than shown in its body."""

    role: str
    """What it was read as: ``title`` (the headline line, with an outlet's name
    after it), ``header`` (a line of date, outlet, section or byline; Markdown
    front matter), ``lead`` (a lead's outlet and dateline prefix, ``JAKARTA,
    KOMPAS.com -``), ``published`` (a date field as the source gives it)."""
    text: str
    """The text as it stands in the source."""
    raw_start: int | None = None
    """Its offset in the source text (``None`` when the source is not a file's text)."""
    raw_end: int | None = None
    """Offset one past it in the source, when that is not ``raw_start + len(text)``
    (a headline that ran on over two lines, joined with a space)."""

    @property
    def source_end(self) -> int | None:
        """Offset one past the source text it was read from (``None`` when not a file's)."""
        if self.raw_start is None:
            return None
        return self.raw_end if self.raw_end is not None else self.raw_start + len(self.text)


@dataclass
class Article:
    """A news article with its metadata and its body split into segments."""

    title: str
    """The headline; derived from the first sentence when the text had none."""
    body: str
    """The text as shown: segments joined by ``SEGMENT_SEPARATOR``."""
    segments: tuple[Segment, ...]
    """The body's blocks in order; they tile the body between separators."""
    title_derived: bool = False
    """True when the source gave no title and sorot made one up."""
    outlet: str | None = None
    """The publication (``Kompas``, ``geosurvey.co.id``), when named."""
    section: str | None = None
    """The outlet's section (``dunia``), when named."""
    published: str | None = None
    """The publication date: ISO 8601 when stated or estimated, the source's text
    when ambiguous (``published_status`` says which); ``None`` when unknown."""
    published_status: str | None = None
    """``STATED``, ``ESTIMATED`` or ``AMBIGUOUS``; ``None`` when there is no date."""
    dateline: str | None = None
    """The place the story was filed from (``PYONGYANG``)."""
    byline: str | None = None
    """The writer(s) as given."""
    editor: str | None = None
    """The editor, when the text names one."""
    language: str = "id"
    """ISO 639-1 code guessed from the text (``id`` or ``en``)."""
    url: str | None = None
    """The article's address, when the source gave one."""
    source: str = ""
    """Where the article was read from: a path, with ``#N`` for line N of a
    JSON Lines file."""
    external_id: str | None = None
    """An id the source itself gave the article (JSON inputs)."""
    field_texts: tuple[FieldText, ...] = ()
    """The source text read into fields (title line, header lines, lead prefix)."""
    _id: str | None = field(default=None, repr=False)

    @cached_property
    def sha256(self) -> str:
        """Hex SHA-256 of the UTF-8 body: the text version offsets refer to."""
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()

    @property
    def id(self) -> str:
        """Stable id: slug of the title plus a short hash of the normalised body."""
        if self._id is None:
            slug = slugify(self.title[:1000], max_length=60, word_boundary=True) or "article"
            digest = hashlib.sha256()
            for piece in normalised_pieces(self.body):
                digest.update(piece.encode("utf-8"))
            self._id = f"{slug}-{digest.hexdigest()[:8]}"
        return self._id

    @property
    def paragraphs(self) -> list[str]:
        """Texts of the segments that are the article's own prose."""
        return [self.body[s.start : s.end] for s in self.segments if not s.boilerplate]

    @cached_property
    def word_count(self) -> int:
        """Words of the article's own prose (boilerplate not counted)."""
        return sum(len(piece.split()) for p in self.paragraphs for piece in pieces(p))

    def segment_at(self, offset: int) -> Segment | None:
        """The segment holding ``offset``, or ``None`` between segments."""
        lo, hi = 0, len(self.segments)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.segments[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.segments) and self.segments[lo].start <= offset:
            return self.segments[lo]
        return None


# Characters that differ between copies of one story from different scrapers
# without changing a word: typographic quotes and dashes, invisible ones.
_SAME_CHARACTER = str.maketrans(
    {
        **dict.fromkeys("“”„‟«»″", '"'),
        **dict.fromkeys("‘’‚‛′`", "'"),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
    }
)
_SAME_PAIRS = tuple((chr(code), same or "") for code, same in _SAME_CHARACTER.items())
"""The same table as pairs: a ``replace`` per character present is ten times quicker than
``translate`` over a text that is not ASCII (most news, with its typographic quotes)."""
_WHITESPACE = re.compile(r"\s+")


def normalised_text(text: str) -> str:
    """``text`` as the article id hashes it, the same for any copy of one story.

    Unicode NFKC (``\u00a0`` is a space, ``ﬁ`` is ``fi``), typographic quotes and
    dashes as ASCII ones, soft hyphens and zero-width characters dropped, and
    every run of whitespace (line breaks, blank lines between paragraphs) one
    space. Case, words and punctuation are kept. This rule is part of every
    article's id: changing it renames every article, so it does not change.
    """
    # split() cuts at the runs of exactly what ``\s`` matches, and drops them at the ends.
    return " ".join(_same_characters(text).split())


def _same_characters(text: str) -> str:
    """``text`` in NFKC, with the characters of ``_SAME_CHARACTER`` replaced."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        for character, same in _SAME_PAIRS:
            if character in text:
                text = text.replace(character, same)
    return text


PIECE = 1 << 20
"""Characters a long text is worked on at a time (see :func:`pieces`)."""


def pieces(text: str, size: int = PIECE) -> Iterator[str]:
    """``text`` in consecutive pieces of about ``size`` characters, cut after whitespace.

    A 19 MB one-line article split into words at once is four million strings
    (~300 MB); a piece at a time costs ``size``. A cut falls just after a line
    break, else after a space, so no word, whitespace-free run or Unicode
    composition is cut in two.
    """
    start, length = 0, len(text)
    while length - start > size:
        end = start + size
        cut = text.rfind("\n", start, end) + 1 or text.rfind(" ", start, end) + 1
        if cut <= start:  # no break within size: cut at the next one
            cut = min(
                (i for i in (text.find("\n", end), text.find(" ", end)) if i >= 0), default=-1
            )
            if cut < 0:
                break
            cut += 1
        yield text[start:cut]
        start = cut
    yield text[start:]


def normalised_pieces(text: str, size: int = PIECE) -> Iterator[str]:
    """:func:`normalised_text` of ``text`` in pieces, for a text too long to copy whole.

    ``"".join(normalised_pieces(text)) == normalised_text(text)``; the pieces are
    normalised one by one, and a run of whitespace across a cut stays one space.
    """
    if len(text) <= size:
        yield normalised_text(text)
        return
    started = space = False
    for piece in pieces(text, size):
        shown = _WHITESPACE.sub(" ", _same_characters(piece))
        core = shown.strip()
        if core:
            if started and (space or shown[0] == " "):
                yield " "
            yield core
            started = True
            space = shown[-1] == " "
        elif shown:
            space = True


Block = tuple[str, str, int | None, int | None]
"""A body block before joining: ``(text, kind, raw_start, raw_end)``."""


def build_body(
    blocks: list[Block] | list[tuple[str, str, int | None]],
) -> tuple[str, tuple[Segment, ...]]:
    """Join ``(text, kind, raw_start[, raw_end])`` blocks into a body and its segments."""
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for text, kind, raw_start, *rest in blocks:
        raw_end = rest[0] if rest else None
        if not text:
            continue
        if parts:
            parts.append(SEGMENT_SEPARATOR)
            pos += len(SEGMENT_SEPARATOR)
        parts.append(text)
        segments.append(Segment(pos, pos + len(text), kind, raw_start, raw_end))
        pos += len(text)
    return "".join(parts), tuple(segments)


def article_to_dict(article: Article, *, with_body: bool = True) -> dict[str, object]:
    """Every parsed field of ``article`` as JSON-ready data.

    With ``with_body`` the body and its segments (offsets, kind, text) are
    included, and the source text read into fields (``field_texts``); without
    it, just the metadata.
    """
    data: dict[str, object] = {
        "id": article.id,
        "title": article.title,
        "title_derived": article.title_derived,
        "outlet": article.outlet,
        "section": article.section,
        "published": article.published,
        "published_status": article.published_status,
        "dateline": article.dateline,
        "byline": article.byline,
        "editor": article.editor,
        "language": article.language,
        "url": article.url,
        "source": article.source,
        "external_id": article.external_id,
        "words": article.word_count,
        "sha256": article.sha256,
    }
    if with_body:
        data["field_texts"] = [
            {"role": f.role, "text": f.text, "raw_start": f.raw_start} for f in article.field_texts
        ]
        data["body"] = article.body
        data["segments"] = [
            {
                "start": s.start,
                "end": s.end,
                "kind": s.kind,
                "boilerplate": s.boilerplate,
                "raw_start": s.raw_start,
                "text": article.body[s.start : s.end],
            }
            for s in article.segments
        ]
    return data


def unaccounted(article: Article, source: str) -> list[str]:
    """The pieces of ``source`` that are in no segment and no field text of ``article``.

    ``source`` is the text the article was parsed from; every piece of it should
    be accounted for, so the answer is ``[]`` unless text was lost. Whitespace
    between pieces does not count; pieces read from elsewhere than the file
    (``raw_start`` ``None``) cannot be placed and make the answer meaningless.
    """
    covered = bytearray(len(source))
    spans = [(s.raw_start, s.raw_end) for s in article.segments]
    spans += [(f.raw_start, f.source_end) for f in article.field_texts]
    for start, end in spans:
        if start is not None and end is not None:
            covered[start:end] = b"\x01" * (end - start)
    rest = "".join("\n" if covered[i] else ch for i, ch in enumerate(source))
    return [piece.strip() for piece in rest.split("\n") if piece.strip()]

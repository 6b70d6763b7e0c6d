"""The article: what sorot reads, as parsed from a scraped file.

An article's ``body`` is the text exactly as sorot shows it: its segments
(paragraphs, headings and marked boilerplate) joined by blank lines. Every
offset elsewhere in sorot (cursor, entities, annotations) counts characters
into this body, and ``sha256`` of the body names the text version those
offsets were made on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from slugify import slugify

#: Segment kinds that are kept in the body but are not the article's own prose.
BOILERPLATE_KINDS = frozenset({"related", "caption", "credit", "source"})

#: Every segment kind the parsers produce.
SEGMENT_KINDS = frozenset({"paragraph", "heading", "summary"}) | BOILERPLATE_KINDS

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
    """Offset of the same text in the source file's decoded text, when the
    segment is a verbatim substring of it (``None`` when the text was changed,
    e.g. Markdown markup removed)."""

    @property
    def boilerplate(self) -> bool:
        """True for related links, captions, credits and source lines."""
        return self.kind in BOILERPLATE_KINDS


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
    """ISO 8601 date or datetime when it could be parsed, else the raw string."""
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
    _id: str | None = field(default=None, repr=False)

    @cached_property
    def sha256(self) -> str:
        """Hex SHA-256 of the UTF-8 body: the text version offsets refer to."""
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()

    @property
    def id(self) -> str:
        """Stable id: slug of the title plus a short hash of the body."""
        if self._id is None:
            slug = slugify(self.title, max_length=60, word_boundary=True) or "article"
            self._id = f"{slug}-{self.sha256[:8]}"
        return self._id

    @property
    def paragraphs(self) -> list[str]:
        """Texts of the segments that are the article's own prose."""
        return [self.body[s.start : s.end] for s in self.segments if not s.boilerplate]

    @cached_property
    def word_count(self) -> int:
        """Words of the article's own prose (boilerplate not counted)."""
        return sum(len(p.split()) for p in self.paragraphs)

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


def build_body(blocks: list[tuple[str, str, int | None]]) -> tuple[str, tuple[Segment, ...]]:
    """Join ``(text, kind, raw_start)`` blocks into a body and its segments."""
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for text, kind, raw_start in blocks:
        if not text:
            continue
        if parts:
            parts.append(SEGMENT_SEPARATOR)
            pos += len(SEGMENT_SEPARATOR)
        parts.append(text)
        segments.append(Segment(pos, pos + len(text), kind, raw_start))
        pos += len(text)
    return "".join(parts), tuple(segments)


def article_to_dict(article: Article, *, with_body: bool = True) -> dict[str, object]:
    """Every parsed field of ``article`` as JSON-ready data.

    With ``with_body`` the body and its segments (offsets, kind, text) are
    included; without it, just the metadata.
    """
    data: dict[str, object] = {
        "id": article.id,
        "title": article.title,
        "title_derived": article.title_derived,
        "outlet": article.outlet,
        "section": article.section,
        "published": article.published,
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

"""Laying an article out in screen lines: header, body segments, gaps.

Pure layout, no widget: given an article and a width it returns the lines the
article view draws, each knowing which body offsets it shows, so the view can
map the cursor to a line and a click to an offset without rendering.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from rich.text import Text

from store.news.article import Article
from store.news.safetext import printable
from tui.wrap import wrap_offsets

MAX_TEXT_WIDTH = 88
"""Longest line of body text in cells: comfortable reading on wide terminals."""

KIND_CLASS = {
    "paragraph": "article-view--paragraph",
    "summary": "article-view--summary",
    "heading": "article-view--heading",
    "related": "article-view--boilerplate",
    "caption": "article-view--boilerplate",
    "credit": "article-view--boilerplate",
    "source": "article-view--boilerplate",
    "promo": "article-view--boilerplate",
    "repeated": "article-view--boilerplate",
    "item": "article-view--paragraph",
}
"""The component class each segment kind is drawn with."""


class ScreenLine(NamedTuple):
    """One line of the view: a slice of the body, or a header or gap line.

    A named tuple, made in C: a long article lays out hundreds on opening.
    """

    start: int
    """First body offset shown, or -1 for a header line."""
    end: int
    style_class: str
    header: Text | None = None
    """The text of a header line (title, metadata, rule)."""

    @property
    def has_text(self) -> bool:
        """True for a line showing body characters."""
        return 0 <= self.start < self.end


@dataclass(frozen=True, slots=True)
class Layout:
    """An article wrapped for one width."""

    lines: list[ScreenLine]
    header_count: int
    """Lines before the body (title, metadata, rule)."""
    margin: int
    """Cells left of the text: the column is centred on wide terminals."""
    width: int


def shown_date(published: str | None, status: str | None = None) -> str | None:
    """``2024-07-19T14:11:00+07:00`` as ``19 Jul 2024, 14:11 +07:00``.

    An estimated date reads ``~30 Nov 2024 (estimated)``; a date that reads two
    ways is shown as the source wrote it, ``9/10/2025 (ambiguous)``.
    """
    if not published:
        return None
    if status == "ambiguous":
        return f"{published} (ambiguous)"
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return published
    if status == "estimated":
        return f"~{moment.day} {moment:%b %Y} (estimated)"
    shown = f"{moment.day} {moment:%b %Y}"
    if "T" in published:
        shown += f", {moment:%H:%M}"
        if moment.tzinfo is not None:
            offset = moment.strftime("%z")
            shown += f" {offset[:3]}:{offset[3:]}"
    return shown


def header_rows(article: Article) -> list[tuple[str, str]]:
    """The header's rows as (text, component class)."""
    meta = " · ".join(
        part
        for part in (
            article.outlet,
            article.section,
            shown_date(article.published, article.published_status),
            article.dateline,
            f"by {article.byline}" if article.byline else None,
        )
        if part
    )
    rows = [(article.title, "article-view--title")]
    if article.title_derived:
        rows.append(
            (
                "(no headline in the source; this one is taken from the text)",
                "article-view--notice",
            )
        )
    if meta:
        rows.append((meta, "article-view--meta"))
    return rows


def layout_article(article: Article, shown: str, width: int) -> Layout:
    """Wrap ``article`` (whose printable body is ``shown``) for ``width`` cells."""
    text_width = max(10, min(width - 2, MAX_TEXT_WIDTH))
    margin = max(1, (width - text_width) // 2)
    lines: list[ScreenLine] = []
    for content, style_class in header_rows(article):
        safe = printable(content)
        for start, end in wrap_offsets(safe, text_width):
            lines.append(ScreenLine(-1, -1, style_class, Text(safe[start:end].rstrip())))
    lines.append(ScreenLine(-1, -1, "article-view--meta", Text("─" * text_width)))
    header_count = len(lines)
    for index, segment in enumerate(article.segments):
        if index:
            # The gap sits inside the "\n\n" separator, where no cursor can be.
            lines.append(ScreenLine(segment.start - 1, segment.start - 1, ""))
        style_class = KIND_CLASS.get(segment.kind, "article-view--paragraph")
        for start, end in wrap_offsets(shown[segment.start : segment.end], text_width):
            lines.append(ScreenLine(segment.start + start, segment.start + end, style_class))
    if not article.segments:
        lines.append(
            ScreenLine(-1, -1, "article-view--notice", Text("(this article has no body text)"))
        )
    return Layout(lines, header_count, margin, width)

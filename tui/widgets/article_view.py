"""The article view: the body of one article with a cursor, drawn line by line.

A Line-API ``ScrollView`` in the manner of toolong's ``LogLines``: the text is
wrapped once per width into screen lines that know their character offsets,
only visible lines are rendered, rendered lines are cached, and a cursor move
refreshes just the line it left and the line it entered. Over SSH that is a
few hundred bytes a keystroke instead of a repaint of the whole screen.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime

from rich.segment import Segment as RichSegment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store.article import Article
from store.safetext import printable
from store.textunits import TextUnits
from tui.wrap import column_to_offset, offset_to_column, wrap_offsets

MAX_TEXT_WIDTH = 88
"""Longest line of body text in cells: comfortable reading on wide terminals."""

_KIND_CLASS = {
    "paragraph": "article-view--paragraph",
    "summary": "article-view--summary",
    "heading": "article-view--heading",
    "related": "article-view--boilerplate",
    "caption": "article-view--boilerplate",
    "credit": "article-view--boilerplate",
    "source": "article-view--boilerplate",
}


def shown_date(published: str | None) -> str | None:
    """``2024-07-19T14:11:00+07:00`` as ``19 Jul 2024, 14:11 +07:00``; other text as it is."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return published
    shown = f"{moment.day} {moment:%b %Y}"
    if "T" in published:
        shown += f", {moment:%H:%M}"
        if moment.tzinfo is not None:
            offset = moment.strftime("%z")
            shown += f" {offset[:3]}:{offset[3:]}"
    return shown


@dataclass(frozen=True, slots=True)
class ScreenLine:
    """One line of the view: a slice of the body, or a header/gap line."""

    start: int
    end: int
    style_class: str
    header: Text | None = None


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows an article's header and body; owns the reading cursor."""

    BINDINGS = [
        Binding("left,h", "move('char', -1)", "Left", show=False, id="reader.char-left"),
        Binding("right,l", "move('char', 1)", "Right", show=False, id="reader.char-right"),
        Binding(
            "w,ctrl+right", "move('word', 1)", "Word", id="reader.word-next", key_display="w/b"
        ),
        Binding("b,ctrl+left", "move('word', -1)", "Word back", show=False, id="reader.word-prev"),
        Binding("e", "move('word_end', 1)", "Word end", show=False, id="reader.word-end"),
        Binding(
            "right_parenthesis",
            "move('sentence', 1)",
            "Sentence",
            id="reader.sentence-next",
            key_display="( )",
        ),
        Binding(
            "left_parenthesis",
            "move('sentence', -1)",
            "Sentence back",
            show=False,
            id="reader.sentence-prev",
        ),
        Binding(
            "right_curly_bracket",
            "move('paragraph', 1)",
            "Paragraph",
            id="reader.paragraph-next",
            key_display="{ }",
        ),
        Binding(
            "left_curly_bracket",
            "move('paragraph', -1)",
            "Paragraph back",
            show=False,
            id="reader.paragraph-prev",
        ),
        Binding("down,j", "move_line(1)", "Down", show=False, id="reader.line-down"),
        Binding("up,k", "move_line(-1)", "Up", show=False, id="reader.line-up"),
        Binding("pagedown,space,ctrl+f", "page(1)", "Page down", show=False, id="reader.page-down"),
        Binding("pageup,ctrl+b", "page(-1)", "Page up", show=False, id="reader.page-up"),
        Binding("ctrl+d", "half_page(1)", "Half page down", show=False, id="reader.half-page-down"),
        Binding("ctrl+u", "half_page(-1)", "Half page up", show=False, id="reader.half-page-up"),
        Binding("home,g", "edge(-1)", "Top", show=False, id="reader.top"),
        Binding("end,G", "edge(1)", "Bottom", show=False, id="reader.bottom"),
        Binding("0", "line_edge(-1)", "Line start", show=False, id="reader.line-start"),
        Binding("dollar_sign", "line_edge(1)", "Line end", show=False, id="reader.line-end"),
    ]

    COMPONENT_CLASSES = {
        "article-view--title",
        "article-view--meta",
        "article-view--notice",
        "article-view--paragraph",
        "article-view--summary",
        "article-view--heading",
        "article-view--boilerplate",
        "article-view--cursor",
        "article-view--match",
        "article-view--match-current",
    }

    DEFAULT_CSS = """
    ArticleView {
        background: $surface;
        color: $foreground;
        scrollbar-gutter: stable;
        overflow-y: auto;
        overflow-x: hidden;
    }
    ArticleView > .article-view--title { text-style: bold; color: $accent; }
    ArticleView > .article-view--meta { color: $text-muted; }
    ArticleView > .article-view--notice { color: $text-warning; text-style: italic; }
    ArticleView > .article-view--paragraph { }
    ArticleView > .article-view--summary { text-style: italic; }
    ArticleView > .article-view--heading { text-style: bold; color: $text-primary; }
    ArticleView > .article-view--boilerplate { color: $text-disabled; text-style: italic; }
    ArticleView > .article-view--cursor { background: $block-cursor-background;
                                          color: $block-cursor-foreground; }
    ArticleView > .article-view--match { background: $warning 40%; }
    ArticleView > .article-view--match-current { background: $warning; color: $background; }
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """Offset into the body of the character under the cursor."""

    class CursorMoved(Message):
        """The cursor moved (posted so the screen can save the position)."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(self, article: Article, *, cursor: int = 0, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.article = article
        self.body = article.body
        self._shown = printable(article.body)
        self.units = TextUnits(article.body)
        self._segment_starts = [s.start for s in article.segments]
        self._lines: list[ScreenLine] = []
        self._line_starts: list[int] = []
        self._header_count = 0
        self._layout_width = -1
        self._margin = 1
        self._goal_column: int | None = None
        self._matches: list[tuple[int, int]] = []
        self._current_match: int | None = None
        self._cache: LRUCache[int, Strip] = LRUCache(maxsize=1024)
        self.set_reactive(ArticleView.cursor, self._valid(cursor, 1))

    # -- layout ---------------------------------------------------------------

    def _header_texts(self) -> list[tuple[str, str]]:
        article = self.article
        meta = " · ".join(
            part
            for part in (
                article.outlet,
                article.section,
                shown_date(article.published),
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

    def _layout(self, width: int) -> None:
        """Wrap header and body for ``width`` cells; kept until the width changes."""
        text_width = max(10, min(width - 2, MAX_TEXT_WIDTH))
        self._margin = max(1, (width - text_width) // 2)
        lines: list[ScreenLine] = []
        for content, style_class in self._header_texts():
            shown = printable(content)
            for start, end in wrap_offsets(shown, text_width):
                lines.append(ScreenLine(-1, -1, style_class, Text(shown[start:end].rstrip())))
        lines.append(ScreenLine(-1, -1, "article-view--meta", Text("─" * text_width)))
        self._header_count = len(lines)
        body = self._shown
        for index, segment in enumerate(self.article.segments):
            if index:
                # The gap sits inside the "\n\n" separator, where no cursor can be.
                lines.append(ScreenLine(segment.start - 1, segment.start - 1, ""))
            style_class = _KIND_CLASS.get(segment.kind, "article-view--paragraph")
            for start, end in wrap_offsets(body[segment.start : segment.end], text_width):
                lines.append(ScreenLine(segment.start + start, segment.start + end, style_class))
        if not self.article.segments:
            lines.append(
                ScreenLine(-1, -1, "article-view--notice", Text("(this article has no body text)"))
            )
        self._lines = lines
        self._line_starts = [line.start for line in lines[self._header_count :]]
        self._layout_width = width
        self._cache.clear()
        self.virtual_size = Size(width, len(lines))

    def _ensure_layout(self) -> None:
        width = self.scrollable_content_region.width
        if width > 0 and width != self._layout_width:
            self._layout(width)

    def on_resize(self, event: events.Resize) -> None:
        self._ensure_layout()
        self.scroll_to_cursor(center=False)

    def on_mount(self) -> None:
        self._ensure_layout()
        self.call_after_refresh(self.scroll_to_cursor, True)

    def notify_style_update(self) -> None:
        # Theme or CSS changed: cached strips hold the old colours.
        super().notify_style_update()
        self._cache.clear()

    # -- geometry -------------------------------------------------------------

    def line_of(self, offset: int) -> int:
        """The index of the screen line holding body ``offset``."""
        index = bisect_right(self._line_starts, offset) - 1
        return self._header_count + max(0, index)

    def offset_at(self, y: int, column: int) -> int | None:
        """The body offset shown at screen line ``y``, cell ``column`` of the text."""
        if not 0 <= y < len(self._lines):
            return None
        line = self._lines[y]
        if line.start < 0 or line.start >= line.end:
            return None
        return column_to_offset(self._shown, line.start, line.end, column)

    def _valid(self, offset: int, direction: int) -> int:
        """Nearest offset on a character of a segment, looking in ``direction``."""
        segments = self.article.segments
        if not segments:
            return 0
        offset = max(0, min(offset, segments[-1].end - 1))
        index = bisect_right(self._segment_starts, offset) - 1
        if index < 0:
            return segments[0].start
        segment = segments[index]
        if offset < segment.end:
            return offset
        if direction > 0 and index + 1 < len(segments):
            return segments[index + 1].start
        return max(segment.start, segment.end - 1)

    # -- rendering ------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        self._ensure_layout()
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, self.rich_style)
        strip = self._cache.get(index)
        if strip is None:
            strip = self._render_screen_line(index, width)
            self._cache[index] = strip
        return strip

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _render_screen_line(self, index: int, width: int) -> Strip:
        line = self._lines[index]
        base = self.rich_style
        if line.header is not None:
            text = line.header.copy()
            text.stylize(self._style(line.style_class))
        elif line.start >= line.end:
            return Strip.blank(width, base)
        else:
            text = Text(
                self._shown[line.start : line.end].rstrip("\n"),
                style=self._style(line.style_class),
                end="",
            )
            self._paint_matches(text, line)
            cursor = self.cursor
            if line.start <= cursor < line.end:
                text.stylize(
                    self._style("article-view--cursor"),
                    cursor - line.start,
                    cursor - line.start + 1,
                )
        segments = [RichSegment(" " * self._margin, base)]
        segments.extend(
            RichSegment(s.text, base + s.style if s.style else base)
            for s in text.render(self.app.console)
        )
        return Strip(segments).crop_extend(0, width, base)

    def _paint_matches(self, text: Text, line: ScreenLine) -> None:
        matches = self._matches
        if not matches:
            return
        first = bisect_right(matches, (line.start, -1)) - 1
        for number in range(max(0, first), len(matches)):
            start, end = matches[number]
            if start >= line.end:
                break
            if end <= line.start:
                continue
            name = (
                "article-view--match-current"
                if number == self._current_match
                else "article-view--match"
            )
            text.stylize(
                self._style(name),
                max(start, line.start) - line.start,
                min(end, line.end) - line.start,
            )

    def _refresh_offset_lines(self, *offsets: int) -> None:
        for offset in offsets:
            y = self.line_of(offset)
            self._cache.discard(y)
            self.refresh_line(y)

    # -- the cursor -----------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_offset_lines(old, new)
        self.scroll_to_cursor(center=False)
        self.post_message(self.CursorMoved(new))

    def move_to(self, offset: int, direction: int = 1, *, keep_goal: bool = False) -> None:
        """Put the cursor on ``offset`` (snapped to text) and scroll it into view."""
        if not keep_goal:
            self._goal_column = None
        self.cursor = self._valid(offset, direction)

    def scroll_to_cursor(self, center: bool = False) -> None:
        """Scroll just enough that the cursor's line is visible."""
        if self._layout_width < 0:
            return
        y = self.line_of(self.cursor)
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        if center and not top <= y < top + height:
            self.scroll_to(y=max(0, y - height // 3), animate=False, immediate=True)
        elif y < top:
            self.scroll_to(y=y if y > self._header_count else 0, animate=False, immediate=True)
        elif y >= top + height:
            self.scroll_to(y=y - height + 1, animate=False, immediate=True)

    def action_move(self, unit: str, direction: int) -> None:
        units, pos = self.units, self.cursor
        if unit == "char":
            target = pos + direction
            if direction < 0 and self._valid(target, -1) == target:
                self.move_to(target, -1)
            else:
                self.move_to(target, direction)
            return
        if unit == "word":
            target = units.next_word_start(pos) if direction > 0 else units.prev_word_start(pos)
        elif unit == "word_end":
            target = units.word_end(pos)
        elif unit == "sentence":
            target = (
                units.next_sentence_start(pos) if direction > 0 else units.prev_sentence_start(pos)
            )
        else:
            target = (
                units.next_paragraph_start(pos)
                if direction > 0
                else units.prev_paragraph_start(pos)
            )
        self.move_to(target, direction)

    def _body_line(self, y: int, direction: int) -> int | None:
        """The nearest line at or beyond ``y`` in ``direction`` that holds text."""
        lines = self._lines
        y = max(self._header_count, min(y, len(lines) - 1))
        while 0 <= y < len(lines):
            if lines[y].start >= 0 and lines[y].start < lines[y].end:
                return y
            y += direction
        return None

    def _goto_line(self, y: int, direction: int) -> None:
        target = self._body_line(y, direction) or self._body_line(y, -direction)
        if target is None:
            return
        line = self._lines[self.line_of(self.cursor)]
        if self._goal_column is None and line.start >= 0:
            self._goal_column = offset_to_column(self._shown, line.start, self.cursor)
        goal = self._goal_column or 0
        row = self._lines[target]
        self.move_to(
            column_to_offset(self._shown, row.start, row.end, goal), direction, keep_goal=True
        )

    def action_move_line(self, direction: int) -> None:
        self._goto_line(self.line_of(self.cursor) + direction, direction)

    def action_page(self, direction: int, fraction: float = 1.0) -> None:
        height = max(1, self.scrollable_content_region.height)
        step = max(1, int(height * fraction) - (1 if fraction == 1.0 else 0))
        y = self.line_of(self.cursor)
        self.scroll_to(y=self.scroll_offset.y + direction * step, animate=False, immediate=True)
        self._goto_line(y + direction * step, direction)

    def action_half_page(self, direction: int) -> None:
        self.action_page(direction, 0.5)

    def action_edge(self, direction: int) -> None:
        segments = self.article.segments
        if not segments:
            return
        if direction < 0:
            self.move_to(segments[0].start, -1)
            self.scroll_to(y=0, animate=False, immediate=True)
        else:
            self.move_to(segments[-1].end - 1, -1)

    def action_line_edge(self, direction: int) -> None:
        line = self._lines[self.line_of(self.cursor)]
        if line.start < 0:
            return
        end = len(self.body[line.start : line.end].rstrip()) + line.start
        self.move_to(line.start if direction < 0 else max(line.start, end - 1), -direction)

    # -- search highlights ----------------------------------------------------

    def show_matches(self, matches: list[tuple[int, int]], current: int | None) -> None:
        """Highlight search ``matches``; ``current`` is the one the cursor is on."""
        if matches == self._matches and current == self._current_match:
            return
        if matches != self._matches:
            self._matches = list(matches)
            self._current_match = current
            self._cache.clear()
            self.refresh()
            return
        previous, self._current_match = self._current_match, current
        for number in (previous, current):
            if number is not None and number < len(matches):
                self._refresh_offset_lines(*matches[number])

    # -- mouse ----------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        y = self.scroll_offset.y + event.y
        offset = self.offset_at(y, event.x - self._margin)
        if offset is not None:
            self.move_to(offset)

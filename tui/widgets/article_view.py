"""The article view: the body of one article with a cursor, drawn line by line.

A Line-API ``ScrollView`` in the manner of toolong's ``LogLines``: the text is
wrapped once per width into screen lines that know their character offsets
(``tui.article_layout``), only visible lines are rendered, rendered lines are
cached, and a cursor move refreshes just the line it left and the line it
entered (or, while selecting, the lines between). Over SSH that is a few
hundred bytes a keystroke instead of a repaint of the whole screen.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property

from rich.cells import cell_len
from rich.segment import Segment as RichSegment
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store.news.article import Article
from store.news.safetext import printable
from store.news.textunits import TextUnits
from tui.article_layout import Layout, ScreenLine, layout_article
from tui.framecache import FrameCache
from tui.highlights import Layer
from tui.styles import ComponentStyles
from tui.widgets.article_keys import ARTICLE_VIEW_BINDINGS, KeysAtOnce
from tui.widgets.article_motions import CursorMotions
from tui.widgets.article_mouse import MouseSelection
from tui.wrap import column_to_offset, offset_to_column

LAYER_ORDER = ("entities", "annotations", "matches")
"""Highlight layers from bottom to top; the selection and cursor go over them."""

_EMPTY = Layout([], 0, 1, -1)

JUMP_MARGIN = 3
"""Lines kept between a jump's target and the view's top or bottom edge (vim's scrolloff)."""


class ArticleView(
    KeysAtOnce, CursorMotions, MouseSelection, ScrollView, can_focus=True, inherit_bindings=False
):
    """Shows an article's header and body; owns the reading cursor and selection."""

    BINDINGS = ARTICLE_VIEW_BINDINGS

    COMPONENT_CLASSES = {
        "article-view--title",
        "article-view--meta",
        "article-view--notice",
        "article-view--paragraph",
        "article-view--summary",
        "article-view--heading",
        "article-view--boilerplate",
        "article-view--cursor",
        "article-view--selection",
        "article-view--match",
        "article-view--match-current",
        "article-view--claim",
        "article-view--claim-checking",
        "article-view--claim-true",
        "article-view--claim-false",
        "article-view--claim-misleading",
        "article-view--note",
        "article-view--per",
        "article-view--org",
        "article-view--loc",
        "article-view--date",
        "article-view--quant",
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
    ArticleView > .article-view--summary { text-style: italic; }
    ArticleView > .article-view--heading { text-style: bold; color: $text-primary; }
    ArticleView > .article-view--boilerplate { color: $text-disabled; text-style: italic; }
    ArticleView > .article-view--cursor { background: $block-cursor-background;
                                          color: $block-cursor-foreground; }
    ArticleView > .article-view--selection { background: $primary 45%; }
    ArticleView > .article-view--match { background: $warning 40%; }
    ArticleView > .article-view--match-current { background: $warning; color: $background; }
    ArticleView > .article-view--claim { text-style: underline; background: $accent 18%; }
    ArticleView > .article-view--claim-checking { text-style: underline;
                                                  background: $warning 22%; }
    ArticleView > .article-view--claim-true { text-style: underline; background: $success 22%; }
    ArticleView > .article-view--claim-false { text-style: underline; background: $error 28%; }
    ArticleView > .article-view--claim-misleading { text-style: underline;
                                                    background: $error 16%; }
    ArticleView > .article-view--note { text-style: underline; }
    ArticleView > .article-view--per { color: $text-accent; }
    ArticleView > .article-view--org { color: $text-success; }
    ArticleView > .article-view--loc { color: $text-primary; }
    ArticleView > .article-view--date { color: $text-secondary; text-style: italic; }
    ArticleView > .article-view--quant { color: $text-error; }
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """Offset into the body of the character under the cursor."""

    class SelectionChanged(Message):
        """A selection started or ended."""

        def __init__(self, selection: tuple[int, int] | None) -> None:
            super().__init__()
            self.selection = selection

    def __init__(self, article: Article, *, cursor: int = 0, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._styles_cache = FrameCache()  # a cursor move re-renders one line, not all
        self._text_size_key: tuple[object, ...] | None = None
        self._text_size_cache = Size(0, 0)
        self.article = article
        self.body = article.body
        self._shown = printable(article.body)
        self._segment_starts = [s.start for s in article.segments]
        self._page = _EMPTY
        self._line_starts: list[int] = []
        self._goal_column: int | None = None
        self._layers: dict[str, Layer] = {}
        self._current_match: tuple[int, int] | None = None
        self.selection_anchor: int | None = None
        """The other end of the selection while selecting; ``None`` otherwise."""
        self._cache: LRUCache[int, Strip] = LRUCache(maxsize=1024)
        self._styles = ComponentStyles(self)
        self.set_reactive(ArticleView.cursor, self._valid(cursor, 1))

    @cached_property
    def units(self) -> TextUnits:
        """Words, sentences and paragraphs of the body (built after the first paint)."""
        return TextUnits(self.article.body)

    # -- layout ---------------------------------------------------------------

    def _text_size(self) -> Size:
        """Width and height of the text area (the scrollable content region).

        Asked on every rendered line and every move, and Textual computes it from
        the screen's map each time: kept until the size, the scrollbars or the
        styles (padding, scrollbar sizes) change.
        """
        key = (self.outer_size, self.show_vertical_scrollbar, self.show_horizontal_scrollbar)
        if key != self._text_size_key:
            self._text_size_key = key
            self._text_size_cache = self.scrollable_content_region.size
        return self._text_size_cache

    def _ensure_layout(self) -> int:
        """Lay the article out for the current width if it changed; returns the width."""
        width = self._text_size().width
        if width > 0 and width != self._page.width:
            self._page = layout_article(self.article, self._shown, width)
            count = self._page.header_count
            self._line_starts = [line.start for line in self._page.lines[count:]]
            self._cache.clear()
            self.virtual_size = Size(width, len(self._page.lines))
        return width

    def on_resize(self, event: events.Resize) -> None:
        self._ensure_layout()
        self.scroll_to_cursor()

    def on_mount(self) -> None:
        # The scrollbar is drawn again with every change inside the view (it shares
        # the view's clip): its unchanged frame comes back whole.
        self.vertical_scrollbar._styles_cache = FrameCache()
        self._ensure_layout()
        self.call_after_refresh(self.scroll_to_cursor, True)
        # Motions need the text units; a few ms the first paint need not wait for.
        self.call_after_refresh(lambda: self.units)

    def notify_style_update(self) -> None:
        # Theme or CSS changed: cached strips hold the old colours.
        super().notify_style_update()
        self._cache.clear()
        self._styles.clear()
        self._text_size_key = None

    # -- geometry -------------------------------------------------------------

    @property
    def screen_lines(self) -> list[ScreenLine]:
        """The screen lines of the current layout."""
        return self._page.lines

    def line_of(self, offset: int) -> int:
        """The index of the screen line holding body ``offset``."""
        index = bisect_right(self._line_starts, offset) - 1
        return self._page.header_count + max(0, index)

    def offset_at(self, y: int, column: int) -> int | None:
        """The body offset shown at screen line ``y``, cell ``column`` of the text."""
        lines = self._page.lines
        if not 0 <= y < len(lines) or not lines[y].has_text:
            return None
        return column_to_offset(self._shown, lines[y].start, lines[y].end, column)

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
        width = self._ensure_layout()
        index = self.scroll_offset.y + y
        if not 0 <= index < len(self._page.lines):
            return Strip.blank(width, self._styles.base)
        strip = self._cache.get(index)
        if strip is None:
            strip = self._render_screen_line(index, width)
            self._cache[index] = strip
        return strip

    def _render_screen_line(self, index: int, width: int) -> Strip:
        line = self._page.lines[index]
        base = self._styles.base
        if line.header is not None:
            text = line.header.copy()
            text.stylize(self._styles(line.style_class))
        elif not line.has_text:
            return Strip.blank(width, base)
        else:
            # Text.render ignores Text.style when there are no spans: stylize instead.
            text = Text(self._shown[line.start : line.end])
            text.stylize(self._styles(line.style_class))
            self._paint(text, line)
        segments = [RichSegment(" " * self._page.margin, base)]
        segments.extend(
            RichSegment(s.text, base + s.style if s.style else base)
            for s in text.render(self.app.console)
        )
        return Strip(segments).crop_extend(0, width, base)

    def _paint(self, text: Text, line: ScreenLine) -> None:
        start, end = line.start, line.end
        for name in LAYER_ORDER:
            layer = self._layers.get(name)
            if layer:
                for span in layer.touching(start, end):
                    text.stylize(
                        self._styles(span.style),
                        max(span.start, start) - start,
                        min(span.end, end) - start,
                    )
        selection = self.selection
        if selection is not None and selection[0] < end and selection[1] > start:
            text.stylize(
                self._styles("article-view--selection"),
                max(selection[0], start) - start,
                min(selection[1], end) - start,
            )
        current = self._current_match
        if current is not None and current[0] < end and current[1] > start:
            # Over the selection, with its own colours: under the selection's
            # background alone its dark text was unreadable.
            text.stylize(
                self._styles("article-view--match-current"),
                max(current[0], start) - start,
                min(current[1], end) - start,
            )
        if start <= self.cursor < end:
            text.stylize(
                self._styles("article-view--cursor"), self.cursor - start, self.cursor - start + 1
            )

    def _refresh_span(self, start: int, end: int) -> None:
        """Re-render the lines showing body offsets ``start`` to ``end`` (inclusive)."""
        first, last = self.line_of(min(start, end)), self.line_of(max(start, end))
        for y in range(first, last + 1):
            self._cache.discard(y)
        self.refresh_lines(first, last - first + 1)

    def _refresh_cell(self, offset: int, last: int | None = None) -> None:
        """Re-render the line of ``offset`` but repaint only its cells up to ``last``.

        A cursor move changes two characters; repainting them alone keeps a
        keystroke to a few dozen bytes even on lines full of highlights.
        """
        last = offset if last is None else last
        y = self.line_of(offset)
        self._cache.discard(y)
        line = self._page.lines[y] if 0 <= y < len(self._page.lines) else None
        if line is None or not line.start <= offset <= last < line.end:
            self.refresh_line(y)
            return
        x = self._page.margin + offset_to_column(self._shown, line.start, offset)
        width = offset_to_column(self._shown, offset, last) + max(1, cell_len(self._shown[last]))
        self.refresh(Region(x, y - self.scroll_offset.y, width, 1))

    def set_layer(self, name: str, layer: Layer) -> None:
        """Replace the highlights called ``name`` (one of ``LAYER_ORDER``)."""
        self._layers[name] = layer
        self._cache.clear()
        self.refresh()

    def highlights(self, name: str) -> Layer:
        """The highlights called ``name`` (empty when none were set)."""
        return self._layers.get(name) or Layer()

    def set_current_match(self, match: tuple[int, int] | None) -> None:
        """Mark ``match`` as the search match the user is on."""
        previous, self._current_match = self._current_match, match
        for span in (previous, match):
            if span is not None:
                self._refresh_span(span[0], span[1] - 1)

    # -- the cursor and the selection ------------------------------------------

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected ``[start, end)`` while selecting, else ``None``."""
        if self.selection_anchor is None:
            return None
        low, high = sorted((self.selection_anchor, self.cursor))
        return low, high + 1

    def watch_cursor(self, old: int, new: int) -> None:
        if self.selection_anchor is None:
            self._refresh_cell(old)
            self._refresh_cell(new)
        elif self.line_of(old) == self.line_of(new):
            # Extending within a line changes the cells between the two ends only.
            self._refresh_cell(min(old, new), max(old, new))
        else:
            self._refresh_span(old, new)
        # No message per move: every dispatch costs, and the screen polls the cursor.
        self.scroll_to_cursor()

    def move_to(
        self, offset: int, direction: int = 1, *, keep_goal: bool = False, center: bool = False
    ) -> None:
        """Put the cursor on ``offset`` (snapped to text) and scroll it into view.

        ``center``: a jump (a search match, a claim, an entity) is shown with
        the lines around it, not on the view's first or last line.
        """
        if not keep_goal:
            self._goal_column = None
        self.cursor = self._valid(offset, direction)
        if center:
            self.scroll_to_cursor(center=True)

    def select(self, start: int, end: int) -> None:
        """Select body ``[start, end)``, leaving the cursor on its last character."""
        if end <= start:
            return
        self.clear_selection()
        self.selection_anchor = self._valid(start, 1)
        self.move_to(end - 1, -1)
        self._refresh_span(self.selection_anchor, self.cursor)
        self.post_message(self.SelectionChanged(self.selection))

    def clear_selection(self) -> bool:
        """End the selection; True if there was one."""
        if self.selection_anchor is None:
            return False
        anchor, self.selection_anchor = self.selection_anchor, None
        self._refresh_span(anchor, self.cursor)
        self.post_message(self.SelectionChanged(None))
        return True

    def action_visual(self) -> None:
        if not self.clear_selection():
            self.selection_anchor = self.cursor
            self._refresh_span(self.cursor, self.cursor)
            self.post_message(self.SelectionChanged(self.selection))

    def action_select(self, unit: str) -> None:
        span = (
            self.units.sentence_at(self.cursor)
            if unit == "sentence"
            else self.units.paragraph_at(self.cursor)
        )
        if span is not None:
            self.select(*span)

    def scroll_to_cursor(self, center: bool = False) -> None:
        """Scroll just enough that the cursor's line is visible.

        ``center``: unless the line is already clear of the edges (``JUMP_MARGIN``
        lines), put it a third of the way down, its context above and below.
        """
        if self._page.width < 0:
            return
        y = self.line_of(self.cursor)
        top = self.scroll_offset.y
        height = self._text_size().height
        if height <= 0:
            return
        margin = min(JUMP_MARGIN, height // 4)
        if center and not top + margin <= y < top + height - margin:
            self.scroll_to(y=max(0, y - height // 3), animate=False, immediate=True)
        elif y < top:
            target = y if y > self._page.header_count else 0
            self.scroll_to(y=target, animate=False, immediate=True)
        elif y >= top + height:
            self.scroll_to(y=y - height + 1, animate=False, immediate=True)

"""The library's list of articles: one row each, only visible rows rendered.

A Line-API ``ScrollView`` like the article view, so that a hundred thousand
rows cost no more to show than ten: a query gives the articles' numbers in
order (:class:`Rows`), and this widget fetches and draws the few on screen,
a page at a time, from the corpus index.
"""

from __future__ import annotations

from array import array
from collections import Counter, OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from math import ceil

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from store.library.catalog import Row
from store.news.safetext import printable
from tui.styles import ComponentStyles

DATE_WIDTH = 11  # "~2024-11-30": an estimated date keeps its mark
WORDS_WIDTH = 6
WIDE = 100
"""From this many columns every column is shown at full width."""

STATUS_MARKS = {
    "false": ("✗", "article-list--false"),
    "misleading": ("!", "article-list--false"),
    # Not "…": beside a cut title or outlet it read as text cut short.
    "checking": ("◐", "article-list--checking"),
    "unverified": ("?", "article-list--dim"),
    "unproven": ("∅", "article-list--dim"),
    "mostly true": ("≈", "article-list--true"),
    "true": ("✓", "article-list--true"),
}
"""How each claim status is marked in the claims column."""


@dataclass(frozen=True)
class Columns:
    """The widths of the library's columns for one width of the list (0: not shown)."""

    outlet: int
    words: int
    claims: int
    title: int


def column_widths(width: int, sort: str = "date") -> Columns:
    """The columns for a row of ``width`` cells.

    Below ``WIDE`` the title keeps a fair share: the word count gives way
    (unless the list is sorted by it) and the claims column narrows to the
    eight cells of ``✗1?2✓1✎3``; outlets keep fifteen, as ``REPUBLIKA.CO.ID``.
    """
    wide = width >= WIDE
    outlet = 18 if wide else 15
    words = WORDS_WIDTH if wide or sort == "words" else 0
    claims = 10 if wide else 8
    used = 2 + DATE_WIDTH + 1 + outlet + 1 + (words + 1 if words else 0) + claims + 1
    return Columns(outlet, words, claims, max(10, width - used))


def claims_text(counts: Counter[str] | None, style_for: Callable[[str], Style]) -> Text:
    """The claims column: a mark and a count per status, then notes (``✎2``).

    ``style_for`` turns a component class name into the widget's style for it.
    """
    text = Text(end="")
    if not counts:
        return text
    order = list(STATUS_MARKS)
    statuses = [key[6:] for key, value in counts.items() if key.startswith("claim:") and value]
    # Worst news first: a false claim must not be cut off by the column's width.
    statuses.sort(key=lambda s: (order.index(s) if s in order else len(order), s))
    for status in statuses:
        mark, style = STATUS_MARKS.get(status, (status[:1] or "?", "article-list--dim"))
        text.append(f"{mark}{counts[f'claim:{status}']}", style_for(style))
    if counts.get("note"):
        text.append(f"✎{counts['note']}", style_for("article-list--dim"))
    return text


def header_text(width: int, sort: str, reverse: bool) -> Text:
    """The column header line, marking the sorted column with an arrow."""
    columns = column_widths(width, sort)
    arrow = "▲" if reverse else "▼"

    def name(label: str, key: str, size: int, right: bool = False) -> str:
        label = f"{label} {arrow}" if key == sort else label
        return (label.rjust(size) if right else label.ljust(size)) + " "

    words = name("Words", "words", columns.words, right=True) if columns.words else ""
    return Text(
        "  "
        + name("Date", "date", DATE_WIDTH)
        + name("Outlet", "outlet", columns.outlet)
        + words
        + name("Claims", "claims", columns.claims)
        + name("Title", "title", columns.title).rstrip(),
        end="",
    )


class Rows:
    """The library's rows for one query: article numbers in order, fetched a page at a time."""

    PAGE = 64

    def __init__(
        self,
        numbers: array | Sequence[int] = (),
        fetch: Callable[[Sequence[int]], Mapping[int, Row]] = lambda numbers: {},
        counts: Mapping[str, Counter[str]] | None = None,
        total: int | None = None,
    ) -> None:
        self.numbers = numbers
        self.total = len(numbers) if total is None else total
        """How many rows there are: more than ``numbers`` while only the first are known."""
        self._fetch = fetch
        self.counts: Mapping[str, Counter[str]] = counts or {}
        """Annotation counts by article id (the Claims column)."""
        self._pages: OrderedDict[int, Mapping[int, Row]] = OrderedDict()

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, position: int) -> Row | None:
        """The row at ``position`` (``None`` when its article left the index meanwhile, or
        is past the first rows known)."""
        if position >= len(self.numbers):
            return None
        page = position // self.PAGE
        rows = self._pages.get(page)
        if rows is None:
            start = page * self.PAGE
            rows = self._fetch(self.numbers[start : start + self.PAGE])
            self._pages[page] = rows
            while len(self._pages) > 32:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return rows.get(self.numbers[position])

    def position(self, number: int | None) -> int | None:
        """Where the article ``number`` is listed, if it is."""
        if number is None:
            return None
        try:
            return self.numbers.index(number)
        except ValueError:
            return None


_PLAIN = Style()


def word_count(words: int, width: int = WORDS_WIDTH) -> str:
    """``words`` in ``width`` characters: ``12,345``, else ``340k``, ``3.4M`` (a scrape's
    one-line article can have millions, and a wider number would push the row apart)."""
    exact = f"{words:,}"
    if len(exact) <= width:
        return exact
    for unit, size in (("G", 10**9), ("M", 10**6), ("k", 10**3)):
        if words >= size:
            tenths = words * 10 // size  # rounded down: 999,999 words are not "1000k"
            short = f"{tenths // 10}.{tenths % 10}".removesuffix(".0") + unit
            return short if len(short) <= width else f"{words // size}{unit}"[:width]
    return exact[:width]


def _fit(value: str, size: int) -> str:
    value = printable(value)
    return value if len(value) <= size else value[: max(0, size - 1)] + "…"


class ArticleList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of the library; the highlighted row opens with Enter or a click."""

    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False, id="library.down"),
        Binding("up,k", "move(-1)", "Up", show=False, id="library.up"),
        Binding(
            "pagedown,ctrl+f,space", "page(1)", "Page down", show=False, id="library.page-down"
        ),
        Binding("pageup,ctrl+b", "page(-1)", "Page up", show=False, id="library.page-up"),
        Binding("home,g", "edge(-1)", "First", show=False, id="library.first"),
        Binding("end,G", "edge(1)", "Last", show=False, id="library.last"),
        Binding("enter,l,right", "open", "Open", id="library.open"),
    ]

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--draft",
        "article-list--read",
        "article-list--dim",
        "article-list--checking",
        "article-list--true",
        "article-list--false",
    }

    DEFAULT_CSS = """
    ArticleList { background: $surface; scrollbar-gutter: stable; overflow-x: hidden; }
    ArticleList > .article-list--cursor { background: $block-cursor-blurred-background; }
    ArticleList:focus > .article-list--cursor { background: $block-cursor-background;
                                               color: $block-cursor-foreground; }
    ArticleList > .article-list--unread { text-style: bold; color: $accent; }
    ArticleList > .article-list--read { color: $foreground; }
    ArticleList > .article-list--draft { color: $text-warning; text-style: bold; }
    ArticleList > .article-list--dim { color: $text-muted; }
    ArticleList > .article-list--checking { color: $text-warning; }
    ArticleList > .article-list--true { color: $text-success; }
    ArticleList > .article-list--false { color: $text-error; text-style: bold; }
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """Index into the visible rows of the highlighted row."""

    class Open(Message):
        """The user asked to open an article."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    class Highlighted(Message):
        """The highlighted row changed."""

        def __init__(self, row: int, count: int) -> None:
            super().__init__()
            self.row = row
            self.count = count

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows = Rows()
        self.read: set[str] = set()
        self.drafts: set[str] = set()
        """Articles holding an unsaved claim or note of this user (marked ``*``)."""
        self.sort = "date"
        """What the rows are sorted by (a word count is shown at any width when it is that)."""
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(maxsize=512)
        self._styles = ComponentStyles(self)

    def show(
        self, rows: Rows, read: set[str], keep: int | None = None, *, announce: bool = True
    ) -> None:
        """Show ``rows``, keeping the article numbered ``keep`` highlighted if it is listed.

        ``announce=False``: no ``Highlighted`` message; the caller updates what
        depends on the highlight itself, in the same frame as the rows.
        """
        self.rows, self.read = rows, read
        self._cache.clear()
        self._set_height(len(rows))
        target = rows.position(keep) or 0
        self.set_reactive(ArticleList.cursor, target)
        self.refresh()
        self.scroll_to_cursor()
        if announce:
            self.post_message(self.Highlighted(target, len(rows)))

    def _set_height(self, count: int) -> None:
        """Make the scroll range ``count`` rows, laying the screen out only when it must.

        Setting ``virtual_size`` lays the whole screen out again, a good part
        of a keystroke's time in the filter. While the vertical scrollbar
        stays as it was (shown or not: its gutter is always kept), only the
        scrollbar's range changes, and that needs no layout.
        """
        new, old = Size(self.size.width, count), self.virtual_size
        viewport = self.scrollable_content_region.height
        if new.width != old.width or (new.height > viewport) != (old.height > viewport):
            self.virtual_size = new
            return
        self.set_reactive(ScrollView.virtual_size, new)
        if self._same_thumb(old.height, new.height):
            # A long list's thumb is one cell whatever its length: drawing the bar again
            # would cost as much as a few rows, on every key typed in the filter.
            bar = self.vertical_scrollbar
            bar.set_reactive(ScrollBar.window_virtual_size, new.height)
            self.scroll_y = self.validate_scroll_y(self.scroll_y)
            self.scroll_target_y = self.validate_scroll_y(self.scroll_target_y)
            return
        self._scroll_update(new)  # Textual's own update of the scrollbar and scroll limits

    def _same_thumb(self, old: int, new: int) -> bool:
        """Whether the vertical scrollbar looks the same for ``new`` rows as for ``old``."""
        if not self.show_vertical_scrollbar:
            return False
        bar = self.vertical_scrollbar
        if bar.window_virtual_size != old:
            return False  # the bar has not been drawn for the rows shown now

        def cells(rows: int) -> list[Segment]:
            # As ScrollBar._render_bar asks its renderer, colours aside.
            window = bar.window_size if bar.window_size < rows else 0
            drawn = bar.renderer.render_bar(
                bar.size.height, ceil(rows), ceil(window), bar.position, bar.thickness
            )
            return drawn.segments

        return cells(old) == cells(new)

    @property
    def current(self) -> Row | None:
        """The highlighted row, if any row is shown."""
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    def mark_read(self, read: set[str]) -> None:
        """Redraw with a new set of read article ids."""
        self.read = read
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._styles.clear()

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self.rows))

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self._styles.base
        if not 0 <= row < len(self.rows):
            return Strip.blank(width, base)
        key = (row, width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(row, width, base)
            self._cache[key] = strip
        return strip

    def _render_row(self, row: int, width: int, base: Style) -> Strip:
        entry = self.rows[row]
        if entry is None:  # gone from the index since the query: the next refresh drops it
            return Strip.blank(width, base)
        columns = column_widths(width, self.sort)
        unread = entry.id not in self.read
        dim = self._styles("article-list--dim")
        # Segments straight away, not a rich Text rendered: a screenful of rows is
        # drawn on every key typed in the filter, and Text.render was half of a row.
        cells: list[tuple[str, Style]] = [
            ("●" if unread else " ", self._styles("article-list--unread")),
            ("*" if entry.id in self.drafts else " ", self._styles("article-list--draft")),
            (_fit(entry.date or "—", DATE_WIDTH).ljust(DATE_WIDTH) + " ", dim),
            (_fit(entry.outlet or "—", columns.outlet).ljust(columns.outlet) + " ", dim),
        ]
        if columns.words:
            shown = word_count(entry.words, columns.words).rjust(columns.words)
            cells.append((shown + " ", dim))
        counts = self.rows.counts.get(entry.id)
        if counts:
            claims = claims_text(counts, self._styles)
            claims.truncate(columns.claims, overflow="ellipsis", pad=True)
            cells.extend((s.text, s.style or _PLAIN) for s in claims.render(self.app.console))
        else:
            cells.append((" " * columns.claims, _PLAIN))
        cells.append((" ", _PLAIN))
        title = self._styles("article-list--unread" if unread else "article-list--read")
        cells.append((_fit(entry.title, columns.title), title))
        if row == self.cursor:
            cursor = self._styles("article-list--cursor")
            cells = [(text, style + cursor) for text, style in cells]
        segments = [Segment(text, base + style) for text, style in cells if text]
        return Strip(segments).crop_extend(0, width, base)

    def watch_cursor(self, old: int, new: int) -> None:
        width = self.scrollable_content_region.width
        for row in (old, new):
            self._cache.discard((row, width))
            self.refresh_line(row)
        self.scroll_to_cursor()
        self.post_message(self.Highlighted(new, len(self.rows)))

    def scroll_to_cursor(self) -> None:
        """Scroll just enough that the highlighted row is visible."""
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        if height <= 0:
            return
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def _set_cursor(self, row: int) -> None:
        if self.rows:
            self.cursor = max(0, min(row, len(self.rows) - 1))

    def action_move(self, delta: int) -> None:
        self._set_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        step = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_offset.y + direction * step, animate=False, immediate=True)
        self._set_cursor(self.cursor + direction * step)

    def action_edge(self, direction: int) -> None:
        self._set_cursor(0 if direction < 0 else len(self.rows) - 1)

    def action_open(self) -> None:
        entry = self.current
        if entry is not None:
            self.post_message(self.Open(entry.id))

    def refresh_rows(self) -> None:
        """Draw every row again (claim counts or read marks changed)."""
        self._cache.clear()
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        row = self.scroll_offset.y + event.y
        if 0 <= row < len(self.rows):
            self._set_cursor(row)
            if event.chain >= 2:
                self.action_open()

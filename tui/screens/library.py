"""The library: every article of the corpus, filtered as you type, sorted, opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Static

from store.library.catalog import SORT_KEYS, Catalog
from store.news.safetext import printable
from store.query import FIELDS, Query, QueryError
from tui.widgets.article_list import ArticleList, header_text
from tui.widgets.footer import Footer

if TYPE_CHECKING:
    from tui.app import SorotApp


class LibraryScreen(Screen[None]):
    """Lists the corpus; Enter opens the highlighted article in the reader."""

    BINDINGS = [
        # Priority, as the reader's search: the filter typed behind "/" goes into the box.
        Binding("slash,f", "filter", "Filter", id="library.filter", key_display="/", priority=True),
        Binding("s", "cycle_sort", "Sort", id="library.sort"),
        Binding("r", "reverse_sort", "Reverse", show=False, id="library.reverse"),
        Binding("m", "toggle_read", "Read/unread", id="library.toggle-read"),
        Binding("e", "export", "Export", id="library.export"),
        Binding("R", "reload", "Reload", show=False, id="library.reload"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="library.clear"),
        Binding("q", "app.quit", "Quit", id="app.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.catalog = Catalog([])
        self.sort = "date"
        self.reverse = False
        self.filter_query = Query()
        """The filter as last read without an error: what the rows (and an export) show."""
        self.query_error: str | None = None
        """Why the filter's words cannot be read now (the rows keep the last good query)."""

    @property
    def sorot(self) -> SorotApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Input(
            # Fits 80 columns whole: ? lists every filter word.
            placeholder="Filter: words or has:claims status:false entity:kim tag: … (? lists all)",
            id="library-filter",
            select_on_focus=False,
        )
        yield Static(id="library-header")
        yield ArticleList(id="library-list")
        yield Static("Loading the corpus…", id="library-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleList).focus()
        self._update_header()

    def help_sections(self) -> list[tuple[str, Table]]:
        """The filter's words for ``?``, from the query parser's own list."""
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_row("words", "articles with them in the title, outlet, date, section or id")
        vocabulary = self.sorot.workspace.vocabulary
        values = {"status": vocabulary.statuses, "type": vocabulary.claim_types}
        for name, takes in FIELDS.items():
            if name in values:
                takes = f"{takes}: {', '.join(values[name])}"
            table.add_row(f"{name}:", printable(takes))
        examples = 'status:false,misleading  speaker:"Kim Jong Un"  entity:kim-jong-un  no:claims'
        table.add_row("e.g.", examples)
        return [("Filter words (/ or f)", table)]

    @property
    def list(self) -> ArticleList:
        return self.query_one(ArticleList)

    def load(self, catalog: Catalog) -> None:
        """Show ``catalog`` (called once the corpus has been read), on the article last read."""
        self.catalog = catalog
        self.refresh_drafts()
        self.refilter(keep_id=self.sorot.last_read())

    def refresh_drafts(self) -> None:
        """Mark again the articles holding an unsaved claim or note of this user."""
        self.list.drafts = self.sorot.draft_ids()

    def refilter(self, keep_id: str | None = None) -> None:
        """Apply the filter and sort to the catalog and redraw the list."""
        text = self.query_one("#library-filter", Input).value
        try:
            self.filter_query = self.sorot.workspace.query(text)
            self.query_error = None
        except QueryError as error:
            # Typing goes through words that do not read yet (status:f…): the rows
            # keep the last query that did, and the status line says why.
            self.query_error = str(error)
        if keep_id is None and self.list.current is not None:
            keep_id = self.list.current.id
        rows = self.sorot.workspace.rows(self.filter_query, self.sort, self.reverse)
        self.list.sort = self.sort
        self.list.show(self.catalog, rows, self.sorot.read_ids(), keep_id)
        self._update_header()

    def _update_header(self) -> None:
        width = self.list.scrollable_content_region.width or self.size.width
        self.query_one("#library-header", Static).update(
            header_text(width, self.sort, self.reverse), layout=False
        )

    def on_resize(self) -> None:
        self.call_after_refresh(self._update_header)

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self) -> None:
        self.refilter()

    @on(Input.Submitted, "#library-filter")
    def _filter_done(self) -> None:
        if self.query_error:
            # The filter stays as typed, to be corrected.
            self.notify(printable(self.query_error), severity="error", timeout=8)
            return
        self.list.focus()

    def on_key(self, event) -> None:
        # Arrows in the filter box move the list, so filtering and choosing is one motion.
        if self.focused is self.query_one("#library-filter") and event.key in (
            "down",
            "up",
            "pagedown",
            "pageup",
        ):
            event.stop()
            {
                "down": lambda: self.list.action_move(1),
                "up": lambda: self.list.action_move(-1),
                "pagedown": lambda: self.list.action_page(1),
                "pageup": lambda: self.list.action_page(-1),
            }[event.key]()

    @on(ArticleList.Highlighted)
    def _highlighted(self, message: ArticleList.Highlighted) -> None:
        total = len(self.catalog)
        if self.query_error:
            text = printable(self.query_error)
            self.query_one("#library-status", Static).update(
                Text(text, style="bold red"), layout=False
            )
            return
        query = self.query_one("#library-filter", Input).value.strip()
        parts = [f"{message.count:,} of {total:,} articles" if query else f"{total:,} articles"]
        unread = self.sorot.unread_count()
        if unread is not None:
            parts.append(f"{unread:,} unread")
        parts.append(f"sorted by {self.sort}{' (reversed)' if self.reverse else ''}")
        if message.count:
            parts.append(f"row {message.row + 1:,}")
            current = self.list.current
            if current is not None and current.id in self.list.drafts:
                # First, so that 80 columns do not cut it after the counts.
                parts.insert(0, "* unsaved work kept here: Enter reopens it")
        elif total:
            parts.append("nothing matches the filter: Esc clears it")
        # Fixed one-line widgets: updating them must not lay the whole screen out again.
        self.query_one("#library-status", Static).update(" · ".join(parts), layout=False)

    @on(ArticleList.Open)
    def _open(self, message: ArticleList.Open) -> None:
        self.sorot.open_article(message.article_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "/" and "f" typed into the filter are text.
        return not (action == "filter" and isinstance(self.focused, Input))

    def action_filter(self) -> None:
        self.set_focus(self.query_one("#library-filter", Input))

    def action_clear_filter(self) -> None:
        box = self.query_one("#library-filter", Input)
        if box.value:
            box.value = ""
        self.list.focus()

    def action_cycle_sort(self) -> None:
        self.sort = SORT_KEYS[(SORT_KEYS.index(self.sort) + 1) % len(SORT_KEYS)]
        self.refilter()

    def set_sort(self, sort: str, reverse: bool | None = None) -> None:
        """Sort by ``sort`` (one of ``SORT_KEYS``)."""
        self.sort = sort
        if reverse is not None:
            self.reverse = reverse
        self.refilter()

    def action_reverse_sort(self) -> None:
        self.reverse = not self.reverse
        self.refilter()

    def visible_ids(self) -> list[str]:
        """Ids of the articles the filter shows, in the list's order."""
        entries = self.catalog.entries
        return [entries[i].id for i in self.list.rows]

    def action_reload(self) -> None:
        """Read every annotation file again (a colleague's work, an import)."""
        workspace = self.sorot.workspace
        ids = set(workspace.catalog.annotations)
        try:
            ids.update(workspace.store.article_ids())
        except Exception as error:  # a folder that cannot be listed is said, not raised
            self.notify(printable(str(error)), severity="error")
        self.sorot.live.arrived(ids)
        self.notify("Annotations reloaded.", timeout=3)

    def action_export(self) -> None:
        self.sorot.open_export(self.filter_query)

    def action_toggle_read(self) -> None:
        entry = self.list.current
        if entry is not None:
            self.sorot.toggle_read(entry.id)
            self.list.mark_read(self.sorot.read_ids())
            self.list.post_message(ArticleList.Highlighted(self.list.cursor, len(self.list.rows)))

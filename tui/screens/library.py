"""The library: every article of the corpus, filtered and searched as you type, sorted, opened.

Rows come from the corpus index (``Workspace.rows``): a query is one SQL
statement, and only the rows on screen are fetched. Over a large corpus the
statement runs in a worker thread, so typing never waits for it; the last
query typed wins. With free words in the filter the rows are ranked by
relevance (unless another sort is chosen), and the line under the list shows
the sentence of the highlighted article the words were found in.
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from store.files.stopping import Stopped, Stopper
from store.library.catalog import RANKED, SORT_KEYS
from store.library.fulltext import Snippet
from store.news.safetext import printable
from store.query import FIELDS, Query, QueryError
from tui.screens.status_text import Progress, fitted
from tui.widgets.article_list import ArticleList, Rows, header_text
from tui.widgets.filter_input import FilterInput
from tui.widgets.footer import Footer
from tui.widgets.sentence_line import SentenceLine

if TYPE_CHECKING:
    from tui.app import SorotApp

IN_WORKER_FROM = 2_000
"""From this many articles, a query runs off the UI thread (smaller ones answer at once)."""
HEAD_ROWS = 200
"""Rows a big corpus shows before its whole order is known: more than a tall terminal's."""
SEARCHING_AFTER = 0.4
"""Seconds a query may take before the status line says it is searching (a first letter
over 100,000 articles takes most of a second; a quicker answer draws no extra frame)."""


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
        self.sort = "date"
        self.reverse = False
        self.filter_query = Query()
        """The filter as last read without an error: what the rows (and an export) show."""
        self.query_error: str | None = None
        """Why the filter's words cannot be read now (the rows keep the last good query)."""
        self.total = 0
        """Articles in the corpus (as last counted)."""
        self.progress: Progress | None = None
        """What the index is doing, while it is (``Indexing 1,200 of 5,000 files``)."""
        self._generation = 0
        self._stopper = Stopper()
        """Stops the rows' query under way when another is asked for."""
        self._searching: Timer | None = None
        """Says "searching" if the rows' query under way is slow (stopped when its rows come)."""
        self._said_searching = False
        self._sort_chosen = False
        self._placed = False
        """True once the highlight was put on the article read last (at the first rows)."""
        self._place_on: str | None = None
        """The article read last, until the first whole order is shown with it highlighted."""

    @property
    def sorot(self) -> SorotApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield FilterInput(
            # Fits 80 columns whole: ? lists every filter word.
            placeholder="Filter: words or has:claims status:false entity:kim tag: … (? lists all)",
            id="library-filter",
            select_on_focus=False,
        )
        yield Static(id="library-header")
        yield ArticleList(id="library-list")
        yield SentenceLine(lambda a, q: self.sorot.workspace.snippet(a, q), id="library-snippet")
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
        table.add_row("words", "articles with them in the title, text, outlet, date or section")
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

    @property
    def sentence(self) -> SentenceLine:
        return self.query_one(SentenceLine)

    def load(self) -> None:
        """Show the open corpus (called once it is opened, and as the index fills).

        The first time there are rows, the highlight goes to the article this
        user read last; after that it stays where the user moved it.
        """
        self.total = self.sorot.workspace.count()
        self.refresh_drafts()
        if not self._placed and self.total:
            self._placed = True
            self._place_on = self.sorot.last_read()
            self._show_head()
        # Until the rows it asked for are shown: the index may grow again before they are.
        self.refilter(keep_id=self._place_on)

    def _show_head(self) -> None:
        """Paint the first screenful of a big corpus at once, its whole order to follow.

        Ordering every row of 100,000 takes a fifth of a second; the first page
        alone, read down the sort's index, a millisecond: the library is there
        to read while the rest is fetched.
        """
        if self.total < IN_WORKER_FROM or self.query_one("#library-filter", Input).value:
            return
        workspace = self.sorot.workspace
        head = workspace.rows(self.filter_query, self.sort, self.reverse, limit=HEAD_ROWS)
        rows = Rows(head, workspace.row_data, workspace.counts, total=self.total)
        self.list.sort = self.sort
        self.list.show(rows, self.sorot.read_ids())

    def refresh_drafts(self) -> None:
        """Mark again the articles holding an unsaved claim or note of this user."""
        self.list.drafts = self.sorot.draft_ids()

    # -- the rows --------------------------------------------------------------------

    def refilter(self, keep_id: str | None = None, *, first: bool = False) -> None:
        """Apply the filter and sort to the corpus and redraw the list.

        The highlight stays on the article it was on (or ``keep_id``), unless
        ``first``: the filter's words changed, and the best match is on top.
        """
        text = self.query_one("#library-filter", Input).value
        try:
            query = self.sorot.workspace.query(text)
            self.query_error = None
            self._rank_by_words(query)
            self.filter_query = query
        except QueryError as error:
            # Typing goes through words that do not read yet (status:f…): the rows
            # keep the last query that did, and the status line says why.
            self.query_error = str(error)
        keep = self._number_of(keep_id) if keep_id is not None else None
        if keep is None and self.list.current is not None and not first:
            keep = self.list.current.number
        self._generation += 1
        if self.total >= IN_WORKER_FROM:
            # The query typed over is stopped where it is: its core goes to this one.
            self._stopper.stop()
            self._stopper = Stopper()
            if self._searching is not None:
                self._searching.stop()
            self._searching = self.set_timer(SEARCHING_AFTER, self._say_searching)
            self._select_in_worker(
                self.filter_query, self.sort, self.reverse, keep, self._generation, self._stopper
            )
        else:
            numbers = self.sorot.workspace.rows(self.filter_query, self.sort, self.reverse)
            self._show(numbers, keep, self._generation)

    def _rank_by_words(self, query: Query) -> None:
        """Words typed rank the rows by relevance; the sort comes back when they go."""
        had = bool(self.filter_query.words)
        if query.words and not had and not self._sort_chosen:
            self.sort, self.reverse = RANKED, False
        elif not query.words and self.sort == RANKED:
            self.sort, self._sort_chosen = "date", False

    def _number_of(self, article_id: str) -> int | None:
        row = self.sorot.workspace.corpus.row(article_id)
        return row.number if row is not None else None

    @work(thread=True, exclusive=True, group="library-rows")
    def _select_in_worker(
        self,
        query: Query,
        sort: str,
        reverse: bool,
        keep: int | None,
        generation: int,
        stopper: Stopper,
    ) -> None:
        if generation != self._generation:
            return  # typed over before it started
        workspace = self.sorot.workspace
        worker = get_current_worker()
        try:
            with stopper.watching():
                numbers = workspace.rows(query, sort, reverse)
                # The sentence of the row to be highlighted comes with the rows: one trip
                # to the UI thread and one frame drawn for both, where a worker of its own
                # took two.
                shown = None
                if query.words and numbers and not worker.is_cancelled:
                    first = keep if keep is not None and keep in numbers else numbers[0]
                    row = workspace.row_data([first]).get(first)
                    if row is not None:
                        shown = (row.id, self.sentence.sentence_of(row.id, query))
        except Stopped:
            return  # typed over: a later query is on its way
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, numbers, keep, generation, shown)

    def _show(
        self,
        numbers: array,
        keep: int | None,
        generation: int,
        snippet: tuple[str, Snippet | None] | None = None,
    ) -> None:
        if generation != self._generation or not self.is_attached:
            return  # a later query is on its way
        if self._searching is not None:
            self._searching.stop()
            self._searching = None
        self._said_searching = False
        workspace = self.sorot.workspace
        rows = Rows(numbers, workspace.row_data, workspace.counts)
        self.list.sort = self.sort
        self.sentence.prepare(snippet)
        # The status line and the sentence are updated here rather than on the list's
        # Highlighted message: that would come after the rows were drawn, a frame later.
        self.list.show(rows, self.sorot.read_ids(), keep, announce=False)
        self._place_on = None
        self._update_header()
        self._status(self.list.cursor, len(rows))
        self._find_snippet()

    def show_progress(self, progress: Progress | None) -> None:
        """Say what the index is doing in the status line (``None`` when it is done)."""
        self.progress = progress
        self._status()

    def _update_header(self) -> None:
        width = self.list.scrollable_content_region.width or self.size.width
        self.query_one("#library-header", Static).update(
            header_text(width, self.sort, self.reverse), layout=False
        )

    def on_resize(self) -> None:
        self.call_after_refresh(self._update_header)

    # -- typing ------------------------------------------------------------------------

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self) -> None:
        self.refilter(first=True)

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

    # -- the status line and the matching sentence -------------------------------------

    @on(ArticleList.Highlighted)
    def _highlighted(self, message: ArticleList.Highlighted) -> None:
        self._status(message.row, message.count)
        self._find_snippet()

    def _say_searching(self) -> None:
        self._searching = None
        self._said_searching = True
        self._status()

    def _status(self, row: int | None = None, count: int | None = None) -> None:
        status = self.query_one("#library-status", Static)
        if self.query_error:
            status.update(Text(printable(self.query_error), style="bold red"), layout=False)
            return
        row = self.list.cursor if row is None else row
        count = len(self.list.rows) if count is None else count
        total = self.total
        query = self.query_one("#library-filter", Input).value.strip()
        articles = "article" if total == 1 else "articles"  # "of 1 article", "of 2 articles"
        parts = [f"{count:,} of {total:,} {articles}" if query else f"{total:,} {articles}"]
        if self._said_searching:
            parts[0] = f"searching {total:,} {articles}…"  # the rows shown are the last query's
        unread = self.sorot.unread_count()
        unread_part = f"{unread:,} unread" if unread is not None else None
        if self.sort == RANKED:
            parts.append("ranked by relevance" + (" (reversed)" if self.reverse else ""))
        else:
            parts.append(f"sorted by {self.sort}{' (reversed)' if self.reverse else ''}")
        notice = ""
        if count:
            parts.append(f"row {row + 1:,}")
            current = self.list.current
            if current is not None and current.id in self.list.drafts:
                # First, so that 80 columns do not cut it after the counts.
                notice = "* unsaved work kept here: Enter reopens it · "
        elif total:
            parts.append("nothing matches the filter: Esc clears it")
        width = (status.content_size.width or self.size.width - 2) - len(notice)
        line = notice + fitted(parts, unread_part, self.progress, width)
        # Fixed one-line widgets: updating them must not lay the whole screen out again.
        status.update(line, layout=False)

    def _find_snippet(self) -> None:
        typing = self.focused is self.query_one("#library-filter")
        self.sentence.follow(self.list.current, self.filter_query, typing=typing)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id == "library-filter":
            self._find_snippet()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "library-filter":
            self._find_snippet()

    @on(ArticleList.Open)
    def _open(self, message: ArticleList.Open) -> None:
        self.sorot.open_article(message.article_id)

    # -- actions -----------------------------------------------------------------------

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

    def sort_keys(self) -> tuple[str, ...]:
        """The sorts the library offers now: relevance too while there are words to rank by."""
        return (RANKED, *SORT_KEYS) if self.filter_query.words else SORT_KEYS

    def action_cycle_sort(self) -> None:
        keys = self.sort_keys()
        position = keys.index(self.sort) if self.sort in keys else -1
        self.set_sort(keys[(position + 1) % len(keys)])

    def set_sort(self, sort: str, reverse: bool | None = None) -> None:
        """Sort by ``sort`` (one of ``SORT_KEYS``, or ``relevance``)."""
        self.sort = sort
        self._sort_chosen = True
        if reverse is not None:
            self.reverse = reverse
        self.refilter()

    def action_reverse_sort(self) -> None:
        self.reverse = not self.reverse
        self.refilter()

    def visible_ids(self) -> list[str]:
        """Ids of the articles the filter shows, in the list's order."""
        rows = self.sorot.workspace.row_data(self.list.rows.numbers)
        return [rows[n].id for n in self.list.rows.numbers if n in rows]

    def action_reload(self) -> None:
        """Read every annotation file again (a colleague's work, an import), and the corpus's
        folders for new articles."""
        workspace = self.sorot.workspace
        ids = set(workspace.annotated)
        try:
            ids.update(workspace.store.article_ids())
        except Exception as error:  # a folder that cannot be listed is said, not raised
            self.notify(printable(str(error)), severity="error")
        self.sorot.live.arrived(ids)
        self.notify("Annotations reloaded.", timeout=3)
        self.sorot.refresh_corpus()

    def action_export(self) -> None:
        self.sorot.open_export(self.filter_query)

    def action_toggle_read(self) -> None:
        entry = self.list.current
        if entry is not None:
            self.sorot.toggle_read(entry.id)
            self.list.mark_read(self.sorot.read_ids())
            self.list.post_message(ArticleList.Highlighted(self.list.cursor, len(self.list.rows)))

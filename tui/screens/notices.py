"""The log of notices on ctrl+l: every message of the session, newest first."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from store.news.safetext import printable
from tui.notices import Notice
from tui.widgets.footer import Footer

MARKS = {"error": ("✗", "bold red"), "warning": ("!", "yellow"), "information": ("·", "dim")}


def notice_table(notices: list[Notice]) -> Table:
    """One row a notice, newest first: time, a mark for its severity, title and message."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="dim", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for notice in reversed(notices):
        mark, style = MARKS.get(notice.severity, MARKS["information"])
        text = Text()
        if notice.title:
            text.append(printable(notice.title) + ": ", "bold")
        text.append(printable(notice.message))
        table.add_row(f"{notice.at:%H:%M:%S}", Text(mark, style), text)
    return table


class NoticesScreen(ModalScreen[None]):
    """Every notice of the session, to read again what a toast said and took away."""

    BINDINGS = [Binding("escape,q,ctrl+l", "dismiss", "Close", id="notices.close")]

    DEFAULT_CSS = """
    NoticesScreen { align: center middle; }
    NoticesScreen > VerticalScroll { width: 100; max-width: 100%; height: auto;
        max-height: 90%; border: round $accent; background: $surface; padding: 0 1; }
    """

    def __init__(self, notices: list[Notice]) -> None:
        super().__init__()
        self.notices = notices

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = f"Notices · {len(self.notices)}"
            scroll.border_subtitle = "newest first · Esc closes"
            if self.notices:
                yield Static(notice_table(self.notices), id="notices")
            else:
                yield Static(Text("Nothing to report yet.", style="dim italic"), id="notices")
        yield Footer()

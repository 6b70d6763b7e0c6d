"""The reader's search line: `/` opens it, Enter keeps the matches, Esc drops them."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """A one-line input that reports each edit so matches highlight as you type."""

    BINDINGS = [Binding("escape", "cancel", "Cancel search", id="search.cancel")]

    DEFAULT_CSS = """
    SearchBar, SearchBar:focus { height: 1; border: none; padding: 0 1;
                                 display: none; background: $boost; }
    SearchBar.-open { display: block; }
    """

    class QueryChanged(Message):
        """The query was edited."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Finished(Message):
        """The search ended: ``keep`` is False when it was cancelled."""

        def __init__(self, query: str, keep: bool) -> None:
            super().__init__()
            self.query = query
            self.keep = keep

    def __init__(self, **kwargs: object) -> None:
        super().__init__(placeholder="search (Enter keeps, Esc cancels)", **kwargs)  # type: ignore[arg-type]

    def open(self, query: str = "") -> None:
        """Show the bar, focused, holding ``query``."""
        self.value = query
        self.add_class("-open")
        self.focus()
        self.cursor_position = len(query)

    def close(self) -> None:
        """Hide the bar."""
        self.remove_class("-open")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.QueryChanged(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close()
        self.post_message(self.Finished(event.value, keep=True))

    def action_cancel(self) -> None:
        self.close()
        self.post_message(self.Finished(self.value, keep=False))

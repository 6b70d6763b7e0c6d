"""One key for a claim's status: ``S`` on a claim, then the status's letter.

Changing a verdict was Enter, Tab to Status, a list, ctrl+s. Here the
claim under the cursor gets its status from one letter; each status has
its own, shown beside it (``t`` true, ``f`` false, ``i`` misleading …).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from store.news.safetext import printable
from tui.widgets.footer import Footer
from tui.widgets.quote import Quote


def status_keys(statuses: Sequence[str]) -> dict[str, str]:
    """A letter for each status: its first letter if free, else its words' first letters,
    else its next free letter (``misleading`` after ``mostly true``: ``i``)."""
    keys: dict[str, str] = {}
    for status in statuses:
        words = status.casefold().split()
        tries = [word[0] for word in words if word] + [c for c in status.casefold() if c.isalpha()]
        key = next((c for c in tries if c.isalnum() and c not in keys), None)
        if key is not None:
            keys[key] = status
    return keys


class StatusPicker(ModalScreen[str | None]):
    """The statuses, each with its letter; the letter (or Enter on one) sets it, Esc cancels."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="status.cancel")]

    DEFAULT_CSS = """
    StatusPicker { align: center middle; }
    StatusPicker > Vertical { width: 40; max-width: 100%; height: auto;
        border: round $accent; background: $surface; padding: 0 1; }
    StatusPicker #quote { color: $text-muted; text-style: italic; margin-bottom: 1; }
    StatusPicker OptionList { height: auto; border: none; padding: 0; }
    """

    def __init__(self, statuses: Sequence[str], current: str | None, quote: str) -> None:
        super().__init__()
        self.statuses = list(statuses)
        if current and current not in self.statuses:
            self.statuses.append(current)  # a status from older settings stays visible
        self.current = current
        self.quote = quote
        self.keys = status_keys(self.statuses)

    def compose(self) -> ComposeResult:
        letter = {status: key for key, status in self.keys.items()}
        options = []
        for status in self.statuses:
            line = Text()
            line.append(f"{letter.get(status, ' ')}  ", "bold")
            line.append(printable(status))
            if status == self.current:
                line.append("  ← now", "dim")
            options.append(Option(line, id=status))
        with Vertical() as box:
            box.border_title = "Status"
            box.border_subtitle = "a letter sets it · Esc cancels"
            yield Quote(self.quote, 2, id="quote")
            yield OptionList(*options, id="statuses", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        found = self.query_one(OptionList)
        found.focus()
        if self.current in self.statuses:
            found.highlighted = self.statuses.index(self.current)

    def on_key(self, event: events.Key) -> None:
        chosen = self.keys.get((event.character or "").casefold())
        if chosen is not None and event.is_printable:
            event.stop()
            self.dismiss(chosen)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

"""The form for a note: on a passage, or on the whole article."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static, TextArea

from tui.safe import field, kept, shown_lines
from tui.screens.form import FormScreen, Problem
from tui.widgets.footer import Footer
from tui.widgets.quote import Quote

QUOTE_LINES = 4
"""Lines of the passage shown above the note (cut with … when it goes on)."""


class NoteForm(FormScreen[str | None]):
    """A text box; ctrl+s saves, Esc cancels. Returns the note's text."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="note-form.cancel"),
        Binding("ctrl+s", "save", "Save", id="note-form.save"),
        Binding("ctrl+t", "take_theirs", "Take theirs", id="note-form.take-theirs"),
    ]

    DEFAULT_CSS = """
    NoteForm > Vertical { width: 80; }
    NoteForm #quote { color: $text-muted; text-style: italic; margin-bottom: 1; }
    NoteForm TextArea { height: 6; }
    NoteForm #history { color: $text-muted; max-height: 3; margin-top: 1; }
    NoteForm #buttons { margin-top: 1; }
    """

    def __init__(
        self,
        quote: str | None,
        text: str = "",
        *,
        editing: bool = False,
        restored: bool = False,
        save: Callable[[str], Problem] | None = None,
        history: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.quote = quote
        self.text = text
        self._filled_from = text
        """The stored text the box was filled from (shown through ``tui.safe.field``)."""
        self.editing = editing
        self.restored = restored
        self.save = save
        self.history = list(history)
        self.theirs: str | None = None
        """A colleague's text after a conflict, for ctrl+t."""

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            what = "note on the article" if self.quote is None else "note"
            box.border_title = (f"Edit {what}" if self.editing else f"New {what}") + (
                " · not saved last time" if self.restored else ""
            )
            box.border_subtitle = "ctrl+s save · Esc cancel"
            if self.quote is not None:
                yield Quote(self.quote, QUOTE_LINES, id="quote")
            yield TextArea(field(self.text, lines=True), id="note", soft_wrap=True, compact=True)
            if self.history:
                yield Static(shown_lines("\n".join(self.history[-3:])), id="history")
            yield self.problem_line()
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Save", variant="primary", id="save", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def current_text(self) -> str:
        """What is written in the box now (the stored text itself while left as shown)."""
        return kept(self.query_one(TextArea).text, self._filled_from, lines=True)

    def action_save(self) -> None:
        text = self.current_text().strip()
        if not text:
            self.notify("The note is empty; write something or press Esc.", severity="warning")
            return
        self.submit(text)

    def holds_work(self) -> bool:
        return self.restored or self.current_text().strip() != self.text.strip()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # ctrl+t is in the footer only while there is a colleague's change to take.
        if action == "take_theirs" and self.theirs is None:
            return False
        return super().check_action(action, parameters)

    def action_take_theirs(self) -> None:
        """After a conflict: put the colleague's text in the box (then ctrl+s saves)."""
        if self.theirs is None:
            self.notify("No colleague's change to take here.", severity="information")
            return
        area = self.query_one(TextArea)
        area.text = field(self.theirs, lines=True)
        self._filled_from, self.theirs = self.theirs, None
        self.refresh_bindings()
        self.say_problem("Their text is in the box: ctrl+s saves it, or edit first.")

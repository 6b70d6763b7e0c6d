"""What sorot's small forms share: a centred box, one-line rows, Save and Cancel.

Each form (claim, note, entity) sets its own width and fields, its own key
ids, and ``action_save``, which hands the form's values to :meth:`FormScreen.submit`.
Typed work is never lost by the form:

- a form given a ``save`` function closes only once that function has saved;
  when it cannot (a full disk, a colleague's change to the same field), the
  form stays open with everything typed and says why on its problem line;
- Esc on a form holding typed or restored work asks first: a second Esc
  discards, any other key goes on editing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea

from store.news.safetext import printable

Result = TypeVar("Result")

FIELD_KEYS = [
    # Priority: the app moves the focus as the key arrives. As an ordinary
    # binding, Tab moved it only after the key had bubbled up from the field,
    # and what a fast typist typed next went to the field being left.
    Binding("tab", "next_field", "Next field", show=False, priority=True),
    Binding("shift+tab", "previous_field", "Previous field", show=False, priority=True),
]
"""Tab and shift+tab in sorot's forms and dialogs (with ``FieldKeys``)."""


class FieldKeys:
    """Keys for a modal form or dialog typed faster than it opens still reach its fields.

    What is typed right behind the key that opened it (``a`` and then the
    note, ``c`` then Tab Tab and the speaker: one burst over SSH) arrives
    before any field has the focus. It is held, Tab included, and replayed
    through the app once the first field has the focus, in order.
    """

    _early_keys: list[tuple[str, str | None]] | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Before a field has the focus, Tab waits with the other early keys.
        if action in ("next_field", "previous_field"):
            return self.focused is not None  # type: ignore[attr-defined]
        return True

    def action_next_field(self) -> None:
        self.focus_next()  # type: ignore[attr-defined]

    def action_previous_field(self) -> None:
        self.focus_previous()  # type: ignore[attr-defined]

    def take_early_key(self, event: events.Key) -> bool:
        """Hold ``event``, typed before a field had the focus; False if it is not for a field."""
        if not (event.is_printable or event.key in ("tab", "shift+tab")):
            return False  # Esc, ctrl+s: the form's own keys, at once
        if self._early_keys is None:
            self._early_keys = []
        self._early_keys.append((event.key, event.character))
        self._give_early_keys()
        return True

    def on_key(self, event: events.Key) -> None:
        # A key reaches the screen itself only while no field has the focus.
        if self.focused is None and self.take_early_key(event):  # type: ignore[attr-defined]
            event.stop()
            event.prevent_default()

    def on_descendant_focus(self) -> None:
        self._give_early_keys()

    def _give_early_keys(self) -> None:
        held = self._early_keys
        if self.focused is None or not held:  # type: ignore[attr-defined]
            return
        self._early_keys = None
        for key, character in held:
            # Through the app, as if typed now: Tab moves on, text goes to the field.
            self.app.post_message(events.Key(key, character))  # type: ignore[attr-defined]


Problem = str | None
"""What a save function answers: ``None`` when saved, else why not (one sentence)."""


class FormScreen(FieldKeys, ModalScreen[Result], Generic[Result]):
    """A modal form in a bordered box; subclasses add fields and ``action_save``."""

    BINDINGS = FIELD_KEYS

    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > Vertical { max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1; }
    FormScreen .row { height: 1; margin-bottom: 1; }
    FormScreen .row > Label { color: $text-muted; }
    FormScreen .row > Select, FormScreen .row > Input { width: 1fr; }
    FormScreen #buttons { height: 1; align-horizontal: right; }
    FormScreen Button { margin-left: 2; }
    FormScreen #problem { color: $text-error; display: none; height: auto; }
    FormScreen #problem.-shown { display: block; margin-top: 1; }
    """

    save: Callable[[Result], Problem] | None = None
    """Saves the form's values; the form closes only when it answers ``None``."""
    restored = False
    """The form comes back from a draft: its content is work even untouched."""
    _confirming = False

    def problem_line(self) -> Static:
        """The line that says why the form did not close (hidden until then)."""
        return Static(id="problem")

    def say_problem(self, text: str) -> None:
        """Show ``text`` (from outside: made safe) on the problem line; the form stays."""
        line = self.query_one("#problem", Static)
        line.update(Text(printable(text)))
        line.add_class("-shown")

    def clear_problem(self) -> None:
        """Hide the problem line."""
        self.query_one("#problem", Static).remove_class("-shown")

    def submit(self, values: Result) -> None:
        """Save ``values`` through ``save`` (if given) and close, or stay open and say why."""
        self._confirming = False
        if self.save is not None:
            problem = self.save(values)
            if problem is not None:
                self.say_problem(problem)
                return
        self.dismiss(values)

    def holds_work(self) -> bool:
        """True when closing would lose what the user typed (subclasses know their fields)."""
        return self.restored

    def action_save(self) -> None:  # pragma: no cover - every form defines it
        raise NotImplementedError

    def action_cancel(self) -> None:
        if self.holds_work() and not self._confirming:
            self._confirming = True
            self.say_problem(
                "Discard what you typed? Esc again discards it; any other key goes on editing."
            )
            return
        self.dismiss(None)

    def on_key(self, event: events.Key) -> None:
        # (Textual also runs FieldKeys.on_key: handlers are called along the MRO.)
        if event.key != "escape":
            self._go_on_editing()

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _edited(self) -> None:
        self._go_on_editing()

    def _go_on_editing(self) -> None:
        # Any key but a second Esc, or any edit, means: go on editing; a later Esc asks again.
        if self._confirming:
            self._confirming = False
            self.clear_problem()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self._confirming = True  # a click on Cancel is a deliberate choice
        self.action_cancel()

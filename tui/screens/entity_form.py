"""The small form in which the user corrects an entity: its type, its key, or no entity at all."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, Select

from store.entities.keys import key_of
from store.entities.model import TYPES, Entity
from tui.safe import field, kept, shown, snippet
from tui.screens.form import FormScreen
from tui.widgets.choice import Choice
from tui.widgets.footer import Footer
from tui.widgets.quote import Quote
from tui.widgets.tickbox import TickBox


@dataclass(frozen=True)
class EntityFields:
    """What the form returns."""

    action: str
    """``save``, ``reject`` (no entity here) or ``revert`` (take back the corrections here)."""
    type: str = ""
    key: str = ""
    every: bool = False
    """Apply to every mention of the entity's key in the article, not only this one (for a
    new entity: to every occurrence of its text)."""


class EntityForm(FormScreen[EntityFields | None]):
    """Type and key of a span; Save, Reject (on an entity), Undo correction; Esc cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="entity-form.cancel"),
        Binding("ctrl+s", "save", "Save", id="entity-form.save"),
    ]

    DEFAULT_CSS = """
    EntityForm > Vertical { width: 64; }
    EntityForm #entity-text { color: $text-muted; text-style: italic; margin-bottom: 1; }
    EntityForm .row > Label { width: 6; }
    EntityForm #every { margin-bottom: 1; }
    /* four buttons (Cancel, Undo correction, Reject, Save) fit in the box */
    EntityForm #buttons Button { min-width: 8; margin-left: 2; }
    """

    def __init__(
        self,
        text: str,
        keys: list[str],
        current: Entity | None = None,
        *,
        mentions: int = 1,
        occurrences: int = 1,
        corrected: bool = False,
    ) -> None:
        super().__init__()
        self.text = text
        self.keys = keys
        self.current = current
        self.mentions = mentions
        self.occurrences = occurrences
        self.corrected = corrected
        self._auto_key = current.key if current else key_of(text, TYPES[0])

    def compose(self) -> ComposeResult:
        current = self.current
        with Vertical() as box:
            box.border_title = (
                shown(f"Entity · {current.type} · {current.key}") if current else "New entity"
            )
            box.border_subtitle = "Tab next field · ctrl+s save · Esc cancel"
            yield Quote(self.text, 2, id="entity-text")
            with Horizontal(classes="row"):
                yield Label("Type")
                yield Choice(
                    [(t, t) for t in TYPES],
                    value=current.type if current else TYPES[0],
                    allow_blank=False,
                    compact=True,
                    id="entity-type",
                )
            with Horizontal(classes="row"):
                yield Label("Key")
                yield Input(
                    value=field(self._auto_key),
                    placeholder="the canonical name (→ completes this article's keys)",
                    suggester=SuggestFromList(self.keys, case_sensitive=False),
                    compact=True,
                    id="entity-key",
                )
            if current is not None and self.mentions > 1:
                yield TickBox(
                    shown(f"every mention of {current.key} here ({self.mentions})"),
                    compact=True,
                    id="every",
                )
            elif current is None and self.occurrences > 1:
                # A name is a name wherever it stands: a new one is marked everywhere unless
                # the user says otherwise.
                yield TickBox(
                    shown(f"every “{snippet(self.text, 32)}” in this article ({self.occurrences})"),
                    value=True,
                    compact=True,
                    id="every",
                )
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                if self.corrected:
                    yield Button("Undo correction", id="revert", compact=True)
                if current is not None:
                    yield Button("Reject", variant="error", id="reject", compact=True)
                yield Button("Save", variant="primary", id="save", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#entity-type", Select).focus()

    @on(Select.Changed, "#entity-type")
    def _type_changed(self, event: Select.Changed) -> None:
        # A new entity's key follows its type until the user edits it.
        if self.current is not None:
            return
        box = self.query_one("#entity-key", Input)
        if box.value == field(self._auto_key):
            self._auto_key = key_of(self.text, str(event.value))
            box.value = field(self._auto_key)

    def _every(self) -> bool:
        found = self.query("#every")
        return bool(found) and bool(found.first(Checkbox).value)

    def fields(self, action: str = "save") -> EntityFields:
        """The form's current values."""
        return EntityFields(
            action=action,
            type=str(self.query_one("#entity-type", Select).value),
            key=" ".join(kept(self.query_one("#entity-key", Input).value, self._auto_key).split()),
            every=self._every(),
        )

    def action_save(self) -> None:
        self.dismiss(self.fields())

    @on(Button.Pressed, "#reject")
    def _reject(self) -> None:
        self.dismiss(self.fields("reject"))

    @on(Button.Pressed, "#revert")
    def _revert(self) -> None:
        self.dismiss(self.fields("revert"))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

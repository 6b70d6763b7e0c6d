"""The small form in which a passage becomes a claim, or a claim is edited."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from tui.safe import choices, field, kept, shown_lines
from tui.screens.form import FormScreen, Problem
from tui.widgets.choice import Choice
from tui.widgets.footer import Footer
from tui.widgets.quote import Quote
from tui.widgets.tag_suggester import TagSuggester

QUOTE_LINES = 3
"""Lines of the quote shown at the top of the form (cut with … when it goes on)."""


@dataclass(frozen=True)
class ClaimFields:
    """What the form returns when saved."""

    claim_type: str
    status: str
    speaker: str
    tags: tuple[str, ...]
    note: str


class ClaimForm(FormScreen[ClaimFields | None]):
    """Claim type, status, speaker, tags and a note; ctrl+s saves, Esc cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="claim-form.cancel"),
        Binding("ctrl+s", "save", "Save", id="claim-form.save"),
        Binding("ctrl+t", "take_theirs", "Take theirs", id="claim-form.take-theirs"),
    ]

    DEFAULT_CSS = """
    ClaimForm > Vertical { width: 80; }
    ClaimForm #quote { color: $text-muted; text-style: italic; margin-bottom: 1; }
    ClaimForm .row > Label { width: 9; }
    ClaimForm #status-label { margin-left: 2; width: 8; }
    ClaimForm #note { height: 3; }
    ClaimForm #history { color: $text-muted; max-height: 3; margin-top: 1; }
    ClaimForm #buttons { margin-top: 1; }
    """

    def __init__(
        self,
        quote: str,
        claim_types: tuple[str, ...],
        statuses: tuple[str, ...],
        speakers: list[str],
        current: ClaimFields | None = None,
        *,
        editing: bool | None = None,
        restored: bool = False,
        save: Callable[[ClaimFields], Problem] | None = None,
        history: Sequence[str] = (),
        tags: Sequence[str] = (),
        carried: bool = False,
    ) -> None:
        """``current`` fills the fields; ``editing`` (default: whether there is a
        ``current``) titles the form, ``restored`` says it comes back from a draft;
        ``save`` saves (the form stays open when it cannot); ``history`` lines show
        who changed the claim before; ``tags`` are completed in the tags field;
        ``carried`` says the type and speaker come from the user's last claim."""
        super().__init__()
        self.quote = quote
        self.claim_types = claim_types
        self.statuses = statuses
        self.speakers = speakers
        self.current = current
        self.editing = current is not None if editing is None else editing
        self.restored = restored
        self.save = save
        self.history = list(history)
        self.tags = list(tags)
        self.carried = carried
        self.theirs: dict[str, Any] = {}
        """A colleague's values of the fields in conflict, for ctrl+t."""
        self.shown_values = current or ClaimFields(claim_types[0], statuses[0], "", (), "")
        """The stored values the fields were filled from (shown through ``tui.safe.field``)."""

    def compose(self) -> ComposeResult:
        current = self.current
        # Values from older settings stay choosable rather than being lost on save.
        types = list(self.claim_types)
        statuses = list(self.statuses)
        if current and current.claim_type not in types:
            types.append(current.claim_type)
        if current and current.status not in statuses:
            statuses.append(current.status)
        with Vertical() as box:
            box.border_title = ("Edit claim" if self.editing else "New claim") + (
                " · not saved last time"
                if self.restored
                else " · type and speaker as your last claim"
                if self.carried
                else ""
            )
            box.border_subtitle = "Tab next field · ctrl+s save · Esc cancel"
            yield Quote(self.quote, QUOTE_LINES, id="quote")
            with Horizontal(classes="row"):
                yield Label("Type")
                yield Choice(
                    choices(types),
                    value=current.claim_type if current else types[0],
                    allow_blank=False,
                    compact=True,
                    id="claim-type",
                )
                yield Label("Status", id="status-label")
                yield Choice(
                    choices(statuses),
                    value=current.status if current else statuses[0],
                    allow_blank=False,
                    compact=True,
                    id="status",
                )
            with Horizontal(classes="row"):
                yield Label("Speaker")
                yield Input(
                    value=field(current.speaker) if current else "",
                    placeholder="who says it: KCNA, Kim Jong Un … (→ completes)",
                    suggester=SuggestFromList(self.speakers, case_sensitive=False),
                    compact=True,
                    id="speaker",
                )
            with Horizontal(classes="row"):
                yield Label("Tags")
                yield Input(
                    value=field(", ".join(current.tags)) if current else "",
                    placeholder="comma-separated: troops, casualties (→ completes tags in use)",
                    suggester=TagSuggester(self.tags),
                    compact=True,
                    id="tags",
                )
            yield Label("Note", classes="note-label")
            note = field(current.note, lines=True) if current else ""
            yield TextArea(note, id="note", soft_wrap=True, compact=True)
            if self.history:
                yield Static(shown_lines("\n".join(self.history[-3:])), id="history")
            yield self.problem_line()
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Save", variant="primary", id="save", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#claim-type", Select).focus()

    def fields(self) -> ClaimFields:
        """The form's current values (a field left as it was shown keeps its stored value)."""
        shown = self.shown_values
        speaker = kept(self.query_one("#speaker", Input).value, shown.speaker)
        tags_typed = self.query_one("#tags", Input).value
        tags = (
            shown.tags
            if tags_typed == field(", ".join(shown.tags))
            else tuple(t.strip() for t in tags_typed.split(",") if t.strip())
        )
        return ClaimFields(
            claim_type=str(self.query_one("#claim-type", Select).value),
            status=str(self.query_one("#status", Select).value),
            speaker=speaker.strip(),
            tags=tags,
            note=kept(self.query_one("#note", TextArea).text, shown.note, lines=True).strip(),
        )

    def action_save(self) -> None:
        self.submit(self.fields())

    def holds_work(self) -> bool:
        if self.restored:
            return True
        start = self.current or ClaimFields(self.claim_types[0], self.statuses[0], "", (), "")
        return self.fields() != start

    def show(self, values: dict[str, Any]) -> None:
        """Put ``values`` (field name → value) into the form's fields."""
        for name, value in values.items():
            if name == "claim_type":
                self.query_one("#claim-type", Select).value = value
            elif name == "status":
                box = self.query_one("#status", Select)
                box.set_options(
                    choices([*self.statuses, *([] if value in self.statuses else [value])])
                )
                box.value = value
            elif name == "speaker":
                self.query_one("#speaker", Input).value = field(value or "")
            elif name == "tags":
                self.query_one("#tags", Input).value = field(", ".join(value or ()))
            elif name == "note":
                self.query_one("#note", TextArea).text = field(value or "", lines=True)
            empty: Any = () if name == "tags" else ""
            self.shown_values = replace(self.shown_values, **{name: value or empty})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # ctrl+t is in the footer only while there is a colleague's change to take.
        if action == "take_theirs" and not self.theirs:
            return False
        return super().check_action(action, parameters)

    def action_take_theirs(self) -> None:
        """After a conflict: put the colleague's values in the fields (then ctrl+s saves)."""
        if not self.theirs:
            self.notify("No colleague's change to take here.", severity="information")
            return
        self.show(self.theirs)
        self.theirs = {}
        self.refresh_bindings()
        self.say_problem("Their values are in the form: ctrl+s saves them, or edit first.")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        # Enter in a one-line field saves, as in most forms.
        self.action_save()

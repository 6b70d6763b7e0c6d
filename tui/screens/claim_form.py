"""The small form in which a passage becomes a claim, or a claim is edited."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from store.news.safetext import printable
from tui.screens.form import FormScreen

QUOTE_PREVIEW = 240
"""Characters of the quote shown at the top of the form."""


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
    ]

    DEFAULT_CSS = """
    ClaimForm > Vertical { width: 80; }
    ClaimForm #quote { color: $text-muted; text-style: italic; max-height: 3;
        margin-bottom: 1; }
    ClaimForm .row > Label { width: 9; }
    ClaimForm #status-label { margin-left: 2; width: 8; }
    ClaimForm #note { height: 3; }
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
    ) -> None:
        """``current`` fills the fields; ``editing`` (default: whether there is a
        ``current``) titles the form, ``restored`` says it comes back from a draft."""
        super().__init__()
        self.quote = quote
        self.claim_types = claim_types
        self.statuses = statuses
        self.speakers = speakers
        self.current = current
        self.editing = current is not None if editing is None else editing
        self.restored = restored

    def compose(self) -> ComposeResult:
        current = self.current
        # Values from older settings stay choosable rather than being lost on save.
        types = list(self.claim_types)
        statuses = list(self.statuses)
        if current and current.claim_type not in types:
            types.append(current.claim_type)
        if current and current.status not in statuses:
            statuses.append(current.status)
        quote = printable(" ".join(self.quote.split()))
        if len(quote) > QUOTE_PREVIEW:
            quote = quote[: QUOTE_PREVIEW - 1] + "…"
        with Vertical() as box:
            box.border_title = ("Edit claim" if self.editing else "New claim") + (
                " · not saved last time" if self.restored else ""
            )
            box.border_subtitle = "Tab next field · ctrl+s save · Esc cancel"
            yield Static(Text(f"“{quote}”"), id="quote")
            with Horizontal(classes="row"):
                yield Label("Type")
                yield Select(
                    [(t, t) for t in types],
                    value=current.claim_type if current else types[0],
                    allow_blank=False,
                    compact=True,
                    id="claim-type",
                )
                yield Label("Status", id="status-label")
                yield Select(
                    [(s, s) for s in statuses],
                    value=current.status if current else statuses[0],
                    allow_blank=False,
                    compact=True,
                    id="status",
                )
            with Horizontal(classes="row"):
                yield Label("Speaker")
                yield Input(
                    value=current.speaker if current else "",
                    placeholder="who says it: KCNA, Kim Jong Un … (→ completes)",
                    suggester=SuggestFromList(self.speakers, case_sensitive=False),
                    compact=True,
                    id="speaker",
                )
            with Horizontal(classes="row"):
                yield Label("Tags")
                yield Input(
                    value=", ".join(current.tags) if current else "",
                    placeholder="comma-separated: troops, casualties",
                    compact=True,
                    id="tags",
                )
            yield Label("Note", classes="note-label")
            yield TextArea(current.note if current else "", id="note", soft_wrap=True, compact=True)
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Save", variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        self.query_one("#claim-type", Select).focus()

    def fields(self) -> ClaimFields:
        """The form's current values."""
        tags = self.query_one("#tags", Input).value.split(",")
        return ClaimFields(
            claim_type=str(self.query_one("#claim-type", Select).value),
            status=str(self.query_one("#status", Select).value),
            speaker=self.query_one("#speaker", Input).value.strip(),
            tags=tuple(t.strip() for t in tags if t.strip()),
            note=self.query_one("#note", TextArea).text.strip(),
        )

    def action_save(self) -> None:
        self.dismiss(self.fields())

    @on(Input.Submitted)
    def _submitted(self) -> None:
        # Enter in a one-line field saves, as in most forms.
        self.action_save()

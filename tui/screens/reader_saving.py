"""Saving a claim or note form from the reader, where a save may not go through.

The form stays open until :class:`Saving` answers that it saved. When it
cannot, the form keeps every field as typed, its draft is written at once,
and the problem line says why and what to do:

- the disk or the folder refused: ``ctrl+s`` tries again;
- a colleague changed the same field since the form opened: both values are
  shown with who and when; ``ctrl+s`` keeps the user's, ``ctrl+t`` takes
  the colleague's into the form;
- a colleague deleted the claim being edited: ``ctrl+s`` saves it anew.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from store.annotations.annotation import Annotation
from store.annotations.article_annotations import Gone
from store.annotations.conflicts import EditConflict
from store.files.jsonfile import StoreError
from tui.screens.claim_form import ClaimForm
from tui.screens.note_form import NoteForm

if TYPE_CHECKING:
    from tui.screens.reader_claims import ClaimsAndNotes


class Saving:
    """What one open form saves, and how far it got."""

    def __init__(
        self,
        reader: ClaimsAndNotes,
        kind: str,
        span: tuple[int, int] | None,
        editing: Annotation | None,
    ) -> None:
        self.reader = reader
        self.kind = kind
        self.span = span
        self.editing = editing
        """The annotation as the user last saw it (moves on after a conflict)."""
        self.gone: Annotation | None = None
        """Deleted by a colleague while being edited: the next save makes it anew."""

    def save(self, form: ClaimForm | NoteForm, changes: dict[str, Any]) -> str | None:
        """Save ``changes``; ``None`` when saved, else the sentence the form shows."""
        annotations = self.reader.annotations
        try:
            if self.gone is not None:
                annotations.save_anew(self.gone, **changes)
            elif self.editing is not None:
                annotations.edit(self.editing, **changes)
            elif self.kind == "claim":
                start, end = self.span  # type: ignore[misc]
                annotations.add_claim(start, end, **changes)  # type: ignore[arg-type]
            else:
                annotations.add_note(str(changes["note"]), self.span)
        except EditConflict as conflict:
            return self._conflict(form, conflict)
        except Gone as gone:
            self.gone = gone.annotation
            self._keep_draft()
            return (
                f"This {self.kind} was deleted by a colleague meanwhile. "
                f"ctrl+s saves it as a new {self.kind}; Esc twice discards it."
            )
        except StoreError as error:
            # Say "as a draft" only when it is one: on a full disk the draft fails too.
            kept = " (and as a draft)" if self._keep_draft() else " (not as a draft: keep it open)"
            return f"Not saved: {error}. What you typed stays here{kept}; ctrl+s tries again."
        return None

    def _conflict(self, form: ClaimForm | NoteForm, conflict: EditConflict) -> str:
        # The next ctrl+s starts from what is stored now: it keeps the user's values.
        self.editing = conflict.current
        theirs = {c.field: c.theirs for c in conflict.conflicts}
        if isinstance(form, NoteForm):
            form.theirs = str(theirs.get("note", ""))
        else:
            form.theirs = theirs
        form.refresh_bindings()  # ctrl+t "Take theirs" shows in the form's footer
        self._keep_draft()
        said = "; ".join(
            f"{c.field}: yours {_shown(c.mine)}, {c.by} set {_shown(c.theirs)} at {c.at[11:16]}"
            for c in conflict.conflicts
        )
        return (
            f"Changed by a colleague since you opened it: {said}. "
            "ctrl+s keeps yours, ctrl+t takes theirs."
        )

    def _keep_draft(self) -> bool:
        # A failed save is exactly when the draft matters: keep it now, not in 1.5 s.
        return self.reader.keep_draft()

    def finished(self) -> None:
        """The form closed after a save: tell the reader."""
        reader = self.reader
        if self.editing is None and self.gone is None:
            reader.view.clear_selection()
        reader._changed(f"{self.kind.capitalize()} saved.")


def _shown(value: Any) -> str:
    if isinstance(value, tuple | list):
        return "[" + ", ".join(map(str, value)) + "]"
    return repr(value) if value else "nothing"


def history_lines(annotation: Annotation | None) -> list[str]:
    """Who made ``annotation`` and who changed what since, one line each, newest last."""
    if annotation is None:
        return []
    lines = [f"made by {annotation.annotator} {annotation.created[:16].replace('T', ' ')}"]
    for edit in annotation.history:
        changes = ", ".join(
            f"{name} {_shown(old)} → {_shown(new)}"
            for name, old, new in edit.changes
            if name != "note"
        )
        if any(name == "note" for name, _old, _new in edit.changes):
            changes = ", ".join(filter(None, [changes, "the note"]))
        why = f" ({edit.note})" if edit.note else ""
        lines.append(f"{edit.by} {edit.at[:16].replace('T', ' ')}: {changes}{why}")
    return lines

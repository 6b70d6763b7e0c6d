"""The reader's claims and notes: marking, editing, deleting, undoing, the panel.

A mixin of ``ReaderScreen`` (its keys are bound there); it uses the screen's
``view``, ``annotations``, ``panel``, ``_guard`` and ``_status``.
"""

from __future__ import annotations

from store.annotations.annotation import Annotation
from store.annotations.history import Outcome
from store.exchange.citation import quotation
from tui.clipboard import copy_text
from tui.screens.claim_form import ClaimFields, ClaimForm
from tui.screens.note_form import NoteForm
from tui.screens.reader_common import FAILED, body_snippet
from tui.screens.reader_drafts import DraftsInReader
from tui.screens.reader_saving import Saving, history_lines
from tui.widgets.annotation_panel import AnnotationPanel
from tui.widgets.entity_panel import EntityPanel


class ClaimsAndNotes(DraftsInReader):
    """Actions on the claims and notes of the article being read."""

    # -- claims and notes -------------------------------------------------------

    def _target(self) -> tuple[int, int] | None:
        """The selection, else the sentence under the cursor."""
        selection = self.view.selection
        if selection is not None:
            return selection
        return self.view.units.sentence_at(self.view.cursor)

    def action_claim(self) -> None:
        target = self._target()
        if target is None:
            self.notify("There is no text here to mark as a claim.", severity="warning")
            return
        self._claim_form(target)

    def action_note(self) -> None:
        target = self._target()
        if target is None:
            self.action_article_note()
            return
        self._note_form(target)

    def action_article_note(self) -> None:
        self._note_form(None)

    def edit(self, annotation: Annotation) -> None:
        """Open the form of ``annotation``; saving replaces it (undoable)."""
        span = (
            (annotation.selector.start, annotation.selector.end)
            if annotation.selector is not None and not annotation.orphaned
            else None
        )
        if annotation.kind == "note":
            self._note_form(span, editing=annotation, text=annotation.note)
            return
        settings = self.sorot.settings
        current = ClaimFields(
            annotation.claim_type or settings.claim_types[0],
            annotation.status or settings.statuses[0],
            annotation.speaker or "",
            annotation.tags,
            annotation.note,
        )
        self._claim_form(span, editing=annotation, values=current)

    def _claim_form(
        self,
        span: tuple[int, int] | None,
        *,
        editing: Annotation | None = None,
        values: ClaimFields | None = None,
        restored: bool = False,
    ) -> None:
        settings = self.sorot.settings
        quote = editing.quote if editing is not None else self._quote(span)
        values = values or ClaimFields(settings.claim_types[0], settings.statuses[0], "", (), "")
        saving = Saving(self, "claim", span, editing)
        form = ClaimForm(
            quote,
            settings.claim_types,
            settings.statuses,
            self.sorot.speaker_candidates(self.annotations),
            values,
            editing=editing is not None,
            restored=restored,
            save=lambda fields: saving.save(form, _claim_changes(fields)),
            history=history_lines(editing),
        )

        def done(fields: ClaimFields | None) -> None:
            self._stop_writing()
            if fields is not None:
                saving.finished()

        self._start_writing(form, "claim", span, quote, editing, values)
        self.app.push_screen(form, done)

    def _note_form(
        self,
        span: tuple[int, int] | None,
        *,
        editing: Annotation | None = None,
        text: str = "",
        restored: bool = False,
    ) -> None:
        quote = editing.quote if editing is not None else self._quote(span)
        saving = Saving(self, "note", span, editing)
        form = NoteForm(
            quote or None,
            text,
            editing=editing is not None,
            restored=restored,
            save=lambda note: saving.save(form, {"note": note}),
            history=history_lines(editing),
        )

        def done(note: str | None) -> None:
            self._stop_writing()
            if note is not None:
                saving.finished()

        self._start_writing(form, "note", span, quote, editing, note=text)
        self.app.push_screen(form, done)

    def _quote(self, span: tuple[int, int] | None) -> str:
        return self.article.body[span[0] : span[1]] if span is not None else ""

    def _changed(self, message: str) -> None:
        self._redraw_annotations()
        self._status(message)
        self.sorot.annotations_changed(self.article.id)

    def action_edit(self) -> None:
        annotation = self.annotations.at(self.view.cursor)
        if annotation is None:
            self._status("No claim or note under the cursor: ] jumps to the next one.")
            return
        self.edit(annotation)

    def action_delete(self) -> None:
        annotation = self.annotations.at(self.view.cursor)
        if annotation is None:
            self._status("No claim or note under the cursor.")
            return
        if self._guard("delete", lambda: self.annotations.delete(annotation)) is FAILED:
            return
        self._changed(f"{annotation.kind.capitalize()} deleted · u undoes.")

    def action_jump(self, direction: int) -> None:
        found = self.annotations.next_from(self.view.cursor, direction)
        if found is None or found.selector is None:
            self._status("No claims or notes in this article yet: c marks one.")
            return
        self.view.move_to(found.selector.start)
        self._status(f"{found.kind} · {found.status or ''}".rstrip(" ·"))

    def action_undo(self) -> None:
        outcome = self._guard("undo", self.annotations.undo)
        if outcome is not FAILED:
            self._undone(outcome, "Undone")

    def action_redo(self) -> None:
        outcome = self._guard("redo", self.annotations.redo)
        if outcome is not FAILED:
            self._undone(outcome, "Redone")

    def _undone(self, outcome: Outcome | None, verb: str) -> None:
        if outcome is None:
            self._changed(f"Nothing to {verb[:-2].lower()}.")
            return
        change = outcome.change
        if change.corrections_added or change.corrections_removed:
            self._apply_corrections()  # an entity correction taken back or made again
        self._changed(outcome.say(verb))

    def action_refresh(self) -> None:
        self.colleague_saved()
        self.sorot.annotations_changed(self.article.id)
        self._status("Annotations reloaded.")

    def colleague_saved(self) -> None:
        """Someone saved in this article's file: draw what the folder holds now."""
        self._guard("reload the annotations", self.annotations.reload)
        self._redraw_annotations()
        self._apply_corrections()  # a colleague's entity corrections too

    def action_panel(self) -> None:
        panel = self.panel
        if not panel.has_class("-open"):
            self.query(EntityPanel).remove_class("-open")  # the two panels share the side
            panel.add_class("-open")
            panel.focus()
        elif panel.has_focus:
            panel.remove_class("-open")
            self.view.focus()
        else:
            panel.focus()

    def on_annotation_panel_leave(self) -> None:
        self.view.focus()

    def on_annotation_panel_chosen(self, message: AnnotationPanel.Chosen) -> None:
        annotation = self.annotations.get(message.annotation_id)
        if annotation is None:
            return
        if annotation.selector is None or annotation.orphaned:
            self.edit(annotation)
            return
        self.view.focus()
        self.view.move_to(annotation.selector.start)

    # -- copy -------------------------------------------------------------------

    def action_copy(self) -> None:
        """Copy the selection, the claim under the cursor or its sentence, with its citation."""
        speaker = None
        selection = self.view.selection
        if selection is not None:
            quote = self.article.body[selection[0] : selection[1]]
        else:
            annotation = self.annotations.at(self.view.cursor)
            span = self.view.units.sentence_at(self.view.cursor)
            if annotation is not None and annotation.selector is not None:
                quote, speaker = annotation.quote, annotation.speaker
            elif span is not None:
                quote = self.article.body[span[0] : span[1]]
            else:
                self._status("Nothing here to copy.")
                return
        text = quotation(self.article, quote, speaker)
        where = copy_text(self.app, text)
        self.view.clear_selection()
        self._status(f"Copied “{body_snippet(quote)}” with its citation {where}.")


def _claim_changes(fields: ClaimFields) -> dict[str, object]:
    return {
        "claim_type": fields.claim_type,
        "status": fields.status,
        "speaker": fields.speaker,
        "tags": fields.tags,
        "note": fields.note,
    }

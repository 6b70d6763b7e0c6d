"""The reader's claims and notes: marking, editing, deleting, undoing, the panel.

A mixin of ``ReaderScreen`` (its keys are bound there); it uses the screen's
``view``, ``annotations``, ``panel``, ``_guard`` and ``_status``.
"""

from __future__ import annotations

from dataclasses import replace

from textual.css.query import NoMatches

from store.annotation import Annotation
from store.citation import quotation
from store.drafts import Draft, Drafts
from tui.clipboard import copy_text
from tui.screens.claim_form import ClaimFields, ClaimForm
from tui.screens.note_form import NoteForm
from tui.screens.reader_common import FAILED, body_snippet
from tui.widgets.annotation_panel import AnnotationPanel
from tui.widgets.entity_panel import EntityPanel


class Writing:
    """The claim or note form open over the reader, and what it started with."""

    def __init__(self, form: ClaimForm | NoteForm, initial: Draft) -> None:
        self.form = form
        self.initial = initial
        """What the form held when it opened: not yet work worth keeping."""
        self.restored = False
        """Opened from a draft: closing it, saved or not, ends that draft."""
        self.kept: Draft | None = None
        """The draft last written for it."""
        self.complained = False

    def draft_of(self, values: ClaimFields | str) -> Draft:
        """The draft holding ``values`` (a claim's fields or a note's text)."""
        if isinstance(values, str):
            return replace(self.initial, note=values)
        return replace(
            self.initial,
            claim_type=values.claim_type,
            status=values.status,
            speaker=values.speaker,
            tags=values.tags,
            note=values.note,
        )

    def draft_now(self) -> Draft | None:
        """The form's content if it differs from how it opened (``None`` otherwise)."""
        form = self.form
        try:
            values = form.fields() if isinstance(form, ClaimForm) else form.current_text()
        except NoMatches:  # not composed yet, or already closed
            return None
        draft = self.draft_of(values)
        return None if draft.same_work(self.initial) else draft


class ClaimsAndNotes:
    """Actions on the claims and notes of the article being read."""

    _writing: Writing | None = None

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
        form = ClaimForm(
            quote,
            settings.claim_types,
            settings.statuses,
            self.sorot.speaker_candidates(self.annotations),
            values,
            editing=editing is not None,
            restored=restored,
        )

        def done(fields: ClaimFields | None) -> None:
            if fields is None:
                self._stop_writing()
                return
            changes = {
                "claim_type": fields.claim_type,
                "status": fields.status,
                "speaker": fields.speaker,
                "tags": fields.tags,
                "note": fields.note,
            }
            if editing is not None:
                saved = self._guard(
                    "save the claim", lambda: self.annotations.edit(editing, **changes)
                )
            else:
                start, end = span  # type: ignore[misc]
                saved = self._guard(
                    "save the claim", lambda: self.annotations.add_claim(start, end, **changes)
                )
            self._stop_writing()
            if saved is not FAILED:
                if editing is None:
                    self.view.clear_selection()
                self._changed("Claim saved.")

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
        form = NoteForm(quote or None, text, editing=editing is not None, restored=restored)

        def done(text: str | None) -> None:
            if text is None:
                self._stop_writing()
                return
            if editing is not None:
                saved = self._guard(
                    "save the note", lambda: self.annotations.edit(editing, note=text)
                )
            else:
                saved = self._guard("save the note", lambda: self.annotations.add_note(text, span))
            self._stop_writing()
            if saved is not FAILED:
                if editing is None:
                    self.view.clear_selection()
                self._changed("Note saved.")

        self._start_writing(form, "note", span, quote, editing, note=text)
        self.app.push_screen(form, done)

    def _quote(self, span: tuple[int, int] | None) -> str:
        return self.article.body[span[0] : span[1]] if span is not None else ""

    def _changed(self, message: str) -> None:
        self._redraw_annotations()
        self._status(message)
        self.sorot.annotations_changed(self.article.id)

    # -- drafts: a form's work outlives a dropped connection ---------------------

    def _start_writing(
        self,
        form: ClaimForm | NoteForm,
        kind: str,
        span: tuple[int, int] | None,
        quote: str,
        editing: Annotation | None,
        values: ClaimFields | None = None,
        note: str = "",
    ) -> None:
        start, end = span if span is not None else (None, None)
        editing_id = editing.id if editing is not None else None
        writing = Writing(form, Draft(kind, start, end, quote, editing_id))
        writing.initial = writing.draft_of(values if values is not None else note)
        self._writing = writing

    def _stop_writing(self) -> None:
        """The form closed, saved or cancelled: its draft, if one was kept, ends."""
        writing, self._writing = self._writing, None
        if writing is not None and (writing.kept is not None or writing.restored):
            self._guard("forget the draft", lambda: self.drafts.drop(self.article.id))

    def keep_draft(self) -> None:
        """Keep the open form's work, if it holds any, to be offered on the next opening.

        Run every few seconds while the form is open and when sorot is left.
        """
        writing = self._writing
        if writing is None or writing.complained:
            return
        draft = writing.draft_now()
        if draft is None and writing.kept is not None and not writing.restored:
            # Changed back to how it opened: nothing left to keep.
            if self._guard("forget the draft", lambda: self.drafts.drop(self.article.id)) is FAILED:
                writing.complained = True
            writing.kept = None
            return
        if draft is None or draft.same_work(writing.kept):
            return
        if (
            self._guard("keep the unsaved work", lambda: self.drafts.keep(self.article.id, draft))
            is FAILED
        ):
            writing.complained = True  # once, not every few seconds
            return
        writing.kept = draft

    def _offer_draft(self) -> None:
        """Open again the form that was left unsaved in this article, if there is one."""
        draft = self._guard("read the unsaved drafts", lambda: self.drafts.get(self.article.id))
        if draft is None or draft is FAILED:
            return
        editing = self.annotations.get(draft.editing) if draft.editing else None
        if editing is not None:
            span = (
                (editing.selector.start, editing.selector.end)
                if editing.selector is not None and not editing.orphaned
                else None
            )
        elif draft.start is None:
            span = None  # a note on the whole article
        else:
            span = draft.place(self.article.body)
            if span is None:
                self.notify(
                    f"The passage of the {draft.kind} you had not saved is no longer in this "
                    f"article; what you wrote is kept in {self.drafts.file.path}.",
                    severity="warning",
                    timeout=15,
                )
                return
        if draft.kind == "note":
            self._note_form(span, editing=editing, text=draft.note, restored=True)
        elif span is None and editing is None:
            self.notify(
                "The claim you had not finished editing was deleted meanwhile; "
                f"what you wrote is kept in {self.drafts.file.path}.",
                severity="warning",
                timeout=15,
            )
            return
        else:
            values = ClaimFields(
                draft.claim_type, draft.status, draft.speaker, draft.tags, draft.note
            )
            self._claim_form(span, editing=editing, values=values, restored=True)
        self._writing.restored = True  # type: ignore[union-attr]
        self.notify(
            f"The {draft.kind} you had not saved is back: ctrl+s saves it, Esc discards it.",
            timeout=10,
        )

    @property
    def drafts(self) -> Drafts:
        return self.sorot.drafts

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
        change = self._guard("undo", self.annotations.undo)
        if change is not FAILED:
            self._changed(f"Undone: {change.description}." if change else "Nothing to undo.")

    def action_redo(self) -> None:
        change = self._guard("redo", self.annotations.redo)
        if change is not FAILED:
            self._changed(f"Redone: {change.description}." if change else "Nothing to redo.")

    def action_refresh(self) -> None:
        self._guard("reload the annotations", self.annotations.reload)
        self._redraw_annotations()
        self._apply_corrections()  # a colleague's entity corrections too
        self.sorot.annotations_changed(self.article.id)
        self._status("Annotations reloaded.")

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

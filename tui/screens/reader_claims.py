"""The reader's claims and notes: marking, editing, deleting, undoing, the panel.

A mixin of ``ReaderScreen`` (its keys are bound there); it uses the screen's
``view``, ``annotations``, ``panel``, ``_guard`` and ``_status``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.annotation import Annotation
from store.citation import quotation
from tui.clipboard import copy_text
from tui.screens.claim_form import ClaimFields, ClaimForm
from tui.screens.note_form import NoteForm
from tui.screens.reader_common import FAILED, body_snippet
from tui.widgets.annotation_panel import AnnotationPanel
from tui.widgets.entity_panel import EntityPanel

if TYPE_CHECKING:
    pass


class ClaimsAndNotes:
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
        start, end = target
        settings = self.sorot.settings
        form = ClaimForm(
            self.article.body[start:end],
            settings.claim_types,
            settings.statuses,
            self.sorot.speaker_candidates(self.annotations),
        )

        def done(fields: ClaimFields | None) -> None:
            if fields is None:
                return
            saved = self._guard(
                "save the claim",
                lambda: self.annotations.add_claim(
                    start,
                    end,
                    claim_type=fields.claim_type,
                    status=fields.status,
                    speaker=fields.speaker,
                    tags=fields.tags,
                    note=fields.note,
                ),
            )
            if saved is not FAILED:
                self.view.clear_selection()
                self._changed("Claim saved.")

        self.app.push_screen(form, done)

    def action_note(self) -> None:
        target = self._target()
        if target is None:
            self.action_article_note()
            return
        self._note_form(self.article.body[target[0] : target[1]], target)

    def action_article_note(self) -> None:
        self._note_form(None, None)

    def _note_form(self, quote: str | None, span: tuple[int, int] | None) -> None:
        def done(text: str | None) -> None:
            if text is None:
                return
            saved = self._guard("save the note", lambda: self.annotations.add_note(text, span))
            if saved is not FAILED:
                self.view.clear_selection()
                self._changed("Note saved.")

        self.app.push_screen(NoteForm(quote), done)

    def _changed(self, message: str) -> None:
        self._redraw_annotations()
        self._status(message)
        self.sorot.annotations_changed(self.article.id)

    def edit(self, annotation: Annotation) -> None:
        """Open the form of ``annotation``; saving replaces it (undoable)."""
        if annotation.kind == "note":

            def note_done(text: str | None) -> None:
                if (
                    text is not None
                    and self._guard(
                        "save the note", lambda: self.annotations.edit(annotation, note=text)
                    )
                    is not FAILED
                ):
                    self._changed("Note saved.")

            self.app.push_screen(
                NoteForm(annotation.quote or None, annotation.note, editing=True), note_done
            )
            return
        settings = self.sorot.settings
        current = ClaimFields(
            annotation.claim_type or settings.claim_types[0],
            annotation.status or settings.statuses[0],
            annotation.speaker or "",
            annotation.tags,
            annotation.note,
        )

        def claim_done(fields: ClaimFields | None) -> None:
            if (
                fields is not None
                and self._guard(
                    "save the claim",
                    lambda: self.annotations.edit(
                        annotation,
                        claim_type=fields.claim_type,
                        status=fields.status,
                        speaker=fields.speaker,
                        tags=fields.tags,
                        note=fields.note,
                    ),
                )
                is not FAILED
            ):
                self._changed("Claim saved.")

        self.app.push_screen(
            ClaimForm(
                annotation.quote,
                settings.claim_types,
                settings.statuses,
                self.sorot.speaker_candidates(self.annotations),
                current,
            ),
            claim_done,
        )

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

"""The reader's claims and notes: marking, editing, deleting, undoing, the panel.

A mixin of ``ReaderScreen`` (its keys are bound there); it uses the screen's
``view``, ``annotations``, ``panel``, ``_guard`` and ``_status``.
"""

from __future__ import annotations

from store.annotations.annotation import Annotation
from store.annotations.history import Outcome
from store.exchange.citation import quotation
from store.news.safetext import printable
from tui.clipboard import copy_text
from tui.screens.claim_form import ClaimFields, ClaimForm
from tui.screens.note_form import NoteForm
from tui.screens.reader_common import FAILED, body_snippet
from tui.screens.reader_drafts import DraftsInReader
from tui.screens.reader_saving import Saving, history_lines
from tui.widgets.annotation_panel import AnnotationPanel
from tui.widgets.article_view import ArticleView
from tui.widgets.entity_panel import EntityPanel
from tui.widgets.related_panel import RelatedPanel


class ClaimsAndNotes(DraftsInReader):
    """Actions on the claims and notes of the article being read."""

    _landed: str | None = None
    """The id of the claim or note ``]``/``[`` or the panel last landed on…"""
    _landed_at = -1
    """…and where the cursor was put then: once it moves, the cursor decides again."""

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

    def _new_claim_fields(self) -> tuple[ClaimFields, bool]:
        """What a new claim starts with, and whether that comes from the user's last claim.

        The type and speaker of the user's last claim in this article (a
        speaker's claims come in runs), else the type of their last claim
        this session; the status is always the first: a verdict is never
        carried over.
        """
        settings = self.sorot.settings
        mine = [
            a
            for a in self.annotations.items
            if a.kind == "claim" and a.annotator == self.sorot.user and a.claim_type
        ]
        last = max(mine, key=lambda a: a.created, default=None)
        claim_type = last.claim_type if last is not None else self.sorot.last_claim_type
        speaker = (last.speaker or "") if last is not None else ""
        if claim_type not in settings.claim_types:
            claim_type = settings.claim_types[0]
        fields = ClaimFields(claim_type, settings.statuses[0], speaker, (), "")
        return fields, claim_type != settings.claim_types[0] or bool(speaker)

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
        carried = False
        if values is None:
            values, carried = self._new_claim_fields()
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
            tags=self.sorot.workspace.tags_in_use(),
            carried=carried,
        )

        def done(fields: ClaimFields | None) -> None:
            self._stop_writing()
            if fields is not None:
                self.sorot.last_claim_type = fields.claim_type
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

    def here(self) -> tuple[Annotation | None, list[Annotation]]:
        """The claim or note Enter, x and y act on, and every one under the cursor.

        The one ``]``/``[`` landed on while the cursor stays there, else the
        innermost (then the newest) of those covering the cursor.
        """
        covering = self.annotations.covering(self.view.cursor)
        landed = self._landed if self._landed_at == self.view.cursor else None
        chosen = next((a for a in covering if a.id == landed), None)
        return chosen or (covering[0] if covering else None), covering

    def action_edit(self) -> None:
        annotation, _ = self.here()
        if annotation is None:
            self._status("No claim or note under the cursor: ] jumps to the next one.")
            return
        self.edit(annotation)

    def action_delete(self) -> None:
        annotation, covering = self.here()
        if annotation is None:
            self._status("No claim or note under the cursor.")
            return
        if self._guard("delete", lambda: self.annotations.delete(annotation)) is FAILED:
            return
        message = f"{annotation.kind.capitalize()} deleted · u undoes."
        left = [a for a in covering if a.id != annotation.id]
        if left:
            message += f" {_named(left[0]).capitalize()} is still here."
        self._changed(message)

    def action_jump(self, direction: int) -> None:
        landed, _ = self.here() if self._landed_at == self.view.cursor else (None, [])
        found = self.annotations.step(landed, self.view.cursor, direction)
        if found is None or found.selector is None:
            self._status("No claims or notes in this article yet: c marks one.")
            return
        self.land_on(found)

    def land_on(self, annotation: Annotation) -> None:
        """Put the cursor on ``annotation`` and make it the one Enter and x act on."""
        self.view.move_to(annotation.selector.start, center=True)  # type: ignore[union-attr]
        self._landed, self._landed_at = annotation.id, self.view.cursor
        covering = self.annotations.covering(self.view.cursor)
        said = _named(annotation)
        if len(covering) > 1:
            ids = [a.id for a in covering]
            number = ids.index(annotation.id) + 1 if annotation.id in ids else 1
            said += f" · {number} of {len(covering)} here: Enter edits this one, ] the next"
        self._status(said[0].upper() + said[1:])

    def action_status(self) -> None:
        """Set the status of the claim under the cursor with one letter (``StatusPicker``)."""
        annotation, covering = self.here()
        claims = [a for a in covering if a.kind == "claim"]
        claim = annotation if annotation is not None and annotation.kind == "claim" else None
        claim = claim or (claims[0] if claims else None)
        if claim is None:
            self._status("No claim under the cursor: S sets a claim's status; ] jumps to one.")
            return

        def done(status: str | None) -> None:
            if status is None or status == claim.status:
                self._status(f"Status stays {claim.status}." if status else "")
                return
            if (
                self._guard("set the status", lambda: self.annotations.edit(claim, status=status))
                is FAILED
            ):
                return
            self._changed(f"Status: {status} (was {claim.status}) · u undoes.")

        from tui.screens.status_picker import StatusPicker

        self.app.push_screen(
            StatusPicker(self.sorot.settings.statuses, claim.status, claim.quote), done
        )

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
        if not self.query(ArticleView):
            return  # the screen is being left as the save arrived: nothing to draw on
        self._guard("reload the annotations", self.annotations.reload)
        self._redraw_annotations()
        self._apply_corrections()  # a colleague's entity corrections too

    def action_panel(self) -> None:
        panel = self.panel
        if not panel.has_class("-open"):
            # The panels share the side.
            self.query(EntityPanel).remove_class("-open")
            self.query(RelatedPanel).remove_class("-open")
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
        self.land_on(annotation)

    # -- copy -------------------------------------------------------------------

    def action_copy(self) -> None:
        """Copy the selection, the claim under the cursor or its sentence, with its citation."""
        speaker = None
        selection = self.view.selection
        if selection is not None:
            quote = self.article.body[selection[0] : selection[1]]
        else:
            annotation, _ = self.here()
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
        # Short enough for 80 columns: "Copied “…” + citation to your terminal's clipboard."
        self._status(f"Copied “{body_snippet(quote, 24)}” + citation to {where}.")


def _named(annotation: Annotation) -> str:
    """``claim · false · statistic · KCNA`` or ``note “check the figure”``: for the status line."""
    if annotation.kind == "note":
        return f"note “{body_snippet(annotation.note, 30)}”"
    parts = [annotation.status, annotation.claim_type, annotation.speaker]
    return " · ".join(["claim", *(printable(p) for p in parts if p)])


def _claim_changes(fields: ClaimFields) -> dict[str, object]:
    return {
        "claim_type": fields.claim_type,
        "status": fields.status,
        "speaker": fields.speaker,
        "tags": fields.tags,
        "note": fields.note,
    }

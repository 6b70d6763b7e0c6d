"""The reader's drafts: a claim or note form's work outlives a dropped connection.

A mixin of ``ReaderScreen`` through ``ClaimsAndNotes``: the claim and note
forms report to it when they open and close (``_start_writing``,
``_stop_writing``); the reader's timer and the app's leaving call
``keep_draft``; the reader offers a kept draft when it opens
(``_offer_draft``). The drafts themselves are in ``store.annotations.drafts``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.css.query import NoMatches

from store.annotations.annotation import Annotation
from store.annotations.drafts import Draft, Drafts
from store.files.jsonfile import StoreError
from tui.screens.claim_form import ClaimFields, ClaimForm
from tui.screens.note_form import NoteForm
from tui.screens.reader_common import FAILED


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
        """A keep failed and the user was told: later failures are quiet, a success is said."""

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


class DraftsInReader:
    """Keeping, offering and ending the draft of the form open over the reader."""

    _writing: Writing | None = None

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

    def keep_draft(self) -> bool:
        """Keep the open form's work, if it holds any, to be offered on the next opening.

        Run every few seconds while the form is open and when sorot is left.
        True when the form's work is kept as a draft now. A keep that fails (a
        full disk, a lock held) is said once and tried again each time: the disk
        freed, the draft is kept again, and that is said too.
        """
        writing = self._writing
        if writing is None:
            return False
        draft = writing.draft_now()
        if draft is None and writing.kept is not None and not writing.restored:
            # Changed back to how it opened: nothing left to keep.
            if self._keep_trying(
                writing, "forget the draft", lambda: self.drafts.drop(self.article.id)
            ):
                writing.kept = None
            return False
        if draft is None or (draft.same_work(writing.kept) and not writing.complained):
            return writing.kept is not None
        if not self._keep_trying(
            writing, "keep the unsaved work", lambda: self.drafts.keep(self.article.id, draft)
        ):
            return False
        writing.kept = draft
        return True

    def _keep_trying(self, writing: Writing, what: str, action: Callable[[], None]) -> bool:
        """``action()``; a failure said once while it lasts, and its end said. True if done."""
        try:
            action()
        except StoreError as error:
            if not writing.complained:
                self.notify(f"Could not {what}: {error}", severity="error", timeout=10)
                writing.complained = True
            return False
        if writing.complained:
            writing.complained = False
            self.notify("The unsaved work is kept as a draft again.")
        return True

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
        return self.sorot.workspace.drafts

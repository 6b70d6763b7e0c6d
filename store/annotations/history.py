"""Undo and redo of one user's changes within one session, field by field.

Every change is kept as the annotation before and after it (``None`` for
"did not exist"). Undo takes back only what this user changed, and only
where it still stands: a field a colleague has changed since keeps the
colleague's value, an annotation a colleague edited since is not deleted,
and the outcome says so. Undo and redo write through the store like any
other change (a new revision, kept in the annotation's history), so
another process sees them too. Entity corrections are changes as well:
undoing one takes the correction back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from store.annotations.annotation import EDITABLE, Annotation
from store.annotations.conflicts import FieldConflict
from store.annotations.store import AnnotationStore
from store.news.article import Article


@dataclass(frozen=True, slots=True)
class Change:
    """One user action on one annotation, or on an article's entity corrections."""

    before: Annotation | None
    after: Annotation | None
    description: str
    """What the user did, in their words: "add claim", "delete note"."""
    corrections_added: tuple[dict[str, Any], ...] = ()
    corrections_removed: tuple[dict[str, Any], ...] = ()
    article: str = ""
    """The article, for a change of corrections (an annotation names its own)."""

    @property
    def article_id(self) -> str:
        """The article the change touched."""
        item = self.after or self.before
        return item.article_id if item is not None else self.article

    @property
    def fields(self) -> tuple[str, ...]:
        """For an edit: the user fields it changed."""
        if self.before is None or self.after is None:
            return ()
        return tuple(f for f in EDITABLE if getattr(self.before, f) != getattr(self.after, f))


@dataclass(frozen=True)
class Outcome:
    """What an undo or redo did: the change, and what a colleague's later change kept."""

    change: Change
    kept: tuple[FieldConflict, ...] = ()
    """Fields left as a colleague set them after this user's change."""
    blocked: str = ""
    """Why nothing could be done (a colleague edited or deleted the annotation since)."""

    @property
    def description(self) -> str:
        """The change in the user's words."""
        return self.change.description

    def say(self, verb: str) -> str:
        """One line for the status bar: ``Undone: edit claim (status kept: …)``."""
        if self.blocked:
            return f"Not {verb.lower()}: {self.blocked}."
        text = f"{verb}: {self.description}"
        if self.kept:
            kept = "; ".join(
                f"{k.field} kept as {k.by} set it {k.at[11:16]}".rstrip() for k in self.kept
            )
            text += f" ({kept})"
        return text + "."


@dataclass
class History:
    """The session's changes, with undo and redo, applied through the store."""

    store: AnnotationStore
    article: Article | None = None
    """Recorded with every save, so later versions of the article find the annotations."""
    limit: int = 500
    user: str = ""
    """Whose changes these are (written as ``updated_by``)."""
    _done: list[Change] = field(default_factory=list)
    _undone: list[Change] = field(default_factory=list)

    def _push(self, change: Change) -> Change:
        self._done.append(change)
        del self._done[: -self.limit]
        self._undone.clear()
        return change

    def record(
        self, before: Annotation | None, after: Annotation | None, description: str
    ) -> Change:
        """Apply a change (save ``after``, or delete ``before`` when ``after`` is None)."""
        if before is None and after is None:
            raise ValueError("a change needs something before or after it")
        if after is not None:
            self.store.save(after, self.article)
        elif before is not None:
            self.store.delete(before.article_id, before.id)
        return self._push(Change(before, after, description))

    def add(self, annotation: Annotation) -> Change:
        """Save a new annotation."""
        return self.record(None, annotation, f"add {annotation.kind}")

    def edit(self, before: Annotation, after: Annotation) -> Change:
        """Replace ``before`` with ``after`` (same id), whatever is stored."""
        return self.record(before, after, f"edit {after.kind}")

    def update(
        self,
        annotation: Annotation,
        changes: dict[str, Any],
        base: dict[str, Any] | None = None,
    ) -> Change | None:
        """Change only ``changes`` on the stored copy (a colleague's other edits stay).

        ``base`` holds the values the user started from: a field a colleague
        changed since raises ``EditConflict`` (nothing is written). ``None``
        when the annotation is no longer in the store.
        """
        result = self.store.update(
            annotation.article_id,
            annotation.id,
            changes,
            self.article,
            by=self.user or annotation.annotator,
            base=base,
        )
        if result is None:
            return None
        before, after = result
        return self._push(Change(before, after, f"edit {after.kind}"))

    def delete(self, annotation: Annotation) -> Change:
        """Delete an annotation."""
        return self.record(annotation, None, f"delete {annotation.kind}")

    def corrections(
        self,
        article_id: str,
        added: Sequence[dict[str, Any]],
        removed: Sequence[dict[str, Any]],
        description: str,
    ) -> Change:
        """Keep entity corrections already saved (``added``) or taken back (``removed``)."""
        return self._push(Change(None, None, description, tuple(added), tuple(removed), article_id))

    @property
    def can_undo(self) -> bool:
        """True when there is a change to undo."""
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        """True when there is an undone change to redo."""
        return bool(self._undone)

    def undo(self) -> Outcome | None:
        """Take back the last change where it still stands; ``None`` when there is none."""
        if not self._done:
            return None
        change = self._done[-1]
        # Only forget the change once the store took it: a refused undo can be tried again.
        outcome = self._apply(change, backwards=True)
        self._done.pop()
        self._undone.append(change)
        return outcome

    def redo(self) -> Outcome | None:
        """Apply the last undone change again where it can be."""
        if not self._undone:
            return None
        change = self._undone[-1]
        outcome = self._apply(change, backwards=False)
        self._undone.pop()
        self._done.append(change)
        return outcome

    def _apply(self, change: Change, *, backwards: bool) -> Outcome:
        if change.before is None and change.after is None:
            return self._apply_corrections(change, backwards)
        old, new = (change.after, change.before) if backwards else (change.before, change.after)
        note = "undo" if backwards else "redo"
        by = self.user or (old or new).annotator  # type: ignore[union-attr]
        if new is None:  # it should not exist: remove it, if nobody changed it meanwhile
            assert old is not None
            current = self.store.remove_if_unchanged(old, by)
            if current is not None:
                return Outcome(change, blocked=_edited_since(current, old, by))
            return Outcome(change)
        if old is None:  # it should exist again: put it back, unless it already is
            self.store.restore(new, self.article)
            return Outcome(change)
        fields = {f: (getattr(old, f), getattr(new, f)) for f in change.fields}
        result = self.store.revert(new.article_id, new.id, fields, self.article, by=by, note=note)
        if result is None:
            return Outcome(change, blocked=f"this {new.kind} was deleted since")
        return Outcome(change, kept=tuple(result))

    def _apply_corrections(self, change: Change, backwards: bool) -> Outcome:
        drop, put = (
            (change.corrections_added, change.corrections_removed)
            if backwards
            else (change.corrections_removed, change.corrections_added)
        )
        for doc in drop:
            self.store.delete_correction(change.article_id, str(doc["id"]))
        for doc in put:
            self.store.save_correction(change.article_id, doc, self.article)
        return Outcome(change)


def _edited_since(current: Annotation, mine: Annotation, by: str) -> str:
    others = [e for e in current.history if e.revision > mine.revision and e.by != by]
    edit = others[-1] if others else None
    who = edit.by if edit is not None else current.updated_by or "someone"
    when = (edit.at if edit is not None else current.updated)[11:16]
    return f"{who} changed this {current.kind} at {when} since; it stays"

"""Undo and redo of annotation changes within one session.

Every change is kept as the annotation before and after it (``None`` for
"did not exist"), so undoing is saving the "before" again, and redoing is
saving the "after". The store is the truth: undo writes through it like any
other change, so another process sees an undone claim disappear too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from store.annotations.annotation import Annotation
from store.annotations.store import AnnotationStore
from store.news.article import Article


@dataclass(frozen=True, slots=True)
class Change:
    """One user action on one annotation."""

    before: Annotation | None
    after: Annotation | None
    description: str
    """What the user did, in their words: "add claim", "delete note"."""

    @property
    def article_id(self) -> str:
        """The article the change touched."""
        item = self.after or self.before
        assert item is not None
        return item.article_id


class History:
    """The session's changes, with undo and redo, applied through the store."""

    def __init__(
        self, store: AnnotationStore, article: Article | None = None, limit: int = 500
    ) -> None:
        self.store = store
        self.article = article
        """Recorded with every save, so later versions of the article find the annotations."""
        self.limit = limit
        self._done: list[Change] = []
        self._undone: list[Change] = []

    def _put(self, before: Annotation | None, after: Annotation | None) -> None:
        if after is not None:
            self.store.save(after, self.article)
        elif before is not None:
            self.store.delete(before.article_id, before.id)

    def record(
        self, before: Annotation | None, after: Annotation | None, description: str
    ) -> Change:
        """Apply a change (save ``after``, or delete ``before`` when ``after`` is None)."""
        if before is None and after is None:
            raise ValueError("a change needs something before or after it")
        self._put(before, after)
        return self._push(Change(before, after, description))

    def _push(self, change: Change) -> Change:
        self._done.append(change)
        del self._done[: -self.limit]
        self._undone.clear()
        return change

    def add(self, annotation: Annotation) -> Change:
        """Save a new annotation."""
        return self.record(None, annotation, f"add {annotation.kind}")

    def edit(self, before: Annotation, after: Annotation) -> Change:
        """Replace ``before`` with ``after`` (same id)."""
        return self.record(before, after, f"edit {after.kind}")

    def update(self, annotation: Annotation, changes: dict[str, Any]) -> Change | None:
        """Change only ``changes`` on the stored copy (a colleague's other edits stay).

        ``None`` when the annotation is no longer in the store.
        """
        result = self.store.update(annotation.article_id, annotation.id, changes, self.article)
        if result is None:
            return None
        before, after = result
        return self._push(Change(before, after, f"edit {after.kind}"))

    def delete(self, annotation: Annotation) -> Change:
        """Delete an annotation."""
        return self.record(annotation, None, f"delete {annotation.kind}")

    @property
    def can_undo(self) -> bool:
        """True when there is a change to undo."""
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        """True when there is an undone change to redo."""
        return bool(self._undone)

    def undo(self) -> Change | None:
        """Take back the last change; returns it, or ``None`` when there is none."""
        if not self._done:
            return None
        change = self._done[-1]
        # Only forget the change once the store took it: a refused undo can be tried again.
        self._put(change.after, change.before)
        self._done.pop()
        self._undone.append(change)
        return change

    def redo(self) -> Change | None:
        """Apply the last undone change again."""
        if not self._undone:
            return None
        change = self._undone[-1]
        self._put(change.before, change.after)
        self._undone.pop()
        self._done.append(change)
        return change

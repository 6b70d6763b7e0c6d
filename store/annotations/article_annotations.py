"""The annotations of the article being read, in reading order.

What the reader needs of them: which one is under the cursor, the next and
previous one, making, editing and deleting claims and notes (through the
session's undo history), and which ones could not be placed in the text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from dataclasses import replace

from store.annotations.annotation import EDITABLE, Annotation, Selector
from store.annotations.history import Change, History, Outcome
from store.annotations.store import AnnotationStore
from store.files.jsonfile import StoreError
from store.news.article import Article


def _clean_tags(tags: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.strip() for t in tags if t.strip()))


class Gone(StoreError):
    """The annotation being edited was deleted by someone meanwhile: nothing was saved."""

    def __init__(self, annotation: Annotation) -> None:
        self.annotation = annotation
        super().__init__(
            f"this {annotation.kind} was deleted by someone else meanwhile; nothing was saved"
        )


class ArticleAnnotations:
    """One article's annotations, placed in its current text."""

    def __init__(
        self,
        article: Article,
        store: AnnotationStore,
        history: History,
        annotator: str,
        known_ids: Collection[str] = (),
    ) -> None:
        self.article = article
        self.known_ids = known_ids
        """Ids of the corpus's articles: their annotations are never taken over."""
        self.store = store
        self.history = history
        self.annotator = annotator
        self.items: list[Annotation] = []
        self.placed: list[Annotation] = []
        """Annotations on a passage that was found in the text, by position."""
        self._starts: list[int] = []
        self.reload()

    def reload(self) -> list[Annotation]:
        """Read the store again (another process may have changed it)."""
        self.items = self.store.anchored(self.article, self.known_ids)
        self.placed = sorted(
            (a for a in self.items if a.selector is not None and not a.orphaned),
            key=lambda a: (a.selector.start, a.selector.end),  # type: ignore[union-attr]
        )
        self._starts = [a.selector.start for a in self.placed]  # type: ignore[union-attr]
        return self.items

    @property
    def orphaned(self) -> list[Annotation]:
        """Annotations whose passage is no longer in the text: kept, never dropped."""
        return [a for a in self.items if a.orphaned]

    @property
    def article_notes(self) -> list[Annotation]:
        """Notes on the whole article rather than a passage."""
        return [a for a in self.items if a.selector is None]

    @property
    def claims(self) -> list[Annotation]:
        """The placed claims, in reading order."""
        return [a for a in self.placed if a.kind == "claim"]

    def speakers(self) -> list[str]:
        """Speakers already named on this article's claims, most used first."""
        counts: dict[str, int] = {}
        for annotation in self.items:
            if annotation.speaker:
                counts[annotation.speaker] = counts.get(annotation.speaker, 0) + 1
        return sorted(counts, key=lambda s: -counts[s])

    def get(self, annotation_id: str) -> Annotation | None:
        """One of this article's annotations by id."""
        return next((a for a in self.items if a.id == annotation_id), None)

    # -- where ------------------------------------------------------------------

    def covering(self, offset: int) -> list[Annotation]:
        """The annotations covering ``offset``: the innermost first, then the newest.

        A claim and a note on one sentence both cover it: the reader acts on
        the first and lets the user step to the others (``step``).
        """
        covering = [
            a
            for a in self.placed[: bisect_right(self._starts, offset)]
            if a.selector is not None and a.selector.start <= offset < a.selector.end
        ]
        covering.sort(key=lambda a: a.created, reverse=True)
        covering.sort(key=lambda a: a.selector.end - a.selector.start)  # type: ignore[union-attr]
        return covering

    def at(self, offset: int) -> Annotation | None:
        """The annotation covering ``offset`` (the innermost, then the newest, when several do)."""
        covering = self.covering(offset)
        return covering[0] if covering else None

    def next_from(self, offset: int, direction: int) -> Annotation | None:
        """The first annotation starting after (or, backwards, before) ``offset``; wraps."""
        if not self.placed:
            return None
        if direction > 0:
            index = bisect_right(self._starts, offset)
            return self.placed[index % len(self.placed)]
        index = bisect_left(self._starts, offset) - 1
        return self.placed[index]

    def step(self, current: Annotation | None, offset: int, direction: int) -> Annotation | None:
        """The annotation after (or before) ``current`` in reading order, else from ``offset``.

        Annotations starting at one offset (a claim and a note on one sentence)
        are each a step, so none is out of reach; wraps at either end.
        """
        ids = [a.id for a in self.placed]
        if current is not None and current.id in ids:
            return self.placed[(ids.index(current.id) + direction) % len(ids)]
        return self.next_from(offset, direction)

    # -- changes ----------------------------------------------------------------

    def _after(self, change: Change) -> Change:
        self.reload()
        return change

    def add_claim(
        self,
        start: int,
        end: int,
        *,
        claim_type: str,
        status: str,
        speaker: str | None = None,
        tags: Sequence[str] = (),
        note: str = "",
    ) -> Annotation:
        """Mark ``body[start:end]`` as a claim and save it."""
        annotation = Annotation(
            article_id=self.article.id,
            kind="claim",
            selector=Selector.from_body(self.article.body, start, end),
            sha256=self.article.sha256,
            annotator=self.annotator,
            claim_type=claim_type,
            status=status,
            speaker=(speaker or "").strip() or None,
            tags=_clean_tags(tags),
            note=note.strip(),
        )
        self._after(self.history.add(annotation))
        return annotation

    def add_note(self, text: str, span: tuple[int, int] | None = None) -> Annotation:
        """Save a note on ``body[start:end]``, or on the whole article when ``span`` is None."""
        selector = Selector.from_body(self.article.body, *span) if span else None
        annotation = Annotation(
            article_id=self.article.id,
            kind="note",
            selector=selector,
            sha256=self.article.sha256,
            annotator=self.annotator,
            note=text.strip(),
        )
        self._after(self.history.add(annotation))
        return annotation

    def edit(self, annotation: Annotation, **changes: object) -> Annotation:
        """Save the fields in ``changes`` that differ from ``annotation``.

        Only those fields are written, onto the stored copy, so a colleague's
        edit of other fields since this article was read is kept. A no-op when
        nothing changes; a ``StoreError`` when the annotation was deleted meanwhile.
        """
        if "tags" in changes:
            changes["tags"] = _clean_tags(changes["tags"])  # type: ignore[arg-type]
        if "speaker" in changes:
            changes["speaker"] = (str(changes["speaker"] or "")).strip() or None
        if "note" in changes:
            changes["note"] = str(changes["note"] or "").strip()
        changed = {k: v for k, v in changes.items() if getattr(annotation, k) != v}
        if not changed:
            return annotation
        # What the user started from: a colleague's change of the same field since
        # is an EditConflict, never overwritten.
        base = {name: getattr(annotation, name) for name in changed}
        try:
            change = self.history.update(annotation, changed, base)
        finally:
            self.reload()
        if change is None or change.after is None:
            raise Gone(annotation)
        return change.after

    def save_anew(self, annotation: Annotation, **changes: object) -> Annotation:
        """Save ``annotation`` (deleted by someone meanwhile) with ``changes`` as a new one."""
        fields = {k: v for k, v in changes.items() if k in EDITABLE}
        if "tags" in fields:
            fields["tags"] = _clean_tags(fields["tags"])  # type: ignore[arg-type]
        selector = annotation.selector
        if selector is not None:
            placed = self.store._placed_copy(annotation, self.article)
            selector = None if placed.orphaned else placed.selector
        fresh = Annotation(
            article_id=self.article.id,
            kind=annotation.kind,
            selector=selector,
            sha256=self.article.sha256,
            annotator=self.annotator,
            **{name: getattr(annotation, name) for name in EDITABLE},  # type: ignore[arg-type]
        )
        fresh = replace(fresh, **fields)
        self._after(self.history.add(fresh))
        return fresh

    def delete(self, annotation: Annotation) -> None:
        """Delete ``annotation`` (undoable)."""
        self._after(self.history.delete(annotation))

    def undo(self) -> Outcome | None:
        """Undo this user's last change where it still stands, if there is one."""
        try:
            return self.history.undo()
        finally:
            self.reload()

    def redo(self) -> Outcome | None:
        """Redo the last undone change where it can be, if there is one."""
        try:
            return self.history.redo()
        finally:
            self.reload()

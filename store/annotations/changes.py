"""What colleagues changed between two readings of an article's annotations, in words.

Used for the short notices the app shows when a colleague's save arrives
("rina added a claim", "budi set a claim's status to false"). The user's own
changes (from this session or another terminal) are not announced.
"""

from __future__ import annotations

from collections.abc import Iterable

from store.annotations.annotation import Annotation


def _kind(annotation: Annotation) -> str:
    return "a claim" if annotation.kind == "claim" else "a note"


def described(
    before: Iterable[Annotation], after: Iterable[Annotation], me: str
) -> list[tuple[str, str]]:
    """``(who, what they did)`` for each change by someone other than ``me``, oldest first."""
    old = {a.id: a for a in before}
    new = {a.id: a for a in after}
    said: list[tuple[str, str, str]] = []  # (when, who, what)
    for annotation_id, now in new.items():
        was = old.get(annotation_id)
        if was is None:
            if now.updated_by != me and now.annotator != me:
                said.append((now.created, now.annotator, f"added {_kind(now)}"))
            continue
        for edit in now.history:
            if edit.revision <= was.revision or edit.by == me:
                continue
            fields = [name for name, _old, _new in edit.changes]
            if fields == ["status"]:
                what = f"set {_kind(now)}'s status to {edit.changes[0][2]}"
            else:
                what = f"changed {_kind(now)} ({', '.join(fields)})"
            if edit.note:
                what += f" ({edit.note})"
            said.append((edit.at, edit.by, what))
    for annotation_id, was in old.items():
        if annotation_id not in new:
            said.append(("", "", f"deleted {_kind(was)}"))
    said.sort(key=lambda item: item[0])
    return [(who, what) for _when, who, what in said]


def notice(changes: list[tuple[str, str]], where: str = "") -> str:
    """One sentence for ``changes``: ``rina added a claim here; budi …``."""
    parts = []
    for who, what in changes[:3]:
        parts.append(f"{who} {what}" if who else f"someone {what}")
    text = "; ".join(parts)
    if len(changes) > 3:
        text += f"; and {len(changes) - 3} more changes"
    return f"{text[:1].upper()}{text[1:]}{' ' + where if where else ''}."

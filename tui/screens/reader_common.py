"""What the reader's modules share: the refusal marker, status wording, claim styles."""

from __future__ import annotations

from store.annotations.annotation import Annotation
from tui.safe import snippet

FAILED = object()
"""What ``ReaderScreen._guard`` returns when the store refused a change."""

SAVE_DELAY = 1.5
"""Seconds of stillness before the reading position is saved."""

CLAIM_STYLES = {
    "checking": "article-view--claim-checking",
    "true": "article-view--claim-true",
    "mostly true": "article-view--claim-true",
    "false": "article-view--claim-false",
    "misleading": "article-view--claim-misleading",
}
"""Statuses with a colour of their own; other statuses share the plain claim style."""


def plural(count: int, word: str) -> str:
    """``1 claim``, ``2 claims``."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def annotation_style(annotation: Annotation) -> str:
    """The component class an annotation is drawn with."""
    if annotation.kind == "note":
        return "article-view--note"
    return CLAIM_STYLES.get(annotation.status or "", "article-view--claim")


def body_snippet(text: str, size: int = 40) -> str:
    """A short one-line quote of ``text`` for the status line."""
    return snippet(text, size)

"""Annotations: the claims and notes a reader attaches to an article.

A claim or a note on a passage carries a selector in the manner of W3C Web
Annotation: the passage's position (TextPositionSelector) and its quote with
some context either side (TextQuoteSelector), so that it can be found again
when the article's text changes. An article-level note has no selector.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

KINDS = ("claim", "note")
"""What an annotation can be."""

CONTEXT_CHARS = 32
"""Characters of prefix and suffix kept with a quote to place it again later."""


def now_iso() -> str:
    """The current UTC time as ISO 8601 with microseconds (orders quick edits)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class Selector:
    """Where an annotation sits: offsets into the body and the quoted text."""

    start: int
    end: int
    exact: str
    """The quoted text, ``body[start:end]`` when it was made."""
    prefix: str = ""
    """Up to ``CONTEXT_CHARS`` characters before the quote."""
    suffix: str = ""
    """Up to ``CONTEXT_CHARS`` characters after the quote."""

    @classmethod
    def from_body(cls, body: str, start: int, end: int) -> Selector:
        """The selector of ``body[start:end]`` with its context."""
        start, end = max(0, start), min(len(body), end)
        return cls(
            start,
            end,
            body[start:end],
            body[max(0, start - CONTEXT_CHARS) : start],
            body[end : end + CONTEXT_CHARS],
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "start": self.start,
            "end": self.end,
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Selector:
        """Read the form written by ``to_dict``."""
        return cls(
            int(data["start"]),
            int(data["end"]),
            str(data.get("exact", "")),
            str(data.get("prefix", "")),
            str(data.get("suffix", "")),
        )


@dataclass(frozen=True, slots=True)
class Annotation:
    """A claim or a note by one annotator on one article."""

    article_id: str
    kind: str
    """``claim`` or ``note``."""
    selector: Selector | None
    """The passage; ``None`` for a note on the whole article."""
    sha256: str
    """The body version the selector's offsets refer to."""
    annotator: str
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    claim_type: str | None = None
    """For claims: factual, statistic, quote, prediction, opinion, …"""
    status: str | None = None
    """For claims: unverified, checking, true, mostly true, misleading, false, unproven, …"""
    speaker: str | None = None
    """Who makes the claim: usually an entity key (``Kim Jong Un``), or free text."""
    tags: tuple[str, ...] = ()
    note: str = ""
    created: str = field(default_factory=now_iso)
    updated: str = ""
    orphaned: bool = False
    """True when the text changed and the passage could not be found again."""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"an annotation is a claim or a note, not {self.kind!r}")
        if not self.updated:
            object.__setattr__(self, "updated", self.created)

    @property
    def quote(self) -> str:
        """The quoted passage ('' for an article-level note)."""
        return self.selector.exact if self.selector else ""

    def edited(self, **changes: Any) -> Annotation:
        """A copy with ``changes`` applied and ``updated`` set to now."""
        return replace(self, **changes, updated=now_iso())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as stored and as exported natively."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "kind": self.kind,
            "selector": self.selector.to_dict() if self.selector else None,
            "sha256": self.sha256,
            "claim_type": self.claim_type,
            "status": self.status,
            "speaker": self.speaker,
            "tags": list(self.tags),
            "note": self.note,
            "annotator": self.annotator,
            "created": self.created,
            "updated": self.updated,
            "orphaned": self.orphaned,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Annotation:
        """Read the form written by ``to_dict`` (``ValueError`` when it is not one)."""
        try:
            selector = data.get("selector")
            return cls(
                id=str(data["id"]),
                article_id=str(data["article_id"]),
                kind=str(data["kind"]),
                selector=Selector.from_dict(selector) if selector else None,
                sha256=str(data.get("sha256", "")),
                annotator=str(data.get("annotator", "")),
                claim_type=data.get("claim_type"),
                status=data.get("status"),
                speaker=data.get("speaker"),
                tags=tuple(str(t) for t in data.get("tags") or ()),
                note=str(data.get("note") or ""),
                created=str(data.get("created") or now_iso()),
                updated=str(data.get("updated") or ""),
                orphaned=bool(data.get("orphaned", False)),
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"not an annotation ({error})") from error

"""Annotations: the claims and notes a reader attaches to an article.

A claim or a note on a passage carries a selector in the manner of W3C Web
Annotation: the passage's position (TextPositionSelector) and its quote with
some context either side (TextQuoteSelector), so that it can be found again
when the article's text changes. An article-level note has no selector.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Self

from store.annotations.checks import check_annotation

KINDS = ("claim", "note")
"""What an annotation can be."""

EDITABLE = ("claim_type", "status", "speaker", "tags", "note", "group")
"""The fields a user changes (and whose changes are kept in the history)."""

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
class Edit:
    """One saved change of an annotation: who changed which fields, from what to what, when."""

    at: str
    by: str
    revision: int
    """The revision this change made."""
    changes: tuple[tuple[str, Any, Any], ...]
    """``(field, from, to)`` for each field changed."""
    note: str = ""
    """Why, when it was not a plain edit: ``undo``, ``redo``, ``import``."""

    def fields(self) -> tuple[str, ...]:
        """The names of the fields changed."""
        return tuple(name for name, _old, _new in self.changes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data: dict[str, Any] = {
            "at": self.at,
            "by": self.by,
            "revision": self.revision,
            "changes": {name: [_plain(old), _plain(new)] for name, old, new in self.changes},
        }
        if self.note:
            data["note"] = self.note
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Edit:
        """Read the form written by ``to_dict`` (``ValueError`` when it is not one)."""
        if not isinstance(data, dict) or not isinstance(data.get("changes"), dict):
            raise ValueError("not an edit")
        changes = tuple(
            (str(name), _tupled(pair[0]), _tupled(pair[1]))
            for name, pair in data["changes"].items()
            if isinstance(pair, list) and len(pair) == 2
        )
        return cls(
            str(data.get("at", "")),
            str(data.get("by", "")),
            int(data.get("revision", 0)),
            changes,
            str(data.get("note", "")),
        )


class Revised:
    """A record kept by revision (an annotation, a claim group): each change is the next
    revision, who made it and what it changed kept in its history.

    Mixed into frozen dataclasses with ``revision``, ``history``, ``updated`` and
    ``updated_by`` fields.
    """

    __slots__ = ()
    revision: int
    history: tuple[Edit, ...]
    updated: str
    updated_by: str

    def changed(self, by: str, changes: Mapping[str, Any], note: str = "") -> Self:
        """The next revision: ``changes`` applied by ``by`` now, and kept in the history."""
        moment = now_iso()
        edit = Edit(
            moment,
            by,
            self.revision + 1,
            tuple((name, getattr(self, name), value) for name, value in changes.items()),
            note,
        )
        return replace(
            self,  # type: ignore[type-var]
            **changes,
            updated=moment,
            updated_by=by,
            revision=self.revision + 1,
            history=(*self.history, edit),
        )

    def last_change_of(self, name: str, after_revision: int = 0) -> Edit | None:
        """The latest edit of the field ``name`` made after ``after_revision``, if any."""
        for edit in reversed(self.history):
            if edit.revision <= after_revision:
                return None
            if name in edit.fields():
                return edit
        return None


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _tupled(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


@dataclass(frozen=True, slots=True)
class Annotation(Revised):
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
    revision: int = 1
    """1 when made; each saved change (an edit, an undo) adds one."""
    updated_by: str = ""
    """Who made the last change (the annotator, until someone changes it)."""
    history: tuple[Edit, ...] = ()
    """Every change since it was made, oldest first."""
    group: str | None = None
    """For claims: the claim group it is one appearance of (``store.claims.groups``)."""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"an annotation is a claim or a note, not {self.kind!r}")
        if not self.updated:
            object.__setattr__(self, "updated", self.created)
        if not self.updated_by:
            object.__setattr__(self, "updated_by", self.annotator)

    @property
    def quote(self) -> str:
        """The quoted passage ('' for an article-level note)."""
        return self.selector.exact if self.selector else ""

    def edited(self, **changes: Any) -> Annotation:
        """A copy with ``changes`` applied and ``updated`` set to now (no history: a draft)."""
        return replace(self, **changes, updated=now_iso())

    def user_fields(self) -> dict[str, Any]:
        """What a user set: the editable fields, kind, passage and annotator."""
        return {
            "kind": self.kind,
            "selector": self.selector,
            "annotator": self.annotator,
            **{name: getattr(self, name) for name in EDITABLE},
        }

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
            "updated_by": self.updated_by,
            "revision": self.revision,
            "history": [edit.to_dict() for edit in self.history],
            "orphaned": self.orphaned,
            "group": self.group,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Annotation:
        """Read the form written by ``to_dict`` (``ValueError`` when it is not one).

        Every field is checked first (``store.annotations.checks``): a file
        someone else wrote cannot put a list where a status goes.
        """
        check_annotation(data)
        try:
            # The checks guarantee the types: no conversions needed (every save reads here).
            selector = data.get("selector")
            get = data.get
            return cls(
                id=data["id"],
                article_id=data["article_id"],
                kind=data["kind"],
                selector=(
                    Selector(
                        selector["start"],
                        selector["end"],
                        selector["exact"],
                        selector.get("prefix") or "",
                        selector.get("suffix") or "",
                    )
                    if selector
                    else None
                ),
                sha256=get("sha256") or "",
                annotator=get("annotator") or "",
                claim_type=get("claim_type"),
                status=get("status"),
                speaker=get("speaker"),
                tags=tuple(get("tags") or ()),
                note=get("note") or "",
                created=get("created") or now_iso(),
                updated=get("updated") or "",
                orphaned=get("orphaned", False),
                revision=get("revision") or 1,
                updated_by=get("updated_by") or "",
                history=tuple(Edit.from_dict(e) for e in get("history") or ()),
                group=get("group"),
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"not an annotation ({error})") from error

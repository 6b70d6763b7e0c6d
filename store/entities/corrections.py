"""The user's corrections of the recogniser: add, retype, reject, or re-key an entity.

A correction is stored with its article, in the annotation store's per-article
file (a ``corrections`` table beside the annotations, under the same lock and
atomic writes; see ``AnnotationStore.corrections``). Like an annotation it
carries a selector (offsets, the exact text and some context either side),
so it finds its span again when the article's text is re-scraped
(``store.annotations.anchoring.place``); one that cannot be placed is kept and ignored.

What a correction says:

* ``add``, ``retype``, ``rekey``: the span is an entity of ``type`` with
  ``key`` (the three differ only in what the user did; they apply alike);
* ``reject``: the span is no entity.

With ``scope="key"`` a correction made on one mention applies to every
mention that had the same type and key (``old_type``, ``old_key``): reject
``Barat`` everywhere in the article, or give every ``Belousov`` the key
``Andrei Belousov``. Such a correction applies even when its own span cannot
be placed any more. With ``scope="text"`` a new entity marked on one span is
marked on every occurrence of the same text in the article, as a whole word
(``occurrences``): mark ``Rosoboronexport`` once, have it everywhere, now
and in a re-scraped version of the text.

``apply_corrections(auto, corrections, body)`` puts them over the
recogniser's entities: corrections are applied oldest first, and a later one
wins over an earlier one it overlaps; a recognised entity overlapping a
user's span or a rejected span gives way. Entities made or changed by a
correction have origin ``"user"``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from store.annotations.anchoring import place
from store.annotations.annotation import Selector, now_iso
from store.entities.keys import key_of
from store.entities.model import TYPES, Entity

ACTIONS = ("add", "retype", "rekey", "reject")
"""What a correction can do."""

SCOPES = ("mention", "key", "text")
"""A correction applies to its own span, to every mention of the old key, or (a new
entity) to every occurrence of its text."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One user correction of one article's entities."""

    article_id: str
    action: str
    selector: Selector
    sha256: str
    """The body version the selector's offsets were made on."""
    annotator: str
    type: str = ""
    """The entity's type (for ``reject``: the type it had)."""
    key: str = ""
    """The entity's key (for ``reject``: the key it had)."""
    scope: str = "mention"
    old_type: str = ""
    """Type of the entity the correction was made on (``""`` for an added span)."""
    old_key: str = ""
    """Key of the entity the correction was made on (``""`` for an added span)."""
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    created: str = field(default_factory=now_iso)

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"a correction is one of {', '.join(ACTIONS)}, not {self.action!r}")
        if self.scope not in SCOPES:
            raise ValueError(
                f"a correction's scope is one of {', '.join(SCOPES)}, not {self.scope!r}"
            )
        if self.action != "reject" and self.type not in TYPES:
            raise ValueError(f"an entity is one of {', '.join(TYPES)}, not {self.type!r}")

    @property
    def rejects(self) -> bool:
        return self.action == "reject"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as stored."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "action": self.action,
            "selector": self.selector.to_dict(),
            "sha256": self.sha256,
            "type": self.type,
            "key": self.key,
            "scope": self.scope,
            "old_type": self.old_type,
            "old_key": self.old_key,
            "annotator": self.annotator,
            "created": self.created,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Correction:
        """Read the form written by ``to_dict`` (``ValueError`` when it is not one)."""
        try:
            return cls(
                id=str(data["id"]),
                article_id=str(data["article_id"]),
                action=str(data["action"]),
                selector=Selector.from_dict(data["selector"]),
                sha256=str(data.get("sha256", "")),
                annotator=str(data.get("annotator", "")),
                type=str(data.get("type") or ""),
                key=str(data.get("key") or ""),
                scope=str(data.get("scope") or "mention"),
                old_type=str(data.get("old_type") or ""),
                old_key=str(data.get("old_key") or ""),
                created=str(data.get("created") or now_iso()),
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"not an entity correction ({error})") from error


def parse_corrections(docs: Iterable[dict[str, Any]]) -> list[Correction]:
    """Corrections from stored dicts, oldest first; unreadable ones are skipped."""
    out = []
    for doc in docs:
        try:
            out.append(Correction.from_dict(doc))
        except ValueError:
            continue
    out.sort(key=lambda c: (c.created, c.id))
    return out


def make_correction(
    article_id: str,
    body: str,
    sha256: str,
    start: int,
    end: int,
    action: str,
    *,
    annotator: str,
    type: str = "",
    key: str = "",
    scope: str = "mention",
    old: Entity | None = None,
) -> Correction:
    """A new correction of ``body[start:end]``; the key defaults to ``key_of`` the text."""
    start, end = _trim(body, start, end)
    if end <= start:
        raise ValueError("an entity needs some text")
    text = body[start:end]
    if action != "reject":
        key = " ".join(key.split()) or key_of(text, type)
    elif old is not None:
        type, key = type or old.type, key or old.key
    return Correction(
        article_id=article_id,
        action=action,
        selector=Selector.from_body(body, start, end),
        sha256=sha256,
        annotator=annotator,
        type=type,
        key=key,
        scope=_scope(scope, action, old),
        old_type=old.type if old is not None else "",
        old_key=old.key if old is not None else "",
    )


def _scope(scope: str, action: str, old: Entity | None) -> str:
    """``key`` needs an entity to start from; ``text`` is for a new one."""
    if scope == "key":
        return "key" if old is not None else "mention"
    if scope == "text":
        return "text" if old is None and action != "reject" else "mention"
    return scope


def occurrences(body: str, text: str) -> list[tuple[int, int]]:
    """Every place ``text`` stands in ``body`` as a whole word (not inside another word)."""
    if not text.strip():
        return []
    out = []
    start = body.find(text)
    while start != -1:
        end = start + len(text)
        before = body[start - 1] if start else " "
        after = body[end] if end < len(body) else " "
        if not (before.isalnum() and text[0].isalnum()) and not (
            after.isalnum() and text[-1].isalnum()
        ):
            out.append((start, end))
        start = body.find(text, start + 1)
    return out


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without surrounding spaces (a selection often takes one)."""
    start, end = max(0, start), min(len(body), end)
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def anchor(correction: Correction, body: str) -> tuple[int, int] | None:
    """Where the correction's span is in ``body``, or ``None`` when it cannot be placed."""
    selector = correction.selector
    if selector.exact and body[selector.start : selector.end] == selector.exact:
        return selector.start, selector.end
    placed = place(selector, body).selector
    if placed is None or placed.end <= placed.start:
        return None
    return placed.start, placed.end


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _in_group(entity: Entity, correction: Correction) -> bool:
    return entity.key == correction.old_key and (
        not correction.old_type or entity.type == correction.old_type
    )


def apply_corrections(
    auto: Sequence[Entity], corrections: Sequence[Correction], body: str
) -> list[Entity]:
    """The recogniser's entities with the user's corrections applied; sorted, not overlapping."""
    if not corrections:
        return list(auto)
    entities = list(auto)
    user: list[Entity] = []
    rejected: list[tuple[int, int]] = []
    for correction in sorted(corrections, key=lambda c: (c.created, c.id)):
        if correction.scope == "key" and correction.old_key:
            if correction.rejects:
                entities = [e for e in entities if not _in_group(e, correction)]
                user = [e for e in user if not _in_group(e, correction)]
            else:
                entities = [
                    replace(e, type=correction.type, key=correction.key, origin="user")
                    if _in_group(e, correction)
                    else e
                    for e in entities
                ]
                user = [
                    replace(e, type=correction.type, key=correction.key)
                    if _in_group(e, correction)
                    else e
                    for e in user
                ]
        if correction.scope == "text":
            spans = occurrences(body, correction.selector.exact)
        else:
            span = anchor(correction, body)
            spans = [span] if span is not None else []
        for start, end in spans:
            # The later correction wins over earlier ones it overlaps.
            user = [e for e in user if not _overlaps(e.start, e.end, start, end)]
            rejected = [r for r in rejected if not _overlaps(r[0], r[1], start, end)]
            if correction.rejects:
                rejected.append((start, end))
            else:
                user.append(
                    Entity(start, end, body[start:end], correction.type, correction.key, "user")
                )
    blocked = sorted([(e.start, e.end) for e in user] + rejected)
    kept = [e for e in entities if not _blocked(e, blocked)]
    return sorted(kept + user, key=lambda e: (e.start, e.end))


def _blocked(entity: Entity, spans: list[tuple[int, int]]) -> bool:
    return any(_overlaps(entity.start, entity.end, s, e) for s, e in spans)


def touching(
    corrections: Sequence[Correction], body: str, start: int, end: int
) -> list[Correction]:
    """The corrections whose span overlaps ``[start, end)`` (to take them back)."""
    out = []
    for correction in corrections:
        span = anchor(correction, body)
        if span is not None and _overlaps(span[0], span[1], start, end):
            out.append(correction)
    return out

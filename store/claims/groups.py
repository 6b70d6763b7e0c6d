"""Claim groups: passages of several articles that state one claim, with one verdict.

A group's own fields (the claim in the team's words, its status, a note)
live in ``groups/<group id>.json``, one small file a group, written like an
annotation file: under a cross-process lock, re-read inside it, replaced
atomically, with the team folder's modes (``store.files.jsonfile``). Every
change is a new revision kept in the group's history (who changed which
field from what to what, when); a save states the values it started from,
and a field a colleague changed since raises :class:`GroupConflict`, nothing
written.

A group's *appearances* are not listed here: each member claim names its
group (``Annotation.group``), so linking a passage and splitting it out are
edits of that claim, with the claim's own revisions, conflicts and undo.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.annotations.annotation import Edit, Revised, now_iso
from store.annotations.conflicts import FieldConflict, conflict_of
from store.files.jsonfile import JsonFile, StoreError
from store.files.modes import denied

GROUP_FIELDS = ("title", "status", "claim_type", "note")
"""The fields of a group a user changes (kept in its history)."""

_GROUP_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,99}")


@dataclass(frozen=True)
class ClaimGroup(Revised):
    """One claim stated by several passages, with one verdict."""

    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    title: str = ""
    """The claim in the team's words (``Korea Utara mengirim >10.000 tentara ke Rusia``)."""
    status: str = ""
    """The verdict, one of the team's statuses; every member claim carries it too."""
    claim_type: str | None = None
    note: str = ""
    annotator: str = ""
    """Who made the group."""
    created: str = field(default_factory=now_iso)
    updated: str = ""
    updated_by: str = ""
    revision: int = 1
    history: tuple[Edit, ...] = ()

    def __post_init__(self) -> None:
        if not self.updated:
            object.__setattr__(self, "updated", self.created)
        if not self.updated_by:
            object.__setattr__(self, "updated_by", self.annotator)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as stored and exported."""
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "claim_type": self.claim_type,
            "note": self.note,
            "annotator": self.annotator,
            "created": self.created,
            "updated": self.updated,
            "updated_by": self.updated_by,
            "revision": self.revision,
            "history": [edit.to_dict() for edit in self.history],
        }

    @classmethod
    def from_dict(cls, data: Any) -> ClaimGroup:
        """Read the form written by ``to_dict`` (``ValueError`` when it is not one)."""
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            raise ValueError("not a claim group")
        try:
            return cls(
                id=data["id"],
                title=str(data.get("title") or ""),
                status=str(data.get("status") or ""),
                claim_type=data.get("claim_type")
                if isinstance(data.get("claim_type"), str)
                else None,
                note=str(data.get("note") or ""),
                annotator=str(data.get("annotator") or ""),
                created=str(data.get("created") or now_iso()),
                updated=str(data.get("updated") or ""),
                updated_by=str(data.get("updated_by") or ""),
                revision=int(data.get("revision") or 1),
                history=tuple(Edit.from_dict(e) for e in data.get("history") or ()),
            )
        except (TypeError, ValueError) as error:
            raise ValueError(f"not a claim group ({error})") from error


class GroupConflict(StoreError):
    """A colleague changed the same fields of the group since the user started: nothing saved."""

    def __init__(self, current: ClaimGroup, conflicts: list[FieldConflict]) -> None:
        self.current = current
        self.conflicts = conflicts
        said = "; ".join(c.describe() for c in conflicts)
        super().__init__(f"{said} while you were deciding; nothing was saved")


class GroupStore:
    """The claim groups of one data folder, one locked JSON file each."""

    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / "groups"
        self._files: dict[str, JsonFile] = {}
        self.problems: list[str] = []
        """Plain sentences about group files that could not be read."""

    def path_for(self, group_id: str) -> Path:
        """The file of ``group_id``."""
        if not _GROUP_ID.fullmatch(group_id):
            raise StoreError(f"{group_id!r} is not a claim group id")
        return self.root / f"{group_id}.json"

    def _file(self, group_id: str) -> JsonFile:
        found = self._files.get(group_id)
        if found is None:
            found = self._files[group_id] = JsonFile(self.path_for(group_id))
        return found

    def _exists(self, group_id: str) -> bool:
        # Checked before a change: JsonFile would otherwise write an empty file for it.
        try:
            return self.path_for(group_id).stat().st_size > 0
        except FileNotFoundError:
            return False
        except OSError as error:
            raise StoreError(
                f"{self.path_for(group_id)}: cannot read ({error.strerror})"
            ) from error

    def ids(self) -> list[str]:
        """Ids of every group with a file."""
        try:
            names = os.listdir(self.root)
        except FileNotFoundError:
            return []
        except PermissionError as error:
            raise StoreError(
                f"{denied(self.root, 'read')}; its claim groups are left out"
            ) from error
        except OSError as error:
            raise StoreError(f"{self.root}: cannot read ({error.strerror})") from error
        return sorted(n[:-5] for n in names if n.endswith(".json") and not n.startswith("."))

    def get(self, group_id: str) -> ClaimGroup | None:
        """One group (``None`` when there is none, or its file cannot be read: said in problems)."""
        try:
            data = self._file(group_id).read()
        except StoreError as error:
            message = f"{error}; that claim group is left out"
            if message not in self.problems:
                self.problems.append(message)
            return None
        if not data:
            return None
        try:
            return ClaimGroup.from_dict(data)
        except ValueError:
            self.problems.append(f"{self.path_for(group_id)}: not a claim group; it is left out")
            return None

    def all(self) -> dict[str, ClaimGroup]:
        """Every readable group by id."""
        found = {}
        for group_id in self.ids():
            group = self.get(group_id)
            if group is not None:
                found[group_id] = group
        return found

    def create(self, group: ClaimGroup) -> ClaimGroup:
        """Save a new group (durable on return)."""

        def put(data: dict[str, Any]) -> None:
            if data:
                raise StoreError(f"a claim group {group.id} exists already")
            data.update(group.to_dict())

        self._file(group.id).update(put)
        return group

    def update(
        self,
        group_id: str,
        changes: Mapping[str, Any],
        *,
        by: str,
        base: Mapping[str, Any] | None = None,
        note: str = "",
    ) -> tuple[ClaimGroup, ClaimGroup] | None:
        """Change ``changes`` on the stored group under its lock; ``(before, after)``.

        With ``base`` (the values the user started from), a field a colleague
        changed since to another value raises :class:`GroupConflict`.
        ``None`` when the group has no file.
        """
        unknown = set(changes) - set(GROUP_FIELDS)
        if unknown:
            raise ValueError(f"a claim group has no field {', '.join(sorted(unknown))}")
        if not self._exists(group_id):
            return None
        result: list[tuple[ClaimGroup, ClaimGroup]] = []

        def change(data: dict[str, Any]) -> None:
            if not data:
                return
            before = ClaimGroup.from_dict(data)
            if base is not None:
                conflicts = []
                for name, value in changes.items():
                    now = getattr(before, name)
                    if name in base and now != base[name] and now != value:
                        conflicts.append(conflict_of(before, name, value))
                if conflicts:
                    raise GroupConflict(before, conflicts)
            real = {k: v for k, v in changes.items() if getattr(before, k) != v}
            after = before.changed(by, real, note) if real else before
            data.clear()
            data.update(after.to_dict())
            result.append((before, after))

        self._file(group_id).update(change)
        return result[0] if result else None

    def revert(
        self, group_id: str, fields: Mapping[str, tuple[Any, Any]], *, by: str, note: str
    ) -> list[FieldConflict] | None:
        """Set each field back, ``{field: (expected, value)}``, where it still is ``expected``.

        For undo and redo: a field someone changed since keeps their value and
        is returned. ``None`` when the group is gone.
        """
        if not self._exists(group_id):
            return None
        kept: list[FieldConflict] = []
        found: list[bool] = []

        def change(data: dict[str, Any]) -> None:
            if not data:
                return
            found.append(True)
            current = ClaimGroup.from_dict(data)
            changes = {}
            for name, (expected, value) in fields.items():
                now = getattr(current, name)
                if now == expected:
                    changes[name] = value
                elif now != value:
                    kept.append(conflict_of(current, name, value))
            if changes:
                data.clear()
                data.update(current.changed(by, changes, note).to_dict())

        self._file(group_id).update(change)
        return kept if found else None

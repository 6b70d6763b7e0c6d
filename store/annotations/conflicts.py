"""Two people changing one field of a record (an annotation, a claim group): said in one
sentence.

A save names the values the user started from; when a colleague changed one
of the same fields since, the store saves nothing and raises
:class:`EditConflict`, whose message says who set what and when, so that the
user decides (``store.annotations.store``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from store.annotations.annotation import Annotation, Revised
from store.files.jsonfile import StoreError


@dataclass(frozen=True)
class FieldConflict:
    """A field a colleague changed since the user started: both values, who and when."""

    field: str
    mine: Any
    theirs: Any
    by: str
    at: str
    """ISO time of the colleague's change."""

    def describe(self) -> str:
        """``budi set status to 'unproven' at 10:02``."""
        when = self.at[11:16] if len(self.at) >= 16 else self.at
        return f"{self.by} set {self.field} to {_shown(self.theirs)} at {when}"


def _shown(value: Any) -> str:
    if isinstance(value, tuple | list):
        return ", ".join(map(str, value)) or "nothing"
    return repr(value) if value else "nothing"


def conflict_of(current: Revised, name: str, mine: Any) -> FieldConflict:
    """The conflict over field ``name`` of ``current`` (an annotation, a claim group): the
    user's value, the stored one, who set it and when."""
    edit = current.last_change_of(name)
    by = edit.by if edit is not None else current.updated_by
    at = edit.at if edit is not None else current.updated
    return FieldConflict(name, mine, getattr(current, name), by, at)


class EditConflict(StoreError):
    """Someone changed the same fields since the user started: nothing was saved."""

    def __init__(self, current: Annotation, conflicts: list[FieldConflict]) -> None:
        self.current = current
        """The annotation as it is stored now."""
        self.conflicts = conflicts
        said = "; ".join(c.describe() for c in conflicts)
        super().__init__(f"{said} while you were editing; nothing was saved")

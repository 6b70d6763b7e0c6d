"""What importing a file did, record by record: the report ``sorot import`` prints.

Each record of the file (an annotation, a labelled span, a row) has one
line: added, replaced, unchanged, older, in conflict, refused (with the
reason), an entity kept; and how it was placed when its offsets pointed
elsewhere. The summary counts them in one line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Conflict:
    """An annotation the file and the store both changed at the same time."""

    id: str
    article_id: str
    reason: str


@dataclass(frozen=True)
class RecordReport:
    """What importing did with one record of the file."""

    where: str
    outcome: str
    """``added``, ``replaced``, ``unchanged``, ``older``, ``conflict`` or ``refused``;
    ``entity added`` / ``entity unchanged`` for entity spans."""
    id: str = ""
    article_id: str = ""
    detail: str = ""
    """The reason it was refused, or how it was placed."""

    def line(self) -> str:
        """One line for the terminal: ``annotation 3: refused: has no target``."""
        text = f"{self.where}: {self.outcome}"
        return f"{text}: {self.detail}" if self.detail else text


@dataclass
class ImportReport:
    """What importing one file did, record by record."""

    path: str
    format: str = ""
    """``sorot-export``, ``sorot-jsonl``, ``sorot-csv``, ``w3c``, ``hypothesis``,
    ``label-studio`` or ``doccano``."""
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped_older: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    records: list[RecordReport] = field(default_factory=list)
    """Every record, in file order of decision."""
    corrections_added: list[str] = field(default_factory=list)
    """Ids of entity corrections brought in (merged by id: one already there is kept)."""
    corrections_unchanged: list[str] = field(default_factory=list)

    @property
    def refused(self) -> list[RecordReport]:
        """The records that were not imported, each with its reason."""
        return [r for r in self.records if r.outcome == "refused"]

    @property
    def entities(self) -> list[RecordReport]:
        """The entity spans that were kept as the user's entities."""
        return [r for r in self.records if r.outcome == "entity added"]

    @property
    def total(self) -> int:
        """Annotations read from the file (refused records aside)."""
        return sum(map(len, (self.added, self.replaced, self.unchanged, self.skipped_older))) + len(
            self.conflicts
        )

    @property
    def changed(self) -> bool:
        """True when the store was changed."""
        return bool(self.added or self.replaced or self.entities or self.corrections_added)

    def summary(self) -> str:
        """One line: ``FILE: 12 annotations (w3c): 10 added, 2 unchanged; 1 refused``."""
        parts = [
            f"{len(ids)} {label}"
            for ids, label in (
                (self.added, "added"),
                (self.replaced, "replaced by newer"),
                (self.unchanged, "unchanged"),
                (self.skipped_older, "skipped as older"),
                (self.conflicts, "in conflict"),
            )
            if ids
        ]
        noun = "annotation" if self.total == 1 else "annotations"
        line = f"{self.path}: {self.total} {noun} ({self.format}): {', '.join(parts) or 'none'}"
        corrections = len(self.corrections_added) + len(self.corrections_unchanged)
        if corrections:
            line += (
                f"; {corrections} entity correction{'s' if corrections != 1 else ''}: "
                f"{len(self.corrections_added)} added, "
                f"{len(self.corrections_unchanged)} already there"
            )
        extra = []
        placed = sum(1 for r in self.records if "placed by" in r.detail)
        if placed:
            extra.append(f"{placed} placed by {'its' if placed == 1 else 'their'} quote")
        entities = sum(1 for r in self.records if r.outcome.startswith("entity"))
        if entities:
            noun = "entity" if entities == 1 else "entities"
            extra.append(f"{entities} {noun} ({len(self.entities)} new)")
        if self.refused:
            extra.append(f"{len(self.refused)} refused")
        return line + ("; " + ", ".join(extra) if extra else "")

    def notable(self) -> list[RecordReport]:
        """The records a person should hear about: refused, conflicting, or placed by quote."""
        return [r for r in self.records if r.outcome in ("refused", "conflict") or r.detail]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, ids and every record included."""
        return {
            "path": self.path,
            "format": self.format,
            "added": self.added,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "skipped_older": self.skipped_older,
            "conflicts": [vars(c) for c in self.conflicts],
            "corrections_added": self.corrections_added,
            "corrections_unchanged": self.corrections_unchanged,
            "refused": len(self.refused),
            "records": [vars(r) for r in self.records],
        }

"""The entity: one recognised (or user-made) mention in a text.

Offsets are character offsets into exactly the text that was recognised
(``end`` exclusive). ``key`` is the canonical name shared by every variant of
one person, organisation or place (for DATE and QUANT it is the text itself).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Entity types, in the order the reader's legend shows them.
TYPES: tuple[str, ...] = ("PER", "ORG", "LOC", "DATE", "QUANT")

#: Types that come from the statistical model (the others come from rules).
NAME_TYPES: frozenset[str] = frozenset({"PER", "ORG", "LOC"})


@dataclass(frozen=True, slots=True)  # (a 19 MB article holds a million of them)
class Entity:
    """A typed span of text with its canonical key."""

    start: int
    end: int
    text: str
    type: str  # PER ORG LOC DATE QUANT
    key: str
    origin: str = "auto"

    def to_dict(self) -> dict[str, object]:
        """The entity as JSON-ready data."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "key": self.key,
            "origin": self.origin,
        }

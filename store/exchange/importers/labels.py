"""What another tool's labels become in sorot: a claim, a note or an entity.

Label Studio and doccano label spans with names a team chose (``Klaim``,
``Hoaks``, ``Person``); Hypothesis has tags. The user says what each label
means with ``--map LABEL=claim``, ``LABEL=claim:STATUS`` (a claim with that
status), ``LABEL=note`` or ``LABEL=entity:TYPE`` (PER, ORG, LOC, DATE,
QUANT). Without a word from the user, labels that already say it are
understood: ``claim``/``klaim``, ``note``/``catatan``/``comment``, and the
usual entity names (``PER``, ``PERSON``, ``ORG``, ``LOC``, ``GPE``, ``DATE``…).
A label nobody mapped is reported with the way to map it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ENTITY_TYPES = ("PER", "ORG", "LOC", "DATE", "QUANT")
"""The entity types sorot knows."""


@dataclass(frozen=True)
class Meaning:
    """What a label becomes."""

    kind: str
    """``claim``, ``note`` or ``entity``."""
    value: str = ""
    """A claim's status, or an entity's type."""

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}" if self.value else self.kind


_KNOWN: dict[str, Meaning] = {
    **{name: Meaning("claim") for name in ("claim", "claims", "klaim")},
    **{name: Meaning("note") for name in ("note", "notes", "catatan", "comment", "komentar")},
    **{t.casefold(): Meaning("entity", t) for t in ENTITY_TYPES},
    "person": Meaning("entity", "PER"),
    "persons": Meaning("entity", "PER"),
    "orang": Meaning("entity", "PER"),
    "organization": Meaning("entity", "ORG"),
    "organisation": Meaning("entity", "ORG"),
    "organisasi": Meaning("entity", "ORG"),
    "location": Meaning("entity", "LOC"),
    "lokasi": Meaning("entity", "LOC"),
    "gpe": Meaning("entity", "LOC"),
    "place": Meaning("entity", "LOC"),
    "time": Meaning("entity", "DATE"),
    "tanggal": Meaning("entity", "DATE"),
    "quantity": Meaning("entity", "QUANT"),
    "cardinal": Meaning("entity", "QUANT"),
    "money": Meaning("entity", "QUANT"),
    "percent": Meaning("entity", "QUANT"),
}


def _key(label: str) -> str:
    return " ".join(label.casefold().split())


def parse_meaning(text: str) -> Meaning:
    """``claim``, ``claim:STATUS``, ``note`` or ``entity:TYPE`` (``ValueError`` otherwise)."""
    kind, _, value = text.strip().partition(":")
    kind, value = kind.strip().casefold(), value.strip()
    if kind == "note" and not value:
        return Meaning("note")
    if kind == "claim":
        return Meaning("claim", value)
    if kind == "entity" and value.upper() in ENTITY_TYPES:
        return Meaning("entity", value.upper())
    types = "|".join(ENTITY_TYPES)
    raise ValueError(f"{text!r} is not claim, claim:STATUS, note or entity:{types}")


class LabelMap:
    """Labels to meanings: the user's mapping first, then the names that say it."""

    def __init__(self, mapping: Mapping[str, Meaning] | None = None) -> None:
        self.mapping = {_key(label): meaning for label, meaning in (mapping or {}).items()}

    @classmethod
    def parse(cls, items: Iterable[str]) -> LabelMap:
        """From ``LABEL=MEANING`` words (``ValueError`` names the one it cannot read)."""
        mapping: dict[str, Meaning] = {}
        for item in items:
            label, sep, meaning = item.rpartition("=")
            if not sep or not label.strip():
                raise ValueError(f"{item!r} is not LABEL=claim|note|entity:TYPE")
            mapping[label.strip()] = parse_meaning(meaning)
        return cls(mapping)

    def meaning(self, label: str) -> Meaning | None:
        """What ``label`` becomes, or ``None`` when nobody said."""
        key = _key(label)
        return self.mapping.get(key) or _KNOWN.get(key)

    def first(self, labels: Iterable[str]) -> tuple[str, Meaning] | None:
        """The first of ``labels`` that has a meaning, with it."""
        for label in labels:
            meaning = self.meaning(label)
            if meaning is not None:
                return label, meaning
        return None


def unmapped(labels: Iterable[str]) -> str:
    """The phrase for a record whose labels mean nothing yet."""
    names = ", ".join(repr(label) for label in labels) or "no label"
    return f"has {names}, which no --map gives a meaning (LABEL=claim|note|entity:TYPE)"

"""Saved sets: named queries, kept in ``<data>/sets.json`` for everyone on the folder.

A set is a query with a name (``false-claims`` → ``kind:claim
status:false,misleading``); the export dialog offers them and ``sorot
export --set NAME`` uses them. The file is a locked, atomic
:class:`~store.files.jsonfile.JsonFile`, so several users on one server
share it. Version 1 of the file kept each filter as a list; it is read and
its sets become the same queries (written back as version 2 on the next
change).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from store.files.jsonfile import JsonFile, StoreError
from store.query.parse import QueryError, Vocabulary, parse_query
from store.query.query import Query, quote_value

SETS_VERSION = 2
"""Version of the ``sets.json`` layout."""

_V1_FIELDS = {
    "articles": "article",
    "kinds": "kind",
    "claim_types": "type",
    "statuses": "status",
    "tags": "tag",
    "speakers": "speaker",
    "entity_keys": "entity",
    "annotators": "annotator",
}


@dataclass(frozen=True)
class SavedSet:
    """A query under a name."""

    name: str
    query: Query

    def describe(self) -> str:
        """``name: the query's words``."""
        return f"{self.name}: {self.query.describe()}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: the name and the query (words and fields)."""
        return {"name": self.name, **self.query.to_dict()}


def check_name(name: str) -> str:
    """``name`` stripped, or ``StoreError`` when it cannot name a set."""
    clean = name.strip()
    if not clean:
        raise StoreError("a set needs a name")
    if len(clean) > 100 or any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in clean):
        raise StoreError("a set name is at most 100 printable characters")
    return clean


def _text_of(raw: Any) -> str:
    """The query words of one stored set (version 2: ``{"query": …}``; version 1: lists)."""
    if not isinstance(raw, Mapping):
        raise ValueError("a set must be a JSON object")
    if "query" in raw:
        if not isinstance(raw["query"], str):
            raise ValueError("query must be text")
        return raw["query"]
    words = []
    for key, name in _V1_FIELDS.items():
        values = raw.get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ValueError(f"{key} must be a list of names")
        if values:
            words.append(f"{name}:{','.join(quote_value(v) for v in values)}")
    for key in ("since", "until"):
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{key} must be text")
        if value:
            words.append(f"{key}:{value}")
    orphaned = raw.get("orphaned")
    if orphaned is not None and not isinstance(orphaned, bool):
        raise ValueError("orphaned must be true, false or null")
    if orphaned is not None:
        words.append(f"orphaned:{'yes' if orphaned else 'no'}")
    return " ".join(words)


class SetStore:
    """The saved sets of one data folder, in ``sets.json``."""

    def __init__(self, data_dir: Path, vocabulary: Vocabulary | None = None) -> None:
        self.file = JsonFile(data_dir / "sets.json")
        self.vocabulary = vocabulary or Vocabulary()

    def _sets(self, data: Mapping[str, Any]) -> dict[str, Any]:
        version = data.get("version", SETS_VERSION)
        if isinstance(version, int) and version > SETS_VERSION:
            raise StoreError(f"{self.file.path} was written by a newer sorot; left as it is")
        sets = data.get("sets", {})
        if not isinstance(sets, dict):
            raise StoreError(f"{self.file.path}: unreadable (sets is not an object)")
        return sets

    def _read(self, name: str, raw: Any) -> SavedSet:
        try:
            return SavedSet(name, parse_query(_text_of(raw), self.vocabulary))
        except (TypeError, ValueError) as error:
            raise StoreError(f"the set {name!r} in {self.file.path} is damaged ({error})") from None

    def list(self) -> list[SavedSet]:
        """Every saved set, by name."""
        sets = self._sets(self.file.read())
        return [self._read(name, sets[name]) for name in sorted(sets, key=str.casefold)]

    def names(self) -> list[str]:
        """The names of the saved sets."""
        return sorted(self._sets(self.file.read()), key=str.casefold)

    def get(self, name: str) -> SavedSet:
        """The set called ``name``; ``StoreError`` when there is none."""
        sets = self._sets(self.file.read())
        if name not in sets:
            raise StoreError(self._unknown(name, sets))
        return self._read(name, sets[name])

    @staticmethod
    def _unknown(name: str, sets: Mapping[str, Any]) -> str:
        known = ", ".join(sorted(sets, key=str.casefold)[:8])
        hint = f"the sets are: {known}" if known else "no set is saved yet"
        return f"there is no set named {name!r} ({hint})"

    def save(self, name: str, query: Query) -> SavedSet:
        """Save ``query`` as ``name``, replacing a set of that name."""
        name = check_name(name)

        def change(data: dict[str, Any]) -> None:
            sets = self._upgraded(data)
            sets[name] = {"query": str(query)}
            data.update(version=SETS_VERSION, sets=sets)

        self.file.update(change)
        return SavedSet(name, query)

    def _upgraded(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """The sets of ``data`` in version 2's form (a damaged one is refused, not dropped)."""
        sets = {}
        for name, raw in self._sets(data).items():
            try:
                sets[name] = {"query": _text_of(raw)}
            except ValueError as error:
                raise StoreError(
                    f"the set {name!r} in {self.file.path} is damaged ({error})"
                ) from None
        return sets

    def delete(self, name: str) -> None:
        """Remove the set called ``name``; ``StoreError`` when there is none."""

        def change(data: dict[str, Any]) -> None:
            sets = self._upgraded(data)
            if name not in sets:
                raise StoreError(self._unknown(name, sets))
            del sets[name]
            data.update(version=SETS_VERSION, sets=sets)

        self.file.update(change)

    def rename(self, old: str, new: str) -> SavedSet:
        """Give the set ``old`` the name ``new`` (which must be free)."""
        new = check_name(new)
        moved: dict[str, SavedSet] = {}

        def change(data: dict[str, Any]) -> None:
            sets = self._upgraded(data)
            if old not in sets:
                raise StoreError(self._unknown(old, sets))
            if new in sets and new != old:
                raise StoreError(f"there is already a set named {new!r}")
            moved["set"] = self._read(new, sets[old])
            sets[new] = sets.pop(old)
            data.update(version=SETS_VERSION, sets=sets)

        self.file.update(change)
        return moved["set"]


__all__ = ["QueryError", "SavedSet", "SetStore", "check_name"]

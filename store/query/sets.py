"""Annotated sets: named, saved filters over articles and their annotations.

A set says which annotations (and, with the kind ``entity``, which articles'
entities) an export or a view takes. Every filter is a list of accepted
values; an empty list accepts everything. Values within one filter are
alternatives (any of them), filters are combined (all of them)::

    AnnotationSet("false claims", kinds=("claim",), statuses=("false", "misleading"))

Text filters compare case-insensitively. An article filter value is an id or
the start of one. ``since`` and ``until`` bound the annotation's ``created``
time, both inclusive; a bare date covers its whole day (UTC).

Sets are kept by :class:`SetStore` in ``<data>/sets.json`` (a locked, atomic
:class:`~store.files.jsonfile.JsonFile`), so several users on one server share them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Protocol

from store.annotations.annotation import Annotation
from store.files.jsonfile import JsonFile, StoreError

SET_KINDS = ("claim", "note", "entity")
"""What a set can take: claims, notes, and the articles' entities."""

SETS_VERSION = 1
"""Version of the ``sets.json`` layout."""

_LIST_FILTERS = (
    "articles",
    "kinds",
    "claim_types",
    "statuses",
    "tags",
    "speakers",
    "entity_keys",
    "annotators",
)

_LABELS = ("article", "kind", "type", "status", "tag", "speaker", "entity", "annotator")


class _HasArticleId(Protocol):
    @property
    def id(self) -> str: ...


def parse_when(value: str, *, end_of_day: bool = False) -> datetime:
    """An ISO date or date-time as an aware datetime (``ValueError`` when it is neither).

    A bare date is the start of that day, or its last instant with
    ``end_of_day``; a time without a zone is taken as UTC.
    """
    value = value.strip()
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            moment = datetime.combine(day, time.min, UTC)
            return moment + timedelta(days=1, microseconds=-1) if end_of_day else moment
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD) or an ISO date-time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _fold(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.casefold() for v in values)


@dataclass(frozen=True)
class AnnotationSet:
    """A named filter over annotations; an empty filter takes everything."""

    name: str | None = None
    """``None`` for an unsaved filter given on the command line."""
    articles: tuple[str, ...] = ()
    """Article ids, or the start of one."""
    kinds: tuple[str, ...] = ()
    """``claim``, ``note``, ``entity``. Naming ``entity`` puts every article that
    passes the article filter in the set, annotated or not, for its entities."""
    claim_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    """A claim without a status counts as ``unverified``."""
    tags: tuple[str, ...] = ()
    """An annotation with any of these tags."""
    speakers: tuple[str, ...] = ()
    entity_keys: tuple[str, ...] = ()
    """Annotations whose speaker is one of these keys or whose passage holds
    an entity with one (when entities are known); exported entities are
    limited to these keys as well."""
    annotators: tuple[str, ...] = ()
    since: str | None = None
    """Created at or after this date or date-time."""
    until: str | None = None
    """Created at or before this date (its whole day) or date-time."""
    orphaned: bool | None = None
    """``True``: only orphaned annotations; ``False``: only placed ones; ``None``: either."""

    def __post_init__(self) -> None:
        for name in _LIST_FILTERS:
            value = getattr(self, name)
            if isinstance(value, str) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{name} must be a list of names")
            # Keep the given order (it is shown back) but drop blanks and repeats.
            object.__setattr__(self, name, tuple(dict.fromkeys(v.strip() for v in value if v)))
        unknown = [k for k in self.kinds if k not in SET_KINDS]
        if unknown:
            raise ValueError(f"{unknown[0]!r} is not a kind (claim, note or entity)")
        since = parse_when(self.since) if self.since else None
        until = parse_when(self.until, end_of_day=True) if self.until else None
        if since and until and since > until:
            raise ValueError(f"the date range {self.since} .. {self.until} is empty")
        # Parsed once here, not for each of 100,000 annotations.
        object.__setattr__(self, "_exact_articles", frozenset(self.articles))
        object.__setattr__(self, "_since", since)
        object.__setattr__(self, "_until", until)
        object.__setattr__(self, "_folded", {n: _fold(getattr(self, n)) for n in _LIST_FILTERS})

    # -- what it takes ------------------------------------------------------------

    @property
    def is_everything(self) -> bool:
        """True when no filter is set."""
        return self == AnnotationSet(self.name)

    @property
    def annotation_kinds(self) -> frozenset[str]:
        """The annotation kinds the set takes (both when none is named)."""
        named = {k for k in self.kinds if k != "entity"}
        if not named and "entity" not in self.kinds:
            return frozenset({"claim", "note"})
        return frozenset(named)

    @property
    def takes_entities(self) -> bool:
        """True when the set names the kind ``entity`` or names no kind at all."""
        return not self.kinds or "entity" in self.kinds

    @property
    def lists_all_articles(self) -> bool:
        """True when articles without a matching annotation belong in the set too."""
        return "entity" in self.kinds

    def takes_article(self, article_id: str) -> bool:
        """True when the article filter lets ``article_id`` through."""
        # A set of the library's visible articles holds thousands of ids: look them up,
        # and let str.startswith scan the prefixes in C rather than a loop in Python.
        return (
            not self.articles
            or article_id in self._exact_articles  # type: ignore[attr-defined]
            or article_id.startswith(self.articles)
        )

    def takes_entity(self, entity: Mapping[str, Any]) -> bool:
        """True when an entity (``{key, …}``) passes the entity-key filter."""
        keys = self._folded["entity_keys"]  # type: ignore[attr-defined]
        return not keys or str(entity.get("key", "")).casefold() in keys

    def matches(
        self,
        annotation: Annotation,
        article: _HasArticleId | None = None,
        entities: Sequence[Mapping[str, Any]] | None = None,
    ) -> bool:
        """True when ``annotation`` (on ``article``, with its ``entities``) is in the set."""
        folded: dict[str, frozenset[str]] = self._folded  # type: ignore[attr-defined]
        article_id = article.id if article is not None else annotation.article_id
        if annotation.kind not in self.annotation_kinds or not self.takes_article(article_id):
            return False
        if self.orphaned is not None and annotation.orphaned != self.orphaned:
            return False
        checks = (
            ("claim_types", annotation.claim_type),
            ("statuses", annotation.status or ("unverified" if annotation.kind == "claim" else "")),
            ("speakers", annotation.speaker),
            ("annotators", annotation.annotator),
        )
        for name, value in checks:
            if folded[name] and (value or "").casefold() not in folded[name]:
                return False
        if folded["tags"] and not any(t.casefold() in folded["tags"] for t in annotation.tags):
            return False
        if folded["entity_keys"] and not self._mentions(annotation, entities or ()):
            return False
        return self._in_range(annotation.created)

    def _mentions(self, annotation: Annotation, entities: Sequence[Mapping[str, Any]]) -> bool:
        keys = self._folded["entity_keys"]  # type: ignore[attr-defined]
        if (annotation.speaker or "").casefold() in keys:
            return True
        span = annotation.selector
        if span is None or annotation.orphaned:
            return False
        return any(
            str(e.get("key", "")).casefold() in keys
            and int(e["start"]) < span.end
            and int(e["end"]) > span.start
            for e in entities
        )

    def _in_range(self, created: str) -> bool:
        since, until = self._since, self._until  # type: ignore[attr-defined]
        if since is None and until is None:
            return True
        try:
            moment = parse_when(created)
        except ValueError:
            return False  # an unreadable date cannot be said to be in any range
        return (since is None or moment >= since) and (until is None or moment <= until)

    # -- saving and showing -------------------------------------------------------

    def renamed(self, name: str | None) -> AnnotationSet:
        """The same filter under another name."""
        return replace(self, name=name)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (every filter, empty ones included)."""
        data: dict[str, Any] = {"name": self.name}
        for name in _LIST_FILTERS:
            data[name] = list(getattr(self, name))
        data.update(since=self.since, until=self.until, orphaned=self.orphaned)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AnnotationSet:
        """Read the form written by ``to_dict`` (``ValueError`` when it is not one)."""
        if not isinstance(data, Mapping):
            raise ValueError("a set must be a JSON object")
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue  # a field of a newer sorot: ignored, not fatal
            if key in _LIST_FILTERS:
                if not isinstance(value, list):
                    raise ValueError(f"{key} must be a list of names")
                value = tuple(value)
            elif key == "orphaned" and value is not None and not isinstance(value, bool):
                raise ValueError("orphaned must be true, false or null")
            elif key != "orphaned" and value is not None and not isinstance(value, str):
                raise ValueError(f"{key} must be text")
            values[key] = value
        return cls(**values)

    def describe(self) -> str:
        """The filter in one line (``everything`` when there is none)."""
        parts = []
        for name, label in zip(_LIST_FILTERS, _LABELS, strict=True):
            values = getattr(self, name)
            if values:
                parts.append(f"{label}: {', '.join(values)}")
        if self.since or self.until:
            parts.append(f"created: {self.since or '…'} .. {self.until or '…'}")
        if self.orphaned is not None:
            parts.append("orphaned only" if self.orphaned else "placed only")
        return "; ".join(parts) or "everything"


def check_name(name: str) -> str:
    """``name`` stripped, or ``StoreError`` when it cannot name a set."""
    clean = name.strip()
    if not clean:
        raise StoreError("a set needs a name")
    if len(clean) > 100 or any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in clean):
        raise StoreError("a set name is at most 100 printable characters")
    return clean


class SetStore:
    """The saved sets of one data folder, in ``sets.json``."""

    def __init__(self, data_dir: Path) -> None:
        self.file = JsonFile(data_dir / "sets.json")

    def _sets(self, data: Mapping[str, Any]) -> dict[str, Any]:
        version = data.get("version", SETS_VERSION)
        if isinstance(version, int) and version > SETS_VERSION:
            raise StoreError(f"{self.file.path} was written by a newer sorot; left as it is")
        sets = data.get("sets", {})
        if not isinstance(sets, dict):
            raise StoreError(f"{self.file.path}: unreadable (sets is not an object)")
        return sets

    def _read(self, name: str, raw: Any) -> AnnotationSet:
        try:
            return AnnotationSet.from_dict({**raw, "name": name})
        except (TypeError, ValueError) as error:
            raise StoreError(f"the set {name!r} in {self.file.path} is damaged ({error})") from None

    def list(self) -> list[AnnotationSet]:
        """Every saved set, by name."""
        sets = self._sets(self.file.read())
        return [self._read(name, sets[name]) for name in sorted(sets, key=str.casefold)]

    def names(self) -> list[str]:
        """The names of the saved sets."""
        return sorted(self._sets(self.file.read()), key=str.casefold)

    def get(self, name: str) -> AnnotationSet:
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

    def save(self, aset: AnnotationSet) -> AnnotationSet:
        """Save ``aset`` under its name, replacing a set of that name."""
        name = check_name(aset.name or "")
        aset = aset.renamed(name)
        body = {k: v for k, v in aset.to_dict().items() if k != "name"}

        def change(data: dict[str, Any]) -> None:
            sets = dict(self._sets(data))
            sets[name] = body
            data.update(version=SETS_VERSION, sets=sets)

        self.file.update(change)
        return aset

    def delete(self, name: str) -> None:
        """Remove the set called ``name``; ``StoreError`` when there is none."""

        def change(data: dict[str, Any]) -> None:
            sets = dict(self._sets(data))
            if name not in sets:
                raise StoreError(self._unknown(name, sets))
            del sets[name]
            data.update(version=SETS_VERSION, sets=sets)

        self.file.update(change)

    def rename(self, old: str, new: str) -> AnnotationSet:
        """Give the set ``old`` the name ``new`` (which must be free)."""
        new = check_name(new)
        moved: dict[str, AnnotationSet] = {}

        def change(data: dict[str, Any]) -> None:
            sets = dict(self._sets(data))
            if old not in sets:
                raise StoreError(self._unknown(old, sets))
            if new in sets and new != old:
                raise StoreError(f"there is already a set named {new!r}")
            moved["set"] = self._read(new, sets[old])
            sets[new] = sets.pop(old)
            data.update(version=SETS_VERSION, sets=sets)

        self.file.update(change)
        return moved["set"]

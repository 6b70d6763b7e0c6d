"""Importing annotations: sorot's native export, its JSON Lines, and W3C Web Annotations.

Annotations are merged into the store by their id, so a round trip through
an export loses and duplicates nothing:

- an id the store lacks is **added**;
- the same annotation again is **unchanged** (importing twice changes nothing);
- a version with a later ``updated`` **replaces** the stored one;
- an earlier version is **skipped** (``older``);
- a different version with the same ``updated`` is a **conflict**: reported,
  and the stored one kept. Two versions that differ only in where they are
  anchored (selector, text version, orphaned) are the same edit placed in
  two texts, so they count as unchanged: the store places its own again.
- an id the store holds on another article is a conflict as well.

A file is read and checked completely before anything is written: a file
that is not JSON, is of another format or lacks a field raises
:class:`ImportFailed` (one plain sentence) and nothing of it is imported.
Each article's annotations are then merged under that article's lock, the
decision taken on what is stored at that moment.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from store.annotations.annotation import KINDS, Annotation
from store.annotations.store import AnnotationStore
from store.exchange import native, w3c
from store.files.jsonfile import StoreError
from store.news.article import Article

MAX_BYTES = 1 << 30
"""Larger files are refused rather than read into memory."""

_ANCHOR_FIELDS = ("selector", "sha256", "orphaned")


class ImportFailed(StoreError):
    """A file that cannot be imported, in one plain sentence; nothing of it was imported."""


@dataclass(frozen=True)
class Conflict:
    """An annotation the file and the store both changed at the same time."""

    id: str
    article_id: str
    reason: str


@dataclass
class ImportReport:
    """What importing one file did, annotation id by annotation id."""

    path: str
    format: str = ""
    """``sorot-export``, ``sorot-jsonl`` or ``w3c``."""
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped_older: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    corrections_added: list[str] = field(default_factory=list)
    """Ids of entity corrections brought in (merged by id: one already there is kept)."""
    corrections_unchanged: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Annotations read from the file."""
        return sum(map(len, (self.added, self.replaced, self.unchanged, self.skipped_older))) + len(
            self.conflicts
        )

    @property
    def changed(self) -> bool:
        """True when the store was changed."""
        return bool(self.added or self.replaced)

    def summary(self) -> str:
        """One line: ``FILE: 12 annotations (w3c): 10 added, 2 unchanged``."""
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
        text = f"{self.path}: {self.total} {noun} ({self.format}): {', '.join(parts) or 'none'}"
        corrections = len(self.corrections_added) + len(self.corrections_unchanged)
        if corrections:
            text += (
                f"; {corrections} entity correction{'s' if corrections != 1 else ''}: "
                f"{len(self.corrections_added)} added, "
                f"{len(self.corrections_unchanged)} already there"
            )
        return text

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, ids included."""
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
        }


# -- reading a file ------------------------------------------------------------------------


def _text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportFailed(f"{path}: too large to import ({size:,} bytes)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailed(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImportFailed(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise ImportFailed(f"{path}: cannot read ({error.strerror or error})") from None
    if not raw.strip():
        raise ImportFailed(f"{path}: is empty")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(f"{path}: is not UTF-8 text (an export is JSON in UTF-8)") from None


def _parse(path: Path, text: str) -> tuple[str, Any]:
    """``(kind, data)``: ``json`` and the document, or ``jsonl`` and its lines' objects."""
    try:
        return "json", json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg != "Extra data":
            where = f"line {error.lineno}, column {error.colno}"
            raise ImportFailed(f"{path}: is not JSON ({error.msg} at {where})") from None
    lines = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                lines.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ImportFailed(f"{path}: line {number} is not JSON ({error.msg})") from None
    return "jsonl", lines


def _check(data: Any, where: str) -> Annotation:
    """A native annotation object, checked field by field (``ValueError`` says what is wrong)."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{where} is not an object")
    for key, kind in (("id", str), ("article_id", str), ("kind", str), ("created", str)):
        if not isinstance(data.get(key), kind) or not data[key]:
            raise ValueError(f"{where} has no {key}")
    if data["kind"] not in KINDS:
        raise ValueError(f"{where} is a {data['kind']!r}, not a claim or a note")
    selector = data.get("selector")
    if selector is not None:
        if not isinstance(selector, Mapping) or not isinstance(selector.get("exact"), str):
            raise ValueError(f"{where} has a broken selector")
        start, end = selector.get("start"), selector.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
            raise ValueError(f"{where} has broken offsets")
        if end - start != len(selector["exact"]):
            raise ValueError(f"{where} has offsets that do not span its quote")
    if not isinstance(data.get("tags", []), list):
        raise ValueError(f"{where} has tags that are not a list")
    return Annotation.from_dict(dict(data))


def _native(document: Mapping[str, Any]) -> list[Annotation]:
    version = document.get("version")
    if not isinstance(version, int) or version > native.FORMAT_VERSION:
        raise ValueError(f"is format version {version}, newer than this sorot reads")
    articles = document.get("articles")
    if not isinstance(articles, list):
        raise ValueError("has no list of articles")
    found = []
    for number, article in enumerate(articles, 1):
        marks = article.get("annotations") if isinstance(article, Mapping) else None
        if not isinstance(marks, list):
            raise ValueError(f"article {number} has no list of annotations")
        found += [_check(a, f"annotation {i} of article {number}") for i, a in enumerate(marks, 1)]
    return found


def read_corrections(path: Path) -> list[dict[str, Any]]:
    """The entity corrections of a native export at ``path`` (none in other formats)."""
    kind, data = _parse(path, _text(path))
    if kind == "jsonl" or not isinstance(data, Mapping):
        return []
    if data.get("format") != native.FORMAT_NAME or not isinstance(data.get("articles"), list):
        return []
    found = []
    for number, article in enumerate(data["articles"], 1):
        docs = article.get("corrections", []) if isinstance(article, Mapping) else []
        if not isinstance(docs, list):
            raise ImportFailed(f"{path}: the corrections of article {number} are not a list")
        for doc in docs:
            if not (
                isinstance(doc, Mapping)
                and isinstance(doc.get("id"), str)
                and isinstance(doc.get("article_id"), str)
                and isinstance(doc.get("selector"), Mapping)
            ):
                raise ImportFailed(f"{path}: a correction of article {number} is broken")
            found.append(dict(doc))
    return found


def read_annotations(
    path: Path, find_article: Callable[[str], Article | None] | None = None
) -> tuple[str, list[Annotation]]:
    """The format and every annotation of the file at ``path``; ``ImportFailed`` when bad."""
    kind, data = _parse(path, _text(path))
    try:
        if kind == "jsonl":
            return "sorot-jsonl", [
                _check(line, f"line {n}")
                for n, line in enumerate(data, 1)
                if not (isinstance(line, Mapping) and line.get("kind") == "article")
            ]
        if isinstance(data, Mapping) and data.get("format") == native.FORMAT_NAME:
            return native.FORMAT_NAME, _native(data)
        if isinstance(data, Mapping) and "format" in data and "@context" not in data:
            raise ValueError(f"is a {data['format']!r} file, not a sorot export")
        if _looks_w3c(data):
            found = []
            for number, item in enumerate(w3c.annotations_of(data), 1):
                try:
                    found.append(w3c.from_w3c(item, find_article))
                except (ValueError, KeyError, TypeError) as error:
                    raise ValueError(f"annotation {number} {_reason(error)}") from None
            return "w3c", found
    except ValueError as error:
        raise ImportFailed(f"{path}: {error}") from None
    raise ImportFailed(f"{path}: is neither a sorot export nor W3C Web Annotations")


def _reason(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"lacks {error.args[0]}"
    return str(error)


def _looks_w3c(data: Any) -> bool:
    items = data if isinstance(data, list) else [data]
    return bool(items) and all(
        isinstance(i, Mapping) and ("@context" in i or "type" in i or "target" in i) for i in items
    )


# -- merging -------------------------------------------------------------------------------


def _moment(value: str) -> datetime | str:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _newer(a: str, b: str) -> int:
    """1 when ``a`` is later than ``b``, -1 when earlier, 0 when the same moment."""
    x, y = _moment(a), _moment(b)
    if type(x) is not type(y):
        x, y = a, b  # one of them is not a date: compare the text
    return (x > y) - (x < y)  # type: ignore[operator]


def decide(stored: Annotation | None, incoming: Annotation) -> str:
    """``added``, ``unchanged``, ``replaced``, ``older`` or ``conflict``."""
    if stored is None:
        return "added"
    mine, theirs = stored.to_dict(), incoming.to_dict()
    if mine == theirs:
        return "unchanged"
    order = _newer(incoming.updated, stored.updated)
    if order > 0:
        return "replaced"
    if order < 0:
        return "older"
    for key in _ANCHOR_FIELDS:
        mine.pop(key), theirs.pop(key)
    return "unchanged" if mine == theirs else "conflict"


def _record(report: ImportReport, outcome: str, stored: Annotation | None, new: Annotation) -> None:
    if outcome == "conflict":
        reason = f"changed both here and in the file at {new.updated}"
        report.conflicts.append(Conflict(new.id, new.article_id, reason))
        return
    bucket = {
        "added": report.added,
        "replaced": report.replaced,
        "unchanged": report.unchanged,
        "older": report.skipped_older,
    }[outcome]
    bucket.append(new.id)


def _dedupe(found: Iterable[Annotation], report: ImportReport) -> list[Annotation]:
    """One version of each id: the newest; a same-time twin with other content is a conflict."""
    chosen: dict[str, Annotation] = {}
    for annotation in found:
        before = chosen.get(annotation.id)
        outcome = decide(before, annotation)
        if outcome in ("added", "replaced"):
            chosen[annotation.id] = annotation
        elif outcome == "conflict":
            reason = "the file holds two different versions with one time"
            report.conflicts.append(Conflict(annotation.id, annotation.article_id, reason))
    return list(chosen.values())


def merge(store: AnnotationStore, found: Sequence[Annotation], report: ImportReport) -> None:
    """Merge ``found`` into ``store`` by id, recording each outcome in ``report``."""
    homes = {a.id: a.article_id for a in store.all()}
    by_article: dict[str, list[Annotation]] = {}
    for annotation in _dedupe(found, report):
        home = homes.get(annotation.id)
        if home is not None and home != annotation.article_id:
            reason = f"the store holds this id on article {home}"
            report.conflicts.append(Conflict(annotation.id, annotation.article_id, reason))
            continue
        by_article.setdefault(annotation.article_id, []).append(annotation)
    for article_id, incoming in by_article.items():
        stored = {a.id: a for a in store.annotations(article_id)}
        outcomes = [decide(stored.get(a.id), a) for a in incoming]
        if not any(o in ("added", "replaced") for o in outcomes):
            # Nothing to write: no lock taken, and a read-only store still answers.
            for annotation, outcome in zip(incoming, outcomes, strict=True):
                _record(report, outcome, stored.get(annotation.id), annotation)
            continue

        def choose(current: Annotation | None, new: Annotation) -> bool:
            outcome = decide(current, new)  # again, on what is stored under the lock
            _record(report, outcome, current, new)
            return outcome in ("added", "replaced")

        store.merge(article_id, incoming, choose)


def import_file(
    path: Path | str,
    store: AnnotationStore,
    *,
    articles: Iterable[Article] = (),
) -> ImportReport:
    """Import the annotations in ``path`` into ``store``; ``ImportFailed`` when it cannot be read.

    ``articles`` (the corpus) lets W3C annotations made by other tools be
    matched to articles by their address.
    """
    path = Path(path)
    index: dict[str, Article] = {}
    for article in articles:
        index[article.id] = article
        if article.url:
            index.setdefault(article.url, article)
    fmt, found = read_annotations(path, index.get if index else None)
    report = ImportReport(str(path), fmt)
    merge(store, found, report)
    by_article: dict[str, list[dict[str, Any]]] = {}
    for doc in read_corrections(path):
        by_article.setdefault(doc["article_id"], []).append(doc)
    for article_id, docs in by_article.items():
        added = store.merge_corrections(article_id, docs)
        report.corrections_added += added
        report.corrections_unchanged += [d["id"] for d in docs if d["id"] not in added]
    return report

"""Importing annotations: sorot's own formats and the tools people come from.

What is read (``store.exchange.importers``): sorot's JSON export, JSON
Lines and CSV; W3C Web Annotations (sorot's, Hypothesis's JSON-LD);
Hypothesis's API JSON; Label Studio's JSON export; doccano's JSONL. The
format is told from the content, not the file name.

Each record (an annotation, a labelled span, a row) is read on its own: one
that cannot be read or placed is **refused** with the reason, in one line,
and the others go on. A passage whose offsets and quote disagree is placed
by its quote with its prefix and suffix, and the report says so.

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

A file that cannot be read at all (missing, not UTF-8, not JSON, CSV or
JSON Lines, of a format sorot does not know) raises :class:`ImportFailed`
(one plain sentence) and nothing of it is imported. Each article's
annotations are merged under that article's lock, the decision taken on
what is stored at that moment.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from store.annotations.annotation import Annotation
from store.annotations.store import AnnotationStore
from store.exchange.import_report import Conflict, ImportReport, RecordReport
from store.exchange.importers import (
    Context,
    EntityMark,
    Record,
    doccano,
    hypothesis,
    labelstudio,
    native,
    sorot_csv,
    w3c,
)
from store.exchange.importers.jsontext import loads
from store.exchange.importers.labels import LabelMap
from store.exchange.times import moment
from store.files.jsonfile import StoreError
from store.news.article import Article

MAX_BYTES = 1 << 30
"""Larger files are refused rather than read into memory."""

_ANCHOR_FIELDS = ("selector", "sha256", "orphaned")
_TIME_FIELDS = ("created", "updated")

EntitySink = Callable[[EntityMark], str]
"""Keeps an imported entity span; returns ``added`` or ``unchanged``."""


class ImportFailed(StoreError):
    """A file that cannot be imported, in one plain sentence; nothing of it was imported."""


# -- reading a file ------------------------------------------------------------------------


def _text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportFailed(f"{path}: too large to import ({size:,} bytes)")
        if path.is_dir():
            raise ImportFailed(f"{path}: is a folder, not a file")
        if not path.is_file():
            raise ImportFailed(f"{path}: is not a regular file")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailed(f"{path}: no such file") from None
    except OSError as error:
        raise ImportFailed(f"{path}: cannot read ({error.strerror or error})") from None
    if not raw.strip():
        raise ImportFailed(f"{path}: is empty")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(f"{path}: is not UTF-8 text (sorot imports UTF-8 JSON or CSV)") from None


def _json_lines(path: Path, text: str) -> list[tuple[int, Any]]:
    """Each non-blank line parsed; a line that is not JSON becomes a refused record later."""
    lines: list[tuple[int, Any]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            lines.append((number, loads(line)))
        except (json.JSONDecodeError, RecursionError) as error:
            reason = getattr(error, "msg", "nested too deeply")
            lines.append((number, _Broken(f"is not JSON ({reason})")))
    if lines and all(isinstance(value, _Broken) for _number, value in lines):
        raise ImportFailed(f"{path}: is not JSON ({lines[0][1].reason} on line {lines[0][0]})")
    return lines


@dataclass(frozen=True)
class _Broken:
    reason: str


def _lines_records(lines: list[tuple[int, Any]], context: Context) -> tuple[str, list[Record]]:
    good = [(n, v) for n, v in lines if not isinstance(v, _Broken)]
    broken = [Record(f"line {n}", refused=v.reason) for n, v in lines if isinstance(v, _Broken)]
    values = [v for _n, v in good]
    if native.looks_like_lines(values):
        return "sorot-jsonl", broken + list(native.line_records(good, context))
    if doccano.looks_like(values):
        return "doccano", broken + list(doccano.records(good, context))
    raise ValueError(
        "is none of the formats sorot imports (sorot JSON, JSON Lines or CSV, W3C Web "
        "Annotations, Hypothesis, Label Studio, doccano)"
    )


def _document_records(data: Any, context: Context) -> tuple[str, list[Record]]:
    if native.is_export(data):
        return native.FORMAT, list(native.export_records(data, context))
    if isinstance(data, Mapping) and "format" in data and "@context" not in data:
        raise ValueError(f"is a {str(data['format'])[:40]!r} file, not a sorot export")
    if hypothesis.looks_like(data):
        return "hypothesis", list(hypothesis.records(data, context))
    if labelstudio.looks_like(data):
        return "label-studio", list(labelstudio.records(data, context))
    if w3c.looks_like(data):
        return "w3c", list(w3c.records(data, context))
    if isinstance(data, Mapping):  # JSON Lines of one line read as one document
        return _lines_records([(1, data)], context)
    raise ValueError(
        "is none of the formats sorot imports (sorot JSON, JSON Lines or CSV, W3C Web "
        "Annotations, Hypothesis, Label Studio, doccano)"
    )


def read_records(path: Path, context: Context) -> tuple[str, list[Record]]:
    """The format and every record of the file at ``path``; ``ImportFailed`` when unreadable."""
    text = _text(path)
    try:
        if sorot_csv.looks_like(text):
            return "sorot-csv", list(sorot_csv.records(text, context))
        try:
            data = loads(text)
        except RecursionError:
            raise ImportFailed(f"{path}: is nested too deeply to be read") from None
        except json.JSONDecodeError as error:
            if error.msg != "Extra data":
                where = f"line {error.lineno}, column {error.colno}"
                raise ImportFailed(f"{path}: is not JSON ({error.msg} at {where})") from None
            return _lines_records(_json_lines(path, text), context)
        return _document_records(data, context)
    except ValueError as error:
        raise ImportFailed(f"{path}: {error}") from None


# -- merging -------------------------------------------------------------------------------


def _newer(a: str, b: str) -> int:
    """1 when ``a`` is later than ``b``, -1 when earlier, 0 when the same moment."""
    x, y = moment(a), moment(b)
    if x is None or y is None:
        return (a > b) - (a < b)  # one of them is not a date: compare the text
    return (x > y) - (x < y)


def _comparable(annotation: Annotation) -> dict[str, Any]:
    data = annotation.to_dict()
    for key in _TIME_FIELDS:  # one moment spelled two ways is one time
        when = moment(data[key])
        data[key] = when or data[key]
    return data


def decide(stored: Annotation | None, incoming: Annotation) -> str:
    """``added``, ``unchanged``, ``replaced``, ``older`` or ``conflict``."""
    if stored is None:
        return "added"
    mine, theirs = _comparable(stored), _comparable(incoming)
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


class _Merge:
    """The report being filled while records are merged."""

    def __init__(self, report: ImportReport, found: Sequence[Record]) -> None:
        self.report = report
        self.record_of = {id(r.annotation): r for r in found if r.annotation is not None}

    def note(self, annotation: Annotation, outcome: str, detail: str = "") -> None:
        record = self.record_of.get(id(annotation))
        where = record.where if record else annotation.id
        detail = detail or (record.note if record else "")
        self.report.records.append(
            RecordReport(where, outcome, annotation.id, annotation.article_id, detail)
        )
        if outcome == "conflict":
            self.report.conflicts.append(Conflict(annotation.id, annotation.article_id, detail))
            return
        bucket = {
            "added": self.report.added,
            "replaced": self.report.replaced,
            "unchanged": self.report.unchanged,
            "older": self.report.skipped_older,
        }[outcome]
        bucket.append(annotation.id)


def _dedupe(found: Iterable[Annotation], merge: _Merge) -> list[Annotation]:
    """One version of each id: the newest; a same-time twin with other content is a conflict."""
    chosen: dict[str, Annotation] = {}
    for annotation in found:
        before = chosen.get(annotation.id)
        outcome = decide(before, annotation)
        if outcome in ("added", "replaced"):
            chosen[annotation.id] = annotation
        elif outcome == "conflict":
            reason = "the file holds two different versions with one time"
            merge.note(annotation, "conflict", reason)
    return list(chosen.values())


def merge(store: AnnotationStore, found: Sequence[Record], report: ImportReport) -> None:
    """Merge the annotations of ``found`` into ``store`` by id, each outcome in ``report``."""
    merging = _Merge(report, found)
    homes = {a.id: a.article_id for a in store.all()}
    by_article: dict[str, list[Annotation]] = {}
    annotations = [r.annotation for r in found if r.annotation is not None]
    for annotation in _dedupe(annotations, merging):
        home = homes.get(annotation.id)
        if home is not None and home != annotation.article_id:
            merging.note(annotation, "conflict", f"the store holds this id on article {home}")
            continue
        by_article.setdefault(annotation.article_id, []).append(annotation)
    for article_id, incoming in by_article.items():
        stored = {a.id: a for a in store.annotations(article_id)}
        outcomes = [decide(stored.get(a.id), a) for a in incoming]
        if not any(o in ("added", "replaced") for o in outcomes):
            # Nothing to write: no lock taken, and a read-only store still answers.
            for annotation, outcome in zip(incoming, outcomes, strict=True):
                merging.note(annotation, outcome, _why(outcome, annotation))
            continue

        def choose(current: Annotation | None, new: Annotation) -> bool:
            outcome = decide(current, new)  # again, on what is stored under the lock
            merging.note(new, outcome, _why(outcome, new))
            return outcome in ("added", "replaced")

        store.merge(article_id, incoming, choose)


def _why(outcome: str, annotation: Annotation) -> str:
    if outcome == "conflict":
        return f"changed both here and in the file at {annotation.updated}"
    return ""


def merge_corrections(
    store: AnnotationStore, found: Sequence[Record], report: ImportReport
) -> None:
    """Add the entity corrections of ``found`` the store lacks, by id (a native export's)."""
    by_article: dict[str, list[Record]] = {}
    for record in found:
        if record.correction is not None:
            by_article.setdefault(record.correction["article_id"], []).append(record)
    for article_id, records in by_article.items():
        added = set(store.merge_corrections(article_id, [r.correction for r in records]))
        for record in records:
            doc = record.correction
            outcome = "added" if doc["id"] in added else "unchanged"
            (
                report.corrections_added if outcome == "added" else report.corrections_unchanged
            ).append(doc["id"])
            report.records.append(
                RecordReport(record.where, f"correction {outcome}", doc["id"], article_id)
            )


def import_file(
    path: Path | str,
    store: AnnotationStore,
    *,
    articles: Iterable[Article] = (),
    labels: LabelMap | None = None,
    annotator: str = "",
    keep_entity: EntitySink | None = None,
) -> ImportReport:
    """Import the records of ``path`` into ``store``; ``ImportFailed`` when it cannot be read.

    ``articles`` (the corpus) lets other tools' annotations be matched to
    articles (by address or text) and placed by their quotes; ``labels`` says
    what other tools' labels become; ``annotator`` names records that name
    nobody; ``keep_entity`` keeps entity spans (without it they are refused).
    """
    path = Path(path)
    context = Context(articles, labels or LabelMap(), annotator)
    fmt, found = read_records(path, context)
    report = ImportReport(str(path), fmt)
    for record in found:
        if record.refused:
            report.records.append(RecordReport(record.where, "refused", detail=record.refused))
        elif record.entity is not None:
            mark = record.entity
            if keep_entity is None:
                reason = "is an entity span, and entities cannot be kept here"
                report.records.append(RecordReport(record.where, "refused", detail=reason))
                continue
            outcome = keep_entity(mark)
            report.records.append(
                RecordReport(record.where, f"entity {outcome}", "", mark.article_id, record.note)
            )
    merge(store, found, report)
    merge_corrections(store, found, report)
    order = {record.where: number for number, record in enumerate(found)}
    report.records.sort(key=lambda r: order.get(r.where, len(order)))  # the file's order
    return report

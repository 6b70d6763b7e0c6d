"""Label Studio's JSON export: tasks, each with its annotators' results.

Read: each task's text (``data.text``, or the field a result's ``to_name``
names) is matched to an article (``spans.locate``); each labelled region
(``type: labels``, ``value: {start, end, text, labels}``) becomes a claim,
a note or an entity by its label (``labels``). A text area on the same
region (``textarea``, same region ``id``) is its note; choices on it
(``choices``) are its tags, or its status when the control is named for
one (``status``, ``verdict``, ``rating``). A cancelled annotation and
predictions (a model's, not a person's) are not imported.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from store.exchange.importers import Context, Record, refused
from store.exchange.importers.jsontext import check_plain
from store.exchange.importers.spans import locate, span_record

_STATUS_CONTROLS = ("status", "verdict", "rating", "label_status")


def _tasks(data: Any) -> list[Any]:
    return data if isinstance(data, list) else [data]


def looks_like(data: Any) -> bool:
    """True for Label Studio tasks: objects with ``data`` and ``annotations``."""
    tasks = _tasks(data)
    return bool(tasks) and all(
        isinstance(t, Mapping) and isinstance(t.get("data"), Mapping) and "annotations" in t
        for t in tasks
    )


def _who(completed_by: Any) -> str:
    if isinstance(completed_by, Mapping):
        for key in ("email", "username", "id"):
            if completed_by.get(key) not in (None, ""):
                return str(completed_by[key])
    if isinstance(completed_by, int | str) and not isinstance(completed_by, bool):
        return f"label-studio user {completed_by}"
    return ""


def _texts(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [v for v in items if isinstance(v, str) and v.strip()]


def _regions(results: list[Any]) -> dict[str, dict[str, Any]]:
    """Results grouped by region id: the labelled span, its note, its choices."""
    regions: dict[str, dict[str, Any]] = {}
    for number, result in enumerate(results, 1):
        if not isinstance(result, Mapping) or not isinstance(result.get("value"), Mapping):
            continue
        region = regions.setdefault(str(result.get("id", f"#{number}")), {})
        value, kind = result["value"], result.get("type")
        if kind == "labels" or "labels" in value:
            region["span"] = result
        elif kind == "textarea":
            region.setdefault("notes", []).extend(_texts(value.get("text")))
        elif kind == "choices":
            name = str(result.get("from_name", "")).casefold()
            key = "status" if name in _STATUS_CONTROLS else "tags"
            region.setdefault(key, []).extend(_texts(value.get("choices")))
    return regions


def _task_records(number: int, task: Mapping[str, Any], context: Context) -> Iterator[Record]:
    where = f"task {number}"
    data = task["data"]
    annotations = task.get("annotations")
    if not isinstance(annotations, list):
        yield refused(where, "has annotations that are not a list")
        return
    for index, annotation in enumerate(annotations, 1):
        here = f"{where}, annotation {index}"
        if not isinstance(annotation, Mapping):
            yield refused(here, "is not an object")
            continue
        if annotation.get("was_cancelled"):
            yield refused(here, "was cancelled in Label Studio")
            continue
        results = annotation.get("result")
        if not isinstance(results, list):
            yield refused(here, "has no list of results")
            continue
        for region_id, region in _regions(results).items():
            span = region.get("span")
            at = f"{here}, region {region_id}"
            if span is None:
                yield refused(at, "has a note or choice but no labelled span")
                continue
            field = span.get("to_name") if isinstance(span.get("to_name"), str) else "text"
            try:
                task_text = locate(data.get(field, data.get("text")), data, context)
            except ValueError as error:
                yield refused(at, str(error))
                continue
            value = span["value"]
            status = region.get("status", [])
            labels = _texts(value.get("labels"))
            ids = (task.get("id", number), annotation.get("id", index), region_id)
            seed = "label-studio:" + ":".join(map(str, ids))
            record = span_record(
                at,
                task_text,
                value.get("start"),
                value.get("end"),
                labels,
                context,
                seed=seed,
                quote=value.get("text"),
                annotator=_who(annotation.get("completed_by")),
                created=annotation.get("created_at"),
                updated=annotation.get("updated_at"),
                note="\n\n".join(region.get("notes", [])),
                tags=region.get("tags", []),
            )
            if status and record.annotation is not None and record.annotation.kind == "claim":
                record.annotation = replace(record.annotation, status=status[0])
            yield record


def records(data: Any, context: Context) -> Iterator[Record]:
    """One record per labelled region of every task."""
    for number, task in enumerate(_tasks(data), 1):
        try:
            check_plain(task)
        except ValueError as error:
            yield refused(f"task {number}", str(error))
            continue
        yield from _task_records(number, task, context)

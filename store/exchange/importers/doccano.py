"""doccano's JSONL export of text spans (sequence labelling).

Each line is a text and its spans, in any of the shapes doccano has
written: ``"label": [[start, end, "LABEL"], …]`` (or ``"labels"``), or
``"entities": [{"start_offset", "end_offset", "label"}, …]``. Any other
field on the line is metadata (``article_id``, ``url`` find the article);
``Comments`` become the spans' note. Spans have no quote: the task's text at
their offsets is the quote, placed in the article with the text around it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from store.exchange.importers import Context, Record, refused
from store.exchange.importers.jsontext import check_plain
from store.exchange.importers.spans import locate, span_record


def looks_like(lines: list[Any]) -> bool:
    """True for doccano lines: a ``text`` with ``label``, ``labels`` or ``entities``."""
    return any(
        isinstance(line, Mapping)
        and isinstance(line.get("text"), str)
        and any(k in line for k in ("label", "labels", "entities"))
        for line in lines
    )


def spans_of(line: Mapping[str, Any]) -> list[tuple[Any, Any, Any]]:
    """``(start, end, label)`` of each span, whichever shape the line has."""
    found: list[tuple[Any, Any, Any]] = []
    for key in ("label", "labels"):
        for span in line.get(key) or []:
            if isinstance(span, list) and len(span) == 3:
                found.append((span[0], span[1], span[2]))
            else:
                found.append((None, None, span))  # a text classification label: no span
    for entity in line.get("entities") or []:
        if isinstance(entity, Mapping):
            start, end = entity.get("start_offset"), entity.get("end_offset")
            found.append((start, end, entity.get("label")))
    return found


def _note(line: Mapping[str, Any]) -> str:
    comments = line.get("Comments") or line.get("comments") or []
    texts = []
    for comment in comments if isinstance(comments, list) else []:
        text = comment.get("text") if isinstance(comment, Mapping) else comment
        if isinstance(text, str) and text.strip():
            texts.append(text.strip())
    return "\n\n".join(texts)


def records(lines: list[tuple[int, Any]], context: Context) -> Iterator[Record]:
    """One record per span of every line."""
    for number, line in lines:
        where = f"line {number}"
        try:
            check_plain(line)
            if not isinstance(line, Mapping):
                raise ValueError("is not an object")
            if not isinstance(line.get("label", []), list) or not isinstance(
                line.get("entities", []), list
            ):
                raise ValueError("has spans that are not a list")
            task = locate(line.get("text"), line, context)
        except ValueError as error:
            yield refused(where, str(error))
            continue
        note = _note(line)
        for index, (start, end, label) in enumerate(spans_of(line), 1):
            at = f"{where}, span {index}"
            if start is None:
                yield refused(at, "labels the whole text, not a span of it")
                continue
            seed = f"doccano:{line.get('id', number)}:{start}:{end}:{label}"
            yield span_record(
                at, task, start, end, [label] if isinstance(label, str) else [], context,
                seed=seed, note=note,
            )  # fmt: skip

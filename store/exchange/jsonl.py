"""JSON Lines: one annotation a line, each line complete on its own, for pipelines.

Each line is the annotation's native form (``Annotation.to_dict()``: id,
article_id, kind, selector, claim fields, note, annotator, created, updated,
orphaned) plus:

- ``article``: the article's metadata as in the native export (``in_corpus``
  false when only the store knew of it), with its ``body`` under ``--text``;
- ``entities`` (with entities): the article's entities that overlap the
  annotation's passage, offsets into the body.

An article in the set with no annotation (a set of kind ``entity``) gives one
line with ``"kind": "article"``, its metadata and its entities, so that
nothing the set holds is lost. Lines are independent, so ``grep``, ``jq -c``
and ``split`` work on the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from store.annotations.annotation import Annotation
from store.exchange.select import ExportOptions, ExportStats, Item, article_meta, entities_of
from store.query import Query


def overlapping(entities: list[dict[str, Any]], annotation: Annotation) -> list[dict[str, Any]]:
    """The entities inside (or across) ``annotation``'s passage."""
    span = annotation.selector
    if span is None or annotation.orphaned:
        return []
    return [e for e in entities if e["start"] < span.end and e["end"] > span.start]


def write(
    items: Iterable[Item],
    out: TextIO,
    options: ExportOptions | None = None,
    query: Query | None = None,
) -> ExportStats:
    """Write ``items`` to ``out`` as JSON Lines; returns what was written."""
    options = options or ExportOptions()
    query = query or Query()
    stats = ExportStats()
    for article, marks in items:
        meta = article_meta(article, with_text=options.with_text)
        meta.pop(
            "segments", None
        )  # the body is enough on a line; segments are in the native export
        entities = entities_of(article, options, query) if options.with_entities else []
        stats.add(article, marks)
        stats.entities += len(entities)
        if not marks:
            line: dict[str, Any] = {"kind": "article", "article_id": meta["id"], "article": meta}
            if options.with_entities:
                line["entities"] = entities
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
        for annotation in marks:
            line = annotation.to_dict()
            line["article"] = meta
            if options.with_entities:
                line["entities"] = overlapping(entities, annotation)
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return stats

"""CSV for spreadsheets: one row an annotation, stable columns, UTF-8, a header row.

The columns, always in this order (``COLUMNS``)::

    annotation_id, article_id, kind, claim_type, status, speaker, tags, note,
    annotator, created, updated, orphaned, start, end, exact, prefix, suffix,
    sha256, article_title, article_outlet, article_published, article_url,
    article_source, article_in_corpus

then ``entities`` with entities (the entities in the passage, as
``key (TYPE)`` joined by ``; ``) and ``article_text`` with text (the whole
body, repeated on each row of the article). Empty values are empty cells;
``tags`` are joined by ``; ``; booleans are ``true``/``false``; ``start`` and
``end`` are character offsets into the body (``body[start:end] == exact``)
and are empty for a note on the whole article. An article in the set with no
annotation (a set of kind ``entity``) has one row of kind ``article``.

Rows end in CRLF (RFC 4180) and cells are quoted when needed by Python's
``csv`` module, so line breaks inside notes and quotes survive. Cell text is
written exactly as it is (no formula escaping), so the offsets stay exact.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from store.annotations.annotation import Annotation
from store.exchange.jsonl import overlapping
from store.exchange.select import (
    ExportArticle,
    ExportOptions,
    ExportStats,
    Item,
    article_meta,
    entities_of,
)
from store.query import Query

COLUMNS = (
    "annotation_id",
    "article_id",
    "kind",
    "claim_type",
    "status",
    "speaker",
    "tags",
    "note",
    "annotator",
    "created",
    "updated",
    "orphaned",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "sha256",
    "article_title",
    "article_outlet",
    "article_published",
    "article_url",
    "article_source",
    "article_in_corpus",
)
"""The columns every CSV export has, in order."""

LIST_SEPARATOR = "; "


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def columns(options: ExportOptions) -> list[str]:
    """The header row for ``options``."""
    extra = (["entities"] if options.with_entities else []) + (
        ["article_text"] if options.with_text else []
    )
    return [*COLUMNS, *extra]


def _article_cells(article: ExportArticle) -> list[Any]:
    meta = article_meta(article)
    return [
        meta.get("title"),
        meta.get("outlet"),
        meta.get("published"),
        meta.get("url"),
        meta.get("source"),
        meta["in_corpus"],
    ]


def row(annotation: Annotation, article_cells: list[Any]) -> list[str]:
    """The first ``len(COLUMNS)`` cells of one annotation's row."""
    s = annotation.selector
    cells: list[Any] = [
        annotation.id,
        annotation.article_id,
        annotation.kind,
        annotation.claim_type,
        annotation.status,
        annotation.speaker,
        LIST_SEPARATOR.join(annotation.tags),
        annotation.note,
        annotation.annotator,
        annotation.created,
        annotation.updated,
        annotation.orphaned,
        s.start if s else None,
        s.end if s else None,
        s.exact if s else None,
        s.prefix if s else None,
        s.suffix if s else None,
        annotation.sha256,
        *article_cells,
    ]
    return [_cell(c) for c in cells]


def _entity_cell(entities: list[dict[str, Any]]) -> str:
    names = dict.fromkeys(f"{e['key']} ({e['type']})" for e in entities)
    return LIST_SEPARATOR.join(names)


def write(
    items: Iterable[Item],
    out: TextIO,
    options: ExportOptions | None = None,
    query: Query | None = None,
) -> ExportStats:
    """Write ``items`` to ``out`` as CSV; returns what was written.

    ``out`` should be opened with ``newline=""`` (as the csv module asks) so
    that line breaks inside cells are written as they are.
    """
    options = options or ExportOptions()
    query = query or Query()
    writer = csv.writer(out)
    writer.writerow(columns(options))
    stats = ExportStats()
    for article, marks in items:
        article_cells = _article_cells(article)
        entities = entities_of(article, options, query) if options.with_entities else []
        text = [getattr(article, "body", "")] if options.with_text else []
        stats.add(article, marks)
        stats.entities += len(entities)
        if not marks:
            cells = [""] * len(COLUMNS)
            cells[1], cells[2] = article.id, "article"
            cells[18:] = [_cell(c) for c in article_cells]
            extra = [_entity_cell(entities)] if options.with_entities else []
            writer.writerow(cells + extra + text)
        for annotation in marks:
            extra = (
                [_entity_cell(overlapping(entities, annotation))] if options.with_entities else []
            )
            writer.writerow(row(annotation, article_cells) + extra + text)
    return stats

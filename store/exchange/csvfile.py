"""CSV for spreadsheets: one row an annotation, the same columns always, UTF-8 with a BOM.

The columns, always these and in this order (``COLUMNS``), whatever the
options::

    annotation_id, article_id, kind, claim_type, status, speaker, tags, note,
    annotator, created, updated, orphaned, start, end, exact, prefix, suffix,
    sha256, article_title, article_outlet, article_published, article_url,
    article_source, article_in_corpus, entities, article_text

``entities`` is filled with entities (those in the passage) and
``article_text`` with text (the whole body, on each row of the article);
otherwise they are empty. Empty values are empty cells; booleans are
``true``/``false``; ``start`` and ``end`` are character offsets into the body
(``body[start:end] == exact``) and are empty for a note on the whole
article. ``tags`` and ``entities`` are JSON lists (``["militer", "a; b"]``,
``["Kim Jong Un (PER)"]``): a tag may hold any character, and the list
still reads back as it was. An article in the set with no annotation (a set
of kind ``entity``) has one row of kind ``article``.

The file starts with a byte order mark (``bom``, on by default) so that
Excel reads it as UTF-8 (``sári``, not ``sÃ¡ri``). Rows end in CRLF
(RFC 4180) and cells are quoted when needed by Python's ``csv`` module, so
line breaks inside notes and quotes survive. A cell a spreadsheet would run
as a formula (one starting with ``=``, ``+``, ``-``, ``@``, a tab or a line
break) gets a ``'`` in front, which spreadsheets show as text; so does a
cell that starts with ``'`` itself, so that the rule reads back without
doubt: drop one leading ``'`` from every cell (``sorot import`` does).
"""

from __future__ import annotations

import csv
import json
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
    "entities",
    "article_text",
)
"""The columns of every CSV export, in order."""

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "'")
"""What a cell may not start with as it is: a spreadsheet formula, or the escape itself."""


def neutral(text: str) -> str:
    """``text`` as a cell no spreadsheet runs as a formula (see the module's docstring)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restored(cell: str) -> str:
    """A cell's text as it was before :func:`neutral`."""
    return cell[1:] if cell.startswith("'") else cell


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutral(str(value))


def _list(values: Iterable[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


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
    """The cells of one annotation's row up to ``article_in_corpus``."""
    s = annotation.selector
    cells: list[Any] = [
        annotation.id,
        annotation.article_id,
        annotation.kind,
        annotation.claim_type,
        annotation.status,
        annotation.speaker,
        _list(annotation.tags),
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
    return _list(dict.fromkeys(f"{e['key']} ({e['type']})" for e in entities))


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
    if options.bom:
        out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    stats = ExportStats()
    for article, marks in items:
        article_cells = _article_cells(article)
        entities = entities_of(article, options, query) if options.with_entities else []
        text = _cell(getattr(article, "body", "")) if options.with_text else ""
        stats.add(article, marks)
        stats.entities += len(entities)
        if not marks:
            cells = [""] * (len(COLUMNS) - 2)
            cells[1], cells[2] = _cell(article.id), "article"
            cells[18:] = [_cell(c) for c in article_cells]
            extra = _entity_cell(entities) if options.with_entities else ""
            writer.writerow([*cells, extra, text])
        for annotation in marks:
            extra = _entity_cell(overlapping(entities, annotation)) if options.with_entities else ""
            writer.writerow([*row(annotation, article_cells), extra, text])
    return stats

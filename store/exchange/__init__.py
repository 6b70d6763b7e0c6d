"""Annotated sets going out and coming in: exports, imports, citations.

Every export format (native JSON, JSON Lines, W3C Web Annotation,
schema.org ClaimReview, CSV) with its selection of articles and
annotations, importing them back, and quotations with their citation.

May import: ``store.query``, ``store.annotations``, ``store.news``, ``store.files``.

Exports: annotated sets written in sorot's own JSON and in standard formats.

Public API::

    from store.exchange import FORMATS, ExportOptions, export, select

    items = select(articles, AnnotationStore(data_dir), query)  # lazy: one article at a time
    stats = export(items, sys.stdout, "w3c", ExportOptions(with_text=True), query)

Formats (``FORMATS``; each module's docstring describes its structure):

- ``json``: the native export, complete and lossless, with a JSON Schema
  (``SCHEMA_PATH``, ``sorot-export.schema.json`` beside this file);
- ``jsonl``: one annotation a line with its article's id and metadata;
- ``w3c``: a W3C Web Annotation ``AnnotationCollection`` (JSON-LD), sorot's
  own fields under the JSON-LD context ``sorot.jsonld`` beside this file;
- ``claimreview``: schema.org ClaimReview (JSON-LD) for claims with a verdict,
  as the ``[claimreview]`` settings say the organisation publishes them;
- ``csv``: one row an annotation, the same columns always, UTF-8 with a BOM.

Every writer streams: it takes an iterable of ``(article, annotations)``
pairs and writes as it goes, so memory does not grow with the export.
:func:`count_for` says what a format would write (and leave out, and why)
before anything is written. :mod:`store.exchange.importing` reads sorot's
own formats back, and other tools' (``store.exchange.importers``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from store.exchange import claimreview, csvfile, jsonl, native, w3c
from store.exchange.native import SCHEMA_PATH
from store.exchange.output import ExportError, atomic_output, check_target
from store.exchange.select import (
    EntitiesFor,
    ExportOptions,
    ExportStats,
    Item,
    MissingArticle,
    article_meta,
    count,
    placed,
    select,
)
from store.query import Query

Writer = Callable[[Iterable[Item], TextIO, ExportOptions, Query], ExportStats]

FORMATS: dict[str, Writer] = {
    "json": native.write,
    "jsonl": jsonl.write,
    "w3c": w3c.write,
    "claimreview": claimreview.write,
    "csv": csvfile.write,
}
"""Format name -> its writer."""

SUFFIXES = {
    "json": ".json",
    "jsonl": ".jsonl",
    "w3c": ".jsonld",
    "claimreview": ".jsonld",
    "csv": ".csv",
}
"""The usual file suffix of each format (the export dialog proposes it)."""


def count_for(
    fmt: str,
    items: Iterable[Item],
    options: ExportOptions | None = None,
    query: Query | None = None,
) -> ExportStats:
    """What exporting ``items`` as ``fmt`` would write, and what it would leave out, and why."""
    options = options or ExportOptions()
    if fmt == "claimreview":
        stats = count(items, options, query, claimreview.choose)
        claimreview.notices(stats, options)
        return stats
    return count(items, options, query)


def export(
    items: Iterable[Item],
    out: TextIO,
    fmt: str = "json",
    options: ExportOptions | None = None,
    query: Query | None = None,
) -> ExportStats:
    """Write ``items`` to ``out`` in format ``fmt``; returns what was written.

    For ``csv``, ``out`` should be opened with ``newline=""``.
    """
    if fmt not in FORMATS:
        names = ", ".join(FORMATS)
        raise ExportError(f"{fmt!r} is not an export format (the formats are {names})")
    return FORMATS[fmt](items, out, options or ExportOptions(), query or Query())


__all__ = [
    "FORMATS",
    "SCHEMA_PATH",
    "SUFFIXES",
    "EntitiesFor",
    "ExportError",
    "ExportOptions",
    "ExportStats",
    "Item",
    "MissingArticle",
    "article_meta",
    "atomic_output",
    "check_target",
    "count",
    "count_for",
    "export",
    "placed",
    "select",
]

"""sorot's native export: complete, lossless JSON, documented by a JSON Schema.

The document (``sorot-export.schema.json`` beside this module)::

    {"format": "sorot-export", "version": 1, "generator": "sorot 0.1.0",
     "exported": "<ISO time>", "set": {<the set's filters>},
     "options": {"text": false, "entities": false},
     "articles": [
       {<article metadata: every field of article_to_dict>, "in_corpus": true,
        "body": …, "segments": […],        (with text)
        "entities": [{start, end, text, type, key, origin}, …],   (with entities)
        "annotations": [<Annotation.to_dict()>, …]},
       …],
     "totals": {"articles": …, "annotations": …, "claims": …, "notes": …,
                "entities": …, "orphaned": …, "missing_articles": …}}

It is written piece by piece, one article (with its annotations) at a time,
so its size is bounded by the disk, not by memory; ``totals`` comes last
because only then is it known. Offsets (selectors, entities, segments)
count characters into the article's body, whose version is ``sha256``; an
annotation whose own ``sha256`` differs from its article's is orphaned.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from store import __version__
from store.annotations.annotation import now_iso
from store.exchange.select import (
    ExportOptions,
    ExportStats,
    Item,
    MissingArticle,
    article_meta,
    entities_of,
)
from store.query import Query

FORMAT_NAME = "sorot-export"
FORMAT_VERSION = 2
SCHEMA_PATH = Path(__file__).with_name("sorot-export.schema.json")
"""The JSON Schema (draft 2020-12) of this format."""


def _dumps(data: Any) -> str:
    # The C encoder (no indent) is several times faster than the pure-Python one.
    return json.dumps(data, ensure_ascii=False)


def header(query: Query, options: ExportOptions) -> dict[str, Any]:
    """The fields that open a native export."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "generator": f"sorot {__version__}",
        "exported": now_iso(),
        "set": {"name": options.set_name, **query.to_dict()},
        "options": {"text": options.with_text, "entities": options.with_entities},
    }


def write(
    items: Iterable[Item],
    out: TextIO,
    options: ExportOptions | None = None,
    query: Query | None = None,
) -> ExportStats:
    """Write ``items`` to ``out`` as a native export; returns what was written."""
    options = options or ExportOptions()
    query = query or Query()
    head = _dumps(header(query, options))
    out.write(head[:-1] + ', "articles": [')
    stats = ExportStats()
    for number, (article, marks) in enumerate(items):
        record = article_meta(article, with_text=options.with_text)
        if options.with_entities:
            entities = entities_of(article, options, query)
            record["entities"] = entities
            stats.entities += len(entities)
        record["annotations"] = [a.to_dict() for a in marks]
        if options.corrections_for is not None and not isinstance(article, MissingArticle):
            record["corrections"] = options.corrections_for(article.id)
            stats.corrections += len(record["corrections"])
        stats.add(article, marks)
        out.write(("\n" if number == 0 else ",\n") + _dumps(record))
    totals = {
        "articles": stats.articles,
        "annotations": stats.total,
        "claims": stats.annotations["claim"],
        "notes": stats.annotations["note"],
        "entities": stats.entities,
        "corrections": stats.corrections,
        "orphaned": stats.orphaned,
        "missing_articles": len(stats.missing),
    }
    out.write('\n], "totals": ' + _dumps(totals) + "}\n")
    return stats

"""sorot's own JSON export and JSON Lines, read back annotation by annotation.

Each annotation is checked field by field (``store.annotations.checks``);
one that fails is refused with the reason and the others are read. Its
selector must be sound (offsets spanning its quote); when its article is in
the corpus at the same text version, the quote is looked for there too, and
wins over offsets that point elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from store.annotations.annotation import Annotation
from store.annotations.checks import MAX_ID, MAX_NAME, check_selector, check_text
from store.exchange import native
from store.exchange.importers import Context, Record, refused
from store.exchange.importers.jsontext import check_plain
from store.exchange.importers.placing import Unplaceable, place_span
from store.exchange.times import canonical

FORMAT = native.FORMAT_NAME


def annotation(data: Any, context: Context) -> tuple[Annotation, str]:
    """A native annotation object as an annotation and a placing note (``ValueError``)."""
    check_plain(data)
    if not isinstance(data, Mapping):
        raise ValueError("is not an object")
    made = Annotation.from_dict(dict(data))
    selector = made.selector
    if selector is not None and selector.end - selector.start != len(selector.exact):
        raise ValueError("has offsets that do not span its quote")
    times = {k: canonical(getattr(made, k)) or getattr(made, k) for k in ("created", "updated")}
    made = replace(made, **times)
    article = context.article(made.article_id)
    if selector is None or made.orphaned or article is None or article.sha256 != made.sha256:
        return made, ""
    placed = place_span(
        article,
        exact=selector.exact,
        prefix=selector.prefix,
        suffix=selector.suffix,
        start=selector.start,
        end=selector.end,
    )
    return replace(made, selector=placed.selector), placed.note


def _record(data: Any, where: str, context: Context) -> Record:
    try:
        made, note = annotation(data, context)
    except (ValueError, Unplaceable) as error:
        return refused(where, str(error))
    return Record(where, made, note=note)


def is_export(data: Any) -> bool:
    """True for a native export document."""
    return isinstance(data, Mapping) and data.get("format") == FORMAT


def export_records(document: Mapping[str, Any], context: Context) -> Iterator[Record]:
    """The records of a native export (``ValueError`` when the document itself is wrong)."""
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        # Not interpolated: a version from outside may be any text, line breaks and all.
        raise ValueError("has a format version that is not a whole number")
    if version > native.FORMAT_VERSION:
        raise ValueError(f"is format version {version}, newer than this sorot reads")
    articles = document.get("articles")
    if not isinstance(articles, list):
        raise ValueError("has no list of articles")
    for number, article in enumerate(articles, 1):
        marks = article.get("annotations") if isinstance(article, Mapping) else None
        if not isinstance(marks, list):
            yield refused(f"article {number}", "has no list of annotations")
            continue
        for index, data in enumerate(marks, 1):
            yield _record(data, f"annotation {index} of article {number}", context)
        docs = article.get("corrections", [])
        if not isinstance(docs, list):
            yield refused(f"article {number}", "has corrections that are not a list")
            continue
        for index, doc in enumerate(docs, 1):
            yield correction_record(doc, f"correction {index} of article {number}")


def correction_record(doc: Any, where: str) -> Record:
    """An entity correction of a native export, checked enough to be stored and read back."""
    try:
        check_plain(doc)
        if not isinstance(doc, Mapping):
            raise ValueError("is not an object")
        for key in ("id", "article_id", "action"):
            check_text(doc.get(key), key.replace("_", " "), MAX_ID, optional=False)
        for key in ("type", "key", "annotator", "created", "scope", "old_type", "old_key"):
            check_text(doc.get(key), key.replace("_", " "), MAX_NAME)
        check_selector(doc.get("selector"))
    except ValueError as error:
        return refused(where, str(error))
    return Record(where, correction=dict(doc))


def looks_like_lines(lines: list[Any]) -> bool:
    """True when JSON Lines are sorot's (each an annotation or an article line)."""
    return any(
        isinstance(line, Mapping) and "article_id" in line and "kind" in line for line in lines
    )


def line_records(lines: list[tuple[int, Any]], context: Context) -> Iterator[Record]:
    """The records of sorot's JSON Lines (``(line number, object)`` pairs)."""
    for number, line in lines:
        if isinstance(line, Mapping) and line.get("kind") == "article":
            continue  # an article with no annotation: nothing to import
        yield _record(line, f"line {number}", context)

"""Hypothesis's API JSON: one annotation, a list of them, or a search result (``rows``).

An API annotation is read as the Web Annotation Hypothesis itself would
give as JSON-LD (``https://hypothes.is/a/<id>``), so the same annotation
imported both ways is one annotation in sorot. Its page address (``uri``,
the target's ``source``) finds the article; its ``TextQuoteSelector`` places
the passage (the page's ``TextPositionSelector`` counts the web page's text,
not sorot's); ``text`` is the note, ``tags`` are tags (a tag the user
mapped to ``claim`` makes a claim); a page note is a note on the whole
article; a reply (``references``) is refused.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from store.exchange.importers import Context, Record
from store.exchange.importers import w3c as web
from store.exchange.importers.jsontext import check_plain

ANNOTATION_PAGE = "https://hypothes.is/a/"


def _rows(data: Any) -> list[Any]:
    if isinstance(data, Mapping) and isinstance(data.get("rows"), list):
        return data["rows"]
    return data if isinstance(data, list) else [data]


def looks_like(data: Any) -> bool:
    """True for Hypothesis API JSON: annotations with ``uri``, ``user`` and ``target``."""
    rows = _rows(data)
    return bool(rows) and all(
        isinstance(r, Mapping) and "uri" in r and "user" in r and "target" in r for r in rows
    )


def as_web_annotation(row: Mapping[str, Any]) -> dict[str, Any]:
    """An API annotation as the Web Annotation Hypothesis gives for it."""
    check_plain(row)
    given = row.get("id")
    if not isinstance(given, str) or not given:
        raise ValueError("has no id")
    body: list[dict[str, Any]] = []
    text = row.get("text")
    if text:
        body.append({"type": "TextualBody", "value": text, "format": "text/markdown"})
    tags = row.get("tags") or []
    if not isinstance(tags, list):
        raise ValueError("has tags that are not a list")
    body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in tags]
    targets = row.get("target")
    if not isinstance(targets, list) or not targets or not isinstance(targets[0], Mapping):
        raise ValueError("has no target")
    target = dict(targets[0])
    target.setdefault("source", row.get("uri"))
    data: dict[str, Any] = {
        "type": "Annotation",
        "id": ANNOTATION_PAGE + given,
        "creator": row.get("user"),
        "body": body,
        "target": target,
        "motivation": "replying" if row.get("references") else "commenting",
    }
    for key, theirs in (("created", "created"), ("modified", "updated")):
        if row.get(theirs) is not None:
            data[key] = row[theirs]
    return data


def records(data: Any, context: Context) -> Iterator[Record]:
    """One record per Hypothesis annotation."""
    for number, row in enumerate(_rows(data), 1):
        where = f"annotation {number}"
        try:
            annotation, note = web.read(as_web_annotation(row), context)
        except (ValueError, KeyError, TypeError) as error:
            reason = f"lacks {error.args[0]}" if isinstance(error, KeyError) else str(error)
            yield Record(where, refused=reason)
        else:
            yield Record(where, annotation, note=note)

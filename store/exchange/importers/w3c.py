"""W3C Web Annotations: sorot's own exports, and other tools' (Hypothesis's JSON-LD).

A sorot export is read back losslessly: its ``sorot:`` fields say which
body is which field, the article, the text version and the kind. Another
tool's annotation is read by its standard parts: the target's source (an
address of an article in the corpus), a ``TextQuoteSelector`` (the quote,
which wins: see ``placing``) and a ``TextPositionSelector`` (a hint),
``TextualBody`` bodies by purpose (tags, a note in ``bodyValue`` or a
commenting body), the creator, and the motivation (``assessing`` is a claim;
tags the user mapped to ``claim`` make one too). A reply (``replying``)
is refused: sorot keeps no threads. An entity correction of a sorot export
(``sorot:kind`` ``correction``) is stored as a correction, merged by id.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import unquote

from store.annotations.annotation import KINDS, Annotation
from store.exchange.importers import Context, Record, refused
from store.exchange.importers.jsontext import check_plain
from store.exchange.importers.native import correction_record
from store.exchange.importers.placing import Unplaceable, place_span
from store.exchange.times import canonical
from store.exchange.w3c import ANNOTATION_URN, ANNOTATOR_URN, ARTICLE_URN, PURPOSE
from store.exchange.w3c_corrections import KIND as CORRECTION
from store.exchange.w3c_corrections import correction_from_w3c

UNKNOWN_TIME = "1970-01-01T00:00:00.000000+00:00"
"""``created`` of an annotation that gives no time (the same every import, so it merges)."""

_FIELD_OF_PURPOSE = {purpose: name for name, purpose in PURPOSE.items()}


def one_or_many(value: Any) -> list[Any]:
    """A JSON-LD value that may be one thing or a list, as a list."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def annotation_id(iri: str) -> str:
    """sorot's id for an annotation IRI: its own uuid back, else a stable uuid of the IRI."""
    if iri.startswith("urn:uuid:"):
        try:
            return str(uuid.UUID(iri[len("urn:uuid:") :]))
        except ValueError:
            pass
    if iri.startswith(ANNOTATION_URN):
        return iri[len(ANNOTATION_URN) :]
    # Another tool's annotation: a stable id, so importing it twice merges.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, iri))


def _name(text: str) -> str:
    if text.startswith(ANNOTATOR_URN):
        return unquote(text[len(ANNOTATOR_URN) :])
    return text.removeprefix("acct:")  # Hypothesis: acct:rina@hypothes.is


def creator_name(value: Any) -> str:
    """An annotator's name from a creator: a name, a nickname, an account or an IRI."""
    for agent in one_or_many(value):
        if isinstance(agent, str):
            return _name(agent)
        if isinstance(agent, Mapping):
            for key in ("name", "nickname", "id"):
                if isinstance(agent.get(key), str) and agent[key]:
                    return _name(agent[key])
    return ""


def _types(value: Any) -> list[str]:
    return [t for t in one_or_many(value) if isinstance(t, str)]


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"has a {what} that is not text")
    return value


def _selectors(target: Mapping[str, Any]) -> tuple[Mapping | None, Mapping | None]:
    quote = position = None
    for selector in one_or_many(target.get("selector")):
        if not isinstance(selector, Mapping):
            continue
        kinds = _types(selector.get("type"))
        if "TextQuoteSelector" in kinds:
            quote = selector
        elif "TextPositionSelector" in kinds:
            position = selector
    return quote, position


def _offset(selector: Mapping[str, Any], key: str) -> int:
    value = selector.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"has a TextPositionSelector whose {key} is not a whole number")
    return value


def read(data: Mapping[str, Any], context: Context) -> tuple[Annotation, str]:
    """A Web Annotation as a sorot annotation and a note on its placing (``ValueError``)."""
    check_plain(data)
    if "Annotation" not in _types(data.get("type")):
        raise ValueError("is not of type Annotation")
    motivations = _types(data.get("motivation"))
    if "replying" in motivations:
        raise ValueError("is a reply to another annotation (sorot keeps no replies)")
    targets = one_or_many(data.get("target"))
    if not targets:
        raise ValueError("has no target")
    target = targets[0] if isinstance(targets[0], Mapping) else {"source": targets[0]}
    source = target.get("source")
    if isinstance(source, Mapping):
        source = source.get("id")
    source = source if isinstance(source, str) else ""
    article_id = target.get("sorot:article")
    if article_id is not None and not isinstance(article_id, str):
        raise ValueError("has an article id that is not text")
    if not article_id and source.startswith(ARTICLE_URN):
        article_id = source[len(ARTICLE_URN) :]
    article = context.article(article_id) or context.article(source)
    if not article_id:
        if article is None and not context.known and source:
            raise ValueError(f"targets {source}: give the corpus it is in (--corpus)")
        if article is None:
            raise ValueError(f"targets {source or 'nothing'}, which is not an article sorot knows")
        article_id = article.id
    fields: dict[str, Any] = {"claim_type": None, "status": None, "speaker": None}
    tags: list[str] = []
    notes: list[str] = []
    if "bodyValue" in data:
        notes.append(_text(data["bodyValue"], "bodyValue"))
    for body in one_or_many(data.get("body")):
        if not isinstance(body, Mapping) or "value" not in body:
            continue  # a body given by address only: nothing sorot can keep
        value = _text(body["value"], "body value")
        name = body.get("sorot:field") or _FIELD_OF_PURPOSE.get(str(body.get("purpose")), "note")
        if name == "tag":
            tags.append(value)
        elif name in fields:
            fields[name] = value
        else:
            notes.append(value)
    kind = data.get("sorot:kind")
    if kind is None:
        mapped = context.labels.first(tags)
        if mapped and mapped[1].kind == "claim":
            kind = "claim"
            fields["status"] = fields["status"] or mapped[1].value or None
        else:
            kind = "claim" if "assessing" in motivations else "note"
    if kind not in KINDS:
        raise ValueError(f"is a {kind!r}, not a claim or a note")
    quote, position = _selectors(target)
    orphaned = data.get("sorot:orphaned", False)
    # An orphaned passage lost its place in an earlier text: kept as it was, never moved.
    placed = place_span(
        article if context.known and orphaned is not True else None,
        exact=_text(quote["exact"], "quote") if quote and "exact" in quote else None,
        prefix=_text(quote.get("prefix", ""), "prefix") if quote else "",
        suffix=_text(quote.get("suffix", ""), "suffix") if quote else "",
        start=_offset(position, "start") if position else None,
        end=_offset(position, "end") if position else None,
    )
    # Missing ids and times are made up the same way every time: importing twice must merge.
    created = canonical(data.get("created")) or canonical(data.get("modified")) or UNKNOWN_TIME
    given = data.get("id") if isinstance(data.get("id"), str) else ""
    given = given or "sorot:content:" + json.dumps(data, sort_keys=True, default=str)
    sha256 = target.get("sorot:sha256")
    if placed.note or not isinstance(sha256, str):
        sha256 = article.sha256 if article is not None and placed.selector else (sha256 or "")
    annotation = Annotation.from_dict(
        {
            "id": annotation_id(given),
            "article_id": article_id,
            "kind": kind,
            "selector": placed.selector.to_dict() if placed.selector else None,
            "sha256": sha256 if isinstance(sha256, str) else "",
            "annotator": creator_name(data.get("creator")) or context.annotator,
            "tags": tags,
            "note": "\n\n".join(notes),
            "created": created,
            "updated": canonical(data.get("modified")) or created,
            "orphaned": orphaned,
            "revision": data.get("sorot:revision"),
            "updated_by": data.get("sorot:updated_by"),
            **fields,
        }
    )
    return annotation, placed.note


def annotations_of(document: Any) -> list[Mapping[str, Any]]:
    """The annotations in a Web Annotation document: a collection, a page, one, or a list."""
    if isinstance(document, list):
        return [a for a in document if isinstance(a, Mapping)]
    if not isinstance(document, Mapping):
        raise ValueError("is not a Web Annotation document")
    kinds = _types(document.get("type"))
    if "Annotation" in kinds:
        return [document]
    if "AnnotationPage" in kinds:
        return [a for a in one_or_many(document.get("items")) if isinstance(a, Mapping)]
    if "AnnotationCollection" in kinds:
        first = document.get("first")
        if first is None:
            return []
        if not isinstance(first, Mapping):
            raise ValueError("links to its pages instead of holding them; fetch them first")
        found = annotations_of(first)
        page = first.get("next")
        while isinstance(page, Mapping):  # pages embedded one in the next
            found += annotations_of(page)
            page = page.get("next")
        return found
    raise ValueError("is not a Web Annotation, page or collection")


def looks_like(data: Any) -> bool:
    """True for a Web Annotation document (or a list of annotations)."""
    items = data if isinstance(data, list) else [data]
    return bool(items) and all(
        isinstance(i, Mapping) and ("@context" in i or "type" in i or "target" in i) for i in items
    )


def records(document: Any, context: Context) -> Iterator[Record]:
    """One record per annotation in ``document``."""
    for number, item in enumerate(annotations_of(document), 1):
        where = f"annotation {number}"
        if item.get("sorot:kind") == CORRECTION:
            yield _correction(item, where, context)
            continue
        try:
            annotation, note = read(item, context)
        except Unplaceable as error:
            yield refused(where, str(error))
        except (ValueError, KeyError, TypeError) as error:
            reason = f"lacks {error.args[0]}" if isinstance(error, KeyError) else str(error)
            yield refused(where, reason)
        else:
            yield Record(where, annotation, note=note)


def _correction(data: Mapping[str, Any], where: str, context: Context) -> Record:
    """An entity correction of a sorot W3C export, stored as the native format stores it."""
    try:
        check_plain(data)
        targets = one_or_many(data.get("target"))
        target = targets[0] if targets and isinstance(targets[0], Mapping) else {}
        article_id = target.get("sorot:article")
        if not isinstance(article_id, str) or not article_id:
            raise ValueError("is a correction without its article")
        given = data.get("id")
        if not isinstance(given, str) or not given:
            raise ValueError("is a correction without an id")
        doc = correction_from_w3c(data, article_id, annotation_id(given))
        doc["annotator"] = creator_name(data.get("creator")) or context.annotator
    except ValueError as error:
        return refused(where, str(error))
    return correction_record(doc, where)

"""W3C Web Annotation (JSON-LD): an ``AnnotationCollection`` with one embedded page.

Why a collection: the Web Annotation model's container for many annotations
is an ``AnnotationCollection`` whose pages list them; with the one page
embedded as ``first``, the whole export is one JSON-LD document a client
reads without following links, and ``total`` comes last because the export
is streamed::

    {"@context": ["http://www.w3.org/ns/anno.jsonld", {<sorot's context: sorot.jsonld>}],
     "id": "urn:uuid:…", "type": "AnnotationCollection", "label": "sorot: <set>",
     "created": "…Z", "generator": {"id", "type": "Software", "name": "sorot 0.1.0"},
     "sorot:set": {"sorot:query": …, …},
     "first": {"id": "urn:uuid:…", "type": "AnnotationPage",
               "partOf": {"id": <collection id>, "label": …},
               "startIndex": 0, "items": [<annotation>, …]},
     "last": <the page's id>,
     "sorot:articles": [{"id": <target source>, "type": "sorot:Article",
                         "sorot:id", "sorot:title", … (and body, segments, entities as asked)}, …],
     "total": <number of annotations>}

An annotation, complete on its own (cut out of the collection it is still a
valid Web Annotation)::

    {"@context": ["http://www.w3.org/ns/anno.jsonld", {"sorot": "urn:sorot:vocab#"}],
     "id": "urn:uuid:<sorot id>", "type": "Annotation",
     "motivation": "assessing" (claims) | "commenting" (notes),
     "created": "…Z", "modified": "…Z",
     "creator": {"id": "urn:sorot:annotator:<name>", "type": "Person", "name": <annotator>},
     "body": [{"type": "TextualBody", "value": <claim type>, "purpose": "classifying",
               "sorot:field": "claim_type"},
              {… <status>, "purpose": "assessing", "sorot:field": "status"},
              {… <speaker>, "purpose": "describing", "sorot:field": "speaker"},
              {… <tag>, "purpose": "tagging", "sorot:field": "tag"}, …,
              {… <note>, "purpose": "commenting", "sorot:field": "note", "format": "text/plain"}],
     "target": {"type": "SpecificResource",
                "source": <article url, else urn:sorot:article:<id>>,
                "format": "text/plain", "language": <the article's language>,
                "sorot:article": <article id>, "sorot:sha256": <text version>,
                "selector": [{"type": "TextQuoteSelector", "exact", "prefix", "suffix"},
                             {"type": "TextPositionSelector", "start", "end"}]},
     "sorot:kind": "claim" | "note", "sorot:orphaned": false,
     "sorot:revision": 2, "sorot:updated_by": <who made the last change>}

Entity corrections are annotations of the same page too, with ``sorot:kind``
``correction`` (:mod:`store.exchange.w3c_corrections` says how), so a
colleague's corrections reach another store through W3C as through the
native format.

The field history of an annotation is in the native export only.

Positions count characters (code points) of the article's text as sorot
shows it, the text whose version ``sorot:sha256`` names.

sorot's own fields are compact IRIs in sorot's namespace (``sorot:…``),
defined by the JSON-LD context in ``sorot.jsonld`` beside this module, so a
JSON-LD processor keeps every one of them and none collides with a term of
the Web Annotation context (an article's ``body`` is ``sorot:body``, not
``oa:hasBody``; an entity's ``PER`` is ``sorot:type``, not an ``@type``).
Empty values are left out rather than written as ``null`` (which JSON-LD
drops). :mod:`store.exchange.w3c_read` reads a sorot export back losslessly.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from store import __version__
from store.annotations.annotation import Annotation, Selector, now_iso
from store.exchange.select import (
    ExportArticle,
    ExportOptions,
    ExportStats,
    Item,
    MissingArticle,
    article_meta,
    entities_of,
)
from store.exchange.times import zulu
from store.exchange.w3c_corrections import correction_to_w3c
from store.news.article import Article
from store.query import Query

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
"""The Web Annotation context, first in every ``@context`` sorot writes."""
NAMESPACE = "urn:sorot:vocab#"
"""sorot's own vocabulary: every ``sorot:…`` key expands into it."""
CONTEXT_PATH = Path(__file__).with_name("sorot.jsonld")
"""sorot's JSON-LD context: the namespace and its terms."""

ARTICLE_URN = "urn:sorot:article:"
ANNOTATION_URN = "urn:sorot:annotation:"
ANNOTATOR_URN = "urn:sorot:annotator:"
MOTIVATION = {"claim": "assessing", "note": "commenting"}

#: Annotation field -> the body purpose it is written with.
PURPOSE = {
    "claim_type": "classifying",
    "status": "assessing",
    "speaker": "describing",
    "tag": "tagging",
    "note": "commenting",
}


@cache
def sorot_context() -> dict[str, Any]:
    """The term definitions of ``sorot.jsonld`` (embedded in every collection)."""
    return json.loads(CONTEXT_PATH.read_text("utf-8"))["@context"]


def collection_context() -> list[Any]:
    """A collection's ``@context``: the Web Annotation context, then sorot's."""
    return [ANNO_CONTEXT, sorot_context()]


ANNOTATION_CONTEXT: list[Any] = [ANNO_CONTEXT, {"sorot": NAMESPACE}]
"""An annotation's own ``@context``: enough to stand alone, small enough to repeat."""


def source_of(article: ExportArticle | None, article_id: str) -> str:
    """The target source: the article's address when known, else its sorot URN."""
    url = getattr(article, "url", None) if article is not None else None
    return url or f"{ARTICLE_URN}{article_id}"


def annotation_iri(annotation_id: str) -> str:
    """A sorot annotation id as an IRI (its uuid as ``urn:uuid:``)."""
    try:
        return uuid.UUID(annotation_id).urn
    except ValueError:
        return f"{ANNOTATION_URN}{quote(annotation_id, safe='')}"


def creator(name: str) -> dict[str, Any] | None:
    """The annotator as a Web Annotation agent (``None`` when there is no name)."""
    if not name:
        return None
    return {"id": ANNOTATOR_URN + quote(name, safe=""), "type": "Person", "name": name}


def _body(value: str, name: str) -> dict[str, Any]:
    body = {"type": "TextualBody", "value": value, "purpose": PURPOSE[name], "sorot:field": name}
    if name == "note":
        body["format"] = "text/plain"
    return body


def target_of(
    article: ExportArticle | None, article_id: str, sha256: str, selector: Selector | None
) -> dict[str, Any]:
    """The target of an annotation or correction: the article, its text version, the span."""
    target: dict[str, Any] = {
        "type": "SpecificResource",
        "source": source_of(article, article_id),
        "format": "text/plain",
    }
    if isinstance(article, Article) and article.language:
        target["language"] = article.language
    target["sorot:article"] = article_id
    if sha256:
        target["sorot:sha256"] = sha256
    if selector is not None:
        s = selector
        target["selector"] = [
            {"type": "TextQuoteSelector", "exact": s.exact, "prefix": s.prefix, "suffix": s.suffix},
            {"type": "TextPositionSelector", "start": s.start, "end": s.end},
        ]
    return target


def correction_node(doc: dict[str, Any], article: ExportArticle) -> dict[str, Any]:
    """A stored entity correction as a Web Annotation (``store.exchange.w3c_corrections``)."""
    selector = Selector.from_dict(doc["selector"])
    target = target_of(article, article.id, str(doc.get("sha256") or ""), selector)
    agent = creator(str(doc.get("annotator") or ""))
    return correction_to_w3c(doc, target, ANNOTATION_CONTEXT, annotation_iri(doc["id"]), agent)


def to_w3c(annotation: Annotation, article: ExportArticle | None = None) -> dict[str, Any]:
    """``annotation`` as a Web Annotation, with its own ``@context``."""
    bodies = [
        _body(value, name)
        for name, value in (
            ("claim_type", annotation.claim_type),
            ("status", annotation.status),
            ("speaker", annotation.speaker),
        )
        if value is not None
    ]
    bodies += [_body(tag, "tag") for tag in annotation.tags]
    if annotation.note:
        bodies.append(_body(annotation.note, "note"))
    target = target_of(article, annotation.article_id, annotation.sha256, annotation.selector)
    data: dict[str, Any] = {
        "@context": ANNOTATION_CONTEXT,
        "id": annotation_iri(annotation.id),
        "type": "Annotation",
        "motivation": MOTIVATION[annotation.kind],
    }
    for key, value in (("created", annotation.created), ("modified", annotation.updated)):
        when = zulu(value)
        if when is not None:
            data[key] = when
    agent = creator(annotation.annotator)
    if agent is not None:
        data["creator"] = agent
    if bodies:
        data["body"] = bodies
    data["target"] = target
    data["sorot:kind"] = annotation.kind
    data["sorot:orphaned"] = annotation.orphaned
    data["sorot:revision"] = annotation.revision
    if annotation.updated_by:
        data["sorot:updated_by"] = annotation.updated_by
    return data


def in_namespace(value: Any) -> Any:
    """Plain data with every key put in sorot's namespace and every ``None`` left out.

    JSON-LD drops keys it has no term for and values that are ``null``;
    prefixed keys and absent values keep all of it. A list of lists (a
    query's ``entity:`` groups) is not JSON-LD: each inner list is written
    as its words, comma-joined, as the query spells them.
    """
    if isinstance(value, Mapping):
        return {
            f"sorot:{key}": in_namespace(item) for key, item in value.items() if item is not None
        }
    if isinstance(value, list | tuple):
        return [
            ",".join(map(str, v)) if isinstance(v, list | tuple) else in_namespace(v) for v in value
        ]
    return value


def article_node(article: ExportArticle, options: ExportOptions, query: Query) -> dict[str, Any]:
    """An article of the export as a JSON-LD node: the target sources point at it."""
    meta = article_meta(article, with_text=options.with_text)
    if options.with_entities:
        meta["entities"] = entities_of(article, options, query)
    return {
        "id": source_of(article, article.id),
        "type": "sorot:Article",
        **in_namespace(meta),
    }


def write(
    items: Iterable[Item],
    out: TextIO,
    options: ExportOptions | None = None,
    query: Query | None = None,
) -> ExportStats:
    """Write ``items`` to ``out`` as one ``AnnotationCollection``; returns what was written."""
    options = options or ExportOptions()
    query = query or Query()
    collection_id, page_id = uuid.uuid4().urn, uuid.uuid4().urn
    head = {
        "@context": collection_context(),
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"sorot: {options.set_name or query.describe()}",
        "created": zulu(now_iso()),
        "generator": {
            "id": "urn:sorot:software:" + __version__,
            "type": "Software",
            "name": f"sorot {__version__}",
        },
        "sorot:set": in_namespace({"name": options.set_name, **query.to_dict()}),
    }
    # partOf describes the collection (the suite's schemas want an object, as the model's example)
    part_of = {"id": collection_id, "label": head["label"]}
    page = {"id": page_id, "type": "AnnotationPage", "partOf": part_of, "startIndex": 0}
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "first": ')
    out.write(json.dumps(page, ensure_ascii=False)[:-1] + ', "items": [')
    stats = ExportStats()
    articles: list[ExportArticle] = []  # references only: the corpus is in memory already
    written = 0
    for article, marks in items:
        articles.append(article)
        stats.add(article, marks)
        nodes = [to_w3c(annotation, article) for annotation in marks]
        if options.corrections_for is not None and not isinstance(article, MissingArticle):
            corrections = options.corrections_for(article.id)
            nodes += [correction_node(doc, article) for doc in corrections]
            stats.corrections += len(corrections)
        for node in nodes:
            comma = ",\n" if written else "\n"
            out.write(comma + json.dumps(node, ensure_ascii=False))
            written += 1
    out.write(f'\n]}}, "last": {json.dumps(page_id)}, "sorot:articles": [')
    for number, article in enumerate(articles):
        node = article_node(article, options, query)
        stats.entities += len(node.get("sorot:entities", ()))
        out.write(("\n" if number == 0 else ",\n") + json.dumps(node, ensure_ascii=False))
    out.write(f'\n], "total": {written}}}\n')
    return stats

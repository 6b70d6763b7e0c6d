"""W3C Web Annotation (JSON-LD): an ``AnnotationCollection`` with one embedded page.

Why a collection: the Web Annotation model's container for many annotations
is an ``AnnotationCollection`` whose pages list them; with the one page
embedded as ``first``, the whole export is one JSON-LD document a client
reads without following links, and ``total`` comes last because the export
is streamed::

    {"@context": ["http://www.w3.org/ns/anno.jsonld", {"sorot": "urn:sorot:vocab#"}],
     "id": "urn:uuid:…", "type": "AnnotationCollection", "label": "sorot: <set>",
     "created": …, "generator": {"type": "Software", "name": "sorot 0.1.0"},
     "sorot:set": {…},
     "first": {"id": "urn:uuid:…", "type": "AnnotationPage", "startIndex": 0,
               "items": [<annotation>, …]},
     "sorot:articles": [<article metadata, body and entities as asked>, …],
     "total": <number of annotations>}

An annotation::

    {"id": "urn:uuid:<sorot id>", "type": "Annotation",
     "motivation": "assessing" (claims) | "commenting" (notes),
     "created": …, "modified": …, "creator": {"type": "Person", "name": <annotator>},
     "body": [{"type": "TextualBody", "value": <claim type>, "purpose": "classifying",
               "sorot:field": "claim_type"},
              {… <status>, "purpose": "assessing", "sorot:field": "status"},
              {… <speaker>, "purpose": "describing", "sorot:field": "speaker"},
              {… <tag>, "purpose": "tagging", "sorot:field": "tag"}, …,
              {… <note>, "purpose": "commenting", "sorot:field": "note", "format": "text/plain"}],
     "target": {"source": <article url, else urn:sorot:article:<id>>,
                "sorot:article": <article id>, "sorot:sha256": <text version>,
                "selector": [{"type": "TextQuoteSelector", "exact", "prefix", "suffix"},
                             {"type": "TextPositionSelector", "start", "end"}]},
     "sorot:kind": "claim" | "note", "sorot:orphaned": false}

What the model lacks (the article id, the text version, the kind, the
orphaned flag, which body is which field) is in the ``sorot:`` namespace, so
:func:`from_w3c` reads a sorot export back losslessly; annotations from
other tools are read by their standard parts.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TextIO

from store import __version__
from store.annotations.annotation import Annotation, Selector, now_iso
from store.exchange.select import (
    ExportArticle,
    ExportOptions,
    ExportStats,
    Item,
    article_meta,
    entities_of,
)
from store.news.article import Article
from store.query import Query

CONTEXT: list[Any] = ["http://www.w3.org/ns/anno.jsonld", {"sorot": "urn:sorot:vocab#"}]
"""The Web Annotation context, and the sorot extension's namespace."""

UNKNOWN_TIME = "1970-01-01T00:00:00+00:00"
"""``created`` of an annotation from another tool that gives no time."""
ARTICLE_URN = "urn:sorot:article:"
ANNOTATION_URN = "urn:sorot:annotation:"
MOTIVATION = {"claim": "assessing", "note": "commenting"}

#: Annotation field -> the body purpose it is written with.
PURPOSE = {
    "claim_type": "classifying",
    "status": "assessing",
    "speaker": "describing",
    "tag": "tagging",
    "note": "commenting",
}
_FIELD_OF_PURPOSE = {purpose: name for name, purpose in PURPOSE.items()}


def source_of(article: ExportArticle | None, article_id: str) -> str:
    """The target source: the article's address when known, else its sorot URN."""
    url = getattr(article, "url", None) if article is not None else None
    return url or f"{ARTICLE_URN}{article_id}"


def _annotation_iri(annotation_id: str) -> str:
    try:
        return uuid.UUID(annotation_id).urn
    except ValueError:
        return f"{ANNOTATION_URN}{annotation_id}"


def _body(value: str, name: str) -> dict[str, Any]:
    body = {"type": "TextualBody", "value": value, "purpose": PURPOSE[name], "sorot:field": name}
    if name == "note":
        body["format"] = "text/plain"
    return body


def to_w3c(annotation: Annotation, article: ExportArticle | None = None) -> dict[str, Any]:
    """``annotation`` as a Web Annotation (without ``@context``: the collection has it)."""
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
    target: dict[str, Any] = {
        "source": source_of(article, annotation.article_id),
        "sorot:article": annotation.article_id,
        "sorot:sha256": annotation.sha256,
    }
    if annotation.selector is not None:
        s = annotation.selector
        target["selector"] = [
            {"type": "TextQuoteSelector", "exact": s.exact, "prefix": s.prefix, "suffix": s.suffix},
            {"type": "TextPositionSelector", "start": s.start, "end": s.end},
        ]
    data: dict[str, Any] = {
        "id": _annotation_iri(annotation.id),
        "type": "Annotation",
        "motivation": MOTIVATION[annotation.kind],
        "created": annotation.created,
        "modified": annotation.updated,
        "creator": {"type": "Person", "name": annotation.annotator},
    }
    if bodies:
        data["body"] = bodies
    data["target"] = target
    data["sorot:kind"] = annotation.kind
    data["sorot:orphaned"] = annotation.orphaned
    return data


def write(
    items: Iterable[Item],
    out: TextIO,
    options: ExportOptions | None = None,
    query: Query | None = None,
) -> ExportStats:
    """Write ``items`` to ``out`` as one ``AnnotationCollection``; returns what was written."""
    options = options or ExportOptions()
    query = query or Query()
    head = {
        "@context": CONTEXT,
        "id": uuid.uuid4().urn,
        "type": "AnnotationCollection",
        "label": f"sorot: {options.set_name or query.describe()}",
        "created": now_iso(),
        "generator": {"type": "Software", "name": f"sorot {__version__}"},
        "sorot:set": {"name": options.set_name, **query.to_dict()},
    }
    page = {"id": uuid.uuid4().urn, "type": "AnnotationPage", "startIndex": 0}
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "first": ')
    out.write(json.dumps(page, ensure_ascii=False)[:-1] + ', "items": [')
    stats = ExportStats()
    articles: list[ExportArticle] = []  # references only: the corpus is in memory already
    written = 0
    for article, marks in items:
        articles.append(article)
        stats.add(article, marks)
        for annotation in marks:
            comma = ",\n" if written else "\n"
            out.write(comma + json.dumps(to_w3c(annotation, article), ensure_ascii=False))
            written += 1
    out.write('\n]}, "sorot:articles": [')
    for number, article in enumerate(articles):
        meta = article_meta(article, with_text=options.with_text)
        meta["sorot:source"] = source_of(article, article.id)
        if options.with_entities:
            meta["entities"] = entities_of(article, options, query)
            stats.entities += len(meta["entities"])
        out.write(("\n" if number == 0 else ",\n") + json.dumps(meta, ensure_ascii=False))
    out.write(f'\n], "total": {stats.total}}}\n')
    return stats


# -- reading back ------------------------------------------------------------------


def _one_or_many(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _annotation_id(iri: str) -> str:
    if iri.startswith("urn:uuid:"):
        return str(uuid.UUID(iri[len("urn:uuid:") :]))
    if iri.startswith(ANNOTATION_URN):
        return iri[len(ANNOTATION_URN) :]
    # Another tool's annotation: a stable id, so importing it twice merges.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, iri))


def _creator(value: Any) -> str:
    for creator in _one_or_many(value):
        if isinstance(creator, str):
            return creator
        if isinstance(creator, Mapping):
            for key in ("name", "nickname", "id"):
                if isinstance(creator.get(key), str):
                    return creator[key]
    return ""


def _selector(target: Mapping[str, Any], article: Article | None) -> Selector | None:
    quote: Mapping[str, Any] | None = None
    position: Mapping[str, Any] | None = None
    for selector in _one_or_many(target.get("selector")):
        if isinstance(selector, Mapping) and selector.get("type") == "TextQuoteSelector":
            quote = selector
        elif isinstance(selector, Mapping) and selector.get("type") == "TextPositionSelector":
            position = selector
    if quote is None and position is None:
        return None
    if position is not None and quote is not None:
        start, end = int(position["start"]), int(position["end"])
        exact, prefix, suffix = quote["exact"], quote.get("prefix", ""), quote.get("suffix", "")
        if 0 <= start <= end and end - start == len(str(exact)):
            return Selector(start, end, str(exact), str(prefix), str(suffix))
        if article is None:  # positions counted some other way (UTF-16, bytes): unusable
            raise ValueError("has offsets that do not span its quote")
        position = None  # found again by its quote, below
    if article is None:
        raise ValueError("has only one of TextQuoteSelector and TextPositionSelector")
    if position is not None:
        return Selector.from_body(article.body, int(position["start"]), int(position["end"]))
    from store.annotations.anchoring import place  # only foreign annotations need the search

    assert quote is not None
    wanted = Selector(0, 0, str(quote["exact"]), quote.get("prefix", ""), quote.get("suffix", ""))
    found = place(wanted, article.body)
    if found.selector is None:
        raise ValueError("has a quote that is not in its article")
    return found.selector


def from_w3c(
    data: Mapping[str, Any], find_article: Callable[[str], Article | None] | None = None
) -> Annotation:
    """A Web Annotation as a sorot annotation (``ValueError`` when it cannot be one).

    ``find_article`` maps a target source (an address) or an article id to an
    article of the corpus; it is needed only for annotations from other tools.
    """
    if data.get("type") != "Annotation" and "Annotation" not in _one_or_many(data.get("type")):
        raise ValueError("is not of type Annotation")
    targets = _one_or_many(data.get("target"))
    if not targets:
        raise ValueError("has no target")
    target = targets[0] if isinstance(targets[0], Mapping) else {"source": targets[0]}
    source = str(target.get("source") or "")
    article_id = target.get("sorot:article")
    if not article_id and source.startswith(ARTICLE_URN):
        article_id = source[len(ARTICLE_URN) :]
    article = find_article(article_id or source) if find_article else None
    if not article_id:
        if article is None:
            raise ValueError(f"targets {source or 'nothing'}, which is not an article sorot knows")
        article_id = article.id
    fields: dict[str, Any] = {"claim_type": None, "status": None, "speaker": None}
    tags: list[str] = []
    notes: list[str] = []
    if isinstance(data.get("bodyValue"), str):  # the model's shorthand for one text body
        notes.append(data["bodyValue"])
    for body in _one_or_many(data.get("body")):
        if not isinstance(body, Mapping) or not isinstance(body.get("value"), str):
            continue  # a body given by address only: nothing sorot can keep
        name = body.get("sorot:field") or _FIELD_OF_PURPOSE.get(str(body.get("purpose")), "note")
        if name == "tag":
            tags.append(body["value"])
        elif name == "note":
            notes.append(body["value"])
        elif name in fields:
            fields[name] = body["value"]
    motivations = _one_or_many(data.get("motivation"))
    kind = data.get("sorot:kind") or ("claim" if "assessing" in motivations else "note")
    # Missing ids and times are made up the same way every time: importing twice must merge.
    created = str(data.get("created") or data.get("modified") or UNKNOWN_TIME)
    given = str(data.get("id") or "") or "sorot:content:" + json.dumps(data, sort_keys=True)
    return Annotation(
        id=_annotation_id(given),
        article_id=str(article_id),
        kind=str(kind),
        selector=_selector(target, article),
        sha256=str(target.get("sorot:sha256") or (article.sha256 if article else "")),
        annotator=_creator(data.get("creator")),
        tags=tuple(tags),
        note="\n\n".join(notes),
        created=created,
        updated=str(data.get("modified") or created),
        orphaned=bool(data.get("sorot:orphaned", False)),
        **fields,
    )


def annotations_of(document: Any) -> list[Mapping[str, Any]]:
    """The annotations in a Web Annotation document: a collection, a page, one, or a list."""
    if isinstance(document, list):
        return [a for a in document if isinstance(a, Mapping)]
    if not isinstance(document, Mapping):
        raise ValueError("is not a Web Annotation document")
    kinds = _one_or_many(document.get("type"))
    if "Annotation" in kinds:
        return [document]
    if "AnnotationPage" in kinds:
        return [a for a in _one_or_many(document.get("items")) if isinstance(a, Mapping)]
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

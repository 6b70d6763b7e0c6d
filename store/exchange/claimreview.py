"""schema.org ClaimReview (JSON-LD) for the claims that have a verdict.

A JSON array of ClaimReview objects, each complete with its own
``@context`` (so one can be cut out and put in a web page as it is). Only
claims whose status is set and is not ``unverified`` are written; notes and
unchecked claims are not reviews::

    {"@context": "https://schema.org", "@type": "ClaimReview",
     "@id": "urn:uuid:<annotation id>", "identifier": "<annotation id>",
     "claimReviewed": <the quoted passage>,
     "itemReviewed": {"@type": "Claim",
        "appearance": {"@type": "NewsArticle" (CreativeWork when not in the corpus),
                       "headline", "url", "publisher": {"@type": "Organization", "name"},
                       "datePublished", "text" (with text)},
        "author": {"@type": "Person" | "Organization", "name": <speaker>},
        "datePublished": <the article's date>,
        "mentions": [{"@type": "Person" | "Place" …, "name": <key>}]  (with entities)},
     "reviewRating": {"@type": "Rating", "alternateName": <status>,
                      "ratingValue", "bestRating": 5, "worstRating": 1  (for known statuses)},
     "author": {"@type": "Person", "name": <annotator>},
     "datePublished": <date the annotation was last updated>,
     "reviewBody": <note>, "keywords": [<tags>], "url": <first address in the note>}

schema.org has no character offsets: a review points back at its sorot
annotation by ``identifier``; positions are in the native and W3C exports.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from store.annotations.annotation import Annotation
from store.exchange.jsonl import overlapping
from store.exchange.select import ExportArticle, ExportOptions, ExportStats, Item, entities_of
from store.news.article import Article
from store.query import Query

CONTEXT = "https://schema.org"

RATING = {"false": 1, "misleading": 2, "unproven": 3, "mostly true": 4, "true": 5}
"""The default verdicts on a 1 (false) to 5 (true) scale; other statuses get no number."""

SCHEMA_TYPE = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}
"""Entity types as schema.org types (dates and quantities are not things)."""

_ORG_WORDS = re.compile(
    r"^(?:kementerian|kemlu|badan|dinas|partai|pemerintah|ministry|agency|kantor|"
    r"dewan|komisi|lembaga|tentara|angkatan|pasukan|gedung putih|pentagon|kremlin|"
    r"the |pbb|nato|kcna|tni|polri|reuters|afp|antara|ap\b)",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://[^\s<>\"')\]]+")


def has_verdict(annotation: Annotation) -> bool:
    """True for a claim whose status is set and is not ``unverified``."""
    status = (annotation.status or "").strip().casefold()
    return annotation.kind == "claim" and status not in ("", "unverified")


def speaker_type(speaker: str, entities: Iterable[dict[str, Any]] = ()) -> str:
    """``Organization`` or ``Person`` for the speaker: from its entity type when known."""
    for entity in entities:
        if entity.get("key") == speaker and entity.get("type") in ("ORG", "PER"):
            return SCHEMA_TYPE[entity["type"]]
    word = speaker.strip()
    if _ORG_WORDS.match(word) or (word.isupper() and len(word) > 1):
        return "Organization"
    return "Person"


def _date(value: str | None) -> str | None:
    # schema.org wants an ISO date or date-time; a raw scraped date is not one.
    if value and re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return None


def appearance(article: ExportArticle, with_text: bool) -> dict[str, Any]:
    """Where the claim appeared: the article as a schema.org NewsArticle."""
    data: dict[str, Any] = {
        "@type": "NewsArticle" if isinstance(article, Article) else "CreativeWork"
    }
    if article.title:
        data["headline"] = article.title
    if article.url:
        data["url"] = article.url
    if isinstance(article, Article):
        if article.outlet:
            data["publisher"] = {"@type": "Organization", "name": article.outlet}
        if _date(article.published):
            data["datePublished"] = article.published
        if with_text:
            data["text"] = article.body
    data["identifier"] = article.id
    return data


def review(
    annotation: Annotation,
    article: ExportArticle,
    *,
    with_text: bool = False,
    entities: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """One claim as a ClaimReview."""
    claim: dict[str, Any] = {"@type": "Claim", "appearance": appearance(article, with_text)}
    if annotation.speaker:
        kind = speaker_type(annotation.speaker, entities or ())
        claim["author"] = {"@type": kind, "name": annotation.speaker}
    published = _date(getattr(article, "published", None))
    if published:
        claim["datePublished"] = published
    if entities is not None:
        mentioned = {}
        for entity in overlapping(entities, annotation):
            if entity["type"] in SCHEMA_TYPE:
                mentioned[entity["key"]] = {
                    "@type": SCHEMA_TYPE[entity["type"]],
                    "name": entity["key"],
                }
        claim["mentions"] = list(mentioned.values())
    status = annotation.status or ""
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": status}
    if status.casefold() in RATING:
        rating.update(ratingValue=RATING[status.casefold()], bestRating=5, worstRating=1)
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "@id": f"urn:uuid:{annotation.id}",
        "identifier": annotation.id,
        "claimReviewed": annotation.quote or annotation.note,
        "itemReviewed": claim,
        "reviewRating": rating,
        "author": {"@type": "Person", "name": annotation.annotator},
        "datePublished": annotation.updated[:10],
    }
    if annotation.note:
        data["reviewBody"] = annotation.note
        found = _URL.search(annotation.note)
        if found:
            data["url"] = found.group().rstrip(".,;:")
    if annotation.tags:
        data["keywords"] = list(annotation.tags)
    return data


def write(
    items: Iterable[Item],
    out: TextIO,
    options: ExportOptions | None = None,
    query: Query | None = None,
) -> ExportStats:
    """Write the claims with a verdict in ``items`` to ``out``; returns what was written."""
    options = options or ExportOptions()
    query = query or Query()
    stats = ExportStats()
    out.write("[")
    written = 0
    for article, marks in items:
        reviewed = [a for a in marks if has_verdict(a)]
        if not reviewed:
            continue
        entities = entities_of(article, options, query) if options.with_entities else None
        stats.add(article, reviewed)
        stats.entities += len(entities or ())
        for annotation in reviewed:
            data = review(annotation, article, with_text=options.with_text, entities=entities)
            out.write((",\n" if written else "\n") + json.dumps(data, ensure_ascii=False))
            written += 1
    out.write("\n]\n")
    return stats

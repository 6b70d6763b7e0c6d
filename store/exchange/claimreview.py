"""schema.org ClaimReview (JSON-LD) that a fact-checking organisation can publish.

A JSON array of ClaimReview objects, each complete with its own
``@context`` (so one can be cut out and put in its review page as it is).
Only claims with a verdict are written: a status that is set and is not
one of the open statuses (``unverified``, ``checking``); notes are not
reviews. What the organisation publishes comes from the ``[claimreview]``
settings (``store.files.review_settings``)::

    {"@context": "https://schema.org", "@type": "ClaimReview",
     "@id": "urn:uuid:<annotation id>", "identifier": "<annotation id>",
     "url": <review_url with the claim's id>,
     "claimReviewed": <the quote, trimmed to a short statement>,
     "itemReviewed": {"@type": "Claim",
        "appearance": {"@type": "NewsArticle" (CreativeWork when not in the corpus),
                       "headline", "url", "publisher": {"@type": "Organization", "name"},
                       "datePublished", "identifier"},
        "author": {"@type": "Person" | "Organization", "name": <speaker>},
        "datePublished": <the article's date, when the source states it>,
        "mentions": [{"@type": "Person" | "Organization" | "Place", "name": <key>}]
                    (with entities)},
     "reviewRating": {"@type": "Rating", "alternateName": <the verdict's name>,
                      "ratingValue", "bestRating", "worstRating"  (for verdicts on the scale)},
     "author": {"@type": "Organization", "name": <organisation>, "url"},
     "datePublished": <date the claim was last updated>,
     "reviewBody": <note>, "keywords": [<tags>]}

A speaker is typed from the article's entities: a person (``PER``) is a
``Person``; an organisation or a place (a country speaking is its
government) an ``Organization``; a speaker naming none falls back on its
words (``Kementerian …``, ``badan intelijen``, an acronym). The article's
text is never written (a review points at its article by ``url``), and
the annotator's login name is not published: the organisation is the author.
What is left out, and why, is counted in the export's statistics
(``ExportStats.left_out``), which ``sorot export`` says on stderr and the
export dialog shows before anything is written.

schema.org has no character offsets: a review points back at its sorot
annotation by ``identifier``; positions are in the native and W3C exports.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from store.annotations.annotation import Annotation
from store.exchange.jsonl import overlapping
from store.exchange.select import ExportArticle, ExportOptions, ExportStats, Item, entities_of
from store.files.review_settings import ReviewSettings
from store.news.article import STATED, Article
from store.query import Query

CONTEXT = "https://schema.org"

STATEMENT_CHARS = 75
"""Google asks for a ``claimReviewed`` under 75 characters (it wraps on phones)."""

SCHEMA_TYPE = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}
"""Entity types as schema.org types of things mentioned (dates and quantities are not)."""

SPEAKER_TYPE = {"PER": "Person", "ORG": "Organization", "LOC": "Organization"}
"""A speaker's entity type as the type of a claim's author: a place that speaks is a state."""

_ORG_WORDS = re.compile(
    r"\b(?:kementerian|kemlu|kemhan|badan|dinas|partai|pemerintah|pemerintahan|ministry|"
    r"agency|government|kantor|dewan|komisi|lembaga|tentara|militer|military|angkatan|"
    r"pasukan|intelijen|intelligence|gedung putih|white house|pentagon|kremlin|"
    r"sekutu|sekutunya|allies|pbb|nato|kcna|tni|polri|reuters|afp|antara|juru bicara "
    r"kementerian|media|kantor berita|news agency|council|committee|office|department)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"^[A-Z0-9&.\-]{2,10}$")


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def speaker_type(speaker: str, entities: Iterable[dict[str, Any]] = ()) -> str:
    """``Person`` or ``Organization`` for a claim's speaker, from its entities when it can."""
    wanted = _normal(speaker)
    inside: set[str] = set()
    for entity in entities:
        kind = entity.get("type")
        if kind not in SPEAKER_TYPE:
            continue
        names = {_normal(str(entity.get("key", ""))), _normal(str(entity.get("text", "")))}
        if wanted in names:
            return SPEAKER_TYPE[kind]
        if any(name and re.search(rf"\b{re.escape(name)}\b", wanted) for name in names):
            inside.add(kind)
    if "PER" in inside:  # a person named with a title or office: "Menteri … Andrey Belousov"
        return "Person"
    if inside or _ORG_WORDS.search(speaker) or _ACRONYM.match(speaker.strip()):
        return "Organization"
    return "Person"


def statement(quote: str, limit: int = STATEMENT_CHARS) -> str:
    """A quote as a short statement: whitespace joined, cut at a word before ``limit``."""
    text = " ".join(quote.split()).strip(" \"'“”‘’")
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def stated_date(article: ExportArticle) -> str | None:
    """The article's date if the source states it: an estimated one is not published."""
    if not isinstance(article, Article) or article.published_status not in (None, STATED):
        return None
    value = article.published
    # schema.org wants an ISO date or date-time; a raw scraped date is not one.
    if value and re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return None


def appearance(article: ExportArticle) -> dict[str, Any]:
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
        if stated_date(article):
            data["datePublished"] = article.published
    data["identifier"] = article.id
    return data


def _rating(status: str, settings: ReviewSettings) -> dict[str, Any]:
    rating = settings.rating(status)
    data: dict[str, Any] = {"@type": "Rating", "alternateName": rating.name}
    if rating.value is not None:
        data.update(
            ratingValue=rating.value,
            bestRating=settings.best_rating,
            worstRating=settings.worst_rating,
        )
    return data


def review(
    annotation: Annotation,
    article: ExportArticle,
    settings: ReviewSettings | None = None,
    *,
    entities: Sequence[dict[str, Any]] = (),
    mentions: bool = False,
) -> dict[str, Any]:
    """One claim as a ClaimReview (``entities``: the article's, to type the speaker)."""
    settings = settings or ReviewSettings()
    claim: dict[str, Any] = {"@type": "Claim", "appearance": appearance(article)}
    if annotation.speaker:
        kind = speaker_type(annotation.speaker, entities)
        claim["author"] = {"@type": kind, "name": annotation.speaker}
    published = stated_date(article)
    if published:
        claim["datePublished"] = published
    if mentions:
        named: dict[str, dict[str, Any]] = {}
        for entity in overlapping(list(entities), annotation):
            if entity["type"] in SCHEMA_TYPE:
                named[entity["key"]] = {"@type": SCHEMA_TYPE[entity["type"]], "name": entity["key"]}
        claim["mentions"] = list(named.values())
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "@id": f"urn:uuid:{annotation.id}",
        "identifier": annotation.id,
    }
    url = settings.url_for(annotation.id, annotation.article_id)
    if url:
        data["url"] = url
    data["claimReviewed"] = statement(annotation.quote or annotation.note)
    data["itemReviewed"] = claim
    data["reviewRating"] = _rating(annotation.status or "", settings)
    if settings.organisation:
        author: dict[str, Any] = {"@type": "Organization", "name": settings.organisation}
        if settings.organisation_url:
            author["url"] = settings.organisation_url
        data["author"] = author
    data["datePublished"] = annotation.updated[:10]
    if annotation.note:
        data["reviewBody"] = annotation.note
    if annotation.tags:
        data["keywords"] = list(annotation.tags)
    return data


def choose(marks: Sequence[Annotation], options: ExportOptions) -> tuple[list[Annotation], Counter]:
    """The claims of ``marks`` that are published, and why the others are not."""
    settings = options.review
    kept: list[Annotation] = []
    left: Counter[str] = Counter()
    for annotation in marks:
        if annotation.kind != "claim":
            left["note", "notes", "a note is not a review"] += 1
        elif not settings.is_verdict(annotation.status):
            why = f"no verdict yet ({annotation.status or 'no status'})"
            left["claim", "claims", why] += 1
        else:
            kept.append(annotation)
    return kept, left


def notices(stats: ExportStats, options: ExportOptions) -> None:
    """Add to ``stats`` what every review lacks for want of a setting or by design."""
    settings = options.review
    reviews = stats.total
    if not reviews:
        return
    if not settings.review_url:
        why = "no url (the review's page): set review_url under [claimreview] in config.toml"
        stats.left_out["review", "reviews", why] += reviews
    if not settings.organisation:
        why = "no author: set organisation under [claimreview] in config.toml"
        stats.left_out["review", "reviews", why] += reviews
    if options.with_text:
        why = "not written (a review links to its article; --text is for the other formats)"
        stats.left_out["article text", "article texts", why] += stats.articles


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
    typing = SpeakerEntities(options)
    for article, marks in items:
        reviewed, left = choose(marks, options)
        stats.left_out.update(left)
        if not reviewed:
            continue
        listed = entities_of(article, options, query) if options.with_entities else None
        known = listed if listed is not None else typing.of_article(article)
        stats.add(article, reviewed)
        stats.entities += len(listed or ())
        for annotation in reviewed:
            entities = typing.with_speaker(known, annotation.speaker)
            data = review(
                annotation, article, options.review, entities=entities, mentions=listed is not None
            )
            out.write((",\n" if written else "\n") + json.dumps(data, ensure_ascii=False))
            written += 1
    out.write("\n]\n")
    notices(stats, options)
    return stats


class SpeakerEntities:
    """Entities to type speakers by: the article's when at hand, else the speaker's own name's.

    Recognising every article of a large export would take minutes; the
    article's entities are used when cached (the reader found them when the
    claim was made), and otherwise the recogniser reads the speaker's name
    alone ("Amerika Serikat dan sekutunya"), once per name.
    """

    def __init__(self, options: ExportOptions) -> None:
        self.options = options
        self._names: dict[str, list[dict[str, Any]]] = {}

    def of_article(self, article: ExportArticle) -> list[dict[str, Any]]:
        """The article's entities if they are at hand, else none."""
        if self.options.known_entities is None or not isinstance(article, Article):
            return []
        try:
            return self.options.known_entities(article)
        except (OSError, RuntimeError, ValueError):
            return []

    def with_speaker(
        self, known: Sequence[dict[str, Any]], speaker: str | None
    ) -> Sequence[dict[str, Any]]:
        """``known``, and the entities of the speaker's name when ``known`` does not name it."""
        if not speaker or self.options.entities_in_text is None:
            return known
        wanted = _normal(speaker)
        if any(
            wanted in (_normal(str(e.get("key", ""))), _normal(str(e.get("text", ""))))
            for e in known
        ):
            return known
        if speaker not in self._names:
            try:
                self._names[speaker] = self.options.entities_in_text(speaker)
            except (OSError, RuntimeError, ValueError):
                self._names[speaker] = []
        return [*known, *self._names[speaker]]

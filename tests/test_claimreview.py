"""ClaimReview a fact-checking organisation can publish, checked against schema.org and Google.

Every type, property and value of the export is checked against the
schema.org vocabulary (a subset of release 30.0 vendored under
``tests/standards/schemaorg``): the type exists, the property belongs to
the type (``domainIncludes``, through the class hierarchy), and each value
is of a type the property takes (``rangeIncludes``). Then Google's required
and recommended fields for fact checks (Search Central, "Fact check
(ClaimReview) structured data"): a ClaimReview needs ``claimReviewed``,
``reviewRating`` and ``url`` and should have ``author``, ``datePublished``
and ``itemReviewed``; its Claim should have ``appearance``, ``author`` and
``datePublished``; its Rating needs ``alternateName`` and should have
``ratingValue``, ``bestRating`` and ``worstRating``.
"""

from __future__ import annotations

import io
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from store.annotations.annotation import Annotation, Selector
from store.annotations.store import AnnotationStore
from store.entities.keys import pattern_matches
from store.exchange import ExportOptions, count_for, export, select
from store.exchange.claimreview import STATEMENT_CHARS, speaker_type, statement
from store.files.review_settings import Rating, ReviewSettings, parse_review_settings
from store.news.article import Article
from tests.export_fixtures import annotated_store, fake_entities, seed_articles, span

VOCABULARY = Path(__file__).parent / "standards" / "schemaorg" / "schemaorg-subset.jsonld"
SETTINGS = ReviewSettings(
    organisation="Cek Fakta Bersama",
    organisation_url="https://cekfakta.example",
    review_url="https://cekfakta.example/periksa/{short_id}/{id}",
)

GOOGLE_REQUIRED = {
    "ClaimReview": ("claimReviewed", "reviewRating", "url"),
    "Rating": ("alternateName",),
}
GOOGLE_RECOMMENDED = {
    "ClaimReview": ("author", "datePublished", "itemReviewed"),
    "Claim": ("appearance", "author", "datePublished"),
    "Rating": ("ratingValue", "bestRating", "worstRating"),
}


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [i["@id"].removeprefix("schema:") for i in items if isinstance(i, dict)]


@cache
def vocabulary() -> tuple[dict[str, set[str]], dict[str, tuple[set[str], set[str]]]]:
    """Classes with their parents, properties with their domains and ranges."""
    graph = json.loads(VOCABULARY.read_text("utf-8"))["@graph"]
    classes, properties = {}, {}
    for node in graph:
        name = node["@id"].removeprefix("schema:")
        if node["@type"] == "rdf:Property":
            domains = set(_ids(node["schema:domainIncludes"]))
            properties[name] = (domains, set(_ids(node.get("schema:rangeIncludes", []))))
        else:
            classes[name] = set(_ids(node.get("rdfs:subClassOf", [])))
    return classes, properties


def is_a(kind: str, wanted: str) -> bool:
    classes, _ = vocabulary()
    seen, todo = set(), [kind]
    while todo:
        current = todo.pop()
        if current == wanted:
            return True
        if current not in seen:
            seen.add(current)
            todo += classes.get(current, ())
    return False


def literal_fits(value: Any, ranges: set[str]) -> bool:
    """A JSON literal against a property's ranges (a URL or a date is text too, in schema.org)."""
    if isinstance(value, bool):
        return "Boolean" in ranges
    if isinstance(value, int | float):
        return any(is_a(r, "Number") for r in ranges) or "Text" in ranges
    return isinstance(value, str) and any(
        is_a(r, "Text") or r in ("Date", "DateTime", "Time") for r in ranges
    )


def schema_errors(node: dict[str, Any], where: str = "") -> list[str]:
    """Every way ``node`` strays from the schema.org vocabulary."""
    classes, properties = vocabulary()
    kind = node.get("@type")
    if kind not in classes:
        return [f"{where}: {kind!r} is not a schema.org type"]
    errors = []
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if key not in properties:
            errors.append(f"{where}.{key}: not a schema.org property")
            continue
        domains, ranges = properties[key]
        if not any(is_a(kind, d) for d in domains):
            errors.append(f"{where}.{key}: not a property of {kind}")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                if not any(is_a(item.get("@type", ""), r) for r in ranges):
                    errors.append(
                        f"{where}.{key}: a {item.get('@type')} is not in {sorted(ranges)}"
                    )
                errors += schema_errors(item, f"{where}.{key}")
            elif not literal_fits(item, ranges):
                errors.append(f"{where}.{key}: {item!r} is not in {sorted(ranges)}")
    return errors


def google_missing(node: dict[str, Any], table: dict[str, tuple[str, ...]]) -> list[str]:
    """The fields of ``table`` that ``node`` (and the nodes in it) lacks."""
    missing = [
        f"{node['@type']}.{k}" for k in table.get(node.get("@type", ""), ()) if k not in node
    ]
    for value in node.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and "@type" in item:
                missing += google_missing(item, table)
    return missing


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return seed_articles()


@pytest.fixture
def store(tmp_path: Path, articles: list[Article]) -> AnnotationStore:
    annotated_store(tmp_path / "data", articles)
    return AnnotationStore(tmp_path / "data")


def reviews_of(articles, store, **options: Any) -> list[dict[str, Any]]:
    options.setdefault("review", SETTINGS)
    options.setdefault("known_entities", fake_entities)
    options.setdefault("key_matcher", pattern_matches)
    out = io.StringIO()
    items = select(
        articles, store, entities_for=options.get("entities_for"), key_matcher=pattern_matches
    )
    export(items, out, "claimreview", ExportOptions(**options))
    return json.loads(out.getvalue())


def test_every_review_fits_the_schema_org_vocabulary(articles, store) -> None:
    reviews = reviews_of(articles, store, entities_for=fake_entities, with_text=True)
    assert len(reviews) == 5
    for review in reviews:
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert schema_errors(review, review["identifier"]) == []


def test_the_checker_catches_what_schema_org_does_not_allow(articles, store) -> None:
    review = reviews_of(articles, store)[0]
    review["itemReviewed"]["appearance"]["text"] = 42  # text is Text, not a number
    review["reviewRating"]["@type"] = "Verdict"  # no such type
    review["claimReviewed"] = {"@type": "Person", "name": "x"}  # a Person is not Text
    review["author"]["headline"] = "x"  # an Organization has no headline
    errors = schema_errors(review, "r")
    assert len(errors) == 4, errors


def test_google_required_and_recommended_fields_are_there(articles, store) -> None:
    kompas = articles[1]  # the one seed whose date is known
    store.save(
        Annotation(
            kompas.id, "claim", span(kompas, "Kim Jong-un"), kompas.sha256, "rina",
            status="false", speaker="Kementerian Pertahanan Rusia",
        ),
        kompas,
    )  # fmt: skip
    reviews = reviews_of(articles, store)
    for review in reviews:
        assert google_missing(review, GOOGLE_REQUIRED) == []
    # Recommended needs a speaker and an article whose date is known (one seed has no year).
    spoken = [r for r in reviews if r["itemReviewed"].get("author")]
    dated = [r for r in spoken if "datePublished" in r["itemReviewed"]["appearance"]]
    assert len(dated) == 1 and len(spoken) == 4
    # A date the parser estimated (no year in the text) is not published as a fact.
    first = articles[0]
    assert first.published and first.published_status == "estimated"
    for review in reviews:
        if review["itemReviewed"]["appearance"]["identifier"] == first.id:
            assert "datePublished" not in review["itemReviewed"]["appearance"]
            assert "datePublished" not in review["itemReviewed"]
    for review in dated:
        assert google_missing(review, GOOGLE_RECOMMENDED) == []


def test_the_organisation_publishes_on_its_own_pages(articles, store) -> None:
    for review in reviews_of(articles, store):
        assert review["author"] == {
            "@type": "Organization",
            "name": "Cek Fakta Bersama",
            "url": "https://cekfakta.example",
        }
        annotation_id = review["identifier"]
        assert review["url"] == (
            f"https://cekfakta.example/periksa/{annotation_id[:8]}/{annotation_id}"
        )
        assert "rina" not in json.dumps(review["author"])  # no login name goes out


def test_only_claims_with_a_verdict_are_reviews_and_the_rest_is_said(articles, store) -> None:
    made = {a.id: a for a in store.all()}
    reviews = reviews_of(articles, store)
    statuses = sorted(made[r["identifier"]].status for r in reviews)
    assert statuses == ["false", "false", "misleading", "mostly true", "true"]
    options = ExportOptions(review=SETTINGS, known_entities=fake_entities)
    stats = count_for("claimreview", select(articles, store), options)
    assert stats.annotations["claim"] == 5 and stats.annotations["note"] == 0
    assert stats.left_out_lines() == [
        "3 notes: a note is not a review",
        "1 claim: no verdict yet (unverified)",
        "1 claim: no verdict yet (no status)",
        "1 claim: no verdict yet (checking)",
    ]


def test_the_rating_follows_the_scale_and_unproven_has_no_number(articles, store) -> None:
    by_status = {}
    for review in reviews_of(articles, store):
        by_status[review["reviewRating"]["alternateName"]] = review["reviewRating"]
    assert by_status["False"]["ratingValue"] == 1 and by_status["True"]["ratingValue"] == 5
    assert by_status["Misleading"]["ratingValue"] == 2
    for rating in by_status.values():
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert ReviewSettings().rating("unproven") == Rating("Unproven", None)  # not "half true"
    mine = parse_review_settings(
        {
            "best_rating": 3,
            "worst_rating": 0,
            "open_statuses": ["belum dicek"],
            "ratings": {"salah": {"value": 0, "name": "Salah"}, "benar": 3, "tak jelas": {}},
        }
    )
    assert mine.rating("Salah") == Rating("Salah", 0) and mine.rating("benar") == Rating("benar", 3)
    assert mine.rating("tak jelas") == Rating("tak jelas", None)
    assert not mine.is_verdict("belum dicek") and mine.is_verdict("checking")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"review_url": "cekfakta.example/{id}"}, "must be an http(s) address"),
        ({"review_url": "https://x.example/{slug}"}, "names {slug}; it may use {id}"),
        ({"ratings": {"false": 9}}, "false = 9 is off the scale"),
        ({"organisation": ["a"]}, "organisation must be text"),
        ({"best_rating": 1}, "must differ"),
    ],
)
def test_settings_mistakes_are_named(table: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_review_settings(table)


def test_claim_reviewed_is_a_short_statement() -> None:
    passage = (
        "Korea Utara dilaporkan telah mengirim lebih dari 10.000 tentara ke Rusia untuk "
        "membantu Moskow dalam perang melawan Ukraina, menurut laporan intelijen."
    )
    short = statement(passage)
    assert len(short) <= STATEMENT_CHARS and short.endswith("…")
    assert passage.startswith(short[:-1]) and not short[:-1].endswith(" ")
    assert statement("  “Kim Jong Un\n mendukung   Rusia.”  ") == "Kim Jong Un mendukung Rusia."


def test_a_long_passage_becomes_a_short_claim_and_no_text_is_repeated(
    tmp_path: Path, articles: list[Article]
) -> None:
    article = articles[1]
    store = AnnotationStore(tmp_path / "data")
    end = article.body.index("\n\n", 200)
    store.save(
        Annotation(
            article.id, "claim", Selector.from_body(article.body, 0, end), article.sha256, "rina",
            status="false", speaker="Amerika Serikat dan sekutunya",
        ),
        article,
    )  # fmt: skip
    (review,) = reviews_of(articles, store, with_text=True)
    assert len(review["claimReviewed"]) <= STATEMENT_CHARS < end
    assert article.body[:300] not in json.dumps(review, ensure_ascii=False)
    assert review["itemReviewed"]["author"]["@type"] == "Organization"


def test_speakers_are_people_or_organisations_from_their_entities() -> None:
    entities = [
        {"start": 0, "end": 15, "text": "Amerika Serikat", "type": "LOC", "key": "Amerika Serikat"},
        {"start": 20, "end": 31, "text": "Kim Jong-un", "type": "PER", "key": "Kim Jong Un"},
        {"start": 40, "end": 44, "text": "KCNA", "type": "ORG", "key": "KCNA"},
    ]
    assert speaker_type("Kim Jong Un", entities) == "Person"
    assert speaker_type("Kim Jong-un", entities) == "Person"
    assert speaker_type("KCNA", entities) == "Organization"
    assert speaker_type("Amerika Serikat dan sekutunya", entities) == "Organization"
    assert speaker_type("Amerika Serikat", entities) == "Organization"  # a state that speaks
    assert speaker_type("badan intelijen Korea Selatan", []) == "Organization"
    assert speaker_type("National Intelligence Service", []) == "Organization"
    assert speaker_type("NIS", []) == "Organization"
    assert speaker_type("Presiden Kim Jong Un", entities) == "Person"
    assert speaker_type("Andrei Belousov", []) == "Person"


def test_without_settings_the_export_says_what_the_reviews_lack(articles, store) -> None:
    options = ExportOptions(with_text=True)
    out = io.StringIO()
    stats = export(select(articles, store), out, "claimreview", options)
    assert all("url" not in r and "author" not in r for r in json.loads(out.getvalue()))
    lines = stats.left_out_lines()
    assert "5 reviews: no url (the review's page): set review_url under [claimreview] in " in (
        "\n".join(lines)
    )
    assert any(line.startswith("5 reviews: no author") for line in lines)
    assert any(line.startswith("4 article texts: not written") for line in lines)
    assert count_for("claimreview", select(articles, store), options).left_out == stats.left_out


def test_a_workspace_types_speakers_without_recognising_every_article(
    tmp_path: Path, articles: list[Article]
) -> None:
    # No entity of the article is at hand (nothing cached): the speaker's name is read alone.
    from store.workspace import Workspace

    space = Workspace(tmp_path / "data", user="rina", settings_file=tmp_path / "none.toml")
    article = articles[1]
    for speaker in ("Amerika Serikat", "Korea Selatan dan Jepang", "Vladimir Putin"):
        space.store.save(
            Annotation(
                article.id, "claim", span(article, "Kim Jong-un"), article.sha256, "rina",
                status="false", speaker=speaker,
            ),
            article,
        )  # fmt: skip
    options = space.export_options(space.query(""))
    out = io.StringIO()
    export(space.select(space.query(""), articles), out, "claimreview", options)
    typed = {r["itemReviewed"]["author"]["name"]: r["itemReviewed"]["author"]["@type"]
             for r in json.loads(out.getvalue())}  # fmt: skip
    assert typed == {
        "Amerika Serikat": "Organization",
        "Korea Selatan dan Jepang": "Organization",
        "Vladimir Putin": "Person",
    }
    assert space.cached_entities(article) == []  # the article itself was never recognised

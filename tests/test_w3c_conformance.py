"""The W3C export checked by the W3C's own conformance schemas, and by a JSON-LD processor.

The schemas are the Web Annotation test suite's (``tests/standards/
web-annotation-tests``, vendored with their licence): every MUST assertion
for an annotation, a collection and a page, and the SHOULDs sorot
implements. Each annotation is checked standalone (exported on its own) and
embedded (as it sits in the collection). The JSON-LD test expands the whole
export with pyld against a bundled copy of the Web Annotation context
(offline) and counts every value before and after: none may be lost, and
sorot's own keys must land in sorot's namespace, never on a W3C term.
"""

from __future__ import annotations

import io
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pyld import jsonld
from referencing import Registry
from referencing.jsonschema import DRAFT4

from store.annotations.store import AnnotationStore
from store.entities.keys import pattern_matches
from store.exchange import ExportOptions, export, select
from store.exchange.w3c import ANNO_CONTEXT, NAMESPACE, sorot_context, to_w3c
from store.news.article import Article
from tests.export_fixtures import GONE_ID, annotated_store, fake_entities, seed_articles

STANDARDS = Path(__file__).parent / "standards"
SUITE = STANDARDS / "web-annotation-tests"
ZULU = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


@cache
def registry() -> Registry:
    """Every vendored schema under the name the suite's ``$ref``s use."""
    resources = []
    for path in SUITE.rglob("*.json"):
        schema = json.loads(path.read_text("utf-8"))
        resources.append((schema.get("id", path.name), DRAFT4.create_resource(schema)))
    return Registry().with_resources(resources)


def assertion(name: str) -> jsonschema.Draft4Validator:
    schema = json.loads((SUITE / name).read_text("utf-8"))
    return jsonschema.Draft4Validator(schema, registry=registry())


def assertions(test: str) -> list[str]:
    return json.loads((SUITE / test).read_text("utf-8"))["assertions"]


def failures(test: str, document: dict[str, Any]) -> list[str]:
    """The suite's assertions of ``test`` that ``document`` fails, with the suite's message."""
    failed = []
    for name in assertions(test):
        check = assertion(name)
        if not check.is_valid(document):
            failed.append(f"{name}: {check.schema.get('errorMessage', '')}")
    return failed


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return seed_articles()


@pytest.fixture(scope="module")
def store(tmp_path_factory, articles) -> AnnotationStore:
    data = tmp_path_factory.mktemp("w3c") / "data"
    annotated_store(data, articles)
    return AnnotationStore(data)


@pytest.fixture(scope="module")
def collection(articles, store) -> dict[str, Any]:
    """The W3C export of every annotation, with text and entities."""
    out = io.StringIO()
    options = ExportOptions(with_text=True, entities_for=fake_entities, key_matcher=pattern_matches)
    items = select(articles, store, entities_for=fake_entities, key_matcher=pattern_matches)
    export(items, out, "w3c", options)
    return json.loads(out.getvalue())


def test_the_suite_is_the_one_the_issue_counted() -> None:
    assert len(assertions("annotations/annotationMusts.test")) == 54
    assert len(assertions("collections/collectionMusts.test")) == 10
    assert len(assertions("collections/pages/pageMusts.test")) == 15


def test_every_embedded_annotation_meets_all_54_musts(collection) -> None:
    items = collection["first"]["items"]
    assert len(items) == 11
    for item in items:
        assert failures("annotations/annotationMusts.test", item) == [], item["id"]


def test_every_annotation_exported_on_its_own_meets_all_54_musts(articles, store) -> None:
    by_id = {a.id: a for a in articles}
    for annotation in store.all():
        standalone = json.loads(json.dumps(to_w3c(annotation, by_id.get(annotation.article_id))))
        assert failures("annotations/annotationMusts.test", standalone) == []
        assert standalone["@context"][0] == ANNO_CONTEXT


def test_the_collection_and_its_page_meet_their_musts(collection) -> None:
    assert failures("collections/collectionMusts.test", collection) == []
    assert failures("collections/pages/pageMusts.test", collection) == []  # the embedded page
    page = {"@context": collection["@context"], **collection["first"]}
    assert failures("collections/pages/pageMusts.test", page) == []


def test_the_shoulds_creator_id_target_language_and_format_last_and_part_of(
    collection, articles
) -> None:
    items = collection["first"]["items"]
    in_corpus = [i for i in items if i["target"]["sorot:article"] != GONE_ID]
    for item in items:
        assert assertion("annotations/3.3.2-annotationCreatorAgentIdImplemented.json").is_valid(
            item
        )
        assert assertion("annotations/bodiesTargets/3.2.1-targFormat.json").is_valid(item)
        assert item["creator"]["id"] == "urn:sorot:annotator:" + item["creator"]["name"]
    for item in in_corpus:  # an article outside the corpus has no known language
        assert assertion("annotations/bodiesTargets/3.2.1-targLanguage.json").is_valid(item)
        assert item["target"]["language"] == "id"
    assert assertion("collections/5.1-collectionLastImplemented.json").is_valid(collection)
    assert assertion("collections/pages/5.2-pagePartOfImplemented.json").is_valid(collection)
    assert collection["last"] == collection["first"]["id"]
    assert collection["first"]["partOf"]["id"] == collection["id"]


def test_times_are_utc_with_z(collection) -> None:
    assert ZULU.match(collection["created"])
    for item in collection["first"]["items"]:
        assert ZULU.match(item["created"]) and ZULU.match(item["modified"])
    first = collection["first"]["items"][0]
    assert first["created"] == "2024-12-01T08:00:00Z"


def test_the_schemas_catch_what_sorot_once_wrote(collection) -> None:
    item = json.loads(json.dumps(collection["first"]["items"][0]))
    del item["@context"]  # embedded without its own context, as before
    assert any(
        "3.1-annotationContext" in f for f in failures("annotations/annotationMusts.test", item)
    )
    item = json.loads(json.dumps(collection["first"]["items"][0]))
    item["created"] = 20241201  # not a date-time
    del item["target"]
    failed = failures("annotations/annotationMusts.test", item)
    assert any("3.3.1-annotationCreatedValidated" in f for f in failed)
    assert any("3.1-targetKeyFound" in f for f in failed)
    broken = {**collection, "total": -1}
    assert failures("collections/collectionMusts.test", broken)


# -- JSON-LD -----------------------------------------------------------------------------


ANNO = json.loads((STANDARDS / "web-annotation" / "anno.jsonld").read_text("utf-8"))


def offline(url: str, options: dict | None = None) -> dict[str, Any]:
    """pyld's document loader: the bundled Web Annotation context, nothing from the network."""
    if url.rstrip("/").removeprefix("https").removeprefix("http") == "://www.w3.org/ns/anno.jsonld":
        return {"contextUrl": None, "documentUrl": url, "document": ANNO}
    raise jsonld.JsonLdError(f"{url} is not bundled", "loading document failed")


def values(document: Any) -> int:
    """The scalar values of plain JSON (contexts aside)."""
    if isinstance(document, dict):
        return sum(values(v) for k, v in document.items() if k != "@context")
    if isinstance(document, list):
        return sum(values(v) for v in document)
    return 0 if document is None else 1


def expanded_values(node: Any) -> int:
    """The values of expanded JSON-LD: literals, node ids and node types."""
    if isinstance(node, dict):
        if "@value" in node:
            return 1
        total = 0
        for key, value in node.items():
            if key == "@id":
                total += 1
            elif key == "@type":
                total += len(value) if isinstance(value, list) else 1
            else:
                total += expanded_values(value)
        return total
    if isinstance(node, list):
        return sum(expanded_values(v) for v in node)
    return 0


def properties(node: Any) -> list[str]:
    """Every property IRI used in expanded JSON-LD."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if not key.startswith("@"):
                found.append(key)
            found += properties(value)
    elif isinstance(node, list):
        for value in node:
            found += properties(value)
    return found


def test_json_ld_expansion_keeps_every_value(collection) -> None:
    expanded = jsonld.expand(collection, {"documentLoader": offline})
    assert expanded_values(expanded) == values(collection) > 2000


def test_sorot_keys_land_in_sorot_namespace_and_on_no_w3c_term(collection) -> None:
    terms = set(ANNO["@context"])
    assert not terms & set(sorot_context()), "sorot's context redefines a W3C term"
    expanded = jsonld.expand(collection, {"documentLoader": offline})[0]
    articles = expanded[NAMESPACE + "articles"][0]["@list"]
    assert len(articles) == len(collection["sorot:articles"])
    for article in articles:
        assert article["@type"] == [NAMESPACE + "Article"]
        assert all(p.startswith(NAMESPACE) for p in properties(article))
    assert all(p.startswith(NAMESPACE) for p in properties(expanded[NAMESPACE + "set"]))
    # The article text is sorot:body, never the body of an annotation; PER is no @type.
    hasbody = "http://www.w3.org/ns/oa#hasBody"
    with_bodies = sum(1 for i in collection["first"]["items"] if "body" in i)
    assert properties(expanded).count(hasbody) == with_bodies
    assert "PER" not in json.dumps([n.get("@type") for n in _nodes(expanded)])


def _nodes(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        return [node, *(n for v in node.values() for n in _nodes(v))]
    if isinstance(node, list):
        return [n for v in node for n in _nodes(v)]
    return []


# -- entity corrections ------------------------------------------------------------------


@pytest.fixture(scope="module")
def corrected(tmp_path_factory, articles) -> dict[str, Any]:
    """A W3C export of an article with two entity corrections (a re-key and a rejection)."""
    from store.entities.corrections import make_correction
    from store.entities.model import Entity

    store = AnnotationStore(tmp_path_factory.mktemp("w3c-corrections") / "data")
    article = articles[0]
    start = article.body.index("Korea")
    old = Entity(start, start + 5, "Korea", "LOC", "Korea")
    made = [
        make_correction(
            article.id,
            article.body,
            article.sha256,
            start,
            start + 5,
            "rekey",
            annotator="rina",
            type="LOC",
            key="Korea Utara",
            scope="key",
            old=old,
        ),
        make_correction(
            article.id,
            article.body,
            article.sha256,
            start,
            start + 5,
            "reject",
            annotator="budi",
            old=old,
        ),
    ]
    for correction in made:
        store.save_correction(article.id, correction.to_dict(), article)
    out = io.StringIO()
    options = ExportOptions(corrections_for=store.corrections)
    export(select([article], store, corrected=lambda i: True), out, "w3c", options)
    return json.loads(out.getvalue())


def test_entity_corrections_are_annotations_meeting_all_54_musts(corrected) -> None:
    items = corrected["first"]["items"]
    assert [i["sorot:kind"] for i in items] == ["correction", "correction"]
    assert corrected["total"] == 2
    for item in items:
        assert failures("annotations/annotationMusts.test", item) == [], item["id"]
    rekey, reject = sorted(items, key=lambda i: i["motivation"], reverse=True)
    assert rekey["motivation"] == "identifying" and reject["motivation"] == "editing"
    assert [(b["purpose"], b["value"]) for b in rekey["body"]] == [
        ("classifying", "LOC"),
        ("identifying", "Korea Utara"),
    ]
    assert rekey["sorot:correction"]["sorot:scope"] == "key"
    expanded = jsonld.expand(corrected, {"documentLoader": offline})
    assert expanded_values(expanded) == values(corrected)

"""Exports checked against their definitions, and their offsets against the text.

The native JSON against its JSON Schema (jsonschema, draft 2020-12); W3C
against the Web Annotation Data Model's required structure; ClaimReview
against schema.org's; CSV read back with the csv module; JSON Lines line by
line. In every format that has offsets, ``body[start:end]`` is the quote.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from store.annotations.annotation import Annotation
from store.annotations.store import AnnotationStore
from store.entities.keys import pattern_matches
from store.exchange import (
    FORMATS,
    SCHEMA_PATH,
    ExportError,
    ExportOptions,
    atomic_output,
    count,
    export,
    select,
)
from store.exchange.csvfile import COLUMNS, restored
from store.news.article import Article
from store.query import Query, parse_query
from tests.export_fixtures import GONE_ID, URL, annotated_store, fake_entities, seed_articles

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
W3C_MOTIVATIONS = {
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
    "highlighting", "identifying", "linking", "moderating", "questioning", "replying", "tagging",
}  # fmt: skip


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return seed_articles()


@pytest.fixture
def store(tmp_path: Path, articles: list[Article]) -> AnnotationStore:
    annotated_store(tmp_path / "data", articles)
    return AnnotationStore(tmp_path / "data")


def run(
    articles: list[Article],
    store: AnnotationStore,
    fmt: str,
    query: Query | None = None,
    **options: Any,
) -> str:
    out = io.StringIO(newline="")
    options.setdefault("key_matcher", pattern_matches)
    items = select(
        articles,
        store,
        query,
        entities_for=options.get("entities_for"),
        key_matcher=pattern_matches,
    )
    export(items, out, fmt, ExportOptions(**options), query)
    return out.getvalue()


def bodies(articles: list[Article]) -> dict[str, str]:
    return {a.id: a.body for a in articles}


def assert_anchored(body: str, start: int, end: int, exact: str, prefix: str, suffix: str) -> None:
    assert body[start:end] == exact
    assert body[max(0, start - len(prefix)) : start] == prefix
    assert body[end : end + len(suffix)] == suffix


# -- native -----------------------------------------------------------------------------


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    return jsonschema.Draft202012Validator(schema, format_checker=checker)


@pytest.mark.parametrize("text", [False, True])
@pytest.mark.parametrize("entities", [False, True])
def test_native_export_is_valid_against_its_schema(
    articles: list[Article], store: AnnotationStore, text: bool, entities: bool
) -> None:
    finder = fake_entities if entities else None
    document = json.loads(run(articles, store, "json", with_text=text, entities_for=finder))
    errors = sorted(validator().iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert document["format"] == "sorot-export" and document["version"] == 2
    assert document["options"] == {"text": text, "entities": entities}
    assert document["totals"]["annotations"] == 11
    assert document["totals"]["missing_articles"] == 1
    assert all(("body" in a) is (text and a["in_corpus"]) for a in document["articles"])
    assert all(("entities" in a) is entities for a in document["articles"])


def test_the_schema_refuses_what_is_not_an_export(articles, store) -> None:
    document = json.loads(run(articles, store, "json"))
    check = validator()
    broken = json.loads(json.dumps(document))
    del broken["articles"][0]["annotations"][0]["selector"]["exact"]
    assert not check.is_valid(broken)
    broken = json.loads(json.dumps(document))
    broken["articles"][0]["annotations"][0]["kind"] = "comment"
    assert not check.is_valid(broken)
    broken = json.loads(json.dumps(document))
    del broken["articles"][0]["sha256"]  # an article of the corpus has all its metadata
    assert not check.is_valid(broken)


def test_native_export_offsets_point_at_the_quotes(articles, store) -> None:
    document = json.loads(run(articles, store, "json", with_text=True, entities_for=fake_entities))
    placed = 0
    for article in document["articles"]:
        for annotation in article["annotations"]:
            if not article["in_corpus"] or annotation["selector"] is None or annotation["orphaned"]:
                continue
            assert annotation["sha256"] == article["sha256"]
            assert_anchored(article["body"], **annotation["selector"])
            placed += 1
        for segment in article.get("segments", []):
            assert article["body"][segment["start"] : segment["end"]] == segment["text"]
        for entity in article.get("entities", []):
            assert article["body"][entity["start"] : entity["end"]] == entity["text"]
    assert placed == 8


def test_earlier_texts_are_placed_again_and_lost_passages_are_orphaned(articles, store) -> None:
    document = json.loads(run(articles, store, "json"))
    found = {a["id"]: a for art in document["articles"] for a in art["annotations"]}
    moved = next(a for a in found.values() if a["status"] == "mostly true")
    logic = articles[3]
    assert moved["sha256"] == logic.sha256 and not moved["orphaned"]
    assert logic.body[moved["selector"]["start"] : moved["selector"]["end"]] == (
        "hak Rusia untuk membela diri"
    )
    lost = next(a for a in found.values() if a["status"] == "checking")
    assert lost["orphaned"] and lost["selector"]["exact"].startswith("kalimat yang sudah")
    assert document["totals"]["orphaned"] == 1
    # The store itself is left as it was: an export never writes annotation files.
    stored = store.get(lost["article_id"], lost["id"])
    assert stored is not None and not stored.orphaned


def test_annotations_of_articles_not_in_the_corpus_are_still_exported(articles, store) -> None:
    document = json.loads(run(articles, store, "json"))
    gone = next(a for a in document["articles"] if a["id"] == GONE_ID)
    assert gone["in_corpus"] is False and len(gone["annotations"]) == 1
    assert "body" not in gone and "sha256" not in gone


def test_a_query_chooses_what_is_exported(articles, store) -> None:
    query = parse_query("kind:claim status:false,misleading")
    document = json.loads(run(articles, store, "json", query, set_name="palsu"))
    assert document["set"]["name"] == "palsu"
    assert document["set"]["query"] == "kind:claim status:false,misleading"
    statuses = [a["status"] for art in document["articles"] for a in art["annotations"]]
    assert sorted(statuses) == ["false", "false", "misleading"]
    assert len(document["articles"]) == 3  # articles without a matching annotation are left out
    by_key = parse_query("entity:andrey-belousov")
    items = list(
        select(articles, store, by_key, entities_for=fake_entities, key_matcher=pattern_matches)
    )
    named = {a.id for a in articles if any(e["key"] == "Andrey Belousov" for e in fake_entities(a))}
    assert {article.id for article, _ in items} == named & set(store.article_ids())
    for article, marks in items:  # every annotation of an article naming him
        assert len(marks) == len(store.annotations(article.id))


def test_an_entity_query_lists_every_article_with_its_entities(articles, store) -> None:
    query = parse_query("kind:entity entity:kim-jong-un")
    document = json.loads(run(articles, store, "json", query, entities_for=fake_entities))
    named = [a for a in articles if any(e["key"] == "Kim Jong Un" for e in fake_entities(a))]
    assert len(document["articles"]) == len(named)
    assert all(not a["annotations"] for a in document["articles"])
    keys = {e["key"] for a in document["articles"] for e in a["entities"]}
    assert keys == {"Kim Jong Un"}
    options = ExportOptions(entities_for=fake_entities, key_matcher=pattern_matches)
    items = select(articles, store, query, entities_for=fake_entities, key_matcher=pattern_matches)
    stats = count(items, options, query)
    assert stats.articles == len(named) and stats.total == 0 and stats.entities > 0


class CountingOut(io.StringIO):
    """Records how many items had been drawn when each write happened."""

    def __init__(self, drawn: list[int]) -> None:
        super().__init__(newline="")
        self.drawn, self.seen = drawn, []

    def write(self, text: str) -> int:
        self.seen.append(self.drawn[0])
        return super().write(text)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_writer_streams_as_it_reads(articles, store, fmt: str) -> None:
    drawn = [0]

    def items():
        for item in select(articles, store):
            drawn[0] += 1
            yield item

    out = CountingOut(drawn)
    export(items(), out, fmt)
    # Something was written before the last item was drawn: nothing waits for the whole set.
    assert min(out.seen) < drawn[0] - 1


# -- JSON Lines ---------------------------------------------------------------------------


def test_jsonl_is_one_annotation_a_line_with_its_article(articles, store) -> None:
    lines = run(articles, store, "jsonl", with_text=True, entities_for=fake_entities).splitlines()
    assert len(lines) == 11
    for line in map(json.loads, lines):
        assert line["article"]["id"] == line["article_id"]
        Annotation.from_dict(line)  # the annotation's own fields, as the store has them
        selector = line["selector"]
        if selector and not line["orphaned"] and line["article"]["in_corpus"]:
            assert_anchored(line["article"]["body"], **selector)
            for entity in line["entities"]:
                assert entity["start"] < selector["end"] and entity["end"] > selector["start"]


# -- W3C Web Annotation ---------------------------------------------------------------------


def check_w3c(document: dict[str, Any], texts: dict[str, str]) -> list[dict[str, Any]]:
    """The Web Annotation Data Model's required structure; returns the annotations."""
    context = document["@context"]
    assert context == "http://www.w3.org/ns/anno.jsonld" or (
        isinstance(context, list) and context[0] == "http://www.w3.org/ns/anno.jsonld"
    )
    assert document["type"] == "AnnotationCollection"
    assert document["id"].startswith("urn:uuid:")
    page = document["first"]
    assert page["type"] == "AnnotationPage" and page["startIndex"] == 0
    items = page["items"]
    assert document["total"] == len(items)
    for item in items:
        assert re.match(r"^urn:uuid:[0-9a-f-]{36}$", item["id"])
        assert item["type"] == "Annotation"
        assert item["motivation"] in W3C_MOTIVATIONS
        assert ISO.match(item["created"]) and ISO.match(item["modified"])
        assert item["creator"]["type"] == "Person" and isinstance(item["creator"]["name"], str)
        for body in item.get("body", []):
            assert body["type"] == "TextualBody" and isinstance(body["value"], str)
            assert body["purpose"] in W3C_MOTIVATIONS
        target = item["target"]
        assert re.match(r"^(https?://|urn:sorot:article:)", target["source"])
        selectors = {s["type"]: s for s in target.get("selector", [])}
        assert set(selectors) <= {"TextQuoteSelector", "TextPositionSelector"}
        if selectors:
            quote, position = selectors["TextQuoteSelector"], selectors["TextPositionSelector"]
            assert {"exact", "prefix", "suffix"} <= set(quote)
            assert all(isinstance(quote[k], str) for k in ("exact", "prefix", "suffix"))
            assert isinstance(position["start"], int) and isinstance(position["end"], int)
            assert 0 <= position["start"] <= position["end"]
            body = texts.get(target["sorot:article"])
            if body is not None and not item["sorot:orphaned"]:
                assert_anchored(body, position["start"], position["end"], **_quote(quote))
    return items


def _quote(selector: dict[str, Any]) -> dict[str, str]:
    return {k: selector[k] for k in ("exact", "prefix", "suffix")}


def test_w3c_export_has_the_web_annotation_structure(articles, store) -> None:
    document = json.loads(run(articles, store, "w3c", with_text=True, entities_for=fake_entities))
    items = check_w3c(document, bodies(articles))
    assert len(items) == 11
    motivations = {i["sorot:kind"]: i["motivation"] for i in items}
    assert motivations == {"claim": "assessing", "note": "commenting"}
    first = next(i for i in items if i["target"]["sorot:article"] == articles[0].id)
    assert first["target"]["source"] == URL
    other = next(i for i in items if i["target"]["sorot:article"] == articles[2].id)
    assert other["target"]["source"] == f"urn:sorot:article:{articles[2].id}"
    purposes = {b["purpose"]: b["value"] for b in items[0]["body"]}
    assert purposes["classifying"] == "factual" and purposes["assessing"] == "true"
    assert purposes["describing"] == "Kim Jong Un" and "commenting" in purposes
    assert [b["value"] for b in items[0]["body"] if b["purpose"] == "tagging"] == [
        "militer",
        "rusia",
    ]
    # Text and entities ride along with the articles, offsets into the same body.
    for article in document["sorot:articles"]:
        for entity in article.get("entities", []):
            assert article["body"][entity["start"] : entity["end"]] == entity["text"]


# -- CSV ----------------------------------------------------------------------------------


def read_csv(text: str) -> list[dict[str, str]]:
    """Rows as a spreadsheet user's script reads them: BOM off, every cell's escape undone."""
    assert text.startswith("\ufeff")
    rows = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    return [{k: restored(v) for k, v in row.items()} for row in rows]


def test_csv_reads_back_with_the_csv_module(articles, store) -> None:
    text = run(articles, store, "csv", with_text=True, entities_for=fake_entities)
    assert text.startswith("\ufeff" + ",".join(COLUMNS) + "\r\n")
    rows = read_csv(text)
    made = {a.id: a for a in store.all()}
    assert len(rows) == 11
    placed = 0
    for row in rows:
        annotation = made[row["annotation_id"]]
        assert row["kind"] == annotation.kind and row["annotator"] == annotation.annotator
        assert row["note"] == annotation.note  # line breaks and quotes survive
        assert json.loads(row["tags"]) == list(annotation.tags)
        assert row["status"] == (annotation.status or "")
        if row["start"] and row["orphaned"] == "false" and row["article_in_corpus"] == "true":
            start, end = int(row["start"]), int(row["end"])
            assert_anchored(
                row["article_text"], start, end, row["exact"], row["prefix"], row["suffix"]
            )
            placed += 1
        elif not row["start"]:
            assert annotation.selector is None and row["exact"] == ""
    assert placed == 8
    kim = next(r for r in rows if r["exact"].startswith("Kim Jong Un dan"))
    assert "Kim Jong Un (PER)" in json.loads(kim["entities"]) and kim["article_in_corpus"] == "true"
    assert next(r for r in rows if r["article_id"] == GONE_ID)["article_in_corpus"] == "false"


def test_csv_columns_are_the_same_whatever_the_options(articles, store) -> None:
    headers = set()
    for text in (False, True):
        for entities in (None, fake_entities):
            output = run(articles, store, "csv", with_text=text, entities_for=entities)
            headers.add(tuple(read_csv(output)[0]))
    assert headers == {COLUMNS}
    plain = read_csv(run(articles, store, "csv"))
    assert {r["entities"] for r in plain} == {""} and {r["article_text"] for r in plain} == {""}


def test_csv_without_bom_for_scripts(articles, store) -> None:
    assert run(articles, store, "csv", bom=False).startswith("annotation_id,")


def test_a_tag_with_a_semicolon_stays_one_tag(tmp_path: Path, articles) -> None:
    store = AnnotationStore(tmp_path / "data")
    article = articles[1]
    tags = ("a; b", "c, d", '"e"')
    store.save(Annotation(article.id, "note", None, article.sha256, "rina", tags=tags))
    (row,) = read_csv(run(articles, store, "csv"))
    assert json.loads(row["tags"]) == list(tags)


FORMULAS = ["=SUM(A1:A2)", "+62 812", "-10% tentara", "@cmd", "\tTab", "'quoted", "=1+1\n2"]


def test_cells_a_spreadsheet_would_run_are_neutralised_and_read_back(
    tmp_path: Path, articles
) -> None:
    store = AnnotationStore(tmp_path / "data")
    article = articles[1]
    for value in FORMULAS:
        store.save(
            Annotation(
                article.id, "claim", None, article.sha256, value, note=value, speaker=value,
                status=value, claim_type=value,
            )
        )  # fmt: skip
    text = run(articles, store, "csv")
    raw = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))[1:]
    risky = ("=", "+", "-", "@", "\t", "\r", "\n")
    for row in raw:
        assert not any(cell.startswith(risky) for cell in row), row
    rows = read_csv(text)
    assert sorted(r["note"] for r in rows) == sorted(FORMULAS)
    for row in rows:
        assert row["speaker"] == row["note"] == row["status"] == row["annotator"]


# -- output -------------------------------------------------------------------------------


def test_a_file_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    with atomic_output(target) as out:
        out.write("{}")
        assert not target.exists()  # nothing at the name until the export is complete
    assert target.read_text("utf-8") == "{}"
    with pytest.raises(ExportError, match="exists; use --force"):
        atomic_output(target).__enter__()
    with pytest.raises(RuntimeError), atomic_output(target, force=True) as out:
        out.write("half")
        raise RuntimeError("the export failed")
    assert target.read_text("utf-8") == "{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temp file left
    with atomic_output(target, force=True) as out:
        out.write("[]")
    assert target.read_text("utf-8") == "[]"
    with pytest.raises(ExportError, match="is a folder"):
        atomic_output(tmp_path).__enter__()
    with pytest.raises(ExportError, match="does not exist"):
        atomic_output(tmp_path / "no" / "such.json").__enter__()


def test_an_unknown_format_is_refused(articles, store) -> None:
    with pytest.raises(ExportError, match="not an export format"):
        export([], io.StringIO(), "xml")


def test_a_named_pipe_is_written_into_not_replaced(tmp_path: Path) -> None:
    import os
    import stat
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text("utf-8")))
    reader.start()
    with atomic_output(pipe) as out:  # no --force needed: nothing is replaced
        out.write("[1, 2]")
    reader.join(timeout=10)
    assert received == ["[1, 2]"] and stat.S_ISFIFO(pipe.stat().st_mode)


def test_the_export_measurement_runs_on_a_small_store(tmp_path: Path) -> None:
    from tests.bench_export import measure_export

    result = measure_export(tmp_path, 20, 150)
    assert result["annotations"] == result["exported"] == 150
    assert result["cli_status"] == 0 and result["bytes"] > 0
    assert result["peak_rss_mb"] > 0 and result["export_s"] >= 0

"""Import and merge: round trips through the native and W3C formats, and bad files."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from store.annotations.annotation import Annotation
from store.annotations.store import AnnotationStore
from store.exchange import ExportOptions, export, select
from store.exchange.importing import ImportFailed, decide, import_file
from store.news.article import Article
from tests.export_fixtures import annotated_store, seed_articles


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return seed_articles()


@pytest.fixture
def source(tmp_path: Path, articles: list[Article]) -> AnnotationStore:
    annotated_store(tmp_path / "source", articles)
    return AnnotationStore(tmp_path / "source")


def write_export(
    articles: list[Article], store: AnnotationStore, path: Path, fmt: str = "json"
) -> dict[str, Any]:
    out = io.StringIO()
    export(select(articles, store), out, fmt, ExportOptions(with_text=True))
    path.write_text(out.getvalue(), "utf-8")
    return json.loads(out.getvalue())


def native_annotations(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for art in document["articles"] for a in art["annotations"]]


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (lock files aside) and its bytes."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def test_native_round_trip_keeps_every_annotation_id_field_and_anchor(
    tmp_path: Path, articles: list[Article], source: AnnotationStore
) -> None:
    first = write_export(articles, source, tmp_path / "one.json")
    target = AnnotationStore(tmp_path / "target")
    report = import_file(tmp_path / "one.json", target)
    assert report.format == "sorot-export" and len(report.added) == 11 and report.total == 11
    assert not (report.replaced or report.unchanged or report.skipped_older or report.conflicts)
    second = write_export(articles, target, tmp_path / "two.json")
    assert native_annotations(second) == native_annotations(first)
    assert second["articles"] == first["articles"]


def test_w3c_round_trip_is_lossless(
    tmp_path: Path, articles: list[Article], source: AnnotationStore
) -> None:
    native = native_annotations(write_export(articles, source, tmp_path / "native.json"))
    first = write_export(articles, source, tmp_path / "one.jsonld", "w3c")
    target = AnnotationStore(tmp_path / "target")
    report = import_file(tmp_path / "one.jsonld", target)
    assert report.format == "w3c" and len(report.added) == 11
    imported = sorted((a.to_dict() for a in target.all()), key=lambda a: a["id"])
    assert imported == sorted(native, key=lambda a: a["id"])  # every field, W3C or not
    second = write_export(articles, target, tmp_path / "two.jsonld", "w3c")
    assert second["first"]["items"] == first["first"]["items"]
    assert second["sorot:articles"] == first["sorot:articles"]


def test_importing_twice_changes_nothing(
    tmp_path: Path, articles: list[Article], source: AnnotationStore
) -> None:
    write_export(articles, source, tmp_path / "one.json")
    write_export(articles, source, tmp_path / "one.jsonld", "w3c")
    target = AnnotationStore(tmp_path / "target")
    import_file(tmp_path / "one.json", target)
    before = snapshot(tmp_path / "target")
    for name in ("one.json", "one.jsonld"):
        again = import_file(tmp_path / name, AnnotationStore(tmp_path / "target"))
        assert len(again.unchanged) == 11 and not again.changed and not again.conflicts
    assert snapshot(tmp_path / "target") == before  # not a byte rewritten


def test_importing_the_source_into_itself_changes_nothing(
    tmp_path: Path, articles: list[Article], source: AnnotationStore
) -> None:
    # The export placed two annotations in the current text (one moved, one orphaned):
    # the same edit, anchored differently, is not a conflict.
    write_export(articles, source, tmp_path / "one.json")
    before = snapshot(tmp_path / "source")
    report = import_file(tmp_path / "one.json", source)
    assert len(report.unchanged) == 11 and not report.conflicts
    assert snapshot(tmp_path / "source") == before


def edited_file(path: Path, document: dict[str, Any], **changes: Any) -> str:
    """``document`` with its first annotation changed; returns that annotation's id."""
    edited = json.loads(json.dumps(document))
    annotation = edited["articles"][0]["annotations"][0]
    annotation.update(changes)
    path.write_text(json.dumps(edited), "utf-8")
    return annotation["id"]


def test_a_newer_version_replaces_and_an_older_one_is_skipped(
    tmp_path: Path, articles: list[Article], source: AnnotationStore
) -> None:
    document = write_export(articles, source, tmp_path / "one.json")
    newer = edited_file(
        tmp_path / "newer.json", document, note="Diperbarui.", updated="2099-01-01T00:00:00+00:00"
    )
    report = import_file(tmp_path / "newer.json", source)
    assert report.replaced == [newer] and len(report.unchanged) == 10
    stored = source.get(articles[0].id, newer)
    assert stored is not None and stored.note == "Diperbarui."
    older = edited_file(
        tmp_path / "older.json", document, note="Lama.", updated="2000-01-01T00:00:00+00:00"
    )
    report = import_file(tmp_path / "older.json", source)
    assert report.skipped_older == [older] and not report.changed
    assert source.get(articles[0].id, older).note == "Diperbarui."  # type: ignore[union-attr]


def test_a_different_version_at_the_same_time_is_a_reported_conflict(
    tmp_path: Path, articles: list[Article], source: AnnotationStore
) -> None:
    document = write_export(articles, source, tmp_path / "one.json")
    clash = edited_file(tmp_path / "clash.json", document, status="false")
    report = import_file(tmp_path / "clash.json", source)
    assert [c.id for c in report.conflicts] == [clash] and not report.changed
    assert report.conflicts[0].article_id == articles[0].id
    assert "in conflict" in report.summary()
    assert source.get(articles[0].id, clash).status == "true"  # type: ignore[union-attr]
    assert report.to_dict()["conflicts"][0]["id"] == clash


def test_an_id_held_on_another_article_is_a_conflict(
    tmp_path: Path, articles: list[Article], source: AnnotationStore
) -> None:
    document = write_export(articles, source, tmp_path / "one.json")
    moved = edited_file(tmp_path / "moved.json", document, article_id=articles[1].id)
    report = import_file(tmp_path / "moved.json", source)
    assert [c.id for c in report.conflicts] == [moved]
    assert source.get(articles[1].id, moved) is None


def test_decide_compares_update_times_not_their_spelling() -> None:
    base = Annotation("a-1", "note", None, "", "rina", note="x", created="2024-01-01T00:00:00Z")
    same_moment = replace(base, note="y", updated="2024-01-01T07:00:00+07:00")
    assert decide(base, same_moment) == "conflict"
    assert decide(base, replace(base, updated="2024-01-01T00:00:01Z")) == "replaced"
    assert decide(base, base) == "unchanged" and decide(None, base) == "added"


def test_w3c_from_another_tool_is_matched_to_articles_by_address(
    tmp_path: Path, articles: list[Article]
) -> None:
    body = articles[0].body
    start = body.index("Andrei Belousov")
    foreign = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://annotations.example/a/77",
        "type": "Annotation",
        "motivation": "commenting",
        "created": "2024-12-05T10:00:00Z",
        "creator": "https://people.example/rina",
        "bodyValue": "Nama ditulis Andrei di sini.",
        "target": {
            "source": articles[0].url,
            "selector": {"type": "TextQuoteSelector", "exact": "Andrei Belousov"},
        },
    }
    (tmp_path / "one.jsonld").write_text(json.dumps(foreign), "utf-8")
    store = AnnotationStore(tmp_path / "data")
    report = import_file(tmp_path / "one.jsonld", store, articles=articles)
    assert len(report.added) == 1
    (annotation,) = store.all()
    assert annotation.article_id == articles[0].id and annotation.kind == "note"
    assert annotation.selector is not None and annotation.selector.start == start
    assert annotation.note == "Nama ditulis Andrei di sini."
    assert annotation.annotator == "https://people.example/rina"
    again = import_file(tmp_path / "one.jsonld", store, articles=articles)
    assert len(again.unchanged) == 1  # the same id from the same foreign IRI
    alone = import_file(tmp_path / "one.jsonld", store)  # no corpus: nothing to match it to
    assert [r.line() for r in alone.refused] == [
        f"annotation 1: refused: targets {articles[0].url}: give the corpus it is in (--corpus)"
    ]


def test_jsonl_exports_import_too(
    tmp_path: Path, articles: list[Article], source: AnnotationStore
) -> None:
    out = io.StringIO()
    export(select(articles, source), out, "jsonl")
    (tmp_path / "one.jsonl").write_text(out.getvalue(), "utf-8")
    report = import_file(tmp_path / "one.jsonl", AnnotationStore(tmp_path / "target"))
    assert report.format == "sorot-jsonl" and len(report.added) == 11


BAD = {
    "empty.json": (b"", "is empty"),
    "spaces.json": (b"  \n", "is empty"),
    "text.json": (b"not json at all", "is not JSON"),
    "latin1.json": ('{"x": "caf\u00e9"}'.encode("latin-1"), "not UTF-8"),
    "binary.json": (bytes(range(256)), "not UTF-8"),
    "number.json": (b"42", "none of the formats sorot imports"),
    "other.json": (b'{"format": "zotero", "items": []}', "not a sorot export"),
    "future.json": (b'{"format": "sorot-export", "version": 9, "articles": []}', "newer"),
    "noarticles.json": (b'{"format": "sorot-export", "version": 1}', "no list of articles"),
    "broken.jsonl": (b"{oops\n[1,\n", "is not JSON"),
    "deep.json": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "fifo.json": (None, "not a regular file"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_are_one_sentence_and_import_nothing(tmp_path: Path, name: str) -> None:
    content, message = BAD[name]
    if content is None:
        import os

        os.mkfifo(tmp_path / name)  # reading it would wait for a writer forever
    else:
        (tmp_path / name).write_bytes(content)
    store = AnnotationStore(tmp_path / "data")
    with pytest.raises(ImportFailed, match=message) as error:
        import_file(tmp_path / name, store)
    assert "\n" not in str(error.value) and str(error.value).startswith(str(tmp_path / name))
    assert list(store.all()) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda a: a.pop("id"), "annotation 1 of article 5: refused: has no id"),
        (lambda a: a.pop("article_id"), "has no article id"),
        (lambda a: a.update(kind="highlight"), "is a claim or a note, not 'highlight'"),
        (lambda a: a["selector"].update(end=a["selector"]["end"] + 3), "do not span its quote"),
        (lambda a: a["selector"].pop("exact"), "has a quote that is not text"),
        (lambda a: a.update(tags="satu"), "tags that are not a list"),
        (lambda a: a.update(status={"x": 1}), "has a status that is not text"),
        (lambda a: a.update(speaker=[1]), "has a speaker that is not text"),
        (lambda a: a.update(claim_type=5), "has a claim type that is not text"),
        (lambda a: a.update(note="\ud800"), "text that is not valid Unicode"),
        (lambda a: a["selector"].update(start=True), "start offset that is not a whole number"),
    ],
)
def test_a_bad_annotation_is_refused_in_one_line_and_the_rest_imported(
    tmp_path: Path, articles: list[Article], source: AnnotationStore, change, message: str
) -> None:
    # Before, one bad annotation refused the whole file; now it is refused alone (#12, item 7).
    document = write_export(articles, source, tmp_path / "one.json")
    with_selector = next(
        i for i, art in enumerate(document["articles"]) if art["annotations"][0]["selector"]
    )
    late = document["articles"][4]["annotations"][0] if message.startswith("annotation 1") else None
    bad = late or document["articles"][with_selector]["annotations"][0]
    change(bad)
    (tmp_path / "bad.json").write_text(json.dumps(document), "utf-8")
    store = AnnotationStore(tmp_path / "target")
    report = import_file(tmp_path / "bad.json", store)
    (refused,) = report.refused
    assert message in refused.line() and "\n" not in refused.line()
    assert len(report.added) == 10 and len(list(store.all())) == 10
    # What was imported exports again without a crash.
    export(select(articles, store), io.StringIO(), "w3c", ExportOptions(with_text=True))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'"start": Infinity', "Infinity, NaN or too many digits"),
        (b'"start": NaN', "Infinity, NaN or too many digits"),
        (b'"start": ' + b"9" * 5000, "Infinity, NaN or too many digits"),
        (b'"start": 1e999', "Infinity, NaN or too many digits"),
        (b'"start": ' + b"[" * 40 + b"]" * 40, "start offset that is not a whole number"),
    ],
)
def test_hostile_numbers_and_nesting_refuse_one_record(
    tmp_path: Path, articles: list[Article], source: AnnotationStore, raw: bytes, message: str
) -> None:
    document = write_export(articles, source, tmp_path / "one.json")
    text = json.dumps(document).encode("utf-8")
    # The first selector's start, replaced by hand: json.dumps cannot write these.
    at = text.index(b'"selector": {"start": ') + len(b'"selector": {')
    end = text.index(b",", at)
    (tmp_path / "bad.json").write_bytes(text[:at] + raw + text[end:])
    store = AnnotationStore(tmp_path / "target")
    report = import_file(tmp_path / "bad.json", store)
    assert len(report.refused) == 1 and message in report.refused[0].detail
    assert len(report.added) == 10


def test_a_w3c_annotation_without_target_is_refused_alone(
    tmp_path: Path, articles: list[Article], source: AnnotationStore
) -> None:
    document = write_export(articles, source, tmp_path / "one.jsonld", "w3c")
    del document["first"]["items"][-1]["target"]
    (tmp_path / "bad.jsonld").write_text(json.dumps(document), "utf-8")
    store = AnnotationStore(tmp_path / "target")
    report = import_file(tmp_path / "bad.jsonld", store)
    assert [r.line() for r in report.refused] == ["annotation 11: refused: has no target"]
    assert len(list(store.all())) == 10
    with pytest.raises(ImportFailed, match="no such file"):
        import_file(tmp_path / "missing.json", store)
    with pytest.raises(ImportFailed, match="is a folder"):
        import_file(tmp_path, store)


def test_foreign_annotations_without_id_or_time_merge_on_a_second_import(
    tmp_path: Path, articles: list[Article]
) -> None:
    bare = {
        "type": "Annotation",
        "motivation": "assessing",
        "body": [{"type": "TextualBody", "value": "false", "purpose": "assessing"}],
        "target": {
            "source": f"urn:sorot:article:{articles[1].id}",
            "selector": [
                {"type": "TextQuoteSelector", "exact": "Kim Jong-un"},
                {"type": "TextPositionSelector", "start": 0, "end": 0},
            ],
        },
    }
    page = {"type": "AnnotationPage", "items": [bare]}
    (tmp_path / "bare.json").write_text(json.dumps(page), "utf-8")
    store = AnnotationStore(tmp_path / "data")
    alone = import_file(tmp_path / "bare.json", store)  # without the article it cannot be placed
    assert "names no article of the corpus" in alone.refused[0].detail and not alone.changed
    placed = import_file(tmp_path / "bare.json", store, articles=articles)
    assert len(placed.added) == 1
    assert "its offsets 0–0 pointed elsewhere; placed by its quote at" in placed.records[0].detail
    again = import_file(tmp_path / "bare.json", store, articles=articles)
    assert len(again.unchanged) == 1 and not again.changed
    (annotation,) = store.all()
    assert annotation.kind == "claim" and annotation.status == "false"
    assert annotation.selector is not None
    start, end = annotation.selector.start, annotation.selector.end
    assert articles[1].body[start:end] == "Kim Jong-un"


def test_w3c_carries_revision_and_last_editor(
    tmp_path: Path, articles: list[Article], source: AnnotationStore
) -> None:
    article = articles[0]
    first = source.annotations(article.id)[0]
    source.save(first.changed("budi", {"status": "false"}), article)
    write_export(articles, source, tmp_path / "one.jsonld", "w3c")
    target = AnnotationStore(tmp_path / "target")
    import_file(tmp_path / "one.jsonld", target)
    back = target.get(article.id, first.id)
    assert back is not None and back.revision == 2 and back.updated_by == "budi"
    assert back.status == "false"


def test_a_format_version_that_is_not_a_number_is_refused_in_one_line(tmp_path: Path) -> None:
    # Found by the fuzz test: the version was written into the sentence, line breaks and all.
    path = tmp_path / "import.json"
    path.write_text(
        json.dumps({"format": "sorot-export", "version": "2\n", "articles": []}), "utf-8"
    )
    with pytest.raises(ImportFailed) as error:
        import_file(path, AnnotationStore(tmp_path / "data"))
    said = str(error.value)
    assert "not a whole number" in said and "\n" not in said

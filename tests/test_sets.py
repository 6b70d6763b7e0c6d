"""Annotated sets: what each filter takes, and the saved sets in ``sets.json``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.annotations.annotation import Annotation, Selector
from store.files.jsonfile import StoreError
from store.query.sets import AnnotationSet, SetStore, parse_when

BODY = "Kim Jong Un berkata Rusia mengirim 10.000 tentara ke Kursk pada 2024."


def claim(**fields) -> Annotation:
    values = dict(
        article_id="berita-satu-12345678",
        kind="claim",
        selector=Selector.from_body(BODY, 20, 41),
        sha256="a" * 64,
        annotator="rina",
        claim_type="statistic",
        status="false",
        speaker="Kim Jong Un",
        tags=("militer", "Angka"),
        created="2024-12-01T10:00:00+00:00",
    )
    values.update(fields)
    return Annotation(**values)


def test_an_empty_set_takes_every_annotation() -> None:
    everything = AnnotationSet()
    assert everything.is_everything and everything.describe() == "everything"
    assert everything.matches(claim())
    assert everything.matches(claim(kind="note", status=None, selector=None))
    assert everything.annotation_kinds == {"claim", "note"}
    assert everything.takes_entities and not everything.lists_all_articles


@pytest.mark.parametrize(
    ("aset", "taken"),
    [
        (AnnotationSet(kinds=("claim",)), True),
        (AnnotationSet(kinds=("note",)), False),
        (AnnotationSet(kinds=("entity",)), False),
        (AnnotationSet(claim_types=("Statistic",)), True),
        (AnnotationSet(claim_types=("quote",)), False),
        (AnnotationSet(statuses=("true", "FALSE")), True),
        (AnnotationSet(statuses=("unverified",)), False),
        (AnnotationSet(tags=("angka",)), True),
        (AnnotationSet(tags=("ekonomi",)), False),
        (AnnotationSet(speakers=("kim jong un",)), True),
        (AnnotationSet(speakers=("Putin",)), False),
        (AnnotationSet(annotators=("rina", "budi")), True),
        (AnnotationSet(annotators=("budi",)), False),
        (AnnotationSet(articles=("berita-satu",)), True),
        (AnnotationSet(articles=("berita-dua",)), False),
        (AnnotationSet(since="2024-12-01"), True),
        (AnnotationSet(since="2024-12-02"), False),
        (AnnotationSet(until="2024-12-01"), True),
        (AnnotationSet(until="2024-11-30T23:59:59Z"), False),
        (AnnotationSet(since="2024-12-01T09:00", until="2024-12-01T11:00"), True),
        (AnnotationSet(orphaned=False), True),
        (AnnotationSet(orphaned=True), False),
        (AnnotationSet(entity_keys=("Kim Jong Un",)), True),
        (AnnotationSet(entity_keys=("Rusia",)), False),
        (AnnotationSet(kinds=("claim",), statuses=("false",), tags=("ekonomi",)), False),
    ],
)
def test_each_filter_takes_or_leaves_a_claim(aset: AnnotationSet, taken: bool) -> None:
    assert aset.matches(claim()) is taken


def test_a_claim_without_status_counts_as_unverified() -> None:
    assert AnnotationSet(statuses=("unverified",)).matches(claim(status=None))
    note = claim(kind="note", status=None, claim_type=None)
    assert not AnnotationSet(statuses=("unverified",)).matches(note)


def test_entity_keys_match_entities_inside_the_passage() -> None:
    rusia = {"start": 20, "end": 25, "text": "Rusia", "type": "LOC", "key": "Rusia"}
    kursk = {"start": 53, "end": 58, "text": "Kursk", "type": "LOC", "key": "Kursk"}
    aset = AnnotationSet(entity_keys=("rusia",))
    assert aset.matches(claim(speaker=None), entities=[rusia, kursk])
    assert not AnnotationSet(entity_keys=("Kursk",)).matches(claim(speaker=None), entities=[kursk])
    assert aset.takes_entity(rusia) and not aset.takes_entity(kursk)
    assert not aset.matches(claim(speaker=None, orphaned=True), entities=[rusia])


def test_the_entity_kind_lists_articles_and_takes_no_annotation() -> None:
    entities_only = AnnotationSet(kinds=("entity",))
    assert entities_only.lists_all_articles and entities_only.takes_entities
    assert entities_only.annotation_kinds == frozenset()
    both = AnnotationSet(kinds=("claim", "entity"))
    assert both.annotation_kinds == {"claim"} and both.takes_entities
    assert not AnnotationSet(kinds=("claim",)).takes_entities


def test_bad_filters_are_refused_in_one_sentence() -> None:
    with pytest.raises(ValueError, match="not a kind"):
        AnnotationSet(kinds=("claims",))
    with pytest.raises(ValueError, match="not a date"):
        AnnotationSet(since="kemarin")
    with pytest.raises(ValueError, match="empty"):
        AnnotationSet(since="2024-12-02", until="2024-12-01")
    with pytest.raises(ValueError, match="list"):
        AnnotationSet(tags="militer")  # type: ignore[arg-type]


def test_parse_when_reads_dates_and_times() -> None:
    assert parse_when("2024-12-01").isoformat() == "2024-12-01T00:00:00+00:00"
    end = parse_when("2024-12-01", end_of_day=True)
    assert end.isoformat() == "2024-12-01T23:59:59.999999+00:00"
    assert parse_when("2024-12-01T10:00:00+07:00").utcoffset().total_seconds() == 7 * 3600


def test_a_set_round_trips_through_its_dict() -> None:
    aset = AnnotationSet(
        "palsu",
        articles=("a-1",),
        kinds=("claim", "entity"),
        statuses=("false", "mostly true"),
        tags=("x",),
        speakers=("Kim",),
        entity_keys=("Rusia",),
        annotators=("rina",),
        since="2024-01-01",
        until="2024-12-31",
        orphaned=False,
    )
    data = json.loads(json.dumps(aset.to_dict()))
    assert AnnotationSet.from_dict(data) == aset
    assert "status: false, mostly true" in aset.describe()
    assert AnnotationSet.from_dict({"name": "x", "from_the_future": 1}) == AnnotationSet("x")
    with pytest.raises(ValueError):
        AnnotationSet.from_dict({"tags": "x"})


def test_the_set_store_saves_lists_renames_and_deletes(tmp_path: Path) -> None:
    sets = SetStore(tmp_path)
    assert sets.list() == []
    sets.save(AnnotationSet("palsu", statuses=("false",)))
    sets.save(AnnotationSet("Catatan", kinds=("note",)))
    assert [s.name for s in sets.list()] == ["Catatan", "palsu"]
    assert SetStore(tmp_path).get("palsu").statuses == ("false",)  # another process sees it
    sets.save(AnnotationSet("palsu", statuses=("false", "misleading")))  # replaced
    assert sets.get("palsu").statuses == ("false", "misleading")
    renamed = sets.rename("palsu", "keliru")
    assert renamed.name == "keliru" and sets.names() == ["Catatan", "keliru"]
    sets.delete("Catatan")
    assert sets.names() == ["keliru"]
    stored = json.loads((tmp_path / "sets.json").read_text("utf-8"))
    assert stored["version"] == 1 and "keliru" in stored["sets"]


def test_unknown_and_bad_names_are_one_plain_sentence(tmp_path: Path) -> None:
    sets = SetStore(tmp_path)
    sets.save(AnnotationSet("palsu"))
    for action in (lambda: sets.get("tidak-ada"), lambda: sets.delete("tidak-ada")):
        with pytest.raises(StoreError) as error:
            action()
        message = str(error.value)
        assert message == "there is no set named 'tidak-ada' (the sets are: palsu)"
    with pytest.raises(StoreError, match="already a set"):
        sets.save(AnnotationSet("lain"))
        sets.rename("lain", "palsu")
    with pytest.raises(StoreError, match="needs a name"):
        sets.save(AnnotationSet("  "))
    with pytest.raises(StoreError, match="printable"):
        sets.save(AnnotationSet("a\x1b[2Jb"))
    assert SetStore(tmp_path / "empty").names() == []
    with pytest.raises(StoreError, match="no set is saved yet"):
        SetStore(tmp_path / "empty").get("x")


def test_a_damaged_sets_file_is_reported_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "sets.json").write_text("{not json", "utf-8")
    sets = SetStore(tmp_path)
    with pytest.raises(StoreError, match="unreadable"):
        sets.list()
    with pytest.raises(StoreError):
        sets.save(AnnotationSet("x"))
    assert (tmp_path / "sets.json").read_text("utf-8") == "{not json"
    (tmp_path / "sets.json").write_text('{"sets": {"x": {"tags": "oops"}}}', "utf-8")
    with pytest.raises(StoreError, match="damaged"):
        sets.get("x")
    (tmp_path / "sets.json").write_text('{"version": 99, "sets": {}}', "utf-8")
    with pytest.raises(StoreError, match="newer sorot"):
        sets.list()

"""The query language: what each word takes, how it reads and fails, and saved sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.annotations.annotation import Annotation, Selector
from store.files.jsonfile import StoreError
from store.query import Query, QueryError, SetStore, Vocabulary, parse_query, parse_when

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
        speaker="Kim Jong-un",
        tags=("militer", "Angka"),
        created="2024-12-01T10:00:00+00:00",
    )
    values.update(fields)
    return Annotation(**values)


def test_an_empty_query_takes_every_annotation() -> None:
    everything = parse_query("")
    assert everything == Query() and everything.is_everything
    assert everything.describe() == "everything"
    assert everything.takes(claim())
    assert everything.takes(claim(kind="note", status=None, selector=None))
    assert everything.annotation_kinds == {"claim", "note"}
    assert everything.takes_entities and not everything.lists_all_articles


@pytest.mark.parametrize(
    ("words", "taken"),
    [
        ("kind:claim", True),
        ("kind:claims", True),
        ("kind:note", False),
        ("kind:entity", False),
        ("type:Statistic", True),
        ("type:quote", False),
        ("status:true,FALSE", True),
        ("status:true status:false", True),
        ("status:unverified", False),
        ("tag:angka", True),
        ("tag:ekonomi", False),
        ("speaker:kim-jong-un", True),
        ('speaker:"kim jong un"', True),
        ("speaker:Putin", False),
        ("annotator:rina,budi", True),
        ("annotator:budi", False),
        ("since:2024-12-01", True),
        ("since:2024-12-02", False),
        ("until:2024-12-01", True),
        ("until:2024-11-30T23:59:59Z", False),
        ("since:2024-12-01T09:00 until:2024-12-01T11:00", True),
        ("orphaned:no", True),
        ("orphaned:yes", False),
        ("kind:claim status:false tag:ekonomi", False),
    ],
)
def test_each_annotation_word_takes_or_leaves_a_claim(words: str, taken: bool) -> None:
    query = parse_query(words)
    assert query.annotation_words or query.kinds == ("entity",)
    assert query.takes(claim()) is taken


def test_a_claim_without_status_counts_as_the_first_status() -> None:
    assert parse_query("status:unverified").takes(claim(status=None))
    note = claim(kind="note", status=None, claim_type=None)
    assert not parse_query("status:unverified").takes(note)
    team = Vocabulary(statuses=("open", "done"), claim_types=("fact",))
    assert parse_query("status:open", team).takes(claim(status=None))


def test_article_words_narrow_articles_and_choose_no_annotation() -> None:
    query = parse_query('has:claims no:notes entity:kim-jong-un article:berita tentara "kim jong"')
    assert query.article_words and not query.annotation_words
    assert query.words == ("tentara", "kim jong")
    assert query.has == ("claim",) and query.lacks == ("note",)
    assert query.entities == (("kim-jong-un",),)
    assert query.takes_article_id("berita-satu-1") and not query.takes_article_id("lain-1")
    assert query.takes_fields("Kim Jong-un dan tentara") and not query.takes_fields("Kim")
    assert query.takes_fields("Berita", body="Tentara Kim Jong Un tiba."), "the body counts"
    one = claim()
    assert query.choose([one]) == [one]
    assert query.choose([one, claim(kind="note", status=None)]) is None  # no:notes


def test_annotation_words_drop_articles_without_a_chosen_annotation() -> None:
    query = parse_query("status:true")
    assert query.needs_annotated
    assert query.choose([claim()]) is None
    true = claim(status="true")
    assert query.choose([claim(), true]) == [true]
    entities = parse_query("kind:entity")
    assert entities.lists_all_articles and entities.choose([]) == []


def test_entity_words_need_every_group_and_any_key_in_a_group() -> None:
    query = parse_query("entity:kim entity:putin,belousov")

    def matcher(pattern: str, key: str) -> bool:
        return key.casefold().startswith(pattern)

    assert query.takes_keys(["Kim Jong Un", "Belousov"], matcher)
    assert not query.takes_keys(["Kim Jong Un"], matcher)
    assert query.takes_entity({"key": "Putin"}, matcher)
    assert not query.takes_entity({"key": "Rusia"}, matcher)


def test_the_entity_kind_lists_articles_and_takes_no_annotation() -> None:
    entities_only = parse_query("kind:entity")
    assert entities_only.lists_all_articles and entities_only.takes_entities
    assert entities_only.annotation_kinds == frozenset()
    both = parse_query("kind:claim,entity")
    assert both.annotation_kinds == {"claim"} and both.takes_entities
    assert not parse_query("kind:claim").takes_entities


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("status:unverifed", "status:unverifed is not a status; the statuses are unverified, "),
        ("kind:claimz", "kind:claimz is not a kind; the kinds are claim, note, entity"),
        ("type:fakta", "type:fakta is not a claim type; the types are factual, "),
        ("stauts:false", "stauts: is not a filter word; the words are "),
        ("status:", "status: needs a value (a claim status)"),
        ("has:tags", "has:tags is not something an article holds"),
        ("since:kemarin", "'kemarin' is not a date"),
        ("since:2024-12-02 until:2024-12-01", "the date range 2024-12-02 .. 2024-12-01 is empty"),
        ("orphaned:maybe", "say orphaned:yes or orphaned:no"),
    ],
)
def test_a_word_that_cannot_be_read_is_one_sentence_naming_what_it_takes(
    words: str, message: str
) -> None:
    with pytest.raises(QueryError) as error:
        parse_query(words)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_free_words_with_colons_that_are_no_field_stay_words() -> None:
    assert parse_query("14:11 WIB").words == ("14:11", "wib")
    assert parse_query('"status:false"').words == ("status:false",)


@pytest.mark.parametrize(
    "words",
    [
        "status:false",
        'status:"mostly true",false speaker:"Kim Jong Un" tentara',
        "has:claims no:notes entity:kim-jong-un entity:putin,belousov",
        "kind:claim since:2024-01-01 until:2024-12-31 orphaned:no article:abc",
        'tag:"a, b" "kim jong"',
    ],
)
def test_a_query_reads_back_from_its_own_words(words: str) -> None:
    query = parse_query(words)
    assert parse_query(str(query)) == query
    data = json.loads(json.dumps(query.to_dict()))
    assert data["query"] == str(query)


def test_narrowing_replaces_annotation_fields_and_adds_article_words() -> None:
    saved = parse_query("kind:claim status:false tentara")
    narrowed = saved.narrowed(parse_query("status:misleading annotator:sari rusia"))
    assert narrowed.statuses == ("misleading",) and narrowed.kinds == ("claim",)
    assert narrowed.annotators == ("sari",) and narrowed.words == ("tentara", "rusia")


def test_parse_when_reads_dates_and_times() -> None:
    assert parse_when("2024-12-01").isoformat() == "2024-12-01T00:00:00+00:00"
    end = parse_when("2024-12-01", end_of_day=True)
    assert end.isoformat() == "2024-12-01T23:59:59.999999+00:00"
    assert parse_when("2024-12-01T10:00:00+07:00").utcoffset().total_seconds() == 7 * 3600


# -- saved sets ---------------------------------------------------------------------------


def test_the_set_store_saves_lists_renames_and_deletes(tmp_path: Path) -> None:
    sets = SetStore(tmp_path)
    assert sets.list() == []
    sets.save("palsu", parse_query("status:false"))
    sets.save("Catatan", parse_query("kind:note"))
    assert [s.name for s in sets.list()] == ["Catatan", "palsu"]
    assert SetStore(tmp_path).get("palsu").query.statuses == ("false",)  # another process
    sets.save("palsu", parse_query("status:false,misleading"))  # replaced
    assert sets.get("palsu").query.statuses == ("false", "misleading")
    renamed = sets.rename("palsu", "keliru")
    assert renamed.name == "keliru" and sets.names() == ["Catatan", "keliru"]
    sets.delete("Catatan")
    assert sets.names() == ["keliru"]
    stored = json.loads((tmp_path / "sets.json").read_text("utf-8"))
    assert stored == {"version": 2, "sets": {"keliru": {"query": "status:false,misleading"}}}


def test_a_version_1_sets_file_reads_as_the_same_queries(tmp_path: Path) -> None:
    old = {
        "version": 1,
        "sets": {
            "palsu": {
                "articles": ["a-1"],
                "kinds": ["claim"],
                "claim_types": [],
                "statuses": ["false", "mostly true"],
                "tags": [],
                "speakers": ["Kim Jong Un"],
                "entity_keys": ["Rusia"],
                "annotators": [],
                "since": "2024-01-01",
                "until": None,
                "orphaned": False,
            }
        },
    }
    (tmp_path / "sets.json").write_text(json.dumps(old), "utf-8")
    sets = SetStore(tmp_path)
    query = sets.get("palsu").query
    assert query == parse_query(
        'article:a-1 kind:claim status:false,"mostly true" speaker:"Kim Jong Un" '
        "entity:Rusia since:2024-01-01 orphaned:no"
    )
    sets.save("lain", parse_query("kind:note"))  # the next change writes version 2
    stored = json.loads((tmp_path / "sets.json").read_text("utf-8"))
    assert stored["version"] == 2
    assert parse_query(stored["sets"]["palsu"]["query"]) == query


def test_unknown_and_bad_names_are_one_plain_sentence(tmp_path: Path) -> None:
    sets = SetStore(tmp_path)
    sets.save("palsu", Query())
    for action in (lambda: sets.get("tidak-ada"), lambda: sets.delete("tidak-ada")):
        with pytest.raises(StoreError) as error:
            action()
        message = str(error.value)
        assert message == "there is no set named 'tidak-ada' (the sets are: palsu)"
    with pytest.raises(StoreError, match="already a set"):
        sets.save("lain", Query())
        sets.rename("lain", "palsu")
    with pytest.raises(StoreError, match="needs a name"):
        sets.save("  ", Query())
    with pytest.raises(StoreError, match="printable"):
        sets.save("a\x1b[2Jb", Query())
    assert SetStore(tmp_path / "empty").names() == []
    with pytest.raises(StoreError, match="no set is saved yet"):
        SetStore(tmp_path / "empty").get("x")


def test_a_damaged_sets_file_is_reported_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "sets.json").write_text("{not json", "utf-8")
    sets = SetStore(tmp_path)
    with pytest.raises(StoreError, match="unreadable"):
        sets.list()
    with pytest.raises(StoreError):
        sets.save("x", Query())
    assert (tmp_path / "sets.json").read_text("utf-8") == "{not json"
    (tmp_path / "sets.json").write_text('{"sets": {"x": {"tags": "oops"}}}', "utf-8")
    with pytest.raises(StoreError, match="damaged"):
        sets.get("x")
    (tmp_path / "sets.json").write_text('{"sets": {"x": {"query": "status:bogus"}}}', "utf-8")
    with pytest.raises(StoreError, match=r"damaged.*not a status"):
        sets.get("x")
    (tmp_path / "sets.json").write_text('{"version": 99, "sets": {}}', "utf-8")
    with pytest.raises(StoreError, match="newer sorot"):
        sets.list()

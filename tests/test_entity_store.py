"""Entity corrections, the recogniser's cache and the corpus index, headless.

The texts are written here (tests never read ``../shared``); the recogniser is
replaced by a counting fake where only the bookkeeping is under test.
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

import store.entities.cache as cache_module
import store.entities.recognise as recognise_module
from store.annotations.annotation import Annotation, Selector
from store.annotations.store import AnnotationStore
from store.entities.cache import EntityCache, recogniser_signature
from store.entities.corrections import (
    Correction,
    anchor,
    apply_corrections,
    make_correction,
    occurrences,
    parse_corrections,
)
from store.entities.index import EntityIndex, build_index, load_summary
from store.entities.model import Entity
from store.entities.service import EntityService
from store.library.catalog import Catalog
from store.news.article import Article, Segment
from store.query import parse_query

BODY = (
    "Presiden Vladimir Putin bertemu Kim Jong Un di Pyongyang. "
    "Putin tiba pada Jumat (29/11) bersama Andrei Belousov dari Kementerian Pertahanan."
)


def article(body: str = BODY, title: str = "Putin di Pyongyang") -> Article:
    return Article(title=title, body=body, segments=(Segment(0, len(body), "paragraph"),))


def span(body: str, text: str, kind: str, key: str | None = None, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return Entity(start, start + len(text), text, kind, key or text)


def auto(body: str = BODY) -> list[Entity]:
    """What a recogniser might say about ``BODY`` (with two mistakes); what is in ``body``."""
    said = [
        ("Vladimir Putin", "PER", None, 0),
        ("Kim Jong Un", "PER", None, 0),
        ("Pyongyang", "ORG", None, 0),  # wrong type
        ("Putin", "PER", "Vladimir Putin", 1),
        ("Jumat (29/11)", "DATE", None, 0),
        ("Andrei Belousov", "PER", None, 0),
        ("Kementerian", "ORG", None, 0),  # too short
    ]
    return [
        span(body, text, kind, key, nth) for text, kind, key, nth in said if body.count(text) > nth
    ]


def correction(body: str, text: str, action: str, created: str, nth: int = 0, **kw) -> Correction:
    found = span(body, text, kw.pop("old_type", "PER"), kw.pop("old_key", None), nth)
    kw.setdefault("annotator", "rina")
    old = kw.pop("old", None)
    made = make_correction("a-1", body, "sha", found.start, found.end, action, old=old, **kw)
    return Correction.from_dict({**made.to_dict(), "created": created})


def shown(entities: list[Entity]) -> list[tuple[str, str, str, str]]:
    return [(e.text, e.type, e.key, e.origin) for e in entities]


# --- applying corrections -----------------------------------------------------------------


def test_without_corrections_the_recogniser_stands() -> None:
    assert apply_corrections(auto(), [], BODY) == auto()


def test_a_retyped_entity_takes_the_users_type_and_origin() -> None:
    old = span(BODY, "Pyongyang", "ORG")
    fix = correction(BODY, "Pyongyang", "retype", "1", type="LOC", key="Pyongyang", old=old)
    result = apply_corrections(auto(), [fix], BODY)
    assert ("Pyongyang", "LOC", "Pyongyang", "user") in shown(result)
    assert ("Pyongyang", "ORG", "Pyongyang", "auto") not in shown(result)
    assert len(result) == len(auto())


def test_a_rejected_span_disappears_and_nothing_else_does() -> None:
    old = span(BODY, "Kim Jong Un", "PER")
    fix = correction(BODY, "Kim Jong Un", "reject", "1", old=old)
    result = apply_corrections(auto(), [fix], BODY)
    assert "Kim Jong Un" not in [e.text for e in result]
    assert len(result) == len(auto()) - 1


def test_an_added_span_wins_over_the_recognised_spans_it_overlaps() -> None:
    fix = correction(
        BODY, "Kementerian Pertahanan", "add", "1", type="ORG", key="Kementerian Pertahanan"
    )
    result = apply_corrections(auto(), [fix], BODY)
    assert ("Kementerian Pertahanan", "ORG", "Kementerian Pertahanan", "user") in shown(result)
    assert "Kementerian" not in [e.text for e in result]
    starts = [(e.start, e.end) for e in result]
    assert starts == sorted(starts)
    assert all(a[1] <= b[0] for a, b in pairwise(starts)), "no overlaps"


def test_a_changed_key_is_kept_and_an_empty_key_defaults_to_the_texts_key() -> None:
    old = span(BODY, "Andrei Belousov", "PER")
    fix = correction(BODY, "Andrei Belousov", "rekey", "1", type="PER", key="Belousov", old=old)
    assert ("Andrei Belousov", "PER", "Belousov", "user") in shown(
        apply_corrections(auto(), [fix], BODY)
    )
    added = make_correction("a", BODY, "s", 9, 23, "add", annotator="x", type="PER", key=" ")
    assert added.key == "Vladimir Putin"


def test_the_later_correction_wins_over_an_earlier_one_on_the_same_span() -> None:
    old = span(BODY, "Kim Jong Un", "PER")
    reject = correction(BODY, "Kim Jong Un", "reject", "1", old=old)
    re_add = correction(BODY, "Kim Jong Un", "add", "2", type="PER", key="Kim Jong Un")
    assert "Kim Jong Un" in [e.text for e in apply_corrections(auto(), [re_add, reject], BODY)]
    later_reject = correction(BODY, "Kim Jong Un", "reject", "3", old=old)
    result = apply_corrections(auto(), [reject, re_add, later_reject], BODY)
    assert "Kim Jong Un" not in [e.text for e in result]


def test_a_correction_for_every_mention_of_a_key_reaches_them_all() -> None:
    old = span(BODY, "Putin", "PER", "Vladimir Putin", nth=1)
    every = correction(
        BODY,
        "Putin",
        "rekey",
        "1",
        nth=1,
        type="PER",
        key="Putin, Vladimir",
        scope="key",
        old=old,
    )
    result = apply_corrections(auto(), [every], BODY)
    assert [e.key for e in result if "Putin" in e.text] == ["Putin, Vladimir"] * 2
    reject_all = correction(BODY, "Putin", "reject", "2", nth=1, scope="key", old=old)
    result = apply_corrections(auto(), [reject_all], BODY)
    assert not [e for e in result if "Putin" in e.text]


def test_a_new_entity_marked_for_every_occurrence_reaches_each_whole_word() -> None:
    body = "Rosoboronexport menjual senjata. Rosoboronexportnya? Bukan. Kata Rosoboronexport, ya."
    everywhere = correction(body, "Rosoboronexport", "add", "1", type="ORG", scope="text")
    assert everywhere.scope == "text"
    result = apply_corrections([], [everywhere], body)
    assert [(e.start, e.text, e.type, e.origin) for e in result] == [
        (0, "Rosoboronexport", "ORG", "user"),
        (body.rindex("Rosoboronexport"), "Rosoboronexport", "ORG", "user"),
    ], "not inside another word"
    assert occurrences(body, "Rosoboronexport") == [(e.start, e.end) for e in result]
    # a later correction on one of them wins there only
    one = correction(body, "Rosoboronexport", "reject", "2", nth=2, old=result[1])
    assert [e.start for e in apply_corrections([], [everywhere, one], body)] == [0]


def test_every_occurrence_is_for_new_entities_only() -> None:
    old = span(BODY, "Putin", "PER", "Vladimir Putin", nth=1)
    retyped = correction(BODY, "Putin", "retype", "1", nth=1, type="ORG", scope="text", old=old)
    assert retyped.scope == "mention", "a known entity reaches its other mentions by its key"
    rejected = correction(BODY, "Putin", "reject", "1", scope="text")
    assert rejected.scope == "mention"


def test_corrections_follow_the_text_when_it_is_rescraped() -> None:
    old = span(BODY, "Pyongyang", "ORG")
    fix = correction(BODY, "Pyongyang", "retype", "1", type="LOC", key="Pyongyang", old=old)
    edited = "KOMPAS.TV - " + BODY.replace("bertemu", "menemui")
    moved = anchor(fix, edited)
    assert moved is not None and edited[moved[0] : moved[1]] == "Pyongyang"
    result = apply_corrections(auto(edited), [fix], edited)
    assert ("Pyongyang", "LOC", "Pyongyang", "user") in shown(result)
    gone = "Presiden Vladimir Putin bertemu Kim Jong Un. Semua berakhir."
    assert anchor(fix, gone) is None, "a span no longer there is not placed anywhere"
    assert apply_corrections(auto(gone)[:2], [fix], gone) == auto(gone)[:2]


def test_a_correction_round_trips_and_bad_ones_are_refused_or_skipped() -> None:
    fix = correction(BODY, "Pyongyang", "add", "1", type="LOC", key="Pyongyang")
    assert Correction.from_dict(json.loads(json.dumps(fix.to_dict()))) == fix
    with pytest.raises(ValueError):
        Correction("a", "rename", Selector(0, 1, "P"), "s", "x", type="PER")
    with pytest.raises(ValueError):
        Correction("a", "add", Selector(0, 1, "P"), "s", "x", type="PERSON")
    with pytest.raises(ValueError):
        make_correction("a", BODY, "s", 8, 9, "add", annotator="x", type="PER")  # a space
    assert parse_corrections([{"id": "x"}, fix.to_dict()]) == [fix]


# --- stored with the annotations ----------------------------------------------------------


def test_corrections_live_beside_the_annotations_in_the_articles_file(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path)
    art = article()
    assert store.corrections(art.id) == [], "a file without corrections has none"
    claim = Annotation(art.id, "claim", Selector.from_body(BODY, 0, 23), art.sha256, "rina")
    store.save(claim, art)
    service = EntityService(tmp_path, store)
    made = service.correct(art, 47, 56, "add", annotator="rina", type="LOC", key="Pyongyang")
    data = json.loads(store.path_for(art.id).read_text("utf-8"))
    assert set(data) >= {"annotations", "corrections", "meta"}
    stored = data["corrections"][made.id]
    assert stored["selector"]["exact"] == "Pyongyang"
    assert {"id", "annotator", "created", "type", "key", "action"} <= set(stored)
    assert store.annotations(art.id) == [claim], "the claims are untouched"
    assert store.counts(art.id) == Counter({"claim": 1, "claim:unverified": 1})
    assert store.delete_correction(art.id, made.id) is True
    assert store.delete_correction(art.id, made.id) is False
    assert store.corrections(art.id) == []


def test_the_service_applies_stored_corrections_and_reverts_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recognise_module, "recognise_article", lambda a: auto(a.body))
    service = EntityService(tmp_path, AnnotationStore(tmp_path))
    art = article()
    old = span(BODY, "Pyongyang", "ORG")
    service.correct(
        art, old.start, old.end, "retype", annotator="rina", type="LOC", key="Pyongyang", old=old
    )
    again = EntityService(tmp_path, AnnotationStore(tmp_path))  # a restart
    assert ("Pyongyang", "LOC", "Pyongyang", "user") in shown(again.entities(art))
    assert len(again.revert(art, old.start, old.end)) == 1
    assert ("Pyongyang", "ORG", "Pyongyang", "auto") in shown(again.entities(art))


# --- the cache ------------------------------------------------------------------------------


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def fake(art: Article) -> list[Entity]:
        calls.append(art.id)
        return auto(art.body)

    monkeypatch.setattr(recognise_module, "recognise_article", fake)
    return calls


def test_the_recogniser_runs_once_per_text_and_the_result_survives_a_restart(
    tmp_path: Path, counting: list[str]
) -> None:
    art = article()
    cache = EntityCache(tmp_path / "entities")
    assert cache.get(art) is None
    assert cache.recognise(art) == auto()
    assert cache.recognise(art) == auto()
    assert counting == [art.id], "the second time comes from memory"
    path = tmp_path / "entities" / art.sha256[:2] / f"{art.sha256}.json"
    assert cache.path_for(art.sha256) == path and path.is_file()
    restarted = EntityCache(tmp_path / "entities")
    assert restarted.in_memory(art) is None
    assert restarted.get(art) == auto(), "read back from disk"
    assert counting == [art.id]


def test_a_stale_or_broken_cache_file_is_a_miss(tmp_path: Path, counting: list[str]) -> None:
    art = article()
    EntityCache(tmp_path).recognise(art)
    path = tmp_path / art.sha256[:2] / f"{art.sha256}.json"
    data = json.loads(path.read_text("utf-8"))
    assert data["recogniser"] == recogniser_signature()
    path.write_text(json.dumps({**data, "recogniser": "an older model"}), "utf-8")
    assert EntityCache(tmp_path).get(art) is None
    path.write_text("{broken", "utf-8")
    assert EntityCache(tmp_path).get(art) is None
    path.write_text(json.dumps({**data, "entities": [[0, 999999, "PER", "x"]]}), "utf-8")
    assert EntityCache(tmp_path).get(art) is None, "offsets outside the text"
    assert EntityCache(tmp_path).recognise(art) == auto()
    assert EntityCache(tmp_path).get(art) == auto(), "rewritten"


def test_another_title_read_as_context_is_another_result(
    tmp_path: Path, counting: list[str]
) -> None:
    cache = EntityCache(tmp_path)
    cache.recognise(article(title="Putin di Pyongyang"))
    assert cache.get(article(title="Another headline")) is None


def test_a_cache_that_cannot_be_written_keeps_results_in_memory(
    tmp_path: Path, counting: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, text: str) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(cache_module, "atomic_write_text", refuse)
    cache = EntityCache(tmp_path)
    art = article()
    assert cache.recognise(art) == auto()
    assert cache.writable is False
    assert cache.recognise(art) == auto()
    assert counting == [art.id]


# --- the index ------------------------------------------------------------------------------


def test_the_index_says_where_else_a_key_appears_and_forgets_an_article() -> None:
    index = EntityIndex()
    index.add("a", auto())
    index.add("b", [span(BODY, "Vladimir Putin", "PER"), span(BODY, "Pyongyang", "LOC")])
    assert index.where("Vladimir Putin") == {"a": 2, "b": 1}
    assert index.others("Vladimir Putin", "a") == {"b": 1}
    assert index.type_of("Pyongyang") in ("ORG", "LOC")
    rows = index.keys()
    assert rows[0][0] in ("Vladimir Putin", "Pyongyang") and rows[0][3] == 2
    assert [r[0] for r in index.keys("DATE")] == ["Jumat (29/11)"]
    index.add("a", [])  # re-counted: nothing left
    assert index.where("Kim Jong Un") == {}
    assert index.where("Vladimir Putin") == {"b": 1}
    index.remove("b")
    assert len(index) == 0


def test_the_index_matches_keys_by_word_start_whatever_the_spelling() -> None:
    index = EntityIndex()
    index.add("a", [span(BODY, "Andrei Belousov", "PER")])
    index.add("b", [span(BODY, "Kim Jong Un", "PER")])
    assert index.matching("belousov") == {"a"}
    assert index.matching("andrey-belousov") == {"a"}, "y and i fold together"
    assert index.matching("kim_jong") == {"b"}
    assert index.matching("ong") == frozenset(), "word starts only"
    assert index.matching("") == frozenset()


def test_the_library_filters_by_entity_through_the_index() -> None:
    one, two = article(), article(body="Kim Jong Un tiba di Moskwa.", title="Kim di Moskwa")
    catalog = Catalog([one, two])

    def select(text: str) -> list[int]:
        return catalog.select(parse_query(text))

    assert select("entity:kim") == [], "no index yet: nothing matches"
    index = EntityIndex()
    index.add(one.id, auto())
    index.add(two.id, [Entity(0, 11, "Kim Jong Un", "PER", "Kim Jong Un")])
    catalog.set_entity_index(index)
    both = select("entity:kim-jong-un")
    assert sorted(catalog.entries[i].id for i in both) == sorted([one.id, two.id])
    only = select("entity:belousov")
    assert [catalog.entries[i].id for i in only] == [one.id]
    assert select("moskwa entity:belousov") == []
    typed = [select("entity:belousov"[:n]) for n in range(1, 16) if n != 7]  # 7: "entity:"
    assert typed[-1] == only, "typed a key at a time, the filter still finds it"


def test_building_the_index_twice_parses_nothing_the_second_time(
    tmp_path: Path, counting: list[str]
) -> None:
    arts = {a.id: a for a in (article(), article(body="Kim Jong Un tiba.", title="Kim tiba"))}
    asked: list[str] = []

    def get(article_id: str) -> Article:
        asked.append(article_id)
        return arts[article_id]

    store = AnnotationStore(tmp_path)
    service = EntityService(tmp_path, store)
    summary = tmp_path / "entities" / "summary.json"
    first = build_index(list(arts), get, service, summary_path=summary)
    assert first.complete and sorted(asked) == sorted(arts)
    assert set(load_summary(summary)) == set(arts)
    asked.clear()
    one = next(iter(arts.values()))
    old = span(one.body, "Pyongyang", "ORG")
    service.correct(
        one, old.start, old.end, "rekey", annotator="x", type="ORG", key="Pyongyang City", old=old
    )
    again = build_index(
        list(arts),
        get,
        EntityService(tmp_path, store),
        summary_path=summary,
        corrected_ids=store.article_ids(),
    )
    assert asked == [one.id], "only the corrected article is parsed again"
    assert again.where("Pyongyang City") == {one.id: 1}
    assert again.where("Vladimir Putin") == first.where("Vladimir Putin")
    stopped = build_index(list(arts), get, service, summary_path=None, stop=lambda: True)
    assert not stopped.complete


def test_corrections_follow_an_article_whose_text_was_rescraped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recognise_module, "recognise_article", lambda a: auto(a.body))
    store = AnnotationStore(tmp_path)
    service = EntityService(tmp_path, store)
    before = article()
    before.source = "news/putin.txt"
    old = span(BODY, "Pyongyang", "ORG")
    service.correct(
        before, old.start, old.end, "retype", annotator="rina", type="LOC", key="Pyongyang", old=old
    )
    edited = BODY.replace("Presiden Vladimir Putin", "Presiden Rusia Vladimir Putin")
    after = article(edited)
    after.source = "news/putin.txt"
    assert after.id != before.id
    store.anchored(after)  # what opening the new version in the reader does
    assert store.corrections(before.id) == []
    (moved,) = store.corrections(after.id)
    assert moved["article_id"] == after.id
    assert ("Pyongyang", "LOC", "Pyongyang", "user") in shown(service.entities(after))

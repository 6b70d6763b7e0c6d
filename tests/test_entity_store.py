"""Entity corrections, the recogniser's cache and the corpus index, headless.

The texts are written here (tests never read ``../shared``); the recogniser is
replaced by a counting fake where only the bookkeeping is under test.
"""

from __future__ import annotations

import json
import random
import sqlite3
import zlib
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest

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
from store.entities.model import TYPES, Entity
from store.entities.packing import pack
from store.entities.service import EntityService
from store.files.database import Database
from store.news.article import Article, Segment
from store.workspace import SCHEMAS, Workspace, index_path

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
    service = EntityService(database(tmp_path), AnnotationStore(tmp_path))
    art = article()
    old = span(BODY, "Pyongyang", "ORG")
    service.correct(
        art, old.start, old.end, "retype", annotator="rina", type="LOC", key="Pyongyang", old=old
    )
    again = EntityService(database(tmp_path), AnnotationStore(tmp_path))  # a restart
    assert ("Pyongyang", "LOC", "Pyongyang", "user") in shown(again.entities(art))
    assert len(again.revert(art, old.start, old.end)) == 1
    assert ("Pyongyang", "ORG", "Pyongyang", "auto") in shown(again.entities(art))


# --- the stored results ----------------------------------------------------------------------


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def fake(art: Article) -> list[Entity]:
        calls.append(art.id)
        return auto(art.body)

    monkeypatch.setattr(recognise_module, "recognise_article", fake)
    return calls


def database(folder: Path) -> Database:
    """The index database of a data folder, as the workspace opens it."""
    return Database(index_path(folder), SCHEMAS)


def test_the_recogniser_runs_once_per_text_and_the_result_survives_a_restart(
    tmp_path: Path, counting: list[str]
) -> None:
    art = article()
    cache = EntityCache(database(tmp_path))
    assert cache.get(art) is None
    assert cache.recognise(art) == auto()
    assert cache.recognise(art) == auto()
    assert counting == [art.id], "the second time comes from memory"
    restarted = EntityCache(database(tmp_path))
    assert restarted.in_memory(art) is None
    assert restarted.get(art) == auto(), "read back from the index"
    assert counting == [art.id]
    with sqlite3.connect(index_path(tmp_path)) as connection:
        (blob,) = connection.execute("SELECT mentions FROM entity_results").fetchone()
    assert len(blob) < 120, "a few bytes a mention"


def test_another_recogniser_or_a_broken_row_is_a_miss(tmp_path: Path, counting: list[str]) -> None:
    art = article()
    EntityCache(database(tmp_path)).recognise(art)

    def change(sql: str, *params: object) -> None:
        with sqlite3.connect(index_path(tmp_path)) as connection:
            connection.execute(sql, params)

    change("UPDATE entity_results SET signature = 'an older model'")
    assert EntityCache(database(tmp_path)).get(art) is None
    assert EntityCache(database(tmp_path)).recognise(art) == auto(), "recognised again"
    change("UPDATE entity_results SET mentions = x'00ff'")
    assert EntityCache(database(tmp_path)).get(art) is None
    blob = pack([(0, 999_999, "PER", "x")], {"x": 1})[0]
    change("UPDATE entity_results SET mentions = ?", blob)
    assert EntityCache(database(tmp_path)).get(art) is None, "offsets outside the text"
    assert EntityCache(database(tmp_path)).recognise(art) == auto()
    assert EntityCache(database(tmp_path)).get(art) == auto(), "rewritten"
    assert recogniser_signature() != "an older model"


def test_a_result_packed_in_a_worker_is_stored_as_one_packed_whole() -> None:
    from store.entities.packing import finish, key_token, prepack, unpack

    spans = [
        (0, 9, "PER", "Kim Jong Un"),
        (12, 21, "LOC", "Pyongyang"),
        (30, 33, "PER", "Kim Jong Un"),
        (40, 44, "DATE", "2024-06-19"),
        (50, 59, "LOC", "Pyongyang"),
        (50, 59, "ORG", "Pyongyang"),
    ]
    key_ids = {"Kim Jong Un": 7, "Pyongyang": 3, "2024-06-19": 11}
    # What the writer packed itself before the workers did their part: the same bytes.
    local: list[str] = list(dict.fromkeys(key for *_x, key in spans))
    flat, previous = [], 0
    for start, end, kind, key in spans:
        flat += [start - previous, end - start, TYPES.index(kind), local.index(key)]
        previous = start
    data = json.dumps([2, [key_ids[k] for k in local], flat], separators=(",", ":")).encode()
    tokens = [key_ids[key] for *_x, key in spans]
    assert pack(spans, key_ids) == (zlib.compress(data, 6), tokens)

    packed = prepack(spans)
    numbers = [key_ids[k] for k in packed.keys]
    blob, postings = finish(packed, numbers)
    assert blob == zlib.compress(data, 6)
    assert postings == " ".join(key_token(n) for n in tokens)
    assert unpack(blob)[1] == [(s, e, TYPES.index(k), key_ids[key]) for s, e, k, key in spans]
    counted = Counter({(numbers[i], kind): n for i, kind, n in packed.counts})
    assert counted == Counter((key_ids[key], kind) for *_x, kind, key in spans)
    assert finish(prepack([]), []) == (zlib.compress(b"[2,[],[]]", 6), "")


def test_another_title_read_as_context_is_another_result(
    tmp_path: Path, counting: list[str]
) -> None:
    cache = EntityCache(database(tmp_path))
    cache.recognise(article(title="Putin di Pyongyang"))
    assert cache.get(article(title="Another headline")) is None


def test_a_store_that_cannot_be_written_keeps_results_in_memory(
    tmp_path: Path, counting: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = database(tmp_path)

    def refuse():
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(store, "write", refuse)
    cache = EntityCache(store)
    art = article()
    assert cache.recognise(art) == auto()
    assert cache.writable is False
    assert cache.recognise(art) == auto()
    assert counting == [art.id]


# --- the index over a corpus ----------------------------------------------------------------

TEXTS = {
    "putin.json": {"title": "Putin di Pyongyang", "body": BODY},
    "kim.json": {
        "title": "Kim di Moskwa",
        "body": "Kim Jong Un tiba di Moskwa. Vladimir Putin ada.",
    },
    "lain.json": {"title": "Lain", "body": "Tidak ada nama di sini."},
}


def fake_recogniser(art: Article, stop: Callable[[], bool] | None = None) -> list[Entity]:
    found = []
    for text, kind, key in (
        ("Vladimir Putin", "PER", None),
        ("Putin", "PER", "Vladimir Putin"),
        ("Kim Jong Un", "PER", None),
        ("Andrei Belousov", "PER", None),
        ("Pyongyang", "ORG", None),
        ("Moskwa", "LOC", None),
        ("Jumat (29/11)", "DATE", None),
    ):
        start = art.body.find(text)
        while start >= 0:
            taken = any(e.start <= start < e.end for e in found)
            if not taken:
                found.append(Entity(start, start + len(text), text, kind, key or text))
            start = art.body.find(text, start + 1)
    return sorted(found, key=lambda e: e.start)


@pytest.fixture
def space(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """Three articles indexed, the entity pass done (with a recogniser that finds a few names)."""
    monkeypatch.setattr(recognise_module, "recognise_article", fake_recogniser)
    folder = tmp_path / "news"
    folder.mkdir()
    for name, data in TEXTS.items():
        (folder / name).write_text(json.dumps(data), "utf-8")
    space = Workspace(tmp_path / "data", "rina")
    space.open_corpus([folder])
    space.refresh()
    report = space.recognise_corpus(workers=1)
    assert report.recognised == 3 and space.entity_index.complete
    return space


def ids_of(space: Workspace, title: str) -> str:
    return next(a for a in space.corpus.articles(list(space.corpus)) if a.title == title).id


def test_the_index_says_where_else_a_key_appears(space: Workspace) -> None:
    putin, kim = ids_of(space, "Putin di Pyongyang"), ids_of(space, "Kim di Moskwa")
    index = space.entity_index
    assert index.where("Vladimir Putin") == {putin: 2, kim: 1}
    others = index.others("Vladimir Putin", putin)
    assert len(others) == 1 and dict(others) == {kim: 1}
    assert len(index.others("Kim Jong Un", kim)) == 1, "Kim is in the Putin article too"
    assert len(index.others("Moskwa", kim)) == 0
    assert index.type_of("Pyongyang") == "ORG"
    rows = {row[0]: row for row in index.listing()}
    assert rows["Vladimir Putin"] == ("Vladimir Putin", "PER", 3, 2)
    assert [r[0] for r in index.listing("DATE")] == ["Jumat (29/11)"]


def test_the_library_filters_by_entity_through_the_index(space: Workspace) -> None:
    def titles(text: str) -> set[str]:
        rows = space.row_data(space.rows(space.query(text)))
        return {row.title for row in rows.values()}

    assert titles("entity:putin") == {"Putin di Pyongyang", "Kim di Moskwa"}
    assert titles("entity:andrey-belousov") == {"Putin di Pyongyang"}, "y and i fold together"
    assert titles("entity:kim_jong") == {"Putin di Pyongyang", "Kim di Moskwa"}
    assert titles("entity:ong") == set(), "word starts only"
    assert titles("moskwa entity:belousov") == set()
    assert titles("entity:belousov,moskwa") == {"Putin di Pyongyang", "Kim di Moskwa"}


def test_the_entity_pass_recognises_each_text_once(
    space: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(
        recognise_module, "recognise_article", lambda a: calls.append(a.id) or fake_recogniser(a)
    )
    assert space.entity_jobs() == []
    report = space.recognise_corpus(workers=1)
    assert report.recognised == 0 and calls == []


def test_corrections_take_the_place_of_the_recogniser_in_the_index(space: Workspace) -> None:
    putin = ids_of(space, "Putin di Pyongyang")
    article = space.article(putin)
    old = span(article.body, "Pyongyang", "ORG")
    space.entities.correct(
        article, old.start, old.end, "rekey", annotator="x", type="LOC", key="Pyongyang City"
    )
    space.recognise_corpus(workers=1)  # the pass reads the corrected articles again
    assert space.entity_index.where("Pyongyang City") == {putin: 1}
    assert space.entity_index.where("Pyongyang") == {}
    rows = space.row_data(space.rows(space.query("entity:pyongyang-city")))
    assert [row.id for row in rows.values()] == [putin]


def test_the_entities_of_a_text_no_article_has_are_forgotten(space: Workspace) -> None:
    folder = space.paths[0]
    (folder / "kim.json").unlink()
    space.refresh()
    assert space.entity_index.where("Moskwa") == {}
    assert "Moskwa" not in {row[0] for row in space.entity_index.listing()}
    rows = {row[0]: row for row in space.entity_index.listing()}
    assert rows["Vladimir Putin"][2:] == (2, 1), "mentions and articles counted again"


def test_corrections_follow_an_article_whose_text_was_rescraped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recognise_module, "recognise_article", lambda a: auto(a.body))
    store = AnnotationStore(tmp_path)
    service = EntityService(database(tmp_path), store)
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


def test_the_pass_hands_workers_whole_files_a_few_dozen_articles_at_a_time() -> None:
    from store.entities.corpus_pass import Job, _by_file, _tasks

    jobs = [
        Job(f"{n:02}.txt", k, f"{n}-{k}")
        for n, size in enumerate([3, 30, 1, 20, 5])
        for k in range(size)
    ]
    tasks = _tasks(_by_file(jobs), size=24)
    assert [[len(f) for f in task] for task in tasks] == [[3], [30], [1, 20], [5]]
    assert [j for task in tasks for f in task for j in f] == jobs  # every article, in order
    assert _tasks([]) == []


def test_the_pass_in_worker_processes_stores_what_the_recogniser_finds(tmp_path: Path) -> None:
    from store.entities.corpus_pass import IN_PROCESS
    from store.entities.recognise import recognise_article as real_recogniser
    from tests.benchcorpus import write_corpus

    folder = tmp_path / "news"
    paths = write_corpus(folder, IN_PROCESS + 24, random.Random(5), words=150)
    space = Workspace(tmp_path / "data", "rina")
    space.open_corpus([folder])
    space.refresh()
    report = space.recognise_corpus(workers=2)  # more than a few articles: the pool's path
    assert report.recognised == len(paths) and report.complete and not report.missing
    cache = space.entities.cache
    cache.forget()
    for article in space.corpus.articles(list(space.corpus)):
        stored = cache.get(article)
        assert stored is not None
        assert [(e.start, e.end, e.type, e.key) for e in stored] == [
            (e.start, e.end, e.type, e.key) for e in real_recogniser(article)
        ]

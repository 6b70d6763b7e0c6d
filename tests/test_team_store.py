"""Two colleagues on one data folder: conflicts are shown, never overwritten; undo takes
back only one's own changes; every change is kept with who made it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.annotations.annotation import Annotation, Selector
from store.annotations.article_annotations import ArticleAnnotations, Gone
from store.annotations.conflicts import EditConflict
from store.annotations.history import History
from store.annotations.migrations import SCHEMA_VERSION
from store.annotations.store import AnnotationStore
from store.news.article import Article, Segment

BODY = (
    "Intelijen Korea Selatan melaporkan bahwa lebih dari 10.000 tentara Korea Utara telah "
    "ditempatkan di Rusia. KCNA tidak mengonfirmasi laporan itu."
)


@pytest.fixture
def article():
    segments = (Segment(0, len(BODY), "paragraph"),)
    return Article(
        title="Tentara Korea Utara di Rusia", body=BODY, segments=segments, source="a.txt"
    )


@pytest.fixture
def folder(isolated_home: Path) -> Path:
    return isolated_home / "data"


def desk(folder: Path, article, user: str) -> ArticleAnnotations:
    """One colleague's view of the article (their own store, their own undo history)."""
    store = AnnotationStore(folder)
    return ArticleAnnotations(article, store, History(store, article, user=user), user)


def fresh(desk_: ArticleAnnotations, annotation_id: str) -> Annotation:
    """The annotation as a colleague's reader shows it after reading the folder again."""
    desk_.reload()
    found = desk_.get(annotation_id)
    assert found is not None
    return found


def test_a_colleagues_change_to_the_same_field_is_shown_not_overwritten(folder, article):
    rina, budi = desk(folder, article, "rina"), desk(folder, article, "budi")
    made = rina.add_claim(0, 20, claim_type="factual", status="unverified")
    opened_by_budi = fresh(budi, made.id)  # budi's form opens on this
    rina.edit(fresh(rina, made.id), status="false")
    with pytest.raises(EditConflict) as raised:
        budi.edit(opened_by_budi, status="unproven")
    (conflict,) = raised.value.conflicts
    assert (conflict.field, conflict.mine, conflict.theirs, conflict.by) == (
        "status",
        "unproven",
        "false",
        "rina",
    )
    assert "rina set status to 'false' at" in str(raised.value)
    assert AnnotationStore(folder).annotations(article.id)[0].status == "false"
    # Budi decides to keep his: saving from what is stored now goes through.
    kept = budi.edit(raised.value.current, status="unproven")
    assert kept.status == "unproven" and kept.updated_by == "budi" and kept.revision == 3


def test_different_fields_merge_without_a_question(folder, article):
    rina, budi = desk(folder, article, "rina"), desk(folder, article, "budi")
    made = rina.add_claim(0, 20, claim_type="factual", status="unverified")
    seen_by_both = fresh(budi, made.id)
    rina.edit(seen_by_both, status="false")
    budi.edit(seen_by_both, speaker="KCNA")
    (stored,) = AnnotationStore(folder).annotations(article.id)
    assert (stored.status, stored.speaker, stored.revision) == ("false", "KCNA", 3)


def test_the_same_value_set_twice_is_no_conflict(folder, article):
    rina, budi = desk(folder, article, "rina"), desk(folder, article, "budi")
    made = rina.add_claim(0, 20, claim_type="factual", status="unverified")
    seen = fresh(budi, made.id)
    rina.edit(seen, status="false")
    assert budi.edit(seen, status="false").status == "false"


def test_every_change_is_kept_with_who_made_it_and_from_what_to_what(folder, article):
    rina, budi = desk(folder, article, "rina"), desk(folder, article, "budi")
    made = rina.add_claim(0, 20, claim_type="factual", status="unverified")
    rina.edit(made, status="checking", tags=("angka",))
    budi.edit(fresh(budi, made.id), status="false")
    (stored,) = AnnotationStore(folder).annotations(article.id)
    assert (stored.annotator, stored.updated_by, stored.revision) == ("rina", "budi", 3)
    assert [(e.by, e.revision, e.changes) for e in stored.history] == [
        ("rina", 2, (("status", "unverified", "checking"), ("tags", (), ("angka",)))),
        ("budi", 3, (("status", "checking", "false"),)),
    ]
    raw = json.loads(AnnotationStore(folder).path_for(article.id).read_text("utf-8"))
    (doc,) = raw["annotations"].values()
    assert doc["history"][1]["changes"] == {"status": ["checking", "false"]}


def test_undo_takes_back_only_ones_own_fields_and_says_what_stands(folder, article):
    rina, budi = desk(folder, article, "rina"), desk(folder, article, "budi")
    made = rina.add_claim(0, 20, claim_type="factual", status="unverified")
    rina.edit(made, status="checking", speaker="Seoul")
    budi.edit(fresh(budi, made.id), status="false")
    outcome = rina.undo()
    (stored,) = AnnotationStore(folder).annotations(article.id)
    assert stored.status == "false", "budi's later status stands"
    assert stored.speaker is None, "rina's own speaker is taken back"
    (kept,) = outcome.kept
    assert (kept.field, kept.by) == ("status", "budi")
    assert "status kept as budi set it" in outcome.say("Undone")


def test_undoing_an_add_never_deletes_a_colleagues_writing(folder, article):
    rina, budi = desk(folder, article, "rina"), desk(folder, article, "budi")
    made = rina.add_note("Cek angka ini.", (0, 20))
    budi.edit(fresh(budi, made.id), note="Cek angka ini. Seoul bilang 12.000.")
    outcome = rina.undo()
    assert outcome.blocked.startswith("budi changed this note at")
    assert "Not undone: budi changed this note" in outcome.say("Undone")
    (stored,) = AnnotationStore(folder).annotations(article.id)
    assert stored.note.endswith("12.000.")


def test_undoing_an_add_one_changed_oneself_deletes_it(folder, article):
    rina = desk(folder, article, "rina")
    made = rina.add_note("Cek.", (0, 20))
    rina.edit(made, note="Cek lagi.")
    rina.undo()
    rina.undo()
    assert AnnotationStore(folder).annotations(article.id) == []


def test_editing_a_claim_a_colleague_deleted_can_save_it_anew(folder, article):
    rina, budi = desk(folder, article, "rina"), desk(folder, article, "budi")
    made = rina.add_claim(0, 20, claim_type="factual", status="unverified", speaker="NIS")
    opened = fresh(budi, made.id)
    rina.delete(fresh(rina, made.id))
    with pytest.raises(Gone) as raised:
        budi.edit(opened, status="false")
    assert "deleted by someone else" in str(raised.value)
    anew = budi.save_anew(raised.value.annotation, status="false")
    (stored,) = AnnotationStore(folder).annotations(article.id)
    assert stored.id == anew.id != made.id
    assert (stored.status, stored.speaker, stored.annotator) == ("false", "NIS", "budi")
    assert stored.selector == made.selector


def test_an_older_file_gets_revisions_when_it_is_next_changed(folder, article):
    store = AnnotationStore(folder)
    path = store.path_for(article.id)
    path.parent.mkdir(parents=True)
    old = Annotation(article.id, "claim", Selector.from_body(BODY, 0, 20), article.sha256, "rina")
    doc = old.to_dict()
    for key in ("revision", "updated_by", "history"):
        del doc[key]
    path.write_text(
        json.dumps({"annotations": {old.id: doc}, "meta": {"schema": {"version": 1}}}), "utf-8"
    )
    (read,) = store.annotations(article.id)
    assert (read.revision, read.updated_by, read.history) == (1, "rina", ())
    store.update(article.id, old.id, {"status": "false"}, by="budi")
    raw = json.loads(path.read_text("utf-8"))
    assert raw["meta"]["schema"]["version"] == SCHEMA_VERSION  # 3 since claims name groups
    assert raw["annotations"][old.id]["revision"] == 2


def test_corrections_travel_through_the_native_export_into_an_empty_store(tmp_path, seeds):
    import json as json_

    from store.workspace import Workspace
    from tests.accounts import sorot

    data, empty = tmp_path / "data", tmp_path / "empty"
    space = Workspace(data, "rina")
    space.open_corpus([seeds])
    space.refresh()
    numbers = space.rows(space.query(""))[:2]
    rows = space.row_data(numbers)
    first, second = (space.corpus[rows[n].id] for n in numbers)
    start = first.body.index("Kim")
    space.entities.correct(
        first, start, start + 3, "rekey", annotator="rina", type="PER", key="Kim Jong Un"
    )
    start = second.body.index("Rusia")
    space.annotations_of(second).add_claim(start, start + 5, claim_type="factual", status="false")
    status, out, err = sorot("export", str(seeds), "--db", str(data))
    assert status == 0, err
    document = json_.loads(out)
    by_id = {a["id"]: a for a in document["articles"]}
    assert set(by_id) == {first.id, second.id}, "corrections only: still work worth exporting"
    assert by_id[first.id]["annotations"] == [] and len(by_id[first.id]["corrections"]) == 1
    exported = tmp_path / "export.json"
    exported.write_text(out, "utf-8")
    status, out, err = sorot("import", str(exported), "--db", str(empty))
    assert status == 0, err
    assert "1 entity correction: 1 added" in out
    (moved,) = AnnotationStore(empty).corrections(first.id)
    assert moved["key"] == "Kim Jong Un" and moved["annotator"] == "rina"
    status, out, err = sorot("import", str(exported), "--db", str(empty))
    assert "1 entity correction: 0 added, 1 already there" in out
    # Only an annotation query leaves a corrections-only article out.
    status, out, err = sorot("export", str(seeds), "--where", "kind:claim", "--db", str(data))
    assert [a["id"] for a in json_.loads(out)["articles"]] == [second.id]


def test_corrections_travel_through_the_w3c_export_into_an_empty_store(tmp_path, seeds):
    import json as json_

    from store.workspace import Workspace
    from tests.accounts import sorot

    data, empty = tmp_path / "data", tmp_path / "empty"
    space = Workspace(data, "rina")
    space.open_corpus([seeds])
    space.refresh()
    first = space.corpus[space.row_data([space.rows(space.query(""))[0]]).popitem()[1].id]
    start = first.body.index("Kim")
    space.entities.correct(
        first, start, start + 3, "rekey", annotator="rina", type="PER", key="Kim Jong Un"
    )
    start = first.body.index("Rusia")
    space.entities.correct(first, start, start + 5, "reject", annotator="rina")
    original = AnnotationStore(data).corrections(first.id)
    exported = tmp_path / "export.jsonld"
    status, out, err = sorot(
        "export", str(seeds), "--format", "w3c", "-o", str(exported), "--db", str(data)
    )
    assert status == 0, err
    assert "2 entity corrections" in err
    items = json_.loads(exported.read_text("utf-8"))["first"]["items"]
    assert [i["sorot:kind"] for i in items] == ["correction", "correction"]
    status, out, err = sorot("import", str(exported), "--db", str(empty))
    assert status == 0, err
    assert "2 entity corrections: 2 added" in out
    assert AnnotationStore(empty).corrections(first.id) == original, "nothing lost on the way"
    status, out, err = sorot("import", str(exported), "--db", str(empty))
    assert "2 entity corrections: 0 added, 2 already there" in out

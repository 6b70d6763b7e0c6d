"""A reader tags, edits and deletes claims, then changes their mind: undo, redo.

Undo and redo write through the store like any other change, so after each
step the store (and another sorot reading the same folder) holds exactly
what the reader sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from store.annotations.annotation import Annotation, Selector
from store.annotations.history import History
from store.annotations.store import AnnotationStore
from store.files.jsonfile import StoreError

ARTICLE = "kim-jong-un-dukung-hak-rusia-untuk-bela-diri-melawan-ukraina-c564596a"
BODY = (
    "Meski KCNA tidak mengonfirmasi apakah Kim dan Belousov membahas pengiriman pasukan, "
    "intelijen Korea Selatan melaporkan bahwa lebih dari 10.000 tentara Korea Utara telah "
    "ditempatkan di Rusia, termasuk di wilayah Kursk."
)


def claim(quote: str, **fields) -> Annotation:
    start = BODY.index(quote)
    return Annotation(
        ARTICLE,
        "claim",
        Selector.from_body(BODY, start, start + len(quote)),
        "f" * 64,
        "rina",
        **fields,
    )


@pytest.fixture
def data_dir(isolated_home: Path) -> Path:
    return isolated_home / "data"


@pytest.fixture
def store(data_dir: Path) -> AnnotationStore:
    return AnnotationStore(data_dir)


@pytest.fixture
def history(store: AnnotationStore) -> History:
    return History(store)


@pytest.fixture
def stored(data_dir: Path):
    """What the store holds, as another sorot on the folder reads it: id -> what a user set.

    (Undo and redo are changes too, with a revision and a history entry of their
    own; what the reader sees are the user's fields.)
    """

    def read() -> dict[str, dict]:
        return {a.id: a.user_fields() for a in AnnotationStore(data_dir).annotations(ARTICLE)}

    return read


def as_stored(*annotations: Annotation) -> dict[str, dict]:
    return {a.id: a.user_fields() for a in annotations}


TROOPS = "lebih dari 10.000 tentara Korea Utara"
KURSK = "termasuk di wilayah Kursk"


def test_adding_a_claim_is_undone_and_redone(history, stored):
    tagged = claim(TROOPS, status="unverified", speaker="intelijen Korea Selatan")
    change = history.add(tagged)
    assert change.description == "add claim" and change.article_id == ARTICLE
    assert stored() == as_stored(tagged)

    undone = history.undo()
    assert undone.change == change and not undone.kept and not undone.blocked
    assert stored() == {}
    assert history.can_redo and not history.can_undo

    assert history.redo().change == change
    assert stored() == as_stored(tagged)
    assert history.can_undo and not history.can_redo


def test_editing_a_claim_is_undone_and_redone(history, stored):
    tagged = claim(TROOPS, status="unverified")
    history.add(tagged)
    checked = tagged.edited(status="mostly true", note="Dikonfirmasi Seoul, bukan KCNA.")
    assert history.edit(tagged, checked).description == "edit claim"
    assert stored() == as_stored(checked)

    history.undo()
    assert stored() == as_stored(tagged)

    history.redo()
    assert stored() == as_stored(checked)


def test_deleting_a_claim_is_undone_with_every_field_and_redone(history, stored):
    tagged = claim(KURSK, claim_type="factual", status="true", tags=("Kursk",), note="lokasi")
    history.add(tagged)
    assert history.delete(tagged).description == "delete claim"
    assert stored() == {}

    history.undo()
    assert stored() == as_stored(tagged)  # the very same claim, id and all

    history.redo()
    assert stored() == {}


def test_a_note_on_the_article_is_undone_too(history, stored):
    remark = Annotation(ARTICLE, "note", None, "f" * 64, "rina", note="Bandingkan dengan Kompas.")
    assert history.add(remark).description == "add note"
    history.undo()
    assert stored() == {}
    history.redo()
    assert stored() == as_stored(remark)


def test_several_changes_are_undone_newest_first_and_redone_oldest_first(history, stored):
    first = claim(TROOPS, status="unverified")
    second = claim(KURSK, status="checking")
    history.add(first)
    history.add(second)
    relabelled = first.edited(status="false")
    history.edit(first, relabelled)
    history.delete(second)
    states = [
        as_stored(first),
        as_stored(first, second),
        as_stored(relabelled, second),
        as_stored(relabelled),
    ]
    assert stored() == states[3]

    for state in reversed(states[:3]):
        history.undo()
        assert stored() == state
    history.undo()
    assert stored() == {}
    assert history.undo() is None

    for state in states:
        history.redo()
        assert stored() == state
    assert history.redo() is None


def test_a_new_change_clears_what_could_be_redone(history, stored):
    first, second, third = claim(TROOPS), claim(KURSK), claim(TROOPS, note="lagi")
    history.add(first)
    history.add(second)
    history.undo()
    assert history.can_redo

    history.add(third)

    assert not history.can_redo
    assert history.redo() is None
    assert stored() == as_stored(first, third)


def test_undo_and_redo_with_nothing_to_do_return_none(history, stored):
    assert not history.can_undo and not history.can_redo
    assert history.undo() is None
    assert history.redo() is None
    assert stored() == {}


def test_an_undone_claim_disappears_for_another_sorot_too(history, data_dir):
    colleague = AnnotationStore(data_dir)
    tagged = claim(TROOPS)
    history.add(tagged)
    assert [a.id for a in colleague.annotations(ARTICLE)] == [tagged.id]
    history.undo()
    assert colleague.annotations(ARTICLE) == []


def test_the_history_keeps_only_its_last_changes(store, stored):
    history = History(store, limit=3)
    made = [claim(TROOPS, note=str(n)) for n in range(5)]
    for annotation in made:
        history.add(annotation)
    while history.undo() is not None:
        pass
    assert set(stored()) == {made[0].id, made[1].id}


def test_an_undo_the_store_refuses_can_be_tried_again(history, store, stored, monkeypatch):
    tagged = claim(TROOPS)
    history.add(tagged)
    history.edit(tagged, tagged.edited(status="false"))

    def refuse(*args, **kwargs):
        raise StoreError("the data folder is read-only; nothing was saved")

    monkeypatch.setattr(store, "_change", refuse)
    with pytest.raises(StoreError):
        history.undo()
    monkeypatch.undo()

    # Nothing was undone, so the edit is still the change to undo.
    assert stored()[tagged.id]["status"] == "false"
    retried = history.undo()
    assert retried is not None and retried.description == "edit claim"
    assert stored()[tagged.id] == tagged.user_fields()
    assert stored() == as_stored(tagged)


def test_a_redo_the_store_refuses_can_be_tried_again(history, store, stored, monkeypatch):
    tagged = claim(TROOPS)
    history.add(tagged)
    history.undo()

    def refuse(*args, **kwargs):
        raise StoreError("the data folder is read-only; nothing was saved")

    monkeypatch.setattr(store, "_change", refuse)
    with pytest.raises(StoreError):
        history.redo()
    monkeypatch.undo()

    # Nothing was redone, so the add is still the change to redo.
    assert stored() == {}
    retried = history.redo()
    assert retried is not None and retried.description == "add claim"
    assert stored() == as_stored(tagged)


def test_a_change_needs_something_before_or_after_it(history):
    with pytest.raises(ValueError):
        history.record(None, None, "nothing")

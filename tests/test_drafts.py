"""Drafts: the unsaved claim or note a user was writing, kept per user and article."""

from __future__ import annotations

import json

import pytest

from store.annotations.drafts import Draft, Drafts

BODY = "Korea Utara mengirim 10.000 tentara ke Rusia. Korea Utara membantah laporan itu."
QUOTE = "Korea Utara membantah laporan itu."
START = BODY.index(QUOTE)


def claim_draft(**changes) -> Draft:
    values = dict(
        kind="claim",
        start=START,
        end=START + len(QUOTE),
        quote=QUOTE,
        claim_type="quote",
        status="checking",
        speaker="KCNA",
        tags=("troops",),
        note="Bandingkan dengan laporan NIS.",
    )
    values.update(changes)
    return Draft(**values)


@pytest.fixture
def drafts(tmp_path) -> Drafts:
    return Drafts(tmp_path / "data", "Dewi Lestari")


def test_a_kept_draft_comes_back_whole_and_is_gone_once_dropped(drafts, tmp_path):
    assert drafts.get("a1") is None  # no file yet: nothing to read
    draft = claim_draft()
    drafts.keep("a1", draft)

    back = Drafts(tmp_path / "data", "Dewi Lestari").get("a1")
    assert back is not None and back.same_work(draft)
    assert back.kept  # stamped when kept
    assert drafts.get("a2") is None

    drafts.drop("a1")
    assert drafts.get("a1") is None
    drafts.drop("a1")  # twice: nothing to do, no error


def test_one_draft_per_article_the_newest_wins(drafts):
    drafts.keep("a1", claim_draft(note="first"))
    drafts.keep("a1", claim_draft(note="second"))
    drafts.keep("a2", Draft("note", None, None, "", note="on the whole article"))
    assert drafts.get("a1").note == "second"  # type: ignore[union-attr]
    assert drafts.get("a2").start is None  # type: ignore[union-attr]


def test_each_user_has_their_own_drafts(tmp_path):
    dewi, budi = Drafts(tmp_path, "Dewi Lestari"), Drafts(tmp_path, "budi")
    dewi.keep("a1", claim_draft())
    assert budi.get("a1") is None
    assert dewi.file.path != budi.file.path


@pytest.mark.parametrize(
    "entry",
    [
        "not a draft",
        {"kind": "highlight", "start": 0, "end": 3},
        {"kind": "claim", "start": 5},
        {"kind": "claim", "start": 9, "end": 3},
        {"kind": "claim", "start": "x", "end": 3},
        {"kind": "note", "start": None, "end": None, "tags": "troops"},
    ],
)
def test_a_hand_broken_entry_is_no_draft_rather_than_an_error(drafts, entry):
    drafts.file.path.parent.mkdir(parents=True)
    drafts.file.path.write_text(json.dumps({"a1": entry}), encoding="utf-8")
    assert drafts.get("a1") is None


def test_a_draft_finds_its_passage_where_it_was_or_its_nearest_copy():
    assert claim_draft().place(BODY) == (START, START + len(QUOTE))
    moved = "Pembaruan: " + BODY
    assert claim_draft().place(moved) == (START + 11, START + 11 + len(QUOTE))
    twice = "Korea Utara mengirim. Korea Utara mengirim. Korea Utara mengirim."
    near_second = claim_draft(start=20, end=41, quote="Korea Utara mengirim.")
    assert near_second.place(twice) == (22, 43)
    assert claim_draft().place("Teks yang lain sama sekali.") is None


def test_same_work_ignores_when_it_was_kept():
    a, b = claim_draft(kept="2026-11-22T01:00:00+00:00"), claim_draft(kept="")
    assert a.same_work(b)
    assert not a.same_work(claim_draft(status="false"))
    assert not a.same_work(None)

"""Claim groups: passages of several outlets linked as one claim, one verdict, split again.

Two colleagues share one data folder: each change is a revision with its
history, a stale verdict is a conflict (nothing written), and the board
shows every group with its appearances and figures side by side.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from store.claims.groups import GroupConflict
from store.query import parse_query
from store.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def workspace(data: Path, user: str) -> Workspace:
    space = Workspace(data, user)
    space.open_corpus([SEEDS])
    space.refresh()
    return space


def passage(space: Workspace, prefix: str, first: str, last: str):
    found = space.find_article(prefix)
    assert not isinstance(found, str), found
    start = found.body.index(first)
    return found, (start, found.body.index(last, start) + len(last))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def troops(space: Workspace):
    bapera = passage(space, "kim-jong-un-dan", "Para analis menilai", "Moskwa.")
    geosurvey = passage(space, "menteri-pertahanan", "Korea Utara baru-baru ini", "Ukraina.")
    logic = passage(space, "kim-jong-un-dukung", "intelijen Korea Selatan melaporkan", "Kursk")
    return bapera, geosurvey, logic


def test_linking_makes_the_claims_and_one_group_with_one_status(data):
    space = workspace(data, "ani")
    (bapera, b_span), (geo, g_span), (logic, l_span) = troops(space)
    linked = space.linker.link(bapera, b_span, geo, g_span)
    assert linked.created_group
    group = linked.group
    assert group.title.startswith("Para analis menilai")
    assert linked.first.group == linked.second.group == group.id
    assert linked.second.status == group.status == "unverified"
    again = space.linker.link(bapera, b_span, logic, l_span)
    assert not again.created_group and again.group.id == group.id
    stored = [a for a in space.store.all() if a.group == group.id]
    assert {a.article_id for a in stored} == {bapera.id, geo.id, logic.id}
    assert all(a.history[-1].changes[0][0] == "group" for a in stored if a.revision > 1)


def test_the_verdict_is_set_on_the_group_and_every_appearance_with_history(data):
    space = workspace(data, "ani")
    (bapera, b_span), (geo, g_span), _ = troops(space)
    group = space.linker.link(bapera, b_span, geo, g_span).group
    members = [(space.article(a.article_id), a) for a in space.store.all() if a.group == group.id]
    after, problems = space.linker.set_verdict(group, "true", members)
    assert not problems
    assert after.status == "true" and after.revision == 2
    assert after.history[-1].by == "ani"
    assert after.history[-1].changes == (("status", "unverified", "true"),)
    assert {a.status for a in space.store.all() if a.group == group.id} == {"true"}


def test_a_colleagues_verdict_since_is_a_conflict_and_nothing_is_written(data):
    ani = workspace(data, "ani")
    (bapera, b_span), (geo, g_span), _ = troops(ani)
    group = ani.linker.link(bapera, b_span, geo, g_span).group
    budi = workspace(data, "budi")
    budi.groups.update(group.id, {"status": "misleading"}, by="budi", base={"status": "unverified"})
    with pytest.raises(GroupConflict) as raised:
        ani.linker.set_verdict(group, "true", [])
    assert "budi set status to 'misleading'" in str(raised.value)
    assert ani.groups.get(group.id).status == "misleading"


def test_splitting_one_out_leaves_it_a_lone_claim_and_undo_brings_it_back(data):
    space = workspace(data, "ani")
    (bapera, b_span), (geo, g_span), (logic, l_span) = troops(space)
    space.linker.link(bapera, b_span, geo, g_span)
    linked = space.linker.link(bapera, b_span, logic, l_span)
    space.linker.split(logic, linked.second)
    assert space.store.get(logic.id, linked.second.id).group is None
    items = space.board()  # the lists follow each change: no need to read the corpus again
    groups = [i for i in items if i.group is not None]
    assert len(groups) == 1 and len(groups[0].appearances) == 2
    assert any(i.group is None and i.appearances[0].article_id == logic.id for i in items)
    space.annotations_of(logic).undo()
    assert space.store.get(logic.id, linked.second.id).group == linked.group.id


def test_the_board_sets_figures_side_by_side_and_marks_the_meeting_day(data):
    space = workspace(data, "ani")
    bapera, b_span = passage(space, "kim-jong-un-dan", "Pemimpin", "(29/11).")
    geo, g_span = passage(space, "menteri-pertahanan", "Menteri Pertahanan Rusia Andrey", "2024).")
    space.linker.link(bapera, b_span, geo, g_span)
    (bapera2, b2), (geo2, g2), _ = troops(space)
    space.linker.link(bapera2, b2, geo2, g2)
    space.open_corpus([SEEDS])
    space.refresh()
    items = space.board(sort="conflicts")
    meeting = items[0]
    assert [f.describe() for a in meeting.appearances for f in a.figures] == [
        "Fri 29 Nov 2024",
        "Sat 30 Nov 2024",
    ]
    assert meeting.conflicts and "Friday is not Saturday" in meeting.conflicts[0].why
    assert meeting.outlets == ["BaperaNews", "geosurvey.co.id"]
    troop = items[1]
    assert not troop.conflicts
    assert {f.describe() for a in troop.appearances for f in a.figures} == {
        ">10,000 troops",
        "12,000 troops",
    }
    data_out = troop.to_dict()
    assert data_out["kind"] == "group" and len(data_out["appearances"]) == 2


def test_the_board_filters_with_the_query_language(data):
    space = workspace(data, "ani")
    (bapera, b_span), (geo, g_span), _ = troops(space)
    group = space.linker.link(bapera, b_span, geo, g_span).group
    members = [(space.article(a.article_id), a) for a in space.store.all() if a.group == group.id]
    space.linker.set_verdict(group, "false", members)
    space.open_corpus([SEEDS])
    space.refresh()
    vocabulary = space.vocabulary
    assert len(space.board(parse_query("status:false", vocabulary))) == 1
    assert space.board(parse_query("status:true", vocabulary)) == []
    assert len(space.board(parse_query("geosurvey", vocabulary))) == 1

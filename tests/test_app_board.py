"""The verification desk as a fact-checker uses it, start to end.

Mark the meeting claim in BaperaNews, see it in the other outlets (r),
group geosurvey's and LOGIC.co.id's passages with it (g), open the claims
board (B), see the Friday/Saturday conflict, set the group's verdict (v),
split a passage out (x), accept a suggestion (Tab, a); a colleague's
verdict arrives live.
"""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from tests.pilot_helpers import async_test, open_row, running, status, workers_done
from tui.screens.claim_form import ClaimForm
from tui.screens.claims_board import ClaimsBoard, VerdictPicker
from tui.screens.reader import ReaderScreen
from tui.widgets.related_panel import RelatedPanel

BAPERA = "BaperaNews"


@pytest.fixture
def app(make_app):
    return make_app()


def related_index(panel: RelatedPanel, outlet: str) -> int:
    number = next(i for i, r in enumerate(panel.passages) if r.outlet == outlet)
    return panel.get_option_index(f"r{number}")


async def group_the_meeting(app, pilot) -> ReaderScreen:
    """In BaperaNews: claim the meeting sentence, then group geosurvey's and LOGIC's with it."""
    reader = await open_row(app, pilot, BAPERA)
    reader.view.move_to(reader.article.body.index("bertemu dengan Menteri"))
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(app.screen, ClaimForm)
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.press("r")
    await workers_done(app)
    await pilot.pause()
    panel = reader.query_one(RelatedPanel)
    for outlet in ("geosurvey.co.id", "LOGIC.co.id"):
        panel.highlighted = related_index(panel, outlet)
        await pilot.press("g")
        await pilot.pause()
    return reader


@async_test
async def test_claim_see_group_verdict_split(app) -> None:
    async with running(app) as pilot:
        reader = await group_the_meeting(app, pilot)
        assert "3 passages" in status(app, "#reader-status")
        claim = reader.annotations.claims[0]
        assert claim.group is not None
        await pilot.press("escape", "B")
        await workers_done(app)
        await pilot.pause()
        board = app.screen
        assert isinstance(board, ClaimsBoard)
        (item,) = [i for i in board.list.items if i.group]
        assert item.outlets == ["LOGIC.co.id", "BaperaNews", "geosurvey.co.id"]
        assert "Friday is not Saturday" in item.conflicts[0].why
        await pilot.press("v")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, VerdictPicker)
        picker.query_one(OptionList).highlighted = picker.statuses.index("misleading")
        await pilot.press("enter")
        await pilot.pause()
        workspace = app.workspace
        statuses = {a.status for a in workspace.store.all() if a.group == item.group.id}
        assert statuses == {"misleading"}
        assert workspace.groups.get(item.group.id).history[-1].by == "tester"
        # LOGIC.co.id's passage is split out again: a lone claim, still misleading.
        index = next(n for n, i in enumerate(board.list.items) if i.group)
        board.list.highlighted = board.list.get_option_index(f"i{index}:0")
        await pilot.press("x")
        await pilot.pause()
        (item,) = [i for i in board.list.items if i.group]
        assert len(item.appearances) == 2
        assert "split out" in status(app, "#board-status")
        # Enter on an appearance opens its passage; q comes back to the board.
        index = next(n for n, i in enumerate(board.list.items) if i.group)
        board.list.highlighted = board.list.get_option_index(f"i{index}:1")
        await pilot.press("enter")
        await pilot.pause()
        opened = app.screen
        assert isinstance(opened, ReaderScreen) and opened.article.outlet == "geosurvey.co.id"
        assert opened.view.selection is not None
        await pilot.press("q")
        assert app.screen is board


@async_test
async def test_a_suggestion_is_accepted_as_a_group_with_one_key(app) -> None:
    async with running(app) as pilot:
        await pilot.press("B")
        await workers_done(app)
        await pilot.pause()
        board = app.screen
        assert isinstance(board, ClaimsBoard)
        suggestions = board.suggestions.suggestions
        assert suggestions and suggestions[0].outlets >= 3
        troops = next(s for s in suggestions if "troops" in s.reason)
        await pilot.press("tab")
        board.suggestions.highlighted = board.suggestions.get_option_index(
            f"s{suggestions.index(troops)}"
        )
        await pilot.press("a")
        await pilot.pause()
        (item,) = [i for i in board.list.items if i.group]
        assert len(item.outlets) == troops.outlets
        assert troops not in board.suggestions.suggestions


@async_test
async def test_tab_then_a_accepts_the_first_suggestion_without_an_arrow_key(app) -> None:
    async with running(app) as pilot:
        await pilot.press("B")
        await workers_done(app)
        await pilot.pause()
        board = app.screen
        assert isinstance(board, ClaimsBoard)
        first = board.suggestions.suggestions[0]
        await pilot.press("tab", "a")
        await pilot.pause()
        (item,) = [i for i in board.list.items if i.group]
        assert len(item.outlets) == first.outlets
        assert first not in board.suggestions.suggestions
        assert board.suggestions.current() is board.suggestions.suggestions[0], (
            "the next suggestion is highlighted, ready for another a"
        )


@async_test
async def test_a_colleagues_verdict_shows_on_the_board_live(make_app, tmp_path) -> None:
    app = make_app()
    async with running(app) as pilot:
        await group_the_meeting(app, pilot)
        await pilot.press("escape", "B")
        await workers_done(app)
        await pilot.pause()
        board = app.screen
        (item,) = [i for i in board.list.items if i.group]
        from store.workspace import Workspace

        colleague = Workspace(tmp_path / "data", "rina")
        colleague.groups.update(
            item.group.id, {"status": "false"}, by="rina", base={"status": item.group.status}
        )
        for _ in range(40):
            await pilot.pause(0.1)
            (item,) = [i for i in board.list.items if i.group]
            if item.status == "false":
                break
        assert item.status == "false"

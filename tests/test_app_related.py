"""The reader's related passages: the troop count of one outlet in the others, and back.

BaperaNews (seed 000) says analysts count ``lebih dari 10.000 tentara``;
geosurvey.co.id (seed 002) says ``hampir 12.000`` and ``12.000``: the same
claim, compatible figures. BaperaNews puts the Kim–Belousov meeting on
Friday 29/11, geosurvey on Saturday 30/11/2024: a conflict.
"""

from __future__ import annotations

import pytest

from tests.pilot_helpers import SMALL, async_test, open_row, running, status, workers_done
from tui.screens.reader import ReaderScreen
from tui.widgets.related_panel import RelatedPanel

BAPERA = "BaperaNews"
GEOSURVEY = "geosurvey.co.id"


@pytest.fixture
def app(make_app):
    return make_app()


async def related_of(app, pilot, reader: ReaderScreen, words: str) -> RelatedPanel:
    """Put the cursor in the sentence holding ``words`` and press ``r``."""
    reader.view.move_to(reader.article.body.index(words))
    await pilot.press("r")
    await workers_done(app)
    await pilot.pause()
    panel = reader.query_one(RelatedPanel)
    assert panel.has_class("-open") and panel.has_focus
    return panel


def entries(panel: RelatedPanel) -> list[str]:
    return [
        str(panel.get_option_at_index(i).prompt)
        for i in range(panel.option_count)
        if (panel.get_option_at_index(i).id or "").startswith("r")
    ]


@async_test
async def test_r_shows_the_troop_claim_in_another_outlet_and_enter_goes_there(app) -> None:
    async with running(app) as pilot:
        reader = await open_row(app, pilot, BAPERA)
        panel = await related_of(app, pilot, reader, "Para analis menilai")
        shown = entries(panel)
        assert shown and all(GEOSURVEY in line for line in shown)
        assert any("hampir 12.000 tentara" in line for line in shown)
        assert any(
            "✓ >10,000 troops and <~12,000 troops can both be true" in line for line in shown
        )
        assert "Enter opens one" in status(app, "#reader-status")
        cursor = reader.view.cursor
        first = panel.passages[0]
        await pilot.press("enter")
        await pilot.pause()
        opened = app.screen
        assert isinstance(opened, ReaderScreen) and opened is not reader
        assert opened.article.id == first.article_id
        assert opened.view.selection == (first.start, first.end), "the passage stands out"
        await pilot.press("ctrl+o")
        await pilot.pause()
        back = app.screen
        assert isinstance(back, ReaderScreen) and back.article.id == reader.article.id
        assert back.view.cursor == cursor
        await pilot.press("q")
        assert app.screen is app.library, "jumps replace the reader: q still goes to the library"


@async_test
async def test_the_meeting_day_is_marked_as_a_conflict(app) -> None:
    async with running(app) as pilot:
        reader = await open_row(app, pilot, BAPERA)
        panel = await related_of(app, pilot, reader, "bertemu dengan Menteri Pertahanan Rusia")
        conflicting = [line for line in entries(panel) if "✗ CONFLICT" in line]
        assert conflicting
        assert "Friday is not Saturday" in conflicting[0]
        assert "with conflicting figures" in status(app, "#reader-status")


@async_test
async def test_ctrl_o_comes_back_after_o_in_the_entity_list(app) -> None:
    async with running(app) as pilot:
        reader = await open_row(app, pilot, "KOMPAS.TV")
        await workers_done(app)
        await pilot.pause()
        reader.view.move_to(200)
        cursor, article_id = reader.view.cursor, reader.article.id
        await pilot.press("P")
        panel = reader.entity_panel
        (index,) = [
            i
            for i in range(panel.option_count)
            if str(panel.get_option_at_index(i).prompt).startswith("Kim Jong Un ")
        ]
        panel.highlighted = index
        await pilot.press("o")
        others = [
            panel.get_option_at_index(i).id
            for i in range(panel.option_count)
            if (panel.get_option_at_index(i).id or "").startswith("a")
        ]
        panel.highlighted = panel.get_option_index(others[0])
        await pilot.press("enter")
        await workers_done(app)
        await pilot.pause()
        assert app.screen.article.id != article_id
        app.screen.view.focus()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.screen.article.id == article_id
        assert app.screen.view.cursor == cursor


@async_test
async def test_ctrl_o_with_nowhere_to_go_says_so(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, BAPERA)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "No earlier place to go back to" in status(app, "#reader-status")


@async_test
async def test_the_passage_s_own_figures_show_in_a_narrow_terminal(app) -> None:
    async with running(app, SMALL) as pilot:
        reader = await open_row(app, pilot, BAPERA)
        panel = await related_of(app, pilot, reader, "Para analis menilai")
        await pilot.pause()
        shown = [panel.render_line(y).text.strip() for y in range(panel.size.height)]
        # The heading wraps to more lines in the narrow panel; none of them is cut.
        assert ">10,000 troops" in shown, shown


@async_test
async def test_every_article_s_sentences_are_read_in_the_background_before_r(app) -> None:
    # Read at the first `r` instead, a newsroom's 100,000 articles kept the user waiting.
    async with running(app) as pilot:
        await workers_done(app)
        await pilot.pause()
        with app.workspace.database.connection() as connection:
            read = connection.execute("SELECT count(*) FROM sentence_articles").fetchone()[0]
        assert read == app.workspace.count() == 5
        assert "Reading sentences" not in status(app, "#library-status")

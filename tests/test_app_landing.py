"""Where things land: a search match with its lines around it, readable under a selection,
a long quote cut with an ellipsis, the entity list's other articles on one line each."""

from __future__ import annotations

import re

import pytest

from tests.annotate_helpers import claim_form, open_first
from tests.pilot_helpers import SMALL, async_test, running, style_at, workers_done
from tui.widgets.article_view import JUMP_MARGIN


@pytest.fixture
def app(make_app):
    return make_app()


@async_test
async def test_a_search_match_lands_clear_of_the_bottom_edge(app) -> None:
    async with running(app, SMALL) as pilot:
        reader = await open_first(app, pilot)
        view = reader.view
        body = reader.article.body
        word = "Putin"
        first = body.index(word)
        assert view.line_of(first) >= view.size.height, "the first match is below the fold"
        await pilot.press("slash", *word, "enter")
        await pilot.pause()
        row = view.line_of(view.cursor) - view.scroll_offset.y
        assert view.cursor == first
        assert JUMP_MARGIN <= row < view.size.height - JUMP_MARGIN
        for _ in range(3):
            await pilot.press("n")
            row = view.line_of(view.cursor) - view.scroll_offset.y
            assert JUMP_MARGIN <= row < view.size.height - JUMP_MARGIN or view.scroll_offset.y in (
                0,
                view.max_scroll_y,
            )


@async_test
async def test_the_current_match_inside_a_selection_keeps_its_own_colours(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        view = reader.view
        await pilot.press("slash", *"kuat", "enter")
        await pilot.pause()
        match = view.cursor
        current = view.get_component_rich_style("article-view--match-current")
        await pilot.press("g", "V")  # the first paragraph, which holds the match
        start, end = view.selection
        assert start <= match < end
        view.set_current_match((match, match + 4))
        await pilot.pause()
        style = style_at(view, match + 1)
        assert style.bgcolor == current.bgcolor and style.color == current.color


@async_test
async def test_a_long_quote_in_the_claim_form_ends_with_an_ellipsis(app) -> None:
    async with running(app, SMALL) as pilot:
        reader = await open_first(app, pilot)
        body = reader.article.body
        reader.view.select(0, len(body) // 2)  # far more than three lines
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        quote = claim_form(app).query_one("#quote")
        lines = str(quote.render()).split("\n")
        assert len(lines) == 3 and quote.size.height == 3
        assert lines[0].startswith("“Hubungan militer")
        assert lines[-1].endswith("…”")
        assert all(len(line) <= quote.size.width for line in lines)


@async_test
async def test_other_articles_of_a_key_take_one_line_each(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        await workers_done(app)  # its entities, then the corpus index
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        panel = reader.entity_panel
        (index,) = [
            i
            for i in range(panel.option_count)
            if str(panel.get_option_at_index(i).prompt).startswith("Kim Jong Un ")
        ]
        panel.highlighted = index
        await pilot.press("o")
        await pilot.pause()
        lines = [panel.render_line(y).text.rstrip() for y in range(panel.size.height)]
        arrows = [line for line in lines if "→" in line]
        assert len(arrows) == 4
        assert all(re.search(r" ×\d+$", line) for line in arrows), arrows
        assert not any(re.fullmatch(r"\s*…?\s*×\d+", line) for line in lines), lines

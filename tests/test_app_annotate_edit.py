"""Editing, deleting, undo and redo, jumping and the panel, driven like a user would.

After each step the store (and a fresh store on the same data folder, to prove
it is on disk) holds exactly what the screen shows.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select, TextArea

from tests.annotate_helpers import (
    claim_form,
    claim_span,
    drawn,
    fill_claim,
    note_form,
    open_first,
    panel_entries,
    sentences,
    stored,
)
from tests.pilot_helpers import SMALL, async_test, running, status


@pytest.fixture
def app(make_app):
    return make_app()


# --- editing -------------------------------------------------------------------------------


@async_test
async def test_enter_on_a_claim_edits_it_in_place_with_a_newer_updated_time(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        await fill_claim(app, pilot, status="checking", speaker="KCNA", tags="militer")
        (before,) = stored(app, reader.article.id)
        await pilot.press("w", "enter")  # anywhere inside the claim
        await pilot.pause()
        form = claim_form(app)
        assert form.current is not None
        assert form.query_one("#status", Select).value == "checking"
        assert form.query_one("#speaker", Input).value == "KCNA"
        assert form.query_one("#tags", Input).value == "militer"
        await fill_claim(app, pilot, status="false")
        (after,) = stored(app, reader.article.id)
        assert after.id == before.id
        assert after.status == "false"
        assert (after.speaker, after.tags, after.selector) == (
            "KCNA",
            ("militer",),
            before.selector,
        )
        assert after.created == before.created
        assert after.updated > before.updated
        assert drawn(reader)[0][2] == "article-view--claim-false"
        assert panel_entries(reader)[0].startswith("◆ false")

        await pilot.press("enter")  # saving without a change writes nothing
        await pilot.pause()
        await fill_claim(app, pilot)
        assert stored(app, reader.article.id) == [after]


@async_test
async def test_enter_where_there_is_no_annotation_only_says_so(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is reader
        assert "No claim or note under the cursor" in status(app, "#reader-status")


@async_test
async def test_the_panel_at_80_columns_opens_with_p_and_enter_jumps_to_the_claim(app) -> None:
    async with running(app, SMALL) as pilot:
        reader = await open_first(app, pilot)
        view = reader.view
        spans = sentences(reader, 3)
        await claim_span(app, pilot, *spans[2], status="false")
        await pilot.press("g")
        assert view.cursor == 0
        assert not reader.panel.has_class("-open"), "at 80 columns the panel starts closed"
        assert not reader.panel.display
        await pilot.press("p")
        assert reader.panel.has_class("-open") and reader.panel.has_focus
        (entry,) = panel_entries(reader)
        assert entry.startswith("◆ false") and "@tester" in entry
        reader.panel.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert view.has_focus
        assert view.cursor == spans[2][0]
        assert app.screen is reader
        await pilot.press("p")  # open but unfocused: p focuses it
        assert reader.panel.has_focus
        await pilot.press("p")  # focused: p closes it
        assert not reader.panel.has_class("-open") and view.has_focus
        await pilot.press("p", "escape")  # Esc in the panel goes back to the text
        assert view.has_focus and reader.panel.has_class("-open")
        assert app.screen is reader


@async_test
async def test_enter_on_an_article_note_in_the_panel_edits_it(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        await pilot.press("A", *"draf", "ctrl+s")
        await pilot.pause()
        (before,) = stored(app, reader.article.id)
        await pilot.press("p")
        assert reader.panel.has_focus
        reader.panel.highlighted = 1  # under the "Notes on the article" heading
        await pilot.press("enter")
        await pilot.pause()
        form = note_form(app)
        assert form.editing and form.quote is None
        assert form.query_one(TextArea).text == "draf"
        await pilot.press(*" kedua", "ctrl+s")
        await pilot.pause()
        (after,) = stored(app, reader.article.id)
        assert after.id == before.id and after.note == "draf kedua"
        assert after.selector is None


# --- deleting, undo and redo -----------------------------------------------------------


@async_test
async def test_x_deletes_u_brings_it_back_and_ctrl_r_deletes_it_again(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        article_id = reader.article.id
        await pilot.press("c")
        await pilot.pause()
        await fill_claim(app, pilot, status="false", speaker="KCNA", tags="a, b", note="cek")
        (claim,) = stored(app, article_id)
        await pilot.press("x")
        assert app.workspace.store.annotations(article_id) == [] == stored(app, article_id)
        assert drawn(reader) == []
        assert "Claim deleted · u undoes." in status(app, "#reader-status")
        await pilot.press("u")
        assert stored(app, article_id) == [claim], "the same claim, same id, every field"
        assert drawn(reader) == [
            (claim.selector.start, claim.selector.end, "article-view--claim-false")
        ]
        assert "Undone: delete claim." in status(app, "#reader-status")
        await pilot.press("ctrl+r")
        assert stored(app, article_id) == []
        assert "Redone: delete claim." in status(app, "#reader-status")
        await pilot.press("ctrl+z")
        assert stored(app, article_id) == [claim]
        await pilot.press("delete")
        assert stored(app, article_id) == []
        await pilot.press("x")
        assert "No claim or note under the cursor." in status(app, "#reader-status")


@async_test
async def test_undo_and_redo_an_added_claim(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        article_id = reader.article.id
        await pilot.press("c")
        await pilot.pause()
        await fill_claim(app, pilot, status="true")
        (claim,) = stored(app, article_id)
        await pilot.press("u")
        assert stored(app, article_id) == [] and drawn(reader) == []
        assert "Undone: add claim." in status(app, "#reader-status")
        assert "0 claims" in status(app, "#reader-status")
        await pilot.press("ctrl+y")
        assert stored(app, article_id) == [claim]
        assert "1 claim" in status(app, "#reader-status")
        await pilot.press("ctrl+r")
        assert "Nothing to redo." in status(app, "#reader-status")


@async_test
async def test_undo_and_redo_an_edit(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        article_id = reader.article.id
        await pilot.press("c")
        await pilot.pause()
        await fill_claim(app, pilot, status="checking")
        (original,) = stored(app, article_id)
        await pilot.press("enter")
        await pilot.pause()
        await fill_claim(app, pilot, status="true", speaker="Putin")
        (edited,) = stored(app, article_id)
        assert (edited.id, edited.status, edited.speaker) == (original.id, "true", "Putin")
        await pilot.press("u")
        (undone,) = stored(app, article_id)
        assert undone.user_fields() == original.user_fields()
        # The undo is a change of its own, kept in the claim's history.
        assert [e.note for e in undone.history] == ["", "undo"]
        assert drawn(reader)[0][2] == "article-view--claim-checking"
        assert "Undone: edit claim." in status(app, "#reader-status")
        await pilot.press("ctrl+r")
        (redone,) = stored(app, article_id)
        assert redone.user_fields() == edited.user_fields() and redone.revision == 4
        assert panel_entries(reader)[0].startswith("◆ true · factual · Putin")
        # A new change after an undo drops what could have been redone.
        await pilot.press("u", "x", "ctrl+r")
        assert stored(app, article_id) == []
        assert "Nothing to redo." in status(app, "#reader-status")


# --- jumping ---------------------------------------------------------------------------


@async_test
async def test_brackets_jump_between_claims_in_reading_order_and_wrap(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        view = reader.view
        await pilot.press("right_square_bracket")
        assert "No claims or notes in this article yet" in status(app, "#reader-status")
        spans = sentences(reader, 6)
        wanted = [spans[1], spans[3], spans[5]]
        for index, span in ((5, spans[5]), (1, spans[1]), (3, spans[3])):  # not in order
            await claim_span(app, pilot, *span, status="false" if index == 3 else "checking")
        await pilot.press("A", *"umum", "ctrl+s")  # an article note is not in the text
        await pilot.pause()
        await pilot.press("g")
        assert view.cursor == 0
        seen = []
        for _ in range(4):
            await pilot.press("right_square_bracket")
            seen.append(view.cursor)
        assert seen == [wanted[0][0], wanted[1][0], wanted[2][0], wanted[0][0]]
        assert "Claim · checking" in status(app, "#reader-status")
        seen = []
        for _ in range(3):
            await pilot.press("left_square_bracket")
            seen.append(view.cursor)
        assert seen == [wanted[2][0], wanted[1][0], wanted[0][0]]
        assert "Claim · checking" in status(app, "#reader-status")
        await pilot.press("right_square_bracket")
        assert "Claim · false" in status(app, "#reader-status")
        # The panel lists them in the same reading order, then the article note.
        entries = panel_entries(reader)
        quotes = [reader.article.body[s:e] for s, e in wanted]
        for entry, quote in zip(entries[:3], quotes, strict=True):
            assert " ".join(quote.split())[:30] in entry
        assert entries[3] == "Notes on the article"


@async_test
async def test_undo_still_works_after_leaving_the_article_and_coming_back(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        article_id = reader.article.id
        await pilot.press("c")
        await pilot.pause()
        await fill_claim(app, pilot, status="false")
        await pilot.press("q")
        await pilot.pause()
        reader = await open_first(app, pilot)
        assert len(reader.annotations.claims) == 1
        await pilot.press("u")
        assert stored(app, article_id) == []
        assert "Undone: add claim." in status(app, "#reader-status")


@async_test
async def test_keymap_toml_rebinds_the_annotation_keys(make_app, tmp_path) -> None:
    keymap = tmp_path / "config" / "keymap.toml"
    keymap.parent.mkdir()
    keymap.write_text(
        '[keys]\n"reader.claim" = "ctrl+k"\n"reader.next-annotation" = "ctrl+n"\n',
        encoding="utf-8",
    )
    app = make_app(keymap=keymap)
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        await pilot.press("ctrl+k")
        await pilot.pause()
        claim_form(app)
        await fill_claim(app, pilot, status="false")
        (claim,) = stored(app, reader.article.id)
        await pilot.press("G", "ctrl+n")
        assert reader.view.cursor == claim.selector.start

"""Handing work over from the app: the export dialog, and copying a claim with its citation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select, TextArea

from store.exchange.citation import quotation
from tests.annotate_helpers import fill_claim, note_form, open_first
from tests.pilot_helpers import async_test, running, workers_done
from tui.screens.export_dialog import ExportDialog
from tui.screens.library import LibraryScreen


@pytest.fixture
def app(make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)  # the dialog proposes a file in the working folder
    return make_app()


async def _claim_second_sentence(app, pilot) -> None:
    reader = await open_first(app, pilot)
    await pilot.press("right_parenthesis", "c")
    await pilot.pause()
    await fill_claim(app, pilot, status="false")
    return reader


async def _open_dialog(app, pilot) -> ExportDialog:
    await pilot.press("q")
    await pilot.pause()
    assert isinstance(app.screen, LibraryScreen)
    await pilot.press("e")
    await pilot.pause()
    await workers_done(app)
    await pilot.pause()
    assert isinstance(app.screen, ExportDialog)
    return app.screen


@async_test
async def test_y_copies_the_claim_under_the_cursor_with_its_citation(app) -> None:
    async with running(app) as pilot:
        reader = await _claim_second_sentence(app, pilot)
        claim = reader.annotations.claims[0]
        reader.view.move_to(claim.selector.start + 3)
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == quotation(reader.article, claim.quote, claim.speaker)
        assert app.clipboard.startswith("“" + claim.quote)
        # The article is Indonesian: so is its citation, with the byline it names.
        assert "— KOMPAS.TV" in app.clipboard and "19 Juli 2024" in app.clipboard
        assert "oleh Haryo Jati" in app.clipboard and "seeds" not in app.clipboard
        assert "Copied" in str(reader.query_one("#reader-status").content)


@async_test
async def test_y_copies_a_selection_and_clears_it(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        await pilot.press("v", "w", "w", "e")
        start, end = reader.view.selection
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.startswith("“" + reader.article.body[start:end] + "”")
        assert reader.view.selection is None


@async_test
async def test_the_dialog_counts_what_it_will_write_then_writes_it(app, tmp_path: Path) -> None:
    async with running(app) as pilot:
        await _claim_second_sentence(app, pilot)
        dialog = await _open_dialog(app, pilot)
        assert "1 article, 1 claim, 0 notes" in str(dialog.query_one("#preview").content)
        path = Path(dialog.query_one("#path", Input).value)
        assert path.parent == tmp_path and path.suffix == ".json"
        await pilot.press("ctrl+s")
        await workers_done(app)
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["totals"]["claims"] == 1
        assert data["articles"][0]["annotations"][0]["status"] == "false"
        assert any(str(path) in n.message for n in app.notices.items())


@async_test
async def test_choosing_csv_changes_the_suffix_and_an_existing_file_needs_a_second_press(
    app, tmp_path: Path
) -> None:
    async with running(app) as pilot:
        await _claim_second_sentence(app, pilot)
        dialog = await _open_dialog(app, pilot)
        dialog.query_one("#format", Select).value = "csv"
        await pilot.pause()
        path = Path(dialog.query_one("#path", Input).value)
        assert path.suffix == ".csv"
        path.write_text("keep me", encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == "keep me"
        assert "exists: Export again" in str(dialog.query_one("#where").content)
        await pilot.press("ctrl+s")
        await workers_done(app)
        await pilot.pause()
        assert path.read_text(encoding="utf-8").startswith("\ufeffannotation_id,")


@async_test
async def test_the_current_filter_limits_the_export(app) -> None:
    async with running(app) as pilot:
        await _claim_second_sentence(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("slash", *"bapera", "enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        assert "Nothing to export" in str(app.screen.query_one("#preview").content)


@async_test
async def test_the_dialog_counts_what_the_chosen_format_will_write(app, tmp_path: Path) -> None:
    async with running(app) as pilot:
        reader = await _claim_second_sentence(app, pilot)  # a claim found false
        await pilot.press("right_parenthesis", "c")  # the next sentence: a claim still checked
        await pilot.pause()
        await fill_claim(app, pilot, status="checking")
        await pilot.press("A")  # and a note on the whole article
        await pilot.pause()
        note_form(app).query_one("#note", TextArea).text = "Sumber kedua belum ada."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(reader.annotations.claims) == 2
        dialog = await _open_dialog(app, pilot)
        preview = dialog.query_one("#preview")
        assert "1 article, 2 claims, 1 note" in str(preview.content)
        dialog.query_one("#format", Select).value = "claimreview"
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        shown = str(preview.content)
        assert "Will write 1 review (ClaimReview) of 1 article." in shown
        assert "Left out: 1 note: a note is not a review" in shown
        assert "Left out: 1 claim: no verdict yet (checking)" in shown
        assert "Left out: 1 review: no url" in shown
        assert dialog.query_one("#bom", Checkbox).disabled  # a CSV option only
        path = Path(dialog.query_one("#path", Input).value)
        assert path.suffix == ".jsonld"
        await pilot.press("ctrl+s")
        await workers_done(app)
        await pilot.pause()
        (review,) = json.loads(path.read_text(encoding="utf-8"))
        assert review["reviewRating"]["alternateName"] == "False"
        assert any("Wrote 1 review (ClaimReview)" in n.message for n in app._notifications)

"""Controls that say what they do: ticks, footers, and an export dialog that asks first."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Select

from tests.annotate_helpers import claim_form, fill_claim, open_first
from tests.pilot_helpers import async_test, open_row, running, workers_done
from tui.screens.entity_form import EntityForm
from tui.screens.export_dialog import ExportDialog, default_path
from tui.screens.library import LibraryScreen
from tui.widgets.tickbox import TickBox


@pytest.fixture
def app(make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)  # the export dialog proposes a file in the working folder
    return make_app()


def footer_keys(app) -> list[str]:
    """What the footer of the screen shown offers, as ``key description``."""
    return [f"{k.key_display} {k.description}" for k in app.screen.query("FooterKey")]


@async_test
async def test_an_unticked_box_draws_empty_and_a_ticked_one_draws_its_tick(app) -> None:
    async with running(app) as pilot:
        reader = await open_row(app, pilot, "KOMPAS.TV")
        await workers_done(app)
        await pilot.pause()
        kim = next(e for e in reader.entities if e.text == "Kim Jong-un")
        reader.view.move_to(kim.start)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, EntityForm)
        every = app.screen.query_one("#every", TickBox)
        assert str(every.render()).startswith("[ ] every mention of Kim Jong Un")
        every.focus()
        await pilot.press("space")
        assert every.value and str(every.render()).startswith("[x] every mention")


@async_test
async def test_an_open_form_shows_its_own_keys_and_q_is_typed_not_obeyed(app) -> None:
    async with running(app) as pilot:
        await open_first(app, pilot)
        assert "q Library" in footer_keys(app)
        await pilot.press("c")
        await pilot.pause()
        form = claim_form(app)
        keys = footer_keys(app)
        assert "^s Save" in keys and "esc Cancel" in keys
        assert not any(k.endswith(("Library", "Claim", "Take theirs")) for k in keys)
        await pilot.press("tab", "tab", "q")  # into the speaker field
        assert form.query_one("#speaker", Input).value == "q"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert footer_keys(app)[-2:] != keys[-2:]  # back in the reader: its keys again


async def export_dialog(app, pilot) -> ExportDialog:
    await open_first(app, pilot)
    await pilot.press("right_parenthesis", "c")
    await pilot.pause()
    await fill_claim(app, pilot, status="false")
    await pilot.press("q", "e")
    await pilot.pause()
    await workers_done(app)
    await pilot.pause()
    assert isinstance(app.screen, ExportDialog)
    return app.screen


@async_test
async def test_the_export_dialog_starts_on_what_to_export_and_enter_does_not_write(
    app, tmp_path: Path
) -> None:
    async with running(app) as pilot:
        dialog = await export_dialog(app, pilot)
        assert app.focused is dialog.query_one("#set", Select)
        box = dialog.query_one("#path", Input)
        box.focus()
        box.value = str(tmp_path / "out.json")
        await pilot.press("enter")
        await pilot.pause()
        assert not (tmp_path / "out.json").exists(), "Enter ends the typing, it does not write"
        assert app.focused is dialog.query_one("#export", Button)
        assert "^s Export" in footer_keys(app)
        await pilot.press("enter")
        await workers_done(app)
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert json.loads((tmp_path / "out.json").read_text())["totals"]["claims"] == 1


@async_test
async def test_a_missing_folder_is_said_beforehand_and_created(app, tmp_path: Path) -> None:
    async with running(app) as pilot:
        dialog = await export_dialog(app, pilot)
        target = tmp_path / "laporan" / "desember" / "klaim.csv"
        dialog.query_one("#format", Select).value = "csv"
        dialog.query_one("#path", Input).value = str(target)
        await pilot.pause()
        where = str(dialog.query_one("#where").render())
        assert where == f"The folder {target.parent} does not exist: Export creates it."
        assert "exists:" not in where
        await pilot.press("ctrl+s")
        await workers_done(app)
        await pilot.pause()
        assert target.read_text(encoding="utf-8-sig").startswith("annotation_id,")


@async_test
async def test_w3c_and_claimreview_are_offered_different_files(app, tmp_path: Path) -> None:
    async with running(app) as pilot:
        dialog = await export_dialog(app, pilot)
        box = dialog.query_one("#path", Input)
        fmt = dialog.query_one("#format", Select)
        names = {}
        for name in ("w3c", "claimreview", "csv", "json"):
            fmt.value = name
            await pilot.pause()
            names[name] = Path(box.value).name
        today = f"{date.today():%Y-%m-%d}"
        assert names == {
            "w3c": f"sorot-export-{today}-w3c.jsonld",
            "claimreview": f"sorot-export-{today}-claimreview.jsonld",
            "csv": f"sorot-export-{today}.csv",
            "json": f"sorot-export-{today}.json",
        }
        # A name the user typed is kept; only its suffix follows the format.
        box.value = str(tmp_path / "mine.json")
        fmt.value = "w3c"
        await pilot.pause()
        assert Path(box.value).name == "mine.jsonld"
        assert default_path("w3c").parent == tmp_path

"""Nothing typed twice: letters pick options, the last claim's type and speaker carry over,
tags complete, one key sets a status, the theme and the last article are remembered, drafts
are marked, and the filter words are where the filter is."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Input, Select

from store.annotations.drafts import Draft
from store.files.settings import settings_path
from tests.annotate_helpers import claim_form, fill_claim, open_first
from tests.pilot_helpers import article_list, async_test, list_lines, open_row, running, status
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.screens.status_picker import StatusPicker, status_keys


@pytest.fixture
def app(make_app):
    return make_app()


def stored_claims(app, reader: ReaderScreen):
    return [a for a in app.workspace.store.annotations(reader.article.id) if a.kind == "claim"]


@async_test
async def test_letters_pick_the_type_and_the_status_without_opening_the_lists(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        # c and the letters behind it in one burst, as over SSH.
        await pilot.press("c", "s", "tab", "m", "m")
        await pilot.pause()
        form = claim_form(app)
        assert form.query_one("#claim-type", Select).value == "statistic"
        assert form.query_one("#status", Select).value == "misleading", "m, m: the second m…"
        await pilot.press("f", "ctrl+s")
        await pilot.pause()
        (claim,) = stored_claims(app, reader)
        assert (claim.claim_type, claim.status) == ("statistic", "false")


@async_test
async def test_a_new_claim_starts_with_the_last_type_and_speaker_but_no_verdict(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        await fill_claim(app, pilot, claim_type="statistic", speaker="KCNA", status="false")
        await pilot.press("right_parenthesis", "right_parenthesis", "c")
        await pilot.pause()
        form = claim_form(app)
        assert form.query_one("#claim-type", Select).value == "statistic"
        assert form.query_one("#speaker", Input).value == "KCNA"
        assert form.query_one("#status", Select).value == "unverified"
        assert "type and speaker as your last claim" in form.query_one("Vertical").border_title
        await pilot.press("escape")  # nothing typed: it closes at once
        await pilot.pause()
        assert app.screen is reader
        # Another article: the type carries over (this session), the speaker does not.
        await pilot.press("q")
        await pilot.pause()
        await open_row(app, pilot, "BaperaNews")
        await pilot.press("c")
        await pilot.pause()
        form = claim_form(app)
        assert form.query_one("#claim-type", Select).value == "statistic"
        assert form.query_one("#speaker", Input).value == ""


@async_test
async def test_tags_complete_from_the_tags_in_use(app) -> None:
    async with running(app) as pilot:
        await open_first(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        await fill_claim(app, pilot, tags="angka-pasukan, Korea")
        await pilot.press("right_parenthesis", "c")
        await pilot.pause()
        form = claim_form(app)
        tags = form.query_one("#tags", Input)
        tags.focus()
        await pilot.press(*"kor")
        await pilot.pause()
        await pilot.press("right")  # takes the completion
        await pilot.press(*", ang")
        await pilot.pause()
        await pilot.press("right")
        assert tags.value == "Korea, angka-pasukan"


@async_test
async def test_s_then_one_letter_sets_the_status_of_the_claim_under_the_cursor(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        await pilot.press("S")
        assert "No claim under the cursor" in status(app, "#reader-status")
        await pilot.press("c")
        await pilot.pause()
        await fill_claim(app, pilot)
        await pilot.press("S")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, StatusPicker)
        await pilot.press("f")
        await pilot.pause()
        assert app.screen is reader
        (claim,) = stored_claims(app, reader)
        assert claim.status == "false"
        assert "Status: false (was unverified) · u undoes." in status(app, "#reader-status")
        await pilot.press("u")
        assert stored_claims(app, reader)[0].status == "unverified"


def test_each_status_has_its_own_letter() -> None:
    keys = status_keys(
        ("unverified", "checking", "true", "mostly true", "misleading", "false", "unproven")
    )
    assert keys == {
        "u": "unverified",
        "c": "checking",
        "t": "true",
        "m": "mostly true",
        "i": "misleading",
        "f": "false",
        "n": "unproven",
    }


@async_test
async def test_the_theme_chosen_is_kept_for_the_next_start(make_app) -> None:
    app = make_app()
    async with running(app) as pilot:
        for theme in ("gruvbox", "dracula", "nord"):  # the palette previews as it moves
            app.theme = theme
        await pilot.pause(1.3)
        assert settings_path().read_text(encoding="utf-8") == 'theme = "nord"\n'
        app.theme = "gruvbox"  # chosen just before quitting: still kept
    assert 'theme = "gruvbox"' in settings_path().read_text(encoding="utf-8")
    again = make_app()
    async with running(again):
        assert again.theme == "gruvbox"


@async_test
async def test_the_library_opens_on_the_article_last_read(make_app) -> None:
    app = make_app()
    async with running(app) as pilot:
        await open_row(app, pilot, "BaperaNews")
        await pilot.press("q")
        await pilot.pause()
    again = make_app()
    async with running(again):
        assert article_list(again).current.outlet == "BaperaNews"
        assert article_list(again).cursor > 0


@async_test
async def test_an_article_with_an_unsaved_draft_is_marked_in_the_library(make_app) -> None:
    app = make_app()
    async with running(app) as pilot:
        reader = await open_row(app, pilot, "KOMPAS.TV")
        await pilot.press("q")
        await pilot.pause()
        app.workspace.drafts.keep(reader.article.id, Draft("note", None, None, "", note="belum"))
        app.library.refresh_drafts()
        app.library.refilter()
        await pilot.pause()
        (row,) = [line for line in list_lines(app) if "KOMPAS.TV" in line]
        assert row.startswith(" *")
        assert status(app, "#library-status").startswith("* unsaved work kept here: Enter reopens")
        assert not any(line.startswith(" *") for line in list_lines(app) if line != row)


@async_test
async def test_the_filter_words_are_in_the_placeholder_and_in_help(app) -> None:
    async with running(app) as pilot:
        placeholder = app.screen.query_one("#library-filter", Input).placeholder
        assert all(word in placeholder for word in ("has:claims", "status:", "entity:", "?"))
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        shown = "\n".join(
            "".join(strip.text for strip in w.render_lines(Region(0, 0, w.size.width, 40)))
            for w in help_screen.query("Static")
        )
        assert "Filter words" in shown
        for word in ("has:", "no:", "status:", "entity:", "speaker:", "since:", "orphaned:"):
            assert word in shown, word


def test_a_theme_saved_under_a_name_sorot_does_not_know_is_said_not_fatal(
    make_app, isolated_home: Path
) -> None:
    config = settings_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('theme = "no-such-theme"\n', encoding="utf-8")

    @async_test
    async def run() -> None:
        app = make_app()
        async with running(app):
            assert any("no theme called 'no-such-theme'" in n.message for n in app.notices.items())
            assert app.theme == "textual-dark"

    run()


def test_letters_step_through_the_options_starting_so_and_a_burst_spells_a_start() -> None:
    from tui.widgets.choice import pick

    statuses = ["unverified", "checking", "true", "mostly true", "misleading", "false"]
    assert pick(statuses, 0, "m") == 3
    assert pick(statuses, 3, "mm") == 4, "the same letter again: the next one"
    assert pick(statuses, 4, "m") == 3, "and round again"
    assert pick(statuses, 0, "mi") == 4
    assert pick(["mostly true", "false"], 1, "tru") == 0, "a word of the option"
    assert pick(statuses, 0, "x") is None

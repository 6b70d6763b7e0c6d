"""A claim and a note on one sentence: Enter and x reach either, ] and [ say which one."""

from __future__ import annotations

import pytest

from tests.annotate_helpers import claim_form, fill_claim, note_form, open_first, sentences
from tests.pilot_helpers import async_test, running, status
from tui.screens.reader import ReaderScreen


@pytest.fixture
def app(make_app):
    return make_app()


async def claim_and_note_on_one_sentence(app, pilot) -> tuple[ReaderScreen, tuple[int, int]]:
    """Mark the third sentence as a claim by KCNA, then write a note on it too."""
    reader = await open_first(app, pilot)
    span = sentences(reader, 3)[2]
    reader.view.move_to(span[0])
    await pilot.press("c")
    await pilot.pause()
    await fill_claim(app, pilot, speaker="KCNA", status="checking")
    await pilot.press("a", *"cek angka", "ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, ReaderScreen)
    return reader, span


def kinds(reader: ReaderScreen) -> list[str]:
    return sorted(a.kind for a in reader.annotations.items)


@async_test
async def test_brackets_step_onto_the_claim_and_the_note_of_one_sentence_and_say_which(
    app,
) -> None:
    async with running(app) as pilot:
        reader, span = await claim_and_note_on_one_sentence(app, pilot)
        await pilot.press("g", "right_square_bracket")
        first = status(app, "#reader-status")
        assert reader.view.cursor == span[0]
        await pilot.press("right_square_bracket")
        second = status(app, "#reader-status")
        # Both start on the same character: the cursor stays, the status line moves on.
        assert reader.view.cursor == span[0]
        # In reading order the claim comes first; under the cursor the newer note is on top.
        assert first.startswith("Claim · checking · factual · KCNA · 2 of 2 here")
        assert second.startswith("Note “cek angka” · 1 of 2 here")
        assert "Enter edits this one, ] the next" in first


@async_test
async def test_enter_edits_the_one_the_brackets_landed_on(app) -> None:
    async with running(app) as pilot:
        reader, _span = await claim_and_note_on_one_sentence(app, pilot)
        opened = []
        for _ in range(2):
            await pilot.press("right_square_bracket", "enter")
            await pilot.pause()
            form = app.screen
            opened.append(type(form).__name__)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is reader
        assert sorted(opened) == ["ClaimForm", "NoteForm"]


@async_test
async def test_without_a_jump_enter_takes_the_newest_and_x_says_what_is_left(app) -> None:
    async with running(app) as pilot:
        reader, span = await claim_and_note_on_one_sentence(app, pilot)
        reader.view.move_to(span[0] + 5)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        note_form(app)  # the note was written last: it is on top
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("x")
        assert kinds(reader) == ["claim"]
        assert "Note deleted · u undoes. Claim · checking" in status(app, "#reader-status")
        await pilot.press("enter")
        await pilot.pause()
        claim_form(app)


@async_test
async def test_x_deletes_the_claim_landed_on_and_the_note_stays(app) -> None:
    async with running(app) as pilot:
        reader, _span = await claim_and_note_on_one_sentence(app, pilot)
        await pilot.press("g", "right_square_bracket")
        if "Note" in status(app, "#reader-status"):
            await pilot.press("right_square_bracket")
        await pilot.press("x")
        assert kinds(reader) == ["note"]
        assert "Claim deleted · u undoes. Note “cek angka” is still here." in status(
            app, "#reader-status"
        )

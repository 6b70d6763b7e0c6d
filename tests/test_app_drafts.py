"""A claim or note half written when sorot goes away comes back on the next opening.

The connection drops (the app's hang-up handler runs), the user quits with
ctrl+q, or the process dies between two of the reader's periodic saves: the
form's content is kept per user and article, and reopening the article opens
the form again with it. Saving or cancelling that form ends the draft.
"""

from __future__ import annotations

import time

import pytest
from textual.widgets import Input, Select, TextArea

from store.annotations.drafts import Draft, Drafts
from tests.annotate_helpers import claim_form, note_form, stored
from tests.pilot_helpers import article_list, async_test, notes, open_row, running
from tui.screens.reader import ReaderScreen
from tui.screens.reader_common import SAVE_DELAY

KOMPAS = "KOMPAS.TV"
NOTE = "Cek angka ini dengan data Kementerian Pertahanan."


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


def drafts_of(data) -> Drafts:
    return Drafts(data, "tester")


async def soon(pilot, what, seconds: float = 10 * SAVE_DELAY):
    """``what()`` once it is truthy; waits no longer than ``seconds`` (a loaded machine)."""
    deadline = time.monotonic() + seconds
    while not (found := what()) and time.monotonic() < deadline:
        await pilot.pause(0.1)
    return found


async def reopen(app, pilot) -> None:
    """Open the KOMPAS.TV article, where a draft may put its form over the reader."""
    widget = article_list(app)
    widget.cursor = next(
        row for row in range(len(widget.rows)) if widget.rows[row].outlet == KOMPAS
    )
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


async def start_claim(app, pilot) -> ReaderScreen:
    reader = await open_row(app, pilot, KOMPAS)
    await pilot.press("c")
    await pilot.pause()
    form = claim_form(app)
    form.query_one("#status", Select).value = "false"
    form.query_one("#speaker", Input).value = "KCNA"
    form.query_one("#note", TextArea).text = NOTE
    return reader


@async_test
async def test_a_claim_half_written_when_the_terminal_hangs_up_is_offered_again(
    make_app, data
) -> None:
    app = make_app(data_dir=data)
    async with running(app) as pilot:
        reader = await start_claim(app, pilot)
        article_id = reader.article.id
        quote = claim_form(app).quote
        app._terminal_gone()  # what a dropped connection runs
        await pilot.pause()
    draft = drafts_of(data).get(article_id)
    assert draft is not None and (draft.status, draft.speaker, draft.note) == (
        "false",
        "KCNA",
        NOTE,
    )
    assert stored(app, article_id) == []  # a draft, not a claim

    again = make_app(data_dir=data)
    async with running(again) as pilot:
        await reopen(again, pilot)
        form = claim_form(again)
        assert form.quote == quote
        assert form.query_one("#status", Select).value == "false"
        assert form.query_one("#speaker", Input).value == "KCNA"
        assert form.query_one("#note", TextArea).text == NOTE
        assert any("claim you had not saved is back" in n for n in notes(again))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(again.screen, ReaderScreen)
    (claim,) = stored(again, article_id)
    assert (claim.status, claim.speaker, claim.note, claim.quote) == ("false", "KCNA", NOTE, quote)
    assert drafts_of(data).get(article_id) is None


@async_test
async def test_quitting_with_a_note_open_keeps_it_and_esc_then_discards_it(make_app, data) -> None:
    app = make_app(data_dir=data)
    async with running(app) as pilot:
        reader = await open_row(app, pilot, KOMPAS)
        article_id = reader.article.id
        await pilot.press("A", *"belum selesai")  # a note on the whole article
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert drafts_of(data).get(article_id).note == "belum selesai"  # type: ignore[union-attr]

    again = make_app(data_dir=data)
    async with running(again) as pilot:
        await reopen(again, pilot)
        form = note_form(again)
        assert form.quote is None and form.current_text() == "belum selesai"
        assert "not saved last time" in str(form.query_one("Vertical").border_title)
        await pilot.press("escape")
        await pilot.pause()
        assert again.screen is form, "restored work: the first Esc asks"
        assert drafts_of(data).get(article_id) is not None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(again.screen, ReaderScreen)
    assert drafts_of(data).get(article_id) is None
    assert stored(again, article_id) == []

    third = make_app(data_dir=data)
    async with running(third) as pilot:
        await reopen(third, pilot)
        assert isinstance(third.screen, ReaderScreen)  # nothing offered any more


@async_test
async def test_an_unsaved_edit_comes_back_as_an_edit_of_the_same_claim(make_app, data) -> None:
    app = make_app(data_dir=data)
    async with running(app) as pilot:
        reader = await start_claim(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        (claim,) = stored(app, reader.article.id)
        reader.view.move_to(claim.selector.start)  # type: ignore[union-attr]
        await pilot.press("enter")
        await pilot.pause()
        claim_form(app).query_one("#status", Select).value = "true"
        await pilot.press("ctrl+q")
        await pilot.pause()

    again = make_app(data_dir=data)
    async with running(again) as pilot:
        await reopen(again, pilot)
        form = claim_form(again)
        assert str(form.query_one("Vertical").border_title).startswith("Edit claim")
        assert form.query_one("#status", Select).value == "true"
        await pilot.press("ctrl+s")
        await pilot.pause()
    (edited,) = stored(again, claim.article_id)
    assert (edited.id, edited.status, edited.note) == (claim.id, "true", NOTE)


@async_test
async def test_a_form_left_as_it_opened_keeps_no_draft(make_app, data) -> None:
    app = make_app(data_dir=data)
    async with running(app) as pilot:
        reader = await open_row(app, pilot, KOMPAS)
        await pilot.press("c")
        await pilot.pause()
        app._terminal_gone()
        await pilot.pause()
    assert drafts_of(data).get(reader.article.id) is None


@async_test
async def test_the_reader_keeps_the_draft_every_few_seconds_while_the_form_is_open(
    make_app, data
) -> None:
    # What a kill -9 or a power cut leaves: the last periodic keep.
    app = make_app(data_dir=data)
    async with running(app) as pilot:
        reader = await start_claim(app, pilot)
        kept = await soon(pilot, lambda: drafts_of(data).get(reader.article.id))
        assert kept is not None and kept.note == NOTE
        # Put back as it opened: nothing is left to keep.
        form = claim_form(app)
        form.query_one("#note", TextArea).text = ""
        form.query_one("#speaker", Input).value = ""
        form.query_one("#status", Select).value = app.settings.statuses[0]
        await soon(pilot, lambda: drafts_of(data).get(reader.article.id) is None)
        assert drafts_of(data).get(reader.article.id) is None


@async_test
async def test_a_draft_whose_passage_is_gone_is_kept_and_said_so(make_app, data) -> None:
    app = make_app(data_dir=data)
    async with running(app) as pilot:
        reader = await open_row(app, pilot, KOMPAS)
        article_id = reader.article.id
    lost = Draft("claim", 10, 30, "Kalimat yang sudah dihapus dari artikel.", note=NOTE)
    drafts_of(data).keep(article_id, lost)

    again = make_app(data_dir=data)
    async with running(again) as pilot:
        await reopen(again, pilot)
        assert isinstance(again.screen, ReaderScreen)
        # The toast may cut a long path short ("… ctrl+l: whole"); the log of notices has it.
        logged = [n.message for n in again.notices.items()]
        assert any("no longer in this article" in n and str(data / "drafts") in n for n in logged)
        assert any("no longer in this article" in n for n in notes(again))
    assert drafts_of(data).get(article_id).note == NOTE  # type: ignore[union-attr]


@async_test
async def test_a_draft_that_cannot_be_kept_is_said_once_and_kept_once_it_can(
    make_app, data, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A full disk for a while: the reader says so once (not every few seconds), goes on
    # trying, and once the disk has room the draft is kept again, and that is said too.
    import errno
    import os

    from store.files import jsonfile

    real = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    app = make_app(data_dir=data)
    async with running(app) as pilot:
        reader = await start_claim(app, pilot)
        monkeypatch.setattr(jsonfile.os, "fsync", full)
        before = drafts_of(data).get(reader.article.id)  # (the timer may have been quicker)
        for _ in range(3):
            assert reader.keep_draft() is False
        await pilot.pause()
        failed = [n for n in notes(app) if n.startswith("Could not keep the unsaved work")]
        assert len(failed) == 1, "said once, not at each try"
        assert drafts_of(data).get(reader.article.id) == before
        monkeypatch.setattr(jsonfile.os, "fsync", real)
        assert reader.keep_draft() is True
        await pilot.pause()
        assert "The unsaved work is kept as a draft again." in notes(app)
        assert drafts_of(data).get(reader.article.id).note == NOTE

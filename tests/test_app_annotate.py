"""Marking claims and notes in the reader, driven like a user would.

Select by keys and by mouse, tag a claim in its form, write notes, edit,
delete, undo and redo, jump between annotations and use the panel; after each
step the store (and a fresh store on the same data folder, to prove it is on
disk) holds exactly what the screen shows.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, Select, TextArea

from store.news.textunits import TextUnits
from tests.annotate_helpers import (
    FIRST,
    claim_form,
    drawn,
    fill_claim,
    note_form,
    open_first,
    panel_entries,
    stored,
)
from tests.pilot_helpers import (
    async_test,
    highlighted,
    notes,
    open_row,
    running,
    status,
)
from tui.screens.note_form import NoteForm
from tui.screens.reader import ReaderScreen


@pytest.fixture
def app(make_app):
    return make_app()


# --- selecting and claiming --------------------------------------------------------------


@async_test
async def test_s_selects_the_sentence_and_c_saves_a_false_claim_with_speaker_and_tags(
    app,
) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        view, body = reader.view, reader.article.body
        first = TextUnits(body).sentence_at(0)
        assert first is not None and body[first[0] : first[1]].startswith(FIRST)
        await pilot.press("s")
        assert view.selection == first
        assert "SELECT" in status(app, "#reader-status")
        await pilot.press("c")
        await pilot.pause()
        form = claim_form(app)
        assert form.quote == body[first[0] : first[1]]
        assert app.focused is form.query_one("#claim-type", Select)
        # Status by keys: Tab to it, open it, down to "false" (sixth of the defaults), Enter.
        await pilot.press("tab", "enter")
        await pilot.pause()
        statuses = list(app.settings.statuses)
        await pilot.press(*["down"] * statuses.index("false"), "enter")
        await pilot.pause()
        assert form.query_one("#status", Select).value == "false"
        await pilot.press("tab", *"KCNA", "tab", *"troops, casualties ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is reader
        assert view.selection is None, "saving ends the selection"

        (claim,) = app.workspace.store.annotations(reader.article.id)
        assert claim.kind == "claim"
        assert claim.selector.exact == body[first[0] : first[1]]
        assert (claim.selector.start, claim.selector.end) == first
        assert claim.status == "false" and claim.claim_type == "factual"
        assert claim.speaker == "KCNA"
        assert claim.tags == ("troops", "casualties")
        assert claim.annotator == "tester"
        assert stored(app, reader.article.id) == [claim], "it is on disk"

        assert drawn(reader) == [(*first, "article-view--claim-false")]
        assert any(FIRST[40:60] in text for text in highlighted(view, first[0] + 40))
        assert reader.panel.has_class("-open"), "at 120 columns the panel is open"
        (entry,) = panel_entries(reader)
        assert entry.startswith("◆ false · factual · KCNA  @tester")
        assert FIRST[:40] in entry
        assert "1 claim · 0 notes" in status(app, "#reader-status")


@async_test
async def test_keys_typed_right_after_tab_land_in_the_next_field(app) -> None:
    # A fast typist's keys arrive together: Tab must move the focus before the
    # next ones are handed out, or they go to the field being left.
    async with running(app) as pilot:
        await open_first(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        for key in ("tab", "tab", "K", "C", "N", "A", "tab", "x", "shift+tab"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        form = claim_form(app)
        assert form.query_one("#speaker", Input).value == "KCNA"
        assert form.query_one("#tags", Input).value == "x"
        assert app.focused is form.query_one("#speaker", Input)


@async_test
async def test_the_status_line_says_claim_saved_after_claiming_a_selection(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        await pilot.press("s", "c")
        await pilot.pause()
        await fill_claim(app, pilot)
        assert len(app.workspace.store.annotations(reader.article.id)) == 1
        line = status(app, "#reader-status")
        assert "SELECT" not in line
        assert "Claim saved." in line, line


@async_test
async def test_c_without_a_selection_claims_the_sentence_under_the_cursor(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        view, body = reader.view, reader.article.body
        await pilot.press("right_parenthesis", "w", "w")  # inside the second sentence
        second = TextUnits(body).sentence_at(view.cursor)
        assert second is not None and second[0] > 0
        assert view.selection is None
        await pilot.press("c")
        await pilot.pause()
        assert claim_form(app).quote == body[second[0] : second[1]]
        await fill_claim(app, pilot, status="checking", claim_type="statistic")
        (claim,) = app.workspace.store.annotations(reader.article.id)
        assert claim.selector.exact == body[second[0] : second[1]]
        assert (claim.status, claim.claim_type, claim.speaker, claim.tags) == (
            "checking",
            "statistic",
            None,
            (),
        )
        assert drawn(reader) == [(*second, "article-view--claim-checking")]
        assert "Claim saved." in status(app, "#reader-status")


@async_test
async def test_visual_mode_extends_with_motions_and_c_claims_exactly_that_span(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        view, body = reader.view, reader.article.body
        units = TextUnits(body)
        await pilot.press("w")
        anchor = view.cursor
        await pilot.press("v")
        assert view.selection_anchor == anchor
        assert view.selection == (anchor, anchor + 1)
        end = anchor
        for _ in range(3):
            await pilot.press("w")
            end = units.next_word_start(end)
            assert view.selection == (anchor, end + 1)
        await pilot.press("e")  # to the end of that word: the span covers it whole
        end = units.word_end(end)
        assert view.selection == (anchor, end + 1)
        span = body[anchor : end + 1]
        assert span == "militer Rusia-Korea Utara semakin"
        assert span[:-1] in highlighted(view, anchor), "the selection is drawn"
        await pilot.press("c")
        await pilot.pause()
        assert claim_form(app).quote == span
        await fill_claim(app, pilot, status="misleading", note="hanya klaim sepihak")
        (claim,) = stored(app, reader.article.id)
        assert claim.selector.exact == span
        assert (claim.selector.start, claim.selector.end) == (anchor, end + 1)
        assert claim.note == "hanya klaim sepihak"
        assert drawn(reader) == [(anchor, end + 1, "article-view--claim-misleading")]
        assert "✎ hanya klaim sepihak" in panel_entries(reader)[0]


@async_test
async def test_escape_clears_a_selection_and_stays_in_the_reader(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        view = reader.view
        await pilot.press("v", "w", "w")
        assert view.selection is not None
        await pilot.press("escape")
        assert view.selection is None and view.selection_anchor is None
        assert app.screen is reader
        assert "SELECT" not in status(app, "#reader-status")
        await pilot.press("s")
        assert view.selection is not None
        await pilot.press("v")  # v again ends the selection too
        assert view.selection is None
        await pilot.press("escape")  # nothing left to clear: back to the library
        assert not isinstance(app.screen, ReaderScreen)


@async_test
async def test_shift_v_selects_the_paragraph_and_c_claims_it(app) -> None:
    async with running(app) as pilot:
        reader = await open_row(app, pilot, "BaperaNews")  # its first paragraph: two sentences
        view, body = reader.view, reader.article.body
        units = TextUnits(body)
        paragraph = units.paragraph_at(0)
        await pilot.press("right_parenthesis", "w")  # inside the second sentence
        sentence = units.sentence_at(view.cursor)
        assert paragraph[0] < sentence[0] and sentence[1] <= paragraph[1]
        await pilot.press("s")
        assert view.selection == sentence
        await pilot.press("V")
        assert view.selection == paragraph
        await pilot.press("c")
        await pilot.pause()
        await fill_claim(app, pilot, status="true")
        (claim,) = stored(app, reader.article.id)
        assert claim.selector.exact == body[paragraph[0] : paragraph[1]]
        assert "\n" not in claim.selector.exact


@async_test
async def test_a_mouse_drag_selects_and_c_claims_what_was_dragged_over(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        view, body = reader.view, reader.article.body
        top = view.line_of(0)  # the first line of the body, below the header
        margin = 1
        start = view.offset_at(top, 4)
        end = view.offset_at(top + 1, 9)
        assert start is not None and end is not None and end > start
        await pilot.mouse_down(view, offset=(margin + 4, top))
        assert view.cursor == start and view.selection is None
        await pilot.hover(view, offset=(margin + 12, top))
        assert view.selection == (start, view.offset_at(top, 12) + 1)
        await pilot.hover(view, offset=(margin + 9, top + 1))
        await pilot.mouse_up(view, offset=(margin + 9, top + 1))
        assert view.selection == (start, end + 1)
        await pilot.hover(view, offset=(margin + 20, top + 2))
        assert view.selection == (start, end + 1), "moving after the button is up selects nothing"
        await pilot.press("c")
        await pilot.pause()
        assert claim_form(app).quote == body[start : end + 1]
        await fill_claim(app, pilot, status="unproven")
        (claim,) = stored(app, reader.article.id)
        assert claim.selector.exact == body[start : end + 1]
        assert claim.selector.exact.startswith(FIRST[4:20])


@async_test
async def test_escape_in_the_claim_form_cancels_and_saves_nothing(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        await pilot.press("s", "c")
        await pilot.pause()
        form = claim_form(app)
        form.query_one("#speaker", Input).value = "KCNA"
        await pilot.press("escape")  # typed work: Esc asks first (vim users press it by reflex)
        await pilot.pause()
        assert app.screen is form
        assert "Discard what you typed?" in str(form.query_one("#problem").content)
        assert form.query_one("#speaker", Input).value == "KCNA"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is reader
        assert app.workspace.store.annotations(reader.article.id) == []
        assert stored(app, reader.article.id) == []
        assert drawn(reader) == []
        assert "No claims or notes yet" in panel_entries(reader)[0]
        assert reader.view.selection is not None, "a cancelled form keeps the selection"
        await pilot.press("u")
        assert "Nothing to undo." in status(app, "#reader-status")


@async_test
async def test_enter_in_the_speaker_field_saves_the_claim(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("tab", "tab", *"Kim Jong Un", "enter")
        await pilot.pause()
        assert app.screen is reader
        (claim,) = stored(app, reader.article.id)
        assert claim.speaker == "Kim Jong Un" and claim.status == app.settings.statuses[0]


@async_test
async def test_a_drag_upwards_selects_too_and_a_click_clears_it(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        view, body = reader.view, reader.article.body
        top = view.line_of(0)
        low, high = view.offset_at(top, 30), view.offset_at(top + 1, 5)
        await pilot.mouse_down(view, offset=(1 + 5, top + 1))
        await pilot.hover(view, offset=(1 + 30, top))
        await pilot.mouse_up(view, offset=(1 + 30, top))
        assert view.selection == (low, high + 1)
        assert view.cursor == low
        await pilot.click(view, offset=(1 + 2, top))
        assert view.selection is None and view.cursor == view.offset_at(top, 2)
        await pilot.press("v", "e", "c")  # the keyboard works on after the mouse
        await pilot.pause()
        await fill_claim(app, pilot)
        (claim,) = stored(app, reader.article.id)
        assert claim.selector.exact == body[2 : TextUnits(body).word_end(2) + 1]


@async_test
async def test_the_speaker_field_completes_a_speaker_already_used_on_the_article(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        await fill_claim(app, pilot, speaker="Kim Jong Un")
        await pilot.press("right_parenthesis", "c")
        await pilot.pause()
        await pilot.press("tab", "tab", *"kim")
        await pilot.pause()
        await pilot.press("right", "ctrl+s")
        await pilot.pause()
        speakers = [a.speaker for a in stored(app, reader.article.id)]
        assert speakers == ["Kim Jong Un", "Kim Jong Un"]


# --- notes ---------------------------------------------------------------------------------


@async_test
async def test_a_saves_a_note_on_the_sentence_under_the_cursor(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        body = reader.article.body
        first = TextUnits(body).sentence_at(0)
        await pilot.press("a")
        await pilot.pause()
        form = note_form(app)
        assert form.quote == body[first[0] : first[1]]
        assert app.focused is form.query_one(TextArea)
        await pilot.press(*"cek ke KCNA", "ctrl+s")
        await pilot.pause()
        assert app.screen is reader
        (note,) = stored(app, reader.article.id)
        assert note.kind == "note" and note.note == "cek ke KCNA"
        assert note.selector.exact == body[first[0] : first[1]]
        assert note.annotator == "tester" and note.status is None
        assert drawn(reader) == [(*first, "article-view--note")]
        assert panel_entries(reader)[0].startswith("✎ note  @tester")
        assert "0 claims · 1 note" in status(app, "#reader-status")


@async_test
async def test_shift_a_saves_a_note_on_the_article_listed_apart_in_the_panel(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        await pilot.press("s", "A")  # on the article, whatever is selected
        await pilot.pause()
        form = note_form(app)
        assert form.quote is None
        await pilot.press(*"Sumber tunggal: KCNA.", "ctrl+s")
        await pilot.pause()
        (note,) = stored(app, reader.article.id)
        assert note.kind == "note" and note.selector is None
        assert note.note == "Sumber tunggal: KCNA."
        assert drawn(reader) == []
        entries = panel_entries(reader)
        assert entries[0] == "Notes on the article"
        assert entries[1].startswith("✎ note  @tester") and "Sumber tunggal: KCNA." in entries[1]
        assert reader.annotations.article_notes == [note]


@async_test
async def test_an_empty_note_is_refused_with_a_warning(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("space", "space", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NoteForm), "the form stays open"
        assert any("The note is empty" in n for n in notes(app))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is reader
        assert stored(app, reader.article.id) == []


@async_test
async def test_a_note_on_a_visual_selection_keeps_that_passage(app) -> None:
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        body = reader.article.body
        await pilot.press("v", "w", "w", "e", "a")
        await pilot.pause()
        span = reader.view.selection
        assert span is not None and note_form(app).quote == body[span[0] : span[1]]
        await pilot.press(*"siapa", "ctrl+s")
        await pilot.pause()
        (note,) = stored(app, reader.article.id)
        assert note.selector.exact == body[span[0] : span[1]] == "Hubungan militer Rusia-Korea"
        assert reader.view.selection is None

"""The reader, driven like a user would: cursor motions, leaving and coming back, help, keys."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.command import CommandList, CommandPalette
from textual.widgets import Static

from store.library.readstate import ReadingLog
from store.news.textunits import TextUnits
from tests.pilot_helpers import (
    article_view,
    async_test,
    line_at,
    list_lines,
    notes,
    open_row,
    running,
    status,
    view_lines,
    write_articles,
)
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView

BAPERA = "BaperaNews"  # seed 000: its first paragraph has two sentences


@pytest.fixture
def app(make_app):
    return make_app()


TRAPS = (
    "Pertemuan digelar Jumat (29/11). Sebanyak 10.000 tentara dikirim ke Rusia pada tahun "
    "ini.Washington membantah. Dr. Kim tiba di Jl. Sudirman kemarin. Semua berakhir."
)


def help_text(app) -> str:
    console = Console(width=100, file=io.StringIO(), record=True)
    for static in app.screen.query(Static):
        console.print(static.content)
    return console.export_text()


# --- cursor motions --------------------------------------------------------------------


@async_test
async def test_opening_an_article_puts_the_cursor_on_its_first_character(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, "KOMPAS.TV")
        view = article_view(app)
        assert view.cursor == 0
        assert view.scroll_offset.y == 0
        header = "\n".join(view_lines(app)[: view.line_of(0)])
        assert "Hubungan Militer Rusia-Korea Utara Makin Kuat" in header
        assert "KOMPAS.TV" in header and "2024" in header
        assert "259 words" in status(app, "#reader-status")


@async_test
async def test_open_an_article_move_by_word_sentence_and_paragraph_and_back(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, BAPERA)
        view = article_view(app)
        units = TextUnits(view.body)
        await pilot.press("w")
        assert view.cursor == units.next_word_start(0) == 4
        await pilot.press("e")
        assert view.cursor == units.word_end(4) == 7
        await pilot.press("b")
        assert view.cursor == 4
        await pilot.press("l", "l")
        assert view.cursor == 6
        await pilot.press("h")
        assert view.cursor == 5
        await pilot.press("right_parenthesis")
        assert view.cursor == units.next_sentence_start(5) == view.body.index("Kedua negara")
        await pilot.press("left_parenthesis")
        assert view.cursor == 0
        await pilot.press("right_curly_bracket")
        second = view.body.index("\n\n") + 2
        assert view.cursor == units.next_paragraph_start(0) == second
        await pilot.press("right_curly_bracket")
        assert view.cursor == units.next_paragraph_start(second)
        await pilot.press("left_curly_bracket", "left_curly_bracket")
        assert view.cursor == 0
        await pilot.press("h")
        assert view.cursor == 0, "nothing before the first character"


@async_test
async def test_j_k_keep_the_column_and_0_dollar_go_to_the_line_ends(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, BAPERA)
        view = article_view(app)
        body = view.body
        first, second = line_at(app, 0), view_lines(app)[view.line_of(0) + 1].strip()
        second_start = body.index(second)
        await pilot.press("l", "l", "l", "j")
        assert view.cursor == second_start + 3
        await pilot.press("dollar_sign")
        assert view.cursor == second_start + len(second) - 1
        await pilot.press("0")
        assert view.cursor == second_start
        await pilot.press("k")
        assert view.cursor == 0
        await pilot.press("dollar_sign")
        assert view.cursor == len(first) - 1
        paragraph = body.index("\n\n") + 2
        # Down to the last line of the paragraph, then over the blank line to the next.
        await pilot.press(*"j" * (view.line_of(paragraph) - view.line_of(view.cursor) - 1))
        assert view.line_of(view.cursor) == view.line_of(paragraph)
        room = len(line_at(app, paragraph)) - 1
        column = view.cursor - paragraph  # the goal column, or the end of a shorter line
        assert min(len(first) - 1, room) <= column <= len(first) - 1


@async_test
async def test_pages_half_pages_top_and_bottom(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, BAPERA)
        view = article_view(app)
        height = view.scrollable_content_region.height
        lines = []
        for key in ("space", "pagedown"):
            before = view.line_of(view.cursor)
            await pilot.press(key)
            lines.append(view.line_of(view.cursor))
            assert lines[-1] - before in (height - 1, height), (key, before, lines)
            assert view.body[view.cursor :].startswith(line_at(app, view.cursor)[:20])
        await pilot.press("pageup")
        assert view.line_of(view.cursor) == lines[0]
        before = view.line_of(view.cursor)
        await pilot.press("ctrl+d")
        assert view.line_of(view.cursor) - before in (height // 2, height // 2 + 1)
        await pilot.press("ctrl+u")
        assert view.line_of(view.cursor) == before
        await pilot.press("G")
        assert view.cursor == len(view.body) - 1
        assert view.scroll_offset.y == view.max_scroll_y
        await pilot.press("g")
        assert view.cursor == 0 and view.scroll_offset.y == 0


@async_test
async def test_sentence_motions_never_stop_inside_dates_or_numbers(
    make_app, tmp_path: Path
) -> None:
    corpus = write_articles(tmp_path / "c", {"title": "Traps", "outlet": "T", "body": TRAPS})
    app = make_app(corpus)
    async with running(app) as pilot:
        await open_row(app, pilot, "T")
        view = article_view(app)
        stops = []
        for _ in range(5):
            await pilot.press("right_parenthesis")
            stops.append(view.cursor)
        starts = [TRAPS.index(s) for s in ("Sebanyak", "Washington", "Dr. Kim", "Semua")]
        assert stops == [*starts, starts[-1]], ") stays on the last sentence"
        back = []
        for _ in range(4):
            await pilot.press("left_parenthesis")
            back.append(view.cursor)
        assert back == [*starts[-2::-1], 0]
        date, number = TRAPS.index("(29/11)"), TRAPS.index("10.000")
        for stop in stops + back:
            assert not date < stop < date + 7 and not number < stop < number + 6


# --- leaving and coming back -------------------------------------------------------------


@async_test
async def test_q_goes_back_and_the_row_is_now_read(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, "KOMPAS.TV")
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        kompas = next(line for line in list_lines(app) if "KOMPAS.TV" in line)
        assert kompas.startswith("  2024-07-19  KOMPAS.TV")
        assert "4 unread" in status(app, "#library-status")


@async_test
async def test_reopening_restores_the_cursor_even_in_a_new_app(make_app, tmp_path: Path) -> None:
    first = make_app()
    async with running(first) as pilot:
        await open_row(first, pilot, BAPERA)
        await pilot.press("right_curly_bracket", "w")
        where = article_view(first).cursor
        assert where > 0
        await pilot.press("backspace")
        await pilot.pause()
        await open_row(first, pilot, BAPERA)
        assert article_view(first).cursor == where
        await pilot.press("G", "ctrl+q")  # quitting from the reader saves the position too
    article = next(a for a in first.workspace.corpus.values() if a.outlet == BAPERA)
    end = len(article.body) - 1
    assert ReadingLog(tmp_path / "data", "tester").position(article.id, article.sha256) == end
    again = make_app()
    async with running(again) as pilot:
        await open_row(again, pilot, BAPERA)
        view = article_view(again)
        assert view.cursor == end
        assert view.line_of(end) < view.scroll_offset.y + view.size.height, "and it is on screen"


@async_test
async def test_a_click_on_a_word_puts_the_cursor_there(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, BAPERA)
        view = article_view(app)
        y = view.line_of(0)
        margin = len(view_lines(app)[y]) - len(view_lines(app)[y].lstrip())
        await pilot.click(ArticleView, offset=(margin + 20, y))
        assert view.cursor == 20
        start, end = TextUnits(view.body).word_at(20)
        assert view.body[start:end] == "Menteri"
        second = view.body.index(view_lines(app)[y + 1].strip())
        await pilot.click(ArticleView, offset=(margin + 3, y + 1))
        assert view.cursor == second + 3
        await pilot.click(ArticleView, offset=(margin + 3, 0))  # on the title
        assert view.cursor == second + 3


# --- help, palette, keymap ----------------------------------------------------------------


@async_test
async def test_question_mark_lists_the_reader_keys_and_esc_closes(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, BAPERA)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        for words in ("Sentence", "Paragraph", "Search", "Next match", "Library"):
            assert words in text, words
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def palette_choose(app, pilot, query: str) -> None:
    """Open the command palette, type ``query``, wait for results and press Enter."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    results = app.screen.query_one(CommandList)
    for _ in range(100):
        if results.option_count:
            break
        await pilot.pause(0.02)
    await pilot.press("enter")
    await pilot.pause()


@async_test
async def test_the_command_palette_opens_an_article_by_title(app) -> None:
    async with running(app) as pilot:
        await palette_choose(app, pilot, "sahabat")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.title == "Apakah Rusia dan Korea Utara Bersahabat?"


@async_test
async def test_opening_from_the_palette_while_reading_then_q_goes_to_the_library(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, BAPERA)
        await palette_choose(app, pilot, "sahabat")
        assert app.screen.article.title == "Apakah Rusia dan Korea Utara Bersahabat?"
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


@async_test
async def test_keymap_toml_rebinds_a_reader_key(make_app, tmp_path: Path) -> None:
    keymap = tmp_path / "config" / "keymap.toml"
    keymap.parent.mkdir(parents=True)
    keymap.write_text('[keys]\n"reader.sentence-next" = "s"\n', encoding="utf-8")
    app = make_app()
    async with running(app) as pilot:
        await open_row(app, pilot, BAPERA)
        await pilot.press("s")
        assert article_view(app).cursor == article_view(app).body.index("Kedua negara")
        assert notes(app) == []


@pytest.mark.parametrize("text", ['[keys\n"reader.search" = ', '[keys]\n"reader.search" = 5\n'])
@async_test
async def test_a_broken_keymap_warns_and_the_defaults_still_work(
    make_app, tmp_path: Path, text: str
) -> None:
    keymap = tmp_path / "config" / "keymap.toml"
    keymap.parent.mkdir(parents=True)
    keymap.write_text(text, encoding="utf-8")
    app = make_app()
    async with running(app) as pilot:
        assert any("keymap.toml" in n and "not used" in n for n in notes(app)), notes(app)
        await open_row(app, pilot, BAPERA)
        await pilot.press("right_parenthesis")
        assert article_view(app).cursor == article_view(app).body.index("Kedua negara")

"""The library, driven like a user would: list, move, filter, sort, mark, open."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Input

from store.library.catalog import SORT_KEYS
from store.library.readstate import ReadingLog
from tests.pilot_helpers import (
    SMALL,
    article_list,
    async_test,
    list_lines,
    notes,
    running,
    status,
    workers_done,
    write_articles,
)
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.screens.status_text import Progress

# The seeds' word counts identify their rows: the date sort puts the two dated
# ~2024-11-30 by their texts first (by title, descending, as the dates tie),
# then KOMPAS.TV's stated 2024-07-19, then the undated ones in corpus order.
BY_DATE = [448, 477, 259, 382, 618]
BY_TITLE = [618, 259, 477, 382, 448]  # Apakah, Hubungan, Kim … dan, Kim … Dukung, Menteri
BY_OUTLET = [477, 448, 259, 382, 618]  # BaperaNews, geosurvey, KOMPAS.TV, LOGIC, none
BY_WORDS = [259, 382, 448, 477, 618]


def shown_words(app) -> list[int]:
    """The word counts of the rows, read off the screen top to bottom."""
    return [
        next(int(token) for token in line.split() if token.replace(",", "").isdigit())
        for line in list_lines(app)
    ]


def filter_box(app) -> Input:
    return app.screen.query_one("#library-filter", Input)


@pytest.fixture
def app(make_app):
    return make_app()


# --- what the library shows -----------------------------------------------------------


@async_test
async def test_the_library_lists_the_five_seeds_with_date_outlet_words_and_title(app) -> None:
    async with running(app):
        assert isinstance(app.screen, LibraryScreen)
        lines = list_lines(app)
        assert len(lines) == 5
        kompas = next(line for line in lines if "KOMPAS.TV" in line)
        assert kompas.startswith("● 2024-07-19  KOMPAS.TV")
        assert re.search(r" 259 +Hubungan Militer Rusia-Korea Utara Makin Kuat", kompas)
        # Dates estimated from the text ("Jumat (29/11)") carry a mark, and sort
        # among the stated ones by the day they estimate.
        assert lines[0].startswith("● ~2024-11-30 geosurvey.co.id")
        assert any(
            line.startswith("● ~2024-11-30 BaperaNews") and "Kim Jong Un dan Rusia" in line
            for line in lines
        )
        assert any("LOGIC.co.id" in line for line in lines)
        # An article without outlet or date shows dashes, not blanks.
        assert any(line.startswith("● —           —") and "Apakah Rusia" in line for line in lines)
        header = status(app, "#library-header")
        assert "Date ▼" in header and "Outlet" in header and "Title" in header


@async_test
async def test_the_status_line_counts_articles_and_unread(app) -> None:
    async with running(app) as pilot:
        assert status(app, "#library-status").startswith("5 articles · 5 unread · sorted by date")
        await pilot.press("j")
        assert "row 2" in status(app, "#library-status")


DOING = Progress("Finding entities:", 216, 10_000, "articles")


@pytest.mark.parametrize(
    ("size", "shown"),
    [((120, 30), "Finding entities: 216 of 10,000 articles"), (SMALL, "Finding entities 2%")],
    ids=["120", "80"],
)
@async_test
async def test_background_progress_comes_last_and_shortens_in_a_narrow_terminal(
    app, size: tuple[int, int], shown: str
) -> None:
    async with running(app, size) as pilot:
        app.screen.show_progress(DOING)
        await pilot.press("j")
        line = status(app, "#library-status")
        assert line == f"5 articles · 5 unread · sorted by date · row 2 · {shown}"
        assert len(line) <= size[0]
        app.screen.show_progress(None)
        assert status(app, "#library-status").endswith("row 2")


def test_a_narrow_status_line_gives_way_progress_first_then_unread() -> None:
    from tui.screens.status_text import fitted

    parts = ["88,631 of 100,000 articles", "ranked by relevance", "row 1"]
    unread, doing = "100,000 unread", Progress("Finding entities:", 216, 100_000, "articles")
    assert fitted(parts, unread, doing, 160).endswith("row 1 · " + str(doing))
    assert fitted(parts, unread, doing, 100) == (
        "88,631 of 100,000 articles · 100,000 unread · ranked by relevance · row 1 · "
        "Finding entities 0%"
    )
    assert fitted(parts, unread, doing, 78) == (
        "88,631 of 100,000 articles · ranked by relevance · row 1 · Finding entities 0%"
    )
    assert fitted(parts, unread, doing, 60) == " · ".join(parts)
    assert fitted(parts, unread, None, 78).startswith("88,631 of 100,000 articles · 100,000")


@async_test
async def test_j_k_arrows_g_and_G_move_the_highlight(app) -> None:
    async with running(app) as pilot:
        widget = article_list(app)
        assert app.focused is widget and widget.cursor == 0
        await pilot.press("j", "j", "down")
        assert widget.cursor == 3
        await pilot.press("k", "up")
        assert widget.cursor == 1
        await pilot.press("G")
        assert widget.cursor == 4
        await pilot.press("j")
        assert widget.cursor == 4, "the highlight stops at the last row"
        await pilot.press("g")
        assert widget.cursor == 0
        await pilot.press("k")
        assert widget.cursor == 0, "and at the first"


# --- the filter -----------------------------------------------------------------------


@async_test
async def test_a_filter_longer_than_its_box_scrolls_to_keep_the_cursor_in_sight(app) -> None:
    async with running(app, size=(80, 24)) as pilot:
        await pilot.press("slash")
        box = filter_box(app)
        await pilot.press(*"korea")
        assert box.scroll_x == 0, "a filter that fits does not scroll"
        await pilot.press(*(" utara pasukan dikirim ke rusia" * 3))
        await pilot.pause()
        assert box.scroll_x > 0
        assert box.cursor_screen_offset.x < 80, "the cursor stays on screen"


@async_test
async def test_slash_focuses_the_filter_and_typing_filters_as_you_type(app) -> None:
    async with running(app) as pilot:
        await pilot.press("slash")
        assert app.focused is filter_box(app)
        await pilot.press(*"kompas")
        assert len(article_list(app).rows) == 1
        assert "KOMPAS.TV" in list_lines(app)[0]
        assert status(app, "#library-status").startswith("1 of 5 articles")
        await pilot.press(*"xyz")
        assert list_lines(app) == []
        assert "nothing matches the filter" in status(app, "#library-status")


@async_test
async def test_two_words_in_the_filter_must_both_match(app) -> None:
    """Words are looked for in the text too: each alone is in several articles, both in one."""
    async with running(app) as pilot:
        await pilot.press("f", *"belousov")
        assert len(article_list(app).rows) == 3
        await pilot.press(*" kursk")
        lines = list_lines(app)
        assert len(lines) == 1 and "Kim Jong Un Dukung Hak Rusia" in lines[0]


@async_test
async def test_arrows_in_the_filter_box_still_move_the_list(app) -> None:
    async with running(app) as pilot:
        await pilot.press("slash", *"rusia")
        assert len(article_list(app).rows) == 5
        await pilot.press("down", "down")
        assert article_list(app).cursor == 2
        await pilot.press("up")
        assert article_list(app).cursor == 1
        assert app.focused is filter_box(app)
        assert filter_box(app).value == "rusia"


@async_test
async def test_enter_in_the_filter_returns_to_the_list_and_esc_clears(app) -> None:
    async with running(app) as pilot:
        await pilot.press("slash", *"kompas", "enter")
        assert app.focused is article_list(app)
        assert isinstance(app.screen, LibraryScreen), "Enter in the filter opens nothing"
        assert len(article_list(app).rows) == 1
        await pilot.press("escape")
        assert filter_box(app).value == ""
        assert len(article_list(app).rows) == 5
        assert app.focused is article_list(app)


@async_test
async def test_esc_inside_the_filter_box_clears_it_too(app) -> None:
    async with running(app) as pilot:
        await pilot.press("slash", *"logic", "escape")
        assert filter_box(app).value == ""
        assert len(article_list(app).rows) == 5
        assert app.focused is article_list(app)


@async_test
async def test_date_outlet_and_words_are_drawn_muted(app) -> None:
    async with running(app):
        widget = article_list(app)
        strip = widget.render_line(1)
        colour = next(seg.style.color for seg in strip if "BaperaNews" in seg.text)
        assert colour == widget.get_component_rich_style("article-list--dim").color


# --- sorting --------------------------------------------------------------------------


@async_test
async def test_s_cycles_the_sort_and_r_reverses_it(app) -> None:
    async with running(app) as pilot:
        assert shown_words(app) == BY_DATE
        await pilot.press("s")
        assert shown_words(app) == BY_TITLE
        assert "Title ▼" in status(app, "#library-header")
        await pilot.press("s")
        assert shown_words(app) == BY_OUTLET
        await pilot.press("s")
        assert shown_words(app) == BY_WORDS
        assert "sorted by words" in status(app, "#library-status")
        await pilot.press("r")
        assert shown_words(app) == BY_WORDS[::-1]
        assert "(reversed)" in status(app, "#library-status")
        assert "Words ▲" in status(app, "#library-header")
        await pilot.press(*"s" * (len(SORT_KEYS) - 3))  # past any further sorts, to date
        assert "sorted by date (reversed)" in status(app, "#library-status")
        # Reversed dates: the dated article still comes before the undated ones.
        assert shown_words(app)[0] == 259


@async_test
async def test_sorting_keeps_the_highlighted_article(app) -> None:
    async with running(app) as pilot:
        await pilot.press("G")  # the 618-word article, last by date
        await pilot.press("s")  # by title it is first
        widget = article_list(app)
        assert widget.current.words == 618 and widget.cursor == 0


# --- read state -----------------------------------------------------------------------


@async_test
async def test_m_toggles_read_state_and_it_is_saved_in_the_data_folder(app, tmp_path: Path) -> None:
    async with running(app) as pilot:
        entry = article_list(app).current
        await pilot.press("m")
        assert list_lines(app)[0].startswith("  ~2024-11-30"), "no unread marker any more"
        assert entry.id in ReadingLog(tmp_path / "data", "tester").all_read()
        await pilot.press("m")
        assert list_lines(app)[0].startswith("● ")
        assert entry.id not in ReadingLog(tmp_path / "data", "tester").all_read()


@async_test
async def test_m_updates_the_unread_count_in_the_status_line(app) -> None:
    async with running(app) as pilot:
        await pilot.press("m")
        assert "4 unread" in status(app, "#library-status")


@async_test
async def test_read_marks_survive_a_new_app_on_the_same_data_folder(make_app) -> None:
    first = make_app()
    async with running(first) as pilot:
        await pilot.press("j", "m")
    again = make_app()
    async with running(again):
        lines = list_lines(again)
        assert lines[0].startswith("● ")
        assert lines[1].startswith("  "), "the article marked read is still read"


# --- opening ----------------------------------------------------------------------------


@async_test
async def test_enter_opens_the_highlighted_article_in_the_reader(app) -> None:
    async with running(app) as pilot:
        await pilot.press("j")
        wanted = article_list(app).current.id
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.id == wanted


@async_test
async def test_a_double_click_on_a_row_opens_it(app) -> None:
    async with running(app) as pilot:
        widget = article_list(app)
        wanted = widget.rows[2].id
        await pilot.click(widget, offset=(30, 2))
        assert isinstance(app.screen, LibraryScreen), "a single click only highlights"
        assert widget.cursor == 2
        await pilot.double_click(widget, offset=(30, 2))
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.id == wanted


# --- bad input and hostile titles ---------------------------------------------------------


@async_test
async def test_a_folder_with_bad_files_loads_the_good_ones_and_names_the_bad(
    make_app, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blob.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 80)
    (corpus / "feed.jsonl").write_text(
        '{"title": "Good one", "body": "Alpha beta. Gamma delta."}\n'
        "{broken\n"
        '{"title": "Good two", "body": "Second body here."}\n',
        encoding="utf-8",
    )
    app = make_app(corpus)
    async with running(app):
        lines = list_lines(app)
        assert len(lines) == 2
        rows = article_list(app).rows
        assert {"Good one", "Good two"} == {rows[i].title for i in range(len(rows))}
        # One toast sums them up; the log of notices (ctrl+l) names each.
        assert notes(app) == [
            "Problems in 3 files (something left out of 3): ctrl+l lists them, "
            "`sorot list` prints them."
        ]
        shown = [n.message for n in app.notices.items()]
        assert any("empty.txt" in n and "empty" in n for n in shown), shown
        assert any("blob.txt" in n and "binary" in n for n in shown), shown
        assert any("feed.jsonl" in n and "line 2" in n for n in shown), shown
        assert status(app, "#library-status").startswith("2 articles")


@async_test
async def test_an_empty_folder_says_no_articles_were_found(make_app, tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()
    app = make_app(tmp_path / "nothing")
    async with running(app):
        assert list_lines(app) == []
        assert any("No articles found" in n for n in notes(app))


@async_test
async def test_rich_markup_in_a_title_is_shown_literally(make_app, tmp_path: Path) -> None:
    corpus = write_articles(
        tmp_path / "corpus",
        {"title": "[bold]x[/] and [link=https://e.com]y[/link]", "body": "Body text."},
    )
    app = make_app(corpus)
    async with running(app):
        line = list_lines(app)[0]
        assert "[bold]x[/] and [link=https://e.com]y[/link]" in line
        strip = article_list(app).render_line(0)
        assert not any(seg.style and seg.style.link for seg in strip), "no live link"


@async_test
async def test_the_library_works_at_80_by_24(app) -> None:
    async with running(app, size=SMALL) as pilot:
        lines = list_lines(app)
        assert len(lines) == 5
        assert all(len(line) <= 80 for line in lines)
        assert "Menteri Pertahanan" in lines[0], "the title column is visible"
        assert "Title" in status(app, "#library-header")
        await pilot.press("G", "s", "r", "slash", *"kim", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


@async_test
async def test_an_article_of_millions_of_words_keeps_its_row_in_line(
    make_app, tmp_path: Path
) -> None:
    # A scrape's one-line article of 1,200,000 words printed "1,200,000" in a column of
    # six: its title started three characters right of every other row's.
    corpus = write_articles(
        tmp_path / "corpus",
        {"title": "Huge scrape", "body": "kata " * 1_200_000},
        {"title": "Small one", "body": "Satu dua tiga."},
    )
    app = make_app(corpus)
    async with running(app):
        lines = list_lines(app)
        huge = next(line for line in lines if "Huge scrape" in line)
        small = next(line for line in lines if "Small one" in line)
        assert " 1.2M " in huge
        assert huge.index("Huge scrape") == small.index("Small one")


def test_word_counts_fit_their_column() -> None:
    from tui.widgets.article_list import WORDS_WIDTH, word_count

    shown = {n: word_count(n) for n in (7, 99_999, 100_000, 999_999, 3_400_000, 5 * 10**9)}
    assert shown == {
        7: "7",
        99_999: "99,999",
        100_000: "100k",
        999_999: "999.9k",
        3_400_000: "3.4M",
        5 * 10**9: "5G",
    }
    assert all(len(text) <= WORDS_WIDTH for text in shown.values())


def three_articles(folder: Path) -> Path:
    """A corpus folder of three made-up articles."""
    import random

    from tests.benchcorpus import write_corpus

    write_corpus(folder, 3, random.Random(3), words=120)
    return folder


def two_more(corpus: Path, scratch: Path) -> None:
    """A scraper's two new articles, each landing whole in ``corpus`` (a rename)."""
    import random

    from tests.benchcorpus import write_corpus

    write_corpus(scratch, 5, random.Random(4), words=120)
    for number, path in enumerate(sorted(scratch.iterdir())[:2]):
        path.rename(corpus / f"new-{number}.txt")


@async_test
async def test_reload_reads_the_corpus_folder_for_new_articles(make_app, tmp_path: Path) -> None:
    """A scraper (or a colleague's ``sorot index``) adds files while the app is open: ``R``."""
    corpus = three_articles(tmp_path / "corpus")
    app = make_app(corpus)
    async with running(app) as pilot:
        await workers_done(app)
        await pilot.pause()
        assert len(article_list(app).rows) == 3
        two_more(corpus, tmp_path / "more")
        await pilot.press("R")
        await workers_done(app)
        await pilot.pause()
        assert len(article_list(app).rows) == 5
        assert status(app, "#library-status").startswith("5 articles")
        assert "2 new articles (5 in all)." in notes(app)
        await pilot.press("R")  # nothing more: said so
        await workers_done(app)
        await pilot.pause()
        assert "No new articles (5 in all)." in notes(app)


@async_test
async def test_a_scrapers_new_articles_arrive_without_a_key(make_app, tmp_path: Path) -> None:
    """Articles written into the corpus folder while the app is open are listed, and said."""
    import asyncio

    corpus = three_articles(tmp_path / "corpus")
    app = make_app(corpus)
    async with running(app) as pilot:
        await workers_done(app)
        await pilot.pause(0.5)  # the corpus is watched once it is read
        reading = article_list(app).current.id
        two_more(corpus, tmp_path / "more")
        for _ in range(100):  # the batch settles, then it is read: a few seconds at most
            await asyncio.sleep(0.1)
            if "2 new articles (5 in all)." in notes(app):
                break
        await workers_done(app)
        await pilot.pause()
        assert "2 new articles (5 in all)." in notes(app)
        assert len(article_list(app).rows) == 5
        assert article_list(app).current.id == reading, "the highlight stays where it was"


@async_test
async def test_the_watcher_rests_after_a_reading_to_keep_to_its_share(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A steady scraper at 100,000 articles must not keep a core reading the folders."""
    import time

    import tui.loading

    monkeypatch.setattr(tui.loading, "WATCH_SHARE", 1e-6)  # a reading is followed by a long rest
    corpus = three_articles(tmp_path / "corpus")
    app = make_app(corpus)
    async with running(app) as pilot:
        await workers_done(app)
        app.live.close()  # the test plays the watcher
        app.corpus_changed({str(corpus / "a-file-not-there.txt")})
        await workers_done(app)
        assert app._corpus_rest > time.monotonic() + 60
        two_more(corpus, tmp_path / "more")
        new = {str(corpus / f"new-{number}.txt") for number in range(2)}
        app.corpus_changed(new)  # resting: kept for later, nothing read
        await workers_done(app)
        await pilot.pause()
        assert len(article_list(app).rows) == 3 and app._corpus_changes == new
        app._corpus_rest = time.monotonic()  # the rest is over
        app._corpus_rested()
        await workers_done(app)
        await pilot.pause()
        assert len(article_list(app).rows) == 5
        assert "2 new articles (5 in all)." in notes(app)


@async_test
async def test_one_article_is_said_in_the_singular(make_app, tmp_path: Path) -> None:
    import random

    from tests.benchcorpus import write_corpus

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 1, random.Random(5), words=60)
    app = make_app(corpus)
    async with running(app) as pilot:
        await workers_done(app)
        await pilot.pause()
        assert status(app, "#library-status").startswith("1 article · 1 unread")

"""The library on a corpus index of a few thousand generated articles, driven with Pilot.

Big enough that the library's queries run off the UI thread (as they do for
a newsroom's corpus), small enough to build in seconds: the same code paths
as 100,000 articles, whose speed ``make bench ARGS="--size scale"`` measures.
"""

from __future__ import annotations

import asyncio
import random
import shutil
import time
from pathlib import Path

import pytest

from store.library.catalog import Catalog
from store.workspace import Workspace
from tests.benchcorpus import write_corpus
from tests.pilot_helpers import article_list, async_test, list_lines, running, status, workers_done
from tests.test_stopping import ENDLESS
from tui.screens.library import IN_WORKER_FROM, LibraryScreen
from tui.screens.reader import ReaderScreen

ARTICLES = 2500


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A generated corpus and a data folder whose index already holds it (made once)."""
    home = tmp_path_factory.mktemp("index-app")
    corpus = home / "corpus"
    write_corpus(corpus, ARTICLES, random.Random(13), words=300)
    space = Workspace(home / "data", "tester")
    space.open_corpus([corpus])
    space.refresh(workers=1)
    space.database.close()
    return corpus, home / "data"


@pytest.fixture(autouse=True)
def no_entity_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """The entity pass over thousands of articles takes minutes and is not under test here."""
    from tui.app import SorotApp

    monkeypatch.setattr(SorotApp, "find_entities", lambda self: None)


@pytest.fixture
def app(indexed: tuple[Path, Path], make_app, tmp_path: Path):
    corpus, data = indexed
    mine = tmp_path / "data"
    shutil.copytree(data, mine)
    return make_app(corpus, data_dir=mine)


async def settled(app, pilot) -> None:
    """Wait for the library's queries (and whatever else runs) to be done and drawn."""
    await workers_done(app)
    await pilot.pause()
    await workers_done(app)
    await pilot.pause()


def around_first_match(snippet) -> str:
    """The sentence's first matched word and what follows it (what the line keeps in view)."""
    assert snippet is not None
    start = snippet.matches[0][0] - snippet.start
    return snippet.text[start : start + 24].replace("\n", " ")


def shown_ids(app) -> list[str]:
    rows = article_list(app).rows
    return [rows[i].id for i in range(len(rows))]


@async_test
async def test_thousands_of_articles_are_listed_from_the_index(app) -> None:
    assert ARTICLES >= IN_WORKER_FROM, "big enough for the queries to leave the UI thread"
    async with running(app) as pilot:
        await settled(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert status(app, "#library-status").startswith(f"{ARTICLES:,} articles")
        widget = article_list(app)
        assert len(widget.rows) == ARTICLES and len(list_lines(app)) > 20
        # "~" marks a date estimated from the text: it sorts by the day it names.
        dates = [widget.rows[i].date.lstrip("~") for i in range(30)]
        assert dates == sorted(dates, reverse=True), "newest first"
        await pilot.press("G")
        assert widget.cursor == ARTICLES - 1 and widget.current is not None
        assert f"row {ARTICLES:,}" in status(app, "#library-status")


@async_test
async def test_the_first_screenful_is_there_before_the_whole_order(
    app, indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.screens.library as library

    corpus, _ = indexed
    space = Workspace(app.workspace.data_dir, "reader")
    space.open_corpus([corpus])
    order = space.rows(space.query(""), "date")
    last_read = space.row_data(order[1000:1001])[order[1000]].id
    space.database.close()
    monkeypatch.setattr(type(app), "last_read", lambda self: last_read)
    held: list[tuple] = []
    whole_order = LibraryScreen._select_in_worker
    monkeypatch.setattr(LibraryScreen, "_select_in_worker", lambda self, *a: held.append(a))
    async with running(app) as pilot:
        await settled(app, pilot)
        widget = article_list(app)
        assert held, "the whole order was asked for"
        assert len(widget.rows) == ARTICLES, "the scroll bar is the corpus's from the start"
        head = [widget.rows[i].id for i in range(library.HEAD_ROWS)]
        rows = app.workspace.row_data(order[: library.HEAD_ROWS])
        assert head == [rows[n].id for n in order[: library.HEAD_ROWS]]
        assert widget.rows[library.HEAD_ROWS] is None, "drawn blank until it is known"
        # The count is the corpus's from the start; past 0.4 s (a loaded machine) the line
        # also says the held order is still being worked out ("searching 2,500 articles…").
        line = status(app, "#library-status")
        assert line.startswith((f"{ARTICLES:,} articles", f"searching {ARTICLES:,} articles"))
        # The index may be refreshed before the order arrives: the last one asked shows it.
        whole_order(app.screen, *held[-1])
        await settled(app, pilot)
        assert shown_ids(app)[1000] == last_read == widget.current.id
        assert widget.cursor == 1000, "the highlight on the article read last, past the head"


@async_test
async def test_words_search_the_text_ranked_with_the_sentence_they_are_in(app) -> None:
    async with running(app) as pilot:
        await settled(app, pilot)
        await pilot.press("slash", *"tentara")
        await settled(app, pilot)
        space = app.workspace
        query = space.query("tentara")
        ranked = space.rows(query, "relevance")
        rows = space.row_data(ranked)
        assert shown_ids(app) == [rows[n].id for n in ranked], "best match first"
        expected = space.search(query, limit=2)
        assert [hit.row.id for hit in expected.hits] == shown_ids(app)[:2]
        assert expected.total > ARTICLES // 2, "a word of the bodies, not only of titles"
        line = status(app, "#library-status")
        assert line.startswith(f"{expected.total:,} of {ARTICLES:,} articles")
        assert "ranked by relevance" in line
        snippet = str(app.screen.query_one("#library-snippet").render())
        assert "tentara" in snippet.casefold()
        assert around_first_match(expected.hits[0].snippet) in snippet
        await pilot.press("down")
        await settled(app, pilot)
        line = str(app.screen.query_one("#library-snippet").render())
        assert around_first_match(expected.hits[1].snippet) in line


@async_test
async def test_the_sentence_line_comes_with_the_filter_box_not_with_the_first_word(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening the line lays the screen out again: on "/", never on a key typed."""
    from textual.screen import Screen

    layouts: list[str] = []
    original = Screen._refresh_layout

    def counted(screen, *args, **kwargs):
        layouts.append(type(screen).__name__)
        return original(screen, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    async with running(app) as pilot:
        await settled(app, pilot)
        line = app.screen.query_one("#library-snippet")
        assert not line.display, "no line while nobody filters"
        height = article_list(app).size.height
        await pilot.press("slash")
        await settled(app, pilot)
        assert line.display and "matching sentence shows here" in str(line.render())
        assert article_list(app).size.height == height - 1
        layouts.clear()
        await pilot.press(*"tentara")
        await settled(app, pilot)
        assert "tentara" in str(line.render()).casefold()
        assert layouts == [], "typing words drew the screen again without laying it out"
        await pilot.press("enter")  # to the list: the words stay, and their sentence
        await settled(app, pilot)
        assert line.display
        await pilot.press("escape")  # the filter cleared: the line goes
        await settled(app, pilot)
        assert not line.display and article_list(app).size.height == height
        await pilot.press("slash", *"no:notes", "enter")  # no words: nothing to show
        await settled(app, pilot)
        assert not line.display


@async_test
async def test_the_scrollbar_is_drawn_again_only_when_its_thumb_changes(app) -> None:
    async with running(app) as pilot:
        await settled(app, pilot)
        widget = article_list(app)
        bar, height = widget.vertical_scrollbar, widget.scrollable_content_region.height
        # Thousands of rows in a few dozen lines: a one-cell thumb, whatever their number.
        assert widget._same_thumb(ARTICLES, ARTICLES - 700)
        assert not widget._same_thumb(ARTICLES, height * 2), "a short list's thumb is longer"
        await pilot.press("slash", *"tentara")
        await settled(app, pilot)
        count, height = len(widget.rows), widget.scrollable_content_region.height
        assert height * 40 < count < ARTICLES
        assert bar.window_virtual_size == widget.virtual_size.height == count
        await pilot.press("enter", "G")  # the end of the shorter list is in reach
        await settled(app, pilot)
        assert widget.cursor == count - 1
        assert widget.scroll_offset.y == widget.max_scroll_y == count - height
        assert not widget._same_thumb(count, height * 2)


@async_test
async def test_rows_status_and_sentence_are_drawn_in_one_frame(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A filter key's rows, count and sentence are all set when its rows are: one frame."""
    seen: list[tuple[int, str, str]] = []
    original = LibraryScreen._show

    def show(screen, *args, **kwargs):
        original(screen, *args, **kwargs)
        seen.append(
            (
                len(article_list(app).rows),
                status(app, "#library-status"),
                str(screen.query_one("#library-snippet").render()).casefold(),
            )
        )

    monkeypatch.setattr(LibraryScreen, "_show", show)
    async with running(app) as pilot:
        await settled(app, pilot)
        await pilot.press("slash")
        await settled(app, pilot)
        app.screen.query_one("#library-filter").value = "tentara"  # one query, one _show
        await settled(app, pilot)
        count, line, sentence = seen[-1]
        assert count < ARTICLES
        assert line.startswith(f"{count:,} of {ARTICLES:,} articles")
        assert "tentara" in sentence
        await pilot.press("down", "down")  # a row moved to: its own sentence, as before
        await settled(app, pilot)
        expected = app.workspace.snippet(
            article_list(app).current.id, app.workspace.query("tentara")
        )
        shown = str(app.screen.query_one("#library-snippet").render())
        assert around_first_match(expected) in shown


@async_test
async def test_fast_typing_shows_the_last_query_typed(app) -> None:
    async with running(app) as pilot:
        await settled(app, pilot)
        await pilot.press("slash", *"kim j", "backspace", "j", *"ong", "space", *"un")
        await settled(app, pilot)
        space = app.workspace
        numbers = space.rows(space.query("kim jong un"), "relevance")
        rows = space.row_data(numbers)
        assert shown_ids(app) == [rows[n].id for n in numbers]
        await pilot.press("enter", "s")  # back to the list, another sort: by date now
        await settled(app, pilot)
        assert sorted(shown_ids(app)) == sorted(rows[n].id for n in numbers)
        assert "sorted by date" in status(app, "#library-status")


@async_test
async def test_a_query_typed_over_is_stopped_where_it_is(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows' query of a key typed over stops at once: its core goes to the next key's."""
    outcome: list[str] = []
    lent: list = []
    original = Catalog.select

    def select(catalog, words=(), **kwargs):
        if list(words) != ["slow"]:
            return original(catalog, words, **kwargs)
        try:
            with catalog.database.connection() as connection:
                lent.append(connection)
                connection.execute(ENDLESS).fetchone()
        except BaseException as error:
            outcome.append(type(error).__name__)
            raise
        outcome.append("finished")
        return original(catalog, words, **kwargs)

    monkeypatch.setattr(Catalog, "select", select)
    async with running(app) as pilot:
        await settled(app, pilot)
        await pilot.press("slash", *"slow")
        await asyncio.sleep(0.3)  # the endless query under way
        assert not outcome
        await pilot.press("backspace")
        for _ in range(50):
            if outcome:
                break
            await asyncio.sleep(0.1)
        try:
            assert outcome == ["Stopped"]
        finally:
            for connection in lent:  # when not stopped, the test must still end
                connection.interrupt()
        await settled(app, pilot)
        space = app.workspace
        numbers = space.rows(space.query("slo"), "relevance")
        assert len(article_list(app).rows) == len(numbers)
        assert status(app, "#library-status").startswith(f"{len(numbers):,} of ")


@async_test
async def test_a_slow_query_says_it_is_searching_and_a_quick_one_draws_nothing_more(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    original, said = Catalog.select, []

    def select(catalog, words=(), **kwargs):
        if list(words) == ["slow"]:
            time.sleep(1.0)  # as a first letter over 100,000 articles
        return original(catalog, words, **kwargs)

    monkeypatch.setattr(Catalog, "select", select)
    original_say = LibraryScreen._say_searching

    def say(screen) -> None:
        said.append(screen.query_one("#library-filter").value)
        original_say(screen)

    monkeypatch.setattr(LibraryScreen, "_say_searching", say)
    async with running(app) as pilot:
        await settled(app, pilot)
        await pilot.press("slash", *"tentara")
        await settled(app, pilot)
        assert said == []  # quick answers: no "searching" frame drawn between
        await pilot.press("ctrl+u", *"slow")
        await asyncio.sleep(0.7)
        await pilot.pause()
        assert said == ["slow"]
        assert status(app, "#library-status").startswith(f"searching {ARTICLES:,} articles…")
        await settled(app, pilot)
        space = app.workspace
        count = len(space.rows(space.query("slow"), "relevance"))
        assert status(app, "#library-status").startswith(f"{count:,} of {ARTICLES:,} articles")


@async_test
async def test_a_hit_opens_in_the_reader(app) -> None:
    async with running(app) as pilot:
        await settled(app, pilot)
        await pilot.press("slash", *"tentara", "enter")
        await settled(app, pilot)
        wanted = article_list(app).current.id
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.article.id == wanted


@async_test
async def test_rows_arrive_while_the_index_fills_with_the_progress_said(
    indexed: tuple[Path, Path], make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.library.indexer as indexer_module
    import tui.loading as loading_module

    monkeypatch.setattr(indexer_module, "BATCH_FILES", 200)  # batches come quick and many
    monkeypatch.setattr(loading_module, "ROWS_EVERY", 0.0)
    corpus, _ = indexed
    app = make_app(corpus, data_dir=tmp_path / "fresh")
    progress: list[str | None] = []
    counts: list[int] = []
    real_progress, real_load = LibraryScreen.show_progress, LibraryScreen.load

    def show_progress(self, shown):
        progress.append(None if shown is None else str(shown))
        real_progress(self, shown)

    def load(self):
        real_load(self)
        counts.append(self.total)

    monkeypatch.setattr(LibraryScreen, "show_progress", show_progress)
    monkeypatch.setattr(LibraryScreen, "load", load)
    async with running(app) as pilot:
        await settled(app, pilot)
        assert counts[0] == 0 and counts[-1] == ARTICLES
        assert any(0 < n < ARTICLES for n in counts), "the library showed rows before the end"
        assert any(
            p and p.startswith("Indexing ") and f"of {ARTICLES:,} files" in p for p in progress
        )
        assert progress[-1] is None or not progress[-1].startswith("Indexing")
        assert len(article_list(app).rows) == ARTICLES

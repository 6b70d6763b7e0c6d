"""The reader's drawing: search highlights, hostile text, themes, and how little it repaints."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.news.article import BOILERPLATE_KINDS, SEGMENT_KINDS, Article
from store.news.loading import load_paths
from store.news.search import find_all
from tests.pilot_helpers import (
    article_view,
    async_test,
    highlighted,
    list_lines,
    open_row,
    running,
    search_bar,
    status,
    style_at,
    view_lines,
    write_articles,
)
from tui.article_layout import KIND_CLASS, shown_date
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.search_bar import SearchBar

BAPERA = "BaperaNews"  # seed 000: its first paragraph has two sentences


@pytest.fixture
def app(make_app):
    return make_app()


# --- search --------------------------------------------------------------------------


def lit_elsewhere(view: ArticleView, starts: list[int]) -> list[str]:
    """Highlighted texts on match lines other than the cursor's line."""
    cursor_line = view.line_of(view.cursor)
    visible = range(view.scroll_offset.y, view.scroll_offset.y + view.size.height)
    lines = {view.line_of(s) for s in starts} - {cursor_line}
    return [
        t for s in starts if view.line_of(s) in lines & set(visible) for t in highlighted(view, s)
    ]


@async_test
async def test_search_highlights_as_you_type_and_n_N_cycle_and_wrap(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, BAPERA)
        view = article_view(app)
        starts = [start for start, _ in find_all(view.body, "rusia")]
        await pilot.press("slash")
        assert app.focused is search_bar(app)
        await pilot.press(*"rusia")
        assert f"match 1 of {len(starts)} for “rusia”" in status(app, "#reader-status")
        assert view.cursor == starts[0], "the first match is previewed"
        assert "Rusia" in highlighted(view, starts[1]), "the other matches are highlighted too"
        await pilot.press("enter")
        assert app.focused is view
        assert not search_bar(app).has_class("-open")
        assert view.cursor == starts[0]
        assert "Rusia" in highlighted(view, starts[1]), "Enter keeps the highlights"
        await pilot.press("n")
        assert view.cursor == starts[1]
        assert f"match 2 of {len(starts)}" in status(app, "#reader-status")
        await pilot.press("N", "N")
        assert view.cursor == starts[-1]
        assert "wrapped to the bottom" in status(app, "#reader-status")
        await pilot.press("n")
        assert view.cursor == starts[0]
        assert "wrapped to the top" in status(app, "#reader-status")


@async_test
async def test_esc_in_the_search_bar_cancels_and_puts_the_cursor_back(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, BAPERA)
        view = article_view(app)
        starts = [start for start, _ in find_all(view.body, "korea")]
        await pilot.press("right_curly_bracket")
        origin = view.cursor
        await pilot.press("slash", *"korea")
        assert view.cursor == next(s for s in starts if s >= origin)
        await pilot.press("escape")
        assert view.cursor == origin
        assert app.focused is view and not search_bar(app).has_class("-open")
        assert lit_elsewhere(view, starts) == [], "the highlights are gone"
        assert isinstance(app.screen, ReaderScreen), "Esc in the bar does not leave"
        await pilot.press("slash", *"zzzz")
        assert "no match for “zzzz”" in status(app, "#reader-status")
        assert view.cursor == origin


@async_test
async def test_n_before_any_search_says_how_to_search_and_leaves_the_cursor(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, BAPERA)
        # The bar is mounted on first use, not with every article.
        assert not app.screen.query(SearchBar)
        view = article_view(app)
        origin = view.cursor
        await pilot.press("n")
        await pilot.pause()
        assert "no search yet: press / to search" in status(app, "#reader-status")
        assert view.cursor == origin
        await pilot.press("slash")
        assert app.focused is search_bar(app)


@async_test
async def test_esc_clears_the_highlights_then_goes_back(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, BAPERA)
        view = article_view(app)
        starts = [start for start, _ in find_all(view.body, "kim")]
        await pilot.press("slash", *"kim", "enter")
        assert lit_elsewhere(view, starts)
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        assert lit_elsewhere(view, starts) == []
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


@async_test
async def test_the_current_match_stands_out_from_the_other_matches(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, BAPERA)
        view = article_view(app)
        await pilot.press("slash", *"rusia", "enter")
        current, other = (start for start, _ in find_all(view.body, "rusia")[:2])
        assert view.cursor == current
        # The second letter of each: the first letter of the current one has the cursor.
        assert style_at(view, current + 1).bgcolor != style_at(view, other + 1).bgcolor


def related_line(view: ArticleView) -> list:
    """The segments of the first line of the "Baca Juga" boilerplate in seed 001."""
    related = view.body.index("Baca Juga:")
    strip = view.render_line(view.line_of(related) - view.scroll_offset.y)
    return [seg for seg in strip if seg.text.strip() and "Juga" in seg.text]


@async_test
async def test_boilerplate_is_styled_when_the_cursor_is_elsewhere(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, "KOMPAS.TV")
        view = article_view(app)
        assert view.line_of(view.cursor) != view.line_of(view.body.index("Baca Juga:"))
        assert all(seg.style.italic for seg in related_line(article_view(app)))


@async_test
async def test_boilerplate_is_drawn_in_the_disabled_text_colour(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, "KOMPAS.TV")
        await pilot.press(*"}}}")  # onto the line, so the other bug does not hide this one
        view = article_view(app)
        assert view.body.startswith("Baca Juga:", view.cursor)
        (segment,) = related_line(view)
        assert segment.style.italic
        colour = view.get_component_rich_style("article-view--boilerplate").color
        assert segment.style.color == colour


def test_the_header_shows_a_date_that_reads_two_ways_as_written_never_one_reading() -> None:
    # 6/12/2025 was once drawn as "6 Dec 2025" for a story of 12 June.
    assert shown_date("6/12/2025", "ambiguous") == "6/12/2025 (ambiguous)"
    assert shown_date("2025-06-12", "stated") == "12 Jun 2025"
    assert shown_date("2024-11-30", "estimated") == "~30 Nov 2024 (estimated)"


def test_every_kind_of_boilerplate_is_drawn_as_boilerplate_and_every_kind_is_drawn() -> None:
    # Page furniture (ADVERTISEMENT) and an outlet's repeated lines are dimmed like a
    # "Baca Juga" line; list items read as prose.
    assert set(KIND_CLASS) == SEGMENT_KINDS
    assert {KIND_CLASS[kind] for kind in BOILERPLATE_KINDS} == {"article-view--boilerplate"}
    assert KIND_CLASS["item"] == "article-view--paragraph"


# --- hostile and odd articles, themes ------------------------------------------------------


@async_test
async def test_escape_sequences_in_a_body_are_shown_as_symbols(make_app, tmp_path: Path) -> None:
    body = "Before \x1b[2J after. Clip \x1b]52;c;aGVsbG8=\x07 end."
    corpus = write_articles(
        tmp_path / "c", {"title": "Esc \x1b[31mred", "outlet": "E", "body": body}
    )
    app = make_app(corpus)
    async with running(app) as pilot:
        assert "Esc ␛[31mred" in list_lines(app)[0] and "\x1b" not in list_lines(app)[0]
        await open_row(app, pilot, "E")
        await pilot.press(*"lllllll")  # the cursor now sits on the ESC character
        assert article_view(app).body[article_view(app).cursor] == "\x1b"
        lines = view_lines(app)
        shown = "\n".join(lines)
        assert "␛[2J" in shown and "␛]52;c;aGVsbG8=␇" in shown and "Esc ␛[31mred" in shown
        assert not any(ch in line for line in lines for ch in "\x1b\x07")


@async_test
async def test_the_header_says_a_date_is_estimated_from_the_text(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, BAPERA)
        assert isinstance(app.screen, ReaderScreen)
        header = " ".join(view_lines(app)[:4])
        assert "BaperaNews · ~30 Nov 2024 (estimated)" in header


@async_test
async def test_an_article_without_body_text_opens_without_crashing(app) -> None:
    async with running(app) as pilot:
        empty = Article(title="Nothing here", body="", segments=())
        app.workspace.corpus.add(empty)
        app.open_article(empty.id)
        await pilot.pause()
        assert "(this article has no body text)" in "\n".join(view_lines(app))
        await pilot.press("w", "right_parenthesis", "j", "G", "dollar_sign", "space", "slash")
        await pilot.press("x", "enter", "n")
        await pilot.click(ArticleView, offset=(20, 3))
        assert article_view(app).cursor == 0
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


@async_test
async def test_changing_the_theme_redraws_the_reader(app) -> None:
    async with running(app) as pilot:
        await open_row(app, pilot, BAPERA)
        view = article_view(app)

        def cursor_style():
            strip = view.render_line(view.line_of(view.cursor) - view.scroll_offset.y)
            return next(seg.style for seg in strip if seg.text == view.body[view.cursor])

        legend = app.screen.legend

        def legend_style(kind: str = "PER"):
            line = legend.render_line(0)
            return next(seg.style.color for seg in line if seg.text.strip() == kind)

        dark, dark_legend = cursor_style(), legend_style()
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        assert cursor_style() != dark, "no strip kept from the old theme"
        assert legend_style() != dark_legend, "the legend takes the new theme's colours"
        await pilot.press("w", "j")
        assert "Kim Jong Un" in "\n".join(view_lines(app))


# --- repainting --------------------------------------------------------------------------


@pytest.fixture
def long_corpus(tmp_path: Path, seeds: Path) -> Path:
    """A 5,000-word article made of seed paragraphs."""
    seed = next(a for a in load_paths([seeds]).articles if a.outlet == BAPERA)
    paragraphs: list[str] = []
    while sum(len(p.split()) for p in paragraphs) < 5000:
        paragraphs.extend(seed.paragraphs)
    return write_articles(
        tmp_path / "long", {"title": "Long", "outlet": "L", "paragraphs": paragraphs}
    )


@async_test
async def test_a_cursor_move_repaints_only_the_lines_it_touches(make_app, long_corpus) -> None:
    app = make_app(long_corpus)
    async with running(app) as pilot:
        await open_row(app, pilot, "L")
        view = article_view(app)
        assert view.article.word_count >= 5000
        await pilot.pause()
        rendered: list[int] = []
        real = view.render_line

        def spy(y: int):
            rendered.append(view.scroll_offset.y + y)
            return real(y)

        view.render_line = spy
        for key in ("l", "j", "right_parenthesis", "w", "k"):
            rendered.clear()
            before = view.line_of(view.cursor)
            await pilot.press(key)
            await pilot.pause()
            after = view.line_of(view.cursor)
            assert 1 <= len(rendered) <= 3, (key, rendered)
            assert set(rendered) <= {before, after}, (key, rendered)

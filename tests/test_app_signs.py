"""Signs that cannot be read as something else: marks, columns, the status line, notices."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region

from tests.annotate_helpers import fill_claim, open_first
from tests.pilot_helpers import (
    SMALL,
    article_list,
    async_test,
    list_lines,
    notes,
    running,
    status,
    workers_done,
)
from tui.screens.notices import NoticesScreen
from tui.widgets.article_list import column_widths


@pytest.fixture
def app(make_app):
    return make_app()


def shown_text(widget) -> str:
    """What ``widget`` draws, line by line."""
    region = Region(0, 0, widget.size.width, widget.size.height)
    return "\n".join(strip.text for strip in widget.render_lines(region))


@async_test
async def test_a_claim_being_checked_is_marked_with_a_sign_that_is_no_ellipsis(app) -> None:
    async with running(app, SMALL) as pilot:
        await open_first(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        await fill_claim(app, pilot, status="checking")
        await pilot.press("q")
        await pilot.pause()
        (row,) = [line for line in list_lines(app) if "KOMPAS.TV" in line]
        assert "◐1" in row
        claims_and_title = row.split("KOMPAS.TV", 1)[1]
        assert claims_and_title.count("…") <= 1, "only a title cut short ends in …"


@async_test
async def test_at_80_columns_outlets_are_whole_and_titles_get_half_the_row(app) -> None:
    async with running(app, SMALL) as pilot:
        lines = list_lines(app)
        assert any("geosurvey.co.id " in line for line in lines), lines
        header = status(app, "#library-header")
        assert "Words" not in header and "Title" in header
        assert column_widths(79).title >= 40
        await pilot.press("s", "s", "s")  # date → title → outlet → words
        assert "Words ▼" in status(app, "#library-header")
        assert column_widths(120).words and column_widths(120).outlet >= 15


@async_test
async def test_a_long_message_is_never_cut_for_the_counts(app) -> None:
    async with running(app, SMALL) as pilot:
        reader = await open_first(app, pilot)
        await pilot.press("right_parenthesis", "y")
        await pilot.pause()
        line = status(app, "#reader-status").strip()
        # 76 cells: the counts step aside, the message stays whole.
        assert line.startswith("Copied “") and line.endswith("clipboard."), line
        await pilot.press("right_parenthesis")
        reader._status("Short.")
        line = status(app, "#reader-status").strip()
        assert line.startswith("Short.") and line.endswith("259 words"), "counts to the right"


@async_test
async def test_problems_loading_files_are_one_toast_and_each_is_in_the_log(
    make_app, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(5):
        (corpus / f"kosong-{number}.txt").write_bytes(b"")
    (corpus / "baik.txt").write_text("Judul\n\nSatu kalimat di sini.\n", encoding="utf-8")
    app = make_app(corpus)
    async with running(app, (100, 20)) as pilot:
        (toast,) = notes(app)
        assert toast.startswith("Problems in 5 files")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, NoticesScreen)
        shown = shown_text(app.screen.query_one("#notices"))
        assert shown.count("empty file") == 5, shown
        assert sorted(n.message.split("/")[-1] for n in app.screen.notices)[1:] == [
            f"kosong-{n}.txt: empty file" for n in range(5)
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, NoticesScreen)


@async_test
async def test_at_most_two_toasts_cover_the_text_and_the_palette_opens_the_log(app) -> None:
    async with running(app) as pilot:
        for number in range(4):
            app.notify(f"notice {number}")
        await pilot.pause()
        assert notes(app) == ["notice 2", "notice 3"]
        assert [n.message for n in app.notices.items()][-4:] == [f"notice {n}" for n in range(4)]
        await pilot.press("ctrl+p", *"notices")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoticesScreen)
        assert "notice 3" in shown_text(app.screen.query_one("#notices"))


@async_test
async def test_the_entity_index_landing_as_an_article_opens_raises_no_warning(app) -> None:
    async with running(app) as pilot:
        await workers_done(app)
        await pilot.pause()
        app.open_article(article_list(app).current.id)
        # The index is done before the new reader has laid out its view.
        app._entities_found()
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        assert type(app.screen).__name__ == "ReaderScreen"
        assert not [n.message for n in app.notices.items() if n.severity != "information"]

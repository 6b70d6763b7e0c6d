"""Opening and closing articles all day does not pile up closed readers.

Each closed reader used to stay in memory with its whole article (its
layout, highlights and rendered lines), through Textual's watcher and
render-cache leaks (``tui.textual_leaks``): memory grew with every article
read, and every full collection walked all of them again, in the middle of
someone's keystroke.
"""

from __future__ import annotations

import gc

from textual.widgets._footer import FooterKey

from tests.pilot_helpers import async_test, open_row, running
from tui.widgets.article_view import ArticleView

KOMPAS = "KOMPAS.TV"


def alive(kind: type) -> int:
    return sum(1 for thing in gc.get_objects() if isinstance(thing, kind))


@async_test
async def test_a_closed_reader_is_let_go_and_memory_stays_flat(make_app) -> None:
    app = make_app()
    async with running(app) as pilot:
        tracked = []
        for _ in range(6):
            await open_row(app, pilot, KOMPAS)
            await pilot.press("q")
            await pilot.pause()
            gc.collect()
            tracked.append(len(gc.get_objects()))
            assert alive(ArticleView) == 0
        keys = alive(FooterKey)
        # The first rounds fill bounded caches; after that, (almost) nothing stays.
        assert tracked[-1] - tracked[2] < 300, tracked
        for _ in range(3):
            await open_row(app, pilot, KOMPAS)
            await pilot.press("q")
            await pilot.pause()
        gc.collect()
        assert alive(FooterKey) <= keys  # the footer keeps only the keys it shows

"""Keys typed fast, as a burst (over SSH they often arrive together), go where the user meant.

A key whose action moves the focus (``/`` to the filter or the search bar)
or opens a form (``a``) used to leave the keys behind it with the widget
that had the focus: ``/kim`` in the library moved the cursor and marked an
article read, ``/putin`` in the reader opened the entity form and undid the
last change. Here the keys are posted all at once, as a terminal delivers a
burst, before the app has handled the first.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import events
from textual.widgets import Input

from tests.annotate_helpers import claim_form, claim_span, note_form, open_first, stored
from tests.pilot_helpers import async_test, running
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen


def burst(app, *keys: str) -> None:
    for key in keys:
        character = {"slash": "/", "space": " "}.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))


async def handled(pilot, done: Callable[[], bool], seconds: float = 10) -> None:
    """Pause until the burst is handled (``done()``); a loaded machine needs more than one."""
    deadline = time.monotonic() + seconds
    await pilot.pause()
    while not done() and time.monotonic() < deadline:
        await pilot.pause(0.05)


@async_test
async def test_slash_and_a_filter_typed_at_once_filter_the_library(make_app) -> None:
    app = make_app()
    async with running(app) as pilot:
        read_before = set(app.read_ids())
        burst(app, "slash", "k", "i", "m")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        box = app.screen.query_one("#library-filter", Input)
        assert box.value == "kim"
        burst(app, "f", "slash")  # in the box, the filter keys are text
        await pilot.pause()
        assert box.value == "kimf/"
        assert set(app.read_ids()) == read_before  # "m" did not mark anything read


@async_test
async def test_slash_and_a_query_typed_at_once_search_the_article(make_app) -> None:
    app = make_app()
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        burst(app, "slash", "p", "u", "t", "i", "n")
        await pilot.pause()
        assert app.screen is reader  # "t" did not open the entity form
        assert reader.search.value == "putin"
        assert app.focused is reader.search


@async_test
async def test_keys_behind_the_one_opening_a_form_never_act_on_the_article(make_app) -> None:
    app = make_app()
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        await claim_span(app, pilot, 0, 20)
        assert len(stored(app, reader.article.id)) == 1
        cursor = reader.view.cursor
        burst(app, "a", "u", "j", "x", "space", "1")  # a note: not undo, down, delete
        await pilot.pause()
        assert note_form(app).current_text() == "ujx 1"  # the note's first words
        assert len(stored(app, reader.article.id)) == 1  # nothing undone or deleted
        assert reader.view.cursor == cursor
        await pilot.press("escape", "escape")  # typed work: Esc asks, Esc again discards
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


@async_test
async def test_c_then_tab_tab_and_a_speaker_typed_at_once_fill_the_claim_form(make_app) -> None:
    app = make_app()
    async with running(app) as pilot:
        await open_first(app, pilot)
        burst(app, "c", "tab", "tab", "K", "C", "N", "A", "tab", "x")
        await handled(pilot, lambda: any(box.value for box in app.screen.query("#tags")))
        form = claim_form(app)
        assert form.query_one("#speaker", Input).value == "KCNA"
        assert form.query_one("#tags", Input).value == "x"

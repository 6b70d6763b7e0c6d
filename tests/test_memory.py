"""The loaded library is kept out of the collector's full passes while sorot runs.

``tests/bench.py`` measures what this buys (the filter keystroke's p95 with
10,000 articles); here: the app freezes what it loaded once the library is
shown, and hands it back when it ends, so a process running several apps
(this test suite) does not keep them all.
"""

from __future__ import annotations

import gc

from tests.pilot_helpers import async_test, running


@async_test
async def test_the_app_freezes_its_loaded_library_and_releases_it_when_it_ends(make_app) -> None:
    gc.unfreeze()
    usual = gc.get_threshold()
    app = make_app()
    async with running(app) as pilot:
        for _ in range(100):  # settled once the library has painted
            if gc.get_freeze_count():
                break
            await pilot.pause(0.05)
        assert gc.get_freeze_count() > 0
        workspace = app.workspace
        assert all(thing is not workspace for thing in gc.get_objects(generation=2))
        # Full passes come ten times more rarely while the app runs (tui.memory says why).
        assert gc.get_threshold()[2] == 10 * usual[2]
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == usual, "the process's collector as it was"

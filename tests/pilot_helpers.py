"""Shared helpers for the Pilot-driven app tests (not a test module itself).

The app reads its corpus in a thread worker, so every test starts with
:func:`running`, which waits for that worker before handing over the pilot.
pytest-asyncio is not a dependency: :func:`async_test` runs a coroutine test
with ``asyncio.run`` while pytest still injects its fixtures.
"""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from tui.screens.reader import ReaderScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.search_bar import SearchBar

WIDE = (120, 40)
SMALL = (80, 24)


def async_test(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an ``async def`` test in a fresh event loop."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


async def workers_done(app) -> None:
    """Wait until no worker of ``app`` runs, including those the last ones started.

    A worker cancelled on the way (the library's queries are exclusive: rows
    arriving replace the query under way) is no failure; a worker that
    raised is.
    """
    quiet = 0
    while quiet < 2:
        pending = [w for w in app.workers if not w.is_finished]
        if not pending:
            quiet += 1
            await asyncio.sleep(0.02)  # a call posted by the last worker may start another
            continue
        quiet = 0
        results = await asyncio.gather(*(w.wait() for w in pending), return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException) and not isinstance(result, WorkerCancelled):
                raise result


@asynccontextmanager
async def running(app, size: tuple[int, int] = WIDE) -> AsyncIterator[Pilot]:
    """Run ``app`` headless at ``size`` with its corpus loaded."""
    async with app.run_test(size=size) as pilot:
        await workers_done(app)
        await pilot.pause()
        yield pilot


def write_articles(folder: Path, *articles: dict, name: str = "articles.json") -> Path:
    """Write ``articles`` (JSON article objects) into ``folder/name``; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(list(articles), ensure_ascii=False), encoding="utf-8")
    return folder


def article_list(app) -> ArticleList:
    return app.screen.query_one(ArticleList)


def row_at(app, position: int):
    """The library's row shown at ``position`` (its id, title, outlet, date, words)."""
    return article_list(app).rows[position]


def list_lines(app) -> list[str]:
    """The rendered text of the library's non-blank rows, top to bottom."""
    widget = article_list(app)
    lines = [widget.render_line(y).text for y in range(widget.size.height)]
    return [line.rstrip() for line in lines if line.strip()]


def article_view(app) -> ArticleView:
    assert isinstance(app.screen, ReaderScreen), app.screen
    return app.screen.query_one(ArticleView)


def view_lines(app) -> list[str]:
    """The rendered text of every visible line of the article view."""
    view = article_view(app)
    return [view.render_line(y).text for y in range(view.size.height)]


def search_bar(app) -> SearchBar:
    return app.screen.query_one(SearchBar)


def status(app, selector: str) -> str:
    """The plain text of a status ``Static`` such as ``#library-status``."""
    return str(app.screen.query_one(selector).render())


def notes(app) -> list[str]:
    """The messages of the notifications the app is showing."""
    return [str(n.message) for n in app._notifications]


async def open_row(app, pilot: Pilot, outlet: str) -> ReaderScreen:
    """Highlight the library row of ``outlet`` and open it with Enter."""
    widget = article_list(app)
    for row in range(len(widget.rows)):
        if widget.rows[row].outlet == outlet:
            widget.cursor = row
            break
    else:
        raise AssertionError(f"no row for {outlet}")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


def line_at(app, offset: int) -> str:
    """The rendered text of the screen line holding body ``offset``, without margins."""
    view = article_view(app)
    return view.render_line(view.line_of(offset) - view.scroll_offset.y).text.strip()


def highlighted(view: ArticleView, offset: int) -> list[str]:
    """Texts on the line of ``offset`` drawn on another background than plain text.

    Neighbouring cells on one background are one text whatever their colours
    (entities colour the words under a selection or a claim).
    """
    strip = view.render_line(view.line_of(offset) - view.scroll_offset.y)
    plain = view.rich_style.bgcolor
    runs: list[str] = []
    last = None
    for seg in strip:
        background = seg.style.bgcolor if seg.style else None
        if background is None or background == plain:
            last = None
        elif background == last:
            runs[-1] += seg.text
        else:
            runs.append(seg.text)
            last = background
    return runs


def style_at(view: ArticleView, offset: int):
    """The Rich style of the cell that shows body ``offset`` (which must be on screen)."""
    strip = view.render_line(view.line_of(offset) - view.scroll_offset.y)
    text = strip.text
    shown = text.strip()
    start = view.body.rfind(shown, 0, offset + len(shown))  # the line's start in the body
    cell = len(text) - len(text.lstrip()) + offset - start
    x = 0
    for segment in strip:
        if x <= cell < x + len(segment.text):
            return segment.style
        x += len(segment.text)
    raise AssertionError(f"offset {offset} is not on its line")

"""sorot's own entries in the command palette (ctrl+p)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from store.library.catalog import SORT_KEYS
from store.news.safetext import printable

if TYPE_CHECKING:
    from tui.app import SorotApp

MAX_ARTICLE_HITS = 40
"""Articles offered for one query: more would not fit on a screen anyway."""


class SorotCommands(Provider):
    """Open an article by title, sort the library, go back, get help."""

    @property
    def sorot(self) -> SorotApp:
        return self.app  # type: ignore[return-value]

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.sorot
        commands: list[tuple[str, Callable[[], object], str]] = [
            ("Help: show the keys", app.action_help, "What every key does on this screen"),
            (
                "Notices: show the log",
                app.action_notices,
                "Every message of this session, newest first (ctrl+l)",
            ),
            (
                "Export annotations…",
                app.open_export,
                "Write a set of claims and notes as JSON, W3C, ClaimReview or CSV",
            ),
        ]
        library = app.library
        if library is not None:
            for key in SORT_KEYS:
                commands.append(
                    (
                        f"Library: sort by {key}",
                        partial(library.set_sort, key),
                        f"Order the library by {key}",
                    )
                )
            commands.append(
                (
                    "Library: reverse the sort",
                    library.action_reverse_sort,
                    "Flip the order of the library",
                )
            )
        if app.screen is not library and library is not None:
            commands.append(
                ("Reader: back to the library", app.screen.dismiss, "Close this article")
            )
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
        app = self.sorot
        hits = 0
        # The index finds the titles holding the words typed; the palette ranks those.
        words = [w for w in query.casefold().removeprefix("open:").split() if w]
        for entry in app.workspace.titles(words):
            label = f"Open: {printable(entry.title)}"
            score = matcher.match(label)
            if score > 0:
                # The palette parses markup; a title is data, so escape it first.
                about = " · ".join(p for p in (entry.outlet, entry.date) if p)
                yield Hit(
                    score,
                    matcher.highlight(escape(label)),
                    partial(app.open_article, entry.id),
                    help=escape(printable(about)) or None,
                )
                hits += 1
                if hits >= MAX_ARTICLE_HITS:
                    break

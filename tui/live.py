"""Colleagues seen live: their saves reach the library and the open article within a second.

A thread watches the data folder's annotation files
(``Workspace.watch``); each settled batch of changes is read again on the UI
thread: the library's counts and filters follow, the article being read
redraws its claims, notes and corrections, and a short notice says who did
what ("rina added a claim here"). The user's own saves are redrawn silently.
A claim group's file (its verdict, its title) changing redraws the claims
board if it is open.

A second thread watches the corpus's folders (``Workspace.watch_corpus``):
a scraper's new, changed or deleted articles are indexed as ``R`` would,
and the library says how many arrived.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from store.annotations.changes import notice
from store.annotations.watching import GROUP_PREFIX

if TYPE_CHECKING:
    from tui.app import SorotApp


class LiveFolder:
    """Follows the data folder for the app, from ``start()`` to ``close()``."""

    def __init__(self, app: SorotApp) -> None:
        self.app = app
        self.stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._corpus: threading.Thread | None = None

    def start(self) -> None:
        """Begin watching, in a thread of its own.

        A plain daemon thread, not a Textual worker: it runs as long as the
        app, and waiting for the app's workers to finish must not wait for it.
        """
        if self._thread is None:
            self._thread = threading.Thread(target=self._watch, name="sorot-live", daemon=True)
            self._thread.start()
        if self._corpus is None:
            self._corpus = threading.Thread(
                target=self._watch_corpus, name="sorot-corpus", daemon=True
            )
            self._corpus.start()

    def close(self) -> None:
        """Stop watching (the thread notices within a twentieth of a second)."""
        self.stop.set()

    def _tell(self, callback: Callable[..., object], *args: object, **kwargs: object) -> None:
        """Run ``callback`` on the UI thread, from a watching thread.

        What goes wrong there is the UI's, not the watch's: a colleague's save
        arriving as its article's screen is left must not end the watching.
        """
        # RuntimeError, CancelledError: the app is closing.
        with contextlib.suppress(Exception):
            self.app.call_from_thread(callback, *args, **kwargs)

    def _watch(self) -> None:
        try:
            self.app.workspace.watch(self.stop, lambda ids: self._tell(self.arrived, ids))
        except Exception as error:  # watching is a help: the R key still reloads
            self._tell(
                self.app.notify,
                f"Colleagues' changes will show on R only (cannot watch the folder: {error}).",
                severity="warning",
            )

    def _watch_corpus(self) -> None:
        try:
            self.app.workspace.watch_corpus(
                self.stop, lambda paths: self._tell(self.app.corpus_changed, paths)
            )
        except Exception as error:  # watching is a help: the R key still reads the folders
            self._tell(
                self.app.notify,
                f"New articles will show on R only (cannot watch the corpus: {error}).",
                severity="warning",
            )

    def arrived(self, ids: set[str]) -> None:
        """Read these articles' annotations again and show what colleagues did."""
        app = self.app
        groups = {i for i in ids if i.startswith(GROUP_PREFIX)}
        ids = ids - groups
        changes = app.workspace.reread(ids)
        app.report_store_problems()
        library = app.library
        if library is not None:
            library.refilter()
        for screen in app.screen_stack:
            if hasattr(screen, "refresh_board"):
                screen.refresh_board()  # the claims board: groups and claims as saved now
        reading = None
        for screen in app.screen_stack:
            article = getattr(screen, "article", None)
            if article is not None and article.id in ids and hasattr(screen, "colleague_saved"):
                screen.colleague_saved()
                reading = article.id
        if not changes:
            return
        if reading in changes:
            text = notice(changes[reading], "here")
        else:
            first = next(iter(changes))
            text = notice(changes[first], f"in “{app.title_of(first)}”")
        app.notify(text, title="A colleague", timeout=6)

"""How the app gets its corpus: from the index at once, then brought up to date, then entities.

A mixin of ``SorotApp``. The library paints what the index holds straight
away (nothing, the very first time); a worker thread then refreshes the
index (``Workspace.refresh``: only new and changed files are read, in worker
processes below the UI's priority), the status line says how far it is and
the rows arrive a batch at a time; once it is done, the entity pass finds
the entities of the articles that have none yet, stepping aside while the
user types or the reader recognises an article.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message
from textual.worker import Worker, WorkerState, get_current_worker

from store.files.database import DatabaseUnreadable
from store.library.indexer import IndexReport
from tui.memory import settle
from tui.screens.status_text import Progress

if TYPE_CHECKING:
    from tui.app import SorotApp
    from tui.screens.reader import ReaderScreen

KEY_QUIET = 0.5
"""Seconds after a key during which background indexing waits."""

FIRST_PAINT_WAIT = 2.0
"""Seconds the refresh waits at most for the library's first paint before walking the files."""

ROWS_EVERY = 1.0
"""Seconds between two updates of the library while the index fills."""

PROGRESS_EVERY = 0.25
"""Seconds between two updates of the progress in the status line."""

WATCH_SHARE = 0.1
"""At most this share of the time goes to the corpus's watcher's readings: each looks
at the files it was told of (milliseconds), but a new folder, or thousands of files at
once, is walked (1.5 s for one folder of 100,000), and typing must not wait behind it."""


def throttled(action: Callable[..., Any], every: float) -> Callable[..., None]:
    """``action`` called at most every ``every`` seconds (a ``(done, total)`` end always goes)."""
    last = [0.0]

    def call(*args: Any) -> None:
        now = time.monotonic()
        done = len(args) == 2 and args[0] == args[1]
        if done or now - last[0] >= every:
            last[0] = now
            action(*args)

    return call


class UiCall(Message):
    """A call for the UI thread, posted from a worker thread without waiting for it.

    ``call_from_thread`` waits until the UI has run the call: a worker that
    reports progress while the app shuts down (the terminal hung up) would
    wait for ever, and the app, joining its workers, with it. A posted
    message is simply dropped once the app is closing.
    """

    def __init__(self, callback: Callable[..., Any], *args: Any) -> None:
        super().__init__()
        self.callback = callback
        self.args = args


def reader_screen() -> type[ReaderScreen]:
    """The reader's screen class, imported on first use (see ``SorotApp._loaded``)."""
    from tui.screens.reader import ReaderScreen

    return ReaderScreen


class CorpusLoading:
    """The corpus coming in (a part of ``SorotApp``)."""

    def later(self: SorotApp, callback: Callable[..., Any], *args: Any) -> None:
        """Run ``callback(*args)`` on the UI thread soon; from any thread, never waiting."""
        self.post_message(UiCall(callback, *args))

    def on_ui_call(self, message: UiCall) -> None:
        message.callback(*message.args)

    @work(thread=True, exclusive=True, group="load")
    def load_corpus(self: SorotApp) -> None:
        """Open the corpus from its index, paint it, then bring the index up to date.

        The library shows what the index holds at once (nothing, the first
        time) and the rows arrive as the files are read, with the progress
        in the status line.
        """
        worker = get_current_worker()
        workspace = self.workspace
        painted = threading.Event()
        try:
            workspace.open_corpus(self.paths)
            workspace.counts  # the annotations read here, not on the UI thread  # noqa: B018
            self.later(self._show_rows, painted)
            # The walk (a stat per file, 100,000 at a newsroom's scale) takes the
            # interpreter from the UI thread: it starts once the first rows are painted.
            painted.wait(FIRST_PAINT_WAIT)
        except (DatabaseUnreadable, OSError) as error:
            if not worker.is_cancelled:
                self.later(self._index_failed, str(error))
            return
        except RuntimeError:  # the app is closing
            return
        report = self._read_folders(worker)
        if report is not None:
            self.later(self._loaded, report)

    def _read_folders(
        self: SorotApp, worker: Worker, files: set[str] | None = None
    ) -> IndexReport | None:
        """Bring the index up to date with the corpus's files, rows shown as they come
        (in a worker); ``None`` when it failed (said) or was stopped. ``files``: only
        these may have changed (the corpus's watcher)."""
        try:
            report = self.workspace.refresh(
                files=files,
                progress=throttled(self._indexing, PROGRESS_EVERY),
                batch_done=throttled(lambda: self.later(self._show_rows), ROWS_EVERY),
                stop=lambda: worker.is_cancelled,
                niceness=5,  # the workers reading files make way for the UI
            )
        except (DatabaseUnreadable, OSError) as error:
            if not worker.is_cancelled:
                self.later(self._index_failed, str(error))
            return None
        except RuntimeError:  # the app is closing
            return None
        return None if worker.is_cancelled else report

    def refresh_corpus(self: SorotApp) -> None:
        """Read the corpus's folders again for files added, changed or gone since (``R``):
        a scraper's new articles, or those a colleague's ``sorot index`` put in the index."""
        if not self.loaded:
            self.notify("The corpus is still being read.", timeout=3)
            return
        # What the library shows, not the index's count: a colleague may have indexed already.
        library = self.library
        self._refresh_corpus(library.total if library is not None else self.workspace.count())

    def corpus_changed(self: SorotApp, paths: set[str]) -> None:
        """The corpus's files at ``paths`` changed on disk (a scraper): index them.

        Only those files are looked at (``Indexer.refresh(files=...)``);
        nothing is said when no article came or went. Changes while the
        folders are being read wait for that reading to end (``R``'s full walk
        is not cut short), and after a reading the watcher rests so as to take
        ``WATCH_SHARE`` of the time at most.
        """
        waiting = self._corpus_changes = (self._corpus_changes or set()) | paths
        rest = self._corpus_rest - time.monotonic()
        if rest > 0 or any(w.group == "load" and w.is_running for w in self.workers):
            if rest > 0 and self._corpus_timer is None:  # one wake-up, however many batches
                self._corpus_timer = self.set_timer(rest, self._corpus_rested)
            return
        self._corpus_changes = None
        library = self.library
        before = library.total if library is not None else self.workspace.count()
        self._refresh_corpus(before, files=waiting, quiet=True)

    def _corpus_rested(self: SorotApp) -> None:
        self._corpus_timer = None
        if self._corpus_changes is not None and time.monotonic() >= self._corpus_rest:
            self.corpus_changed(set())

    @work(thread=True, exclusive=True, group="load")
    def _refresh_corpus(
        self: SorotApp, before: int, files: set[str] | None = None, quiet: bool = False
    ) -> None:
        began = time.monotonic()
        if self._read_folders(get_current_worker(), files) is not None:
            self.later(self._refreshed, before, quiet)
        if quiet:  # the watcher's: the next one rests so that it takes its share at most
            took = time.monotonic() - began
            self._corpus_rest = time.monotonic() + took * (1 / WATCH_SHARE - 1)

    def _refreshed(self: SorotApp, before: int, quiet: bool = False) -> None:
        self._unread = None
        self._report_loading(self.workspace.corpus.problems())
        library = self.library
        if library is not None:
            library.show_progress(None)
            library.load()
        now = self.workspace.count()
        if now > before:
            news = now - before
            said = f"{news:,} new article{'s' if news != 1 else ''} ({now:,} in all)."
        elif now < before:
            gone = before - now
            which = "1 article's file is" if gone == 1 else f"{gone:,} articles' files are"
            said = f"{which} gone ({now:,} in all)."
        elif quiet:
            return  # a file written again, or one the index already had
        else:
            said = f"No new articles ({now:,} in all)."
        self.notify(said, title="Corpus", timeout=5)

    def _indexing(self: SorotApp, done: int, total: int) -> None:
        progress = None if done >= total else Progress("Indexing", done, total, "files")
        with contextlib.suppress(RuntimeError):
            self.later(self._progress, progress)

    def _progress(self: SorotApp, progress: Progress | None) -> None:
        library = self.library
        if library is not None:
            library.show_progress(progress)

    def _show_rows(self: SorotApp, painted: threading.Event | None = None) -> None:
        self._unread = None
        library = self.library
        if library is not None:
            library.load()
        if painted is not None:
            self.call_after_refresh(painted.set)

    def _index_failed(self: SorotApp, error: str) -> None:
        self.loaded = True
        self.notify(f"The corpus index cannot be used: {error}", severity="error", timeout=15)

    def _loaded(self: SorotApp, report: IndexReport) -> None:
        self._unread = None
        self.loaded = True
        self.report_store_problems()
        self._report_loading(self.workspace.corpus.problems())
        moves = self.workspace.moves
        for moved in moves:
            self.notices.add(moved.describe() + ".", title="Re-scraped")
        if len(moves) == 1:
            self.notify(moves[0].describe() + ".", title="Re-scraped")
        elif moves:
            self.notify(
                f"{len(moves)} re-scraped articles kept their annotations: ctrl+l lists them.",
                title="Re-scraped",
            )
        if report.busy:
            self.notify(
                "Another sorot is indexing this corpus: the library shows what it has read "
                "so far (`sorot index` waits for it).",
                severity="warning",
                timeout=10,
            )
        library = self.library
        if library is not None:
            library.show_progress(None)
            library.load()
        if not self.workspace.count():
            where = ", ".join(str(p) for p in self.paths)
            self.notify(f"No articles found in {where}.", severity="error", timeout=10)
        # The reader's modules are not needed for the library's first paint: they
        # load now, off the event loop, so that opening an article does not wait.
        self.run_worker(reader_screen, thread=True, group="warm-up")
        self.live.start()

    def on_worker_state_changed(self: SorotApp, event: Worker.StateChanged) -> None:
        # Once the corpus is indexed, find the entities of its articles in the background.
        if event.worker.group == "load" and event.state == WorkerState.SUCCESS:
            self.find_entities()
            self.call_after_refresh(settle)  # once the library has painted
        finished = event.worker.group == "load" and event.worker.is_finished
        if finished and self._corpus_changes is not None and self.loaded:
            self.corpus_changed(set())

    @work(thread=True, exclusive=True, group="entity-index")
    def find_entities(self: SorotApp) -> None:
        """The entity pass (``Workspace.recognise_corpus``): every article recognised once;
        then the desk's sentences (``Workspace.catch_up_desk``)."""
        worker = get_current_worker()

        def pause() -> None:
            # Step aside while the reader recognises an article, and while the user types.
            while (
                self.entity_foreground.is_set() or time.monotonic() - self._last_key < KEY_QUIET
            ) and not worker.is_cancelled:
                time.sleep(0.02)

        def said(doing: str) -> Callable[[int, int], None]:
            def progress(done: int, total: int) -> None:
                shown = None if done >= total else Progress(f"{doing}:", done, total, "articles")
                with contextlib.suppress(RuntimeError):
                    self.later(self._progress, shown)

            return throttled(progress, PROGRESS_EVERY)

        try:
            self.workspace.recognise_corpus(
                progress=said("Finding entities"),
                stop=lambda: worker.is_cancelled,
                pause=pause,
                niceness=10,  # minutes of work: never in the way of the UI
            )
            if not worker.is_cancelled:
                self.later(self._entities_found)
                # Then the sentences related passages are found among: the first `r`
                # asked for waits for none of them.
                self.workspace.catch_up_desk(
                    progress=said("Reading sentences"),
                    stop=lambda: worker.is_cancelled,
                    pause=pause,
                    niceness=10,
                )
                if not worker.is_cancelled:
                    self.later(self._progress, None)
        except RuntimeError:  # the app is closing
            return
        except Exception as error:  # the index is a help, never a reason to stop
            with contextlib.suppress(RuntimeError):
                self.later(
                    self.notify, f"Could not index the entities: {error}", severity="warning"
                )

    def _entities_found(self: SorotApp) -> None:
        self._progress(None)
        library = self.library
        if library is not None and library.filter_query.entities:
            library.refilter()
        screen = self.screen
        # A reader pushed a moment ago has no view yet: it draws the index itself once its
        # recogniser is done (redrawing it here warned "No nodes match 'ArticleView'").
        if isinstance(screen, reader_screen()) and screen.is_mounted:
            screen.redraw_entities()

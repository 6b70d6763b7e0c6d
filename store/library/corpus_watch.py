"""Noticing the corpus grow: a scraper's new articles while the team reads.

:func:`watch_corpus` runs in a thread of the app and calls back once per
settled batch of changes to the article files under the corpus's folders
(added, changed, gone), at most every ``SETTLE_MS``: a scraper writing an
article a second is read in batches, not file by file. The paths of a
batch are what the index looks at (``Indexer.refresh(files=...)``): at
100,000 articles in one folder, one new file costs milliseconds, where a
walk of the folder costs a second and a half. It uses the kernel's
notifications (``watchfiles``: inotify on Linux, which sees other
accounts' writes too). Where there are none, it raises: polling 100,000
files would cost more than the ``R`` key it saves.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from store.library.walk import is_article_name, roots_of

SETTLE_MS = 3000
"""The longest a batch of changes gathers before it is reported (a steady scraper)."""

QUIET_MS = 500
"""How long no change must come for a batch to be reported sooner."""

AGAIN_S = 2.0
"""How often a deleted corpus folder is looked for again (one ``stat``)."""


def watch_corpus(
    paths: Iterable[str | Path], stop: threading.Event, changed: Callable[[set[str]], None]
) -> None:
    """Call ``changed(paths)`` for every settled batch of changes, until ``stop`` is set.

    Only folders are watched: a corpus of single files named one by one
    grows only when it is named again. A watched folder deleted (a scraper
    making its output afresh) is no longer watched by the kernel: its return
    is looked for every ``AGAIN_S``, then ``changed`` gets the folders themselves (to
    be walked, their files all new) and the watch starts again.
    """
    import watchfiles  # imported in the watching thread: the app starts without it

    folders = [root.path for root in roots_of(paths) if root.folder]
    if not folders:
        return
    watched = frozenset(folders)

    def wanted(_change: object, path: str) -> bool:
        # Its folders themselves too: a batch saying one went ends the watch below.
        return path in watched or is_article_name(os.path.basename(path))

    while True:
        for changes in watchfiles.watch(
            *folders,
            watch_filter=lambda _change, path: (
                path in watched or is_article_name(os.path.basename(path))
            ),
            debounce=SETTLE_MS,
            step=QUIET_MS,
            stop_event=stop,
            ignore_permission_denied=True,
            raise_interrupt=False,
        ):
            files = {path for _kind, path in changes if path not in watched}
            if files:
                changed(files)
            if not all(os.path.isdir(folder) for folder in folders):
                break  # the kernel watches it no more: wait for it to be made again
        while not stop.is_set() and not all(os.path.isdir(folder) for folder in folders):
            stop.wait(AGAIN_S)
        if stop.is_set():
            return
        changed(set(folders))

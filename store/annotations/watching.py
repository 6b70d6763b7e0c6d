"""Noticing colleagues' work: which articles' annotation files changed on disk.

:func:`watch_annotations` runs in a thread of the app and calls back with
the ids of the articles whose files changed (a colleague's save, an import,
an undo in another terminal), about a third of a second after the writes
settle. It uses the kernel's notifications through ``watchfiles`` (inotify
on Linux, which sees other accounts' writes in a team folder too) and falls
back to polling the folder twice a second where those are not available
(some network file systems, a full inotify table).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

from store.files.modes import make_folders

DEBOUNCE_MS = 300
"""How long writes must settle before they are reported (several files of one import)."""

POLL_MS = 500
"""How often the folder is looked at when notifications are not available."""


def _is_annotation_file(root: Path, path: str) -> bool:
    file = Path(path)
    # Temporary files of an atomic write start with a dot; lock files end in .lock.
    return file.suffix == ".json" and not file.name.startswith(".") and file.parent.parent == root


def _is_shard(root: Path, path: str) -> bool:
    return Path(path).parent == root and not Path(path).name.startswith(".")


def _ids_in(paths: set[str], root: Path) -> set[str]:
    """The article ids the changed ``paths`` name.

    A shard folder that has just been made is looked into: the first file
    written in it can land before the watch on the new folder is in place.
    """
    ids = set()
    for path in paths:
        if _is_annotation_file(root, path):
            ids.add(Path(path).stem)
        elif _is_shard(root, path):
            with contextlib.suppress(OSError):
                ids.update(
                    name[:-5]
                    for name in os.listdir(path)
                    if name.endswith(".json") and not name.startswith(".")
                )
    return ids


def watch_annotations(
    data_dir: Path, stop: threading.Event, changed: Callable[[set[str]], None]
) -> None:
    """Call ``changed(article ids)`` for every settled batch of changes, until ``stop`` is set."""
    import watchfiles  # imported in the watching thread: the app starts without it

    root = data_dir / "annotations"
    with contextlib.suppress(OSError):
        make_folders(root)
    watched = root if root.is_dir() else data_dir
    if not watched.is_dir():
        return

    def wanted(_change: object, path: str) -> bool:
        return _is_annotation_file(root, path) or _is_shard(root, path)

    def run(polling: bool) -> None:
        for changes in watchfiles.watch(
            watched,
            watch_filter=wanted,
            debounce=DEBOUNCE_MS,
            step=50,
            stop_event=stop,
            force_polling=polling,
            poll_delay_ms=POLL_MS,
            ignore_permission_denied=True,
            raise_interrupt=False,
        ):
            ids = _ids_in({path for _kind, path in changes}, root)
            if ids:
                changed(ids)

    try:
        run(polling=False)
    except (OSError, RuntimeError):
        if not stop.is_set():
            run(polling=True)

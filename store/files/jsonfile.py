"""A JSON document on disk that several processes can update without loss.

Every update runs under a cross-process lock, re-reads the file inside the
lock, and replaces it atomically (temp file in the same folder, fsync,
``os.replace``, fsync of the folder), so a crash leaves either the old or the
new file and two writers never overwrite each other's changes. Files and
folders get the modes of :mod:`store.files.modes`: private, or shared with
the group in a team folder.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.files.modes import (
    denied,
    file_mode,
    fit_new_file,
    is_team_folder,
    lock_mode,
    make_folders,
    sync_folder,
)

if TYPE_CHECKING:
    from filelock import FileLock


class StoreError(Exception):
    """A problem with a file in the data folder, in one plain sentence."""


STALE_TEMP_AGE = 600.0
"""Seconds after which a temp file no writer holds a lock for is taken as a killed writer's."""


def remove_stale_temp_files(path: Path, older_than: float = 0.0) -> int:
    """Delete temp files a killed writer left beside ``path``; how many went.

    Under ``path``'s lock every temp file is stale (its writer held the lock);
    without one (a cache) only those older than ``older_than`` seconds are,
    since a live writer's file is young.
    """
    removed = 0
    try:
        candidates = list(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"))
    except OSError:
        return 0
    now = time.time()
    for candidate in candidates:
        try:
            if older_than and now - candidate.lstat().st_mtime < older_than:
                continue
            os.unlink(candidate)
            removed += 1
        except OSError:
            pass
    return removed


def atomic_write_text(path: Path, text: str, *, private: bool = False) -> None:
    """Write ``text`` to ``path`` so that readers see the old or the new file, never half.

    The file keeps its mode and group when it exists; a new one is private,
    or shared in a team folder unless ``private`` (a user's own file).
    ``text`` is JSON: a lone surrogate in it (a file name that is not UTF-8,
    kept as Python keeps it) can only be inside a string, and is written as
    its ``\\udcff`` escape, which reads back as the same string.
    """
    make_folders(path.parent)
    # A killed writer's temp file would stay for ever: the next write of the same file
    # removes it (here only old ones, since caches are written without a lock).
    remove_stale_temp_files(path, older_than=STALE_TEMP_AGE)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # Mode and group first: even a temp file a killed writer leaves is the team's.
        fit_new_file(fd, path, private=private)
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    sync_folder(path.parent)


def lock_for(path: Path, timeout: float, poll_interval: float = 0.05) -> FileLock:
    """The cross-process lock guarding ``path`` (``<path>.lock``), usable by its whole team.

    In a team folder the lock file is made to exist, with the team's mode,
    before the lock library opens it: created by the library, it would be
    private (the umask) until the moment it is locked, and a member killed
    in between would lock the others out for good. It is kept on release.
    """
    # Imported here: the lock library's imports cost 20 ms or more, and the app's
    # first paint takes no lock.
    from filelock import FileLock

    lock_path = Path(str(path) + ".lock")
    if is_team_folder(lock_path.parent):
        _make_team_lock_file(lock_path)
    return FileLock(
        str(lock_path),
        timeout=timeout,
        mode=lock_mode(path.parent),
        poll_interval=poll_interval,
        # A file system without flock is not worth a soft lock's probing on every save.
        fallback_to_soft=False,
        preserve_lock_file=True,
    )


def _make_team_lock_file(lock_path: Path) -> None:
    # Made aside with its mode, then linked into place: it appears whole or not at
    # all. (The holder of the lock may clean up our temp file meanwhile, as it
    # cleans every temp file a killed writer left: then again.)
    for _ in range(3):
        if os.path.lexists(lock_path):
            return
        fd, tmp = tempfile.mkstemp(
            prefix=f".{lock_path.name}.", suffix=".tmp", dir=lock_path.parent
        )
        try:
            os.fchmod(fd, file_mode(True))
            os.close(fd)
            os.link(tmp, lock_path)
            return
        except (FileExistsError, FileNotFoundError):
            continue
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


class JsonFile:
    """One JSON object in one file, read cheaply and updated under a lock."""

    def __init__(self, path: Path, *, private: bool = False) -> None:
        self.path = path
        self.private = private
        """A user's own file (reading state, drafts): private even in a team folder."""
        self._cache: tuple[tuple[int, int, int], dict[str, Any]] | None = None

    def read(self) -> dict[str, Any]:
        """The file's content (``{}`` when it does not exist yet)."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return {}
        except PermissionError as error:
            raise StoreError(denied(self.path, "read")) from error
        except OSError as error:
            raise StoreError(f"{self.path}: cannot read ({error.strerror})") from error
        signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        if self._cache is not None and self._cache[0] == signature:
            return self._cache[1]
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except PermissionError as error:
            raise StoreError(denied(self.path, "read")) from error
        except (OSError, ValueError, RecursionError) as error:  # (decoding, JSON, depth)
            raise StoreError(f"{self.path}: unreadable ({error})") from error
        if not isinstance(data, dict):
            raise StoreError(f"{self.path}: unreadable (not a JSON object)")
        self._cache = (signature, data)
        return data

    def update(self, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
        """Apply ``change`` to the freshest content and write it back atomically."""
        try:
            make_folders(self.path.parent)
            with lock_for(self.path, timeout=10):
                self._cache = None  # another process may have written since our last read
                remove_stale_temp_files(self.path)  # a killed writer's, under the same lock
                data = dict(self.read())
                change(data)
                text = json.dumps(data, ensure_ascii=False, indent=1)
                atomic_write_text(self.path, text, private=self.private)
        except PermissionError as error:
            raise StoreError(
                denied(Path(error.filename or self.path), "save") + "; nothing was saved"
            ) from error
        except OSError as error:
            if isinstance(error, StoreError):
                raise
            raise StoreError(f"{self.path}: cannot save ({error.strerror or error})") from error
        return data

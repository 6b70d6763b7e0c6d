"""A JSON document on disk that several processes can update without loss.

Every update runs under a cross-process lock, re-reads the file inside the
lock, and replaces it atomically (temp file in the same folder, fsync,
``os.replace``, fsync of the folder), so a crash leaves either the old or the
new file and two writers never overwrite each other's changes.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from filelock import FileLock

from store.files.paths import ensure_private_dir


class StoreError(Exception):
    """A problem with a file in the data folder, in one plain sentence."""


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old or the new file, never half."""
    ensure_private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    # The rename is only durable once the folder entry is on disk.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class JsonFile:
    """One JSON object in one file, read cheaply and updated under a lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = FileLock(str(path) + ".lock", timeout=10)
        self._cache: tuple[tuple[int, int, int], dict[str, Any]] | None = None

    def read(self) -> dict[str, Any]:
        """The file's content (``{}`` when it does not exist yet)."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise StoreError(f"{self.path}: cannot read ({error.strerror})") from error
        signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        if self._cache is not None and self._cache[0] == signature:
            return self._cache[1]
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise StoreError(f"{self.path}: unreadable ({error})") from error
        if not isinstance(data, dict):
            raise StoreError(f"{self.path}: unreadable (not a JSON object)")
        self._cache = (signature, data)
        return data

    def update(self, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
        """Apply ``change`` to the freshest content and write it back atomically."""
        try:
            ensure_private_dir(self.path.parent)
            with self._lock:
                self._cache = None  # another process may have written since our last read
                data = dict(self.read())
                change(data)
                atomic_write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1))
        except PermissionError as error:
            raise StoreError(f"{self.path.parent} is read-only; nothing was saved") from error
        except OSError as error:
            if isinstance(error, StoreError):
                raise
            raise StoreError(f"{self.path}: cannot save ({error.strerror or error})") from error
        return data

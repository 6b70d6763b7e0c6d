"""A TinyDB storage that survives crashes and shares files between processes.

TinyDB's stock ``JSONStorage`` truncates and rewrites its file in place, so a
crash mid-write leaves half a file, and two processes overwrite each other.
This storage writes a temporary file in the same folder, fsyncs it, renames it
over the old one and fsyncs the folder: a reader sees the old or the new file,
never a mix. Writes inside ``batch()`` are held and written once at the end,
so one user action is one atomic file replacement. Locking across processes
is the caller's job (see ``AnnotationStore``): the storage only reads and
writes whole files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .jsonfile import StoreError, atomic_write_text


class UnreadableFile(StoreError):
    """The file exists but is not a JSON object TinyDB can use."""


class AtomicJSONStorage(Storage):
    """TinyDB storage writing whole files atomically, with batched writes."""

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        self._pending: dict[str, Any] | None = None
        self._batching = False

    def read(self) -> dict[str, Any] | None:
        if self._pending is not None:
            return self._pending
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise StoreError(f"{self.path}: cannot read ({error.strerror})") from error
        if not raw.strip():
            raise UnreadableFile(f"{self.path}: the file is empty")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise UnreadableFile(f"{self.path}: not valid JSON ({error})") from error
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise UnreadableFile(f"{self.path}: not a sorot annotation file")
        return data

    def write(self, data: dict[str, Any]) -> None:
        if self._batching:
            self._pending = data
            return
        self._flush(data)

    def _flush(self, data: dict[str, Any]) -> None:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        try:
            atomic_write_text(self.path, text)
        except PermissionError as error:
            raise StoreError(f"{self.path.parent} is read-only; nothing was saved") from error
        except OSError as error:
            raise StoreError(f"{self.path}: cannot save ({error.strerror or error})") from error

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Hold writes until the block ends, then write the last state once."""
        self._batching = True
        try:
            yield
            if self._pending is not None:
                self._flush(self._pending)
        finally:
            self._batching = False
            self._pending = None

    def close(self) -> None:
        pass


def remove_stale_temp_files(path: Path) -> int:
    """Delete temp files a killed writer left beside ``path``; call under its lock."""
    removed = 0
    try:
        candidates = list(path.parent.glob(f".{path.name}.*.tmp"))
    except OSError:
        return 0
    for candidate in candidates:
        try:
            os.unlink(candidate)
            removed += 1
        except OSError:
            pass
    return removed

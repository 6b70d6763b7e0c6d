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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from store.files.jsonfile import StoreError, atomic_write_text, remove_stale_temp_files
from store.files.modes import denied


class UnreadableFile(StoreError):
    """The file exists but is not a JSON object TinyDB can use."""


def _bounded_int(digits: str) -> int | str:
    """An integer as JSON spells it; one too long to be an offset or a count stays text.

    (``int()`` refuses 4,300 digits and more: one such number would make the
    whole file unreadable; as text it makes only its annotation invalid.)
    """
    return int(digits) if len(digits) <= 30 else digits


class NewerSchema(StoreError):
    """The file was written by a newer sorot; it must be left as it is."""


def schema_version(data: object) -> int:
    """The schema version recorded in a parsed annotation file (0 when none)."""
    try:
        version = data["meta"]["schema"]["version"]  # type: ignore[index]
    except (KeyError, TypeError):
        return 0
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        return -1
    return version


class AtomicJSONStorage(Storage):
    """TinyDB storage writing whole files atomically, with batched writes.

    Inside ``batch()`` the file is parsed once and every read and write goes
    to that one copy; TinyDB reads the whole file for each operation, and a
    save is several operations.
    """

    def __init__(self, path: str | Path, known_schema: int | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self.known_schema = known_schema
        self._working: dict[str, Any] | None = None
        self._dirty = False
        self._batching = False
        self.last_written: dict[str, Any] | None = None
        """What the last batch wrote (``None`` when it wrote nothing)."""

    def _load(self) -> dict[str, Any] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except PermissionError as error:
            raise StoreError(denied(self.path, "read")) from error
        except OSError as error:
            raise StoreError(f"{self.path}: cannot read ({error.strerror})") from error
        if not raw.strip():
            raise UnreadableFile(f"{self.path}: the file is empty")
        try:
            data = json.loads(raw.decode("utf-8"), parse_int=_bounded_int)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise UnreadableFile(f"{self.path}: not valid JSON ({error})") from error
        except (ValueError, RecursionError) as error:  # a 5,000-digit number; nesting
            raise UnreadableFile(f"{self.path}: not a sorot annotation file ({error})") from error
        # The version is checked before the shape: a newer sorot may use a
        # layout this one does not know, and its file must not be set aside.
        version = schema_version(data)
        if self.known_schema is not None and version > self.known_schema:
            raise NewerSchema(
                f"{self.path} was written by a newer sorot (schema {version}); "
                "upgrade sorot to change it"
            )
        if version < 0:
            raise UnreadableFile(f"{self.path}: the schema version is not a number")
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise UnreadableFile(f"{self.path}: not a sorot annotation file")
        return data

    def read(self) -> dict[str, Any] | None:
        if self._batching:
            if self._working is None:
                self._working = self._load()
            return self._working
        return self._load()

    def write(self, data: dict[str, Any]) -> None:
        if self._batching:
            self._working = data
            self._dirty = True
            return
        self._flush(data)

    def _flush(self, data: dict[str, Any]) -> None:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        try:
            atomic_write_text(self.path, text)
        except PermissionError as error:
            where = Path(error.filename) if error.filename else self.path
            raise StoreError(f"{denied(where, 'save')}; nothing was saved") from error
        except OSError as error:
            raise StoreError(f"{self.path}: cannot save ({error.strerror or error})") from error

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Parse once, hold writes until the block ends, then write once (if anything changed)."""
        self._batching = True
        try:
            yield
            self.last_written = None
            if self._dirty and self._working is not None:
                self._flush(self._working)
                self.last_written = self._working
        finally:
            self._batching = False
            self._working = None
            self._dirty = False

    def close(self) -> None:
        pass


__all__ = ["AtomicJSONStorage", "NewerSchema", "UnreadableFile", "remove_stale_temp_files"]

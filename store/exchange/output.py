"""Where an export goes: a file written atomically, never replacing one unasked.

The export is streamed into a temporary file beside the target and moved
into place only when it is complete, so a failed or interrupted export
leaves no half file, and a reader of the target sees the old file or the
new one. Without ``force`` an existing file is refused before any work is
done, and the final move cannot replace a file that appeared meanwhile
(a hard link, which fails when the name is taken).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from store.files.jsonfile import StoreError

ENCODING_ERRORS = "backslashreplace"
"""A lone surrogate (a file name that is not UTF-8) is written as its ``\\udcff`` escape:
inside a JSON string that is the same character read back; elsewhere it is visible."""


class ExportError(StoreError):
    """An export that cannot be written, in one plain sentence."""


def is_stream(path: Path) -> bool:
    """True for a device, a named pipe or a socket: written into, never replaced."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def check_target(path: Path, *, force: bool) -> None:
    """``ExportError`` when ``path`` cannot be written (before an export starts)."""
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name")
    if is_stream(path):
        return
    if path.exists() and not force:
        raise ExportError(f"{path} exists; use --force to replace it")
    if not path.parent.is_dir():
        raise ExportError(f"{path.parent} does not exist")


@contextmanager
def _into_stream(path: Path, newline: str | None) -> Iterator[TextIO]:
    # Replacing /dev/stdout or a pipe by a file would be wrong; there is no half file to avoid.
    try:
        handle = open(path, "w", encoding="utf-8", errors=ENCODING_ERRORS, newline=newline)  # noqa: SIM115
    except OSError as error:
        raise ExportError(f"cannot write to {path} ({error.strerror or error})") from None
    with handle:
        yield handle


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_output(
    path: Path, *, force: bool = False, newline: str | None = None
) -> Iterator[TextIO]:
    """A text stream whose content becomes ``path`` when the block ends without error.

    A device or a named pipe (``/dev/stdout``, ``>(gzip > x)``) is written into directly.
    """
    check_target(path, force=force)
    if is_stream(path):
        with _into_stream(path, newline) as handle:
            yield handle
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except PermissionError:
        raise ExportError(f"cannot write in {path.parent} (permission denied)") from None
    except OSError as error:
        raise ExportError(f"cannot write in {path.parent} ({error.strerror})") from None
    try:
        with os.fdopen(
            fd, "w", encoding="utf-8", errors=ENCODING_ERRORS, newline=newline
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # An export is meant to be handed over: the user's usual file mode, not 0600.
        os.chmod(tmp, 0o666 & ~_umask())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise ExportError(
                    f"{path} appeared while exporting; use --force to replace it"
                ) from None
            except OSError:
                # Some file systems have no hard links; the check above has to do.
                if path.exists():
                    raise ExportError(f"{path} exists; use --force to replace it") from None
                os.replace(tmp, path)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise

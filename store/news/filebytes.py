"""A file's bytes, read so that no file can hang sorot or fill its memory.

A corpus folder may hold anything: a named pipe (reading it waits for a
writer forever), a socket, a link to ``/dev/zero`` or ``/dev/urandom``
(``st_size`` 0, endless bytes), a link loop, a file that grows while it is
read. Only regular files are read, opened without blocking and read no
further than the size limit, whatever ``stat`` said; anything else is
refused with a :class:`ReadError` naming what it is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Larger files are refused: no news article is this big, and reading one would stall sorot."""

_CHUNK = 1 << 20


class ReadError(Exception):
    """The whole file could not be read; the message says why in plain words."""


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def _refuse(path: Path, mode: int) -> ReadError:
    what = _kind(mode)
    try:
        if path.is_symlink():
            return ReadError(f"not read: a link to {what} ({os.readlink(path)})")
    except OSError:
        pass
    return ReadError(f"not read: {what}, not a file")


def _too_large(size: int) -> ReadError:
    limit = MAX_FILE_BYTES // 2**20
    return ReadError(f"too large ({-(-size // 2**20)} MB; the limit is {limit} MB)")


def _os_error(error: OSError) -> ReadError:
    if isinstance(error, FileNotFoundError):
        return ReadError("no such file or directory")
    if isinstance(error, IsADirectoryError):
        return ReadError("is a directory")
    return ReadError(f"cannot read: {(error.strerror or str(error)).lower()}")


def read_file_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path`` (links followed); raises :class:`ReadError`."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(path, info.st_mode)
        if info.st_size > limit:
            raise _too_large(info.st_size)
        # Non-blocking: if a pipe took the file's place since the stat, opening it
        # does not wait for a writer; fstat below then refuses it.
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise _os_error(error) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _refuse(path, mode)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return read_stream_bytes(handle, limit)
    except OSError as error:
        raise _os_error(error) from None
    finally:
        os.close(fd)


def read_stream_bytes(stream: BinaryIO, limit: int = MAX_FILE_BYTES) -> bytes:
    """At most ``limit`` bytes of ``stream``; :class:`ReadError` when there are more."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise _too_large(total)
        chunks.append(chunk)

"""What every command shares: parsers whose errors are one line, the workspace, safe output.

Exit statuses: 0 done, 1 something could not be read or written (named on
stderr), 2 the command line itself was wrong (an unknown option, format or
query word). Nothing here imports Textual.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path
from typing import Any, NoReturn, TextIO

from store.files.paths import default_data_dir
from store.news.safetext import for_terminal, printable
from store.query import Query, QueryError
from store.workspace import Workspace

QUERY_HELP = (
    "a query, as the library's filter takes it: words from the title, outlet or date, "
    "and has:claims no:notes entity:KEY kind: type: status: tag: speaker: annotator: "
    "since:DATE until:DATE orphaned:yes|no article:ID (values with spaces in quotes, "
    "alternatives with commas)"
)


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (--help for usage)\n")


def paths_arg(parser: argparse.ArgumentParser) -> None:
    """Add the ``PATH...`` argument the commands reading a corpus share."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        type=Path,
        help="article files or folders (default: the bundled corpus)",
    )


def data_arg(parser: argparse.ArgumentParser, default: Any = None) -> None:
    """Add ``--db DIR``: the data folder holding the annotations, sets and caches."""
    parser.add_argument(
        "--db",
        metavar="DIR",
        type=Path,
        default=default,
        help="the data folder holding every annotation, saved set, reading state and cache "
        f"(default: $SOROT_DATA, else {default_data_dir()})",
    )


def where_arg(parser: argparse.ArgumentParser) -> None:
    """Add ``--where QUERY``."""
    parser.add_argument("--where", metavar="QUERY", default="", help=QUERY_HELP)


def say(message: str) -> None:
    """One line on stderr, made safe for the terminal."""
    print(f"sorot: {printable(message)}", file=sys.stderr)


def read_query(space: Workspace, text: str, prog: str) -> Query | None:
    """The query ``text`` says, or ``None`` after saying on stderr why it cannot be read."""
    try:
        return space.query(text)
    except QueryError as error:
        print(f"{prog}: {printable(str(error))}", file=sys.stderr)
        return None


def workspace(args: argparse.Namespace) -> Workspace:
    """The workspace of ``--db`` (or the default data folder)."""
    return Workspace((getattr(args, "db", None) or default_data_dir()).expanduser())


class TerminalStream(io.TextIOBase):
    """A terminal's text stream whose every write passes ``safetext.for_terminal``.

    Every command prints through it when its output is a terminal (see
    :func:`guard_streams`), so no printed string from a file, a file name or
    the store can move the cursor, retitle the window or write the clipboard,
    whichever code printed it. It has no ``buffer``: nothing can go round it.
    """

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, text: str) -> int:
        self.out.write(for_terminal(text))
        return len(text)

    def flush(self) -> None:
        self.out.flush()

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.out.fileno()


def guard_streams() -> None:
    """Make stdout and stderr safe for anything a command prints.

    On a terminal, controls are shown as symbols (:class:`TerminalStream`).
    Into a pipe or a file the output is exact, but a lone surrogate (a file
    name that is not UTF-8) is written as its ``\\udcff`` escape: valid JSON
    where it stands in a JSON string, and never, as Python's C locale would
    have it, a raw byte such as ``0x9b`` (8-bit CSI).
    """
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if isinstance(stream, TerminalStream) or stream is None:
            continue
        with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
            stream.reconfigure(errors="backslashreplace")
        try:
            terminal = stream.isatty()
        except (AttributeError, ValueError):
            terminal = False
        if terminal:
            setattr(sys, name, TerminalStream(stream))

"""Progress on the command line, and opening a corpus through its index for a command.

Every command that reads a corpus first brings its index up to date
(``Workspace.refresh``): only new and changed files are read, on every core.
While that takes more than a moment, a progress bar (rich.progress) is drawn
on stderr when stderr is a terminal; in a pipe or under cron nothing is drawn
and the summary is all that is said.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from store.library.indexer import IndexReport
from store.workspace import Workspace
from tui.cli.common import say

Callback = Callable[[int, int], None]


@contextmanager
def progress_bar(what: str, *, enabled: bool | None = None) -> Iterator[Callback]:
    """A ``(done, total)`` callback drawing a bar titled ``what`` on stderr (if a terminal)."""
    shown = sys.stderr.isatty() if enabled is None else enabled
    if not shown:
        yield lambda done, total: None
        return
    # Imported only for a terminal: a command in a pipe starts quicker without it.
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task(what, total=None)
    with bar:

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=max(total, 1))

        yield update


def refresh(
    space: Workspace, *, quick: bool = False, wait: bool = True, quiet: bool = False
) -> IndexReport:
    """Bring the open corpus's index up to date, a bar on stderr meanwhile; say what went wrong.

    Annotations that followed re-scraped articles to their new versions are
    said. With ``wait=False`` (``sorot search``) a refresh under way in another
    process is not waited for: the index is used as it is, and that is said.
    """
    with progress_bar("Indexing files") as update:
        report = space.refresh(quick=quick, wait=wait, progress=update)
    for moved in space.moves:
        say(moved.describe())
    for problem in space.take_problems():
        say(problem)
    if report.busy and not quiet:
        say("another sorot is indexing this corpus: these results are from the index as it is")
    return report


def find_entities(space: Workspace) -> bool:
    """Run the entity pass over the open corpus (a bar meanwhile); True when it is complete."""
    with progress_bar("Finding entities") as update:
        report = space.recognise_corpus(progress=update)
    if report.missing:
        say(f"{report.missing:,} articles changed while their entities were found; run again")
    return report.complete


def read_sentences(space: Workspace) -> int:
    """Read the sentences related passages are found among (a bar meanwhile); how many."""
    with progress_bar("Reading sentences") as update:
        return space.catch_up_desk(progress=update)

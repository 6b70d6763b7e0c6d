"""Work spread over worker processes, one per core, without taking the machine from the user.

:func:`in_workers` runs a function over many items in a pool of processes
and yields the results as they come (not in order), with only a few tasks
in flight, so memory stays bounded whatever the number of items. The
workers run at a lower priority than the process that started them (the
app stays quick while a corpus is read), ``pause()`` holds back new tasks,
``stop()`` ends early. A worker that dies (killed, out of memory) costs
speed, not results: what it had not done is done in the calling process.

Workers are started by a fork server, not forked from the caller: the app
runs threads, and forking a process mid-step of another thread can leave it
holding a lock forever.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

Item = TypeVar("Item")
Result = TypeVar("Result")


def available_cores() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _lower_priority(niceness: int) -> None:
    with contextlib.suppress(OSError, AttributeError):
        os.nice(niceness)


@contextlib.contextmanager
def _real_stderr() -> Iterator[None]:
    """A real file as ``sys.stderr`` while processes are started.

    Starting them hands stderr's file descriptor on; Textual (and pytest)
    put objects there whose ``fileno()`` is no file.
    """
    saved = sys.stderr
    try:
        fileno = saved.fileno() if saved is not None else -1
    except (AttributeError, OSError, ValueError):
        fileno = -1
    if fileno >= 0:
        yield
        return
    with open(os.devnull, "w") as devnull:
        sys.stderr = devnull
        try:
            yield
        finally:
            sys.stderr = saved


def in_workers(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    workers: int,
    niceness: int = 0,
    stop: Callable[[], bool] = lambda: False,
    pause: Callable[[], None] = lambda: None,
) -> Iterator[Result]:
    """``function(item)`` for each of ``items``, in ``workers`` processes, as results come."""
    # Imported here: a command that finds nothing to read starts quicker without them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done: set[int] = set()
    try:
        context = multiprocessing.get_context("forkserver")
        with _real_stderr():
            pool = ProcessPoolExecutor(
                workers, mp_context=context, initializer=_lower_priority, initargs=(niceness,)
            )
            pool.submit(int).result()  # the workers start now, while stderr is a file
    except (OSError, ValueError, BrokenProcessPool):
        pool = None  # no processes to be had here: the calling process does it all
    if pool is not None:
        try:
            yield from _pooled(pool, function, items, workers, stop, pause, done)
        except BrokenProcessPool:
            pass  # the rest is done below, in this process
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    for number, item in enumerate(items):
        if number in done:
            continue
        pause()
        if stop():
            return
        yield function(item)


def _pooled(
    pool: ProcessPoolExecutor,
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int,
    stop: Callable[[], bool],
    pause: Callable[[], None],
    done: set[int],
) -> Iterator[Result]:
    from concurrent.futures import FIRST_COMPLETED, Future, wait

    pending: dict[Future[Result], int] = {}
    following = 0
    try:
        while following < len(items) or pending:
            while following < len(items) and len(pending) < workers * 2:
                pause()
                if stop():
                    following = len(items)
                    done.update(range(len(items)))  # nothing left to do in this process either
                    break
                pending[pool.submit(function, items[following])] = following
                following += 1
            if not pending:
                return
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                number = pending.pop(future)
                result = future.result()
                done.add(number)
                yield result
    finally:
        for future in pending:
            future.cancel()

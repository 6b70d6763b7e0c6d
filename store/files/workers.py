"""Work spread over worker processes, one per core, without taking the machine from the user.

:func:`in_workers` runs a function over many items in a pool of processes
and yields the results as they come (not in order), with only a few tasks
in flight, so memory stays bounded whatever the number of items. The
workers run at a lower priority than the process that started them (the
app stays quick while a corpus is read), ``pause()`` holds back new tasks,
``stop()`` ends early. A worker that dies (killed, out of memory) costs
speed, not results: what it had not done is done in the calling process.

Stopping is prompt whatever the workers are doing: one task can be minutes
of work (a 19 MB scrape), so a stop kills the workers rather than waiting
for their tasks, and a worker dies with its parent, so that sorot closed
with its terminal leaves nothing running behind it.

Workers are started by a fork server, not forked from the caller: the app
runs threads, and forking a process mid-step of another thread can leave it
holding a lock forever.
"""

from __future__ import annotations

import contextlib
import os
import signal
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


STOP_POLL = 0.2
"""Seconds between two looks at ``stop()`` while the workers are busy."""

_PR_SET_PDEATHSIG = 1


def _start_worker(niceness: int) -> None:
    """Each worker: below its caller's priority, and ended by the kernel when its parent ends."""
    with contextlib.suppress(OSError, AttributeError):
        os.nice(niceness)
    _die_with_parent()


def _die_with_parent() -> None:
    # Workers are children of the fork server, which ends when sorot does (its pipe
    # closes); without this a worker mid-article would run on, orphaned, for minutes.
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent went before the line above
        os._exit(1)


def _end_now(pool: ProcessPoolExecutor) -> None:
    """Shut ``pool`` down without waiting for its tasks: its workers are killed."""
    kill = getattr(pool, "kill_workers", None)  # Python 3.14
    if kill is not None:
        kill()
        return
    # Before 3.14 the executor offers no way to end a running task; its process map
    # (``_processes``, there since 3.2) is the one handle on the workers.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.kill()
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
            process.join(timeout=2)


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
    ahead: int = 2,
) -> Iterator[Result]:
    """``function(item)`` for each of ``items``, in ``workers`` processes, as results come.

    Up to ``ahead`` items per worker are handed out before their results are
    read: more keeps the workers busy while the caller does long work with a
    result (the indexer writing a batch), at the cost of results held meanwhile.
    """
    # Imported here: a command that finds nothing to read starts quicker without them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done: set[int] = set()
    try:
        context = multiprocessing.get_context("forkserver")
        with _real_stderr():
            pool = ProcessPoolExecutor(
                workers, mp_context=context, initializer=_start_worker, initargs=(niceness,)
            )
            pool.submit(int).result()  # the workers start now, while stderr is a file
    except (OSError, ValueError, BrokenProcessPool):
        pool = None  # no processes to be had here: the calling process does it all
    if pool is not None:
        ended = False  # every task done (or the pool broken): nothing left to wait for
        try:
            yield from _pooled(pool, function, items, workers * ahead, stop, pause, done)
            ended = not stop()
        except BrokenProcessPool:
            ended = True  # the rest is done below, in this process
        finally:
            # Stopped, or the caller stopped asking (the generator closed): the workers
            # may be minutes into a task that nobody will read.
            if ended:
                pool.shutdown(wait=True, cancel_futures=True)
            else:
                _end_now(pool)
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
    in_flight: int,
    stop: Callable[[], bool],
    pause: Callable[[], None],
    done: set[int],
) -> Iterator[Result]:
    from concurrent.futures import FIRST_COMPLETED, Future, wait

    pending: dict[Future[Result], int] = {}
    following = 0
    try:
        while following < len(items) or pending:
            while following < len(items) and len(pending) < in_flight:
                pause()
                if stop():
                    following = len(items)
                    done.update(range(len(items)))  # nothing left to do in this process either
                    break
                pending[pool.submit(function, items[following])] = following
                following += 1
            if not pending:
                return
            finished, _ = wait(pending, timeout=STOP_POLL, return_when=FIRST_COMPLETED)
            if stop():
                done.update(range(len(items)))
                return
            for future in finished:
                number = pending.pop(future)
                result = future.result()
                done.add(number)
                yield result
    finally:
        for future in pending:
            future.cancel()

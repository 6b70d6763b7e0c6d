"""The entity pass: every article of the corpus recognised once, on every core.

The recogniser takes 5–30 ms an article, so a corpus of 100,000 is minutes
of work. :func:`recognise_corpus` hands the articles still without a result
(:class:`Job`: a file, a position in it, the text's SHA-256) to worker
processes, a file at a time; each parses its file, recognises the articles
asked for and sends back their results packed as far as a worker can
(``packing.prepack``: the writing process shares the cores with the workers,
so its part is kept small), which are stored in batches
(``EntityCache.put_many``). Workers run at a lower priority than the app, and
``pause()`` holds back new work (the app calls it while the reader needs the
CPU, or the user types). Stopped half-way, what was stored stays stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from store.entities.cache import EntityCache, title_context
from store.entities.packing import Packed, prepack
from store.files.workers import in_workers

BATCH = 64
"""Results stored per transaction."""

IN_PROCESS = 16
"""Up to this many articles are recognised in the calling process (a pool costs more)."""

TASK = 24
"""Articles a worker is given at once (whole files): each task costs the pool a round trip,
and a corpus of one article a file made 100,000 of them; a few dozen keep progress smooth."""

Found = tuple[str, str, Packed]
"""``(sha256, context, prepack([(start, end, type, key), …]))``: one article's result."""


@dataclass(frozen=True, slots=True)
class Job:
    """An article to recognise: where it is, and the text expected there."""

    path: str
    position: int
    sha256: str


@dataclass
class PassReport:
    """What the pass did."""

    recognised: int = 0
    missing: int = 0
    """Articles whose file had changed or gone (the next index refresh sees to them)."""
    complete: bool = True


def _recognise_file(
    jobs: Sequence[Job], stop: Callable[[], bool] | None = None
) -> tuple[list[Found], int]:
    """Recognise the articles of one file (in a worker); their results and how many were gone.

    ``stop`` is asked between the pieces of a long article (in the calling process;
    a worker process is simply killed).
    """
    from store.entities.recognise import recognise_article
    from store.news.readers import ReadError, read_file

    try:
        articles = read_file(Path(jobs[0].path))[0]
    except (ReadError, OSError):
        return [], len(jobs)
    found: list[Found] = []
    missing = 0
    for job in jobs:
        article = articles[job.position] if job.position < len(articles) else None
        if article is None or article.sha256 != job.sha256:
            missing += 1
            continue
        entities = recognise_article(article, stop)
        spans = [(e.start, e.end, e.type, e.key) for e in entities]
        found.append((article.sha256, title_context(article), prepack(spans)))
    return found, missing


def _recognise_files(
    files: Sequence[Sequence[Job]], stop: Callable[[], bool] | None = None
) -> tuple[list[Found], int]:
    """:func:`_recognise_file` over several files (one worker task)."""
    found: list[Found] = []
    missing = 0
    for jobs in files:
        more, gone = _recognise_file(jobs, stop)
        found += more
        missing += gone
    return found, missing


def _by_file(jobs: Sequence[Job]) -> list[list[Job]]:
    order = {path: i for i, path in enumerate(dict.fromkeys(j.path for j in jobs))}
    ranked = sorted(jobs, key=lambda j: (order[j.path], j.position))
    return [list(group) for _, group in groupby(ranked, key=lambda j: j.path)]


def _tasks(groups: list[list[Job]], size: int = TASK) -> list[list[list[Job]]]:
    """Files in order, put together into tasks of about ``size`` articles (a big file alone)."""
    tasks: list[list[list[Job]]] = []
    articles = size
    for group in groups:
        if articles + len(group) > size:
            tasks.append([])
            articles = 0
        tasks[-1].append(group)
        articles += len(group)
    return tasks


def _results(
    groups: list[list[Job]],
    workers: int,
    niceness: int,
    stop: Callable[[], bool],
    pause: Callable[[], None],
) -> Iterator[tuple[list[Found], int]]:
    if sum(len(g) for g in groups) <= IN_PROCESS or workers <= 1:
        from store.entities.recognise import Stopped

        for group in groups:
            pause()
            if stop():
                return
            try:
                yield _recognise_file(group, stop)
            except Stopped:
                return
        return
    yield from in_workers(
        _recognise_files,
        _tasks(groups),
        workers=workers,
        niceness=niceness,
        stop=stop,
        pause=pause,
    )


def recognise_corpus(
    cache: EntityCache,
    jobs: Sequence[Job],
    *,
    workers: int = 1,
    niceness: int = 0,
    progress: Callable[[int, int], None] | None = None,
    stop: Callable[[], bool] = lambda: False,
    pause: Callable[[], None] = lambda: None,
) -> PassReport:
    """Recognise ``jobs`` (files in the order given) and store every result.

    ``workers`` processes, ``niceness`` below this one (the app's UI comes first).
    """
    report = PassReport()
    groups = _by_file(jobs)
    total, done = len(jobs), 0
    batch: list[Found] = []
    if progress is not None:
        progress(0, total)
    for found, missing in _results(groups, workers, niceness, stop, pause):
        report.missing += missing
        done += missing
        batch += found
        done += len(found)
        if len(batch) >= BATCH:
            cache.put_many(batch)
            report.recognised += len(batch)
            batch = []
            if progress is not None:
                progress(done, total)
    if batch:
        cache.put_many(batch)
        report.recognised += len(batch)
    if progress is not None:
        progress(done, total)
    report.complete = done >= total
    return report

"""Reading corpus files into index rows, on every core.

:func:`parse_file` turns one file into a :class:`ParsedFile`: its digest (to
recognise it renamed), the problems met, and one flat record per article
(the library's fields, every parsed field as JSON, and the text the full-text
index takes). It runs in worker processes (:func:`parse_files`), so only
plain tuples and strings travel back to the process that writes the index.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from store.files.workers import available_cores, in_workers
from store.library.walk import Seen
from store.news.article import Article, article_to_dict
from store.news.sources import read_file  # (tests count the reads through this name)
from store.query.words import date_sort_key, searched_body, shown_date

IN_PROCESS = 48
"""Up to this many files are parsed in the calling process: a pool costs more to start."""

CHUNK = 32
"""Files a worker parses per task."""

ArticleRecord = tuple[str, int, str, str, str, str, int, str, str, str, str, str, str]
"""``(id, position, title, outlet, date, section, words, sha256, title_key, outlet_key,
date_key, meta JSON, full-text body)``: ``date`` as shown (``~`` estimated, ``?``
ambiguous), ``date_key`` what it sorts by (``""`` for none or ambiguous: sorted last)."""


@dataclass(slots=True)
class ParsedFile:
    """One file as the index keeps it."""

    seen: Seen
    digest: str
    """SHA-256 of the file's bytes ("" when it could not be read)."""
    problems: list[tuple[str, bool]]
    """``(message, skipped)`` for each problem met reading it."""
    articles: list[ArticleRecord]


def fold_key(text: str) -> str:
    """How titles and outlets sort: case-blind."""
    return text.casefold()


def record_of(article: Article, position: int) -> ArticleRecord:
    """The index's record of ``article``, the ``position``-th of its file."""
    outlet = article.outlet or ""
    section = article.section or ""
    date = shown_date(article.published, article.published_status)
    meta = json.dumps(article_to_dict(article, with_body=False), ensure_ascii=False)
    return (
        article.id,
        position,
        article.title,
        outlet,
        date,
        section,
        article.word_count,
        article.sha256,
        fold_key(article.title),
        fold_key(outlet),
        date_sort_key(article.published, article.published_status),
        meta,
        searched_body(article),
    )


def file_digest(path: str) -> str:
    """SHA-256 of the regular file's bytes ("" when it cannot be read or is no regular file).

    Opened without blocking and checked once open: a named pipe in the corpus
    folder (or a link to a device) must not hang the index; the reader then
    says what it is (``store.news.filebytes``).
    """
    digest = hashlib.sha256()
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return ""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return ""
        with os.fdopen(fd, "rb", closefd=False) as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    finally:
        os.close(fd)
    return digest.hexdigest()


def parse_file(seen: Seen) -> ParsedFile:
    """Read one file; never raises (a problem is recorded instead)."""
    from store.news.readers import ReadError

    digest = file_digest(seen.path)
    try:
        articles, issues = read_file(Path(seen.path))
    except ReadError as error:
        return ParsedFile(seen, digest, [(str(error), True)], [])
    except Exception as error:  # a parser bug must not stop the rest of the corpus
        return ParsedFile(seen, digest, [(f"could not be read: {error!r}", True)], [])
    problems = [(issue.message, issue.skipped) for issue in issues]
    return ParsedFile(seen, digest, problems, [record_of(a, i) for i, a in enumerate(articles)])


def _parse_chunk(chunk: Sequence[Seen]) -> list[ParsedFile]:
    return [parse_file(seen) for seen in chunk]


def parse_files(
    files: Sequence[Seen],
    workers: int | None = None,
    stop: Callable[[], bool] = lambda: False,
    niceness: int = 0,
    ahead: int = 2,
) -> Iterator[ParsedFile]:
    """Each of ``files`` parsed, in worker processes when there are many (order not kept).

    Stops early (the files not yet handed out are left) when ``stop()``
    turns true. Memory stays bounded: at most ``ahead`` chunks per worker are in flight.
    ``niceness`` lowers the workers' priority (the app: its UI comes first).
    """
    workers = available_cores() if workers is None else workers
    if len(files) <= IN_PROCESS or workers <= 1:
        for seen in files:
            if stop():
                return
            yield parse_file(seen)
        return
    chunks = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    batches = in_workers(
        _parse_chunk, chunks, workers=workers, niceness=niceness, stop=stop, ahead=ahead
    )
    for parsed in batches:
        yield from parsed

"""The corpus as the app holds it: a catalog entry per article, texts read on demand.

Parsing ten thousand scraped files takes seconds; the library needs only
each article's title, outlet, date and length. So the entries (and the
problems met) are kept in a cache file in the data folder, keyed by each
file's path, size and modification time: a second start reads the cache,
looks at the files' ``stat`` and parses only what changed. An article's
full text is parsed when it is opened (the last few files are kept).
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from store.files.jsonfile import atomic_write_text
from store.library.catalog import Entry, entry_for, make_entry
from store.news.article import Article
from store.news.loading import LoadProblem, corpus_files
from store.news.readers import ReadError, read_file

CACHE_VERSION = 2  # 2: entries carry the date's status; ids hash the normalised text
"""Bumped whenever the parser's output changes, so old caches are not trusted."""

OPEN_FILES_KEPT = 16
"""Parsed files kept in memory for reopening articles."""


def _record(path: Path, stat_key: list[int]) -> tuple[dict[str, Any], list[Article]]:
    """Parse one file into its cache record (entries with positions, issues), and its articles."""
    try:
        articles, issues = read_file(path)
    except ReadError as error:
        return {"stat": stat_key, "entries": [], "issues": [[str(error), True]]}, []
    except Exception as error:  # a parser bug must not stop the rest of the corpus
        record = {
            "stat": stat_key,
            "entries": [],
            "issues": [[f"could not be read: {error!r}", True]],
        }
        return record, []
    record = {
        "stat": stat_key,
        "entries": [
            [
                a.id,
                a.title,
                a.outlet,
                a.published,
                a.section,
                a.word_count,
                a.source,
                index,
                a.published_status,
            ]
            for index, a in enumerate(articles)
        ],
        "issues": [[issue.message, issue.skipped] for issue in issues],
    }
    return record, articles


def article_in(articles: list[Article], article_id: str, index: int) -> Article | None:
    """The article ``article_id`` of a file's ``articles``, listed at ``index``."""
    if index < len(articles) and articles[index].id == article_id:
        return articles[index]
    # The file changed since it was listed: look for the article anywhere in it.
    return next((a for a in articles if a.id == article_id), None)


class Corpus(Mapping[str, Article]):
    """Every article's entry, problems met, and articles parsed when asked for.

    A read-only mapping from article id to ``Article``; iterating the ids is
    cheap, reading values parses files.
    """

    def __init__(
        self,
        entries: list[Entry],
        locations: dict[str, tuple[str, int]],
        problems: list[LoadProblem],
    ) -> None:
        self.entries = entries
        self.problems = problems
        self._locations = locations
        self._files: OrderedDict[str, list[Article]] = OrderedDict()
        self._lock = threading.Lock()
        self._memory: dict[str, list[Article]] = {}
        self._once: dict[str, list[Article]] = {}
        """Files parsed while listing, kept until first asked for (see ``open_corpus``)."""

    def __len__(self) -> int:
        return len(self._locations)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._locations

    def __iter__(self) -> Iterator[str]:
        return iter(self._locations)

    def __getitem__(self, article_id: str) -> Article:
        article = self.get(article_id)
        if article is None:
            raise KeyError(article_id)
        return article

    def get(
        self, article_id: str, default: Article | None = None, *, keep: bool = True
    ) -> Article | None:
        """The article, parsed from its file; ``default`` if it is gone or changed.

        Safe to call from a worker thread. ``keep=False`` (a pass over the whole
        corpus, such as indexing) leaves the recently opened files in memory alone.
        """
        location = self._locations.get(article_id)
        if location is None:
            return default
        path, index = location
        with self._lock:
            articles = self._memory.get(path) or self._files.get(path)
            if path in self._files:
                self._files.move_to_end(path)
            if articles is None and path in self._once:
                articles = self._once.pop(path)
        if articles is None:
            try:
                articles = read_file(Path(path))[0]
            except (ReadError, OSError):
                return default
            if keep:
                with self._lock:
                    self._files[path] = articles
                    while len(self._files) > OPEN_FILES_KEPT:
                        self._files.popitem(last=False)
        return article_in(articles, article_id, index) or default

    def add(self, article: Article) -> None:
        """Hold an article that is not in any file (tests, imports)."""
        key = f"<memory:{article.id}>"
        # Kept apart from the parsed files: there is no file to read it from again.
        self._memory[key] = [article]
        self._locations[article.id] = (key, 0)
        self.entries.append(entry_for(article))


def _load_cache(cache_file: Path | None) -> dict[str, Any]:
    if cache_file is None:
        return {}
    try:
        data = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # unreadable, or nested past the stack
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    files = data.get("files")
    if not isinstance(files, dict):
        return {}
    # The cache is valid JSON that anything may have written (a colleague's older sorot,
    # an editor, a disk error): a record of the wrong shape is parsed again, not trusted.
    return {name: record for name, record in files.items() if _well_formed(record)}


_ENTRY_TYPES = (str, str, (str, type(None)), (str, type(None)), (str, type(None)), int, str, int)


def _well_formed(record: object) -> bool:
    """True if ``record`` has the shape :func:`_record` writes."""
    if not isinstance(record, dict):
        return False
    stat, entries, issues = record.get("stat"), record.get("entries"), record.get("issues")
    return (
        isinstance(stat, list)
        and len(stat) == 2
        and all(type(n) is int for n in stat)
        and isinstance(issues, list)
        and all(
            isinstance(i, list) and len(i) == 2 and isinstance(i[0], str) and type(i[1]) is bool
            for i in issues
        )
        and isinstance(entries, list)
        and all(_well_formed_entry(entry) for entry in entries)
    )


def _well_formed_entry(entry: object) -> bool:
    return (
        isinstance(entry, list)
        and len(entry) == 9
        and all(isinstance(v, t) for v, t in zip(entry, _ENTRY_TYPES, strict=False))
        and type(entry[5]) is int
        and type(entry[7]) is int
        and entry[7] >= 0
        and isinstance(entry[8], (str, type(None)))
    )


Entries = list[list[Any]]
"""Cache entries: ``[id, title, outlet, published, section, words, source, index, status]``."""


class CorpusScan:
    """A pass over the corpus's files, each from the cache or parsed when it changed.

    ``open_corpus`` makes the library's ``Corpus`` from it; an export walks it
    to parse each annotated file once, rather than once to list it and again
    to export it. ``save()`` keeps the records for the next pass.

    (Parsing in a pool of processes was tried for the export: sending the
    parsed articles back cost the main process as much as parsing them.)
    """

    def __init__(self, paths: Iterable[str | Path], cache_file: Path | None = None) -> None:
        self.problems: list[LoadProblem] = []
        self.records: dict[str, Any] = {}
        self._files = corpus_files(paths, self.problems)
        self._cache_file = cache_file
        self._cached = _load_cache(cache_file)
        self._changed = False
        self._seen: dict[str, str] = {}

    def __iter__(self) -> Iterator[tuple[str, Entries, list[Article] | None]]:
        """Each file's name, its new entries, and its articles if it had to be parsed.

        An article already met in an earlier file is reported in ``problems``
        and left out.
        """
        for path in self._files:
            name = str(path)
            try:
                stat = path.stat()
                stat_key = [stat.st_size, stat.st_mtime_ns]
            except OSError:
                stat_key = [-1, -1]
            record, parsed = self._cached.get(name), None
            if record is None or record.get("stat") != stat_key or stat_key[0] < 0:
                record, parsed = _record(path, stat_key)
                self._changed = True
            self.records[name] = record
            yield name, self._new_entries(name, record), parsed

    def _new_entries(self, name: str, record: dict[str, Any]) -> Entries:
        for message, skipped in record["issues"]:
            self.problems.append(LoadProblem(name, message, bool(skipped)))
        entries = []
        for entry in record["entries"]:
            article_id, source = entry[0], entry[6]
            if article_id in self._seen:
                message = f"same article as {self._seen[article_id]}; skipped"
                self.problems.append(LoadProblem(source, message, False))
                continue
            self._seen[article_id] = source
            entries.append(entry)
        return entries

    def save(self) -> None:
        """Write the records to the cache file, if anything changed since it was read."""
        if self._cache_file is None:
            return
        if not self._changed and len(self.records) == len(self._cached):
            return
        # A read-only data folder keeps no cache: the next start parses again, nothing is lost.
        with contextlib.suppress(OSError):
            atomic_write_text(
                self._cache_file,
                json.dumps(
                    {"version": CACHE_VERSION, "files": self.records},
                    ensure_ascii=False,
                    separators=(",", ":"),
                ),
            )


def open_corpus(
    paths: Iterable[str | Path],
    cache_file: Path | None = None,
    keep: Callable[[str], bool] | None = None,
) -> Corpus:
    """Read the entries of every article in ``paths``, from the cache where files are unchanged.

    Never raises on bad input: problems are collected as ``load_paths`` does.
    A cache that cannot be written (read-only data folder) is simply not kept.
    A file the pass had to parse keeps the articles ``keep`` names in memory
    until they are asked for once (an export reads its annotated articles
    right after: each file is parsed once).
    """
    scan = CorpusScan(paths, cache_file)
    entries: list[Entry] = []
    locations: dict[str, tuple[str, int]] = {}
    parsed_kept: dict[str, list[Article]] = {}
    for name, new_entries, parsed in scan:
        for (
            article_id,
            title,
            outlet,
            published,
            section,
            words,
            _source,
            index,
            status,
        ) in new_entries:
            locations[article_id] = (name, index)
            entries.append(make_entry(article_id, title, outlet, published, section, words, status))
            if parsed is not None and keep is not None and keep(article_id):
                parsed_kept[name] = parsed
    scan.save()
    corpus = Corpus(entries, locations, scan.problems)
    corpus._once.update(parsed_kept)
    return corpus

"""The open corpus: its articles in the index, each parsed from its file when asked for.

The index knows where every article comes from (a file and its position in
it); :meth:`Corpus.get` reads that file again when an article is opened (the
last few files are kept), and :meth:`Corpus.articles` walks many articles
reading each file once, holding none of them longer than it takes. An
article added in memory (tests, imports) is kept apart and found first.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from store.library.catalog import Catalog, Condition, Row
from store.news.article import Article

# read_file through this module's name: tests count the reads here.
from store.news.sources import LoadProblem, read_file

OPEN_FILES_KEPT = 16
"""Parsed files kept in memory for reopening articles."""


def article_in(articles: list[Article], article_id: str, index: int) -> Article | None:
    """The article ``article_id`` of a file's ``articles``, listed at ``index``."""
    if index < len(articles) and articles[index].id == article_id:
        return articles[index]
    # The file changed since it was indexed: look for the article anywhere in it.
    return next((a for a in articles if a.id == article_id), None)


class Corpus(Mapping[str, Article]):
    """The articles of the corpus's roots: a read-only mapping from id to ``Article``.

    Asking whether an id is in it, or how many there are, asks the index;
    reading values parses files (see the module).
    """

    def __init__(self, catalog: Catalog, walk_problems: Iterable[LoadProblem] = ()) -> None:
        self.catalog = catalog
        self.walk_problems = list(walk_problems)
        """Problems met listing the corpus's folders (not kept in the index)."""
        self._files: OrderedDict[str, list[Article]] = OrderedDict()
        self._memory: dict[str, Article] = {}
        self._lock = threading.Lock()

    # -- the mapping -------------------------------------------------------------------

    def __len__(self) -> int:
        return self.catalog.count() + len(self._memory)

    def __contains__(self, article_id: object) -> bool:
        if not isinstance(article_id, str):
            return False
        return article_id in self._memory or self.catalog.row_of(article_id) is not None

    def __iter__(self) -> Iterator[str]:
        yield from self._memory
        with self.catalog.database.connection() as connection:
            where, params = self.catalog.where()
            for (article_id,) in connection.execute(
                f"SELECT a.id FROM articles a WHERE {where} ORDER BY a.number",
                params,
            ):
                yield article_id

    def __getitem__(self, article_id: str) -> Article:
        article = self.get(article_id)
        if article is None:
            raise KeyError(article_id)
        return article

    def row(self, article_id: str) -> Row | None:
        """The library's row of ``article_id`` (``None`` when it is not in the corpus)."""
        return self.catalog.row_of(article_id)

    # -- articles ------------------------------------------------------------------------

    def get(
        self, article_id: str, default: Article | None = None, *, keep: bool = True
    ) -> Article | None:
        """The article, parsed from its file; ``default`` if it is gone or changed.

        Safe to call from a worker thread. ``keep=False`` (a pass over the whole
        corpus) leaves the recently opened files in memory alone.
        """
        if article_id in self._memory:
            return self._memory[article_id]
        location = self.catalog.location(article_id)
        if location is None:
            return default
        path, position = location
        articles = self._parsed(path, keep)
        if articles is None:
            return default
        return article_in(articles, article_id, position) or default

    def _parsed(self, path: str, keep: bool) -> list[Article] | None:
        with self._lock:
            articles = self._files.get(path)
            if articles is not None:
                self._files.move_to_end(path)
                return articles
        from store.news.readers import ReadError

        try:
            articles = read_file(Path(path))[0]
        except (ReadError, OSError):
            return None
        if keep:
            with self._lock:
                self._files[path] = articles
                while len(self._files) > OPEN_FILES_KEPT:
                    self._files.popitem(last=False)
        return articles

    def articles(self, ids: Iterable[str]) -> Iterator[Article]:
        """The articles ``ids`` names that are in the corpus, each file read once, none kept.

        In the order of their files (then their place in each file).
        """
        wanted = set(ids)
        for article_id in list(wanted):
            if article_id in self._memory:
                wanted.discard(article_id)
                yield self._memory[article_id]
        if not wanted:
            return
        where, params = self.catalog.where()
        with self.catalog.database.connection() as connection:
            # Without the index named, SQLite walked every shown row (an index on ``shown``
            # looked as good to it): 0.3 s at 100,000 articles for ten ids, not 1 ms.
            located = connection.execute(
                "SELECT a.id, f.path, a.position FROM articles a INDEXED BY articles_by_id "
                f"JOIN files f ON f.id = a.file "
                f"WHERE {where} AND a.id IN (SELECT value FROM json_each(?)) "
                "ORDER BY f.path, a.position",
                [*params, json.dumps(sorted(wanted))],
            ).fetchall()
        by_file: OrderedDict[str, list[tuple[str, int]]] = OrderedDict()
        for article_id, path, position in located:
            by_file.setdefault(path, []).append((article_id, position))
        for path, chosen in by_file.items():
            parsed = self._parsed(path, keep=False)
            for article_id, position in chosen:
                article = article_in(parsed, article_id, position) if parsed else None
                if article is not None:
                    yield article

    def forget_files(self) -> None:
        """Drop the parsed files kept (the index read some of them again: they changed)."""
        with self._lock:
            self._files.clear()

    def add(self, article: Article) -> None:
        """Hold an article that is not in any file (tests, imports)."""
        self._memory[article.id] = article

    # -- what went wrong ---------------------------------------------------------------

    def problems(self) -> list[LoadProblem]:
        """Every problem of the corpus: folders, files that could not be read, second copies."""
        out = list(self.walk_problems)
        catalog = self.catalog
        within = catalog.files_within or Condition("1")
        where, params = catalog.where()
        with catalog.database.connection() as connection:
            for path, problems in connection.execute(
                f"SELECT path, problems FROM files WHERE ({within.sql}) AND problems IS NOT NULL "
                "ORDER BY path",
                within.params,
            ):
                for message, skipped in json.loads(problems):
                    out.append(LoadProblem(path, message, bool(skipped)))
            # A second copy of an article is hidden: where it is, and where the first one is.
            for source, first in connection.execute(
                "SELECT json_extract(m.meta, '$.source'), (SELECT json_extract(n.meta, "
                "'$.source') FROM articles b JOIN article_meta n ON n.number = b.number "
                "WHERE b.id = a.id AND b.shown = 1) "
                "FROM articles a JOIN article_meta m ON m.number = a.number "
                f"WHERE {where.replace('a.shown = 1', 'a.shown = 0', 1)} ORDER BY a.number",
                params,
            ):
                out.append(LoadProblem(source, f"same article as {first}; skipped", False))
        return out

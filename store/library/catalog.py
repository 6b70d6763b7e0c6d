"""The library's rows, read from the corpus index: filtered, searched, sorted, fetched.

Nothing here holds the corpus in memory. A selection is the ordered list of
the chosen articles' numbers (eight bytes each, made in SQLite and read in
one row); the library widget fetches the few rows it draws by number
(:meth:`Catalog.rows`). Free words are full-text search (``fulltext``),
ranked by BM25 when the sort is ``relevance``.

What the index cannot know (annotations, entities) comes in as
:class:`Condition` objects from the workspace: SQL over the articles' table
(alias ``a``), so that one statement answers the whole query.
"""

from __future__ import annotations

import json
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from store.annotations.annotation import Annotation
from store.files.database import Database
from store.library.fetching import Condition, FetchingRows, Row
from store.library.schema import RANK_WEIGHTS
from store.library.walk import Root, roots_of, under_sql
from store.query.words import match_expression

SORT_KEYS = ("date", "title", "outlet", "words", "claims")
"""What the library can be sorted by, in the order the sort key cycles."""

RANKED = "relevance"
"""The order of a search: best match first (only when the query has free words)."""

IN_FILES = "corpus"
"""The order of the corpus's files (and of the articles in each), as ``sorot list`` prints."""


@dataclass(frozen=True)
class Scored:
    """An article number with its full-text score (higher is better)."""

    number: int
    score: float


_BM25 = "bm25(article_text, {})".format(", ".join(str(w) for w in RANK_WEIGHTS))

# Each sort is one or two ordered parts: (which rows, in what order, in what order reversed).
# Articles without a date (or title, or outlet) come last whichever way the others run, in
# the order their files were read (the files' order, a batch at a time).
_ORDERS: dict[str, list[tuple[str, str, str]]] = {
    "date": [
        ("a.date_key != ''", "a.date_key DESC, a.title_key DESC", "a.date_key, a.title_key"),
        ("a.date_key = ''", "a.file, a.position", "a.file, a.position"),
    ],
    "title": [
        ("a.title_key != ''", "a.title_key", "a.title_key DESC"),
        ("a.title_key = ''", "a.file, a.position", "a.file, a.position"),
    ],
    "outlet": [
        ("a.outlet_key != ''", "a.outlet_key, a.title_key", "a.outlet_key DESC, a.title_key DESC"),
        ("a.outlet_key = ''", "a.title_key", "a.title_key DESC"),
    ],
    "words": [("1", "a.words, a.title_key", "a.words DESC, a.title_key DESC")],
    RANKED: [("1", "t.score, a.date_key DESC", "t.score DESC, a.date_key")],
    "corpus": [("1", "f.path, a.position", "f.path DESC, a.position DESC")],
}


class Catalog(FetchingRows):
    """The articles of one corpus (its roots) in the index, as the library asks for them."""

    def __init__(self, database: Database, paths: Sequence[str | Path] = ()) -> None:
        self.database = database
        self.paths = list(paths)
        self.roots: list[Root] = []
        self._within: Condition | None = None
        self.files_within: Condition | None = None
        """A test on ``files`` keeping to this corpus's roots (``None``: every file is)."""
        self.narrow()

    def narrow(self) -> None:
        """Decide whether the index holds files of other corpora (checked again after a refresh).

        Usually a data folder serves one corpus and no test is needed; when it
        holds others too, rows are kept to the files under this corpus's roots.
        """
        self._within = self.files_within = None
        self.roots = roots_of(self.paths)  # a folder named before it existed is one now
        if not self.roots:
            return
        inside, params = under_sql(self.roots, "path")
        with self.database.connection() as connection:
            outside = connection.execute(
                f"SELECT EXISTS (SELECT 1 FROM files WHERE NOT ({inside}))", params
            ).fetchone()[0]
        if outside:
            self._within = Condition(f"a.file IN (SELECT id FROM files WHERE {inside})", params)
            self.files_within = Condition(inside, params)

    # -- selecting ---------------------------------------------------------------------

    def where(
        self, articles: Sequence[str] = (), conditions: Iterable[Condition] = ()
    ) -> tuple[str, list[object]]:
        """SQL over ``articles a`` choosing the corpus's listed articles that pass everything.

        ``articles``: ids or starts of ids (any of them); ``conditions``: the
        workspace's tests. With the parameters to bind, in order.
        """
        where, params = self._conditions(articles, conditions)
        return " AND ".join(where), params

    def _conditions(
        self, articles: Sequence[str], conditions: Iterable[Condition]
    ) -> tuple[list[str], list[object]]:
        where, params = ["a.shown = 1"], []
        for condition in (self._within, *conditions):
            if condition is not None:
                where.append(f"({condition.sql})")
                params.extend(condition.params)
        if articles:
            where.append("(" + " OR ".join("substr(a.id, 1, ?) = ?" for _ in articles) + ")")
            for prefix in articles:
                params += [len(prefix), prefix]
        return where, params

    def select(
        self,
        words: Sequence[str] = (),
        *,
        articles: Sequence[str] = (),
        conditions: Iterable[Condition] = (),
        sort: str = "date",
        reverse: bool = False,
        claims: Mapping[str, int] | None = None,
        limit: int | None = None,
    ) -> array:
        """Numbers of the articles chosen, in order.

        ``words``: free words, every one in the article (full text);
        ``articles``: ids or starts of ids (any); ``conditions``: tests from
        the workspace; ``claims``: claim counts by article id (the claims
        sort). ``relevance`` without words is the date order. ``limit``: only
        the first so many (a screenful before the whole order is known).
        """
        conditions = list(conditions)
        expression = match_expression(words)
        if sort == RANKED and expression is None:
            sort = "date"
        if sort == "claims":
            chosen = self._by_claims(words, articles, conditions, reverse, claims or {})
            return chosen if limit is None else chosen[:limit]
        where, params = self._conditions(articles, conditions)
        joins = ""
        if expression is not None:
            if sort == RANKED:
                joins += (
                    f" JOIN (SELECT rowid, {_BM25} AS score FROM article_text "
                    "WHERE article_text MATCH ?) t ON t.rowid = a.number"
                )
                params = [expression, *params]
            else:
                where.append(
                    "a.number IN (SELECT rowid FROM article_text WHERE article_text MATCH ?)"
                )
                params.append(expression)
        numbers = array("q")
        with self.database.connection() as connection:
            for part, order, backwards in _ORDERS[sort]:
                if limit is not None and len(numbers) >= limit:
                    break
                files = " JOIN files f ON f.id = a.file" if "f.path" in order else ""
                sql = (
                    "SELECT group_concat(number) FROM (SELECT a.number AS number FROM articles a"
                    f"{joins}{files} WHERE {' AND '.join([*where, part])} "
                    f"ORDER BY {backwards if reverse else order}"
                    f"{'' if limit is None else f' LIMIT {limit - len(numbers):d}'})"
                )
                found = connection.execute(sql, params).fetchone()[0]
                if found:
                    numbers.extend(map(int, found.split(",")))
        return numbers

    def _by_claims(
        self,
        words: Sequence[str],
        articles: Sequence[str],
        conditions: list[Condition],
        reverse: bool,
        claims: Mapping[str, int],
    ) -> array:
        """Most claims first (then titles backwards), or the other way round reversed."""
        base = self.select(
            words, articles=articles, conditions=conditions, sort="title", reverse=not reverse
        )
        claimed = {n: claims[i] for n, i in self.ids_of(claims).items() if claims.get(i)}
        if not claimed:
            return base
        rank = {n: k for k, n in enumerate(base)}
        chosen = [n for n in claimed if n in rank]
        rest = array("q", (n for n in base if n not in claimed))
        if reverse:
            chosen.sort(key=lambda n: (claimed[n], rank[n]))
            return rest + array("q", chosen)
        chosen.sort(key=lambda n: (-claimed[n], rank[n]))
        return array("q", chosen) + rest

    def scored(
        self,
        words: Sequence[str],
        *,
        articles: Sequence[str] = (),
        conditions: Iterable[Condition] = (),
        limit: int | None = None,
    ) -> list[Scored]:
        """The best matches of ``words`` with their scores (``sorot search``)."""
        expression = match_expression(words)
        if expression is None:
            return []
        where, params = self._conditions(articles, list(conditions))
        sql = (
            f"SELECT a.number, -t.score FROM articles a JOIN (SELECT rowid, {_BM25} AS score "
            "FROM article_text WHERE article_text MATCH ?) t ON t.rowid = a.number "
            f"WHERE {' AND '.join(where)} ORDER BY t.score, a.date_key DESC"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self.database.connection() as connection:
            return [Scored(n, s) for n, s in connection.execute(sql, [expression, *params])]

    def titled(self, words: Sequence[str], limit: int = 200) -> list[Row]:
        """Articles whose title holds every one of ``words`` anywhere, newest first (the palette).

        Unlike free words, a piece of a word will do (``sahabat`` finds
        ``Bersahabat``): the palette ranks what this gives by its own fuzzy match.
        """
        folded = [w.casefold() for w in words if w.strip()]
        if not folded:
            return []
        tests = [Condition("instr(a.title_key, ?) > 0", (w,)) for w in folded]
        where, params = self._conditions((), tests)
        with self.database.connection() as connection:
            return [
                Row(*row)
                for row in connection.execute(
                    "SELECT number, id, title, outlet, date, words FROM articles a "
                    f"WHERE {' AND '.join(where)} ORDER BY a.date_key DESC LIMIT ?",
                    [*params, limit],
                )
            ]

    def sharing_title_words(self, words: Sequence[str], limit: int = 50) -> list[Row]:
        """Articles whose title shares any of ``words``, most shared first (re-scrapes).

        The full text's title column answers it, so a re-scraped article's new
        version is looked for among a few dozen rows, not the whole corpus.
        """
        expression = match_expression(words, any_word=True)
        if expression is None:
            return []
        where, params = self._conditions((), ())
        sql = (
            "SELECT a.number, a.id, a.title, a.outlet, a.date, a.words FROM articles a "
            "JOIN (SELECT rowid, bm25(article_text) AS score FROM article_text "
            "WHERE article_text MATCH ?) t ON t.rowid = a.number "
            f"WHERE {' AND '.join(where)} ORDER BY t.score LIMIT ?"
        )
        with self.database.connection() as connection:
            found = connection.execute(sql, [f"title : ({expression})", *params, limit])
            return [Row(*row) for row in found]

    def widths(self, numbers: Sequence[int]) -> dict[str, int]:
        """The longest id, date, outlet and word count of ``numbers``' rows (a table's columns)."""
        widest = {"id": 0, "date": 0, "outlet": 0, "words": 0}
        with self.database.connection() as connection:
            for start in range(0, len(numbers), 20_000):
                row = connection.execute(
                    "SELECT max(length(id)), max(length(outlet)), max(words), max(length(date)) "
                    "FROM articles "
                    "WHERE number IN (SELECT value FROM json_each(?))",
                    (json.dumps(list(numbers[start : start + 20_000])),),
                ).fetchone()
                widest["id"] = max(widest["id"], row[0] or 0)
                widest["outlet"] = max(widest["outlet"], row[1] or 0)
                widest["words"] = max(widest["words"], len(f"{row[2] or 0:,}"))
                widest["date"] = max(widest["date"], row[3] or 0)
        return widest

    def count(
        self,
        conditions: Iterable[Condition] = (),
        *,
        words: Sequence[str] = (),
        articles: Sequence[str] = (),
    ) -> int:
        """How many articles the corpus lists (holding ``words``, passing the rest)."""
        conditions = list(conditions)
        expression = match_expression(words)
        if expression is not None:
            conditions.append(
                Condition(
                    "a.number IN (SELECT rowid FROM article_text WHERE article_text MATCH ?)",
                    (expression,),
                )
            )
        where, params = self.where(articles, conditions)
        with self.database.connection() as connection:
            return connection.execute(
                f"SELECT count(*) FROM articles a WHERE {where}", params
            ).fetchone()[0]

    def matching(self, words: Sequence[str], among: Iterable[str]) -> set[str]:
        """Which of the article ids ``among`` hold every one of ``words`` (exports, ``--where``)."""
        expression = match_expression(words)
        wanted = sorted(set(among))
        if expression is None:
            return set(wanted)
        with self.database.connection() as connection:
            return {
                row[0]
                for row in connection.execute(
                    "SELECT a.id FROM articles a WHERE a.id IN (SELECT value FROM json_each(?)) "
                    "AND a.number IN (SELECT rowid FROM article_text WHERE article_text MATCH ?)",
                    (json.dumps(wanted), expression),
                )
            }


def counts_of(annotations: Iterable[Annotation]) -> Counter[str]:
    """``claim``, ``note`` and ``claim:<status>`` counts (the library's Claims column)."""
    counts: Counter[str] = Counter()
    for annotation in annotations:
        counts[annotation.kind] += 1
        if annotation.kind == "claim":
            counts[f"claim:{annotation.status or 'unverified'}"] += 1
    return counts

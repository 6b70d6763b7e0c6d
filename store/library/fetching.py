"""Fetching the library's rows from the corpus index: by number, by id, their widths.

A part of :class:`store.library.catalog.Catalog` (which chooses and orders
the numbers; this reads what they name). :class:`Row` is one article as the
library lists it; :class:`Condition` a test on the articles' table that the
workspace adds to every query.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from store.files.database import plain_text

if TYPE_CHECKING:
    from store.library.catalog import Catalog


class Row(NamedTuple):
    """One article as the library lists it (a tuple: ``sorot list`` makes 100,000)."""

    number: int
    """The article's row in the index (changes when its file does; the id does not)."""
    id: str
    title: str
    outlet: str
    date: str
    """The published date as shown (``store.query.query.shown_date``): ``YYYY-MM-DD``,
    ``~YYYY-MM-DD`` when estimated, ``9/10/2025?`` when ambiguous, or ``""``."""
    words: int


@dataclass(frozen=True)
class Condition:
    """A test on the articles' table (alias ``a``) with its parameters."""

    sql: str
    params: tuple[object, ...] = ()


class FetchingRows:
    """The rows of chosen articles (a part of :class:`~store.library.catalog.Catalog`)."""

    def rows(self: Catalog, numbers: Iterable[int]) -> dict[int, Row]:
        """The rows of ``numbers`` (those still in the index), by number."""
        wanted = json.dumps(list(numbers))
        with self.database.connection() as connection, plain_text(connection):
            return {
                row[0]: Row._make(row)
                for row in connection.execute(
                    "SELECT number, id, title, outlet, date, words FROM articles "
                    "WHERE number IN (SELECT value FROM json_each(?))",
                    (wanted,),
                )
            }

    def _first(self: Catalog, columns: str, article_id: str) -> tuple | None:
        """``columns`` (of ``articles a`` and ``files f``) of ``article_id``'s first copy."""
        where, params = self.where((), [Condition("a.id = ?", (article_id,))])
        with self.database.connection() as connection:
            # Named, or SQLite walks every shown row by the index on ``shown`` (0.36 s an
            # article at 100,000, on every open and every lookup by id).
            return connection.execute(
                f"SELECT {columns} FROM articles a INDEXED BY articles_by_id "
                f"JOIN files f ON f.id = a.file WHERE {where} LIMIT 1",
                params,
            ).fetchone()

    def row_of(self: Catalog, article_id: str) -> Row | None:
        """The row of ``article_id`` (its first copy), if the corpus has it."""
        found = self._first("a.number, a.id, a.title, a.outlet, a.date, a.words", article_id)
        return Row(*found) if found else None

    def ids_starting(self: Catalog, prefix: str, limit: int = 6) -> list[str]:
        """``[prefix]`` when an article has that id, else the ids starting so (a few)."""
        where, params = self._conditions([prefix], [])
        with self.database.connection() as connection:
            exact = connection.execute(
                f"SELECT 1 FROM articles a WHERE {' AND '.join(where)} AND a.id = ? LIMIT 1",
                [*params, prefix],
            ).fetchone()
            if exact:
                return [prefix]
            return [
                row[0]
                for row in connection.execute(
                    f"SELECT DISTINCT a.id FROM articles a WHERE {' AND '.join(where)} "
                    "ORDER BY a.id LIMIT ?",
                    [*params, limit],
                )
            ]

    def ids_of(self: Catalog, ids: Iterable[str]) -> dict[int, str]:
        """``{number: id}`` of the listed articles among ``ids``."""
        where, params = self._conditions(
            (), [Condition("a.id IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),))]
        )
        with self.database.connection() as connection:
            return dict(
                connection.execute(
                    f"SELECT number, id FROM articles a WHERE {' AND '.join(where)}", params
                )
            )

    def location(self: Catalog, article_id: str) -> tuple[str, int] | None:
        """``(file path, position in the file)`` of ``article_id``."""
        found = self._first("f.path, a.position", article_id)
        return (found[0], found[1]) if found else None

    def metadata(self: Catalog, numbers: Sequence[int]) -> list[dict[str, object]]:
        """Every parsed field but the body of ``numbers``' articles, in that order."""
        out: list[dict[str, object]] = []
        with self.database.connection() as connection:
            for start in range(0, len(numbers), 2000):
                chunk = list(numbers[start : start + 2000])
                found = dict(
                    connection.execute(
                        "SELECT number, meta FROM article_meta "
                        "WHERE number IN (SELECT value FROM json_each(?))",
                        (json.dumps(chunk),),
                    )
                )
                out.extend(json.loads(found[n]) for n in chunk if n in found)
        return out

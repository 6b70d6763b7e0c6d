"""Which copy of an article the library shows: the first under the open corpus's roots.

An article (the same text under the same title) may lie in several files.
One index serves every corpus a data folder has opened, so a copy may also
lie outside the corpus open now: the seeds of another clone of sorot, a
corpus copied to a new folder, the old path of a moved one. Of an
article's rows one is shown (``articles.shown``): the first by file path
and position among the files under the open corpus's roots, else the
first of all. The others are kept, hidden, and reported as second copies
when they are in the corpus. Were the first of all shown whatever the
roots, a corpus whose articles all lie in another folder too would list
none of them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from store.library.walk import Root


def inside(roots: Sequence[Root], column: str) -> tuple[str, dict[str, str]]:
    """SQL true when ``column`` (a file's path) is under ``roots``, with its parameters."""
    tests, params = [], {}
    for number, root in enumerate(roots):
        if root.folder:
            low, high = root.sql_range()
            tests.append(f"({column} >= :low{number} AND {column} < :high{number})")
            params |= {f"low{number}": low, f"high{number}": high}
        else:
            tests.append(f"{column} = :path{number}")
            params[f"path{number}"] = root.path
    return " OR ".join(tests) or "0", params


def fix_copies(
    connection: sqlite3.Connection, ids: Sequence[str] | set[str], roots: Sequence[Root] = ()
) -> None:
    """Of the rows sharing each of ``ids``, show only the first (see the module)."""
    if not ids:
        return
    doubtful = [
        row[0]
        for row in connection.execute(
            "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?)) "
            "GROUP BY id HAVING count(*) > 1 OR sum(shown) != 1",
            (json.dumps(sorted(ids)),),
        )
    ]
    within, params = inside(roots, "f.path")
    connection.executemany(
        "UPDATE articles SET shown = (number = ("
        "SELECT a.number FROM articles a JOIN files f ON f.id = a.file "
        f"WHERE a.id = :id ORDER BY ({within}) DESC, f.path, a.position LIMIT 1)) "
        "WHERE id = :id",
        [{"id": article_id, **params} for article_id in doubtful],
    )


def shown_elsewhere(connection: sqlite3.Connection, roots: Sequence[Root]) -> list[str]:
    """The articles with a copy under ``roots`` but shown from a file elsewhere.

    Quick when the index holds no file outside ``roots`` (the usual case:
    one corpus per data folder); reads only, so a refresh with nothing to
    change waits for no writer.
    """
    if not roots:
        return []
    within, params = inside(roots, "path")
    if not connection.execute(
        f"SELECT EXISTS (SELECT 1 FROM files WHERE NOT ({within}))", params
    ).fetchone()[0]:
        return []
    # Set against set, each side read once (a correlated test per row ran for minutes).
    files = f"SELECT id FROM files WHERE {within}"
    return [
        row[0]
        for row in connection.execute(
            f"SELECT id FROM articles WHERE shown = 0 AND file IN ({files}) EXCEPT "
            f"SELECT id FROM articles WHERE shown = 1 AND file IN ({files})",
            params,
        )
    ]

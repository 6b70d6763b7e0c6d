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

from store.library.walk import Root, under_sql


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
    within, params = under_sql(roots, "f.path")
    connection.executemany(
        "UPDATE articles SET shown = (number = ("
        "SELECT a.number FROM articles a JOIN files f ON f.id = a.file "
        f"WHERE a.id = ? ORDER BY ({within}) DESC, f.path, a.position LIMIT 1)) "
        "WHERE id = ?",
        [(article_id, *params, article_id) for article_id in doubtful],
    )


def shown_elsewhere(connection: sqlite3.Connection, roots: Sequence[Root]) -> list[str]:
    """The articles with a copy under ``roots`` but shown from a file elsewhere.

    Quick when the index holds no file outside ``roots`` (the usual case:
    one corpus per data folder); reads only, so a refresh with nothing to
    change waits for no writer.
    """
    if not roots:
        return []
    within, params = under_sql(roots, "path")
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
            params + params,
        )
    ]

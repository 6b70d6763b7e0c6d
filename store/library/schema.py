"""The corpus index's tables, and what makes its rows stale.

One row per corpus file (``files``: its path and folder, ``stat``
fingerprint, a digest of its bytes to recognise it renamed, and the problems
met reading it), one per article (``articles``: the library's fields and
where it comes from, kept small so that scans are quick; every parsed field
but the body, as JSON, is in ``article_meta``), and the full text of each
article (``article_text``, FTS5). Folders' modification times (``folders``) let a
quick refresh skip folders where no file was added, removed or renamed; their
prints (``folder_prints``, ``store.library.walk``) let a full one skip folders
where no file changed at all.

The full text is a *contentless* FTS5 table: the text is not stored twice
(the files are there), so an article's row cannot be taken out of it
exactly; when an article goes, its rowid simply matches no ``articles`` row
any more. ``corpus_meta`` counts those left-over rows, and the index builds
its full text again when they pass a share of the live ones
(``store.library.indexer``).

Words are tokenised by ``unicode61`` with diacritics folded (``é`` is ``e``):
letters and digits, in any script, between separators; case-blind. That
suits Indonesian and English (no stemming: ``tentara`` does not match
``ketentaraan``, but ``tentar`` matches ``tentara`` as a prefix).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS corpus_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    folder TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    digest TEXT NOT NULL,
    problems TEXT
);
CREATE INDEX IF NOT EXISTS files_by_size ON files (size);
CREATE INDEX IF NOT EXISTS files_by_folder ON files (folder);

CREATE TABLE IF NOT EXISTS folders (
    path TEXT PRIMARY KEY,
    mtime_ns INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS folder_prints (
    path TEXT PRIMARY KEY,
    print TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS articles (
    number INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL,
    file INTEGER NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    outlet TEXT NOT NULL,
    date TEXT NOT NULL,
    section TEXT NOT NULL,
    words INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    shown INTEGER NOT NULL DEFAULT 1,
    title_key TEXT NOT NULL,
    outlet_key TEXT NOT NULL,
    date_key TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS article_meta (
    number INTEGER PRIMARY KEY,
    meta TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_by_id ON articles (id);
CREATE INDEX IF NOT EXISTS articles_by_file ON articles (file, position);
{sort_indexes}
CREATE VIRTUAL TABLE IF NOT EXISTS article_text USING fts5 (
    title, body, meta,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2'
);
"""

SORT_INDEXES = {
    "articles_by_sha": "CREATE INDEX IF NOT EXISTS articles_by_sha ON articles (sha256)",
    "articles_by_date": "CREATE INDEX IF NOT EXISTS articles_by_date\n"
    "    ON articles (shown, date_key, title_key, file, position)",
    "articles_by_title": "CREATE INDEX IF NOT EXISTS articles_by_title "
    "ON articles (shown, title_key, file, position)",
    "articles_by_outlet": "CREATE INDEX IF NOT EXISTS articles_by_outlet "
    "ON articles (shown, outlet_key, title_key)",
    "articles_by_words": "CREATE INDEX IF NOT EXISTS articles_by_words "
    "ON articles (shown, words, title_key)",
}
"""The indexes that sort the library and join the entities, not needed to write rows: a
first index of a big corpus makes them once at the end (``store.library.indexer``)
instead of keeping five random orders up to date through every batch."""

SCHEMA = SCHEMA.replace("{sort_indexes}", "".join(f"{sql};\n" for sql in SORT_INDEXES.values()))
"""The corpus tables (applied through ``store.files.database.Database``)."""

FULL_TEXT_COLUMNS = ("title", "body", "meta")
"""The full text's columns: the title, the body but its boilerplate, and the outlet, section
and date."""

RANK_WEIGHTS = (8.0, 1.0, 2.0)
"""BM25 weights of the columns: a word in the title counts as much as eight in the body."""

_NEWS = Path(__file__).resolve().parent.parent / "news"


@cache
def parser_signature() -> str:
    """A short hash of the parser's code: rows parsed by another parser are stale.

    ``store/news`` (readers, the raw-news parser, dates, boilerplate) makes
    every field the index holds; when it changes, every file is read again.
    """
    digest = hashlib.sha256(b"sorot-index-1")
    for path in sorted(_NEWS.rglob("*")):
        if path.is_file() and path.suffix not in (".pyc",) and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_NEWS).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]

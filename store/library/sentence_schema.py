"""The related-passage tables of the corpus index (``store.library.sentences`` fills and
reads them).

A module of its own: every opening of the index applies the schema, and
the sentence rows' code (the desk's terms and figures) loads only when the
desk is first used.
"""

SCHEMA = """
CREATE TABLE IF NOT EXISTS sentences (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    terms TEXT NOT NULL,
    units TEXT,
    dates TEXT
);
CREATE INDEX IF NOT EXISTS sentences_by_number ON sentences (number);

CREATE TABLE IF NOT EXISTS sentence_df (
    term TEXT PRIMARY KEY,
    df INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS sentence_articles (
    number INTEGER PRIMARY KEY,
    sentences INTEGER NOT NULL
);

CREATE VIRTUAL TABLE IF NOT EXISTS sentence_terms USING fts5 (
    terms,
    content = '',
    tokenize = 'unicode61 remove_diacritics 0'
);
"""
"""The sentence tables (applied with the corpus tables, ``store.files.database.Database``)."""

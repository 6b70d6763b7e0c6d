"""The corpus as a library: its index, the rows the library lists, search, and who read what.

The corpus index (a SQLite file in the data folder): its tables
(``schema``), the walk over the corpus's files (``walk``), reading them on
every core (``parsing``), bringing the index up to date with only what
changed (``changes``, ``indexer``); the library's rows, sorts and full-text
search (``catalog``), search hits with the sentence the words are in
(``search``, ``fulltext``); the open corpus, its articles parsed from their
files on demand (``corpus``); and each user's reading state (``readstate``).

May import: ``store.query``, ``store.annotations``, ``store.news``, ``store.files``.
"""

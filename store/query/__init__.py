"""One query language for the library, the command line and saved sets.

A query (``status:false speaker:kcna kremlin``) is parsed once, here, into a
:class:`Query` that selects articles and annotations; the library's filter,
``sorot list --where``, ``sorot export --where`` and its flags, and saved
sets all go through it, so one query means the same everywhere. Free words
are full-text search (``words``): the same tokenizer as the corpus index.

May import: ``store.annotations``, ``store.news``, ``store.files``.
"""

from store.query.parse import FIELDS, QueryError, Vocabulary, field_help, parse_query
from store.query.query import KINDS, KeyMatcher, Query, normal, parse_when
from store.query.sets import SavedSet, SetStore

__all__ = [
    "FIELDS",
    "KINDS",
    "KeyMatcher",
    "Query",
    "QueryError",
    "SavedSet",
    "SetStore",
    "Vocabulary",
    "field_help",
    "normal",
    "parse_query",
    "parse_when",
]

"""Schema versions of annotation files and the steps between them.

Every article's annotation file records the schema it was written with. A
file from an older sorot is brought up to date the next time it is changed;
a file from a newer sorot is refused (see ``AtomicJSONStorage``) and left
untouched, so that the newer sorot does not lose anything.
"""

from __future__ import annotations

from collections.abc import Callable

from tinydb import TinyDB
from tinydb.table import Document

from store.annotations.atomicstorage import schema_version

SCHEMA_VERSION = 2
"""The layout of an article's annotation file written by this version of sorot."""


def _migrate_0_to_1(db: TinyDB) -> None:
    # Version 0 had no meta table and no ``orphaned`` flag on annotations.
    table = db.table("annotations")
    for doc in table.all():
        if "orphaned" not in doc:
            table.update({"orphaned": False}, doc_ids=[doc.doc_id])


def _migrate_1_to_2(db: TinyDB) -> None:
    # Version 2 keeps revisions and who changed what: an annotation from before
    # starts at revision 1, last changed by its annotator, with no history. An
    # older sorot refuses to rewrite such a file rather than drop its history.
    table = db.table("annotations")
    for doc in table.all():
        if "revision" not in doc:
            table.update(
                {"revision": 1, "updated_by": doc.get("annotator", ""), "history": []},
                doc_ids=[doc.doc_id],
            )


MIGRATIONS: dict[int, Callable[[TinyDB], None]] = {0: _migrate_0_to_1, 1: _migrate_1_to_2}
"""``MIGRATIONS[n]`` turns a schema-``n`` file into schema ``n + 1``."""


def migrate(db: TinyDB) -> int:
    """Bring ``db`` up to ``SCHEMA_VERSION``; returns the version it had."""
    version = schema_version(db.storage.read() or {})
    for step in range(max(0, version), SCHEMA_VERSION):
        MIGRATIONS[step](db)
    if version != SCHEMA_VERSION:
        db.table("meta").upsert(Document({"version": SCHEMA_VERSION}, doc_id="schema"))
    return version

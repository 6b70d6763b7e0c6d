"""Entity corrections in the annotation store: a ``corrections`` table in each article's file.

A mixin of ``AnnotationStore`` (as ``Reanchoring`` is): corrections share
the article's file, its lock and its atomic writes with the annotations,
so the store's own reading and changing (``_has_file``, ``_readable``,
``_change``) serve them; only what is particular to them is here. What a
correction says is ``store.entities.corrections``'s business.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from store.news.article import Article

if TYPE_CHECKING:
    from store.annotations.store import AnnotationStore

    _Base = AnnotationStore
else:
    _Base = object


class CorrectionsTable(_Base):
    """Reading, saving, merging and deleting an article's entity corrections."""

    def corrections(self, article_id: str) -> list[dict[str, Any]]:
        """The entity corrections of ``article_id`` as stored, oldest first.

        They sit in the article's file in a ``corrections`` table beside the
        annotations, each under its uuid (see ``store.entities.corrections``).
        A file written before corrections existed simply has none: no schema
        change, and an older sorot keeps the table when it rewrites the file.
        """
        if not self._has_file(article_id):
            return []
        table = self._readable(article_id).get("corrections", {})
        docs = [dict(doc) for doc in table.values() if isinstance(doc, dict)]
        docs.sort(key=lambda d: (str(d.get("created", "")), str(d.get("id", ""))))
        return docs

    def save_correction(
        self, article_id: str, correction: dict[str, Any], article: Article | None = None
    ) -> None:
        """Insert ``correction`` (a dict with an ``id``) or replace the stored one; durable."""
        correction_id = str(correction["id"])
        with self._change(article_id, article, table="corrections") as table:
            if table.contains(doc_id=correction_id):
                table.remove(doc_ids=[correction_id])
            table.insert(Document(dict(correction), doc_id=correction_id))

    def merge_corrections(self, article_id: str, docs: list[dict[str, Any]]) -> list[str]:
        """Add each correction whose id is not stored yet (one write); the ids added."""
        stored = {str(doc.get("id")) for doc in self.corrections(article_id)}
        fresh = [doc for doc in docs if str(doc["id"]) not in stored]
        if not fresh:
            return []
        added = []
        with self._change(article_id, table="corrections") as table:
            for doc in fresh:
                if not table.contains(doc_id=str(doc["id"])):
                    table.insert(Document(dict(doc), doc_id=str(doc["id"])))
                    added.append(str(doc["id"]))
        return added

    def delete_correction(self, article_id: str, correction_id: str) -> bool:
        """Remove one entity correction; True if it was there."""
        if not self._has_file(article_id):
            return False
        with self._change(article_id, table="corrections") as table:
            if not table.contains(doc_id=correction_id):
                return False
            table.remove(doc_ids=[correction_id])
            return True

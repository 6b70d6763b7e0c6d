"""Placing annotations again when an article's text has changed.

A mixin of ``AnnotationStore``: when an article is opened, annotations of an
earlier version of it (same source, url or external id; another text, so
another id) are brought over, and those made on another text are placed in
the current one (``store.annotations.anchoring``), writing only the anchoring fields
under the article's lock. Ones that cannot be placed are kept, orphaned.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from store.annotations.anchoring import place
from store.annotations.annotation import Annotation
from store.files.jsonfile import StoreError
from store.news.article import Article

if TYPE_CHECKING:
    from store.annotations.store import AnnotationStore

    _Base = AnnotationStore
else:
    _Base = object


def slug(article_id: str) -> str:
    """The title part of an article id (the id without its content hash)."""
    return article_id.rsplit("-", 1)[0]


def origin_of(article: Article) -> dict[str, Any]:
    """What an annotation file records of its article, to find its later versions."""
    return {
        "source": article.source,
        "url": article.url,
        "external_id": article.external_id,
        "title": article.title,
        "outlet": article.outlet,
    }


def same_origin(stored: dict[str, Any] | None, article: Article) -> bool:
    """True when a file's recorded article is an earlier version of ``article``."""
    if not stored:
        return False
    mine = origin_of(article)
    return any(
        stored.get(key) and stored.get(key) == mine[key] for key in ("source", "url", "external_id")
    )


class Reanchoring(_Base):
    """``anchored()`` and what it needs; see the module docstring."""

    # -- anchoring --------------------------------------------------------------

    def anchored(self, article: Article, known_ids: Collection[str] = ()) -> list[Annotation]:
        """The annotations of ``article`` placed in its current text.

        Annotations of an earlier version of the article (same source, url or
        external id, other text, so another id) are brought over first, unless
        that version is itself in the corpus (``known_ids``). Annotations made
        on another text are then placed again (``store.annotations.anchoring``); those that
        cannot be are kept and flagged orphaned with their old selector, so
        they find their place again if the text comes back. Only the anchoring
        fields are written, under the lock, so an edit another sorot made
        meanwhile is kept.
        """
        try:
            self._adopt_earlier_versions(article, known_ids)
        except StoreError as error:
            self.problems.append(f"could not bring over earlier annotations: {error}")
        items = self.annotations(article.id)
        if not any(self._needs_placing(a, article) for a in items):
            return items
        try:
            return self._place_and_save(article)
        except StoreError as error:
            # Read-only or locked: place them for this session only; reading goes on.
            self.problems.append(f"annotations placed for this session only: {error}")
            return [self._placed_copy(a, article) for a in items]

    def _placed_copy(self, annotation: Annotation, article: Article) -> Annotation:
        if not self._needs_placing(annotation, article):
            return annotation
        placement = place(annotation.selector, article.body)  # type: ignore[arg-type]
        if placement.selector is None:
            return replace(annotation, orphaned=True)
        return replace(
            annotation, selector=placement.selector, sha256=article.sha256, orphaned=False
        )

    def _place_and_save(self, article: Article) -> list[Annotation]:
        with self._change(article.id, article) as table:
            for doc in table.all():
                try:
                    annotation = Annotation.from_dict(dict(doc))
                except ValueError:
                    continue
                if not self._needs_placing(annotation, article):
                    continue
                placement = place(annotation.selector, article.body)  # type: ignore[arg-type]
                if placement.selector is not None:
                    table.update(
                        {
                            "selector": placement.selector.to_dict(),
                            "sha256": article.sha256,
                            "orphaned": False,
                        },
                        doc_ids=[annotation.id],
                    )
                elif not annotation.orphaned:
                    table.update({"orphaned": True}, doc_ids=[annotation.id])
        return self.annotations(article.id)

    @staticmethod
    def _needs_placing(annotation: Annotation, article: Article) -> bool:
        return annotation.selector is not None and (
            annotation.sha256 != article.sha256 or annotation.orphaned
        )

    def _adopt_earlier_versions(self, article: Article, known_ids: Collection[str]) -> None:
        folder = self.path_for(article.id).parent
        if not folder.is_dir():
            return
        for path in folder.glob(f"{slug(article.id)}-*.json"):
            old_id = path.stem
            if old_id == article.id or old_id in known_ids or slug(old_id) != slug(article.id):
                continue
            data = self._read(old_id)
            if not same_origin(data.get("meta", {}).get("article"), article):
                continue
            self.move_article(old_id, article)

    def move_article(self, old_id: str, article: Article) -> tuple[int, int]:
        """Bring ``old_id``'s annotations and corrections over to ``article`` (a new version).

        Copied first, then removed from the old file: a crash in between
        leaves a copy, never a loss. The new file records where they came
        from. Returns how many annotations and corrections moved.
        """
        data = self._read(old_id)
        moved = [replace(a, article_id=article.id) for a in self.annotations(old_id)]
        if moved:
            self.save_many(article.id, moved, article)
        corrections = {
            str(doc["id"]): {**doc, "article_id": article.id}
            for doc in data.get("corrections", {}).values()
            if isinstance(doc, dict) and "id" in doc
        }
        if corrections:
            # Entity corrections come along too (they are placed again when read).
            with self._change(article.id, article, table="corrections") as table:
                for correction_id, doc in corrections.items():
                    if not table.contains(doc_id=correction_id):
                        table.insert(Document(doc, doc_id=correction_id))
        if moved or corrections:
            origin = data.get("meta", {}).get("article") or {}
            with self._change(article.id, article, table="meta") as meta:
                record = dict(meta.get(doc_id="moved") or {"from": []})
                record["from"] = [*record["from"], {"id": old_id, **origin}][-20:]
                meta.upsert(Document(record, doc_id="moved"))
        with self._change(old_id) as table:
            table.remove(doc_ids=[a.id for a in moved if table.contains(doc_id=a.id)])
        if corrections:
            with self._change(old_id, table="corrections") as table:
                table.remove(doc_ids=[i for i in corrections if table.contains(doc_id=i)])
        return len(moved), len(corrections)

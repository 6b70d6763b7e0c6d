"""An article's entities as sorot shows them: recognised once, cached, corrected.

``EntityService`` joins the cache (``store.entities.cache``), the user's
corrections in the annotation store (``store.entities.corrections``) and the
recogniser. The app, the ``sorot entities`` command and exports ask it, so
they all see the same entities::

    service = EntityService(database, AnnotationStore(data_dir))   # database: the index's
    service.entities(article)         # cached or recognised, corrections applied
    service.cached(article)           # the same, or None when it would need the recogniser
    service.correct(article, start, end, "retype", annotator="rina", type="ORG", key="KCNA")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.entities.cache import EntityCache
from store.entities.corrections import (
    Correction,
    apply_corrections,
    make_correction,
    parse_corrections,
    touching,
)
from store.entities.model import Entity
from store.files.database import Database

if TYPE_CHECKING:
    from store.annotations.store import AnnotationStore
    from store.news.article import Article


class EntityService:
    """Entities of articles, stored in the index database, and the user's corrections."""

    def __init__(self, database: Database | None, store: AnnotationStore | None = None) -> None:
        self.cache = EntityCache(database)
        self.store = store

    def auto(self, article: Article) -> list[Entity]:
        """The recogniser's entities (cached, else recognised now and cached)."""
        return self.cache.recognise(article)

    def corrections(self, article_id: str) -> list[Correction]:
        """The user's corrections of one article, oldest first (``StoreError`` if unreadable)."""
        if self.store is None:
            return []
        return parse_corrections(self.store.corrections(article_id))

    def entities(self, article: Article) -> list[Entity]:
        """The article's entities with the user's corrections applied."""
        return apply_corrections(self.auto(article), self.corrections(article.id), article.body)

    def cached(self, article: Article) -> list[Entity] | None:
        """``entities(article)`` if the recogniser's part is cached, else ``None`` (quick)."""
        auto = self.cache.get(article)
        if auto is None:
            return None
        return apply_corrections(auto, self.corrections(article.id), article.body)

    def correct(
        self,
        article: Article,
        start: int,
        end: int,
        action: str,
        *,
        annotator: str,
        type: str = "",
        key: str = "",
        scope: str = "mention",
        old: Entity | None = None,
    ) -> Correction:
        """Store a correction of ``article.body[start:end]`` and return it.

        ``action`` is ``add``, ``retype``, ``rekey`` or ``reject``; ``old`` is
        the entity it was made on (``None`` for an added span). ``ValueError``
        for an empty span or an unknown type; ``StoreError`` when it cannot be
        saved.
        """
        if self.store is None:
            raise ValueError("no annotation store to keep corrections in")
        correction = make_correction(
            article.id,
            article.body,
            article.sha256,
            start,
            end,
            action,
            annotator=annotator,
            type=type,
            key=key,
            scope=scope,
            old=old,
        )
        self.store.save_correction(article.id, correction.to_dict(), article)
        return correction

    def revert(
        self, article: Article, start: int, end: int, entity: Entity | None = None
    ) -> list[Correction]:
        """Take back the corrections over ``[start, end)``; returns those taken back.

        With ``entity`` (the one shown there) a correction made on another
        mention for every mention of a key (``scope="key"``) that gave
        ``entity`` its type and key is taken back too, and so is one that
        marked every occurrence of this text (``scope="text"``).
        """
        if self.store is None:
            return []
        corrections = self.corrections(article.id)
        found = touching(corrections, article.body, start, end)
        text = article.body[start:end]
        found += [
            c
            for c in corrections
            if c.scope == "text" and c.selector.exact == text and c not in found
        ]
        if entity is not None:
            found += [
                c
                for c in corrections
                if c.scope == "key"
                and not c.rejects
                and (c.type, c.key) == (entity.type, entity.key)
                and c not in found
            ]
        for correction in found:
            self.store.delete_correction(article.id, correction.id)
        return found

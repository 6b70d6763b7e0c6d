"""The workspace's entities: found once per text, stored in the index, corrected by hand.

The entity pass (``store.entities.corpus_pass``) recognises every article
of the corpus that has none stored yet, on every core; the reader asks for
one article's entities (stored, or recognised there and then); corrections
come from the annotation store and take the recogniser's place everywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from store.entities.cache import recogniser_signature
from store.entities.model import Entity
from store.files.jsonfile import StoreError
from store.files.workers import available_cores
from store.news.article import Article

if TYPE_CHECKING:
    from store.annotations.article_annotations import ArticleAnnotations
    from store.entities.corpus_pass import Job, PassReport
    from store.entities.service import EntityService
    from store.workspace import Workspace


class EntitiesOfWorkspace:
    """Entities of the open corpus (a part of :class:`~store.workspace.Workspace`)."""

    def speaker_candidates(self: Workspace, annotations: ArticleAnnotations) -> list[str]:
        """Names offered for a claim's speaker: this article's speakers, then its entities.

        Entity keys follow the speakers already used: people and
        organisations first, then places, each most mentioned first.
        """
        names = annotations.speakers()
        try:
            entities = self.entities.entities(annotations.article)
        except (StoreError, OSError, RuntimeError):
            return names
        counts = Counter((e.key, e.type) for e in entities if e.type in ("PER", "ORG", "LOC"))
        ranked = sorted(counts, key=lambda kt: (kt[1] == "LOC", -counts[kt], kt[0].casefold()))
        seen = set(names)
        for key, _kind in ranked:
            if key not in seen:
                seen.add(key)
                names.append(key)
        return names

    @property
    def entities(self: Workspace) -> EntityService:
        """Entities of articles: recognised (kept in the index) and corrected."""
        if self._entities is None:
            from store.entities.service import EntityService

            self._entities = EntityService(self.database, self.store)
        return self._entities

    def cached_entities(self: Workspace, article: Article) -> list[dict[str, Any]]:
        """``article``'s entities if they are at hand (stored), else none: never slow."""
        found = self.entities.cached(article)
        return [entity.to_dict() for entity in found] if found is not None else []

    @staticmethod
    def entities_in_text(text: str) -> list[dict[str, Any]]:
        """The recogniser's entities in a short text (a speaker's name)."""
        from store.entities.recognise import recognise

        return [entity.to_dict() for entity in recognise(text)]

    def entities_for(self: Workspace, article: Article) -> list[dict[str, Any]]:
        """``article``'s entities as plain data (exports)."""
        return [entity.to_dict() for entity in self.entities.entities(article)]

    def entity_jobs(self: Workspace) -> list[Job]:
        """The corpus's articles whose text has no entities stored yet, newest first."""
        where, params = self.catalog.where()
        with self.database.connection() as connection:
            rows = connection.execute(
                "SELECT f.path, a.position, a.sha256 FROM articles a JOIN files f ON f.id = a.file "
                f"WHERE {where} AND NOT EXISTS (SELECT 1 FROM entity_results r "
                "WHERE r.sha256 = a.sha256 AND r.signature = ?) ORDER BY a.date_key DESC, f.path",
                [*params, recogniser_signature()],
            ).fetchall()
        from store.entities.corpus_pass import Job

        return [Job(*row) for row in rows]

    def recognise_corpus(
        self: Workspace,
        *,
        progress: Callable[[int, int], None] | None = None,
        stop: Callable[[], bool] = lambda: False,
        pause: Callable[[], None] = lambda: None,
        workers: int | None = None,
        niceness: int = 0,
    ) -> PassReport:
        """Find and store the entities of every article that has none yet, on every core.

        Then the articles the user corrected are read again, so that their
        corrections count in the index (``EntityIndex.correct``).
        """
        from store.entities.corpus_pass import recognise_corpus

        service = self.entities
        report = recognise_corpus(
            service.cache,
            self.entity_jobs(),
            workers=available_cores() if workers is None else workers,
            niceness=niceness,
            progress=progress,
            stop=stop,
            pause=pause,
        )
        if not stop():
            self._read_corrections(stop)
            self.entity_index.complete = report.complete and not stop()
        return report

    def _read_corrections(self: Workspace, stop: Callable[[], bool]) -> None:
        service = self.entities
        for article_id in self.store.article_ids():
            if stop():
                return
            try:
                if not service.corrections(article_id):
                    continue
            except StoreError:
                continue
            article = self.corpus.get(article_id, keep=False)
            if article is not None:
                auto = service.auto(article)
                self.entity_index.correct(article_id, auto, service.entities(article))

    def entities_changed(self: Workspace, article_id: str, entities: list[Entity]) -> None:
        """The reader found or corrected ``article_id``'s entities: keep the index in step."""
        article = self.corpus.get(article_id)
        if article is None:
            return
        auto = self.entities.cache.in_memory(article) or self.entities.cache.get(article)
        if auto is not None:
            self.entity_index.correct(article_id, auto, entities)

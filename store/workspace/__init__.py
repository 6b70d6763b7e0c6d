"""A workspace: one data folder used by one user, the only door to the domain.

The app and every command reach articles, annotations, entities, queries,
exports and imports through a :class:`Workspace`, so that the same words
mean the same thing everywhere: ``status:false`` in the library, in the
export dialog, in ``sorot list --where`` and in ``sorot export --status
false`` is one :class:`~store.query.Query`, evaluated by one rule
(``Query.select_article``; in the corpus index, the same rule as SQL)::

    workspace = Workspace(data_dir)                  # settings, user, stores
    workspace.open_corpus([Path("news/")])           # at once: what the index holds
    workspace.refresh()                              # the index brought up to date
    query = workspace.query("status:false tentara")  # QueryError on a typo
    numbers = workspace.rows(query)                  # the library's rows, in order
    for article, annotations in workspace.select(query):
        ...

What it holds: the user's settings, the annotation store, saved sets,
reading state and drafts, the corpus index (``<data>/index/``: articles,
their full text, the entities found in them) and, once a corpus is open,
its catalog. Nothing here knows about a screen, and nothing here holds the
whole corpus in memory: only the annotated articles' annotations.

The interface is deliberately narrow (open, refresh, rows, row data,
search, select, article): a team that outgrows one server would implement
the same calls over PostgreSQL (README, "Past one server").
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.annotations.annotation import Annotation
from store.annotations.changes import described
from store.annotations.drafts import Drafts
from store.annotations.store import AnnotationStore
from store.annotations.watching import watch_annotations
from store.claims.groups import GroupStore
from store.entities.cache import SCHEMA as ENTITY_SCHEMA
from store.entities.index import EntityIndex, forget_gone_texts
from store.files.database import Database, DatabaseUnreadable
from store.files.jsonfile import StoreError
from store.files.settings import Settings, load_settings, save_setting, settings_path
from store.library.catalog import Catalog, Row, counts_of
from store.library.corpus import Corpus
from store.library.indexer import Indexer, IndexReport
from store.library.readstate import ReadingLog
from store.library.rescrapes import Moved, follow_rescrapes
from store.library.schema import SCHEMA as CORPUS_SCHEMA
from store.library.sentence_schema import SCHEMA as SENTENCE_SCHEMA
from store.news.article import Article
from store.news.sources import bundled_corpus
from store.query import Query, QueryError, SavedSet, SetStore, Vocabulary, parse_query
from store.workspace.claims import ClaimsOfWorkspace
from store.workspace.entities import EntitiesOfWorkspace
from store.workspace.queries import QueriesOfWorkspace

if TYPE_CHECKING:
    from store.annotations.article_annotations import ArticleAnnotations
    from store.annotations.history import History
    from store.entities.service import EntityService
    from store.exchange.importers import EntityMark
    from store.exchange.importers.labels import LabelMap
    from store.exchange.importing import ImportReport
    from store.news.loading import LoadResult

SCHEMAS = (CORPUS_SCHEMA, ENTITY_SCHEMA, SENTENCE_SCHEMA)
"""Every table of the index file: the corpus's, the entities', the desk's sentences."""


def index_path(data_dir: Path) -> Path:
    """The index file of ``data_dir``; its name changes with its tables (old ones are left)."""
    layout = hashlib.sha256("".join(SCHEMAS).encode()).hexdigest()[:8]
    return data_dir / "index" / f"corpus-{layout}.sqlite"


class Workspace(QueriesOfWorkspace, EntitiesOfWorkspace, ClaimsOfWorkspace):
    """One data folder as one user sees it: settings, stores, and the open corpus."""

    def __init__(
        self,
        data_dir: Path,
        user: str | None = None,
        *,
        settings_file: Path | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.settings_file = settings_file or settings_path()
        """The user's ``config.toml`` (read at start; the theme chosen is written back)."""
        settings, self.settings_problem = load_settings(self.settings_file)
        if user:
            # An explicit user (tests, --user) wins over the configured annotator.
            settings = replace(settings, annotator=user)
        self.settings: Settings = settings
        """The user's settings (``config.toml``); ``settings_problem`` says why one was not used."""
        self.user = settings.annotator
        self.vocabulary = Vocabulary(settings.statuses, settings.claim_types)
        """The claim statuses and types a query can name."""
        self.store = AnnotationStore(data_dir)
        self.groups = GroupStore(data_dir)
        """Claim groups: one claim stated by several articles, with one verdict."""
        self.sets = SetStore(data_dir, self.vocabulary)
        self.reading = ReadingLog(data_dir, self.user)
        self.drafts = Drafts(data_dir, self.user)
        self.database = Database(index_path(data_dir), SCHEMAS, what="corpus index")
        """The index file (opened on first use; set aside and rebuilt when unreadable)."""
        self.indexer = Indexer(self.database)
        self.paths: list[Path] = []
        """The corpus's files and folders (the bundled corpus by default)."""
        self.catalog = Catalog(self.database)
        """The library's rows over the open corpus (empty until :meth:`open_corpus`)."""
        self.corpus = Corpus(self.catalog)
        """The open corpus: ids in the index, articles parsed from their files when asked for."""
        self._annotated: dict[str, list[Annotation]] | None = None
        self._counts: dict[str, Counter[str]] = {}
        self._entities: EntityService | None = None
        self.entity_index = EntityIndex(self.database)
        """Entity key → articles, over the entities stored in the index."""
        self._histories: dict[str, History] = {}
        self.moves: list[Moved] = []
        """Annotations that followed re-scraped articles at the last refresh of the index."""
        self._desk = None

    def take_problems(self) -> list[str]:
        """Sentences about store or index files set aside since last asked (each said once)."""
        problems = list(self.store.problems) + list(self.database.problems)
        self.store.problems.clear()
        self.database.problems.clear()
        return problems

    # -- the corpus ------------------------------------------------------------------

    def open_corpus(self, paths: Sequence[Path] = ()) -> Corpus:
        """Open the corpus of ``paths`` as the index last saw it (at once, whatever its size).

        :meth:`refresh` brings the index up to date with the files. Each
        annotated article's annotations are read when first needed (for the
        library's counts and queries); a store that cannot be read is
        reported in :meth:`take_problems`.
        """
        self.paths = list(paths) or [bundled_corpus()]
        self.catalog = Catalog(self.database, self.paths)
        self.corpus = Corpus(self.catalog)
        self._annotated = None
        return self.corpus

    def refresh(self, *, quick: bool = False, **options: Any) -> IndexReport:
        """Bring the index up to date with the corpus's files (only what changed is read).

        ``options`` are ``Indexer.refresh``'s (``files``, ``wait``, ``progress``,
        ``batch_done``, ``stop``, ``workers``, ``niceness``). A corrupt index
        found on the way is set aside and built again (said in
        :meth:`take_problems`).
        """
        try:
            report = self.indexer.refresh(self.paths, quick=quick, **options)
        except DatabaseUnreadable as error:
            self.database.reset(str(error))
            report = self.indexer.refresh(self.paths, **options)
        self.catalog.narrow()
        self.corpus.walk_problems = report.problems
        if report.touched:
            self.forget_desk()  # its sentences are of the articles as they were
            self.corpus.forget_files()  # a file kept parsed may be one that changed
        if (report.articles_removed or report.rebuilt) and not report.busy:
            # Entities of texts no article has any more would count in "also in N articles"
            # (a scan of every result: 0.13 s at 100,000, for nothing when articles only came).
            with contextlib.suppress(DatabaseUnreadable):
                forget_gone_texts(self.database)
        if report.touched and not report.busy:
            # An annotated article whose text changed has a new id: its work follows it.
            self.moves = self.follow_rescrapes()
            if self.moves:
                self._annotated = None
        return report

    def follow_rescrapes(self) -> list[Moved]:
        """Move the annotations of articles gone from the corpus to their new versions."""
        return follow_rescrapes(self.store, self.corpus, self.catalog)

    @property
    def annotated(self) -> dict[str, list[Annotation]]:
        """Each annotated article's annotations (read on first use), for counts and queries."""
        if self._annotated is None:
            self._read_annotations()
        assert self._annotated is not None
        return self._annotated

    @property
    def counts(self) -> dict[str, Counter[str]]:
        """Annotation counts per annotated article id (the library's Claims column)."""
        if self._annotated is None:
            self._read_annotations()
        return self._counts

    def _read_annotations(self) -> None:
        found: dict[str, list[Annotation]] = {}
        try:
            for article_id in self.store.article_ids():
                annotations = self.store.annotations(article_id)
                if annotations:
                    found[article_id] = annotations
        except StoreError as error:
            self.store.problems.append(str(error))
        self._annotated = found
        self._counts = {key: counts_of(value) for key, value in found.items()}

    def article(self, article_id: str) -> Article | None:
        """An article of the open corpus, parsed from its file (``None`` when it is gone)."""
        return self.corpus.get(article_id)

    def title_of(self, article_id: str) -> str:
        """The title of ``article_id`` as the library shows it."""
        row = self.corpus.row(article_id)
        return row.title if row is not None else article_id

    def count(self) -> int:
        """How many articles the open corpus lists."""
        return self.catalog.count()

    def titles(self, words: Sequence[str], limit: int = 200) -> list[Row]:
        """Articles whose title holds every one of ``words``, newest first (the palette)."""
        return self.catalog.titled(words, limit)

    @staticmethod
    def load(paths: Sequence[Path] = ()) -> LoadResult:
        """Every article in ``paths`` parsed, problems collected (``sorot import --corpus``)."""
        from store.news.loading import load_paths

        return load_paths(list(paths) or [bundled_corpus()])

    # -- queries ---------------------------------------------------------------------

    def query(self, text: str = "", *, set_name: str | None = None) -> Query:
        """The query ``text`` says, narrowing the saved set ``set_name`` when one is named.

        ``QueryError`` (one sentence) when a word cannot be read; ``StoreError``
        when the set does not exist or the sets file cannot be read.
        """
        query = parse_query(text, self.vocabulary)
        if set_name is None:
            return query
        return self.saved_set(set_name).query.narrowed(query)

    def saved_set(self, name: str) -> SavedSet:
        """The saved set ``name`` (``StoreError`` when there is none)."""
        return self.sets.get(name)

    # -- annotations ---------------------------------------------------------------

    def annotations_of(self, article: Article) -> ArticleAnnotations:
        """``article``'s annotations as the reader edits them, with this session's undo history."""
        from store.annotations.article_annotations import ArticleAnnotations
        from store.annotations.history import History

        history = self._histories.setdefault(
            article.id, History(self.store, article, user=self.user)
        )
        return ArticleAnnotations(article, self.store, history, self.user, known_ids=self.corpus)

    def annotations_changed(self, article_id: str) -> None:
        """Read ``article_id``'s annotations again for the library (after a change)."""
        with contextlib.suppress(StoreError):
            self._keep_annotations(article_id, self.store.annotations(article_id))

    def _keep_annotations(self, article_id: str, annotations: list[Annotation]) -> None:
        """Hold ``annotations`` as ``article_id``'s for the library's counts and queries."""
        if annotations:
            self.annotated[article_id] = annotations
            self.counts[article_id] = counts_of(annotations)
        else:
            self.annotated.pop(article_id, None)
            self.counts.pop(article_id, None)

    def reread(self, article_ids: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        """Read these articles' annotations again (a colleague saved); what others changed.

        Returns, for each article where someone else changed something, the
        changes in words (``("rina", "added a claim")``); the library's counts
        and queries follow every change.
        """
        found: dict[str, list[tuple[str, str]]] = {}
        for article_id in article_ids:
            before = self.annotated.get(article_id, [])
            try:
                after = self.store.annotations(article_id)
            except StoreError as error:
                self.store.problems.append(str(error))
                continue
            self._keep_annotations(article_id, after)
            changes = described(before, after, self.user)
            if changes:
                found[article_id] = changes
        return found

    def tags_in_use(self) -> list[str]:
        """Every tag on the corpus's annotations, most used first (the claim form completes
        them)."""
        counts = Counter(tag for items in self.annotated.values() for a in items for tag in a.tags)
        return sorted(counts, key=lambda tag: (-counts[tag], tag.casefold()))

    def watch(self, stop: threading.Event, changed: Callable[[set[str]], None]) -> None:
        """Call ``changed(article ids)`` when annotation files change on disk, until ``stop``."""
        watch_annotations(self.data_dir, stop, changed)

    def watch_corpus(self, stop: threading.Event, changed: Callable[[set[str]], None]) -> None:
        """Call ``changed(paths)`` when the corpus's article files change, until ``stop``.

        ``refresh(files=paths)`` then looks at those files alone.
        """
        from store.library.corpus_watch import watch_corpus

        watch_corpus(self.paths, stop, changed)

    # -- reading state ---------------------------------------------------------------

    def read_ids(self) -> set[str]:
        """Ids of the articles this user has read (``StoreError`` when unreadable)."""
        return self.reading.all_read()

    def unread(self, read: set[str]) -> int:
        """How many articles of the corpus are not among ``read``."""
        total = self.count()
        return total - len(self.catalog.ids_of(read)) if read else total

    def position(self, article: Article) -> int:
        """Where this user left ``article`` (0 when its text changed since)."""
        return self.reading.position(article.id, article.sha256)

    def opened(self, article_id: str, sha256: str) -> None:
        """Record that this user opened the article (its text version ``sha256``): it is read."""
        self.reading.opened(article_id, sha256)

    def left(self, article: Article, cursor: int) -> None:
        """Record where this user's cursor was in ``article``."""
        self.reading.left(article.id, article.sha256, cursor)

    def set_read(self, article_id: str, read: bool) -> None:
        """Mark ``article_id`` read or unread for this user."""
        self.reading.set_read(article_id, read)

    # -- importing -------------------------------------------------------------------

    def last_read(self) -> str | None:
        """The article this user opened last, if it is in the open corpus (the library's row)."""
        article_id = self.reading.last_opened()
        return article_id if article_id is not None and article_id in self.corpus else None

    def draft_ids(self) -> set[str]:
        """Articles where this user left a claim or note unsaved (``StoreError``: unreadable)."""
        return self.drafts.article_ids()

    def save_theme(self, theme: str) -> None:
        """Keep ``theme`` in the user's config file for the next start (``StoreError``)."""
        save_setting(self.settings_file, "theme", theme)
        self.settings = replace(self.settings, theme=theme)

    # -- importing -------------------------------------------------------------------

    def import_file(
        self,
        path: Path,
        corpus: Sequence[Article] = (),
        labels: LabelMap | None = None,
    ) -> ImportReport:
        """Merge the records in ``path`` (``ImportFailed`` when it cannot be read).

        ``corpus`` matches other tools' annotations to articles and places
        them; ``labels`` says what their labels become. Entity spans are kept
        as this user's entities (an ``add`` correction, once per span and type).
        """
        from store.exchange.importing import import_file

        by_id = {article.id: article for article in corpus}

        def keep_entity(mark: EntityMark) -> str:
            article = by_id[mark.article_id]
            start, end = mark.selector.start, mark.selector.end
            while start < end and article.body[start].isspace():  # as a correction keeps it
                start += 1
            while end > start and article.body[end - 1].isspace():
                end -= 1
            for correction in self.entities.corrections(article.id):
                span = correction.selector
                if (span.start, span.end, correction.type) == (start, end, mark.type):
                    return "unchanged"
            who = mark.annotator or self.user
            self.entities.correct(article, start, end, "add", annotator=who, type=mark.type)
            return "added"

        return import_file(
            path,
            self.store,
            articles=corpus,
            labels=labels,
            annotator=self.user,
            keep_entity=keep_entity,
        )


__all__ = ["QueryError", "Workspace"]

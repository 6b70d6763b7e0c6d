"""The workspace's verification desk: related passages, claim groups, the claims board.

The desk (:mod:`store.claims`) is given the open corpus as plain functions:
its articles come from the corpus index (each file parsed once per pass,
none kept in memory), the board's outlets and dates from the index's rows,
and a query's free words are answered by the index's full text, as in the
library. Claim groups live in their own files beside the annotations.

The desk's modules load on its first use, not with the workspace: opening
the library needs none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from store.files.jsonfile import StoreError
from store.news.article import Article
from store.query import Query

if TYPE_CHECKING:
    from store.annotations.annotation import Annotation
    from store.claims.board import BoardItem
    from store.claims.desk import Desk
    from store.claims.linking import Linker
    from store.library.corpus import Corpus
    from store.workspace import Workspace


class ClaimsOfWorkspace:
    """Claims across articles (a part of :class:`~store.workspace.Workspace`)."""

    _desk: tuple[Corpus, Desk] | None

    @property
    def desk(self: Workspace) -> Desk:
        """Related passages over the open corpus (its sentences read on first use)."""
        corpus = self.corpus
        if self._desk is None or self._desk[0] is not corpus:
            from store.claims.desk import Desk
            from store.library.sentences import SentenceIndex

            def articles() -> Iterator[Article]:
                # One pass over the index's ids, each file parsed once and not kept.
                return corpus.articles(list(corpus))

            # Candidates are the index's sentences (by their rare terms), caught up with
            # the index on use. Entity keys are left out: on the seed gold they did not
            # measurably help (make eval-claims), and the recogniser would run over every
            # article.
            source = SentenceIndex(self.database, corpus.articles)
            desk = Desk(
                articles, corpus.get, source=source, read=corpus.articles, people=self.people_of
            )
            self._desk = (corpus, desk)
        return self._desk[1]

    def people_of(self: Workspace, article: Article) -> list[tuple[int, int, str]]:
        """``article``'s people as ``(start, end, key)``: stored, else recognised now.

        The desk asks for the passage's article and the few it shows (their
        entities are mostly stored by the entity pass); corrections count.
        """
        try:
            entities = self.entities.entities(article)
        except (StoreError, OSError):
            return []  # people are a help to the desk: its words still compare
        return [(e.start, e.end, e.key) for e in entities if e.type == "PER"]

    def catch_up_desk(
        self: Workspace,
        *,
        progress: Callable[[int, int], None] | None = None,
        stop: Callable[[], bool] = lambda: False,
        pause: Callable[[], None] = lambda: None,
        niceness: int = 0,
    ) -> int:
        """Read the sentences of the articles the desk has not seen yet; how many sentences.

        Run after the entity pass (the app's background, ``sorot index``), so
        that the first related passages asked for wait for nothing: at 100,000
        articles, catching up on that first ask took a quarter of an hour.
        """
        from store.library.sentences import SentenceIndex

        source = self.desk.source
        if not isinstance(source, SentenceIndex):
            return 0
        return source.update(stop, niceness=niceness, pause=pause, progress=progress)

    def forget_desk(self: Workspace) -> None:
        """Build the desk's candidates again on next use (the index's articles changed)."""
        self._desk = None

    @property
    def linker(self: Workspace) -> Linker:
        """Links passages into claim groups, through each article's undoable annotations."""
        from store.claims.linking import Linker

        settings = self.settings
        return Linker(
            self.groups,
            self.annotations_of,
            self.user,
            settings.claim_types[0],
            settings.statuses[0],
            self.annotations_changed,
        )

    def board(
        self: Workspace, query: Query | None = None, sort: str = "updated"
    ) -> list[BoardItem]:
        """Every claim group and lone claim of the open corpus ``query`` selects."""
        from store.claims.board import ArticleFacts, board
        from store.claims.figures import article_day
        from store.entities.keys import pattern_matches

        query = query or Query()
        annotated = self.annotated
        with_claims = [i for i, items in annotated.items() if any(a.kind == "claim" for a in items)]
        numbers = self.catalog.ids_of(with_claims)
        rows = {row.id: row for row in self.catalog.rows(numbers).values()}
        # Free words are the index's full text, as in the library (one query for all).
        matching = self.catalog.matching(query.words, rows) if query.words else set(rows)

        def facts(article_id: str) -> ArticleFacts | None:
            row = rows.get(article_id)
            if row is None:
                return None  # not in the open corpus
            article = self.corpus.get(article_id, keep=False) if row.date else None
            return ArticleFacts(
                row.outlet, row.date, article_day(article), lambda: article_id in matching
            )

        groups = self.groups.all()
        self.store.problems.extend(self.groups.problems)
        self.groups.problems.clear()
        return board(
            {i: annotated[i] for i in with_claims},
            groups,
            facts,
            query,
            sort,
            lambda article_id: self.entity_index.keys_of(article_id),
            pattern_matches,
        )

    def find_article(self: Workspace, wanted: str) -> Article | str:
        """The open corpus's article ``wanted`` (an id or a unique start of one), or why not."""
        found = self.catalog.ids_starting(wanted)
        if len(found) == 1:
            article = self.corpus.get(found[0])
            if article is not None:
                return article
            return f"the article {found[0]!r} can no longer be read"
        if not found:
            return f"no article with id {wanted!r} (`sorot list` shows the ids)"
        names = ", ".join(found[:5]) + ("…" if len(found) > 5 else "")
        return f"{wanted!r} matches several articles ({names}); give more of the id"

    def group_members(self: Workspace, group_id: str) -> list[tuple[Article, Annotation]]:
        """Every claim of the open corpus in claim group ``group_id``, with its article."""
        found: list[tuple[Article, Annotation]] = []
        claims_of = {
            article_id: [a for a in items if a.kind == "claim" and a.group == group_id]
            for article_id, items in self.annotated.items()
        }
        claims_of = {i: claims for i, claims in claims_of.items() if claims}
        for article in self.corpus.articles(claims_of):
            found.extend((article, claim) for claim in claims_of[article.id])
        return found

"""The desk over one corpus: related passages with candidates built once, on first use.

The workspace holds one :class:`Desk` per open corpus and gives it the
corpus as plain functions (every article; one article by id; an article's
names with their entity keys), so this room needs neither the library nor
the entity recogniser (an article's people, when given, come as a function
too). The candidate source is chosen here: a scan of the
corpus's sentences (:class:`~store.claims.candidates.SentenceScan`), or one
the caller passes (the workspace passes the corpus index's sentences,
``store.library.sentences``, and reads the shown articles many at a time).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from store.claims.candidates import CandidateSource, SentenceScan, SentenceSource
from store.claims.participants import People
from store.claims.related import Names, ReadMany, Related, RelatedFinder
from store.claims.similarity import DEFAULT_THRESHOLD
from store.claims.suggestions import Suggestion, suggestions
from store.news.article import Article


class Desk:
    """Related passages over one corpus."""

    def __init__(
        self,
        articles: Callable[[], Iterable[Article]],
        article: Callable[[str], Article | None],
        names: Names | None = None,
        source: CandidateSource | None = None,
        read: ReadMany | None = None,
        people: People | None = None,
    ) -> None:
        self._article = article
        self.source: CandidateSource = source or SentenceScan(articles, names)
        self.finder = RelatedFinder(self.source, article, names, read, people)

    def related(
        self,
        article: Article,
        start: int,
        end: int,
        *,
        limit: int = 10,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> list[Related]:
        """Passages of other articles stating the claim of ``article.body[start:end]``."""
        return self.finder.related(article, start, end, limit=limit, threshold=threshold)

    def suggestions(
        self,
        claimed: Callable[[str, int, int], bool],
        stop: Callable[[], bool] = lambda: False,
    ) -> list[Suggestion]:
        """Checkable sentences several articles share that no claim covers yet."""
        if not isinstance(self.source, SentenceSource):
            return []  # a source that cannot list its sentences suggests nothing
        return suggestions(self.source, self.finder, self._article, claimed, stop)

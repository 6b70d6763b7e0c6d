"""The workspace's queries: what a query selects in the open corpus, one rule everywhere.

The library's rows, ``sorot list --where``, ``sorot search`` and exports
all come down to ``Query.select_article``; over the corpus index it is one
SQL statement (the index answers free words by full text, the annotations
and entities come in as conditions), for an article in hand it is the
same rule in Python, asking the index for its words.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from store.entities.keys import pattern_matches
from store.library.catalog import Condition, Row
from store.library.fulltext import Snippet
from store.library.search import Hit, SearchResult, hits_of, snippet_of
from store.news.article import Article
from store.query import Query
from store.query.words import searched_fields

if TYPE_CHECKING:
    from store.exchange import ExportOptions, Item
    from store.workspace import Workspace


class QueriesOfWorkspace:
    """What queries select in the open corpus (a part of :class:`~store.workspace.Workspace`)."""

    def conditions(self: Workspace, query: Query) -> list[Condition]:
        """What the index cannot know of ``query`` (annotations, entities), as SQL conditions."""
        conditions = []
        if query.annotation_words or query.has or query.lacks:
            passing = [i for i, marks in self.annotated.items() if query.choose(marks) is not None]
            if query.choose(()) is None:  # only annotated articles can pass
                conditions.append(
                    Condition("a.id IN (SELECT value FROM json_each(?))", (json.dumps(passing),))
                )
            else:
                failing = sorted(set(self.annotated) - set(passing))
                conditions.append(
                    Condition(
                        "a.id NOT IN (SELECT value FROM json_each(?))", (json.dumps(failing),)
                    )
                )
        for group in query.entities:
            conditions.append(Condition(*self.entity_index.condition(group)))
        return conditions

    def rows(
        self: Workspace,
        query: Query,
        sort: str = "date",
        reverse: bool = False,
        limit: int | None = None,
    ) -> array:
        """The numbers of the articles ``query`` selects in the open corpus, in order
        (the first ``limit`` of them, if given)."""
        claims = None
        if sort == "claims":
            claims = {i: c["claim"] for i, c in self.counts.items() if c.get("claim")}
        return self.catalog.select(
            query.words,
            articles=query.articles,
            conditions=self.conditions(query),
            sort=sort,
            reverse=reverse,
            claims=claims,
            limit=limit,
        )

    def row_data(self: Workspace, numbers: Iterable[int]) -> dict[int, Row]:
        """The library's rows of ``numbers`` (those still in the index)."""
        return self.catalog.rows(numbers)

    def metadata(self: Workspace, numbers: Sequence[int]) -> list[dict[str, Any]]:
        """Every parsed field but the body of those articles (``sorot list --json``)."""
        return self.catalog.metadata(numbers)

    def search(self: Workspace, query: Query, limit: int | None = 20) -> SearchResult:
        """The articles ``query`` selects, best match of its words first, with their sentence."""
        conditions = self.conditions(query)
        if not query.words:
            numbers = self.catalog.select(articles=query.articles, conditions=conditions)
            first = numbers[:limit] if limit else numbers
            rows = self.catalog.rows(first)
            shown = [rows[n] for n in first if n in rows]
            return SearchResult(len(numbers), [Hit(row, 0.0, None) for row in shown])
        total = self.catalog.count(conditions, words=query.words, articles=query.articles)
        scored = self.catalog.scored(
            query.words, articles=query.articles, conditions=conditions, limit=limit
        )
        rows = self.catalog.rows(s.number for s in scored)
        return SearchResult(total, hits_of(scored, rows, self.corpus, query.words))

    def snippet(self: Workspace, article_id: str, query: Query) -> Snippet | None:
        """The sentence of ``article_id`` best matching ``query``'s words (the library's line)."""
        if not query.words:
            return None
        article = self.corpus.get(article_id, keep=False)
        return snippet_of(article, query.words) if article is not None else None

    def _words_in(
        self: Workspace, query: Query, ids: Sequence[str] | None
    ) -> Callable[[Article], bool]:
        """How free words are tested on articles: the index's full text (one query for ``ids``).

        An article the index does not hold (added in memory) is tested on its
        own fields, with the same tokenizer.
        """
        if not query.words:
            return lambda article: True
        if ids is not None:
            matching = self.catalog.matching(query.words, ids)
            known = set(ids)
        else:
            matching, known = set(), set()

        def words_in(article: Article) -> bool:
            if article.id in matching:
                return True
            if article.id not in known:
                if self.catalog.row_of(article.id) is not None:
                    return bool(self.catalog.matching(query.words, [article.id]))
                return query.takes_fields(*searched_fields(article))
            return False

        return words_in

    def selects(self: Workspace, query: Query, article: Article) -> bool:
        """True when ``query`` selects ``article`` (the library's rule, one article at a time)."""
        annotations = (
            self.store.annotations(article.id, keep=False)
            if query.annotation_words or (query.has or query.lacks)
            else []
        )
        words_in = self._words_in(query, None)
        chosen = query.select_article(
            article.id,
            lambda: words_in(article),
            annotations,
            lambda: {e.key for e in self.entities.entities(article)},
            pattern_matches,
        )
        return chosen is not None

    def select(
        self: Workspace,
        query: Query,
        articles: Iterable[Article] | None = None,
        *,
        with_entities: bool = False,
    ) -> Iterator[Item]:
        """Each article ``query`` selects for an export, with its chosen annotations.

        ``articles`` defaults to the open corpus: only its annotated articles
        (and those with entity corrections) are parsed, each file once, unless
        the query takes every article (``kind:entity``).
        """
        ids: list[str] | None = None
        if articles is None:
            if query.lists_all_articles:
                ids = [i for i in self.corpus if query.takes_article_id(i)]
            else:
                stored = [i for i in self.store.article_ids() if query.takes_article_id(i)]
                in_corpus = set(self.catalog.ids_of(stored).values())
                ids = [i for i in stored if i in in_corpus or i in self.corpus]
            articles = self.corpus.articles(ids)
        from store.exchange import select  # the export machinery loads only for an export

        wanted = with_entities or bool(query.entities)
        return select(
            articles,
            self.store,
            query,
            entities_for=self.entities_for if wanted else None,
            key_matcher=pattern_matches,
            words_in=self._words_in(query, ids),
            corrected=lambda article_id: bool(self.store.corrections(article_id)),
        )

    def export_options(
        self: Workspace,
        query: Query,
        *,
        with_text: bool = False,
        with_entities: bool = False,
        set_name: str | None = None,
        bom: bool = True,
    ) -> ExportOptions:
        """What an export of ``query`` writes besides annotations (``kind:entity``: entities).

        The ClaimReview settings come from ``config.toml``; the entities that
        type a claim's speaker are found only when a format asks for them.
        """
        from store.exchange import ExportOptions
        from store.exchange.groups import GroupSource

        wanted = with_entities or "entity" in query.kinds
        return ExportOptions(
            with_text=with_text,
            entities_for=self.entities_for if wanted else None,
            key_matcher=pattern_matches,
            corrections_for=self.store.corrections,
            set_name=set_name,
            bom=bom,
            review=self.settings.review,
            known_entities=self.cached_entities,
            entities_in_text=self.entities_in_text,
            groups=GroupSource(self.groups.get, self.group_members),
        )

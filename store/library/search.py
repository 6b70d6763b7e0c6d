"""Search results: the best matches of a query's words, each with the sentence it was found in.

The index ranks (``Catalog.scored``: BM25 over title, body and outlet);
here each hit gets its article's row and the sentence of its body holding
most of the words (``fulltext.best_sentence``), with the offsets of the
sentence and of each word in it, so a reader can go straight there. Only the
hits shown are parsed, each file once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from store.library.catalog import Row, Scored
from store.library.corpus import Corpus
from store.library.fulltext import Snippet, best_sentence
from store.news.article import Article
from store.news.textunits import TextUnits


@dataclass(frozen=True)
class Hit:
    """One article a search found."""

    row: Row
    score: float
    """BM25, higher is better (only comparable within one search)."""
    snippet: Snippet | None
    """The sentence the words were found in (``None`` when only the title or outlet held them)."""

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form (``sorot search --json``)."""
        return {
            "id": self.row.id,
            "title": self.row.title,
            "outlet": self.row.outlet or None,
            "date": self.row.date or None,
            "score": float(f"{self.score:.4g}"),
            "sentence": self.snippet.to_dict() if self.snippet else None,
        }


@dataclass
class SearchResult:
    """The hits shown and how many articles matched in all."""

    total: int
    hits: list[Hit]


def snippet_of(article: Article, words: Sequence[str]) -> Snippet | None:
    """The sentence of ``article``'s own prose (boilerplate left out) best matching ``words``."""
    if not words:
        return None
    units = TextUnits(article.body)
    prose = [(s.start, s.end) for s in article.segments if not s.boilerplate]
    sentences = [
        (start, end)
        for start, end in units.sentences
        if any(a <= start and end <= b for a, b in prose)
    ]
    return best_sentence(words, article.body, sentences)


def hits_of(
    scored: Sequence[Scored], rows: dict[int, Row], corpus: Corpus, words: Sequence[str]
) -> list[Hit]:
    """``scored`` articles as hits, in order, each with its snippet."""
    shown = [s for s in scored if s.number in rows]
    by_id = {rows[s.number].id: s for s in shown}
    snippets = {article.id: snippet_of(article, words) for article in corpus.articles(list(by_id))}
    return [Hit(rows[s.number], s.score, snippets.get(rows[s.number].id)) for s in shown]

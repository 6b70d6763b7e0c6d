"""Where related passages come from: a narrow interface, and a scan of the open corpus.

A :class:`CandidateSource` answers one question: *which sentences of other
articles share words or entity keys with this passage, best first?* It
also says how rare a term is (its inverse document frequency over
sentences), which the re-ranking weighs words by. Two implementations fit:

- :class:`SentenceScan` (here): every sentence of the open corpus, split
  and turned into terms once, on first use, and kept in memory with an
  inverted index. Fine for the seeds and corpora of some thousands of
  articles; it reads each article once.
- :class:`store.library.sentences.SentenceIndex`: the corpus index's
  sentence rows, found by their rare terms in FTS5 (the workspace's source).

Boilerplate (teasers, captions, credits) is never a candidate.
"""

from __future__ import annotations

import math
import threading
from array import array
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol, runtime_checkable

from store.claims.figures import article_day
from store.claims.terms import key_term, terms
from store.news.article import Article
from store.news.textunits import TextUnits

MIN_TERMS = 3
"""Sentences with fewer content terms (``Baca juga``-like scraps, datelines) are no claims."""

COMMON_SHARE = 0.05
"""Terms in more than this share of sentences do not find candidates (they still score)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence of another article that may state the same claim."""

    article_id: str
    start: int
    end: int
    """Offsets in that article's body."""
    text: str
    """Its text; ``""`` from a source that keeps none (the finder reads the shown ones)."""
    score: float
    """How much it shares with the passage, by the source's own measure (higher is closer)."""
    keys: frozenset[str] = frozenset()
    """The entity key terms named in it (``key:kim jong un``), when known."""
    terms: frozenset[str] | None = None
    """Its terms (:func:`store.claims.terms.terms`), when the source has them at hand."""
    day: date | None = None
    """The day its article is dated (its relative dates resolve against it), when known."""
    units: frozenset[str] | None = None
    """The classes of things it counts, when the source keeps them (then ``dates`` too)."""
    dates: tuple[tuple[float, float], ...] = ()
    """Its resolved dates as day spans (:func:`store.claims.events.spans_of`), with ``units``."""


class CandidateSource(Protocol):
    """Sentences of other articles sharing words or entity keys with a passage, best first."""

    def candidates(
        self, text: str, keys: Collection[str], exclude: str, limit: int
    ) -> list[Candidate]:
        """Up to ``limit`` sentences outside article ``exclude`` sharing terms with ``text``.

        ``keys`` are the entity keys the passage names (possibly none).
        """
        ...

    def idf(self, term: str) -> float:
        """How rare ``term`` is among the source's sentences (higher is rarer)."""
        ...


@runtime_checkable
class SentenceSource(Protocol):
    """A candidate source that can also list every sentence it holds (board suggestions)."""

    def sentences(self) -> Iterable[tuple[str, int, int, str]]:
        """Every sentence as ``(article id, start, end, text)``."""
        ...


NamesOf = Callable[[Article], Iterable[tuple[int, int, str]]]
"""An article's names as ``(start, end, key)`` (people, organisations, places), if known."""


def content_sentences(article: Article) -> list[tuple[int, int]]:
    """The spans of ``article``'s sentences outside boilerplate."""
    spans = []
    units = TextUnits(article.body)
    segments = [s for s in article.segments if not s.boilerplate]
    index = 0
    for start, end in units.sentences:
        while index < len(segments) and segments[index].end <= start:
            index += 1
        if index < len(segments) and segments[index].start <= start < segments[index].end:
            spans.append((start, end))
    return spans


def keys_within(names: Iterable[tuple[int, int, str]], start: int, end: int) -> set[str]:
    """The keys of the names inside ``[start, end)``."""
    return {key for s, e, key in names if start <= s and e <= end}


class SentenceScan:
    """Every content sentence of a corpus, with an inverted index built on first use."""

    def __init__(
        self,
        articles: Callable[[], Iterable[Article]],
        names_of: NamesOf | None = None,
    ) -> None:
        self._articles = articles
        self._names_of = names_of
        self._lock = threading.Lock()
        self._built = False
        self.article_ids: list[str] = []
        self._days: list[date | None] = []
        self._sentence_article = array("I")
        self._starts = array("I")
        self._ends = array("I")
        self._texts: list[str] = []
        self._terms: list[frozenset[str]] = []
        self._postings: dict[str, array] = defaultdict(lambda: array("I"))
        self._df: dict[str, int] = {}
        self._idf: dict[str, float] = {}

    @property
    def size(self) -> int:
        """How many sentences are indexed (building the index if needed)."""
        self._build()
        return len(self._texts)

    def _build(self) -> None:
        with self._lock:
            if self._built:
                return
            for article in self._articles():
                self._add(article)
            self._df = {term: len(ids) for term, ids in self._postings.items()}
            self._built = True

    def _add(self, article: Article) -> None:
        names = list(self._names_of(article)) if self._names_of is not None else []
        number = len(self.article_ids)
        self.article_ids.append(article.id)
        self._days.append(article_day(article))
        body = article.body
        for start, end in content_sentences(article):
            text = body[start:end]
            found = terms(text, keys_within(names, start, end))
            if len(found) < MIN_TERMS:
                continue
            sentence = len(self._texts)
            self._sentence_article.append(number)
            self._starts.append(start)
            self._ends.append(end)
            self._texts.append(text)
            self._terms.append(found)
            for term in found:
                self._postings[term].append(sentence)

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency of ``term`` over the sentences."""
        # Asked thousands of times a query: a dictionary once the scan is built.
        found = self._idf.get(term)
        if found is None:
            self._build()
            total = len(self._texts) or 1
            found = self._idf[term] = math.log((total + 1) / (self._df.get(term, 0) + 0.5))
        return found

    def terms_of(self, sentence: int) -> frozenset[str]:
        """The terms of indexed sentence number ``sentence``."""
        return self._terms[sentence]

    def candidates(
        self, text: str, keys: Collection[str], exclude: str, limit: int
    ) -> list[Candidate]:
        """Sentences outside ``exclude`` scored by the summed rarity of the terms shared."""
        self._build()
        total = len(self._texts)
        if not total:
            return []
        wanted = terms(text, keys)
        common = max(20, int(total * COMMON_SHARE))
        scores: dict[int, float] = defaultdict(float)
        for term in wanted:
            postings = self._postings.get(term)
            if not postings or len(postings) > common:
                continue
            weight = self.idf(term)
            for sentence in postings:
                scores[sentence] += weight
        best = sorted(scores.items(), key=lambda item: -item[1])
        found: list[Candidate] = []
        for sentence, score in best:
            number = self._sentence_article[sentence]
            article_id = self.article_ids[number]
            if article_id == exclude:
                continue
            sentence_terms = self._terms[sentence]
            found.append(
                Candidate(
                    article_id,
                    self._starts[sentence],
                    self._ends[sentence],
                    self._texts[sentence],
                    score,
                    frozenset(t for t in sentence_terms if t.startswith("key:")),
                    sentence_terms,
                    self._days[number],
                )
            )
            if len(found) >= limit:
                break
        return found

    def sentences(self) -> Iterable[tuple[str, int, int, str]]:
        """Every indexed sentence as ``(article id, start, end, text)`` (for suggestions)."""
        self._build()
        for number, text in enumerate(self._texts):
            yield (
                self.article_ids[self._sentence_article[number]],
                self._starts[number],
                self._ends[number],
                text,
            )


__all__ = [
    "Candidate",
    "CandidateSource",
    "NamesOf",
    "SentenceScan",
    "SentenceSource",
    "content_sentences",
    "key_term",
    "keys_within",
]

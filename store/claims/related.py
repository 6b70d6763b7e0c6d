"""Related passages: where other articles state the claim of a passage, best first.

:class:`RelatedFinder` takes candidates from a
:class:`~store.claims.candidates.CandidateSource`, scores each by
:func:`store.claims.similarity.score`, and describes the ones that pass:
their article's outlet and date, their speaker (attribution: a passage two
people by name said, ``Kim`` here and ``Putin`` there, is held to another
claim, ``DIFFERENT_SPEAKERS``; so is one where a person of the passage is
replaced by another, ``Kim`` meeting ``Belousov`` against ``Belousov``
meeting ``No Kwang Chol``, ``OTHER_PEOPLE``), their figures
(dates resolved against their own article's date) and how those compare with
the passage's own (conflicts marked, with why).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from store.claims.attribution import NameSpan, different_people, speaker_of
from store.claims.candidates import Candidate, CandidateSource, keys_within
from store.claims.events import Span, spans_of
from store.claims.figure import Figure
from store.claims.figures import (
    Comparison,
    article_day,
    compare,
    counted_units,
    counts_in,
    find_figures,
)
from store.claims.participants import People, people_within, someone_else
from store.claims.similarity import (
    DEFAULT_THRESHOLD,
    DIFFERENT_SPEAKERS,
    OTHER_PEOPLE,
    RELATIVE,
    Profile,
    Scorer,
)
from store.claims.terms import name_terms, terms
from store.claims.when import dates
from store.news.article import Article
from store.query.words import shown_date

POOL = 60
"""Candidates re-ranked for one passage."""

PER_ARTICLE = 2
"""Passages shown from one other article at most (a claim is rarely stated more often)."""

Names = Callable[[Article], Iterable[tuple[int, int, str]]]
"""An article's people, organisations and places as ``(start, end, key)``."""

ReadMany = Callable[[Iterable[str]], Iterable[Article]]
"""The articles of some ids, each file read once (the corpus's ``articles``)."""


def candidate_profile(candidate: Candidate) -> Profile:
    """What a candidate is compared by: from its source's row, or from its text."""
    if candidate.units is not None and candidate.terms is not None:
        return Profile(candidate.terms, (), candidate.dates, candidate.day, candidate.units)
    found_terms = candidate.terms
    if found_terms is None:
        found_terms = terms(candidate.text) | candidate.keys
    # What is counted weighs in the score, and when: the dates' spans tell events apart.
    spans = tuple(spans_of(dates(candidate.text, candidate.day)))
    return Profile(found_terms, tuple(counts_in(candidate.text)), spans, candidate.day)


def compared(text: str, day: date | None) -> tuple[frozenset[str], tuple[Span, ...]]:
    """The classes ``text`` counts and its dates' day spans (what a source may keep)."""
    units = frozenset(counted_units(counts_in(text)))
    return units, tuple(spans_of(dates(text, day)))


@dataclass(frozen=True)
class PassageFacts:
    """What the desk says about one passage: its speaker and figures."""

    speaker: str | None
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Related:
    """A passage of another article stating the same claim."""

    article_id: str
    start: int
    end: int
    text: str
    score: float
    outlet: str | None = None
    published: str = ""
    """The article's date as the library shows it (``~2024-11-30`` when estimated)."""
    title: str = ""
    speaker: str | None = None
    figures: tuple[Figure, ...] = ()
    comparisons: tuple[Comparison, ...] = field(default=())

    @property
    def conflicts(self) -> list[Comparison]:
        """The comparisons where no value satisfies both passages."""
        return [c for c in self.comparisons if c.conflict]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``sorot related --json``)."""
        return {
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": round(self.score, 3),
            "outlet": self.outlet,
            "published": self.published or None,
            "title": self.title,
            "speaker": self.speaker,
            "figures": [f.to_dict() for f in self.figures],
            "comparisons": [c.to_dict() for c in self.comparisons],
            "conflict": bool(self.conflicts),
        }


class RelatedFinder:
    """Finds related passages over one candidate source."""

    def __init__(
        self,
        source: CandidateSource,
        article: Callable[[str], Article | None],
        names: Names | None = None,
        read: ReadMany | None = None,
        people: People | None = None,
    ) -> None:
        self.source = source
        self._article = article
        self._names = names
        self._read = read
        self._people = people

    def _articles_of(self, ids: list[str]) -> dict[str, Article]:
        """The articles of ``ids``, each file read once when the caller can read many."""
        if self._read is not None:
            return {a.id: a for a in self._read(dict.fromkeys(ids))}
        found = {}
        for article_id in dict.fromkeys(ids):
            other = self._article(article_id)
            if other is not None:
                found[article_id] = other
        return found

    def names_of(self, article: Article) -> list[tuple[int, int, str]]:
        """``article``'s names with their keys, when the caller can tell them."""
        if self._names is None:
            return []
        try:
            return list(self._names(article))
        except (OSError, RuntimeError, ValueError):
            return []  # names are a help: the words still compare

    def people_in(self, article: Article, start: int, end: int) -> frozenset[str]:
        """The people named in ``article.body[start:end]``, when the caller can tell them."""
        if self._people is None:
            return frozenset()
        try:
            return people_within(self._people(article), start, end)
        except (OSError, RuntimeError, ValueError):
            return frozenset()  # people are a help: the words still compare

    def facts(self, article: Article, start: int, end: int) -> PassageFacts:
        """The speaker and figures of ``article.body[start:end]``."""
        names = self.names_of(article)
        spans = [NameSpan(s, e, key) for s, e, key in names]
        text = article.body[start:end]
        return PassageFacts(
            speaker_of(article.body, start, end, spans),
            tuple(find_figures(text, article_day(article))),
        )

    def profile(self, article: Article, start: int, end: int) -> Profile:
        """What the passage is compared by."""
        text = article.body[start:end]
        keys = keys_within(self.names_of(article), start, end)
        day = article_day(article)
        figures = tuple(find_figures(text, day))
        names = name_terms(article.body, start, end)
        return Profile(terms(text, keys), figures, tuple(spans_of(figures)), day, names=names)

    def scored(
        self, article: Article, start: int, end: int, pool: int = POOL
    ) -> list[tuple[float, Candidate]]:
        """Every candidate of the passage with its score, best first (for evaluation)."""
        text = article.body[start:end]
        keys = keys_within(self.names_of(article), start, end)
        scorer = Scorer(self.profile(article, start, end), self.source.idf)
        found = []
        for candidate in self.source.candidates(text, keys, article.id, pool):
            found.append((scorer(candidate_profile(candidate)), candidate))
        found.sort(key=lambda item: -item[0])
        return found

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
        start, end = max(0, start), min(len(article.body), end)
        if end <= start:
            return []
        mine = find_figures(article.body[start:end], article_day(article))
        spans = [NameSpan(s, e, key) for s, e, key in self.names_of(article)]
        my_speaker = speaker_of(article.body, start, end, spans)
        my_people = self.people_in(article, start, end)
        chosen: list[tuple[float, Candidate]] = []
        per_article: dict[str, int] = {}
        scored = self.scored(article, start, end)
        bar = max(threshold, scored[0][0] * RELATIVE) if scored else threshold
        for value, candidate in scored:
            if value < bar or len(chosen) >= limit:
                break
            if per_article.get(candidate.article_id, 0) >= PER_ARTICLE:
                continue
            per_article[candidate.article_id] = per_article.get(candidate.article_id, 0) + 1
            chosen.append((value, candidate))
        others = self._articles_of([c.article_id for _, c in chosen])
        shown: list[Related] = []
        for value, candidate in chosen:
            other = others.get(candidate.article_id)
            if other is None:
                continue  # gone since it was indexed
            facts = self.facts(other, candidate.start, candidate.end)
            if different_people(my_speaker, facts.speaker):
                value *= DIFFERENT_SPEAKERS  # Kim said it here, Putin there: two claims
            if someone_else(my_people, self.people_in(other, candidate.start, candidate.end)):
                value *= OTHER_PEOPLE  # Kim met Belousov here, Belousov met No there
            if value < bar:
                continue
            shown.append(
                Related(
                    candidate.article_id,
                    candidate.start,
                    candidate.end,
                    other.body[candidate.start : candidate.end],
                    value,
                    other.outlet,
                    shown_date(other.published, other.published_status),
                    other.title,
                    facts.speaker,
                    facts.figures,
                    tuple(compare(mine, list(facts.figures))),
                )
            )
        shown.sort(key=lambda r: -r.score)  # a passage of other people may have moved down
        return shown

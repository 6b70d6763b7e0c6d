"""Suggestions for the board: statements several articles share that are no claims yet.

A sentence is worth checking when it states a figure (a count, a sum, a
percentage, a date) or is attributed to someone (``kata``, ``menurut``,
``said``…); it is worth checking *across outlets* when other articles state
it too. Each suggestion is one such sentence with its related passages,
most outlets first; a sentence already covered by a claim, or already
shown in an earlier suggestion, is not suggested again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from store.claims.attribution import speaker_in
from store.claims.candidates import SentenceSource
from store.claims.figures import find_figures
from store.claims.related import Related, RelatedFinder
from store.news.article import Article

LOOKED_AT = 400
"""Sentences with figures or speakers looked at, at most (the rest on a later look)."""

SHOWN = 30
"""Suggestions kept, at most."""


@dataclass(frozen=True)
class Suggestion:
    """A sentence of one article that other articles state too."""

    article_id: str
    start: int
    end: int
    text: str
    outlet: str
    reason: str
    """Why it is worth checking: its figures or its speaker."""
    related: tuple[Related, ...]

    @property
    def outlets(self) -> int:
        """How many articles state it (this one and the related ones)."""
        return 1 + len({r.article_id for r in self.related})


def _checkable(text: str) -> str:
    """Why a sentence is worth checking (``""`` when it is not)."""
    figures = [f for f in find_figures(text) if f.kind != "date" or f.unit == "day"]
    if figures:
        return "figures: " + "; ".join(f.describe() for f in figures[:3])
    speaker = speaker_in(text)
    if speaker is not None and len(speaker.name) > 2:
        return f"said by {speaker.name}"
    return ""


def suggestions(
    scan: SentenceSource,
    finder: RelatedFinder,
    article: Callable[[str], Article | None],
    claimed: Callable[[str, int, int], bool],
    stop: Callable[[], bool] = lambda: False,
) -> list[Suggestion]:
    """Shared, checkable sentences that are no claims yet, most outlets first.

    ``claimed(article_id, start, end)`` tells whether a claim covers a span.
    """
    found: list[Suggestion] = []
    seen: set[tuple[str, int]] = set()
    looked = 0
    sentences: Iterable[tuple[str, int, int, str]] = scan.sentences()
    for article_id, start, end, text in sentences:
        if stop() or looked >= LOOKED_AT:
            break
        if (article_id, start) in seen or claimed(article_id, start, end):
            continue
        reason = _checkable(text)
        if not reason:
            continue
        looked += 1
        source = article(article_id)
        if source is None:
            continue
        related = [
            r
            for r in finder.related(source, start, end, limit=6)
            if (r.article_id, r.start) not in seen and not claimed(r.article_id, r.start, r.end)
        ]
        if not related:
            continue
        seen.add((article_id, start))
        seen.update((r.article_id, r.start) for r in related)
        found.append(
            Suggestion(article_id, start, end, text, source.outlet or "", reason, tuple(related))
        )
    found.sort(key=lambda s: (-s.outlets, -max(r.score for r in s.related)))
    return found[:SHOWN]

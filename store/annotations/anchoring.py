"""Finding an annotated passage again after the article's text has changed.

Scraped articles get re-scraped: a word fixed here, a paragraph moved there.
An annotation keeps its offsets and its quote with some context (see
``Selector``); placing it in a new text tries, in order:

1. the old position, if the quote is still exactly there;
2. the exact quote elsewhere, the occurrence whose context and position fit best;
3. a fuzzy match: the stretch of text (within a run of up to three sentences)
   most like the quote, scored on the quote, the prefix, the suffix and how
   near it is to the old position.

A score under ``MIN_SCORE`` leaves the annotation orphaned: kept, listed,
never dropped, and placed again if the text comes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from store.annotations.annotation import Selector
from store.news.textunits import TextUnits

MIN_SCORE = 0.62
"""Below this a fuzzy match is not trusted and the annotation is orphaned."""

MAX_SENTENCE_RUN = 3
"""Candidate stretches span at most this many consecutive sentences."""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a selector landed in a new text, and how sure that is."""

    selector: Selector | None
    """The selector in the new text; ``None`` when orphaned."""
    score: float
    """1.0 for an exact hit at the old position, lower for fuzzier placements."""
    how: str
    """``position``, ``quote``, ``fuzzy`` or ``orphaned``."""


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _nearness(old: int, new: int, length: int) -> float:
    return 1.0 - min(1.0, abs(old - new) / max(1, length))


def _context_score(selector: Selector, text: str, start: int, end: int) -> float:
    prefix = text[max(0, start - len(selector.prefix)) : start]
    suffix = text[end : end + len(selector.suffix)]
    return (_similarity(selector.prefix, prefix) + _similarity(selector.suffix, suffix)) / 2


def _exact(selector: Selector, text: str) -> Placement | None:
    exact = selector.exact
    hits: list[int] = []
    at = text.find(exact)
    while at != -1 and len(hits) < 1000:
        hits.append(at)
        at = text.find(exact, at + 1)
    if not hits:
        return None
    best = max(
        hits,
        key=lambda h: (
            _context_score(selector, text, h, h + len(exact)),
            _nearness(selector.start, h, len(text)),
        ),
    )
    context = _context_score(selector, text, best, best + len(exact))
    return Placement(
        Selector.from_body(text, best, best + len(exact)), 0.9 + 0.1 * context, "quote"
    )


def _trimmed_span(quote: str, text: str, start: int, end: int) -> tuple[int, int]:
    """The part of ``text[start:end]`` between the first and last block it shares with quote."""
    blocks = [
        b
        for b in SequenceMatcher(None, text[start:end], quote, autojunk=False).get_matching_blocks()
        if b.size >= 3
    ]
    if not blocks:
        return start, end
    first, last = blocks[0], blocks[-1]
    new_start = start + first.a
    new_end = start + last.a + last.size
    # Widen to whole words: a passage cut mid-word reads as a mistake.
    while new_start > start and text[new_start - 1].isalnum():
        new_start -= 1
    while new_end < end and text[new_end].isalnum():
        new_end += 1
    return new_start, new_end


def _fuzzy(selector: Selector, text: str) -> Placement | None:
    quote = selector.exact
    sentences = TextUnits(text).sentences
    if not quote.strip() or not sentences:
        return None
    quote_words = set(quote.casefold().split())
    sentence_words = [set(text[s:e].casefold().split()) for s, e in sentences]
    best: tuple[float, int, int] | None = None
    for i in range(len(sentences)):
        words: set[str] = set()
        for run in range(MAX_SENTENCE_RUN):
            if i + run >= len(sentences):
                break
            start, end = sentences[i][0], sentences[i + run][1]
            if run and end - start > 3 * len(quote) + 40:
                break
            words |= sentence_words[i + run]
            # Most stretches share few words with the quote: skip them cheaply.
            if len(quote_words & words) < 0.4 * len(quote_words):
                continue
            s, e = _trimmed_span(quote, text, start, end)
            quote_score = _similarity(quote, text[s:e])
            score = (
                0.75 * quote_score
                + 0.2 * _context_score(selector, text, s, e)
                + 0.05 * _nearness(selector.start, s, len(text))
            )
            if best is None or score > best[0]:
                best = (score, s, e)
    if best is None:
        return None
    score, start, end = best
    return Placement(Selector.from_body(text, start, end), score, "fuzzy")


def place(selector: Selector, text: str) -> Placement:
    """Where ``selector`` belongs in ``text``; orphaned when it cannot be placed."""
    if text[selector.start : selector.end] == selector.exact and selector.exact:
        return Placement(Selector.from_body(text, selector.start, selector.end), 1.0, "position")
    if selector.exact:
        found = _exact(selector, text)
        if found is not None:
            return found
    fuzzy = _fuzzy(selector, text)
    if fuzzy is not None and fuzzy.score >= MIN_SCORE:
        return fuzzy
    return Placement(None, fuzzy.score if fuzzy else 0.0, "orphaned")

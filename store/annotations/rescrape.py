"""Finding the new version of a re-scraped article, so that its annotations follow it.

An article's id hashes its text, and scrapers write a new file when they
fetch a story again (the seeds' own names carry a hash). So an annotated
article can vanish from the corpus while its new version, under another id
and file, is there. :func:`new_home` picks that version among candidates:

- the same address or the source's own id: that settles it;
- otherwise a title close to the old one (the same words, mostly) *and*
  most of the annotations' quotes found in the new text, as the reader
  would place them (``store.annotations.anchoring``); from the same outlet,
  half of them. An article-level note has no quote: the same title from the
  same outlet must do.

Nothing is guessed from a title alone when there are quotes to check, so a
different story on the same subject never takes another's claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from store.annotations.anchoring import place
from store.annotations.annotation import Annotation, Selector
from store.news.article import Article

TITLE_CLOSE = 0.6
"""Share of title words in common (Jaccard) for a candidate to be considered."""

QUOTES_FOUND = 0.6
"""Share of the quotes that must be placed in the new text."""

SAME_TITLE = 0.9
"""Title closeness at which, from the same outlet, it is taken as the same story."""

_WORD = re.compile(r"\w+")


def title_words(title: str) -> frozenset[str]:
    """The folded words of a title, for comparing titles across versions."""
    return frozenset(w.casefold() for w in _WORD.findall(title) if len(w) > 1)


def title_closeness(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two titles' words."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def quotes_found(selectors: Sequence[Selector], article: Article) -> float:
    """The share of ``selectors`` that can be placed in ``article``'s text."""
    if not selectors:
        return 0.0
    placed = sum(place(s, article.body).selector is not None for s in selectors)
    return placed / len(selectors)


def new_home(
    origin: Mapping[str, Any],
    annotations: Sequence[Annotation],
    candidates: Iterable[Article],
) -> Article | None:
    """The candidate that is the new version of the article ``origin`` describes, if any."""
    candidates = list(candidates)
    for key, field in (("url", "url"), ("external_id", "external_id")):
        wanted = origin.get(key)
        if wanted:
            for article in candidates:
                if getattr(article, field) == wanted:
                    return article
    old_title = title_words(str(origin.get("title") or ""))
    outlet = origin.get("outlet")
    selectors = [a.selector for a in annotations if a.selector is not None]
    best: tuple[float, Article] | None = None
    for article in candidates:
        closeness = title_closeness(old_title, title_words(article.title))
        if closeness < TITLE_CLOSE:
            continue
        found = quotes_found(selectors, article) if selectors else 0.0
        same_outlet = bool(outlet) and outlet == article.outlet
        same_story = closeness >= SAME_TITLE and same_outlet
        # From the same outlet, half the quotes will do (a re-scrape may cut a
        # passage); from another, most of them must be there.
        needed = 0.5 if same_outlet else QUOTES_FOUND
        if selectors and found < needed:
            continue
        if not selectors and not same_story:
            continue
        score = found + closeness
        if best is None or score > best[0]:
            best = (score, article)
    return best[1] if best else None

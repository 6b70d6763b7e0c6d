"""Boilerplate found corpus-wide: lines that repeat across many articles of one outlet.

A phrase list cannot know every site's furniture (a newsletter plug, a
section's standing line, a menu a scraper kept). Such lines give themselves
away by repeating: the same line in a large share of one outlet's articles
is the page's, not the story's. Three pure functions find them:

- :func:`candidate_lines`: the distinct short lines of one article's text;
- :func:`count_lines`: over a corpus of ``(outlet, text)``, in how many of each
  outlet's articles each line occurs;
- :func:`repeated_lines`: from those counts, each outlet's boilerplate lines.

The parser takes an outlet's lines as ``known_boilerplate``
(:func:`store.news.newsparse.parse_news_text`) and marks them ``repeated``
(kept in the body, feeding nothing). A phrase rule that names a line first
wins (``Baca juga`` stays ``related``).

Whoever holds the corpus (the library's index; ``make eval-news``) runs the
pass: parse once to learn each article's outlet, count, then parse again
with the outlet's lines. Articles with no outlet are best grouped by the
folder they come from, which is usually one scrape of one site.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

#: Longest line that can count as repeated boilerplate (a standing paragraph fits).
MAX_LINE_CHARS = 300

#: A line must repeat in at least this many of an outlet's articles...
MIN_ARTICLES = 5
#: ... and in at least this share of them.
MIN_SHARE = 0.2


@dataclass
class LineCounts:
    """How often lines occur across one outlet's articles."""

    articles: int = 0
    """Articles of the outlet counted."""
    lines: Counter[str] = field(default_factory=Counter)
    """For each line, the number of the outlet's articles it occurs in."""


def outlet_key(outlet: str | None) -> str:
    """The key articles of one outlet share (case aside): ``KOMPAS.com`` = ``Kompas.com``."""
    return (outlet or "").strip().casefold()


def candidate_lines(text: str) -> set[str]:
    """The distinct lines of ``text`` that could be boilerplate: short, not blank, stripped."""
    return {
        line
        for raw in text.split("\n")
        if (line := raw.strip()) and len(line) <= MAX_LINE_CHARS and any(c.isalpha() for c in line)
    }


def count_lines(corpus: Iterable[tuple[str | None, str]]) -> dict[str, LineCounts]:
    """For each outlet of ``(outlet, text)`` pairs, in how many articles each line occurs."""
    counts: dict[str, LineCounts] = {}
    for outlet, text in corpus:
        entry = counts.setdefault(outlet_key(outlet), LineCounts())
        entry.articles += 1
        entry.lines.update(candidate_lines(text))
    return counts


def repeated_lines(
    counts: Mapping[str, LineCounts],
    *,
    min_articles: int = MIN_ARTICLES,
    min_share: float = MIN_SHARE,
) -> dict[str, frozenset[str]]:
    """Each outlet's boilerplate lines: those in ``min_articles`` and ``min_share`` of its articles.

    Outlets whose articles share no such line are left out. The empty key
    (articles with no outlet) is treated as one outlet like any other.
    """
    found: dict[str, frozenset[str]] = {}
    for outlet, entry in counts.items():
        needed = max(min_articles, min_share * entry.articles)
        lines = frozenset(line for line, n in entry.lines.items() if n >= needed)
        if lines:
            found[outlet] = lines
    return found

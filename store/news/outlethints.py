"""What a corpus teaches about each outlet, and the second reading that uses it.

Some of what the parser needs cannot be seen in one article: the lines an
outlet repeats in every story (its furniture, :mod:`store.news.repeated`) and
the order its numeric dates follow (``9/10/2025`` is 10 September on a site
whose other dates read ``10/17/2025``, :func:`store.news.dating.date_orders`).
Whoever holds a corpus learns them in one pass and reads again with them:

    first = [(path, read_file(path)[0]) for path in paths]          # pass 1
    hints = learn_outlets(
        (outlet_or_folder(path, a), path.read_text(), a) for path, articles in first
        for a in articles
    )
    read_file(path, hints=hints.get(outlet_key(article.outlet)))    # pass 2

Only the articles of outlets that have hints need the second reading. An
article without an outlet is best grouped by the folder it was read from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from store.news.article import Article
from store.news.dating import date_orders
from store.news.repeated import count_lines, outlet_key, repeated_lines


@dataclass(frozen=True, slots=True)
class OutletHints:
    """What the corpus showed of one outlet."""

    boilerplate: frozenset[str] = frozenset()
    """Lines repeated across many of its articles: marked ``repeated``."""
    date_order: str | None = None
    """``DAY_FIRST`` or ``MONTH_FIRST`` when its dates prove one; else ``None``."""


def learn_outlets(corpus: Iterable[tuple[str | None, str, Article]]) -> dict[str, OutletHints]:
    """Each outlet's hints from ``(outlet, source text, article)`` of a whole corpus.

    Keys are :func:`store.news.repeated.outlet_key` of the outlet; outlets the
    corpus teaches nothing about are left out.
    """
    texts: list[tuple[str | None, str]] = []
    dates: dict[str, list[str]] = defaultdict(list)
    for outlet, text, article in corpus:
        texts.append((outlet, text))
        dates[outlet_key(outlet)] += [
            f.text for f in article.field_texts if f.role in ("header", "published")
        ]
    lines = repeated_lines(count_lines(texts))
    orders = date_orders(dates)
    return {
        key: OutletHints(lines.get(key, frozenset()), orders.get(key))
        for key in set(lines) | set(orders)
    }

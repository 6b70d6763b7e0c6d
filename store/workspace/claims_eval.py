"""``make eval-claims``: the desk's gold scored with people, as the workspace's desk has them.

:mod:`store.claims.evaluate` scores related passages; the desk knows who a
passage names only from the entity recogniser, a room above it. This runs
that evaluation with the recogniser's people (each article recognised once).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from store.claims.evaluate import main as evaluate
from store.entities.recognise import recognise_article
from store.news.article import Article


class RecognisedPeople:
    """An article's people by the recogniser, each article recognised once."""

    def __init__(self) -> None:
        self._found: dict[str, list[tuple[int, int, str]]] = {}

    def __call__(self, article: Article) -> list[tuple[int, int, str]]:
        """``article``'s ``PER`` entities as ``(start, end, key)``."""
        found = self._found.get(article.id)
        if found is None:
            entities = recognise_article(article)
            found = [(e.start, e.end, e.key) for e in entities if e.type == "PER"]
            self._found[article.id] = found
        return found


def main(argv: Sequence[str] | None = None) -> int:
    """Print the desk's precision, recall and conflicts, people told by the recogniser."""
    return evaluate(argv, people=RecognisedPeople())


if __name__ == "__main__":
    sys.exit(main())

"""The corpus's entities by key: where else a person, organisation or place appears.

``EntityIndex`` maps each entity key to ``{article id: mentions}`` and knows
each key's types, so the reader's entity panel can say "also in 3 other
articles" and the library can filter by entity (``entity:belousov``; see
``Catalog.set_entity_index``).

``build_index`` makes it from the recogniser's cached results
(``store.entities.service``) plus the user's corrections. So that a start
does not have to parse the corpus again, the recogniser's counts per article
id are kept in one summary file, ``<data>/entities/summary.json`` (tied to
the recogniser's signature; an article id names its text, so it cannot go
stale). Costs, measured on this machine:

* an article in the summary: nothing to parse, microseconds;
* an article not in it: parsed, then its cached result read (under a
  millisecond), or recognised (5–30 ms) and cached. The first build over
  10,000 new articles takes one to five minutes of one core, in the app's
  background worker, pausing while the reader recognises an article;
* articles with corrections (only those with an annotation file) are parsed
  and corrected again on every build;
* memory: one small dict per key, a few megabytes for 10,000 articles; the
  summary file is about 1 KB an article.
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.entities.cache import recogniser_signature
from store.entities.keys import fold
from store.entities.model import TYPES, Entity
from store.files.jsonfile import StoreError, atomic_write_text

if TYPE_CHECKING:
    from store.entities.service import EntityService
    from store.news.article import Article

SUMMARY_VERSION = 1
"""The layout of the summary file."""

SAVE_EVERY = 500
"""Newly recognised articles between two saves of the summary during a build."""

Counts = list[list[Any]]
"""An article's ``[[key, type, mentions], …]`` as the summary keeps it."""


def _folded(text: str) -> str:
    return " " + fold(text.replace("_", " ")) + " "


class EntityIndex:
    """Entity key → ``{article id: mentions}`` over a corpus."""

    def __init__(self) -> None:
        self._where: dict[str, dict[str, int]] = {}
        self._types: dict[str, Counter[str]] = {}
        self._of_article: dict[str, Counter[tuple[str, str]]] = {}
        self._folds: dict[str, str] = {}
        self._matches: dict[str, frozenset[str]] = {}
        self.complete = False
        """True once every article of the corpus was added."""

    # -- building -----------------------------------------------------------------

    def add(self, article_id: str, entities: Iterable[Entity]) -> None:
        """Count ``article_id``'s entities (replacing what was counted for it before)."""
        self.add_counts(article_id, Counter((e.key, e.type) for e in entities if e.key))

    def add_counts(self, article_id: str, counts: Counter[tuple[str, str]]) -> None:
        """Count ``{(key, type): mentions}`` for ``article_id`` (replacing what was there)."""
        self.remove(article_id)
        self._of_article[article_id] = counts
        for (key, kind), count in counts.items():
            where = self._where.setdefault(key, {})
            where[article_id] = where.get(article_id, 0) + count
            self._types.setdefault(key, Counter())[kind] += count
            if key not in self._folds:
                self._folds[key] = _folded(key)
        self._matches.clear()

    def remove(self, article_id: str) -> None:
        """Forget ``article_id``'s entities."""
        counts = self._of_article.pop(article_id, None)
        if not counts:
            return
        for (key, kind), count in counts.items():
            where = self._where.get(key)
            if where is not None:
                where.pop(article_id, None)
                if not where:
                    del self._where[key]
                    self._types.pop(key, None)
                    self._folds.pop(key, None)
                    continue
            types = self._types.get(key)
            if types is not None:
                types[kind] -= count
                if types[kind] <= 0:
                    del types[kind]
        self._matches.clear()

    # -- asking -------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._of_article

    def where(self, key: str) -> dict[str, int]:
        """``{article id: mentions}`` of ``key`` (empty when unknown)."""
        return dict(self._where.get(key, {}))

    def others(self, key: str, article_id: str) -> dict[str, int]:
        """Where ``key`` appears besides ``article_id``, most mentions first."""
        found = {a: n for a, n in self._where.get(key, {}).items() if a != article_id}
        return dict(sorted(found.items(), key=lambda item: (-item[1], item[0])))

    def type_of(self, key: str) -> str:
        """The type ``key`` has most often ("" when unknown)."""
        types = self._types.get(key)
        return types.most_common(1)[0][0] if types else ""

    def matching(self, words: str) -> frozenset[str]:
        """Ids of articles with a key matching ``words``: a word-start match, spelling-blind.

        ``belousov``, ``andrey-belousov`` and ``Andrei Belousov`` all find the
        key ``Andrei Belousov``; ``-`` and ``_`` stand for spaces (filter
        words have none).
        """
        wanted = _folded(words.replace("-", " "))[:-1]
        found = self._matches.get(wanted)
        if found is None:
            if not wanted.strip():
                found = frozenset()
            else:
                ids: set[str] = set()
                for key, folded in self._folds.items():
                    if wanted in folded:
                        ids.update(self._where[key])
                found = frozenset(ids)
            if len(self._matches) > 256:
                self._matches.clear()
            self._matches[wanted] = found
        return found

    def keys(self, type_: str | None = None) -> list[tuple[str, str, int, int]]:
        """``(key, type, mentions, articles)`` rows, most articles then most mentions first."""
        rows = []
        for key, where in self._where.items():
            kind = self.type_of(key)
            if type_ is not None and kind != type_:
                continue
            rows.append((key, kind, sum(where.values()), len(where)))
        order = {t: i for i, t in enumerate(TYPES)}
        rows.sort(key=lambda r: (-r[3], -r[2], order.get(r[1], 9), r[0].casefold()))
        return rows


# -- building over a corpus ---------------------------------------------------------


def counts_of(entities: Iterable[Entity]) -> Counts:
    """An article's entities as the summary keeps them."""
    counts = Counter((e.key, e.type) for e in entities if e.key)
    return [[key, kind, n] for (key, kind), n in counts.items()]


def _as_counter(rows: Counts) -> Counter[tuple[str, str]]:
    return Counter({(str(key), str(kind)): int(n) for key, kind, n in rows})


def load_summary(path: Path | None) -> dict[str, Counts]:
    """The recogniser's counts per article id from ``path`` ({} if none or stale)."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    if (
        not isinstance(data, dict)
        or data.get("version") != SUMMARY_VERSION
        or data.get("recogniser") != recogniser_signature()
        or not isinstance(data.get("articles"), dict)
    ):
        return {}
    # Valid JSON of another shape (written by hand, by another tool) is counted again.
    return {
        article_id: rows
        for article_id, rows in data["articles"].items()
        if isinstance(rows, list)
        and all(
            isinstance(row, list)
            and len(row) == 3
            and isinstance(row[0], str)
            and isinstance(row[1], str)
            and type(row[2]) is int
            for row in rows
        )
    }


def save_summary(path: Path | None, articles: dict[str, Counts]) -> None:
    """Write the summary (quietly not, in a read-only data folder)."""
    if path is None:
        return
    data = {"version": SUMMARY_VERSION, "recogniser": recogniser_signature(), "articles": articles}
    with contextlib.suppress(OSError):
        atomic_write_text(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def build_index(
    article_ids: Sequence[str],
    get_article: Callable[[str], Article | None],
    service: EntityService,
    *,
    summary_path: Path | None = None,
    corrected_ids: Iterable[str] = (),
    stop: Callable[[], bool] = lambda: False,
    pause: Callable[[], None] = lambda: None,
) -> EntityIndex:
    """The index of ``article_ids``: counts from the summary, else from the (cached) recogniser.

    ``get_article(id)`` parses an article (only those missing from the
    summary, and those among ``corrected_ids``, the articles with an
    annotation file, are asked for). ``pause()`` is called before each
    recognition (the app waits there while the reader needs the CPU);
    ``stop()`` ends the build early, leaving ``complete`` false.
    """
    summary = load_summary(summary_path)
    index = EntityIndex()
    fresh = 0
    for article_id in article_ids:
        if stop():
            break
        rows = summary.get(article_id)
        if rows is None:
            pause()
            article = get_article(article_id)
            if article is None:
                continue
            rows = counts_of(service.auto(article))
            summary[article_id] = rows
            fresh += 1
            if fresh % SAVE_EVERY == 0:
                save_summary(summary_path, summary)
        try:
            index.add_counts(article_id, _as_counter(rows))
        except (TypeError, ValueError):
            summary.pop(article_id, None)
    if fresh:
        save_summary(summary_path, summary)
    if stop():
        return index
    wanted = set(article_ids)
    for article_id in corrected_ids:
        if stop():
            return index
        if article_id not in wanted:
            continue
        try:
            if not service.corrections(article_id):
                continue
        except StoreError:
            continue
        article = get_article(article_id)
        if article is not None:
            index.add(article_id, service.entities(article))
    index.complete = True
    return index

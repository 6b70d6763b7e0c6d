"""The desk's measurements: related passages over the corpus index, as ``sorot related`` runs.

Candidates come from the index's sentences
(:class:`store.library.sentences.SentenceIndex`): a workspace indexes the
corpus, then the sentences are caught up once (every article read, its
sentences' terms written: the one-time cost, and the index's extra size),
then one related-passages query per sampled sentence, from the candidates to
the figures compared, as ``r`` in the reader and ``sorot related`` run it.

In ``make bench`` over the generated corpus (``measure_related``); at scale
over an existing corpus folder::

    python -m tests.bench_claims --corpus /work/data/index/bench-cache/corpus-10000
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from store.claims.candidates import content_sentences
from store.library.sentences import SentenceIndex
from store.workspace import Workspace
from tests.benchreport import Result, table

QUERIES = 60
"""Sentences of random articles asked about (the same ones each run)."""

TARGET_MS = 200
"""The issue's p95 per query."""


def measure_related(b) -> list[Result]:  # b: tests.bench.Bench
    return related_over_index(b.corpus, b.folder("related-data"))


def _size(space: Workspace) -> int:
    """The index file's bytes, its write-ahead log folded in."""
    with space.database.connection() as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    return pages * size


def related_over_index(corpus: Path, data: Path) -> list[Result]:
    """Index ``corpus`` in ``data`` (unless done), catch the sentences up, time queries."""
    space = Workspace(data)
    space.open_corpus([corpus])
    space.refresh()
    before = _size(space)
    source = space.desk.source
    assert isinstance(source, SentenceIndex)
    began = time.perf_counter()
    added = source.update()
    catch_up = time.perf_counter() - began
    extra = _size(space) - before
    sentences = source.size
    ids = list(space.corpus)
    rng = random.Random(15)
    picks = []
    for article in space.corpus.articles(rng.sample(ids, min(QUERIES, len(ids)))):
        spans = content_sentences(article)
        if spans:
            picks.append((article, rng.choice(spans)))
    samples, found = [], []
    for article, (start, end) in picks:
        began = time.perf_counter()
        shown = space.desk.related(article, start, end)
        samples.append((time.perf_counter() - began) * 1000)
        found.append(len(shown))
    n = len(ids)
    return [
        Result(
            f"related passages: sentences caught up over {n:,} articles "
            f"({added:,} of {sentences:,} sentences, once)",
            "s",
            [catch_up],
        ),
        Result(
            f"related passages: the index's extra size for {sentences:,} sentences",
            "MB",
            [extra / 1e6],
        ),
        Result(
            f"related passages: one query over {n:,} articles (index)",
            "ms",
            samples,
            TARGET_MS,
            on_p95=True,
        ),
        Result("related passages: passages shown per query", "n", [float(x) for x in found]),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench_claims")
    parser.add_argument("--corpus", type=Path, required=True, help="a folder of articles")
    parser.add_argument("--data", type=Path, help="the data folder (kept: a second run reuses it)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sorot-bench-related-") as tmp:
        data = args.data or Path(tmp)
        began = time.perf_counter()
        try:
            rows = related_over_index(args.corpus, data)
        except sqlite3.Error as error:
            print(f"bench_claims: {error}", file=sys.stderr)
            return 1
        print(table(rows))
        print(f"({time.perf_counter() - began:.0f} s in all)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

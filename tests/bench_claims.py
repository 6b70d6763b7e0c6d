"""The desk's measurements for ``tests/bench.py``: related passages over the bench corpus.

Candidates come from the sentence scan (:class:`store.claims.candidates.SentenceScan`):
its one-time build (every article read, split and indexed in memory) and
then one related-passages query per sampled sentence, from the candidates
to the figures compared, as ``r`` in the reader and ``sorot related`` run it.
"""

from __future__ import annotations

import random
import time

from store.claims.candidates import content_sentences
from store.claims.desk import Desk
from tests.benchreport import Result

QUERIES = 60
"""Sentences of random articles asked about (the same ones each run)."""

TARGET_MS = 200
"""The issue's p95 per query."""


def measure_related(b) -> list[Result]:  # b: tests.bench.Bench
    articles = {a.id: a for a in b.articles}
    desk = Desk(lambda: articles.values(), articles.get)
    began = time.perf_counter()
    sentences = desk.source.size  # builds the scan
    build = (time.perf_counter() - began) * 1000
    rng = random.Random(15)
    picks = []
    for article in rng.sample(list(articles.values()), min(QUERIES, len(articles))):
        spans = content_sentences(article)
        if spans:
            picks.append((article, rng.choice(spans)))
    samples, found = [], []
    for article, (start, end) in picks:
        began = time.perf_counter()
        shown = desk.related(article, start, end)
        samples.append((time.perf_counter() - began) * 1000)
        found.append(len(shown))
    n = len(articles)
    return [
        Result(
            f"related passages: scan build over {n:,} articles ({sentences:,} sentences)",
            "ms",
            [build],
        ),
        Result(
            f"related passages: one query over {n:,} articles (scan)",
            "ms",
            samples,
            TARGET_MS,
            on_p95=True,
        ),
        Result("related passages: passages shown per query", "n", [float(x) for x in found]),
    ]

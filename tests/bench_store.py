"""The annotation store at scale, for the benchmark (``tests/bench.py``).

``annotated(b)`` builds, once per run, a store of ``b.size.annotations``
annotations over the benchmark's generated articles, one article holding
``HEAVY`` of them, with ``AnnotationStore.save_many`` (one write per
article). The same annotations are streamed into one stock TinyDB file
(default ``JSONStorage``, the layout TinyDB writes itself) for the side by
side. The measurements:

- opening the ``HEAVY``-annotation article as the reader does
  (``ArticleAnnotations``: read the file, place, sort), with a fresh store
  (the file is read) and again (the store's cache);
- saving one annotation (``AnnotationStore.save``: lock, re-read, atomic
  write with fsyncs) into that article and into random articles, each save
  undone untimed afterwards so that the store keeps its size; adding a claim
  through ``ArticleAnnotations.add_claim`` (save, then reload) as the app does;
- stock TinyDB's ``insert`` on the one file (it reads and rewrites the whole
  file each time, so only a few), and the ratio of the medians;
- exporting every annotation as native JSON through the API and through
  ``sorot export``, each in a fresh process for its peak memory
  (``tests/bench_export.py``).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from store.annotations.annotation import Annotation, Selector
from store.annotations.article_annotations import ArticleAnnotations
from store.annotations.history import History
from store.annotations.store import AnnotationStore
from store.news.article import Article
from tests.bench_export import REPO, STATUSES, TYPES
from tests.benchreport import Result

if TYPE_CHECKING:
    from tests.bench import Bench

HEAVY = 200
"""Annotations in the one heavily annotated article."""

SAVE_TARGET_MS = 15
OPEN_TARGET_MS = 50
TINYDB_RATIO = 50


@dataclass
class Annotated:
    db: Path
    """The data folder of the store."""
    heavy: Article
    """The article holding ``HEAVY`` annotations."""
    count: int
    stock: Path
    """The same annotations in one stock TinyDB file."""
    build_s: float
    in_stock: int = 0
    """Documents in the stock file (the annotations, then what was inserted)."""


def _annotation(article: Article, rng: random.Random, annotator: str | None = None) -> Annotation:
    """A claim (70 %) or a note on a random passage of ``article``, as a reader makes them."""
    body = article.body
    start = rng.randrange(0, max(1, len(body) - 120))
    start = body.rfind(" ", 0, start) + 1  # from the start of a word
    end = min(len(body), start + rng.randint(20, 110))
    kind = "claim" if rng.random() < 0.7 else "note"
    return Annotation(
        article.id,
        kind,
        Selector.from_body(body, start, end),
        article.sha256,
        annotator or rng.choice(("rina", "budi", "sari")),
        claim_type=rng.choice(TYPES) if kind == "claim" else None,
        status=rng.choice(STATUSES) if kind == "claim" else None,
        speaker=rng.choice(("Kim Jong Un", "Vladimir Putin", None)),
        tags=tuple(rng.sample(("militer", "rusia", "korut", "angka"), rng.randint(0, 2))),
        note="Perlu dicek ke sumber kedua." if rng.random() < 0.5 else "",
    )


def annotated(b: Bench) -> Annotated:
    """The benchmark's annotation store, built on first use and kept on ``b``."""
    built = getattr(b, "_annotated", None)
    if built is not None:
        return built
    rng = random.Random(13)
    heavy = b.articles[len(b.articles) // 2]
    others = [a for a in b.articles if a is not heavy]
    rest = max(0, b.size.annotations - HEAVY)
    db, stock = b.folder("db-annotations"), b.folder("tinydb") / "db.json"
    store = AnnotationStore(db)
    began, made = time.perf_counter(), 0
    with stock.open("w", encoding="utf-8") as out:
        # What TinyDB's JSONStorage writes: json.dumps with its default separators.
        out.write('{"_default": {')
        for number, article in enumerate([heavy, *others]):
            if article is heavy:
                count = HEAVY
            else:
                count = rest // len(others) + (number - 1 < rest % len(others))
            marks = [_annotation(article, rng) for _ in range(count)]
            if not marks:
                continue
            store.save_many(article.id, marks, article)
            for mark in marks:
                made += 1
                out.write(f'{", " if made > 1 else ""}"{made}": {json.dumps(mark.to_dict())}')
        out.write("}}")
    built = Annotated(db, heavy, made, stock, time.perf_counter() - began, made)
    b._annotated = built
    return built


def _timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    value = action()
    return (time.perf_counter() - start) * 1000, value


def measure_store_open(b: Bench) -> list[Result]:
    a = annotated(b)
    n, articles = f"{a.count:,}", f"{len(b.articles):,}"
    known = {article.id for article in b.articles}

    def open_with(store: AnnotationStore) -> ArticleAnnotations:
        return ArticleAnnotations(a.heavy, store, History(store, a.heavy), "bench", known)

    fresh, again = [], []
    kept = AnnotationStore(a.db)
    open_with(kept)
    for _ in range(b.size.opens * 2):
        spent, opened = _timed(lambda: open_with(AnnotationStore(a.db)))
        if len(opened.placed) != HEAVY:
            raise RuntimeError(f"opened {len(opened.placed)} of {HEAVY} annotations")
        fresh.append(spent)
        again.append(_timed(lambda: open_with(kept))[0])
    return [
        Result(f"build the store: {n} annotations over {articles} articles", "s", [a.build_s]),
        Result(
            f"open the article with {HEAVY} annotations (file read)",
            "ms",
            fresh,
            OPEN_TARGET_MS,
        ),
        Result(f"open the article with {HEAVY} annotations again (cached)", "ms", again),
    ]


def measure_store_saves(b: Bench) -> list[Result]:
    """Saves into the store (each undone afterwards, untimed), and into stock TinyDB."""
    a = annotated(b)
    rng = random.Random(17)
    store = AnnotationStore(a.db)
    store.annotations(a.heavy.id)  # the app has read the article it shows

    def save_into(article: Article) -> float:
        mark = _annotation(article, rng, "bench")
        spent = _timed(lambda: store.save(mark, article))[0]
        store.delete(article.id, mark.id)
        return spent

    heavy = [save_into(a.heavy) for _ in range(b.size.saves)]
    scattered = [save_into(rng.choice(b.articles)) for _ in range(b.size.saves)]
    # As the app makes it: the corpus's ids are known, so same-titled articles'
    # files are not read as earlier versions of this one on every reload.
    known = {article.id for article in b.articles}
    model = ArticleAnnotations(a.heavy, store, History(store, a.heavy), "bench", known)
    claims = []
    for _ in range(max(3, b.size.saves // 4)):
        mark = _annotation(a.heavy, rng, "bench")
        assert mark.selector is not None
        spent, made = _timed(
            lambda m=mark.selector: model.add_claim(
                m.start, m.end, claim_type="factual", status="unverified"
            )
        )
        claims.append(spent)
        model.delete(made)
    if len(store.annotations(a.heavy.id)) != HEAVY:
        raise RuntimeError("the saves did not leave the store as it was")
    stock = _stock_inserts(a, b, rng)
    n = f"{a.count:,}"
    ours = Result(
        f"save one annotation, the {HEAVY}-annotation article, {n} in store",
        "ms",
        heavy,
        SAVE_TARGET_MS,
        on_p95=True,
    )
    theirs = Result(f"stock TinyDB, {n} annotations in one file: insert one", "ms", stock)
    return [
        ours,
        Result(
            f"save one annotation, random articles, {n} in store",
            "ms",
            scattered,
            SAVE_TARGET_MS,
            on_p95=True,
        ),
        Result(f"add a claim (save + reload), the {HEAVY}-annotation article", "ms", claims),
        theirs,
        Result(
            "stock TinyDB insert / sorot save (medians)",
            "×",
            [theirs.median / ours.median],
            TINYDB_RATIO,
            at_least=True,
        ),
    ]


def _stock_inserts(a: Annotated, b: Bench, rng: random.Random) -> list[float]:
    """``TinyDB(path).insert`` with the default JSONStorage: each rewrites the whole file."""
    from tinydb import TinyDB

    samples = []
    with TinyDB(a.stock) as db:  # reads nothing until the first operation
        for _ in range(b.size.inserts):
            doc = _annotation(rng.choice(b.articles), rng, "bench").to_dict()
            samples.append(_timed(lambda d=doc: db.insert(d))[0])
        a.in_stock += b.size.inserts
        if len(db) != a.in_stock:
            raise RuntimeError(f"stock TinyDB holds {len(db)} documents, not {a.in_stock}")
    return samples


def _in_child(mode: str, corpus: Path, db: Path, out: Path) -> dict:
    """``tests/bench_export.py``'s child, forked by a small ``sh`` rather than by this process.

    Linux carries the spawning process's peak RSS into a child's ``ru_maxrss``
    (Python spawns with vfork, and exec records the old address space's peak):
    spawned from the benchmark, which holds the corpus, an export child
    reported the benchmark's peak, not its own. ``sh`` forks the child from
    its own small address space instead.
    """
    command = [sys.executable, "-m", "tests.bench_export", "--child", mode, str(corpus)]
    command += [str(db), str(out)]
    done = subprocess.run(
        ["sh", "-c", '"$@"; exit $?', "sh", *command],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"export child {mode} failed: {done.stderr.strip()[-400:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_export_all(b: Bench) -> list[Result]:
    """Every annotation as native JSON, each export in a new process (``tests/bench_export.py``)."""
    a = annotated(b)
    out = b.folder("export")
    api = _in_child("api", b.corpus, a.db, out / "export.json")
    cli = _in_child("cli", b.corpus, a.db, out / "export-cli.json")
    if api["exported"] != a.count or cli["cli_status"] != 0:
        raise RuntimeError(f"exported {api['exported']} of {a.count} annotations: {cli}")
    size_mb = (out / "export.json").stat().st_size / 2**20
    for path in out.iterdir():
        path.unlink()
    n = f"{a.count:,}"
    return [
        Result(f"export {n} annotations, native JSON: time (API)", "s", [api["export_s"]], 10),
        Result(f"export {n} annotations: peak memory (API)", "MB", [api["peak_rss_mb"]], 300),
        Result(
            "  of which the loaded corpus (before the export)", "MB", [api["rss_after_load_mb"]]
        ),
        Result("  loading the corpus (before the export)", "s", [api["load_s"]]),
        Result(f"export {n}: `sorot export`, end to end", "s", [cli["cli_s"]], 10),
        Result(f"export {n}: `sorot export`, peak memory", "MB", [cli["cli_peak_rss_mb"]], 300),
        Result(f"export {n}: size of the JSON", "MB", [size_mb]),
    ]

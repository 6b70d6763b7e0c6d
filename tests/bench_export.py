"""How fast and how lean a large export is: ``measure_export(tmpdir, n_articles, n_annotations)``.

Builds a store of ``n_annotations`` claims and notes over ``n_articles``
generated articles (``tests/benchcorpus.py``), then exports it as native JSON
twice, each in a fresh process so that peak memory (``ru_maxrss``) is the
export's own:

- in-process API: ``load_paths`` (timed apart), then ``select`` + the native
  writer into an atomic file (``export_s``, ``peak_rss_mb``);
- the command: ``sorot export CORPUS --db DB -o FILE`` end to end
  (``cli_s``, ``cli_peak_rss_mb``), corpus loading included.

For the benchmark harness (``tests/bench.py``) to call; also runnable alone:
``python -m tests.bench_export [--articles 10000] [--annotations 100000]``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
STATUSES = ("unverified", "checking", "true", "mostly true", "misleading", "false", "unproven")
TYPES = ("factual", "statistic", "quote", "prediction", "opinion")


def build_store(corpus: Path, db: Path, n_annotations: int, rng: random.Random) -> int:
    """Save ``n_annotations`` annotations over the articles in ``corpus``; returns the count."""
    from store.annotations.annotation import Annotation, Selector
    from store.annotations.store import AnnotationStore
    from store.news.loading import load_paths

    articles = load_paths([corpus]).articles
    store = AnnotationStore(db)
    made = 0
    for number, article in enumerate(articles):
        count = n_annotations // len(articles) + (number < n_annotations % len(articles))
        body, marks = article.body, []
        for _ in range(count):
            start = rng.randrange(0, max(1, len(body) - 120))
            start = body.rfind(" ", 0, start) + 1  # from the start of a word
            end = min(len(body), start + rng.randint(20, 110))
            kind = "claim" if rng.random() < 0.7 else "note"
            marks.append(
                Annotation(
                    article.id,
                    kind,
                    Selector.from_body(body, start, end),
                    article.sha256,
                    rng.choice(("rina", "budi", "sari")),
                    claim_type=rng.choice(TYPES) if kind == "claim" else None,
                    status=rng.choice(STATUSES) if kind == "claim" else None,
                    speaker=rng.choice(("Kim Jong Un", "Vladimir Putin", None)),
                    tags=tuple(
                        rng.sample(("militer", "rusia", "korut", "angka"), rng.randint(0, 2))
                    ),
                    note="Perlu dicek ke sumber kedua." if rng.random() < 0.5 else "",
                )
            )
        if marks:
            store.save_many(article.id, marks, article)
            made += len(marks)
    return made


def peak_rss_mb() -> float:
    """This process's own peak resident memory (VmHWM), in MB.

    Not ``ru_maxrss``: on Linux a child started by a big process inherits its
    parent's peak there, so an export would report the benchmark's memory.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child_api(corpus: Path, db: Path, out: Path) -> dict[str, Any]:
    from store.annotations.store import AnnotationStore
    from store.exchange import atomic_output, export, select
    from store.news.loading import load_paths

    began = time.perf_counter()
    articles = load_paths([corpus]).articles
    loaded = time.perf_counter()
    rss_before = peak_rss_mb()
    with atomic_output(out, force=True) as handle:
        stats = export(select(articles, AnnotationStore(db)), handle, "json")
    done = time.perf_counter()
    return {
        "load_s": round(loaded - began, 2),
        "export_s": round(done - loaded, 2),
        "rss_after_load_mb": round(rss_before, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "exported": stats.total,
        "bytes": out.stat().st_size,
    }


def _child_cli(corpus: Path, db: Path, out: Path) -> dict[str, Any]:
    from tui.cli import main

    began = time.perf_counter()
    status = main(["export", str(corpus), "--db", str(db), "-o", str(out), "--force"])
    return {
        "cli_s": round(time.perf_counter() - began, 2),
        "cli_peak_rss_mb": round(peak_rss_mb(), 1),
        "cli_status": status,
    }


def _in_child(mode: str, corpus: Path, db: Path, out: Path) -> dict[str, Any]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.bench_export",
            "--child",
            mode,
            str(corpus),
            str(db),
            str(out),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"export child {mode} failed: {done.stderr.strip()[-400:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_export(
    tmpdir: Path, n_articles: int, n_annotations: int, corpus: Path | None = None
) -> dict[str, Any]:
    """Export ``n_annotations`` over ``n_articles`` as native JSON; times (s) and peaks (MB).

    ``corpus`` reuses a folder of generated articles (the benchmark's own);
    otherwise ``n_articles`` are generated in ``tmpdir``.
    """
    from tests.benchcorpus import write_corpus

    tmpdir = Path(tmpdir)
    if corpus is None:
        corpus = tmpdir / "export-corpus"
        write_corpus(corpus, n_articles, random.Random(7))
    db = tmpdir / "export-db"
    began = time.perf_counter()
    made = build_store(corpus, db, n_annotations, random.Random(11))
    result: dict[str, Any] = {
        "articles": n_articles,
        "annotations": made,
        "setup_s": round(time.perf_counter() - began, 1),
    }
    result.update(_in_child("api", corpus, db, tmpdir / "export.json"))
    result.update(_in_child("cli", corpus, db, tmpdir / "export-cli.json"))
    with (tmpdir / "export.json").open(encoding="utf-8") as handle:
        totals = json.load(handle)["totals"]
    if totals["annotations"] != made or result["exported"] != made:
        raise RuntimeError(f"exported {totals['annotations']} of {made} annotations")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench_export")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--annotations", type=int, default=100_000)
    parser.add_argument("--child", nargs=4, metavar=("MODE", "CORPUS", "DB", "OUT"))
    args = parser.parse_args(argv)
    if args.child:
        mode, *paths = args.child
        corpus, db, out = map(Path, paths)
        print(json.dumps((_child_api if mode == "api" else _child_cli)(corpus, db, out)))
        return 0
    with tempfile.TemporaryDirectory(prefix="sorot-bench-export-") as tmp:
        print(json.dumps(measure_export(Path(tmp), args.articles, args.annotations), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The benchmark runs end to end at a tiny size and reports every measurement.

No timing is asserted here: only that each measurement ran and gave numbers.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

EXPECTED = (
    "start to first paint, seeds",
    "start to first paint, 10 articles, first start",
    "start to first paint, 10 articles, second start",
    "peak memory (VmHWM), 10 articles",
    "filter keystroke, the index's query (any thread), 10",
    "filter keystroke in the app (CPU), 10",
    "filter key to last byte (CPU), 10",
    "-word article to first paint",
    "cursor move, Pilot press+pause (CPU)",
    "cursor move: key to last byte (CPU)",
    "cursor move: bytes to the terminal",
    "selection extension: key to last byte (CPU)",
    "selection extension: bytes",
    "page down: bytes to the terminal",
    "TextArea cursor move: bytes",
    "TextArea bytes / sorot bytes per move",
    "TextUnits of the 5,000-word article",
    # tests/bench_store.py
    "build the store: 500 annotations over 10 articles",
    "open the article with 200 annotations (file read)",
    "export 500 annotations, native JSON: time (API)",
    "export 500 annotations: peak memory (API)",
    "export 500: `sorot export`, end to end",
    "save one annotation, the 200-annotation article, 500 in store",
    "save one annotation, random articles, 500 in store",
    "stock TinyDB, 500 annotations in one file: insert one",
    "stock TinyDB insert / sorot save",
    # tests/bench_ner.py
    "-word article (",  # entity recognition, N-word article (N tokens), 1 core
    "entity recognition, 3 corpus articles, 1 core",
    "entity model size (model.crfsuite)",
    "-word article: entities on screen, first time",
    "-word article: entities on screen, again",
)


def test_bench_tiny_reports_every_measurement(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    run = subprocess.run(
        [sys.executable, "-m", "tests.bench", "--size", "tiny", "--json", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(out.read_text("utf-8"))
    assert report["size"] == "tiny"
    assert report["articles"] == 10
    results = report["results"]
    names = [r["name"] for r in results]
    for expected in EXPECTED:
        assert any(expected in name for name in names), (expected, names)
    for result in results:
        assert result["samples"], result["name"]
        numbers = [result["median"], result["p95"], *result["samples"]]
        assert all(isinstance(x, int | float) and math.isfinite(x) for x in numbers), result
        assert result["met"] in (True, False, None)
    table = run.stdout
    assert "measurement" in table and "median" in table
    assert all(name in table for name in names)


SCALE_ROWS = (
    "first index: rows and full text",
    "first index: peak memory (with its workers)",
    "index on disk (rows and full text)",
    "second start to the painted library",
    "app: peak memory (VmHWM)",
    "filter keystroke, UI thread (CPU)",
    "filter keystroke, all threads (CPU)",
    "filter keystroke to its rows on screen",
    "full-text search keystroke, UI thread (CPU)",
    "full-text search keystroke, all threads (CPU)",
    "full-text search keystroke to its rows on screen",
    "filter typed a key every 120 ms: last key to its rows",
    "`sorot search` end to end",
    "`sorot list` end to end",
    "entity pass",
    "entity pass: peak memory (with its workers)",
    "entity pass: storage",
    "sentences for related passages",
)


def test_bench_scale_compares_two_sizes_with_their_growth(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    sizes = ["--size", "scale", "--scale-sizes", "20,40", "--rounds", "1"]
    run = subprocess.run(
        [sys.executable, "-m", "tests.bench", *sizes, "--json", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads((tmp_path / "bench-scale.json").read_text("utf-8"))
    assert report["sizes"] == [20, 40]
    for size in ("20", "40"):
        names = [row["name"] for row in report["columns"][size]]
        assert all(name in names for name in SCALE_ROWS), names
        for row in report["columns"][size]:
            assert row["samples"] and all(math.isfinite(x) for x in row["samples"]), row
    table = run.stdout
    assert "growth" in table and all(name in table for name in SCALE_ROWS)

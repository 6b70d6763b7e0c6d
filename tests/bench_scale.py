"""The benchmark at newsroom scale: ``python -m tests.bench --size scale``.

Runs the corpus measurements at 10,000 and at 100,000 generated articles
(``--scale-sizes`` for others) and prints one table with both columns, the
growth factor between them and the targets of issue #13. Every figure comes
from the real commands and the real app:

* ``sorot index --no-entities``: the first index (library rows and full
  text), its time and peak memory (the process and its workers together),
  and the index's size on disk;
* the app spawned in a pseudo-terminal on the indexed corpus: the second
  start to the painted library, and the app's peak memory;
* the app in a pseudo-terminal again (``tests.bench_typing``), typed into a
  key at a time as a user types (``kim j`` in the filter; ``tentara``, a word
  of nearly every body, for a full-text search): the UI thread's CPU per key
  until its rows are drawn, all threads' CPU, and the time from each key to
  its rows on screen;
* ``sorot search`` and ``sorot list`` end to end, output thrown away;
* the two passes ``sorot index`` runs after indexing, each alone in a process of
  its own (``tests.bench_pass``): finding the entities of every article (its
  time, peak memory with its workers, the entity tables' size), then reading
  their sentences for related passages (time and peak memory).

Generating 100,000 articles takes minutes; ``--corpus-cache DIR`` keeps the
generated corpora between runs (the 10,000 are the first 10,000 of them).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.benchcorpus import write_corpus
from tests.benchreport import Result

REPO = Path(__file__).resolve().parent.parent
SIZES = (10_000, 100_000)
TYPED = "kim j"
"""Typed into the library's filter a key at a time."""
SEARCHED = "tentara"
"""A word of nearly every generated body: the most a search can have to rank."""

TARGETS: dict[str, tuple[float, bool]] = {
    # name: (target, on the 95th percentile)
    "second start to the painted library": (0.5, False),
    "filter keystroke, UI thread (CPU)": (30, True),
    "full-text search keystroke, UI thread (CPU)": (30, True),
    "`sorot search` end to end": (0.5, False),
    "`sorot list` end to end": (2.0, False),
    "first index: rows and full text": (120, False),
    "entity pass": (480, False),
    "entity pass: peak memory (with its workers)": (500, False),
    "entity pass: storage": (100, False),
    "app: peak memory (VmHWM)": (300, False),
}
GROWTH_TARGETS = {"second start to the painted library": 1.5}


# -- processes and their memory ----------------------------------------------------------


class TreeMemory:
    """The peak resident memory of a process and all its descendants, sampled."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        parents: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                parents.setdefault(ppid, []).append(int(entry))
        found, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(parents.get(pid, ()))
        return found

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            total = 0
            for pid in self._tree():
                try:
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmRSS:"):
                            total += int(line.split()[1])
                except OSError:
                    continue
            self.peak = max(self.peak, total)

    def stop(self) -> float:
        """Stop sampling; the peak in MB."""
        self._stop.set()
        self._thread.join()
        return self.peak / 1024


def sorot(*args: object, quiet: bool = True) -> tuple[float, float]:
    """Run ``sorot ARGS``; seconds and peak MB of it and its workers (output thrown away)."""
    return timed("tui.cli", *args, quiet=quiet)


def timed(module: str, *args: object, quiet: bool = True) -> tuple[float, float]:
    """Run ``python -m MODULE ARGS``; seconds and peak MB of it and its workers."""
    command = [sys.executable, "-m", module, *map(str, args)]
    env = dict(os.environ, SOROT_USER="bench")
    start = time.perf_counter()
    proc = subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL if quiet else None,
        stderr=subprocess.PIPE,
    )
    memory = TreeMemory(proc.pid)
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    peak = memory.stop()
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{module} {' '.join(map(str, args))}: {err.decode()[-800:]}")
    return seconds, peak


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def entity_storage_mb(db: Path) -> float:
    """The entity tables' pages (keys, results, postings and their indexes), in MB."""
    (index,) = db.glob("index/corpus-*.sqlite")
    with sqlite3.connect(index) as connection:
        rows = connection.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'entity%' "
            "OR name LIKE 'sqlite_autoindex_entity%'"
        ).fetchone()
    return (rows[0] or 0) / 2**20


# -- one size -------------------------------------------------------------------------------


def corpus_of(size: int, cache: Path | None, tmp: Path) -> Path:
    """A folder of ``size`` generated articles (from ``cache`` when it has them)."""
    home = cache if cache is not None else tmp
    folder = home / f"corpus-{size}"
    marker = folder / ".complete"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"generating {size:,} articles in {folder} …", file=sys.stderr)
        write_corpus(folder, size, random.Random(7))
        marker.write_text("", "utf-8")
    return folder


def measure(
    size: int, corpus: Path, tmp: Path, rounds: int, *, entities: bool = True
) -> dict[str, Result]:
    from tests.bench import spawn_to_paint

    db, config = tmp / f"db-{size}", tmp / f"config-{size}"
    shutil.rmtree(db, ignore_errors=True)
    config.mkdir(parents=True, exist_ok=True)
    out: dict[str, Result] = {}

    def add(name: str, unit: str, samples: list[float]) -> None:
        target, p95 = TARGETS.get(name, (None, False))
        out[name] = Result(name, unit, samples, target, on_p95=p95)

    print(f"  {size:,}: first index …", file=sys.stderr)
    seconds, peak = sorot("index", corpus, "--no-entities", "--db", db)
    add("first index: rows and full text", "s", [seconds])
    add("first index: peak memory (with its workers)", "MB", [peak])
    add("index on disk (rows and full text)", "MB", [folder_mb(db / "index")])
    print(f"  {size:,}: second starts …", file=sys.stderr)
    # The index just written (500 MB at 100,000) is still being flushed to disk by the
    # kernel: a start measured meanwhile measures that flush, not a user's next start.
    os.sync()
    from store.workspace import Workspace

    space = Workspace(db, "bench")
    space.open_corpus([corpus])
    rows = space.row_data(space.rows(space.query(""))[:1])
    title = next(iter(rows.values())).title
    space.database.close()
    starts = [spawn_to_paint(corpus, db, config, title) for _ in range(4)]
    add("second start to the painted library", "s", [t for t, _ in starts[1:]])
    add("app: peak memory (VmHWM)", "MB", [m for _, m in starts[1:]])
    print(f"  {size:,}: typing in the library …", file=sys.stderr)
    from tests.bench_typing import GAP, typing

    figures = typing(corpus, db, size, {"filter": TYPED, "search": SEARCHED}, rounds, TYPED)
    for label, name in (("filter", "filter"), ("search", "full-text search")):
        add(f"{name} keystroke, UI thread (CPU)", "ms", figures[f"{label} cpu"])
        add(f"{name} keystroke, all threads (CPU)", "ms", figures[f"{label} all"])
        add(f"{name} keystroke to its rows on screen", "ms", figures[f"{label} wait"])
    add(
        f"filter typed a key every {GAP * 1000:.0f} ms: last key to its rows",
        "ms",
        figures["quick wait"],
    )
    print(f"  {size:,}: sorot search and list …", file=sys.stderr)
    add(
        "`sorot search` end to end",
        "s",
        [sorot("search", SEARCHED, corpus, "--db", db)[0] for _ in range(5)],
    )
    add("`sorot list` end to end", "s", [sorot("list", corpus, "--db", db)[0] for _ in range(3)])
    if not entities:
        return out
    print(f"  {size:,}: the entity pass …", file=sys.stderr)
    seconds, peak = timed("tests.bench_pass", "entities", corpus, db)
    add("entity pass", "s", [seconds])
    add("entity pass: peak memory (with its workers)", "MB", [peak])
    add("entity pass: storage", "MB", [entity_storage_mb(db)])
    print(f"  {size:,}: the sentences of related passages …", file=sys.stderr)
    seconds, peak = timed("tests.bench_pass", "sentences", corpus, db)
    add("sentences for related passages", "s", [seconds])
    add("sentences for related passages: peak memory", "MB", [peak])
    add("index on disk, all told", "MB", [folder_mb(db / "index")])
    return out


def scale_table(columns: dict[int, dict[str, Result]]) -> str:
    sizes = sorted(columns)
    names = list(dict.fromkeys(name for n in sizes for name in columns[n]))
    head = ["measurement", *(f"{n:,}" for n in sizes), "growth", "target", "met?"]
    rows = [head]
    for name in names:
        results = [columns[n].get(name) for n in sizes]
        if any(r is None for r in results):
            figures = [
                "not run" if r is None else _figure(r.p95 if r.on_p95 else r.median, r.unit)
                for r in results
            ]
            rows.append([name, *figures, "—", "—", "info"])
            continue
        last = results[-1]
        value = [r.p95 if r.on_p95 else r.median for r in results]
        figures = [
            _figure(v, r.unit) + (" (p95)" if r.on_p95 else "")
            for v, r in zip(value, results, strict=True)
        ]
        growth = value[-1] / value[0] if value[0] else float("nan")
        target = "—" if last.target is None else f"< {_figure(last.target, last.unit)}"
        if name in GROWTH_TARGETS:
            target += f", growth < {GROWTH_TARGETS[name]}×"
        met = "info" if last.target is None else "yes" if last.met else "NO"
        if name in GROWTH_TARGETS and growth >= GROWTH_TARGETS[name]:
            met = "NO"
        rows.append([name, *figures, f"{growth:.2f}×", target, met])
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = []
    for number, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells))
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _figure(value: float, unit: str) -> str:
    digits = 3 if unit == "s" else 1
    return f"{value:,.{digits}f} {unit}"


def run(
    sizes: tuple[int, ...],
    cache: Path | None,
    json_path: Path,
    rounds: int,
    entities_upto: int | None = None,
) -> int:
    """Measure every size and print the table; the figures go to ``json_path`` as they come.

    ``entities_upto``: sizes above it skip the entity pass (minutes of the
    recogniser's CPU; its cost per article does not grow with the corpus).
    """
    began, load = time.perf_counter(), os.getloadavg()
    columns: dict[int, dict[str, Result]] = {}
    with tempfile.TemporaryDirectory(prefix="sorot-scale-") as tmp:
        for size in sizes:
            corpus = corpus_of(size, cache, Path(tmp))
            entities = entities_upto is None or size <= entities_upto
            columns[size] = measure(size, corpus, Path(tmp), rounds, entities=entities)
            _save(columns, json_path, began, load)
            print(scale_table(columns), file=sys.stderr)
    print(scale_table(columns))
    seconds = time.perf_counter() - began
    loads = f"load average {load[0]:.2f} at the start, {os.getloadavg()[0]:.2f} at the end"
    print(f"\nscale: {seconds:.0f} s, {loads}; figures in {json_path}", file=sys.stderr)
    return 0


def _save(
    columns: dict[int, dict[str, Result]], json_path: Path, began: float, load: tuple
) -> None:
    report = {
        "size": "scale",
        "sizes": list(columns),
        "seconds": round(time.perf_counter() - began, 1),
        "load_average_start": load,
        "load_average_end": os.getloadavg(),
        "cpus": os.cpu_count(),
        "columns": {
            str(n): [
                {
                    "name": r.name,
                    "unit": r.unit,
                    "samples": r.samples,
                    "median": r.median,
                    "p95": r.p95,
                }
                for r in results.values()
            ]
            for n, results in columns.items()
        },
    }
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(report, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    sys.exit("run it as: python -m tests.bench --size scale")

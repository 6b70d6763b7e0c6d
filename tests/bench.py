"""sorot's benchmark: ``python -m tests.bench [--size tiny|small|full] [--json PATH]``.

Generates its corpus in a temporary folder (``tests/benchcorpus.py``), runs
every function of ``MEASUREMENTS`` (each returns :class:`Result` rows: samples,
a unit, a target), prints one table and writes the same figures as JSON
(``tests/benchreport.py``). To add a measurement, append a function (plain or
``async``) taking the :class:`Bench` to ``MEASUREMENTS``. The annotation store,
its export and stock TinyDB beside it are in ``tests/bench_store.py``; entity
recognition and entities on screen in ``tests/bench_ner.py``; related passages
(the verification desk) in ``tests/bench_claims.py``.

Start-up and memory are measured on the real command in a pseudo-terminal of
120x40. Everything else runs in-process under Textual's Pilot with a driver
that counts the bytes Textual would write to a terminal (one that answers
Textual's synchronized-output query, as modern terminals do), in 256 colours
(``TERM=xterm-256color``, no ``COLORTERM``).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import inspect
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from textual import messages
from textual.app import App
from textual.drivers.headless_driver import HeadlessDriver
from textual.widgets import TextArea

from store.news.loading import load_paths
from store.news.safetext import printable
from store.news.textunits import TextUnits
from store.query import parse_query
from store.workspace import Workspace
from tests.bench_claims import measure_related
from tests.bench_ner import measure_entities_on_screen, measure_recognition
from tests.bench_store import measure_export_all, measure_store_open, measure_store_saves
from tests.bench_typing import COLUMNS, LINES, Terminal
from tests.benchcorpus import SEEDS, top_title, write_corpus, write_long
from tests.benchreport import Result, as_json, table
from tui.app import SorotApp
from tui.screens.reader import ReaderScreen

REPO = Path(__file__).resolve().parent.parent
FILTER_QUERY = "kim j"
"""Typed one key at a time; the catalog is also asked for each prefix of it."""


@dataclass(frozen=True)
class Size:
    articles: int
    starts: int  # seeds start-ups (the corpus gets max(2, starts - 2))
    opens: int
    moves: int
    rounds: int  # filter rounds, text-units builds, recognitions of the long article
    annotations: int  # in the generated store (one article holds 200 of them)
    saves: int  # saves timed into the store, per kind
    inserts: int  # stock TinyDB inserts (each rewrites the whole file)
    ner_articles: int  # corpus articles recognised
    screen_runs: int  # new processes opening the long article for its entities


SIZES = {  # in the order of Size's fields
    "tiny": Size(10, 2, 2, 10, 2, 500, 20, 3, 3, 1),
    "small": Size(50, 5, 10, 100, 10, 5_000, 60, 3, 10, 2),
    "full": Size(10_000, 5, 10, 200, 10, 100_000, 200, 5, 20, 5),
}


class Bench:
    """What the measurements share: sizes, the generated corpus, temporary folders."""

    def __init__(self, size: Size, tmp: Path, *, generate: bool = True) -> None:
        self.size, self.tmp = size, tmp
        self.corpus, self.long = tmp / "corpus", tmp / "long"
        self.articles = []
        if generate:  # a child process (``alone``) finds them written
            write_corpus(self.corpus, size.articles, random.Random(7))
            write_long(self.long, random.Random(7))
            self.articles = load_paths([self.corpus]).articles
        self.long_article = load_paths([self.long]).articles[0]
        # The benchmark's own copy of the corpus (~165 MB of objects at full
        # size) is not the app's: left to the collector, every full collection
        # in an in-process app walked it too, adding tens of ms to an open.
        gc.collect()
        gc.freeze()

    def folder(self, name: str) -> Path:
        path = self.tmp / name
        path.mkdir(parents=True, exist_ok=True)
        return path


def machine_speed() -> float:
    """Millions of turns a second of a fixed pure-Python loop: how fast the machine ran.

    On a shared VM the same work took up to twice as long from one run to the
    next; this row says which kind of run a table comes from.
    """
    start, total = time.perf_counter(), 0
    for number in range(3_000_000):
        total += number & 7
    return 3.0 / (time.perf_counter() - start)


def timed_ms(action: Callable[[], object], times: int) -> list[float]:
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


# -- the real command in a pseudo-terminal --------------------------------------


def spawn_to_paint(path: Path, db: Path, config: Path, title: str) -> tuple[float, float]:
    """Seconds from spawning ``sorot PATH`` until ``title`` is on screen, and VmHWM in MB."""
    needle = printable(title)[:24].encode()  # the start of a row of the library
    start = time.perf_counter()
    terminal = Terminal(path, db, module="tui.cli", config=config)
    try:
        shown = terminal.read_until(needle, 120)
        if shown is None:
            raise TimeoutError(f"no first paint of {path} within 120 s")
        status = Path(f"/proc/{terminal.pid}/status").read_text()
        peak = int(re.search(r"VmHWM:\s*(\d+)", status)[1]) / 1024
        return shown - start, peak
    finally:
        terminal.close()


def _starts(b: Bench, name: str, path: Path, title: str, runs: int) -> list[tuple[float, float]]:
    db, config = b.folder(f"db-{name}"), b.folder(f"config-{name}")
    return [spawn_to_paint(path, db, config, title) for _ in range(runs)]


def measure_start_seeds(b: Bench) -> list[Result]:
    runs = _starts(b, "seeds", SEEDS, top_title(load_paths([SEEDS]).articles), b.size.starts + 1)
    return [Result("start to first paint, seeds", "s", [t for t, _ in runs[1:]], 0.4)]


def measure_start_corpus(b: Bench) -> list[Result]:
    n = f"{len(b.articles):,}"
    runs = _starts(b, "corpus", b.corpus, top_title(b.articles), max(2, b.size.starts - 2) + 1)
    rows = [
        Result(f"start to first paint, {n} articles, first start", "s", [runs[0][0]]),
        Result(f"start to first paint, {n} articles, second start", "s", [t for t, _ in runs[1:]]),
        Result(f"peak memory (VmHWM), {n} articles", "MB", [m for _, m in runs[1:]], 300),
    ]
    rows[1].target = 1.0
    return rows


# -- in-process: Pilot with a driver that counts terminal bytes -----------------


class OpcodeCounter:
    """Counts the Python opcodes the UI thread runs while it is on.

    A figure that does not move with the machine's speed: on a shared VM the
    same keystroke's CPU time varies by half from one minute to the next.
    """

    def __init__(self) -> None:
        self.count = 0

    def _trace(self, frame, event: str, arg: object):
        frame.f_trace_opcodes = True
        if event == "opcode":
            self.count += 1
        return self._trace

    def start(self) -> None:
        self.count = 0
        sys.settrace(self._trace)

    def stop(self) -> None:
        sys.settrace(None)


class CountingDriver(HeadlessDriver):
    """Headless input, but output counted as the bytes a terminal would receive."""

    bytes_written = 0
    last_write_cpu = 0.0
    """``time.thread_time()`` at the last write."""
    counter: OpcodeCounter | None = None
    opcodes_at_write = 0
    """``counter.count`` at the last write, while a counter runs."""
    log: list[tuple[float, str, object, int]] | None = None
    """When a list: every write with its time, the screen shown then and ``opcodes_at_write``."""

    @property
    def is_headless(self) -> bool:
        return False

    def write(self, data: str) -> None:
        self.bytes_written += len(data.encode("utf-8"))
        self.last_write_cpu = time.thread_time()
        if self.counter is not None:
            self.opcodes_at_write = self.counter.count
        if self.log is not None:
            self.log.append((time.perf_counter(), data, self._app.screen, self.opcodes_at_write))

    def start_application_mode(self) -> None:
        super().start_application_mode()
        # The answer a modern terminal gives to Textual's "\x1b[?2026$p" query.
        self._app.post_message(messages.TerminalSupportsSynchronizedOutput())


@asynccontextmanager
async def piloted(app: App):
    """Run ``app`` at 120x40 under Pilot with a counting driver; yields (pilot, driver)."""
    app.driver_class = CountingDriver
    # Each app is measured as if alone in its process: what earlier apps left
    # for the collector (a whole 10,000-article library) is not walked again.
    gc.collect()
    gc.freeze()
    async with app.run_test(headless=False, size=(COLUMNS, LINES)) as pilot:
        yield pilot, app._driver


def sorot_app(b: Bench, path: Path, name: str) -> SorotApp:
    config = b.folder(f"config-{name}") / "keymap.toml"
    return SorotApp([path], b.folder(f"db-{name}"), "bench", keymap_file=config)


async def _until(pilot, ready: Callable[[], bool], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError("the app never got ready")
        await pilot.pause()


@dataclass
class Press:
    cpu: float  # ms around Pilot's press(key) and pause(): the key, and Pilot's own waiting
    to_paint: float  # ms from the key until the last byte it made was written (0 if none)
    sent: int  # bytes written to the terminal


async def press(pilot, driver: CountingDriver, key: str) -> Press:
    """Press ``key`` and wait until the app is idle; what it cost.

    CPU is the UI thread's (``thread_time``): the entity indexer works in its own
    thread on a first start, and its time is not what a keystroke costs.
    """
    before, cpu = driver.bytes_written, time.thread_time()
    await pilot.press(key)
    await pilot.pause()
    spent, sent = time.thread_time() - cpu, driver.bytes_written - before
    return Press(spent * 1000, (driver.last_write_cpu - cpu) * 1000 if sent else 0.0, sent)


async def opcodes(pilot, driver: CountingDriver, key: str) -> int:
    """Python opcodes from pressing ``key`` until the last byte it made was written."""
    driver.counter = counter = OpcodeCounter()
    driver.opcodes_at_write = 0
    counter.start()
    try:
        await pilot.press(key)
        await pilot.pause()
    finally:
        counter.stop()
        driver.counter = None
    return driver.opcodes_at_write


def measure_filter_catalog(b: Bench) -> list[Result]:
    space = Workspace(b.folder("db-index"), "bench")
    space.open_corpus([b.corpus])
    space.refresh()
    space.rows(parse_query(""))  # the library has listed once before anyone types
    samples = []
    for end in range(1, len(FILTER_QUERY) + 1):
        samples += timed_ms(
            lambda q=FILTER_QUERY[:end]: space.rows(parse_query(q)), b.size.rounds * 5
        )
    space.database.close()
    n = f"{len(b.articles):,}"
    return [Result(f"filter keystroke, the index's query (any thread), {n}", "ms", samples, 30)]


async def measure_filter_app(b: Bench) -> list[Result]:
    app = sorot_app(b, b.corpus, "filter")
    async with piloted(app) as (pilot, driver):
        await _until(pilot, lambda: app.loaded)
        keys = ["space" if c == " " else c for c in FILTER_QUERY]
        samples = []
        for _ in range(b.size.rounds):
            await pilot.press("slash")
            for key in keys:
                samples.append(await press(pilot, driver, key))
            await pilot.press("escape")
    n = f"{len(b.articles):,}"
    return [
        Result(f"filter keystroke in the app (CPU), {n}", "ms", [p.cpu for p in samples], 30),
        Result(f"filter key to last byte (CPU), {n}", "ms", [p.to_paint for p in samples], 30),
    ]


async def measure_open_long(b: Bench) -> list[Result]:
    app = sorot_app(b, b.long, "open")
    title = printable(b.long_article.title)[:20]
    samples, sent, ops = [], [], []
    async with piloted(app) as (pilot, driver):
        await _until(pilot, lambda: app.loaded)
        for run in range(b.size.opens + 2):
            counted = run >= b.size.opens  # the last two: opcodes, not time
            driver.log, before, start = [], driver.bytes_written, time.perf_counter()
            if counted:
                driver.counter = counter = OpcodeCounter()
                counter.start()
            await pilot.press("enter")
            await _until(pilot, lambda: isinstance(app.screen, ReaderScreen), 10)
            await pilot.pause(0.3)  # and let whatever follows the first paint settle
            if counted:
                counter.stop()
                driver.counter = None
            painted = [
                (t, count)
                for t, data, shown, count in driver.log
                if title in data and shown is app.screen
            ]
            if not painted:
                raise RuntimeError("the reader never painted the article's title")
            if counted:
                ops.append(painted[0][1])
            else:
                sent.append(driver.bytes_written - before)
                samples.append((painted[0][0] - start) * 1000)
            driver.log = None
            await pilot.press("q")
            await pilot.pause()
    words = f"{b.long_article.word_count:,}"
    return [
        Result(f"open the {words}-word article to first paint", "ms", samples, 50),
        Result(f"open the {words}-word article: Python opcodes to first paint", "ops", ops),
        Result(f"open the {words}-word article: bytes in 0.3 s", "B", sent),
    ]


async def measure_cursor(b: Bench) -> list[Result]:
    app = sorot_app(b, b.long, "moves")
    async with piloted(app) as (pilot, driver):
        await _until(pilot, lambda: app.loaded)
        await pilot.press("enter")
        await pilot.pause()
        ours = [await press(pilot, driver, "l") for _ in range(b.size.moves)]
        ours_ops = [await opcodes(pilot, driver, "l") for _ in range(max(3, b.size.moves // 10))]
        await pilot.press("v")  # a selection: each move now extends it
        await pilot.pause()
        extend = [await press(pilot, driver, "l") for _ in range(b.size.moves // 2)]
        extend_ops = [await opcodes(pilot, driver, "l") for _ in range(max(3, b.size.moves // 10))]
        await pilot.press("escape")
        await pilot.pause()
        pages = [(await press(pilot, driver, "pagedown")).sent for _ in range(5)]
        # What Pilot's press and pause cost by themselves: a key nothing is bound to.
        floor = [(await press(pilot, driver, "f12")).cpu for _ in range(b.size.moves // 10)]

    class Plain(App[None]):
        def compose(self):
            area = TextArea(b.long_article.body, read_only=True)
            area.cursor_blink = False  # so that only the move itself is counted
            yield area

    plain = Plain()
    async with piloted(plain) as (pilot, driver):
        plain.query_one(TextArea).focus()
        await pilot.pause()
        theirs = [await press(pilot, driver, "right") for _ in range(b.size.moves)]
        theirs_ops = [
            await opcodes(pilot, driver, "right") for _ in range(max(3, b.size.moves // 10))
        ]
    ours_bytes = Result("cursor move: bytes to the terminal", "B", [p.sent for p in ours], 300)
    theirs_bytes = Result("TextArea cursor move: bytes", "B", [p.sent for p in theirs])
    ratio = theirs_bytes.median / max(1, ours_bytes.median)
    ours_cpu = Result("cursor move: key to last byte (CPU)", "ms", [p.to_paint for p in ours], 2)
    theirs_cpu = Result(
        "TextArea cursor move: key to last byte (CPU)", "ms", [p.to_paint for p in theirs]
    )
    # Both in the same run, so a slow machine slows both: the ratio is what it cannot fake.
    cpu_ratio = theirs_cpu.median / max(1e-6, ours_cpu.median)
    return [
        # Pilot's press and pause cost more than the 2 ms target by themselves (see
        # the floor row), so the target is on key-to-last-byte, what a user waits for.
        Result("cursor move, Pilot press+pause (CPU)", "ms", [p.cpu for p in ours]),
        ours_cpu,
        ours_bytes,
        Result(
            "selection extension: key to last byte (CPU)", "ms", [p.to_paint for p in extend], 2
        ),
        Result("selection extension: bytes", "B", [p.sent for p in extend], 300),
        Result("page down: bytes to the terminal", "B", pages),
        Result("unbound key in the reader (CPU; Pilot's floor)", "ms", floor),
        Result("TextArea cursor move (CPU)", "ms", [p.cpu for p in theirs]),
        theirs_cpu,
        theirs_bytes,
        Result("TextArea CPU / sorot CPU per move", "×", [cpu_ratio]),
        Result("cursor move: Python opcodes, key to last byte", "ops", ours_ops),
        Result("selection extension: Python opcodes, key to last byte", "ops", extend_ops),
        Result("TextArea cursor move: Python opcodes", "ops", theirs_ops),
        Result(
            "TextArea opcodes / sorot opcodes per move",
            "×",
            [statistics.median(theirs_ops) / max(1, statistics.median(ours_ops))],
        ),
        Result("TextArea bytes / sorot bytes per move", "×", [ratio], 20, at_least=True),
    ]


def measure_text_units(b: Bench) -> list[Result]:
    samples = timed_ms(lambda: TextUnits(b.long_article.body), b.size.rounds * 2)
    return [Result("TextUnits of the 5,000-word article", "ms", samples)]


Measurement = Callable[[Bench], list[Result] | Awaitable[list[Result]]]


def alone(measure: Measurement) -> Measurement:
    """``measure`` run in a process of its own, as a user's sorot runs.

    The benchmark's process holds the generated corpus and has run earlier
    apps; the in-process reader measured there ran up to half again slower
    than the same reader in a process of its own, and so did TextArea.
    """

    def run(b: Bench) -> list[Result]:
        size = next(name for name, value in SIZES.items() if value == b.size)
        command = [sys.executable, "-m", "tests.bench", "--size", size]
        command += ["--child", measure.__name__, "--tmp", str(b.tmp)]
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{measure.__name__} failed: {done.stderr.strip()[-600:]}")
        return [Result(**row) for row in json.loads(done.stdout.strip().splitlines()[-1])]

    run.__name__ = measure.__name__
    return run


def _child(name: str, size: Size, tmp: Path) -> int:
    """Run one measurement for ``alone`` and print its rows as JSON."""
    measure = globals()[name]
    rows = measure(Bench(size, tmp, generate=False))
    rows = asyncio.run(rows) if inspect.isawaitable(rows) else rows
    print(json.dumps([asdict(row) for row in rows]))
    return 0


MEASUREMENTS: list[Measurement] = [
    measure_start_seeds,
    measure_start_corpus,
    measure_filter_catalog,
    measure_filter_app,
    alone(measure_open_long),
    alone(measure_cursor),
    measure_text_units,
    measure_store_open,
    measure_export_all,
    measure_store_saves,
    measure_recognition,
    measure_entities_on_screen,
    measure_related,
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--size", choices=[*SIZES, "scale"], default="small")
    parser.add_argument(
        "--scale-sizes",
        default="10000,100000",
        metavar="N,N",
        help="with --size scale: the corpus sizes compared (default 10000,100000)",
    )
    parser.add_argument(
        "--corpus-cache",
        type=Path,
        metavar="DIR",
        help="with --size scale: keep the generated corpora here between runs",
    )
    parser.add_argument(
        "--rounds", type=int, default=8, help="with --size scale: times each word is typed"
    )
    parser.add_argument(
        "--entities-upto",
        type=int,
        metavar="N",
        help="with --size scale: run the entity pass only for sizes up to N",
    )
    parser.add_argument("--json", type=Path, default=Path("bench-results/bench.json"))
    parser.add_argument("--only", metavar="WORD", help="run the measurements named with WORD")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # see alone()
    parser.add_argument("--tmp", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    # The in-process apps see the same terminal as the spawned ones.
    os.environ["TERM"] = "xterm-256color"
    for name in ("COLORTERM", "NO_COLOR"):
        os.environ.pop(name, None)
    if args.child:
        return _child(args.child, SIZES[args.size], args.tmp)
    if args.size == "scale":
        from tests.bench_scale import run

        sizes = tuple(int(n) for n in args.scale_sizes.split(","))
        json_path = args.json.with_name("bench-scale.json")
        return run(sizes, args.corpus_cache, json_path, args.rounds, args.entities_upto)
    began, load = time.perf_counter(), os.getloadavg()
    size = SIZES[args.size]
    results: list[Result] = []
    speed_before = [machine_speed() for _ in range(3)]
    with tempfile.TemporaryDirectory(prefix="sorot-bench-") as tmp:
        print(f"generating {size.articles:,} articles in {tmp} …", file=sys.stderr)
        bench = Bench(size, Path(tmp))
        for measure in MEASUREMENTS:
            if args.only and args.only not in measure.__name__:
                continue
            print(f"{measure.__name__} …", file=sys.stderr)
            rows = measure(bench)
            results.extend(asyncio.run(rows) if inspect.isawaitable(rows) else rows)
            # An app that ends hands every frozen object back to the collector
            # (tui.memory), the benchmark's own corpus too: out of its sight again.
            gc.collect()
            gc.freeze()
    speeds = [speed_before, [machine_speed() for _ in range(3)]]
    for when, samples in zip(("start", "end"), speeds, strict=True):
        results.append(Result(f"machine speed at the {when}: a fixed Python loop", "M/s", samples))
    seconds = time.perf_counter() - began
    print(table(results))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    report = as_json(
        results,
        size=args.size,
        articles=size.articles,
        annotations=size.annotations,
        seconds=round(seconds, 1),
        load_average_start=load,
        terminal=f"{COLUMNS}x{LINES} xterm-256color",
    )
    args.json.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    loads = f"load average {load[0]:.2f} at the start, {os.getloadavg()[0]:.2f} at the end"
    print(f"\n{args.size}: {seconds:.0f} s, {loads}; figures in {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

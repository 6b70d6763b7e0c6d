"""Entities for the benchmark (``tests/bench.py``): recognition speed, model size, on screen.

- Recognition: ``store.entities.recognise`` over the generated 5,000-word
  article and some corpus articles, the model loaded beforehand, the thread
  pinned to one CPU. Tokens are the recogniser's own
  (``store.entities.tokens.tokenize``: words, numbers and each punctuation
  mark), per second of this thread's CPU time (``time.thread_time``), so
  another process on the machine does not count against it.
- The shipped model's size (``store/entities/model.crfsuite``).
- Entities on screen after opening the 5,000-word article:
  from ``app.open_article`` until
  the reader's entity layer is set. The first time runs in a new process
  (``python -m tests.bench_ner --child ...``) on an empty data folder: nothing
  cached, the model not loaded, the app's background entity indexer running
  (it pauses while the reader recognises). Then again in the same app
  (memory cache, ``AGAIN`` times), and in a new app on the same data folder
  (disk cache). The corpus is the long article and a few generated ones, so
  that the indexer has other work than the long article.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.benchreport import Result

if TYPE_CHECKING:
    from tests.bench import Bench

REPO = Path(__file__).resolve().parent.parent
RECOGNITION_TARGET = 20_000  # tokens per second on one core
MODEL_TARGET_MB = 10
FIRST_TARGET_MS, AGAIN_TARGET_MS = 500, 50
SCREEN_COMPANIONS = 20
"""Generated articles in the corpus beside the long one (work for the indexer)."""
AGAIN = 3
"""Reopenings of the long article in each new process."""


def _rate(text: str) -> tuple[float, int]:
    from store.entities.recognise import recognise
    from store.entities.tokens import tokenize

    tokens = len(tokenize(text))
    start = time.thread_time()
    recognise(text)
    return tokens / (time.thread_time() - start), tokens


def measure_recognition(b: Bench) -> list[Result]:
    from store.entities.crf import MODEL_PATH
    from store.entities.recognise import recognise

    recognise("Kim Jong Un bertemu Vladimir Putin di Moskow, Rabu (12/6/2024).")  # load all
    cpus = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cpus)})  # this thread only
    try:
        long = [_rate(b.long_article.body) for _ in range(b.size.rounds)]
        corpus = [_rate(a.body) for a in b.articles[: b.size.ner_articles]]
    finally:
        os.sched_setaffinity(0, cpus)
    words = f"{b.long_article.word_count:,}"
    tokens = f"{long[0][1]:,}"
    return [
        Result(
            f"entity recognition, {words}-word article ({tokens} tokens), 1 core",
            "tok/s",
            [rate for rate, _ in long],
            RECOGNITION_TARGET,
            at_least=True,
        ),
        Result(
            f"entity recognition, {len(corpus)} corpus articles, 1 core",
            "tok/s",
            [rate for rate, _ in corpus],
            RECOGNITION_TARGET,
            at_least=True,
        ),
        Result(
            "entity model size (model.crfsuite)",
            "MB",
            [MODEL_PATH.stat().st_size / 2**20],
            MODEL_TARGET_MB,
        ),
    ]


def measure_entities_on_screen(b: Bench) -> list[Result]:
    folder = b.folder("entities-corpus")
    shutil.copy(b.long / "long.txt", folder / "long.txt")
    for path in sorted(b.corpus.glob("*.txt"))[:SCREEN_COMPANIONS]:
        shutil.copy(path, folder / path.name)
    runs = []
    for run in range(b.size.screen_runs):
        data = b.folder(f"db-entities-{run}")
        command = [sys.executable, "-m", "tests.bench_ner", "--child", str(folder), str(data)]
        command.append(b.long_article.id)
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"entities on screen: {done.stderr.strip()[-600:]}")
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    words = f"{b.long_article.word_count:,}"

    def samples(key: str) -> list[float]:
        return [x for r in runs for x in (r[key] if isinstance(r[key], list) else [r[key]])]

    return [
        Result(
            f"{words}-word article: entities on screen, first time (new process, no cache)",
            "ms",
            samples("first"),
            FIRST_TARGET_MS,
        ),
        Result("  its text on screen meanwhile (first time)", "ms", samples("first_text")),
        Result(
            f"{words}-word article: entities on screen, again",
            "ms",
            samples("again"),
            AGAIN_TARGET_MS,
        ),
        Result(f"{words}-word article: entities, new app (disk cache)", "ms", samples("new_app")),
    ]


# -- the child: one app on an empty data folder -----------------------------------


async def _until_drawn(app, started: float) -> tuple[float, float]:
    """Milliseconds until the reader is mounted (text) and until its entity layer is set."""
    from tui.screens.reader import ReaderScreen
    from tui.widgets.article_view import ArticleView

    text = None
    while True:
        now = time.perf_counter()
        screen = app.screen
        views = screen.query(ArticleView) if isinstance(screen, ReaderScreen) else ()
        if views and text is None and screen.is_mounted:
            text = (now - started) * 1000
        if views and views.first().highlights("entities"):
            return text if text is not None else (now - started) * 1000, (now - started) * 1000
        if now - started > 30:
            raise RuntimeError("the entities never appeared")
        await asyncio.sleep(0.0005)


async def _child(folder: Path, data: Path, article_id: str) -> dict[str, float]:
    from tui.app import SorotApp

    times: dict[str, Any] = {}

    async def open_once(app, pilot) -> tuple[float, float]:
        if article_id not in app.workspace.corpus:
            raise RuntimeError(f"{article_id} is not in {folder}")
        started = time.perf_counter()
        app.open_article(article_id)
        drawn = await _until_drawn(app, started)
        await pilot.pause()
        return drawn

    app = SorotApp([folder], data, "bench", keymap_file=data / "none.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.loaded:
            await asyncio.sleep(0.001)
        times["first_text"], times["first"] = await open_once(app, pilot)
        for _ in range(AGAIN):
            await pilot.press("q")
            await pilot.pause()
            times.setdefault("again", []).append((await open_once(app, pilot))[1])
    app = SorotApp([folder], data, "bench", keymap_file=data / "none.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.loaded:
            await asyncio.sleep(0.001)
        times["new_app"] = (await open_once(app, pilot))[1]
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench_ner")
    parser.add_argument("--child", nargs=3, metavar=("CORPUS", "DATA", "ARTICLE_ID"))
    args = parser.parse_args(argv)
    if not args.child:
        parser.error("run by tests/bench.py (python -m tests.bench --only entit)")
    folder, data, article_id = args.child
    print(json.dumps(asyncio.run(_child(Path(folder), Path(data), article_id))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

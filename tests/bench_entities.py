"""How long from opening an article until its entities are on screen (no test).

``python -m tests.bench_entities [--runs N]`` drives the real app headless
with Pilot on the bundled seeds, each run in a fresh process-like state (a
new data folder, the model not yet loaded in this process for the first
run), and prints milliseconds from ``open_article`` until the reader has
drawn its entity layer:

* first open: nothing cached (the recogniser runs, the model may load);
* again: the same article reopened in the same app (memory cache);
* new app: another app instance on the same data folder (disk cache).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.conftest import SEEDS
from tui.app import SorotApp
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView

SEED = "hubungan-militer-rusia-korea-utara-makin-kuat-sinyal-bahaya-88bc236c"  # seed 001


async def _until_drawn(app: SorotApp, started: float) -> tuple[float, float]:
    """Milliseconds until the reader is mounted (text) and until its entity layer is set."""
    text = None
    while True:
        now = time.perf_counter()
        screen = app.screen
        views = screen.query(ArticleView) if isinstance(screen, ReaderScreen) else ()
        if views and text is None and screen.is_mounted:
            text = (now - started) * 1000
        if views and views.first().highlights("entities"):
            return text if text is not None else (now - started) * 1000, (now - started) * 1000
        if now - started > 10:
            raise RuntimeError("entities never appeared")
        await asyncio.sleep(0.0005)


async def _open(app: SorotApp, pilot, article_id: str, times: dict, name: str) -> None:
    started = time.perf_counter()
    app.open_article(article_id)
    text, entities = await _until_drawn(app, started)
    times[f"{name}: text"] = text
    times[f"{name}: entities"] = entities
    await pilot.pause()


async def _run(data: Path, *, wait_for_index: bool) -> dict[str, float]:
    times: dict[str, float] = {}
    app = SorotApp([SEEDS], data, "bench", keymap_file=data / "none.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.loaded:
            await asyncio.sleep(0.001)
        if wait_for_index:
            await app.workers.wait_for_complete()
        await _open(app, pilot, SEED, times, "first")
        await pilot.press("q")
        await pilot.pause()
        await _open(app, pilot, SEED, times, "again")
    app = SorotApp([SEEDS], data, "bench", keymap_file=data / "none.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.loaded:
            await asyncio.sleep(0.001)
        await _open(app, pilot, SEED, times, "new app")
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    results: dict[str, list[float]] = {}
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            # The first run has the model cold; later ones only an empty cache.
            times = asyncio.run(_run(Path(folder) / "data", wait_for_index=False))
        for name, value in times.items():
            label = f"{name} (cold model)" if run == 0 and name.startswith("first") else name
            results.setdefault(label, []).append(value)
    for name, values in results.items():
        print(
            f"{name:<30} median {statistics.median(values):7.1f} ms"
            f"  max {max(values):7.1f} ms  ({len(values)} runs)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

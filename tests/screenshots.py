"""Regenerate ``screenshots/`` from the real app: ``make screenshots``.

``python -m tests.screenshots [FOLDER]`` (default: ``screenshots/``) runs sorot
headless on the bundled seeds with a throwaway data folder, user and keymap,
so the pictures never show anything of the machine they were made on, and
writes one SVG per view, named ``<view>-<width>x<height>.svg``.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from store.news.loading import bundled_corpus
from tests.pilot_helpers import SMALL, WIDE, open_row, workers_done
from tui.app import SorotApp

OUT = Path(__file__).resolve().parent.parent / "screenshots"

READER_KEYS = ("right_parenthesis",) * 3
SEARCH_KEYS = ("slash", *"korea", "enter", "n")

#: name, terminal size, outlet of the article to open (None: stay in the library), keys.
SHOTS: list[tuple[str, tuple[int, int], str | None, tuple[str, ...]]] = [
    ("library", SMALL, None, ()),
    ("library", WIDE, None, ()),
    ("reader", SMALL, "KOMPAS.TV", READER_KEYS),
    ("reader", WIDE, "KOMPAS.TV", READER_KEYS),
    ("search", WIDE, "KOMPAS.TV", SEARCH_KEYS),
]


async def shoot(
    name: str, size: tuple[int, int], outlet: str | None, keys: tuple[str, ...], out: Path
) -> Path:
    """Run the app at ``size``, open ``outlet``'s article, press ``keys``, save an SVG."""
    with tempfile.TemporaryDirectory(prefix="sorot-shots-") as scratch:
        folder = Path(scratch)
        app = SorotApp(
            [bundled_corpus()],
            folder / "data",
            "reader",
            keymap_file=folder / "keymap.toml",
            settings_file=folder / "config.toml",
        )
        async with app.run_test(size=size) as pilot:
            await workers_done(app)
            await pilot.pause()
            if outlet is not None:
                await open_row(app, pilot, outlet)
            await pilot.press(*keys)
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            filename = f"{name}-{size[0]}x{size[1]}.svg"
            return Path(app.save_screenshot(filename, str(out)))


async def main(out: Path = OUT) -> list[Path]:
    """Write every screenshot into ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    return [await shoot(name, size, outlet, keys, out) for name, size, outlet, keys in SHOTS]


if __name__ == "__main__":
    for path in asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)):
        print(path)

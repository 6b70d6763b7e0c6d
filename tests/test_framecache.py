"""FrameCache returns exactly what Textual's StylesCache returns, with less work.

Both caches get the same random history: lines changed and marked dirty,
lines changed without being marked (both must keep the old strip), full
clears, resizes, other backgrounds and crops; after each render the two
answers must be the same strips. A counter checks the point of it: asked
for an unchanged frame, FrameCache renders only the dirty lines.
"""

from __future__ import annotations

import random

from rich.segment import Segment
from rich.style import Style
from textual._styles_cache import StylesCache
from textual.color import Color
from textual.css.styles import Styles
from textual.geometry import Region, Size, Spacing
from textual.strip import Strip

from tui.framecache import FrameCache

HEIGHT = 12


class Content:
    """Lines of text whose renders are counted."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lines = [self.sentence() for _ in range(HEIGHT)]
        self.renders = 0

    def sentence(self) -> str:
        return " ".join(
            self.rng.choice(["Kim", "Putin", "10.000", "tentara", "Rusia"]) for _ in range(4)
        )

    def line(self, y: int) -> Strip:
        self.renders += 1
        colour = ("red", "green", "blue")[len(self.lines[y]) % 3]
        return Strip([Segment(self.lines[y], Style(color=colour))])


def render(cache: StylesCache, content: Content, width: int, crop: Region, background: Color):
    return cache.render(
        Styles(),
        Size(width, HEIGHT),
        Color(0, 0, 0),
        background,
        content.line,
        [],
        None,
        None,
        content_size=Size(width, HEIGHT),
        padding=Spacing(0, 0, 0, 0),
        crop=crop,
        opacity=1.0,
    )


def frame(strips: list[Strip]) -> list[list[Segment]]:
    return [list(strip) for strip in strips]


def test_frame_cache_answers_as_styles_cache_through_a_random_history():
    for seed in range(40):
        rng = random.Random(seed)
        content = Content(rng)
        theirs, ours = StylesCache(), FrameCache()
        width, background = 30, Color(10, 10, 10)
        for _ in range(60):
            step = rng.random()
            if step < 0.35:  # a change Textual is told about
                y = rng.randrange(HEIGHT)
                content.lines[y] = content.sentence()
                for cache in (theirs, ours):
                    cache.set_dirty(Region(rng.randrange(width), y, 1, 1))
            elif step < 0.45:  # a change nobody marked: both keep showing the old line
                content.lines[rng.randrange(HEIGHT)] = content.sentence()
            elif step < 0.5:
                for cache in (theirs, ours):
                    cache.clear()
            elif step < 0.55:
                width = rng.choice([20, 30, 40])
            elif step < 0.6:
                background = Color(rng.randrange(40), 10, 10)
            if rng.random() < 0.8:
                crop = Region(0, 0, width, HEIGHT)
            else:
                top = rng.randrange(HEIGHT)
                left = rng.randrange(width)
                crop = Region(left, top, rng.randint(1, width - left), rng.randint(1, HEIGHT - top))
            expected = frame(render(theirs, content, width, crop, background))
            assert frame(render(ours, content, width, crop, background)) == expected, seed


def test_an_unchanged_frame_renders_only_its_dirty_lines():
    content = Content(random.Random(1))
    cache = FrameCache()
    full = Region(0, 0, 30, HEIGHT)
    background = Color(10, 10, 10)
    render(cache, content, 30, full, background)
    assert content.renders == HEIGHT

    content.renders = 0
    render(cache, content, 30, full, background)
    assert content.renders == 0

    content.lines[4] = "Kim Jong Un bertemu Putin"
    cache.set_dirty(Region(3, 4, 1, 1), Region(9, 4, 2, 1))
    strips = render(cache, content, 30, full, background)
    assert content.renders == 1
    assert strips[4].text.startswith("Kim Jong Un bertemu Putin")

    cache.clear()  # what a full refresh, a resize or a scroll does
    render(cache, content, 30, full, background)
    assert content.renders == 1 + HEIGHT

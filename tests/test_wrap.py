"""Word wrapping that keeps offsets: the fast path agrees with the general one."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest
from rich.cells import cell_len

from tui.wrap import _wrap_by_tokens, _wrap_single_cells, wrap_offsets


def _random_text(rng: random.Random) -> str:
    pieces = []
    for _ in range(rng.randint(0, 60)):
        kind = rng.random()
        if kind < 0.7:
            pieces.append("".join(rng.choice("abcdefghij.,0") for _ in range(rng.randint(1, 12))))
        elif kind < 0.8:
            pieces.append("x" * rng.randint(13, 45))  # wider than narrow lines
        else:
            pieces.append(rng.choice([" ", "  ", "\t", "\n", "   "]))
        pieces.append(" " if rng.random() < 0.8 else "")
    return "".join(pieces)


@pytest.mark.parametrize("seed", range(40))
def test_single_cell_wrapping_matches_the_word_by_word_one(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(25):
        text = _random_text(rng) or "a"
        width = rng.choice([1, 2, 3, 5, 8, 13, 20, 40, 78, 200])
        assert _wrap_single_cells(text, width) == _wrap_by_tokens(text, width), (text, width)


@pytest.mark.parametrize(
    "text",
    [
        "Kim Jong Un bertemu Putin di Pyongyang pada 19/6/2024.",
        "“Kami tidak akan mundur,” kata Menteri Luar Negeri — tegas.",
        "   leading spaces then words",
        "averyveryverylongwordthatmustbecut and more",
        "東京で会談した 北朝鮮と ロシアの 首脳",  # two cells a character
    ],
)
@pytest.mark.parametrize("width", [4, 10, 24])
def test_lines_tile_the_text_and_fit_the_width(text: str, width: int) -> None:
    lines = wrap_offsets(text, width)
    assert lines[0][0] == 0 and lines[-1][1] == len(text)
    for (_, end), (start, _) in pairwise(lines):
        assert end == start
    for start, end in lines:
        assert start < end
        assert cell_len(text[start:end].rstrip()) <= width


def test_empty_text_is_one_empty_line() -> None:
    assert wrap_offsets("", 10) == [(0, 0)]

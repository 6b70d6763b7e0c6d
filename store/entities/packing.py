"""How one article's mentions are stored: packed by the recogniser's worker, finished by
the writer, read back by the cache.

A result is ``json.dumps([CACHE_VERSION, key numbers, flat])`` compressed with
zlib, where ``flat`` holds four numbers a mention: its start as a difference
from the last one, its length, its type's place in ``TYPES`` and its key's
place in the key numbers. The pass's workers do all of it that needs no key
number (:func:`prepack`); the writing process, which shares the cores with
them, only numbers each distinct key and compresses (:func:`finish`).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from typing import NamedTuple

from store.entities.model import TYPES

CACHE_VERSION = 2
"""The layout of a stored result."""


def key_token(key_id: int) -> str:
    """How a key's number is written in ``entity_postings``."""
    return f"k{key_id}"


Span = tuple[int, int, str, str]
"""A mention as the pass sends it back and stores it: ``(start, end, type, key)``."""

_TYPE_NUMBERS = {kind: number for number, kind in enumerate(TYPES)}


class Packed(NamedTuple):
    """One result made ready to store by whoever recognised it (a worker of the pass).

    All of :func:`pack`'s work that needs no key number: what is left for the
    writing process is a look-up per distinct key, not per mention, so that it
    does not take a core's time from the workers. (A tuple: sent back quickly.)
    """

    keys: tuple[str, ...]
    """The distinct keys, in order of first mention (their local numbers)."""
    flat: str
    """The stored list of mentions as JSON: ``[start delta, length, type, local number, …]``."""
    tokens: tuple[int, ...]
    """The local number of each mention's key, in order (the postings)."""
    counts: tuple[tuple[int, str, int], ...]
    """``(local number, type, mentions)``: how often each key is named with each type."""


def prepack(spans: Sequence[Span]) -> Packed:
    """``spans`` packed as far as they can be without the index's key numbers.

    Plain tuples, not :class:`Entity`: the pass stores a million mentions per
    10,000 articles, and making an object of each was a third of its writer's time.
    """
    local: dict[str, int] = {}
    flat: list[int] = []
    tokens: list[int] = []
    counts: dict[tuple[int, str], int] = {}  # (a Counter calls Python for each new pair)
    previous = 0
    for start, end, kind, key in spans:
        index = local.get(key)
        if index is None:
            index = local[key] = len(local)
        flat += (start - previous, end - start, _TYPE_NUMBERS[kind], index)
        previous = start
        tokens.append(index)
        pair = (index, kind)
        counts[pair] = counts.get(pair, 0) + 1
    return Packed(
        tuple(local),
        json.dumps(flat, separators=(",", ":")),
        tuple(tokens),
        tuple((index, kind, n) for (index, kind), n in counts.items()),
    )


def finish(packed: Packed, numbers: Sequence[int]) -> tuple[bytes, str]:
    """The stored blob and the postings' text of ``packed``, its keys being ``numbers``.

    The blob is ``json.dumps([CACHE_VERSION, numbers, flat])`` compressed, written
    here from its parts (the same bytes).
    """
    data = f"[{CACHE_VERSION},[{','.join(map(str, numbers))}],{packed.flat}]".encode()
    names = [key_token(n) for n in numbers]
    return zlib.compress(data, 6), " ".join([names[i] for i in packed.tokens])


def pack(spans: Sequence[Span], key_ids: dict[str, int]) -> tuple[bytes, list[int]]:
    """``spans`` as a stored blob, and the key number of each mention in order."""
    packed = prepack(spans)
    numbers = [key_ids[key] for key in packed.keys]
    return finish(packed, numbers)[0], [numbers[i] for i in packed.tokens]


def unpack(blob: bytes) -> tuple[list[int], list[tuple[int, int, int, int]]]:
    """The key numbers and ``(start, end, type index, key number)`` of each mention."""
    version, numbers, flat = json.loads(zlib.decompress(blob))
    if version != CACHE_VERSION:
        raise ValueError("another layout")
    mentions, position = [], 0
    for i in range(0, len(flat), 4):
        position += flat[i]
        mentions.append((position, position + flat[i + 1], flat[i + 2], numbers[flat[i + 3]]))
    return numbers, mentions

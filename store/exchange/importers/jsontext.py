"""Reading JSON someone else wrote, so that no value in it can hurt sorot.

Python's ``json`` takes ``Infinity`` and ``NaN``, turns ``1e999`` into an
infinite float, refuses a 5,000-digit integer by failing the *whole*
document, and hands back strings with lone surrogates that no UTF-8 file
can hold. Here numbers that are not finite or are absurdly long become a
:data:`BAD_NUMBER` marker, so that only the record holding one is refused
(:func:`check_plain` says so), and the document is read whole otherwise.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from store.annotations.checks import is_unicode

MAX_DEPTH = 24
"""Nesting a record may have: every format sorot reads needs fewer than ten levels."""
MAX_DIGITS = 18
"""Digits of an integer: an offset or an id never needs more."""
MAX_STRING = 2_000_000
"""Characters of any one string in a record."""


class _BadNumber:
    """A number sorot will not take: Infinity, NaN, 1e999, or too many digits."""

    def __repr__(self) -> str:
        return "BAD_NUMBER"


BAD_NUMBER = _BadNumber()


def _int(text: str) -> Any:
    return BAD_NUMBER if len(text.lstrip("-")) > MAX_DIGITS else int(text)


def _float(text: str) -> Any:
    value = float(text) if len(text) <= 64 else math.inf
    return value if math.isfinite(value) else BAD_NUMBER


DECODER = json.JSONDecoder(
    parse_int=_int, parse_float=_float, parse_constant=lambda _name: BAD_NUMBER
)


def loads(text: str) -> Any:
    """``text`` as JSON, with bad numbers marked (``json.JSONDecodeError``, ``RecursionError``)."""
    return DECODER.decode(text)


def check_plain(value: Any, depth: int = 0) -> None:
    """``ValueError`` (a phrase) when ``value`` holds a bad number, a lone surrogate,
    a huge string or too deep a nesting."""
    if depth > MAX_DEPTH:
        raise ValueError(f"is nested more than {MAX_DEPTH} levels deep")
    if value is BAD_NUMBER:
        raise ValueError("holds a number sorot does not read (Infinity, NaN or too many digits)")
    if isinstance(value, str):
        if len(value) > MAX_STRING:
            raise ValueError(f"holds a text longer than {MAX_STRING:,} characters")
        if not is_unicode(value):
            raise ValueError("holds text that is not valid Unicode (a lone surrogate)")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            check_plain(key, depth + 1)
            check_plain(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            check_plain(item, depth + 1)

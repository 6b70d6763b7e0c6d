"""Reading JSON someone else wrote, so that no value in it can hurt sorot.

Python's ``json`` takes ``Infinity`` and ``NaN``, turns ``1e999`` into an
infinite float, refuses a 5,000-digit integer by failing the *whole*
document, and hands back strings with lone surrogates that no UTF-8 file
can hold. Here numbers that are not finite or are absurdly long become a
:data:`BAD_NUMBER` marker, so that only the record holding one is refused
(:func:`check_plain` says so), and the document is read whole otherwise.
A document nested deeper than Python's recursion allows is refused whole
(``RecursionError``, caught by the importer); each field's own type and
size are checked by ``store.annotations.checks``.
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_DIGITS = 18
"""Digits of an integer: an offset or an id never needs more."""


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


def check_plain(value: Any) -> None:
    """``ValueError`` (a phrase) when ``value`` holds a bad number or a lone surrogate.

    Done by writing the record out as UTF-8 JSON, which is what saving it
    will do: the C encoder finds both in one pass (a recursive walk in Python
    cost a fifth of a large import).
    """
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except TypeError:
        raise ValueError(
            "holds a number sorot does not read (Infinity, NaN or too many digits)"
        ) from None
    except UnicodeEncodeError:
        raise ValueError("holds text that is not valid Unicode (a lone surrogate)") from None
    except (RecursionError, ValueError):
        raise ValueError("is nested too deeply") from None

"""JSON from outside (a scraped file, an import), parsed without a traceback.

``json.loads`` trusts its input further than sorot can: nesting a hundred
thousand deep raises ``RecursionError``, a 5,000-digit integer ``ValueError``,
``NaN`` and ``Infinity`` are read though JSON has no such numbers, and a
``\\ud800`` escape gives a string that cannot be written out again as UTF-8.
:func:`loads` says each of these in one line (:class:`BadJSON`), reads
non-finite numbers as ``null``, and replaces lone surrogates with ``�``,
counting them so that the caller can say so.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 64
"""Deeper nesting is refused: no article or annotation needs more than a few levels."""

_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Only a \u escape can bring a surrogate into parsed JSON: the text itself was decoded.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class BadJSON(ValueError):
    """Text that is not JSON sorot can use, said in one plain line."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None) -> None:
        where = f" (line {line}, column {column})" if line is not None else ""
        super().__init__(f"invalid JSON: {reason}{where}")
        self.reason = reason
        self.line = line
        self.column = column


def _finite(text: str) -> float | None:
    number = float(text)
    return number if math.isfinite(number) else None


def loads(text: str, max_depth: int = MAX_DEPTH) -> tuple[Any, int]:
    """The data in ``text`` and how many lone surrogates were replaced; raises :class:`BadJSON`."""
    try:
        data = json.loads(text, parse_constant=lambda _: None, parse_float=_finite)
    except json.JSONDecodeError as error:
        raise BadJSON(error.msg, error.lineno, error.colno) from None
    except RecursionError:
        raise BadJSON(f"nested more than {max_depth} levels deep") from None
    except ValueError:  # an integer past Python's digit limit
        raise BadJSON("a number has too many digits") from None
    needs_fixing = _SURROGATE_ESCAPE.search(text) is not None
    return _checked(data, max_depth, needs_fixing)


def _checked(data: Any, max_depth: int, fix_surrogates: bool) -> tuple[Any, int]:
    """Walk ``data`` without recursion: its depth checked, lone surrogates replaced."""
    replaced = 0

    def fixed(value: str) -> str:
        nonlocal replaced
        if fix_surrogates and _LONE_SURROGATE.search(value):
            value, count = _LONE_SURROGATE.subn("\ufffd", value)
            replaced += count
        return value

    if isinstance(data, str):
        return fixed(data), replaced
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > max_depth:
            raise BadJSON(f"nested more than {max_depth} levels deep")
        if isinstance(node, dict):
            if fix_surrogates:
                for key in [k for k in node if _LONE_SURROGATE.search(k)]:
                    node[fixed(key)] = node.pop(key)
            for key, value in node.items():
                if isinstance(value, str):
                    node[key] = fixed(value)
                elif isinstance(value, dict | list):
                    stack.append((value, depth + 1))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, str):
                    node[index] = fixed(value)
                elif isinstance(value, dict | list):
                    stack.append((value, depth + 1))
    return data, replaced

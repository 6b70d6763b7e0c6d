"""Literal text search in an article body, for ``/``, ``n`` and ``N``.

The query is plain text, never a regular expression. Each run of whitespace
in it matches any run of whitespace in the body (spaces, NBSP, line and
paragraph breaks), so a phrase is found across a scraped line break. By
default the search uses smart case: it is case-sensitive only when the query
has an uppercase letter.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

Span = tuple[int, int]

_SPACE_RE = re.compile(r"\s+")


def _start(span: Span) -> int:
    return span[0]


def find_all(text: str, query: str, *, case_sensitive: bool | None = None) -> list[Span]:
    """Non-overlapping ``(start, end)`` spans of ``query`` in ``text``, in order.

    ``case_sensitive=None`` means smart case. An empty or whitespace-only
    query finds nothing. Whitespace at the query's ends is kept and must match
    whitespace in the text too (``"ini "`` does not match ``ini.``).
    """
    if not query or query.isspace():
        return []
    if case_sensitive is None:
        case_sensitive = any(c.isupper() for c in query)
    pieces = _SPACE_RE.split(query)
    pattern = r"\s+".join(re.escape(piece) for piece in pieces)
    flags = 0 if case_sensitive else re.IGNORECASE
    return [m.span() for m in re.finditer(pattern, text, flags)]


def next_match(matches: list[Span], pos: int) -> int | None:
    """Index of the first match starting after ``pos``, wrapping to the first (``n``).

    ``None`` when there are no matches.
    """
    if not matches:
        return None
    i = bisect_right(matches, pos, key=_start)
    return i if i < len(matches) else 0


def prev_match(matches: list[Span], pos: int) -> int | None:
    """Index of the last match starting before ``pos``, wrapping to the last (``N``).

    ``None`` when there are no matches.
    """
    if not matches:
        return None
    i = bisect_left(matches, pos, key=_start) - 1
    return i if i >= 0 else len(matches) - 1

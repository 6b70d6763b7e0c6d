"""Placing an imported passage in sorot's text of its article.

Other tools count offsets in their own text: a web page's (Hypothesis), a
task's (Label Studio, doccano), sometimes in UTF-16 units. The quote with
its prefix and suffix is what the passage *is*; offsets are only a hint. So
a passage lands where its quote and context are found; the offsets decide
only between equally good places, and the record's report says when they
pointed elsewhere ("its offsets 1102–1159 pointed elsewhere; placed by its
quote at 690–747").
"""

from __future__ import annotations

from dataclasses import dataclass

from store.annotations.anchoring import place
from store.annotations.annotation import Selector
from store.news.article import Article


class Unplaceable(ValueError):
    """A passage that cannot be put anywhere in its article (the record is refused)."""


@dataclass(frozen=True)
class Placed:
    """Where a passage landed, and what the report says about it ('' when nothing)."""

    selector: Selector | None
    note: str = ""


def moved(start: object, end: object) -> str:
    """The report's words for offsets that did not point at the quote."""
    return f"its offsets {start}–{end} pointed elsewhere"


def _context_fits(body: str, start: int, end: int, prefix: str, suffix: str) -> bool:
    before = body[max(0, start - len(prefix)) : start]
    after = body[end : end + len(suffix)]
    # Context is cut at the text's edge: a shorter match there still fits.
    return prefix.endswith(before) and suffix.startswith(after)


def _occurrences(body: str, exact: str, limit: int = 1000) -> list[int]:
    found, at = [], body.find(exact)
    while at != -1 and len(found) < limit:
        found.append(at)
        at = body.find(exact, at + 1)
    return found


def place_span(
    article: Article | None,
    *,
    exact: str | None,
    prefix: str = "",
    suffix: str = "",
    start: int | None = None,
    end: int | None = None,
) -> Placed:
    """The selector of a passage given by quote and/or offsets (``Unplaceable`` when none).

    Without the article (no corpus given) only a selector that is sound on
    its own is taken: offsets that span exactly its quote (sorot's own exports).
    """
    has_offsets = start is not None and end is not None
    if article is None:
        if exact and has_offsets and end - start == len(exact):  # type: ignore[operator]
            return Placed(Selector(start, end, exact, prefix, suffix))  # type: ignore[arg-type]
        if exact or has_offsets:
            raise Unplaceable("names no article of the corpus to find its passage in")
        return Placed(None)
    body = article.body
    if not exact:
        if not has_offsets:
            return Placed(None)
        if not 0 <= start <= end <= len(body) or start == end:  # type: ignore[operator]
            raise Unplaceable(f"has offsets {start}–{end} outside its article's text")
        return Placed(Selector.from_body(body, start, end))  # type: ignore[arg-type]
    hinted = has_offsets and body[start:end] == exact  # type: ignore[index]
    if hinted and _context_fits(body, start, end, prefix, suffix):  # type: ignore[arg-type]
        return Placed(Selector.from_body(body, start, end))  # type: ignore[arg-type]
    fitting = [
        at
        for at in _occurrences(body, exact)
        if _context_fits(body, at, at + len(exact), prefix, suffix)
    ]
    if hinted and not fitting:
        return Placed(Selector.from_body(body, start, end))  # type: ignore[arg-type]
    if fitting:
        hint = start if has_offsets else 0
        at = min(fitting, key=lambda a: abs(a - hint))  # type: ignore[operator]
        found = Selector.from_body(body, at, at + len(exact))
    else:
        wanted = Selector(start or 0, end or 0, exact, prefix, suffix)
        placement = place(wanted, body)
        if placement.selector is None:
            raise Unplaceable("has a quote that is not in its article's text")
        found = placement.selector
    where = f"{found.start}–{found.end}"
    if has_offsets and (found.start, found.end) != (start, end):
        how = "its quote" if found.exact == exact else "a close match of its quote"
        return Placed(found, f"{moved(start, end)}; placed by {how} at {where}")
    if found.exact != exact:
        return Placed(found, f"placed by a close match of its quote at {where}")
    return Placed(found)

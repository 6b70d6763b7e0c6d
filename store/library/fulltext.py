"""Which sentence of an article its words were found in (the library's and search's snippet).

Free words are full-text search (``store.query.words``); once the index has
said an article matches, :func:`best_sentence` finds the sentence that holds
most of them, ranked by BM25 in a small in-memory FTS5 table with the same
tokenizer, and where each word is in it (``highlight``), as offsets into the
body.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from store.query.words import match_expression, scratch

_START, _END = "\x01", "\x02"


@dataclass(frozen=True)
class Snippet:
    """The sentence of a body that best matches the words, and where the words are in it."""

    start: int
    """Offset of the sentence in the body."""
    end: int
    text: str
    matches: tuple[tuple[int, int], ...]
    """``(start, end)`` of each matched word, as offsets into the body."""

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form (``sorot search --json``)."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "matches": [list(m) for m in self.matches],
        }


def best_sentence(
    words: Sequence[str], body: str, sentences: Sequence[tuple[int, int]]
) -> Snippet | None:
    """The sentence of ``body`` (spans ``sentences``) holding most of ``words``, ranked by BM25.

    ``None`` when no sentence holds any of them (the words were in the title
    or the outlet, say).
    """
    expression = match_expression(words, any_word=True)
    if expression is None or not sentences:
        return None
    connection = scratch()
    connection.execute("DELETE FROM sentence")
    # The markers that ``highlight`` puts around matches must not be in the text itself.
    cleaned = body.replace(_START, " ").replace(_END, " ")
    connection.executemany(
        "INSERT INTO sentence (rowid, text) VALUES (?, ?)",
        ((n, cleaned[start:end]) for n, (start, end) in enumerate(sentences)),
    )
    row = connection.execute(
        "SELECT rowid, highlight(sentence, 0, ?, ?) FROM sentence WHERE sentence MATCH ? "
        "ORDER BY rank LIMIT 1",
        (_START, _END, expression),
    ).fetchone()
    if row is None:
        return None
    start, end = sentences[row[0]]
    return Snippet(start, end, body[start:end], tuple(_marked(row[1], start)))


def _marked(highlighted: str, offset: int) -> list[tuple[int, int]]:
    """The spans between the markers of ``highlighted``, as offsets from ``offset``."""
    spans, position, opened = [], offset, None
    for char in highlighted:
        if char == _START:
            opened = position
        elif char == _END:
            if opened is not None:
                spans.append((opened, position))
            opened = None
        else:
            position += 1
    return spans

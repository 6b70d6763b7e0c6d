"""CoNLL-style files: one token a line, a blank line between sentences.

When a line has several columns (``token POS TAG``), the first is the token
and the last is the tag. CRLF line ends and a UTF-8 byte-order mark are
tolerated. Tags are BIO (``B-PER``, ``I-PER``, ``O``); IOB1 files (an ``I-``
starting an entity) are read as if the ``I-`` were a ``B-``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import compress, count
from pathlib import Path

Sentence = list[tuple[str, str]]
"""``(token, tag)`` pairs; the tag is ``""`` when the file has no tag column."""


def parse(lines: Iterable[str], *, tagged: bool = True) -> Iterator[Sentence]:
    """Sentences of a CoNLL-style text given as lines.

    With ``tagged`` the last column of a line with two or more columns is its
    tag; a line with one column has tag ``"O"``. Without it, every tag is
    ``""`` and only the first column is read. Lines starting with ``-DOCSTART-``
    are skipped.
    """
    sentence: Sentence = []
    for raw in lines:
        line = raw.rstrip("\r\n").lstrip("\ufeff")
        if not line.strip():
            if sentence:
                yield sentence
                sentence = []
            continue
        cols = line.split("\t") if "\t" in line else line.split()
        cols = [c.strip() for c in cols if c.strip()]
        if not cols or cols[0] == "-DOCSTART-":
            continue
        if not tagged:
            sentence.append((cols[0], ""))
        else:
            sentence.append((cols[0], cols[-1] if len(cols) > 1 else "O"))
    if sentence:
        yield sentence


def read(path: str | Path, *, tagged: bool = True) -> list[Sentence]:
    """Every sentence of a CoNLL-style file."""
    with open(path, encoding="utf-8", newline="") as fh:
        return list(parse(fh.read().splitlines(), tagged=tagged))


def spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Entities of a BIO (or IOB1) tag sequence as ``(first, last + 1, type)``.

    This is the conlleval / seqeval reading: an ``I-X`` after anything but
    ``B-X`` or ``I-X`` starts a new entity, and a change of type ends one.
    """
    out: list[tuple[int, int, str]] = []
    begin, kind = -1, ""
    last = -1
    # Most tags are O, which only end an entity that is open: only the others are
    # looked at, and an O before one is seen in the gap since the one looked at last.
    for i in compress(count(), map("O".__ne__, tags)):
        if kind and i > last + 1:
            out.append((begin, last + 1, kind))
            kind = ""
        last = i
        prefix, _, label = tags[i].partition("-")
        starts = prefix == "B" or (prefix == "I" and label != kind)
        if kind and (prefix not in ("B", "I") or starts):
            out.append((begin, i, kind))
            kind = ""
        if prefix in ("B", "I") and starts:
            begin, kind = i, label
    if kind:  # the tags end it
        out.append((begin, last + 1, kind))
    return out


def to_bio(n: int, entities: Iterable[tuple[int, int, str]]) -> list[str]:
    """BIO tags for ``n`` tokens from ``(first, last + 1, type)`` ranges."""
    tags = ["O"] * n
    for first, last, kind in entities:
        for i in range(first, last):
            tags[i] = ("B-" if i == first else "I-") + kind
    return tags


def relabel(tags: list[str], mapping: dict[str, str]) -> list[str]:
    """Rename entity types (``PERSON`` → ``PER``); types mapped to ``""`` become ``O``."""
    out = []
    for tag in tags:
        prefix, _, label = tag.partition("-")
        if prefix not in ("B", "I"):
            out.append("O")
            continue
        new = mapping.get(label, label)
        out.append(f"{prefix}-{new}" if new else "O")
    return out


def format_tagged(sentences: Iterable[list[tuple[str, str]]]) -> str:
    """``token<TAB>tag`` lines, a blank line after each sentence."""
    parts = []
    for sentence in sentences:
        parts.extend(f"{tok}\t{tag}" for tok, tag in sentence)
        parts.append("")
    return "\n".join(parts) + ("\n" if parts else "")

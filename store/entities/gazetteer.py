"""Name lists that sorot ships: places, organisations, people, first names, titles.

The lists in ``data/`` were written for sorot from general knowledge, not
taken from any corpus. ``first_names.txt``, ``titles.txt`` and
``not_names.txt`` are plain word lists. Each line of ``loc.txt``, ``org.txt``
and ``per.txt`` is one entity: its canonical key, then its variants,
separated by ``|``. A form starting with ``?`` is also
an ordinary word (``Medan``, ``Barat``): the model sees it as a feature, but
the gazetteer backoff never adds it on its own. A form starting with ``~`` is
a brand several entities share (``Kompas``): it is recognised, but its key
comes from the article.

Everything is read once, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from itertools import compress, count
from pathlib import Path

DATA = Path(__file__).with_name("data")

#: Gazetteer file per entity type.
FILES: dict[str, str] = {"LOC": "loc.txt", "ORG": "org.txt", "PER": "per.txt"}


@dataclass(frozen=True, slots=True)
class Form:
    """One surface form of a listed entity."""

    text: str
    type: str
    key: str
    ambiguous: bool
    brand: bool = False
    """Shared by several entities (``Kompas``): no key of its own."""


@dataclass
class Gazetteer:
    """All lists, indexed for lookups by surface form and by token sequence."""

    forms: dict[str, list[Form]] = field(default_factory=dict)
    """Surface form (case-sensitive) to the entities it can name."""
    first_names: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    """Weapons and products: never PER/ORG/LOC."""
    place_words: frozenset[str] = frozenset()
    """Single-token place names (used to split ``Rusia-Ukraina``)."""

    def add(self, form: Form) -> None:
        forms = self.forms.setdefault(form.text, [])
        if all(f.type != form.type for f in forms):
            forms.append(form)


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def parse_entry(line: str, type_: str) -> list[Form]:
    """The forms of one gazetteer line (``Key | variant | ?ambiguous``)."""
    parts = [p.strip() for p in line.split("|") if p.strip()]
    key = parts[0].lstrip("?~")
    out = []
    for part in parts:
        ambiguous = part.startswith("?")
        brand = part.startswith("~")
        out.append(Form(part.lstrip("?~"), type_, key, ambiguous, brand))
    return out


@cache
def gazetteer() -> Gazetteer:
    """The shipped lists (read on first call)."""
    gaz = Gazetteer()
    for type_, name in FILES.items():
        for line in _lines(name):
            for form in parse_entry(line, type_):
                gaz.add(form)
    gaz.first_names = frozenset(w for line in _lines("first_names.txt") for w in line.split())
    gaz.titles = frozenset(_lines("titles.txt"))
    gaz.not_names = frozenset(_lines("not_names.txt"))
    gaz.place_words = frozenset(
        text
        for text, forms in gaz.forms.items()
        if " " not in text and any(f.type == "LOC" for f in forms)
    )
    return gaz


@cache
def token_index() -> dict[str, tuple[tuple[int, dict[tuple[str, ...], Form]], ...]]:
    """Gazetteer forms as token sequences, indexed by their first token.

    Under each first token: by length, longest first, the sequences of that length
    and the form of each (the first listed, where one sequence has several), so
    that a place in a text is looked up once per length, not once per form.
    """
    from store.entities.tokens import tokenize  # tokens imports this module

    index: dict[str, list[tuple[tuple[str, ...], Form]]] = {}
    for text, forms in gazetteer().forms.items():
        toks = tuple(t.text for t in tokenize(text))
        if not toks:
            continue
        variants = {toks}
        if len(text) >= 4 and not text.isupper():  # datelines: "PYONGYANG, KOMPAS.TV"
            variants.add(tuple(w.upper() for w in toks))
        for form in forms:
            for seq in variants:
                index.setdefault(seq[0], []).append((seq, form))
    out = {}
    for first, entries in index.items():
        by_length: dict[int, dict[tuple[str, ...], Form]] = {}
        for seq, form in sorted(entries, key=lambda e: -len(e[0])):
            by_length.setdefault(len(seq), {}).setdefault(seq, form)
        out[first] = tuple(by_length.items())
    return out


def match(words: list[str]) -> list[tuple[int, int, Form]]:
    """Longest gazetteer matches in a token sequence, left to right, no overlaps.

    Returns ``(first, last + 1, form)`` token ranges.
    """
    index = token_index()
    out: list[tuple[int, int, Form]] = []
    n = len(words)
    free = 0  # the first token not inside a match
    # Most words start no listed name: only those that may are looked at.
    for i in compress(count(), map(index.__contains__, words)):
        if i < free:
            continue
        for k, forms in index[words[i]]:
            if i + k <= n:
                form = forms.get(tuple(words[i : i + k]))
                if form is not None:
                    out.append((i, i + k, form))
                    free = i + k
                    break
    return out

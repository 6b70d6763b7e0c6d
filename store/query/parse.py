"""Reading a query from its words: ``status:false,misleading speaker:"Kim Jong Un" tentara``.

One parser for every front end. Words are separated by spaces; a value with
spaces is quoted (``speaker:"Kim Jong Un"``) or written with ``-``
(``speaker:kim-jong-un``); commas separate alternatives. A field with a value
it cannot take (``status:unverifed``, ``kind:claimz``, ``since:yesterday``)
or an unknown field (``stauts:false``) is a :class:`QueryError` naming what
it can take: a query never quietly selects nothing because of a typo.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from store.files.settings import CLAIM_TYPES, STATUSES
from store.query.query import HAS_VALUES, KINDS, Query, normal, parse_when


class QueryError(ValueError):
    """A query that cannot be read, said in one plain sentence."""


@dataclass(frozen=True)
class Vocabulary:
    """The values a query's closed fields can take: the team's claim types and statuses."""

    statuses: tuple[str, ...] = STATUSES
    claim_types: tuple[str, ...] = CLAIM_TYPES

    @property
    def default_status(self) -> str:
        """What a claim without a status counts as: the first status."""
        return self.statuses[0] if self.statuses else "unverified"


FIELDS: dict[str, str] = {
    "article": "an article id, or the start of one",
    "has": "claims or notes: articles holding some",
    "no": "claims or notes: articles holding none",
    "entity": "articles naming an entity (key words, - for a space)",
    "kind": "claim, note or entity",
    "type": "a claim type",
    "status": "a claim status",
    "tag": "a tag",
    "speaker": "who makes the claim",
    "annotator": "who made the annotation",
    "since": "annotations created on or after a date (YYYY-MM-DD)",
    "until": "annotations created on or before a date (YYYY-MM-DD)",
    "orphaned": "yes or no: annotations that lost their place in a changed text",
}
"""Every field a query knows, with what it takes (shown in help and errors)."""

_ORPHANED = {"yes": True, "true": True, "no": False, "false": False, "either": None, "any": None}


def field_help() -> str:
    """The fields in one line: ``has: no: entity: …``."""
    return " ".join(f"{name}:" for name in FIELDS)


def _split(text: str) -> Iterator[tuple[str, list[str]]]:
    """Each word of ``text``: its raw form and its comma-separated parts.

    Quotes group spaces and commas into a value; a backslash inside quotes
    keeps the next character. An unclosed quote runs to the end (the user
    may still be typing).
    """
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            return
        start = i
        parts: list[str] = []
        current: list[str] = []
        while i < n and not text[i].isspace():
            char = text[i]
            if char == '"':
                i += 1
                while i < n and text[i] != '"':
                    if text[i] == "\\" and i + 1 < n:
                        i += 1
                    current.append(text[i])
                    i += 1
                i += 1  # the closing quote
                continue
            if char == ",":
                parts.append("".join(current))
                current = []
            else:
                current.append(char)
            i += 1
        parts.append("".join(current))
        yield text[start:i], parts


def _field_of(raw: str) -> tuple[str, str] | None:
    """``(name, rest)`` when ``raw`` has the shape of a field word (``status:…``)."""
    name, colon, rest = raw.partition(":")
    if not colon or not name.isascii() or not name.isalpha() or '"' in name:
        return None
    return name.casefold(), rest


def _one_of(name: str, value: str, known: tuple[str, ...], what: tuple[str, str]) -> str:
    for candidate in known:
        if normal(candidate) == normal(value):
            return candidate
    listed = ", ".join(known)
    raise QueryError(f"{name}:{value} is not a {what[0]}; the {what[1]} are {listed}")


def parse_query(text: str, vocabulary: Vocabulary | None = None) -> Query:
    """The :class:`Query` ``text`` says (``QueryError`` when it cannot be read)."""
    vocabulary = vocabulary or Vocabulary()
    values: dict[str, Any] = {
        "words": [],
        "articles": [],
        "has": [],
        "lacks": [],
        "entities": [],
        "kinds": [],
        "claim_types": [],
        "statuses": [],
        "tags": [],
        "speakers": [],
        "annotators": [],
    }
    single: dict[str, Any] = {}
    for raw, parts in _split(text):
        named = None if raw.startswith('"') else _field_of(raw)
        if named is None:
            word = ",".join(parts)
            if word.strip():
                values["words"].append(word.casefold())
            continue
        name = named[0]
        if name not in FIELDS:
            raise QueryError(
                f"{raw.partition(':')[0]}: is not a filter word; the words are {field_help()}"
            )
        # The field's own text was split with the value: take the name off the first part.
        first = parts[0][len(raw.partition(":")[0]) + 1 :] if not raw.startswith('"') else parts[0]
        given = [v.strip() for v in [first, *parts[1:]] if v.strip()]
        if not given:
            raise QueryError(f"{name}: needs a value ({FIELDS[name]})")
        _take(name, given, values, single, vocabulary)
    return _build(values, single, vocabulary)


def _take(
    name: str,
    given: list[str],
    values: dict[str, Any],
    single: dict[str, Any],
    vocabulary: Vocabulary,
) -> None:
    if name in ("has", "no"):
        for value in given:
            folded = value.casefold()
            plural = folded if folded.endswith("s") else folded + "s"
            if plural not in HAS_VALUES:
                raise QueryError(
                    f"{name}:{value} is not something an article holds; use claims or notes"
                )
            values["has" if name == "has" else "lacks"].append(plural[:-1])
    elif name == "kind":
        for value in given:
            folded = value.casefold()
            singular = "entity" if folded == "entities" else folded.removesuffix("s")
            if singular not in KINDS:
                raise QueryError(f"kind:{value} is not a kind; the kinds are {', '.join(KINDS)}")
            values["kinds"].append(singular)
    elif name == "status":
        values["statuses"] += [
            _one_of(name, v, vocabulary.statuses, ("status", "statuses")) for v in given
        ]
    elif name == "type":
        values["claim_types"] += [
            _one_of(name, v, vocabulary.claim_types, ("claim type", "types")) for v in given
        ]
    elif name == "entity":
        values["entities"].append(tuple(given))
    elif name in ("article", "tag", "speaker", "annotator"):
        values[{"article": "articles"}.get(name, name + "s")] += given
    elif name in ("since", "until"):
        if len(given) > 1:
            raise QueryError(f"{name}: takes one date")
        try:
            parse_when(given[0])
        except ValueError as error:
            raise QueryError(f"{name}:{given[0]}: {error}") from None
        single[name] = given[0]
    elif name == "orphaned":
        folded = given[0].casefold()
        if len(given) > 1 or folded not in _ORPHANED:
            raise QueryError(f"orphaned:{','.join(given)}: say orphaned:yes or orphaned:no")
        single["orphaned"] = _ORPHANED[folded]


def _build(values: dict[str, Any], single: dict[str, Any], vocabulary: Vocabulary) -> Query:
    def unique(items: list[Any]) -> tuple[Any, ...]:
        return tuple(dict.fromkeys(items))

    try:
        return Query(
            **{name: unique(items) for name, items in values.items()},
            **single,
            default_status=vocabulary.default_status,
        )
    except ValueError as error:
        raise QueryError(str(error)) from None

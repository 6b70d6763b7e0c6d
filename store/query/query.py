"""A query: which articles, and which of their annotations, one line of words selects.

A query has two parts. **Article words** narrow the articles, and every one
must hold: free words (full-text search: each is found at the start of a word
of the title, the body, the outlet, section or date; see ``words``),
``article:ID`` (an id or its start), ``has:claims`` / ``has:notes``,
``no:claims`` / ``no:notes``, ``entity:KEY`` (the article names an entity
whose key has a word starting so: ``entity:kim-jong-un``). **Annotation
words** choose annotations: ``kind:``, ``type:``, ``status:``, ``tag:``,
``speaker:``, ``annotator:``, ``since:``, ``until:``, ``orphaned:``; an
annotation must match every field named, and any of the values given for a
field (``status:false,misleading``, or the word twice).

What a query selects, everywhere (the library, ``sorot list --where``,
``sorot export``, saved sets):

- the articles that pass the article words and, when the query has
  annotation words, hold at least one annotation that matches them;
- in those articles, the annotations that match the annotation words (all
  of them when there are none).

``kind:entity`` adds the articles' entities to what is selected (limited to
the keys of ``entity:`` words, when there are some); it keeps every article
that passes the article words, annotated or not.

Values compare case-blind, and ``-``, ``_`` and spaces are one
(``status:mostly-true`` is the status "mostly true"; ``speaker:kim-jong-un``
is "Kim Jong-un").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol

from store.annotations.annotation import Annotation
from store.query.words import fields_match

KINDS = ("claim", "note", "entity")
"""What a query can take: claims, notes, and the articles' entities."""

HAS_VALUES = ("claims", "notes")
"""What ``has:`` and ``no:`` can name."""

_SEPARATORS = re.compile(r"[\s_\-]+")


def normal(value: str) -> str:
    """``value`` as queries compare it: case-blind, ``-``, ``_`` and spaces one."""
    return _SEPARATORS.sub(" ", value.casefold()).strip()


def parse_when(value: str, *, end_of_day: bool = False) -> datetime:
    """An ISO date or date-time as an aware datetime (``ValueError`` when it is neither).

    A bare date is the start of that day, or its last instant with
    ``end_of_day``; a time without a zone is taken as UTC.
    """
    value = value.strip()
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            moment = datetime.combine(day, time.min, UTC)
            return moment + timedelta(days=1, microseconds=-1) if end_of_day else moment
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD) or an ISO date-time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class KeyMatcher(Protocol):
    """Tells whether an ``entity:`` value names an entity key (``store.entities.keys``)."""

    def __call__(self, pattern: str, key: str) -> bool: ...


@dataclass(frozen=True)
class Query:
    """A parsed query: article words and annotation words (see the module's docstring)."""

    words: tuple[str, ...] = ()
    """Free words, case-folded: each must start a word of the article's title, body, outlet,
    section or date (``store.query.words``)."""
    articles: tuple[str, ...] = ()
    """Article ids, or the start of one (any of them)."""
    has: tuple[str, ...] = ()
    """``claim``/``note``: kinds the article must hold."""
    lacks: tuple[str, ...] = ()
    """``claim``/``note``: kinds the article must not hold."""
    entities: tuple[tuple[str, ...], ...] = ()
    """Entity key patterns: the article names a key matching any of each group's."""
    kinds: tuple[str, ...] = ()
    claim_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    """A claim without a status counts as its first status (``unverified``)."""
    tags: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    annotators: tuple[str, ...] = ()
    since: str | None = None
    """Annotations created at or after this date or date-time."""
    until: str | None = None
    """Annotations created at or before this date (its whole day) or date-time."""
    orphaned: bool | None = None
    """``True``: annotations that lost their place; ``False``: placed ones; ``None``: either."""
    default_status: str = field(default="unverified", compare=False)
    """What a claim without a status counts as."""

    def __post_init__(self) -> None:
        # Folded once here, not for each of 100,000 annotations.
        folded = {
            name: frozenset(normal(v) for v in getattr(self, name)) for name in ANNOTATION_LISTS
        }
        object.__setattr__(self, "_normal", folded)
        since = parse_when(self.since) if self.since else None
        until = parse_when(self.until, end_of_day=True) if self.until else None
        if since and until and since > until:
            raise ValueError(f"the date range {self.since} .. {self.until} is empty")
        object.__setattr__(self, "_since", since)
        object.__setattr__(self, "_until", until)
        object.__setattr__(self, "_exact_articles", frozenset(self.articles))

    # -- what it is -----------------------------------------------------------------

    @property
    def is_everything(self) -> bool:
        """True when the query selects every article and every annotation."""
        return not (self.article_words or self.annotation_words) and not self.kinds

    @property
    def article_words(self) -> bool:
        """True when the query narrows the articles by their own fields or entities."""
        return bool(self.words or self.articles or self.has or self.lacks or self.entities)

    @property
    def annotation_words(self) -> bool:
        """True when the query chooses annotations (so an article needs one of them)."""
        chosen_kinds = {k for k in self.kinds if k != "entity"}
        return bool(
            chosen_kinds
            or self.claim_types
            or self.statuses
            or self.tags
            or self.speakers
            or self.annotators
            or self.since
            or self.until
            or self.orphaned is not None
        )

    @property
    def annotation_kinds(self) -> frozenset[str]:
        """The annotation kinds taken (both when the query names none)."""
        named = {k for k in self.kinds if k != "entity"}
        if not named and "entity" not in self.kinds:
            return frozenset({"claim", "note"})
        return frozenset(named)

    @property
    def takes_entities(self) -> bool:
        """True when exported entities belong in the selection (no kind named, or ``entity``)."""
        return not self.kinds or "entity" in self.kinds

    @property
    def lists_all_articles(self) -> bool:
        """True when articles without a chosen annotation belong in the selection too."""
        return "entity" in self.kinds

    @property
    def needs_annotated(self) -> bool:
        """True when only articles holding a chosen annotation are selected."""
        return self.annotation_words and not self.lists_all_articles

    # -- articles -------------------------------------------------------------------

    def takes_article_id(self, article_id: str) -> bool:
        """True when the ``article:`` words let ``article_id`` through."""
        return (
            not self.articles
            or article_id in self._exact_articles  # type: ignore[attr-defined]
            or article_id.startswith(self.articles)
        )

    def takes_fields(self, title: str, body: str = "", meta: str = "") -> bool:
        """True when every free word is in these fields (an article the index does not hold)."""
        return fields_match(self.words, title, body, meta)

    def takes_kinds(self, present: Callable[[str], bool]) -> bool:
        """True when ``has:`` and ``no:`` hold, ``present(kind)`` saying what the article holds."""
        return all(present(k) for k in self.has) and not any(present(k) for k in self.lacks)

    def takes_keys(self, keys: Iterable[str], matcher: KeyMatcher) -> bool:
        """True when the article's entity ``keys`` answer every ``entity:`` word."""
        if not self.entities:
            return True
        keys = list(keys)
        return all(any(matcher(p, k) for p in group for k in keys) for group in self.entities)

    def takes_entity(self, entity: Mapping[str, Any], matcher: KeyMatcher) -> bool:
        """True when an exported entity (``{key, …}``) passes the ``entity:`` words."""
        if not self.entities:
            return True
        key = str(entity.get("key", ""))
        return any(matcher(p, key) for group in self.entities for p in group)

    # -- annotations ----------------------------------------------------------------

    def takes(self, annotation: Annotation) -> bool:
        """True when ``annotation`` matches the annotation words."""
        if annotation.kind not in self.annotation_kinds:
            return False
        if self.orphaned is not None and annotation.orphaned != self.orphaned:
            return False
        wanted = self._normal
        status = annotation.status or (self.default_status if annotation.kind == "claim" else "")
        for name, value in (
            ("claim_types", annotation.claim_type),
            ("statuses", status),
            ("speakers", annotation.speaker),
            ("annotators", annotation.annotator),
        ):
            if wanted[name] and normal(value or "") not in wanted[name]:
                return False
        if wanted["tags"] and not any(normal(t) in wanted["tags"] for t in annotation.tags):
            return False
        return self._in_range(annotation.created)

    def choose(self, annotations: Sequence[Annotation]) -> list[Annotation] | None:
        """The annotations of one article the query takes, or ``None`` when it drops the article.

        Applies the article's ``has:``/``no:`` words (which look at all its
        annotations) and, when the query chooses annotations, drops an
        article that holds none of them.
        """
        if self.has or self.lacks:
            kinds = {a.kind for a in annotations}
            if not self.takes_kinds(kinds.__contains__):
                return None
        chosen = [a for a in annotations if self.takes(a)]
        if not chosen and self.needs_annotated:
            return None
        return chosen

    def select_article(
        self,
        article_id: str,
        words: Callable[[], bool],
        annotations: Sequence[Annotation],
        keys: Callable[[], Iterable[str]],
        matcher: KeyMatcher | None,
    ) -> list[Annotation] | None:
        """The annotations chosen in an article the query selects; ``None`` when it does not.

        ``words()`` says whether the article holds every free word (the corpus
        index's full text, or :meth:`takes_fields`) and is called only when
        there are some; ``keys()`` gives its entity keys and is called only
        when the query has ``entity:`` words (which match nothing without a
        ``matcher``). The library's rows, ``sorot list --where``, ``sorot
        search`` and exports all come down to this rule.
        """
        if not self.takes_article_id(article_id) or (self.words and not words()):
            return None
        chosen = self.choose(annotations)
        if chosen is None:
            return None
        if self.entities and (matcher is None or not self.takes_keys(keys(), matcher)):
            return None
        return chosen

    def _in_range(self, created: str) -> bool:
        since, until = self._since, self._until  # type: ignore[attr-defined]
        if since is None and until is None:
            return True
        try:
            moment = parse_when(created)
        except ValueError:
            return False  # an unreadable date cannot be said to be in any range
        return (since is None or moment >= since) and (until is None or moment <= until)

    # -- combining and showing ------------------------------------------------------

    def narrowed(self, other: Query) -> Query:
        """This query and ``other`` together: article words of both, annotation fields replaced.

        Used where options narrow a saved set: a field ``other`` names takes
        the place of the set's (``--set false-claims --status misleading``).
        """
        changes: dict[str, Any] = {
            "words": self.words + other.words,
            "articles": other.articles or self.articles,
            "has": self.has + other.has,
            "lacks": self.lacks + other.lacks,
            "entities": self.entities + other.entities,
        }
        for name in (*ANNOTATION_LISTS, "since", "until"):
            value = getattr(other, name)
            if value:
                changes[name] = value
        if other.orphaned is not None:
            changes["orphaned"] = other.orphaned
        return replace(self, **changes)

    def __str__(self) -> str:
        """The query as words, in a fixed order; parsing it gives this query back."""
        parts: list[str] = []

        def add(name: str, values: Iterable[str]) -> None:
            values = list(values)
            if values:
                parts.append(f"{name}:{','.join(quote_value(v) for v in values)}")

        add("article", self.articles)
        for kind in self.has:
            parts.append(f"has:{kind}s")
        for kind in self.lacks:
            parts.append(f"no:{kind}s")
        for group in self.entities:
            add("entity", group)
        add("kind", self.kinds)
        add("type", self.claim_types)
        add("status", self.statuses)
        add("tag", self.tags)
        add("speaker", self.speakers)
        add("annotator", self.annotators)
        if self.since:
            parts.append(f"since:{self.since}")
        if self.until:
            parts.append(f"until:{self.until}")
        if self.orphaned is not None:
            parts.append(f"orphaned:{'yes' if self.orphaned else 'no'}")
        parts.extend(quote_value(w) for w in self.words)
        return " ".join(parts)

    def describe(self) -> str:
        """The query for people: its words, or ``everything``."""
        return str(self) or "everything"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: the query's words and each field it sets."""
        data: dict[str, Any] = {"query": str(self)}
        for item in fields(self):
            if item.name.startswith("_") or item.name == "default_status":
                continue
            value = getattr(self, item.name)
            data[item.name] = (
                [list(g) for g in value]
                if item.name == "entities"
                else (list(value) if isinstance(value, tuple) else value)
            )
        return data


ANNOTATION_LISTS = ("kinds", "claim_types", "statuses", "tags", "speakers", "annotators")
"""The annotation fields that hold lists of accepted values."""


def quote_value(value: str) -> str:
    if value and not any(c.isspace() or c in '",' for c in value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

"""The claims board: every claim and claim group of the corpus, figures side by side.

One :class:`BoardItem` per claim group (its appearances in reading order
of date) and per claim in no group. What is shown is what one query
(:mod:`store.query`) selects, by the rule every list of sorot uses
(``Query.select_article``): a group is on the board when the query takes
one of its claims. Each item carries who changed it last and when, the
outlets it appears in, each appearance's speaker and figures, and the
conflicts between appearances' figures (the Friday and the Saturday).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from store.annotations.annotation import Annotation
from store.claims.figure import Figure
from store.claims.figures import Comparison, compare, find_figures
from store.claims.groups import ClaimGroup
from store.query import Query

SORTS = ("updated", "status", "outlets", "conflicts")
"""What the board sorts by: latest change first, status, most outlets, conflicts first."""


@dataclass(frozen=True)
class ArticleFacts:
    """What the board shows of an article: its outlet and dates."""

    outlet: str
    shown_date: str
    """As the library shows it (``~2024-11-30`` when estimated)."""
    day: date | None
    """The day its relative dates are resolved against."""
    words: Callable[[], bool] = lambda: True
    """Whether it holds every free word of the query (the corpus index's full text)."""


@dataclass(frozen=True)
class Appearance:
    """One claim of a group (or a lone claim) in its article."""

    article_id: str
    annotation: Annotation
    outlet: str
    shown_date: str
    figures: tuple[Figure, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``sorot claims --json``)."""
        a = self.annotation
        selector = a.selector
        return {
            "article_id": self.article_id,
            "annotation_id": a.id,
            "outlet": self.outlet or None,
            "published": self.shown_date or None,
            "start": selector.start if selector else None,
            "end": selector.end if selector else None,
            "quote": a.quote,
            "status": a.status,
            "claim_type": a.claim_type,
            "speaker": a.speaker,
            "figures": [f.to_dict() for f in self.figures],
            "updated": a.updated,
            "updated_by": a.updated_by,
        }


@dataclass(frozen=True)
class BoardItem:
    """A claim group with its appearances, or one claim in no group."""

    appearances: tuple[Appearance, ...]
    group: ClaimGroup | None = None
    conflicts: tuple[Comparison, ...] = field(default=())

    @property
    def id(self) -> str:
        """The group's id, or the lone claim's."""
        return self.group.id if self.group else self.appearances[0].annotation.id

    @property
    def title(self) -> str:
        """The group's title, else the claim's quote."""
        if self.group and self.group.title:
            return self.group.title
        return " ".join(self.appearances[0].annotation.quote.split())

    @property
    def status(self) -> str:
        """The group's verdict, else the claim's status."""
        if self.group:
            return self.group.status
        return self.appearances[0].annotation.status or "unverified"

    @property
    def claim_type(self) -> str:
        """The group's type, else the claim's."""
        if self.group and self.group.claim_type:
            return self.group.claim_type
        return self.appearances[0].annotation.claim_type or ""

    @property
    def speakers(self) -> list[str]:
        """Who the appearances say said it, each once."""
        return list(
            dict.fromkeys(a.annotation.speaker for a in self.appearances if a.annotation.speaker)
        )

    @property
    def outlets(self) -> list[str]:
        """The outlets it appears in, each once."""
        return list(dict.fromkeys(a.outlet or a.article_id for a in self.appearances))

    @property
    def updated(self) -> tuple[str, str]:
        """When and by whom it last changed (the group or any appearance)."""
        moments = [(a.annotation.updated, a.annotation.updated_by) for a in self.appearances]
        if self.group:
            moments.append((self.group.updated, self.group.updated_by))
        return max(moments)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``sorot claims --json``)."""
        when, who = self.updated
        return {
            "kind": "group" if self.group else "claim",
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "claim_type": self.claim_type or None,
            "speakers": self.speakers,
            "outlets": self.outlets,
            "updated": when,
            "updated_by": who,
            "revision": self.group.revision if self.group else None,
            "appearances": [a.to_dict() for a in self.appearances],
            "conflicts": [c.to_dict() for c in self.conflicts],
        }


def _conflicts(appearances: Sequence[Appearance]) -> tuple[Comparison, ...]:
    found = []
    for index, first in enumerate(appearances):
        for second in appearances[index + 1 :]:
            found.extend(
                c for c in compare(list(first.figures), list(second.figures)) if c.conflict
            )
    return tuple(found)


def board(
    annotations: Mapping[str, Sequence[Annotation]],
    groups: Mapping[str, ClaimGroup],
    facts: Callable[[str], ArticleFacts | None],
    query: Query | None = None,
    sort: str = "updated",
    keys: Callable[[str], Iterable[str]] = lambda _article_id: (),
    matcher: Any = None,
) -> list[BoardItem]:
    """Every group and lone claim ``query`` selects, sorted by ``sort`` (one of ``SORTS``)."""
    query = query or Query()
    members: dict[str, list[Appearance]] = {}
    lone: list[Appearance] = []
    taken_groups: set[str] = set()
    taken_lone: set[str] = set()
    for article_id, items in annotations.items():
        about = facts(article_id)
        if about is None:
            continue  # not in the open corpus
        claims = [a for a in items if a.kind == "claim"]
        if not claims:
            continue
        chosen = query.select_article(
            article_id, about.words, claims, lambda a=article_id: keys(a), matcher
        )
        chosen_ids = {a.id for a in chosen or ()}
        for claim in claims:
            appearance = Appearance(
                article_id,
                claim,
                about.outlet,
                about.shown_date,
                tuple(find_figures(claim.quote, about.day)),
            )
            if claim.group and claim.group in groups:
                members.setdefault(claim.group, []).append(appearance)
                if claim.id in chosen_ids:
                    taken_groups.add(claim.group)
            else:
                lone.append(appearance)
                if claim.id in chosen_ids:
                    taken_lone.add(claim.id)
    items_found = [
        BoardItem(tuple(sorted(found, key=lambda a: a.shown_date.lstrip("~"))), groups[group_id])
        for group_id, found in members.items()
        if group_id in taken_groups
    ]
    items_found = [
        BoardItem(i.appearances, i.group, _conflicts(i.appearances)) for i in items_found
    ]
    items_found += [BoardItem((a,)) for a in lone if a.annotation.id in taken_lone]
    return sort_items(items_found, sort)


_STATUS_ORDER = {"false": 0, "misleading": 1, "unproven": 2, "checking": 3, "unverified": 4}


def sort_items(items: list[BoardItem], sort: str) -> list[BoardItem]:
    """``items`` sorted by ``sort`` (latest change first for ``updated``)."""
    if sort == "status":
        return sorted(items, key=lambda i: (_STATUS_ORDER.get(i.status, 5), i.status, i.title))
    if sort == "outlets":
        return sorted(items, key=lambda i: (-len(i.outlets), i.title))
    if sort == "conflicts":
        return sorted(items, key=lambda i: (not i.conflicts, -len(i.outlets), i.title))
    return sorted(items, key=lambda i: i.updated, reverse=True)

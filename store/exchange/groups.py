"""Claim groups in exports: one claim stated by several articles, written as one.

The workspace gives an export a :class:`GroupSource`: a group by id and its
members (every claim naming it, with its article, in or out of the set).
Each writer asks it only for the groups its annotations name:

- native JSON: a ``groups`` list after the articles, each group's fields,
  revision and history with its members' ``(article_id, annotation_id)``;
- JSON Lines and CSV: each claim's ``group`` (``group_id`` in CSV);
- ClaimReview: one review per group with a verdict, its ``itemReviewed``
  listing every appearance and naming the earliest as ``firstAppearance``;
- W3C: one annotation per group with a target per appearance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from store.annotations.annotation import Annotation
from store.claims.groups import ClaimGroup
from store.news.article import Article


@dataclass
class GroupSource:
    """The claim groups an export may meet, and their members."""

    group: Callable[[str], ClaimGroup | None]
    members: Callable[[str], Sequence[tuple[Article, Annotation]]]
    """Every claim of the group with its article, earliest article first."""
    seen: set[str] = field(default_factory=set)
    """Groups written so far (each is written once, at its first member)."""

    def first_time(self, group_id: str | None) -> ClaimGroup | None:
        """The group ``group_id`` if it is met for the first time in this export."""
        if not group_id or group_id in self.seen:
            return None
        self.seen.add(group_id)
        return self.group(group_id)


def native_record(group: ClaimGroup, members: Sequence[tuple[Article, Annotation]]) -> dict:
    """A group as the native export writes it."""
    record: dict[str, Any] = group.to_dict()
    record["members"] = [
        {"article_id": article.id, "annotation_id": claim.id} for article, claim in members
    ]
    return record


def first_appearance(members: Sequence[tuple[Article, Annotation]]) -> int:
    """The index of the member whose article is dated earliest (undated ones last)."""
    dates = [
        (article.published or "9999", number) for number, (article, _claim) in enumerate(members)
    ]
    return min(dates)[1] if dates else 0

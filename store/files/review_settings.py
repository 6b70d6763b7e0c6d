"""The ``[claimreview]`` settings: who publishes the reviews, where, on which scale.

A ClaimReview is published by a fact-checking organisation on a page of its
own; schema.org and Google ask for both, and for a rating scale that says
what each verdict means::

    [claimreview]
    organisation = "Cek Fakta Bersama"             # the reviews' author
    organisation_url = "https://cekfakta.example"
    review_url = "https://cekfakta.example/periksa/{id}"   # each review's page
    best_rating = 5
    worst_rating = 1
    open_statuses = ["unverified", "checking"]     # no verdict yet: not published

    [claimreview.ratings]                          # status -> its rating
    "false" = { value = 1, name = "Salah" }
    "misleading" = { value = 2, name = "Menyesatkan" }
    "mostly true" = 4                              # the status is the name
    "unproven" = { name = "Belum terbukti" }       # a verdict with no number

``review_url`` may use ``{id}`` (the claim's uuid), ``{short_id}`` (its first
eight characters) and ``{article_id}``. A status without a rating of its own
is published with its name and no number; the defaults follow Google's
1 (false) to 5 (true) scale and give *unproven* no number, since it says
nothing about how true a claim is.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

PLACEHOLDERS = ("id", "short_id", "article_id")
"""What a review URL template may name."""


@dataclass(frozen=True)
class Rating:
    """What a status means as a ClaimReview rating."""

    name: str
    """``alternateName``: the verdict as readers see it."""
    value: int | None = None
    """``ratingValue`` on the scale, or ``None`` for a verdict with no number."""


DEFAULT_RATINGS: Mapping[str, Rating] = MappingProxyType(
    {
        "false": Rating("False", 1),
        "misleading": Rating("Misleading", 2),
        "mostly true": Rating("Mostly true", 4),
        "true": Rating("True", 5),
        "unproven": Rating("Unproven"),
    }
)
"""The default verdicts: Google's 1 (false) to 5 (true) scale; *unproven* has no number."""


@dataclass(frozen=True)
class ReviewSettings:
    """How claims are published as ClaimReview."""

    organisation: str = ""
    organisation_url: str = ""
    review_url: str = ""
    """A template for each review's page (see the module's docstring); empty: no ``url``."""
    best_rating: int = 5
    worst_rating: int = 1
    ratings: Mapping[str, Rating] = field(default_factory=lambda: DEFAULT_RATINGS)
    open_statuses: tuple[str, ...] = ("unverified", "checking")
    """Statuses that are not a verdict yet: such claims are not published."""

    def rating(self, status: str) -> Rating:
        """The rating of ``status`` (its own name and no number when the scale lacks it)."""
        key = " ".join(status.casefold().split())
        for name, rating in self.ratings.items():
            if " ".join(name.casefold().split()) == key:
                return rating
        return Rating(status)

    def is_verdict(self, status: str | None) -> bool:
        """True for a status that is a verdict (set, and not one of ``open_statuses``)."""
        key = " ".join((status or "").casefold().split())
        return bool(key) and key not in {" ".join(s.casefold().split()) for s in self.open_statuses}

    def url_for(self, annotation_id: str, article_id: str) -> str | None:
        """The review's page, from ``review_url`` (``None`` when there is no template)."""
        if not self.review_url:
            return None
        return self.review_url.format(
            id=annotation_id, short_id=annotation_id[:8], article_id=article_id
        )


def _text(value: Any, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"[claimreview] {what} must be text")
    return value.strip()


def _address(value: str, what: str) -> str:
    if value and not value.startswith(("https://", "http://")):
        raise ValueError(f"[claimreview] {what} must be an http(s) address")
    return value


def _template(value: str) -> str:
    _address(value, "review_url")
    try:
        names = [name for _text, name, _spec, _conv in string.Formatter().parse(value) if name]
    except ValueError as error:
        raise ValueError(f"[claimreview] review_url is not a template ({error})") from None
    for name in names:
        if name not in PLACEHOLDERS:
            known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
            raise ValueError(f"[claimreview] review_url names {{{name}}}; it may use {known}")
    return value


def _number(value: Any, what: str, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"[claimreview] {what} must be a whole number")
    return value


def _ratings(table: Any, best: int, worst: int) -> Mapping[str, Rating]:
    if table is None:
        return DEFAULT_RATINGS
    if not isinstance(table, dict):
        raise ValueError("[claimreview.ratings] must be a table of statuses")
    ratings: dict[str, Rating] = {}
    low, high = min(best, worst), max(best, worst)
    for status, entry in table.items():
        if isinstance(entry, dict):
            name = _text(entry.get("name"), f"ratings.{status}.name") or status
            value = entry.get("value")
        else:
            name, value = status, entry
        if value is not None:
            value = _number(value, f"ratings.{status}", 0)
            if not low <= value <= high:
                raise ValueError(f"[claimreview.ratings] {status} = {value} is off the scale")
        ratings[status] = Rating(name, value)
    return MappingProxyType(ratings)


def parse_review_settings(data: Any) -> ReviewSettings:
    """The ``[claimreview]`` table as settings (``ValueError`` names what is wrong)."""
    if data is None:
        return ReviewSettings()
    if not isinstance(data, dict):
        raise ValueError("[claimreview] must be a table")
    best = _number(data.get("best_rating"), "best_rating", 5)
    worst = _number(data.get("worst_rating"), "worst_rating", 1)
    if best == worst:
        raise ValueError("[claimreview] best_rating and worst_rating must differ")
    statuses = data.get("open_statuses", ["unverified", "checking"])
    if not isinstance(statuses, list) or not all(isinstance(s, str) for s in statuses):
        raise ValueError("[claimreview] open_statuses must be a list of statuses")
    home = _text(data.get("organisation_url"), "organisation_url")
    return ReviewSettings(
        organisation=_text(data.get("organisation"), "organisation"),
        organisation_url=_address(home, "organisation_url"),
        review_url=_template(_text(data.get("review_url"), "review_url")),
        best_rating=best,
        worst_rating=worst,
        ratings=_ratings(data.get("ratings"), best, worst),
        open_statuses=tuple(statuses),
    )

"""Linking passages of several articles into one claim group, splitting one out, one verdict.

Every change goes through the article's :class:`ArticleAnnotations` (the
session's undo history, revisions, field-level conflicts) or the group's
file (:class:`~store.claims.groups.GroupStore`: revisions, history,
conflicts): a passage that is no claim yet becomes one, then names the
group; splitting clears the name; the verdict is set on the group and on
every member claim, a member a colleague changed meanwhile keeping their
value (and said so).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from store.annotations.annotation import Annotation
from store.annotations.article_annotations import ArticleAnnotations
from store.annotations.conflicts import EditConflict
from store.claims.attribution import speaker_of
from store.claims.groups import ClaimGroup, GroupStore
from store.files.jsonfile import StoreError
from store.news.article import Article

TITLE_CHARS = 120
"""A new group is named after its first passage, this long at most (the team renames it)."""

OVERLAP = 0.5
"""A claim covering this share of a passage (or the passage of it) is taken as its claim."""


@dataclass(frozen=True)
class Linked:
    """What linking did: the group, and the two claims now in it."""

    group: ClaimGroup
    first: Annotation
    second: Annotation
    created_group: bool


def claim_at(annotations: ArticleAnnotations, start: int, end: int) -> Annotation | None:
    """The claim of ``annotations`` that covers most of ``[start, end)`` (enough of it)."""
    best: tuple[float, Annotation] | None = None
    for claim in annotations.claims:
        selector = claim.selector
        if selector is None or claim.orphaned:
            continue
        shared = min(end, selector.end) - max(start, selector.start)
        if shared <= 0:
            continue
        share = shared / max(1, min(end - start, selector.end - selector.start))
        if share >= OVERLAP and (best is None or share > best[0]):
            best = (share, claim)
    return best[1] if best else None


def _title(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1] + "…"


class Linker:
    """Claim groups over one data folder, through the articles' own annotations."""

    def __init__(
        self,
        groups: GroupStore,
        annotations_of: Callable[[Article], ArticleAnnotations],
        user: str,
        claim_type: str,
        status: str,
        changed: Callable[[str], None] = lambda _article_id: None,
    ) -> None:
        self.groups = groups
        self._changed = changed
        """Told the id of each article whose annotations a change touched (lists follow)."""
        self._annotations_of_article = annotations_of
        self.user = user
        self.claim_type = claim_type
        """The type a passage made a claim by linking gets (the first of the team's)."""
        self.status = status

    def _edit(self, article: Article, claim: Annotation, **changes: object) -> Annotation:
        try:
            return self._annotations_of_article(article).edit(claim, **changes)
        finally:
            self._changed(article.id)  # a failed edit re-read the file too

    def claim(
        self, article: Article, start: int, end: int, like: Annotation | None = None
    ) -> Annotation:
        """The claim on ``[start, end)`` of ``article``, made (undoably) if there is none."""
        annotations = self._annotations_of_article(article)
        found = claim_at(annotations, start, end)
        if found is not None:
            return found
        made = annotations.add_claim(
            start,
            end,
            claim_type=like.claim_type if like and like.claim_type else self.claim_type,
            status=like.status if like and like.status else self.status,
            speaker=speaker_of(article.body, start, end),  # who the text says said it
        )
        self._changed(article.id)
        return made

    def _join(self, article: Article, claim: Annotation, group: ClaimGroup) -> Annotation:
        changes: dict[str, object] = {"group": group.id}
        if group.status and claim.status != group.status:
            changes["status"] = group.status  # one claim, one verdict
        return self._edit(article, claim, **changes)

    def link(
        self,
        article: Article,
        span: tuple[int, int],
        other: Article,
        other_span: tuple[int, int],
    ) -> Linked:
        """Put the passage ``other_span`` of ``other`` in the group of ``span``'s claim.

        Either passage that is no claim yet becomes one; the first claim's
        group is made if it has none (named after its passage, with its
        status and type). A passage already in another group moves.
        """
        if article.id == other.id:
            raise StoreError("both passages are in one article: a group links articles")
        first = self.claim(article, *span)
        created = False
        group = self.groups.get(first.group) if first.group else None
        if group is None:
            group = self.groups.create(
                ClaimGroup(
                    title=_title(first.quote),
                    status=first.status or self.status,
                    claim_type=first.claim_type,
                    annotator=self.user,
                )
            )
            created = True
            first = self._join(article, first, group)
        second = self.claim(other, *other_span, like=first)
        if second.group != group.id:
            second = self._join(other, second, group)
        return Linked(group, first, second, created)

    def split(self, article: Article, claim: Annotation) -> Annotation:
        """Take ``claim`` out of its group (undoably); its verdict stays its own."""
        if claim.group is None:
            return claim
        return self._edit(article, claim, group=None)

    def set_verdict(
        self,
        group: ClaimGroup,
        status: str,
        members: Iterable[tuple[Article, Annotation]],
    ) -> tuple[ClaimGroup, list[str]]:
        """Set the group's status and every member claim's; what could not be set, in words.

        The group's own field is checked against what the user saw
        (``group.status``): a colleague's different verdict since raises
        :class:`~store.claims.groups.GroupConflict`, nothing written.
        """
        changed = self.groups.update(
            group.id, {"status": status}, by=self.user, base={"status": group.status}
        )
        if changed is None:
            raise StoreError("this claim group was deleted meanwhile; nothing was saved")
        problems = []
        for article, claim in members:
            try:
                self._edit(article, claim, status=status)
            except EditConflict as conflict:
                said = "; ".join(c.describe() for c in conflict.conflicts)
                problems.append(f"{article.outlet or article.id}: {said}")
            except StoreError as error:
                problems.append(f"{article.outlet or article.id}: {error}")
        return changed[1], problems

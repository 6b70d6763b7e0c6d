"""The reader's related passages: the claim under the cursor in other articles.

A mixin of ``ReaderScreen`` (its keys are bound there). ``r`` looks for the
passages of other articles stating the claim under the cursor (or the
selection, or the sentence), in a worker (the first time the corpus's
sentences are read), and lists them in the side panel with their figures
compared. ``Enter`` there opens one, the passage selected; ``ctrl+o`` goes
back to where the jump came from (the app keeps the jump list, also for
articles opened from the entity list); ``g`` links the passage into the
claim's group (making either passage a claim, and the group, as needed).
"""

from __future__ import annotations

import contextlib

from textual import work

from store.claims.related import Related
from store.files.jsonfile import StoreError
from tui.screens.reader_common import FAILED, body_snippet
from tui.widgets.annotation_panel import AnnotationPanel
from tui.widgets.entity_panel import EntityPanel
from tui.widgets.related_panel import RelatedPanel


class RelatedInReader:
    """Related passages of the article being read, and jumps between articles."""

    @property
    def related_panel(self) -> RelatedPanel:
        """The related passages, mounted on first use."""
        found = self.query(RelatedPanel)
        if found:
            return found.first()
        panel = RelatedPanel(id="related-panel")
        self.query_one("#reader-side").mount(panel)
        return panel

    def _related_target(self) -> tuple[int, int] | None:
        """The claim under the cursor, else the selection, else the sentence."""
        annotation = self.annotations.at(self.view.cursor)
        if (
            self.view.selection is None
            and annotation is not None
            and annotation.kind == "claim"
            and annotation.selector is not None
            and not annotation.orphaned
        ):
            return annotation.selector.start, annotation.selector.end
        return self._target()

    def action_related(self) -> None:
        target = self._related_target()
        if target is None:
            self._status("No sentence here to look for in other articles.")
            return
        panel = self.related_panel
        self.query(AnnotationPanel).remove_class("-open")  # the panels share the side
        self.query(EntityPanel).remove_class("-open")
        panel.add_class("-open")
        start, end = target
        self._related_span = target
        panel.pending(self.article.body[start:end])
        self._status("Looking for this claim in the other articles…")
        self._find_related(start, end)

    @work(thread=True, exclusive=True, group="related")
    def _find_related(self, start: int, end: int) -> None:
        desk = self.sorot.workspace.desk
        try:
            found = desk.related(self.article, start, end)
            facts = desk.finder.facts(self.article, start, end)
        except (OSError, StoreError, ValueError) as error:
            self._from_thread(self._related_failed, str(error))
            return
        figures = "; ".join(f.describe() for f in facts.figures)
        self._from_thread(self._related_ready, start, end, found, figures)

    def _related_failed(self, error: str) -> None:
        if self.is_attached:
            self.notify(f"Could not look in the other articles: {error}", severity="error")

    def _related_ready(self, start: int, end: int, found: list[Related], figures: str) -> None:
        if not self.is_attached:
            return
        panel = self.related_panel
        panel.show(self.article.body[start:end], found, figures)
        panel.focus()
        conflicts = sum(1 for r in found if r.conflicts)
        if not found:
            self._status("No other article states this (as far as the words tell).")
            return
        said = f"{len(found)} related passage{'s' if len(found) != 1 else ''}"
        if conflicts:
            said += f" · {conflicts} with conflicting figures"
        self._status(f"{said} · Enter opens one · ctrl+o comes back")

    def on_related_panel_open(self, message: RelatedPanel.Open) -> None:
        related = message.related
        self.sorot.jump_to(related.article_id, related.start, related.end, self._here())

    def on_related_panel_group(self, message: RelatedPanel.Group) -> None:
        """Link the passage shown to the claim asked about (both made claims if need be)."""
        related, span = message.related, self._related_span
        workspace = self.sorot.workspace
        other = workspace.article(related.article_id)
        if span is None or other is None:
            self._status("That article is no longer in the corpus.")
            return
        linked = self._guard(
            "add it to the claim's group",
            lambda: workspace.linker.link(self.article, span, other, (related.start, related.end)),
        )
        if linked is FAILED:
            return
        self.annotations.reload()
        self._redraw_annotations()
        self._status()
        members = sum(
            1 for items in workspace.annotated.values() for a in items if a.group == linked.group.id
        )
        made = "New claim group" if linked.created_group else "Claim group"
        self._status(
            f"{made} “{body_snippet(linked.group.title)}”: {members} passages · "
            f"{related.outlet or related.article_id} added · the board (B) sets its verdict"
        )

    def on_related_panel_leave(self) -> None:
        self.view.focus()

    def _here(self) -> tuple[str, int]:
        return self.article.id, self.view.cursor

    def action_jump_back(self) -> None:
        if not self.sorot.jump_back():
            self._status(
                "No earlier place to go back to (ctrl+o follows Enter on a related "
                "passage and o in the entity list)."
            )

    def land(self, start: int, end: int) -> None:
        """Put the cursor on a passage jumped to, selected so that it stands out."""
        self.view.move_to(start)
        with contextlib.suppress(ValueError):
            self.view.select(start, end)
        self._status(f"“{body_snippet(self.article.body[start:end])}” · ctrl+o goes back")

"""The reader: one article, its cursor, search, and the claims and notes on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from store.annotation import Annotation
from store.article import Article
from store.article_annotations import ArticleAnnotations
from store.jsonfile import StoreError
from tui.highlights import Layer, Span
from tui.screens.claim_form import ClaimFields, ClaimForm
from tui.screens.note_form import NoteForm
from tui.widgets.annotation_panel import AnnotationPanel
from tui.widgets.article_view import ArticleView
from tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from tui.app import SorotApp

FAILED = object()
"""What ``ReaderScreen._guard`` returns when the store refused a change."""

SAVE_DELAY = 1.5
"""Seconds of stillness before the reading position is saved."""

CLAIM_STYLES = {
    "checking": "article-view--claim-checking",
    "true": "article-view--claim-true",
    "mostly true": "article-view--claim-true",
    "false": "article-view--claim-false",
    "misleading": "article-view--claim-misleading",
}
"""Statuses with a colour of their own; other statuses share the plain claim style."""


def plural(count: int, word: str) -> str:
    """``1 claim``, ``2 claims``."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def annotation_style(annotation: Annotation) -> str:
    """The component class an annotation is drawn with."""
    if annotation.kind == "note":
        return "article-view--note"
    return CLAIM_STYLES.get(annotation.status or "", "article-view--claim")


class ReaderScreen(Screen[None]):
    """Shows one article; `q` goes back to the library."""

    BINDINGS = [
        Binding("slash", "search", "Search", id="reader.search", key_display="/"),
        Binding("n", "search_step(1)", "Next match", show=False, id="reader.next-match"),
        Binding("N", "search_step(-1)", "Previous match", show=False, id="reader.prev-match"),
        Binding("c", "claim", "Claim", id="reader.claim"),
        Binding("a", "note", "Note", id="reader.note"),
        Binding("A", "article_note", "Note on article", show=False, id="reader.article-note"),
        Binding("enter", "edit", "Edit", show=False, id="reader.edit"),
        Binding("x,delete", "delete", "Delete", show=False, id="reader.delete"),
        Binding(
            "right_square_bracket", "jump(1)", "Next claim", show=False, id="reader.next-annotation"
        ),
        Binding(
            "left_square_bracket",
            "jump(-1)",
            "Previous claim",
            show=False,
            id="reader.prev-annotation",
        ),
        Binding("u,ctrl+z", "undo", "Undo", show=False, id="reader.undo"),
        Binding("ctrl+r,ctrl+y", "redo", "Redo", show=False, id="reader.redo"),
        Binding("p,tab", "panel", "Panel", id="reader.panel", key_display="p"),
        Binding("R", "refresh", "Reload annotations", show=False, id="reader.refresh"),
        Binding("escape", "escape", "Clear", show=False, id="reader.escape"),
        Binding("q,backspace", "back", "Library", id="reader.back"),
    ]

    def __init__(self, article: Article, annotations: ArticleAnnotations, cursor: int = 0) -> None:
        super().__init__()
        self.article = article
        self.annotations = annotations
        self._start_cursor = cursor
        self._save_timer: Timer | None = None
        self._last_message = ""

    @property
    def sorot(self) -> SorotApp:
        return self.app  # type: ignore[return-value]

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def search(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def panel(self) -> AnnotationPanel:
        return self.query_one(AnnotationPanel)

    def compose(self) -> ComposeResult:
        view = ArticleView(self.article, cursor=self._start_cursor, id="article-view")
        with Horizontal(id="reader-body"):
            yield view
            yield AnnotationPanel(id="annotation-panel")
        yield SearchBar(view, id="search-bar")
        yield Static(id="reader-status")
        yield Footer()

    def on_mount(self) -> None:
        self.view.focus()
        if self.size.width >= 120:
            self.panel.add_class("-open")
        self._redraw_annotations()
        self._status()

    def _status(self, message: str = "") -> None:
        self._last_message = message
        parts = [message] if message else []
        if self.view.selection_anchor is not None:
            parts.insert(0, "SELECT: move to extend · c claim · a note · Esc cancels")
        claims = len(self.annotations.claims)
        notes = sum(1 for a in self.annotations.items if a.kind == "note")
        parts.append(f"{plural(claims, 'claim')} · {plural(notes, 'note')}")
        orphans = len(self.annotations.orphaned)
        if orphans:
            parts.append(f"{orphans} orphaned")
        parts.append(f"{self.article.word_count:,} words")
        self.query_one("#reader-status", Static).update(Text(" · ".join(parts)))

    def _redraw_annotations(self) -> None:
        self.view.set_layer(
            "annotations",
            Layer.of(
                Span(a.selector.start, a.selector.end, annotation_style(a))  # type: ignore[union-attr]
                for a in self.annotations.placed
            ),
        )
        self.panel.show(self.annotations)

    def _guard(self, what: str, action):
        """Run ``action``; on a store error say so in one line and return ``FAILED``."""
        try:
            return action()
        except StoreError as error:
            self.notify(f"Could not {what}: {error}", severity="error", timeout=10)
            return FAILED

    # -- leaving, saving --------------------------------------------------------

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_position)

    @on(ArticleView.SelectionChanged)
    def _selection_changed(self) -> None:
        # Keep what the status line last said ("Claim saved.") when a selection ends.
        self._status(self._last_message)

    def save_position(self) -> None:
        """Remember where the cursor is for the next time this article is opened."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        self.sorot.save_position(self.article, self.view.cursor)

    def action_back(self) -> None:
        self.save_position()
        self.dismiss()

    def action_escape(self) -> None:
        if self.view.clear_selection() or self.search.clear():
            self._status()
        else:
            self.action_back()

    # -- search -----------------------------------------------------------------

    def action_search(self) -> None:
        self.search.open()

    def action_search_step(self, direction: int) -> None:
        self.search.step(direction)

    @on(SearchBar.Status)
    def _search_status(self, message: SearchBar.Status) -> None:
        self._status(message.text)

    # -- claims and notes -------------------------------------------------------

    def _target(self) -> tuple[int, int] | None:
        """The selection, else the sentence under the cursor."""
        selection = self.view.selection
        if selection is not None:
            return selection
        return self.view.units.sentence_at(self.view.cursor)

    def action_claim(self) -> None:
        target = self._target()
        if target is None:
            self.notify("There is no text here to mark as a claim.", severity="warning")
            return
        start, end = target
        settings = self.sorot.settings
        form = ClaimForm(
            self.article.body[start:end],
            settings.claim_types,
            settings.statuses,
            self.sorot.speaker_candidates(self.annotations),
        )

        def done(fields: ClaimFields | None) -> None:
            if fields is None:
                return
            saved = self._guard(
                "save the claim",
                lambda: self.annotations.add_claim(
                    start,
                    end,
                    claim_type=fields.claim_type,
                    status=fields.status,
                    speaker=fields.speaker,
                    tags=fields.tags,
                    note=fields.note,
                ),
            )
            if saved is not FAILED:
                self.view.clear_selection()
                self._changed("Claim saved.")

        self.app.push_screen(form, done)

    def action_note(self) -> None:
        target = self._target()
        if target is None:
            self.action_article_note()
            return
        self._note_form(self.article.body[target[0] : target[1]], target)

    def action_article_note(self) -> None:
        self._note_form(None, None)

    def _note_form(self, quote: str | None, span: tuple[int, int] | None) -> None:
        def done(text: str | None) -> None:
            if text is None:
                return
            saved = self._guard("save the note", lambda: self.annotations.add_note(text, span))
            if saved is not FAILED:
                self.view.clear_selection()
                self._changed("Note saved.")

        self.app.push_screen(NoteForm(quote), done)

    def _changed(self, message: str) -> None:
        self._redraw_annotations()
        self._status(message)
        self.sorot.annotations_changed(self.article.id)

    def edit(self, annotation: Annotation) -> None:
        """Open the form of ``annotation``; saving replaces it (undoable)."""
        if annotation.kind == "note":

            def note_done(text: str | None) -> None:
                if (
                    text is not None
                    and self._guard(
                        "save the note", lambda: self.annotations.edit(annotation, note=text)
                    )
                    is not FAILED
                ):
                    self._changed("Note saved.")

            self.app.push_screen(
                NoteForm(annotation.quote or None, annotation.note, editing=True), note_done
            )
            return
        settings = self.sorot.settings
        current = ClaimFields(
            annotation.claim_type or settings.claim_types[0],
            annotation.status or settings.statuses[0],
            annotation.speaker or "",
            annotation.tags,
            annotation.note,
        )

        def claim_done(fields: ClaimFields | None) -> None:
            if (
                fields is not None
                and self._guard(
                    "save the claim",
                    lambda: self.annotations.edit(
                        annotation,
                        claim_type=fields.claim_type,
                        status=fields.status,
                        speaker=fields.speaker,
                        tags=fields.tags,
                        note=fields.note,
                    ),
                )
                is not FAILED
            ):
                self._changed("Claim saved.")

        self.app.push_screen(
            ClaimForm(
                annotation.quote,
                settings.claim_types,
                settings.statuses,
                self.sorot.speaker_candidates(self.annotations),
                current,
            ),
            claim_done,
        )

    def action_edit(self) -> None:
        annotation = self.annotations.at(self.view.cursor)
        if annotation is None:
            self._status("No claim or note under the cursor: ] jumps to the next one.")
            return
        self.edit(annotation)

    def action_delete(self) -> None:
        annotation = self.annotations.at(self.view.cursor)
        if annotation is None:
            self._status("No claim or note under the cursor.")
            return
        if self._guard("delete", lambda: self.annotations.delete(annotation)) is FAILED:
            return
        self._changed(f"{annotation.kind.capitalize()} deleted · u undoes.")

    def action_jump(self, direction: int) -> None:
        found = self.annotations.next_from(self.view.cursor, direction)
        if found is None or found.selector is None:
            self._status("No claims or notes in this article yet: c marks one.")
            return
        self.view.move_to(found.selector.start)
        self._status(f"{found.kind} · {found.status or ''}".rstrip(" ·"))

    def action_undo(self) -> None:
        change = self._guard("undo", self.annotations.undo)
        if change is not FAILED:
            self._changed(f"Undone: {change.description}." if change else "Nothing to undo.")

    def action_redo(self) -> None:
        change = self._guard("redo", self.annotations.redo)
        if change is not FAILED:
            self._changed(f"Redone: {change.description}." if change else "Nothing to redo.")

    def action_refresh(self) -> None:
        self._guard("reload the annotations", self.annotations.reload)
        self._redraw_annotations()
        self.sorot.annotations_changed(self.article.id)
        self._status("Annotations reloaded.")

    def action_panel(self) -> None:
        panel = self.panel
        if not panel.has_class("-open"):
            panel.add_class("-open")
            panel.focus()
        elif panel.has_focus:
            panel.remove_class("-open")
            self.view.focus()
        else:
            panel.focus()

    @on(AnnotationPanel.Leave)
    def _leave_panel(self) -> None:
        self.view.focus()

    @on(AnnotationPanel.Chosen)
    def _chosen(self, message: AnnotationPanel.Chosen) -> None:
        annotation = self.annotations.get(message.annotation_id)
        if annotation is None:
            return
        if annotation.selector is None or annotation.orphaned:
            self.edit(annotation)
            return
        self.view.focus()
        self.view.move_to(annotation.selector.start)

"""The reader: one article, its cursor, search, and the claims and notes on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, TextArea

from store.annotations.article_annotations import ArticleAnnotations
from store.entities.model import TYPES, Entity
from store.files.jsonfile import StoreError
from store.news.article import Article
from tui.highlights import Layer, Span
from tui.screens.reader_claims import ClaimsAndNotes
from tui.screens.reader_common import FAILED, SAVE_DELAY, annotation_style, plural
from tui.screens.reader_entities import EntitiesInReader
from tui.textual_leaks import forget_retained_render_caches
from tui.widgets.annotation_panel import AnnotationPanel
from tui.widgets.article_view import ArticleView
from tui.widgets.bare import BareColumn, BareRow
from tui.widgets.entity_legend import EntityLegend
from tui.widgets.entity_panel import EntityPanel
from tui.widgets.footer import Footer
from tui.widgets.search_bar import SearchBar
from tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from tui.app import SorotApp


class ReaderScreen(ClaimsAndNotes, EntitiesInReader, Screen[None]):
    """Shows one article; `q` goes back to the library."""

    BLANK = True
    """Its children cover it: its own lines are blank (see ``tui.widgets.bare``)."""

    BINDINGS = [
        # Priority: the app opens the bar and focuses it as the key arrives, so
        # the query typed right behind it goes into the bar, not to the article
        # as commands (check_action lets it through to a focused text field).
        Binding("slash", "search", "Search", id="reader.search", key_display="/", priority=True),
        Binding("n", "search_step(1)", "Next match", show=False, id="reader.next-match"),
        Binding("N", "search_step(-1)", "Previous match", show=False, id="reader.prev-match"),
        Binding("c", "claim", "Claim", id="reader.claim"),
        Binding("a", "note", "Note", id="reader.note"),
        Binding("A", "article_note", "Note on article", show=False, id="reader.article-note"),
        Binding("enter", "edit", "Edit", show=False, id="reader.edit"),
        Binding("S", "status", "Status", id="reader.status"),
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
        Binding("y", "copy", "Copy with citation", show=False, id="reader.copy"),
        *(
            Binding(
                str(number),
                f"toggle_type('{kind}')",
                f"{kind} on/off",
                show=False,
                id=f"reader.toggle-{kind.lower()}",
            )
            for number, kind in enumerate(TYPES, 1)
        ),
        Binding(
            "greater_than_sign",
            "entity_step(1)",
            "Next entity",
            show=False,
            id="reader.next-entity",
            key_display=">",
        ),
        Binding(
            "less_than_sign",
            "entity_step(-1)",
            "Previous entity",
            show=False,
            id="reader.prev-entity",
            key_display="<",
        ),
        Binding("P", "entity_panel", "Entity list", show=False, id="reader.entity-panel"),
        Binding("t", "tag_entity", "Correct entity", show=False, id="reader.tag-entity"),
        Binding("escape", "escape", "Clear", show=False, id="reader.escape"),
        Binding("q,backspace", "back", "Library", id="reader.back"),
    ]

    def __init__(self, article: Article, annotations: ArticleAnnotations, cursor: int = 0) -> None:
        super().__init__()
        self.article = article
        self.annotations = annotations
        self._start_cursor = cursor
        self._auto: list[Entity] | None = None
        """The recogniser's entities (``None`` until they are known)."""
        self.entities: list[Entity] = []
        """The entities shown: the recogniser's with the user's corrections applied."""
        self._visible: list[Entity] = []
        self._visible_starts: list[int] = []
        self._annotations_were_open = False
        self._saved_at: int | None = cursor  # where it opened: nothing to save yet
        self._last_message = ""
        self._entity_list: tuple = ([], lambda _key: {}, lambda article_id: article_id, (), True)
        """What the entity list shows (``EntityPanel.show``'s arguments), mounted or not."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "/" typed into the search bar (or any field) is text.
        return not (action == "search" and isinstance(self.focused, (Input, TextArea)))

    @property
    def sorot(self) -> SorotApp:
        return self.app  # type: ignore[return-value]

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def search(self) -> SearchBar:
        """The search bar, mounted on first use: most reading never searches.

        Each widget mounted with the reader costs its share of styling on every
        open (the bar is an ``Input``, with its own component classes).
        """
        found = self.query(SearchBar)
        if found:
            return found.first()
        bar = SearchBar(self.view, id="search-bar")
        self.query_one("#reader-bars").mount(bar, before=0)
        return bar

    @property
    def panel(self) -> AnnotationPanel:
        return self.query_one(AnnotationPanel)

    @property
    def entity_panel(self) -> EntityPanel:
        """The entity list, mounted on first use (see ``search``)."""
        found = self.query(EntityPanel)
        if found:
            return found.first()
        panel = EntityPanel(id="entity-panel")
        self.query_one("#reader-side").mount(panel)
        panel.show(*self._entity_list)
        return panel

    @property
    def legend(self) -> EntityLegend:
        return self.query_one(EntityLegend)

    def compose(self) -> ComposeResult:
        view = ArticleView(self.article, cursor=self._start_cursor, id="article-view")
        with BareRow(id="reader-body"):
            yield view
            with BareColumn(id="reader-side"):
                yield AnnotationPanel(id="annotation-panel")
        with BareColumn(id="reader-bars"):
            yield EntityLegend(view, id="entity-legend")
            yield StatusLine(id="reader-status")
            yield Footer()

    def on_mount(self) -> None:
        self.set_interval(SAVE_DELAY, self.keep_work)
        self.view.focus()
        if self.size.width >= 120:
            self.panel.add_class("-open")
        self._redraw_annotations()
        self._status()
        self._start_entities()
        self.call_after_refresh(self._offer_draft)

    def on_unmount(self) -> None:
        # Each opening makes a new reader: this one is gone for good, but Textual
        # would keep its widgets' rendered lines (see tui.textual_leaks).
        forget_retained_render_caches()

    def _status(self, message: str = "") -> None:
        self._last_message = message
        parts = [message] if message else []
        if self.view.selection_anchor is not None:
            parts.insert(0, "SELECT: move to extend · c claim · a note · t entity · Esc cancels")
        claims = len(self.annotations.claims)
        notes = sum(1 for a in self.annotations.items if a.kind == "note")
        counts = [f"{plural(claims, 'claim')} · {plural(notes, 'note')}"]
        orphans = len(self.annotations.orphaned)
        if orphans:
            counts.append(f"{orphans} orphaned")
        counts.append(f"{self.article.word_count:,} words")
        said = " · ".join(parts)
        if not self.query_one("#reader-status", StatusLine).say(said, " · ".join(counts)):
            self.sorot.notices.add(said)  # too long for the line: kept whole in the log

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

    @on(ArticleView.SelectionChanged)
    def _selection_changed(self) -> None:
        # Keep what the status line last said ("Claim saved.") when a selection ends.
        self._status(self._last_message)

    def keep_work(self) -> None:
        """Keep the reading position and an open form's unsaved work.

        Run every few seconds by a timer, and when sorot is left: a keystroke
        itself costs nothing here, and a killed process loses at most those seconds.
        """
        self.save_position()
        self.keep_draft()

    def save_position(self) -> None:
        """Remember where the cursor is for the next time this article is opened."""
        if self._saved_at != self.view.cursor:
            self._saved_at = self.view.cursor
            self.sorot.save_position(self.article, self.view.cursor)

    def action_back(self) -> None:
        self.save_position()
        self.dismiss()

    def action_escape(self) -> None:
        searched = self.query(SearchBar)
        if self.view.clear_selection() or (searched and searched.first().clear()):
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

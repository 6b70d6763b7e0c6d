"""The claims board: every claim and claim group of the corpus, and what to check next.

Filtered and sorted with the query language (the library's words:
``status:false speaker:kim geosurvey``), live as colleagues save. ``Enter``
opens the passage highlighted in its article; ``v`` sets a group's (or a
claim's) verdict on it and every appearance; ``x`` takes an appearance out
of its group. Beside it, suggestions: sentences with figures or speakers
that several articles share and no claim covers yet; ``a`` accepts one as
a claim group of all its passages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from store.claims.board import SORTS, BoardItem
from store.claims.groups import GroupConflict
from store.claims.suggestions import Suggestion
from store.files.jsonfile import StoreError
from store.news.safetext import printable
from store.query import Query, QueryError
from tui.screens.reader_common import plural
from tui.widgets.board_list import BoardList, SuggestionList
from tui.widgets.footer import Footer

if TYPE_CHECKING:
    from tui.app import SorotApp


class VerdictPicker(ModalScreen[str | None]):
    """Pick a status for a claim group (Enter), or leave it (Esc)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="verdict.cancel")]

    DEFAULT_CSS = """
    VerdictPicker { align: center middle; }
    VerdictPicker > OptionList { width: 40; height: auto; max-height: 14;
        border: round $primary; }
    """

    def __init__(self, statuses: tuple[str, ...], current: str) -> None:
        super().__init__()
        self.statuses = statuses
        self.current = current

    def compose(self) -> ComposeResult:
        options = [Option(printable(s), id=f"v{i}") for i, s in enumerate(self.statuses)]
        picker = OptionList(*options)
        picker.border_title = "Verdict"
        yield picker

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        if self.current in self.statuses:
            picker.highlighted = self.statuses.index(self.current)
        picker.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.statuses[int(event.option.id[1:])])


class ClaimsBoard(Screen[None]):
    """Every claim and group with its figures side by side; suggestions beside them."""

    BINDINGS = [
        Binding("slash", "filter", "Filter", id="board.filter", key_display="/", priority=True),
        Binding("s", "cycle_sort", "Sort", id="board.sort"),
        Binding("v", "verdict", "Verdict", id="board.verdict"),
        Binding("x", "split", "Split out", id="board.split"),
        Binding("tab", "switch", "Suggestions", id="board.switch"),
        Binding("a", "accept", "Accept", show=False, id="board.accept"),
        Binding("R", "reload", "Reload", show=False, id="board.reload"),
        Binding("escape,q", "back", "Back", id="board.back"),
    ]

    DEFAULT_CSS = """
    ClaimsBoard #board-filter { height: 1; border: none; padding: 0 1; background: $boost; }
    ClaimsBoard #board-filter:focus { background: $primary 20%; }
    ClaimsBoard #board-body { height: 1fr; }
    ClaimsBoard #board-status { height: 1; padding: 0 1; background: $panel; }
    ClaimsBoard.-narrow SuggestionList { display: none; }
    ClaimsBoard.-narrow.-suggesting SuggestionList { display: block; width: 1fr; }
    ClaimsBoard.-narrow.-suggesting BoardList { display: none; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.sort = "updated"
        self.query_text = Query()
        self.problem: str | None = None
        self._message = ""

    @property
    def sorot(self) -> SorotApp:
        return self.app  # type: ignore[return-value]

    @property
    def list(self) -> BoardList:
        return self.query_one(BoardList)

    @property
    def suggestions(self) -> SuggestionList:
        return self.query_one(SuggestionList)

    def compose(self) -> ComposeResult:
        from textual.containers import Horizontal

        yield Input(
            placeholder="Filter: status:false speaker:kim geosurvey type: tag: annotator: …",
            id="board-filter",
            select_on_focus=False,
        )
        with Horizontal(id="board-body"):
            yield BoardList(id="board-list")
            yield SuggestionList(id="board-suggestions")
        yield Static(id="board-status")
        yield Footer()

    def on_mount(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")
        self.list.focus()
        self.refresh_board()
        self.suggestions.pending()
        self._find_suggestions()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")

    # -- the board ----------------------------------------------------------------

    def refresh_board(self) -> None:
        """Read the board again (after a change here or a colleague's save)."""
        current = self.list.current()
        keep = current[2] if current else None
        try:
            items = self.sorot.workspace.board(self.query_text, self.sort)
        except StoreError as error:
            self.notify(printable(str(error)), severity="error", timeout=10)
            items = []
        self.sorot.report_store_problems()
        self.list.show(items, keep)
        self._status()

    def _status(self, message: str | None = None) -> None:
        # What the last action said stays when the board is redrawn (a colleague's save).
        if message is not None:
            self._message = message
        items = self.list.items
        groups = sum(1 for i in items if i.group)
        parts = [self._message] if self._message else []
        if self.problem:
            parts = [self.problem]
        parts.append(f"{plural(groups, 'group')} · {plural(len(items) - groups, 'lone claim')}")
        conflicts = sum(1 for i in items if i.conflicts)
        if conflicts:
            parts.append(f"{conflicts} with conflicting figures")
        parts.append(f"sorted by {self.sort}")
        style = "bold red" if self.problem else ""
        self.query_one("#board-status", Static).update(Text(" · ".join(parts), style))

    @on(Input.Changed, "#board-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        try:
            self.query_text = self.sorot.workspace.query(event.value)
            self.problem = None
        except QueryError as error:
            self.problem = printable(str(error))  # the board keeps the last good query
        self.refresh_board()

    @on(Input.Submitted, "#board-filter")
    def _filter_done(self) -> None:
        if not self.problem:
            self.list.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "filter" and isinstance(self.focused, Input))

    def action_filter(self) -> None:
        self.set_focus(self.query_one("#board-filter", Input))

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._message = ""
        self.refresh_board()

    def action_back(self) -> None:
        box = self.query_one("#board-filter", Input)
        if self.focused is box and box.value:
            box.value = ""
            return
        self.dismiss()

    def action_reload(self) -> None:
        workspace = self.sorot.workspace
        self.sorot.live.arrived(set(workspace.annotated) | set(workspace.store.article_ids()))
        self.refresh_board()

    @on(OptionList.OptionSelected, "#board-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        current = self.list.current()
        if current is None:
            return
        appearance = current[1]
        selector = appearance.annotation.selector
        if selector is None or appearance.annotation.orphaned:
            self.notify("That claim's passage is no longer in its article's text.")
            return
        self.sorot.open_passage(appearance.article_id, selector.start, selector.end)

    # -- verdicts and splitting ----------------------------------------------------

    def action_verdict(self) -> None:
        current = self.list.current()
        if current is None:
            return
        item = current[0]

        def chosen(status: str | None) -> None:
            if status is not None and status != item.status:
                self._set_verdict(item, status)

        self.app.push_screen(VerdictPicker(self.sorot.settings.statuses, item.status), chosen)

    def _set_verdict(self, item: BoardItem, status: str) -> None:
        workspace = self.sorot.workspace
        members = []
        for appearance in item.appearances:
            article = workspace.article(appearance.article_id)
            if article is not None:
                members.append((article, appearance.annotation))
        try:
            if item.group is not None:
                _group, problems = workspace.linker.set_verdict(item.group, status, members)
            else:
                problems = []
                article, claim = members[0]
                workspace.annotations_of(article).edit(claim, status=status)
                workspace.annotations_changed(article.id)
        except GroupConflict as conflict:
            self.notify(printable(str(conflict)), severity="error", timeout=10)
            self.refresh_board()
            return
        except StoreError as error:
            self.notify(f"Could not set the verdict: {printable(str(error))}", severity="error")
            return
        for problem in problems:
            self.notify(f"Kept a colleague's change: {printable(problem)}", severity="warning")
        self.refresh_board()
        outlets = len(item.outlets)
        self._status(f"Verdict {status} on {outlets} outlet{'s' if outlets != 1 else ''}")

    def action_split(self) -> None:
        current = self.list.current()
        if current is None:
            return
        item, appearance, option_id = current
        if item.group is None or ":" not in option_id:
            self._status("Highlight one appearance of a group (↳) to split it out")
            return
        workspace = self.sorot.workspace
        article = workspace.article(appearance.article_id)
        if article is None:
            return
        try:
            workspace.linker.split(article, appearance.annotation)
        except StoreError as error:
            self.notify(f"Could not split it out: {printable(str(error))}", severity="error")
            return
        self.refresh_board()
        self._status(
            f"{appearance.outlet or appearance.article_id} split out (u in its article undoes)"
        )

    # -- suggestions -----------------------------------------------------------------

    def action_switch(self) -> None:
        if self.suggestions.has_focus:
            self.remove_class("-suggesting")
            self.list.focus()
        else:
            self.add_class("-suggesting")
            self.suggestions.focus()

    @work(thread=True, exclusive=True, group="suggestions")
    def _find_suggestions(self) -> None:
        workspace = self.sorot.workspace
        claimed = _claimed(workspace.annotated)
        try:
            found = workspace.desk.suggestions(claimed)
        except (OSError, StoreError, ValueError) as error:
            self.app.call_from_thread(self.notify, f"No suggestions: {error}", severity="warning")
            return
        self.app.call_from_thread(self._suggestions_ready, found)

    def _suggestions_ready(self, found: list[Suggestion]) -> None:
        if self.is_attached:
            self.suggestions.show(found)

    def action_accept(self) -> None:
        if not self.suggestions.has_focus:
            return
        suggestion = self.suggestions.current()
        if suggestion is None:
            return
        workspace = self.sorot.workspace
        article = workspace.article(suggestion.article_id)
        if article is None:
            return
        span = (suggestion.start, suggestion.end)
        linked = None
        try:
            for related in suggestion.related:
                other = workspace.article(related.article_id)
                if other is not None:
                    linked = workspace.linker.link(
                        article, span, other, (related.start, related.end)
                    )
        except StoreError as error:
            self.notify(f"Could not make the group: {printable(str(error))}", severity="error")
        self.suggestions.suggestions = [
            s for s in self.suggestions.suggestions if s is not suggestion
        ]
        self.suggestions.show(self.suggestions.suggestions)
        self.refresh_board()
        if linked is not None:
            self._status(f"Claim group of {suggestion.outlets} outlets made")


def _claimed(annotations):
    """``claimed(article_id, start, end)``: whether a claim overlaps the span."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for article_id, items in annotations.items():
        spans[article_id] = [
            (a.selector.start, a.selector.end)
            for a in items
            if a.kind == "claim" and a.selector is not None
        ]

    def claimed(article_id: str, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in spans.get(article_id, ()))

    return claimed

"""The board's two lists: claims and groups with their appearances, and suggestions.

Every string shown comes from the store or the articles and goes through
``printable``.
"""

from __future__ import annotations

import contextlib

from rich.text import Text
from textual.widgets.option_list import Option, OptionDoesNotExist

from store.claims.board import Appearance, BoardItem
from store.claims.suggestions import Suggestion
from store.news.safetext import printable
from tui.widgets.annotation_panel import STATUS_STYLE
from tui.widgets.measured_options import MeasuredOptionList


def _snippet(text: str, size: int) -> str:
    text = printable(" ".join(text.split()))
    return text if len(text) <= size else text[: size - 1] + "…"


def describe_item(item: BoardItem, width: int = 100) -> Text:
    """A group's or lone claim's header: status, type, outlets, who and when, title."""
    status = item.status or "unverified"
    style = STATUS_STYLE.get(status, "cyan")
    line = Text()
    line.append("◆ ", style)
    line.append(status, style + " bold")
    if item.group:
        line.append(f" · group of {len(item.appearances)}", "bold")
    if item.claim_type:
        line.append(f" · {printable(item.claim_type)}", "dim")
    if item.speakers:
        line.append(f" · {_snippet(', '.join(item.speakers), 40)}", "italic")
    when, who = item.updated
    line.append(f"  @{printable(who)} {printable(when[:16].replace('T', ' '))}", "dim")
    if item.conflicts:
        line.append("  ✗ CONFLICT", "bold red")
    line.append("\n")
    line.append(_snippet(item.title, width), "bold")
    if item.conflicts:
        line.append("\n  ✗ " + printable(item.conflicts[0].why), "red")
    return line


def describe_appearance(appearance: Appearance, conflicting: set[int], width: int = 100) -> Text:
    """One appearance: outlet and date, speaker, figures (conflicting ones in red), quote."""
    claim = appearance.annotation
    line = Text("   ↳ ")
    line.append(printable(appearance.outlet or appearance.article_id[:24]), "bold")
    if appearance.shown_date:
        line.append(f" {printable(appearance.shown_date)}", "dim")
    if claim.speaker:
        line.append(f" · {printable(claim.speaker)}", "italic")
    for figure in appearance.figures:
        style = "bold red" if id(figure) in conflicting else "bold"
        line.append("  ")
        line.append(printable(figure.describe()), style)
    line.append("\n     ")
    line.append(_snippet(claim.quote, width - 5), "dim")
    return line


class BoardList(MeasuredOptionList):
    """Each claim group (then its appearances) and each lone claim."""

    DEFAULT_CSS = """
    BoardList { height: 1fr; width: 1fr; border: none; padding: 0; background: $surface; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.items: list[BoardItem] = []

    def show(self, items: list[BoardItem], keep: str | None = None) -> None:
        """List ``items``; the highlight stays on option ``keep`` when it is still there."""
        self.items = items
        self.clear_options()
        width = max(30, (self.size.width or 100) - 2)
        options: list[Option] = []
        for index, item in enumerate(items):
            options.append(Option(describe_item(item, width), id=f"i{index}"))
            conflicting = {id(c.theirs) for c in item.conflicts} | {
                id(c.mine) for c in item.conflicts
            }
            if item.group:
                for number, appearance in enumerate(item.appearances):
                    text = describe_appearance(appearance, conflicting, width)
                    options.append(Option(text, id=f"i{index}:{number}"))
        if not options:
            hint = (
                "No claims here yet. In the reader: c marks a claim, r finds it in other "
                "articles, g groups them. Or accept a suggestion (Tab, then a)."
            )
            options.append(Option(Text(hint, "dim italic"), disabled=True))
        self.add_options(options)
        with contextlib.suppress(OptionDoesNotExist):
            if keep:
                self.highlighted = self.get_option_index(keep)
            elif items:
                self.highlighted = 0

    def current(self) -> tuple[BoardItem, Appearance, str] | None:
        """The highlighted item, the appearance meant (its first for a header) and option id."""
        option = self.highlighted_option
        if option is None or not option.id:
            return None
        index, _, number = option.id[1:].partition(":")
        item = self.items[int(index)]
        return item, item.appearances[int(number) if number else 0], option.id


class SuggestionList(MeasuredOptionList):
    """Shared statements that are no claims yet; ``a`` accepts one as a claim group."""

    DEFAULT_CSS = """
    SuggestionList { width: 44; height: 1fr; border: none; border-left: vkey $primary 50%;
        padding: 0; background: $surface; scrollbar-gutter: stable; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.suggestions: list[Suggestion] = []

    def pending(self) -> None:
        """Say the suggestions are being found."""
        self.clear_options()
        self.add_option(Option(Text("Suggestions: reading the corpus…", "dim"), disabled=True))

    def show(self, suggestions: list[Suggestion]) -> None:
        """List ``suggestions`` (most outlets first)."""
        self.suggestions = suggestions
        self.clear_options()
        heading = Text("Suggestions", "bold")
        heading.append(" · shared, not claims yet · a accepts", "dim")
        options = [Option(heading, disabled=True)]
        for index, suggestion in enumerate(suggestions):
            line = Text()
            line.append(f"{suggestion.outlets} outlets", "bold")
            line.append(f" · {printable(suggestion.reason)}\n", "dim")
            line.append(_snippet(suggestion.text, 110))
            options.append(Option(line, id=f"s{index}"))
        if not suggestions:
            options.append(
                Option(Text("Nothing shared that is not a claim already.", "dim"), disabled=True)
            )
        self.add_options(options)
        if suggestions:
            # The heading takes no highlight: without this, Tab then ``a`` found nothing
            # highlighted until an arrow key was pressed.
            self.highlighted = 1

    def current(self) -> Suggestion | None:
        """The highlighted suggestion."""
        option = self.highlighted_option
        if option is None or not option.id:
            return None
        return self.suggestions[int(option.id[1:])]

"""The side panel of related passages: one claim in other articles, its figures side by side.

One entry per passage, best first: the outlet, date and score, the
speaker, the passage with its figures in bold (red where they conflict
with the passage asked about), and a line per figure compared (``✗``
conflict and why, ``✓`` compatible). ``Enter`` opens the passage in its
article (``ctrl+o`` there comes back); ``g`` adds it to the claim's group.
Every string shown comes from outside and goes through ``printable``.
"""

from __future__ import annotations

import contextlib

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from store.claims.related import Related
from store.news.safetext import printable
from tui.widgets.measured_options import MeasuredOptionList

PASSAGE_CHARS = 220
"""Characters of a related passage shown (the rest is one Enter away)."""


def describe_related(related: Related, number: int) -> Text:
    """One entry: who and when, the passage with its figures marked, the comparisons."""
    line = Text()
    conflict = bool(related.conflicts)
    line.append(f"{number}. ", "bold")
    line.append(printable(related.outlet or related.article_id[:24]), "bold")
    if related.published:
        line.append(f" · {printable(related.published)}", "dim")
    line.append(f" · {related.score:.2f}", "dim")
    if conflict:
        line.append("  ✗ CONFLICT", "bold red")
    if related.speaker:
        line.append(f"\n  said by {printable(related.speaker)}", "italic")
    line.append("\n  ")
    text = related.text
    conflicting = {id(c.theirs) for c in related.conflicts}
    position = 0
    for figure in related.figures:
        if figure.start < position or figure.end > PASSAGE_CHARS:
            continue
        line.append(printable(text[position : figure.start].replace("\n", " ")))
        style = "bold red" if id(figure) in conflicting else "bold"
        line.append(printable(text[figure.start : figure.end]), style)
        position = figure.end
    rest = text[position:PASSAGE_CHARS]
    line.append(printable(rest.replace("\n", " ")) + ("…" if len(text) > PASSAGE_CHARS else ""))
    for comparison in related.comparisons:
        mark, style = ("✗", "red") if comparison.conflict else ("✓", "green")
        line.append(f"\n  {mark} ", style)
        line.append(printable(comparison.why), style)
    return line


class RelatedPanel(MeasuredOptionList):
    """Passages of other articles stating the claim asked about; Enter opens one."""

    BINDINGS = [
        Binding("escape", "leave", "Back to the text", id="related-panel.leave"),
        Binding("g", "group", "Add to the claim's group", id="related-panel.group"),
    ]

    DEFAULT_CSS = """
    RelatedPanel { width: 40%; min-width: 36; max-width: 56; height: 1fr; border: none;
        border-left: vkey $primary 50%; background: $surface; display: none; padding: 0;
        scrollbar-gutter: stable; }
    RelatedPanel.-open { display: block; }
    """

    class Open(Message):
        """Open ``related`` in its article."""

        def __init__(self, related: Related) -> None:
            super().__init__()
            self.related = related

    class Group(Message):
        """Add ``related`` to the group of the claim asked about."""

        def __init__(self, related: Related) -> None:
            super().__init__()
            self.related = related

    class Leave(Message):
        """The user wants to go back to the text."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.passages: list[Related] = []

    def pending(self, about: str) -> None:
        """Say the passages of ``about`` are being looked for."""
        self.passages = []
        self.clear_options()
        self.add_option(
            Option(self._heading(about, "looking in the other articles…"), disabled=True)
        )

    def show(self, about: str, passages: list[Related], figures: str = "") -> None:
        """List ``passages`` (best first), related to the passage ``about``."""
        self.passages = list(passages)
        self.clear_options()
        count = len(passages)
        found = f"{count} in other articles" if count else "no other article states it"
        options = [Option(self._heading(about, found, figures), disabled=True)]
        for number, related in enumerate(passages, 1):
            options.append(Option(describe_related(related, number), id=f"r{number - 1}"))
        if not passages:
            hint = "Try a shorter selection (v), or the next sentence: )"
            options.append(Option(Text(hint, "dim italic"), disabled=True))
        self.add_options(options)
        with contextlib.suppress(OptionDoesNotExist):
            if passages:
                self.highlighted = self.get_option_index("r0")

    @staticmethod
    def _heading(about: str, found: str, figures: str = "") -> Text:
        line = Text("Related passages", "bold")
        line.append(f" · {found}\n", "dim")
        snippet = printable(" ".join(about.split()))
        line.append(snippet if len(snippet) <= 90 else snippet[:89] + "…", "italic")
        if figures:
            line.append(f"\n{printable(figures)}", "bold")
        return line

    def _current(self) -> Related | None:
        option = self.highlighted_option
        if option is None or not option.id or not option.id.startswith("r"):
            return None
        return self.passages[int(option.id[1:])]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        related = self._current()
        if related is not None:
            self.post_message(self.Open(related))

    def action_group(self) -> None:
        related = self._current()
        if related is not None:
            self.post_message(self.Group(related))

    def action_leave(self) -> None:
        self.post_message(self.Leave())

"""The side panel listing the open article's claims and notes."""

from __future__ import annotations

import contextlib

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from store.annotations.annotation import Annotation
from store.annotations.article_annotations import ArticleAnnotations
from store.news.safetext import flat
from tui.safe import snippet

SNIPPET = 60
"""Characters of the quote shown per annotation."""

STATUS_STYLE = {
    "true": "green",
    "mostly true": "green",
    "false": "red",
    "misleading": "red",
    "checking": "yellow",
    "unproven": "magenta",
}


def describe(annotation: Annotation) -> Text:
    """One panel entry: kind, status, speaker, and the quote or note."""
    line = Text()
    if annotation.kind == "claim":
        status = annotation.status or "unverified"
        line.append("◆ ", STATUS_STYLE.get(status, "cyan"))
        line.append(flat(status), STATUS_STYLE.get(status, "cyan") + " bold")
        if annotation.claim_type:
            line.append(f" · {flat(annotation.claim_type)}", "dim")
        if annotation.speaker:
            line.append(f" · {flat(annotation.speaker)}", "italic")
    else:
        line.append("✎ note", "bold")
    if annotation.annotator:
        line.append(f"  @{flat(annotation.annotator)}", "dim")
    line.append("\n")
    body = annotation.quote or annotation.note
    line.append(snippet(body, SNIPPET))
    if annotation.kind == "claim" and annotation.note:
        line.append("\n")
        line.append(snippet("✎ " + annotation.note, SNIPPET), "dim italic")
    return line


class AnnotationPanel(OptionList):
    """Claims and notes of one article; Enter jumps to one (or edits an article note)."""

    BINDINGS = [Binding("escape", "leave", "Back to the text", id="panel.leave")]

    DEFAULT_CSS = """
    AnnotationPanel { width: 40; height: 1fr; border: none; border-left: vkey $primary 50%;
        background: $surface; display: none; padding: 0; }
    AnnotationPanel.-open { display: block; }
    """

    class Chosen(Message):
        """The user picked an annotation in the panel."""

        def __init__(self, annotation_id: str) -> None:
            super().__init__()
            self.annotation_id = annotation_id

    class Leave(Message):
        """The user wants to go back to the text."""

    def show(self, annotations: ArticleAnnotations) -> None:
        """List ``annotations``: placed ones in reading order, then article notes, orphans."""
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        self.clear_options()
        options: list[Option | None] = [Option(describe(a), id=a.id) for a in annotations.placed]
        if annotations.article_notes:
            options.append(Option(Text("Notes on the article", "bold dim"), disabled=True))
            options.extend(Option(describe(a), id=a.id) for a in annotations.article_notes)
        if annotations.orphaned:
            options.append(
                Option(
                    Text("Orphaned: the text changed, passage not found", "bold red"), disabled=True
                )
            )
            options.extend(Option(describe(a), id=a.id) for a in annotations.orphaned)
        if not options:
            options.append(
                Option(
                    Text("No claims or notes yet.\nc marks a claim, a adds a note.", "dim"),
                    disabled=True,
                )
            )
        self.add_options(options)
        if highlighted is not None:
            # The option may have gone (deleted): then the first one stays highlighted.
            with contextlib.suppress(OptionDoesNotExist):
                self.highlighted = self.get_option_index(highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))

    def action_leave(self) -> None:
        self.post_message(self.Leave())

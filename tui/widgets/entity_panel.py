"""The side panel listing the open article's entities, grouped by key.

One row per key (``Kim Jong Un ×12``) under its type, with the number of
other articles of the corpus that name it (from ``store.entities.index``).
``Enter`` on a key moves the cursor to its first mention, and again to the
next one; ``o`` on a key lists the other articles naming it (or opens the
only one); ``Enter`` on one of them opens it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from store.entities.model import TYPES, Entity
from tui.safe import shown, snippet

SNIPPET = 34
"""Characters of a key or a title shown on one line of the panel."""

SHOWN_ARTICLES = 10
"""Other articles listed under a key when it is expanded."""

TYPE_NAMES = {
    "PER": "People",
    "ORG": "Organisations",
    "LOC": "Places",
    "DATE": "Dates",
    "QUANT": "Quantities",
}


@dataclass
class KeyGroup:
    """One key of the article: its type, its mentions in reading order."""

    key: str
    type: str
    mentions: list[Entity] = field(default_factory=list)


def group_entities(entities: Sequence[Entity]) -> list[KeyGroup]:
    """Entities grouped by (type, key): types in legend order, most mentioned first."""
    groups: dict[tuple[str, str], KeyGroup] = {}
    for entity in entities:
        group = groups.get((entity.type, entity.key))
        if group is None:
            group = groups[entity.type, entity.key] = KeyGroup(entity.key, entity.type)
        group.mentions.append(entity)
    order = {t: i for i, t in enumerate(TYPES)}
    return sorted(
        groups.values(),
        key=lambda g: (order.get(g.type, 9), -len(g.mentions), g.key.casefold()),
    )


class EntityPanel(OptionList):
    """The open article's entity keys; Enter jumps to a mention, ``o`` to other articles."""

    BINDINGS = [
        Binding("escape", "leave", "Back to the text", id="entity-panel.leave"),
        Binding("o", "others", "Other articles", id="entity-panel.others"),
    ]

    DEFAULT_CSS = """
    EntityPanel { width: 40; height: 1fr; border: none; border-left: vkey $primary 50%;
        background: $surface; display: none; padding: 0; scrollbar-gutter: stable; }
    EntityPanel.-open { display: block; }
    """

    class Jump(Message):
        """Move the cursor to ``start`` (a mention of ``key``)."""

        def __init__(self, start: int, key: str, number: int, total: int) -> None:
            super().__init__()
            self.start = start
            self.key = key
            self.number = number
            self.total = total

    class OpenArticle(Message):
        """Open ``article_id`` (another article naming ``key``)."""

        def __init__(self, article_id: str, key: str) -> None:
            super().__init__()
            self.article_id = article_id
            self.key = key

    class Leave(Message):
        """The user wants to go back to the text."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.groups: list[KeyGroup] = []
        self._others: Callable[[str], dict[str, int]] = lambda _key: {}
        self._title_of: Callable[[str], str] = lambda article_id: article_id
        self._hidden: set[str] = set()
        self._expanded: set[tuple[str, str]] = set()
        """Keys (type, key) whose other articles are listed."""
        self._next_mention: dict[int, int] = {}
        self._pending: tuple | None = None
        """What ``show`` was last given, until the list is built from it."""

    def show(
        self,
        entities: Sequence[Entity],
        others: Callable[[str], dict[str, int]],
        title_of: Callable[[str], str],
        hidden: Collection[str] = (),
        pending: bool = False,
    ) -> None:
        """List ``entities`` by key; ``others(key)`` gives the other articles naming it.

        While the panel is closed the list is only built when it opens: an
        article with hundreds of entities would otherwise pay for it on every
        open and every correction, shown or not.
        """
        self._pending = (entities, others, title_of, hidden, pending)
        if self.has_class("-open"):
            self._build()

    def open(self) -> None:
        """Show the panel, its list up to date."""
        self.add_class("-open")
        self._build()

    def _build(self) -> None:
        if self._pending is None:
            return
        (entities, others, title_of, hidden, pending), self._pending = self._pending, None
        previous = self._current_key()
        self.groups = group_entities(entities)
        self._others = others
        self._title_of = title_of
        self._hidden = set(hidden)
        self._next_mention = {}
        self._rebuild(pending)
        if previous is not None:
            for index, group in enumerate(self.groups):
                if (group.type, group.key) == previous:
                    self._highlight(f"k{index}")
                    break

    def _current_key(self) -> tuple[str, str] | None:
        option = self.highlighted_option
        if option is None or not option.id or not self.groups:
            return None
        index = int(option.id[1:].split(":")[0])
        if index >= len(self.groups):
            return None
        group = self.groups[index]
        return group.type, group.key

    def _highlight(self, option_id: str) -> None:
        with contextlib.suppress(OptionDoesNotExist):
            self.highlighted = self.get_option_index(option_id)

    def _rebuild(self, pending: bool = False) -> None:
        self.clear_options()
        options: list[Option] = []
        kind = ""
        for index, group in enumerate(self.groups):
            if group.type != kind:
                kind = group.type
                title = TYPE_NAMES.get(kind, kind)
                off = " (hidden)" if kind in self._hidden else ""
                options.append(Option(shown(f"{title}{off}", "bold dim"), disabled=True))
            options.append(Option(self._describe(group), id=f"k{index}"))
            if (group.type, group.key) in self._expanded:
                others = self._others(group.key)
                for article_id, count in list(others.items())[:SHOWN_ARTICLES]:
                    # One line each: the title gives way to the arrow and the count,
                    # or a wrapped title left a line holding only "… ×6".
                    line = Text("  → ", "dim")
                    times = f" ×{count}"
                    room = max(4, self._room() - 4 - len(times))
                    line.append(snippet(self._title_of(article_id), room))
                    line.append(times, "dim")
                    options.append(Option(line, id=f"a{index}:{article_id}"))
                if len(others) > SHOWN_ARTICLES:
                    more = len(others) - SHOWN_ARTICLES
                    hint = f"  …and {more} more: filter the library by entity:"
                    options.append(Option(Text(hint, "dim italic"), disabled=True))
        if not options:
            message = (
                "Finding names, places and dates…"
                if pending
                else "No entities found.\nSelect a name (v) and press t to mark one."
            )
            options.append(Option(Text(message, "dim"), disabled=True))
        self.add_options(options)

    def _describe(self, group: KeyGroup) -> Text:
        line = Text()
        times = f" ×{len(group.mentions)}"
        edited = " ✎" if any(m.origin == "user" for m in group.mentions) else ""
        line.append(snippet(group.key, max(4, self._room() - len(times) - len(edited))), "bold")
        line.append(times, "dim")
        if edited:
            line.append(edited, "dim")
        others = len(self._others(group.key))
        if others:
            noun = "article" if others == 1 else "articles"
            line.append(f"\n  also in {others} other {noun} · o", "dim italic")
        return line

    def _room(self) -> int:
        """Cells of one line of the list (its width less the scrollbar's, kept for it)."""
        width = self.scrollable_content_region.width
        return width if width > 8 else 37

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("a"):
            index_text, _, article_id = option_id[1:].partition(":")
            group = self.groups[int(index_text)]
            self.post_message(self.OpenArticle(article_id, group.key))
        elif option_id.startswith("k"):
            index = int(option_id[1:])
            group = self.groups[index]
            number = self._next_mention.get(index, 0) % len(group.mentions)
            self._next_mention[index] = number + 1
            mention = group.mentions[number]
            self.post_message(self.Jump(mention.start, group.key, number + 1, len(group.mentions)))

    def action_others(self) -> None:
        option = self.highlighted_option
        if option is None or not option.id:
            return
        index = int(option.id[1:].split(":")[0])
        group = self.groups[index]
        others = self._others(group.key)
        if not others:
            self.notify(f"{group.key} is in no other article of the corpus (yet).")
            return
        if len(others) == 1:
            self.post_message(self.OpenArticle(next(iter(others)), group.key))
            return
        self._expanded ^= {(group.type, group.key)}
        self._rebuild()
        self._highlight(f"k{index}")

    def action_leave(self) -> None:
        self.post_message(self.Leave())

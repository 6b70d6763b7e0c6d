"""An option list that picks by typing, open or closed: ``s`` picks *statistic*.

Textual's ``Select`` searches as you type only once its list is open; a
closed one ignored letters, so every claim meant opening the list and
arrowing down. Here a letter picks the first option starting with it, a
letter again steps to the next one (``m``, ``m``: *mostly true*, then
*misleading*), and letters typed in a burst spell a longer start
(``mi``: *misleading*), as in the lists of a desktop form.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.widgets import Select

BURST = 0.8
"""Seconds within which letters typed one after another spell one start."""


def pick(labels: Sequence[str], current: int | None, typed: str) -> int | None:
    """The index of the option ``typed`` picks among ``labels`` (``None``: none does).

    One letter, or the same letter again and again, steps through the
    options starting with it, from the one after ``current``; a longer start
    picks the first option starting so, else the first with a word starting so.
    """
    typed = typed.casefold()
    folded = [label.casefold() for label in labels]
    if len(set(typed)) == 1:
        starting = [i for i, label in enumerate(folded) if label.startswith(typed[0])]
        if starting:
            later = [i for i in starting if current is None or i > current]
            return (later or starting)[0]
        return None
    for i, label in enumerate(folded):
        if label.startswith(typed):
            return i
    for i, label in enumerate(folded):
        if any(word.startswith(typed) for word in label.split()):
            return i
    return None


class Choice(Select[str]):
    """A ``Select`` whose options are picked by typing while it is closed, too."""

    _typed = ""
    _typed_at = 0.0

    def _labels(self) -> list[str]:
        return [
            prompt.plain if isinstance(prompt, Text) else str(prompt)
            for prompt, _value in self._options
        ]

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if self.expanded or not event.is_printable or not character or character == " ":
            return  # the open list searches by itself; space opens it
        now = time.monotonic()
        typed = self._typed + character if now - self._typed_at < BURST else character
        values = [value for _prompt, value in self._options]
        current = values.index(self.value) if self.value in values else None
        found = pick(self._labels(), current, typed)
        if found is None and typed != character:
            typed = character  # the burst spells nothing: the new letter starts afresh
            found = pick(self._labels(), current, typed)
        if found is None:
            return  # not an option's letter: the key goes on (? still opens help)
        self._typed, self._typed_at = typed, now
        event.stop()
        event.prevent_default()
        self.value = values[found]

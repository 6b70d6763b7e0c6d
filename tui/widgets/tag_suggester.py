"""Completion for a comma-separated list of tags: the tag being typed, from the tags in use."""

from __future__ import annotations

from collections.abc import Sequence

from textual.suggester import Suggester


class TagSuggester(Suggester):
    """Completes the last tag of ``angka, kor`` to ``angka, korban`` (→ or End takes it).

    ``tags`` are offered in their order (most used first); the tags already
    in the field are not offered again.
    """

    def __init__(self, tags: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = list(tags)

    async def get_suggestion(self, value: str) -> str | None:
        head, _comma, last = value.rpartition(",")
        typed = last.lstrip().casefold()
        if not typed:
            return None
        taken = {tag.strip().casefold() for tag in head.split(",")}
        for tag in self.tags:
            folded = tag.casefold()
            if folded.startswith(typed) and folded != typed and folded not in taken:
                return value[: len(value) - len(typed)] + tag
        return None

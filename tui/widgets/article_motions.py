"""How the reading cursor moves: by character, word, sentence, paragraph, line, page.

A mixin of ``ArticleView`` (its keys are bound there, in ``article_keys``):
each motion computes a target offset from the article's text units or from
the wrapped screen lines and hands it to ``ArticleView.move_to``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.wrap import column_to_offset, offset_to_column

if TYPE_CHECKING:
    from tui.widgets.article_view import ArticleView

    _Base = ArticleView
else:
    _Base = object


class CursorMotions(_Base):
    """The cursor's motions (actions of the article view)."""

    def action_move(self, unit: str, direction: int) -> None:
        units, pos = self.units, self.cursor
        if unit == "char":
            target = pos + direction
            if direction < 0 and self._valid(target, -1) == target:
                self.move_to(target, -1)
            else:
                self.move_to(target, direction)
            return
        if unit == "word":
            target = units.next_word_start(pos) if direction > 0 else units.prev_word_start(pos)
        elif unit == "word_end":
            target = units.word_end(pos)
        elif unit == "sentence":
            target = (
                units.next_sentence_start(pos) if direction > 0 else units.prev_sentence_start(pos)
            )
        else:
            target = (
                units.next_paragraph_start(pos)
                if direction > 0
                else units.prev_paragraph_start(pos)
            )
        self.move_to(target, direction)

    def _text_line(self, y: int, direction: int) -> int | None:
        """The nearest line at or beyond ``y`` in ``direction`` that shows text."""
        lines = self._page.lines
        y = max(self._page.header_count, min(y, len(lines) - 1))
        while 0 <= y < len(lines):
            if lines[y].has_text:
                return y
            y += direction
        return None

    def _goto_line(self, y: int, direction: int) -> None:
        target = self._text_line(y, direction) or self._text_line(y, -direction)
        if target is None:
            return
        line = self._page.lines[self.line_of(self.cursor)]
        if self._goal_column is None and line.has_text:
            self._goal_column = offset_to_column(self._shown, line.start, self.cursor)
        row = self._page.lines[target]
        offset = column_to_offset(self._shown, row.start, row.end, self._goal_column or 0)
        self.move_to(offset, direction, keep_goal=True)

    def action_move_line(self, direction: int) -> None:
        self._goto_line(self.line_of(self.cursor) + direction, direction)

    def action_page(self, direction: int, fraction: float = 1.0) -> None:
        height = max(1, self.scrollable_content_region.height)
        step = max(1, int(height * fraction) - (1 if fraction == 1.0 else 0))
        y = self.line_of(self.cursor)
        self.scroll_to(y=self.scroll_offset.y + direction * step, animate=False, immediate=True)
        self._goto_line(y + direction * step, direction)

    def action_half_page(self, direction: int) -> None:
        self.action_page(direction, 0.5)

    def action_edge(self, direction: int) -> None:
        segments = self.article.segments
        if not segments:
            return
        if direction < 0:
            self.move_to(segments[0].start, -1)
            self.scroll_to(y=0, animate=False, immediate=True)
        else:
            self.move_to(segments[-1].end - 1, -1)

    def action_line_edge(self, direction: int) -> None:
        line = self._page.lines[self.line_of(self.cursor)]
        if not line.has_text:
            return
        end = line.start + len(self.body[line.start : line.end].rstrip())
        self.move_to(line.start if direction < 0 else max(line.start, end - 1), -direction)

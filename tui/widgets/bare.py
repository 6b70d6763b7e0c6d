"""Containers that draw nothing but their background.

On every repaint Textual asks each widget whose parent's area overlaps a
changed cell for all of its lines, then keeps the changed ones. Grouping the
reader's bars and side panels in these containers means a cursor move in the
text asks them nothing: only the container answers, with blank lines.
"""

from __future__ import annotations

from textual.containers import Horizontal, Vertical


class BareRow(Horizontal):
    """A horizontal group with no border or content of its own."""

    BLANK = True


class BareColumn(Vertical):
    """A vertical group with no border or content of its own."""

    BLANK = True

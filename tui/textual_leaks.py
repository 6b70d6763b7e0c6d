"""Two of Textual's memory leaks, worked around where sorot meets them.

Each reader that was opened and closed stayed in memory with its whole
article (its layout, its highlights, its rendered lines: ~5,400 objects for
the 5,000-word article), and every full collection walked them again: after
a few dozen articles a collection took tens of milliseconds, in the middle
of a keystroke. Two causes are Textual's, both open upstream:

- textual#6666: a watcher set with ``watch(other, ...)`` or ``data_bind``
  stays with the watched object until that attribute next changes. The
  footer binds every key it draws to its own ``compact`` attribute, and it
  draws its keys anew whenever the bindings change: the library's footer,
  which lives as long as sorot, kept every key it ever drew.
- textual#6665: ``StylesCache.get_inner_outer`` is an ``lru_cache`` on a
  method, so up to 1,024 widgets' render caches, with every line they
  rendered, outlive their widgets; sorot empties it when a reader closes.

When Textual fixes them these become no-ops: they only drop what Textual
would drop itself.
"""

from __future__ import annotations

from textual._styles_cache import StylesCache
from textual.dom import DOMNode


def forget_removed_watchers(watched: DOMNode, attribute: str) -> None:
    """Drop the watchers of ``watched.attribute`` whose widget has left the DOM.

    Textual prunes the same ones itself, but only when the attribute changes.
    """
    watchers = getattr(watched, "__watchers", {}).get(attribute)
    if watchers:
        watchers[:] = [(node, callback) for node, callback in watchers if node.is_attached]


def forget_retained_render_caches() -> None:
    """Let go of the render caches Textual's ``lru_cache`` holds after their widgets left.

    Emptying that cache costs the widgets still on screen a few colour lookups.
    """
    clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
    if clear is not None:
        clear()

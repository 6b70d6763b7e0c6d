"""The article view's keys, each with an id a user's keymap can rebind, and how they run.

``KeysAtOnce`` is a mixin of ``ArticleView``: the view runs a key's binding
the moment the key reaches it, in the order the keys came.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding, BindingsMap

if TYPE_CHECKING:
    from tui.widgets.article_view import ArticleView

    _Base = ArticleView
else:
    _Base = object

_NOT_YET = object()


def _hidden(key: str, action: str, description: str, binding_id: str) -> Binding:
    return Binding(key, action, description, show=False, id=binding_id)


ARTICLE_VIEW_BINDINGS = [
    _hidden("left,h", "move('char', -1)", "Left", "reader.char-left"),
    _hidden("right,l", "move('char', 1)", "Right", "reader.char-right"),
    _hidden("w,ctrl+right", "move('word', 1)", "Word", "reader.word-next"),
    _hidden("b,ctrl+left", "move('word', -1)", "Word back", "reader.word-prev"),
    _hidden("e", "move('word_end', 1)", "Word end", "reader.word-end"),
    _hidden("right_parenthesis", "move('sentence', 1)", "Sentence", "reader.sentence-next"),
    _hidden("left_parenthesis", "move('sentence', -1)", "Sentence back", "reader.sentence-prev"),
    _hidden("right_curly_bracket", "move('paragraph', 1)", "Paragraph", "reader.paragraph-next"),
    _hidden(
        "left_curly_bracket", "move('paragraph', -1)", "Paragraph back", "reader.paragraph-prev"
    ),
    _hidden("down,j", "move_line(1)", "Down", "reader.line-down"),
    _hidden("up,k", "move_line(-1)", "Up", "reader.line-up"),
    _hidden("pagedown,space,ctrl+f", "page(1)", "Page down", "reader.page-down"),
    _hidden("pageup,ctrl+b", "page(-1)", "Page up", "reader.page-up"),
    _hidden("ctrl+d", "half_page(1)", "Half page down", "reader.half-page-down"),
    _hidden("ctrl+u", "half_page(-1)", "Half page up", "reader.half-page-up"),
    _hidden("home,g", "edge(-1)", "Top", "reader.top"),
    _hidden("end,G", "edge(1)", "Bottom", "reader.bottom"),
    _hidden("0", "line_edge(-1)", "Line start", "reader.line-start"),
    _hidden("dollar_sign", "line_edge(1)", "Line end", "reader.line-end"),
    Binding("v", "visual", "Select", id="reader.visual"),
    _hidden("s", "select('sentence')", "Select sentence", "reader.select-sentence"),
    _hidden("V", "select('paragraph')", "Select paragraph", "reader.select-paragraph"),
]


class KeysAtOnce(_Base):
    """Runs the bindings of the view, its screen and the app as soon as the view has a key."""

    _keymap_applied: object = _NOT_YET
    _keyed: BindingsMap

    async def handle_key(self, event: events.Key) -> bool:
        """Run this view's own bindings as soon as it has the key.

        Textual would let the key bubble through every container to the app,
        which then walks the focus chain back down to this view, the first in
        it: four message hops that were a quarter of a cursor move's cost.

        Only while the view has the focus on the screen shown: keys typed fast
        behind one that opened a form or the search bar were already queued
        here, and must not move the cursor or act on the article; Textual's
        own route sends them to the bindings of what is shown now.
        """
        app = self.app
        if app.screen is not self.screen:
            # Typed behind the key that opened a form: the form's, not the article's.
            take = getattr(app.screen, "take_early_key", None)
            if take is not None and take(event):
                event.stop()
                return True
            return await super().handle_key(event)
        if app.focused is not self:
            return await super().handle_key(event)
        if await self._run_binding(self._keyed_bindings(), event.key, self):
            event.stop()
            return True
        # The screen's and the app's bindings too, here and now rather than once
        # the key has bubbled up: a key of this view queued right behind this one
        # must find this one done (the form it opened, the claim it made).
        for namespace, bindings in self.screen._modal_binding_chain:
            if namespace is not self and await self._run_binding(bindings, event.key, namespace):
                event.stop()
                return True
        return await super().handle_key(event)

    async def _run_binding(self, bindings: BindingsMap, key: str, namespace: object) -> bool:
        """Run the first non-priority binding of ``key`` that acts; True if one did."""
        for binding in bindings.key_to_bindings.get(key, ()):
            if not binding.priority and await self.app.run_action(binding.action, namespace):
                return True
        return False

    def _keyed_bindings(self) -> BindingsMap:
        """This view's bindings with the user's keymap applied (redone when it changes)."""
        keymap = self.app._keymap
        if self._keymap_applied is not keymap:
            bindings = self._bindings.copy()
            if keymap:
                bindings.apply_keymap(keymap)
            self._keymap_applied, self._keyed = keymap, bindings
        return self._keyed

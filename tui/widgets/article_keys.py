"""The article view's keys, each with an id a user's keymap can rebind."""

from __future__ import annotations

from textual.binding import Binding


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

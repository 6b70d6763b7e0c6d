"""The terminal-safety boundary: what a terminal would obey or hide is shown, never obeyed."""

from __future__ import annotations

import json

from hypothesis import example, given
from hypothesis import strategies as st

from store.news.safetext import (
    dumps,
    flat,
    for_terminal,
    is_printable,
    json_escaped,
    printable,
    printable_lines,
)
from tests.hostile import PAYLOAD, leaks

OBEYED_OR_HIDDEN = (
    [chr(c) for c in range(0x20) if c != 0x0A]
    + ["\x7f"]
    + [chr(c) for c in range(0x80, 0xA0)]
    + list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
    + list("\u200b\u200c\u200d\u2060\ufeff\u034f\u180e\u3164")
    + ["\U000e0001", "\U000e0041", "\ud800", "\udc9b", "\udfff"]
)


def test_every_control_bidi_invisible_and_surrogate_character_is_shown_as_a_symbol() -> None:
    for char in OBEYED_OR_HIDDEN:
        shown = printable(f"a{char}b")
        assert len(shown) == 3 and shown[1] != char and shown[1].isprintable(), repr(char)
    assert printable("a\x1b[2Jb\x07") == "a␛[2Jb␇"
    assert printable("\u202egnp.exe\u202c") == "\ufffdgnp.exe\ufffd"
    assert printable("tab\tnbsp\u00a0") == "tab nbsp "


def test_ordinary_text_is_left_as_it_is() -> None:
    for text in ("Kim Jong Un bertemu Putin", "café – “quoted” 10.000", "日本語 العربية 🇮🇩", ""):
        assert printable(text) is text and is_printable(text)


@given(st.text())
def test_printable_text_holds_nothing_a_terminal_obeys_and_keeps_its_length(text: str) -> None:
    shown = printable(text)
    assert len(shown) == len(text)
    assert not set(shown) & set(OBEYED_OR_HIDDEN)
    assert not leaks(shown)
    shown.encode("utf-8")  # a lone surrogate would raise here


# Non-ASCII text of characters the table has reasons about: Python's isprintable()
# lets some of them through (U+3164, U+034F), refuses others it keeps (NBSP).
LET_THROUGH = [char for char in OBEYED_OR_HIDDEN if char.isprintable()]
RISKY = st.text(
    st.sampled_from([*LET_THROUGH, "\n", "\u00a0", "\u3000", "é", "a", "日"]) | st.characters(),
    min_size=1,
)


@given(RISKY)
@example("é\u3164")
@example("日\n\u034f")
def test_the_quick_look_at_non_ascii_text_agrees_with_the_table(text: str) -> None:
    from store.news import safetext

    for table, pattern, shown in (
        (safetext._TABLE, safetext._UNSAFE, printable),
        (safetext._LINES, safetext._UNSAFE_LINES, printable_lines),
    ):
        slow = pattern.sub(lambda match, table=table: table[ord(match.group())], text)
        assert shown(text) == slow


def test_lines_keep_their_breaks_and_command_output_its_tabs_and_crlf() -> None:
    assert printable_lines("a\nb\x1b") == "a\nb␛"
    assert printable("a\nb") == "a␊b"
    assert for_terminal('a\x1b[2Jb\x9bc,"x\r\ny"\r\n\tz\ry') == 'a␛[2Jb\ufffdc,"x\r\ny"\r\n\tz␍y'
    assert flat("  Kim \n\n Jong\tUn\x1b ") == "Kim Jong Un␛"


@given(st.recursive(st.text() | st.integers(), lambda inner: st.lists(inner, max_size=3)))
def test_json_output_is_the_same_data_with_nothing_raw(data: object) -> None:
    dumped = dumps(data)
    assert not leaks(dumped)
    dumped.encode("utf-8")
    # (Two lone surrogates in a row read back as one pair: JSON cannot tell them apart.)
    if "\\ud" not in dumped.lower():
        assert json.loads(dumped) == data


def test_json_escapes_what_a_terminal_obeys_and_nothing_else() -> None:
    text = json.dumps(PAYLOAD + " café 🇮🇩 \ud800", ensure_ascii=False)
    escaped = json_escaped(text)
    assert not leaks(escaped) and "\\u009b" in escaped and "\\u202e" in escaped
    assert "café 🇮🇩" in escaped and "\\udb40\\udc41" in escaped  # a tag character: a pair
    assert json.loads(escaped) == json.loads(text)

"""The one boundary between outside text and the terminal.

Everything sorot did not write itself (an article's fields, a file name, a
colleague's annotation, an import, a set name, a config value) is data, and
a terminal obeys some characters instead of showing them: ``ESC`` starts a
sequence that can clear the screen, set the window title or write the
clipboard (OSC 52); the C1 range holds 8-bit forms of the same (``\\x9b`` is
CSI); ``BEL`` ends an OSC; bidi overrides make text read differently from
what it is; zero-width and other invisible characters hide what is there;
a lone surrogate cannot be encoded at all. Every string from outside passes
one of these functions before it reaches a terminal, however it gets there:

- :func:`printable`: one character for one character, so offsets into an
  article's body stay valid for what is shown: controls as their visible
  symbols (``␛``), invisible and direction-changing characters and lone
  surrogates as ``�``, a tab and a no-break space as a space;
- :func:`printable_lines`: the same, line breaks kept (command output);
- :func:`flat`: on one line, runs of whitespace as one space (list rows,
  panel lines, notifications);
- :func:`dumps`: JSON whose strings carry those characters as ``\\u``
  escapes: the same data for any JSON reader, nothing a terminal obeys.

The app's widgets get these as Textual content through ``tui.safe``, which
also checks the last step before the terminal, so that a widget written
without them still cannot send a control; the commands' streams pass
``printable_lines`` when they are a terminal (``tui.cli``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

HIDDEN = "\ufffd"
"""What a character that would be invisible, reorder text or not encode is shown as."""

_INVISIBLE_RANGES = (
    (0x80, 0x9F),  # C1 controls, 8-bit CSI and OSC among them
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark (bidi)
    (0x115F, 0x1160),  # Hangul fillers: blank yet wide
    (0x17B4, 0x17B5),  # Khmer invisible vowels
    (0x180B, 0x180F),  # Mongolian variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space, non-joiner, joiner; LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, bidi isolates, deprecated formats
    (0x3164, 0x3164),  # Hangul filler
    (0xFEFF, 0xFEFF),  # zero-width no-break space (a byte-order mark inside text)
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF9, 0xFFFB),  # interlinear annotation marks
    (0xD800, 0xDFFF),  # lone surrogates: not characters, cannot be encoded
    (0x1D173, 0x1D17A),  # musical formatting
    (0xE0000, 0xE007F),  # tag characters: invisible text
)

_TABLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ … ␟
_TABLE[0x09] = " "  # a tab is spacing, not a control sequence
_TABLE[0x7F] = "\u2421"  # ␡
for _low, _high in _INVISIBLE_RANGES:
    _TABLE.update(dict.fromkeys(range(_low, _high + 1), HIDDEN))
_TABLE[0xA0] = " "  # NBSP shows as a space; the body keeps it
_TABLE[0x2028] = _TABLE[0x2029] = "\u2424"  # line and paragraph separators: ␤

_LINES = dict(_TABLE)
del _LINES[0x0A]


def _chars(codes: Iterable[int]) -> str:
    """A regular expression's character class matching any of ``codes``, ranges joined."""
    ordered = sorted(codes)
    parts, start = [], ordered[0]
    for previous, code in zip(ordered, [*ordered[1:], None], strict=True):
        if code != previous + 1:
            parts.append(
                re.escape(chr(start))
                if start == previous
                else f"{re.escape(chr(start))}-{re.escape(chr(previous))}"
            )
            start = code
    return f"[{''.join(parts)}]"


_UNSAFE = re.compile(_chars(_TABLE))
_UNSAFE_LINES = re.compile(_chars(_LINES))
# ASCII text (most of it) can only hold C0 controls and DEL: a simpler, faster test.
_UNSAFE_ASCII = re.compile(_chars(code for code in _TABLE if code < 0x80))
_UNSAFE_ASCII_LINES = re.compile(_chars(code for code in _LINES if code < 0x80))
# Command output keeps tabs and CRLF line ends; a lone CR (back to the line's start,
# to overwrite it) is a control like the others.
_UNSAFE_TERMINAL = re.compile(_chars(c for c in _LINES if c not in (0x09, 0x0D)) + r"|\r(?!\n)")
# What json.dumps(ensure_ascii=False) leaves raw that a terminal would obey or hide
# (it escapes C0 itself); U+2028/2029 too, which break JavaScript readers of JSON.
_JSON_UNSAFE = re.compile(
    _chars({code for code, shown in _TABLE.items() if code >= 0x7F and shown != " "})
)


def _printable_yet_shown(table: dict[int, str]) -> tuple[str, ...]:
    """The characters of ``table`` that Python's ``str.isprintable`` lets through."""
    return tuple(chr(code) for code in table if chr(code).isprintable())


_TABLE_PRINTABLE = _printable_yet_shown(_TABLE)
_LINES_PRINTABLE = _printable_yet_shown(_LINES)


def _plainly_safe(text: str, table: dict[int, str], printable_ones: tuple[str, ...]) -> bool:
    """True when ``text`` holds no character of ``table``, told in C for most text.

    ``str.isprintable`` refuses every control, format, separator and private
    character (and so the table's, but for ``printable_ones``, looked for one by
    one); a text it refuses for another reason (an NBSP) is left to the regex.
    """
    probe = text if 0x0A in table else text.replace("\n", "")
    return probe.isprintable() and not any(char in probe for char in printable_ones)


def _shown(
    text: str, table: dict[int, str], unsafe: re.Pattern[str], unsafe_ascii: re.Pattern[str]
) -> str:
    # str.translate is quick on ASCII but ~300 ns a character otherwise: text with
    # other characters changes only where a match is.
    if text.isascii():
        return text.translate(table) if unsafe_ascii.search(text) else text
    # A regex over a class of 2,000 characters reads 100 MB/s; this, most text at once.
    printable_ones = _LINES_PRINTABLE if table is _LINES else _TABLE_PRINTABLE
    if _plainly_safe(text, table, printable_ones) or unsafe.search(text) is None:
        return text
    return unsafe.sub(lambda match: table[ord(match.group())], text)


def printable(text: str) -> str:
    """``text`` with every character a terminal would obey or hide made visible, same length."""
    return _shown(text, _TABLE, _UNSAFE, _UNSAFE_ASCII)


def printable_lines(text: str) -> str:
    """Like :func:`printable` but line breaks are kept, for multi-line output."""
    return _shown(text, _LINES, _UNSAFE_LINES, _UNSAFE_ASCII_LINES)


def for_terminal(text: str) -> str:
    """Command output for a terminal: as :func:`printable_lines`, tabs and CRLF line ends kept.

    (A CSV export's rows end in CRLF; a tab-separated listing is safe as it is.)
    """
    if text.isascii() and text.isprintable():
        return text
    return _UNSAFE_TERMINAL.sub(lambda match: _LINES[ord(match.group())], text)


def is_printable(text: str) -> bool:
    """True when :func:`printable` would leave ``text`` as it is."""
    return printable(text) is text


def flat(text: str) -> str:
    """``text`` on one line: runs of whitespace as one space, made printable."""
    return printable(" ".join(text.split()))


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # outside the BMP: JSON spells it as a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_escaped(dumped: str) -> str:
    """JSON text (from ``json.dumps``) with unsafe characters in its strings as ``\\u`` escapes.

    Outside strings JSON is ASCII, so every match is inside one; the data
    read back is exactly the same.
    """
    return _JSON_UNSAFE.sub(_json_escape, dumped) if _JSON_UNSAFE.search(dumped) else dumped


def dumps(data: Any, **options: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, ...)`` safe to print: see :func:`json_escaped`."""
    return json_escaped(json.dumps(data, ensure_ascii=False, **options))

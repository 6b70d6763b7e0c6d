"""Article text made safe to put on a terminal, character for character.

Scraped text can hold escape sequences (``\\x1b[2J`` clears a screen, OSC 52
writes the clipboard). Shown raw they would be obeyed; sorot shows them as
visible symbols instead. The mapping is one character to one character, so
offsets into the body stay valid for what is displayed.
"""

from __future__ import annotations

_TABLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ … ␟
_TABLE[0x09] = " "  # a tab is spacing, not a control sequence
_TABLE[0x7F] = "\u2421"  # ␡
_TABLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})  # C1 controls, incl. 8-bit CSI
# Bidi overrides can make text read differently from what it is.
_TABLE.update({code: "\ufffd" for code in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E)})
_TABLE.update({code: "\ufffd" for code in (0x2066, 0x2067, 0x2068, 0x2069)})
_TABLE[0xA0] = " "  # NBSP shows as a space; the body keeps it


def printable(text: str) -> str:
    """``text`` with control characters replaced by visible symbols, same length."""
    return text.translate(_TABLE)


def printable_lines(text: str) -> str:
    """Like ``printable`` but keeps line breaks, for multi-line command-line output."""
    return "\n".join(printable(line) for line in text.split("\n"))

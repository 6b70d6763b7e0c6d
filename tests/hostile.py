"""Hostile input for the tests: strings a terminal would obey, and files that bite.

Not a test module. :data:`PAYLOAD` is one string holding everything a
terminal obeys or hides (escape sequences that write the clipboard, set the
window title, clear the screen; C1 controls; BEL; bidi overrides; zero-width
and tag characters; a lone surrogate) and Rich markup that is not valid
(``[/bold]``). :func:`hostile_corpus` fills a folder with files whose names
and every field carry it, and with every kind of file that is not an
article: a named pipe, a socket, links to ``/dev/zero``, ``/dev/urandom`` and
``/dev/null``, link loops, binary and undecodable files, JSON nested too
deep or with numbers too long, Markdown that used to take quadratic time,
and an article just under the size limit.

:func:`leaks` says what of a payload reached a terminal's bytes raw.
"""

from __future__ import annotations

import base64
import json
import os
import re
import socket
from pathlib import Path

CLIPBOARD = "\x1b]52;c;" + base64.b64encode(b"rm -rf ~ # pasted").decode() + "\x07"
"""OSC 52: writes the reader's clipboard (paste-jacking)."""
TITLE = "\x1b]0;pwned-title\x1b\\"
"""OSC 0: sets the window title."""
CLEAR = "\x1b[2J\x1b[3J"
"""Clears the screen and the scroll-back."""
BLINK = "\x1b[5;31mblinkred"
C1 = "\x9b2J\x9d0;c1title\x9c"
"""The 8-bit forms of CSI, OSC and ST."""
BIDI = "\u202egnp.exe\u202c \u2066isolate\u2069 \u200fmark"
"""Right-to-left override: ``\u202egnp.exe`` reads as ``exe.png``."""
INVISIBLE = "zero\u200bwidth\u200djoin\ufeffbom\U000e0041tag"
MARKUP = "[/bold] [red]red[/] [link=https://x]link[/link]"
"""Rich markup, unbalanced: parsed, it raises ``MarkupError``."""
SURROGATE = "\ud800"
"""A lone surrogate: no UTF-8 encoder takes it."""

PAYLOAD = f"{CLIPBOARD}{TITLE}{CLEAR}{BLINK}\x07{C1}{BIDI} {INVISIBLE} {MARKUP}"
"""Everything above but the surrogate (which JSON files carry as an escape)."""

# What must never reach a terminal's bytes raw (Textual's own output aside).
_RAW = [
    "\x1b]52;c;" + CLIPBOARD[7:15],
    "\x1b]0;pwned",
    "\x1b[2J",
    "\x1b[3J",
    "\x1b[5;31mblink",
]
_NEVER = re.compile(
    "[\x80-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060\ufeff\ud800-\udfff]|\U000e0041"
)


def leaks(output: str, sent_by_sorot: tuple[str, ...] = ()) -> list[str]:
    """The pieces of :data:`PAYLOAD` that ``output`` (a terminal's bytes, decoded) holds raw.

    ``sent_by_sorot`` are sequences sorot itself sent (the OSC 52 of a copy),
    checked by the caller.
    """
    for sequence in sent_by_sorot:
        output = output.replace(sequence, "")
    found = [repr(raw) for raw in _RAW if raw in output]
    found += [repr(match.group()) for match in _NEVER.finditer(output)]
    if "\x07" in _POINTER_SHAPE.sub("", output):  # (Textual's own OSC 22 ends in BEL)
        found.append(repr("\x07"))
    return found


_POINTER_SHAPE = re.compile("\x1b\\]22;[a-z-]*\x07")


def hostile_name(tag: str, suffix: str) -> str:
    """A file name holding the escape sequences a name can hold (no ``/``, no NUL)."""
    return f"{tag}{CLIPBOARD}{TITLE}{CLEAR}{BIDI} [bold red]x[link=y]{suffix}"


def article(tag: str) -> dict[str, str]:
    """A JSON article whose every field carries the payload (and a lone surrogate)."""
    hostile = f"{tag} {PAYLOAD} {SURROGATE}"
    return {
        "title": f"Judul {hostile}",
        "outlet": f"Outlet {hostile}",
        "section": f"Seksi {hostile}",
        "date": f"Senin {hostile}",
        "author": f"Penulis {hostile}",
        "editor": f"Editor {hostile}",
        "dateline": f"JAKARTA {hostile}",
        "url": f"https://example.com/{hostile}",
        "language": f"id{hostile}",
        "id": f"id-{hostile}",
        "body": (
            f"Kim Jong Un bertemu Vladimir Putin di Moskwa {hostile}.\n\n"
            f"Pertemuan itu membahas 10.000 tentara {hostile}. Jakarta menolak."
        ),
    }


def hostile_corpus(folder: Path, *, huge: bool = True) -> dict[str, Path]:
    """Fill ``folder`` with hostile files; returns them by what each is.

    Every entry but ``good`` and ``named`` is a file sorot must refuse or
    warn about, in one line each. With ``huge``, ``huge.txt`` is a one-line
    article of 19 MB (just under the limit).
    """
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}

    def add(what: str, name: str) -> Path:
        made[what] = folder / name
        return made[what]

    add("good", "good.json").write_text(json.dumps(article("good")), encoding="utf-8")
    add("named", hostile_name("named", ".txt")).write_text(
        "Judul bernama jahat\n\nKim Jong Un tiba di Pyongyang pada Senin.", encoding="utf-8"
    )
    add("empty", hostile_name("empty", ".txt")).write_bytes(b"")
    markup_folder = folder / "["
    markup_folder.mkdir(exist_ok=True)
    made["markup-path"] = markup_folder / "bold].txt"  # the path holds [/bold]
    made["markup-path"].write_bytes(b"")
    os.mkfifo(add("fifo", "fifo.txt"))
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(add("socket", "socket.txt")))
    os.symlink("/dev/zero", add("zero", "zero.txt"))
    os.symlink("/dev/urandom", add("urandom", "urandom.json"))
    os.symlink("/dev/null", add("null", "null.md"))
    os.symlink("loop.txt", add("loop", "loop.txt"))
    os.symlink("loop-b.txt", add("loop-a", "loop-a.txt"))
    os.symlink("loop-a.txt", add("loop-b", "loop-b.txt"))
    os.symlink("nowhere.txt", add("dangling", "dangling.txt"))
    add("binary", "binary.txt").write_bytes(bytes(range(256)) * 64)
    add("deep", "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    add("long-number", "number.json").write_text(
        '{"title": "t", "body": "b", "date": ' + "9" * 5000 + "}", encoding="utf-8"
    )
    add("brackets", "brackets.md").write_text("# T\n\n" + "[" * 100_000, encoding="utf-8")
    add("emphasis", "emphasis.md").write_text(
        "# T\n\n" + "**a [b](" * 20_000 + "\n\n# a" + " " * 100_000 + "b", encoding="utf-8"
    )
    broken = folder / "undecodable-\udcff-name.txt"
    made["undecodable-name"] = broken
    with open(os.fsencode(folder) + b"/undecodable-\xff-name.txt", "wb") as handle:
        handle.write(b"Judul nama rusak\n\nIsi berita pendek di Jakarta.")
    if huge:
        line = "Kim Jong Un bertemu Vladimir Putin di Moskwa pada Senin. " * 340_000
        add("huge", "huge.txt").write_text("Judul besar\n\n" + line, encoding="utf-8")
    return made


BAD = (
    "empty",
    "markup-path",
    "fifo",
    "socket",
    "zero",
    "urandom",
    "null",
    "loop",
    "loop-a",
    "loop-b",
    "dangling",
    "binary",
    "deep",
    "long-number",
)
"""The files of :func:`hostile_corpus` that are refused, each in one line."""

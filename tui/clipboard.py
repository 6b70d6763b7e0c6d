"""Copying text to the user's clipboard, wherever the user is.

Over SSH the only clipboard that matters is the one on the user's own
machine: Textual's ``copy_to_clipboard`` sends it there with OSC 52, which
most terminals accept. On a desktop, pyperclip reaches the local clipboard
as well. Neither failing is an error: the user is told where the text went.

What is copied comes from the article and its annotations, and is pasted
later, perhaps into a shell: it goes through the terminal-safety boundary
first, so a control character, a bidi override or a zero-width character
in the data cannot ride along into someone's command line (paste-jacking).
"""

from __future__ import annotations

import os

from textual.app import App

from store.news.safetext import printable_lines


def copy_text(app: App, text: str) -> str:
    """Copy ``text`` (made printable, line breaks kept); where it went, in words."""
    text = printable_lines(text)
    app.copy_to_clipboard(text)  # (SorotApp's does so too, for Textual's own copies)
    if os.environ.get("SOROT_NO_LOCAL_CLIPBOARD"):
        return "your terminal's clipboard"
    try:
        import pyperclip

        pyperclip.copy(text)
    except Exception:  # no clipboard here (a server): OSC 52 is enough
        return "your terminal's clipboard"
    return "the clipboard"

"""Copying text to the user's clipboard, wherever the user is.

Over SSH the only clipboard that matters is the one on the user's own
machine: Textual's ``copy_to_clipboard`` sends it there with OSC 52, which
most terminals accept. On a desktop, pyperclip reaches the local clipboard
as well. Neither failing is an error: the user is told where the text went.
"""

from __future__ import annotations

import os

from textual.app import App


def copy_text(app: App, text: str) -> str:
    """Copy ``text``; returns where it went, as words for the status line ("the clipboard")."""
    app.copy_to_clipboard(text)
    if os.environ.get("SOROT_NO_LOCAL_CLIPBOARD"):
        return "your terminal's clipboard"
    try:
        import pyperclip

        pyperclip.copy(text)
    except Exception:  # no clipboard here (a server): OSC 52 is enough
        return "your terminal's clipboard"
    return "the clipboard"

"""Outside text on sorot's screens: the boundary of ``store.news.safetext``, for Textual.

Every string from a file, a file name, the store, an import or a config is
shown through one of these, which make it printable (controls as symbols,
invisible and bidi characters as ``�``) and wrap it as Rich ``Text``, so
that Textual never parses it as markup (``[/bold]`` in a title is text, not
an error). Form fields are filled with :func:`field` and read back with
:func:`kept`, so an untouched field saves its value exactly as it was.

Then, so that a widget written without them is safe anyway, the app is a
:class:`SafeApp`: every notification's text is made printable and never
read as markup, every copy to the clipboard is made printable, and every
line on its way to the terminal is checked (:func:`guard_terminal`): one
holding a control character that reached it raw is written with the
character made visible.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from textual.app import App
from textual.notifications import SeverityLevel
from textual.strip import Strip

from store.news.safetext import flat, is_printable, printable, printable_lines


def shown(value: object, style: str = "") -> Text:
    """``value`` as text to show on one line: printable, never markup."""
    return Text(printable(str(value)), style=style)


def shown_lines(value: object, style: str = "") -> Text:
    """``value`` as text over several lines (line breaks kept): printable, never markup."""
    return Text(printable_lines(str(value)), style=style)


def one_line(value: object, style: str = "") -> Text:
    """``value`` on one line, runs of whitespace as one space: printable, never markup."""
    return Text(flat(str(value)), style=style)


def snippet(value: str, size: int) -> str:
    """``value`` on one line (as :func:`one_line`), cut to ``size`` characters with ``…``."""
    text = flat(value)
    return text if len(text) <= size else text[: size - 1] + "…"


def choices(values: Iterable[str]) -> list[tuple[Text, str]]:
    """A ``Select``'s options for ``values``: each shown safely, its value kept exact."""
    return [(shown(value), value) for value in values]


def field(value: str, *, lines: bool = False) -> str:
    """What a form field shows for a stored ``value``: printable (line breaks kept if ``lines``)."""
    return printable_lines(value) if lines else printable(value)


def kept(typed: str, original: str, *, lines: bool = False) -> str:
    """What a field filled by :func:`field` holds: ``original`` itself while left as shown."""
    return original if typed == field(original, lines=lines) else typed


# -- the last check before the terminal ------------------------------------------------

_render: Callable[[Strip, Console], str] | None = None


def _guarded_render(strip: Strip, console: Console) -> str:
    assert _render is not None
    # Only a strip's first rendering looks (Textual keeps what it rendered): one join and
    # one regular-expression search a line, ~1 µs.
    if strip._render_cache is None and not is_printable(strip.text):
        safe = Strip(
            [Segment(printable(text), style, control) for text, style, control in strip],
            strip.cell_length,
        )
        strip._render_cache = _render(safe, console)
    return _render(strip, console)


def guard_terminal() -> None:
    """Check every line Textual writes to the terminal for characters from outside.

    Textual writes each screen line as a ``Strip`` rendered to text and escape
    sequences (``Strip.render``); its own sequences are added around the text
    there, never inside it, so any control inside a strip's text came from data
    a widget showed raw. Installed once, for the whole process.
    """
    global _render
    if _render is None:
        _render = Strip.render
        Strip.render = _guarded_render  # type: ignore[method-assign]


class SafeApp(App[None]):
    """An app whose notifications, clipboard and terminal lines pass the boundary."""

    def __init__(self) -> None:
        super().__init__()
        guard_terminal()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification; its text is data: made printable, never read as markup.

        Every screen's and widget's ``notify`` calls this one, so a message naming
        a file, a set or a colleague's value is safe however it was put together.
        ``markup`` is accepted and ignored.
        """
        super().notify(
            printable_lines(str(message)),
            title=printable(str(title)),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def copy_to_clipboard(self, text: str) -> None:
        """Copy ``text`` made printable (line breaks kept): no control rides along into a paste."""
        super().copy_to_clipboard(printable_lines(text))

"""Help on `?`: the keys of the screen you came from, as they are bound now."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.safe import shown
from tui.widgets.footer import Footer

INTRO = (
    "sorot reads a corpus of news articles. The library lists them; Enter opens one. "
    "In the reader the cursor moves by character, word, sentence and paragraph; "
    "/ searches. Keys can be changed in keymap.toml (see the README)."
)


def key_table(screen: Screen) -> Table:
    """The bindings active on ``screen`` now: one row per action, all its keys."""
    rows: dict[tuple[int, str], tuple[list[str], str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        # Only sorot's own keys (they all have ids); Textual's focus and copy keys are noise here.
        if not binding.description or binding.system or not binding.id:
            continue
        display = screen.app.get_key_display(binding.with_key(key))
        keys, _ = rows.setdefault((id(active.node), binding.action), ([], binding.description))
        if display not in keys:
            keys.append(display)
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for keys, description in rows.values():
        table.add_row(shown(" ".join(keys)), Text(description))  # keys from keymap.toml
    return table


class HelpScreen(ModalScreen[None]):
    """A dismissable panel listing what every key does right now."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 76; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1; }
    """

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self._for = screen

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "sorot · keys"
            scroll.border_subtitle = "↑ ↓ scroll · Esc closes"
            yield Static(Text(INTRO, style="italic"))
            yield Static("")
            yield Static(key_table(self._for))
            yield Static("")
            sections = getattr(self._for, "help_sections", None)
            for title, body in sections() if sections is not None else ():
                yield Static(Text(title, style="bold"))
                yield Static(body)
                yield Static("")
            yield Static(
                Text(
                    "ctrl+p  command palette (open an article by title, sort, "
                    "change theme) · ctrl+l  the log of notices · ctrl+q quit",
                    style="dim",
                )
            )
        yield Footer()

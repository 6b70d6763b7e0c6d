"""The export dialog: a set, a format and a path; what will be written, then where it went.

The count is of what the chosen format writes (ClaimReview: the claims with
a verdict), with what it leaves out and why, recounted whenever the set,
the format or an option changes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from store.exchange import (
    FORMATS,
    SUFFIXES,
    ExportOptions,
    ExportStats,
    atomic_output,
    count_for,
    export,
)
from store.files.jsonfile import StoreError
from store.news.safetext import printable
from store.query import Query
from store.workspace import Workspace
from tui.safe import shown
from tui.screens.form import FIELD_KEYS, FieldKeys
from tui.widgets.choice import Choice
from tui.widgets.footer import Footer
from tui.widgets.tickbox import TickBox

CURRENT = "\x00current"
"""The Select value standing for the library's current filter."""

FORMAT_NAMES = {
    "json": "sorot JSON (complete)",
    "jsonl": "JSON Lines",
    "w3c": "W3C Web Annotation",
    "claimreview": "schema.org ClaimReview",
    "csv": "CSV (spreadsheets)",
}


def default_path(fmt: str, folder: Path | None = None) -> Path:
    """The file proposed for ``fmt``: dated, and distinct for each format.

    W3C and ClaimReview share the ``.jsonld`` suffix: the format's name in
    the file name keeps one export from being offered as the other's file.
    """
    stem = f"sorot-export-{date.today():%Y-%m-%d}"
    if SUFFIXES[fmt] in [SUFFIXES[f] for f in FORMATS if f != fmt]:
        stem += f"-{fmt}"
    return (folder or Path.cwd()) / f"{stem}{SUFFIXES[fmt]}"


def renamed(path: Path, old: str, new: str) -> Path:
    """``path`` for format ``new`` after ``old``: a proposed name follows, a typed one keeps
    its name and takes the new suffix."""
    if path.name == default_path(old).name:
        return default_path(new, path.parent)
    if path.suffix in SUFFIXES.values():
        return path.with_suffix(SUFFIXES[new])
    return path


class ExportDialog(FieldKeys, ModalScreen[None]):
    """Choose what to export and where; shows the count before writing anything."""

    BINDINGS = [
        *FIELD_KEYS,
        Binding("escape", "dismiss", "Close", id="export.close"),
        Binding("ctrl+s", "export", "Export", id="export.run"),
    ]

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical { width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1; }
    ExportDialog .row { height: 1; margin-bottom: 1; }
    ExportDialog .row > Label { width: 8; color: $text-muted; }
    ExportDialog .row > Select, ExportDialog .row > Input { width: 1fr; }
    ExportDialog #options { height: 1; margin-bottom: 1; }
    ExportDialog Checkbox { margin-right: 2; }
    ExportDialog #preview { color: $text-muted; }
    ExportDialog #where { color: $text-warning; margin-bottom: 1; }
    ExportDialog #buttons { height: 1; align-horizontal: right; }
    ExportDialog Button { margin-left: 2; }
    """

    def __init__(self, workspace: Workspace, current: Query) -> None:
        super().__init__()
        self.workspace = workspace
        self.current = current
        """The library's filter: the query offered first."""
        self._confirm_replace: Path | None = None
        self._named_for = "json"
        """The format the file field's name was proposed for."""

    def compose(self) -> ComposeResult:
        try:
            names = self.workspace.sets.names()
        except StoreError:
            names = []
        # Set names and the filter's words are data: shown, never read as markup.
        words = str(self.current) or "everything"
        choices = [(shown(f"the library's filter: {words}"), CURRENT), (shown("everything"), "")]
        choices += [(shown(f"set: {name}"), name) for name in names]
        with Vertical() as box:
            box.border_title = "Export"
            box.border_subtitle = "ctrl+s export · Esc close"
            with Horizontal(classes="row"):
                yield Label("Set")
                yield Choice(choices, value=CURRENT, allow_blank=False, compact=True, id="set")
            with Horizontal(classes="row"):
                yield Label("Format")
                yield Choice(
                    [(FORMAT_NAMES[f], f) for f in FORMATS],
                    value="json",
                    allow_blank=False,
                    compact=True,
                    id="format",
                )
            with Horizontal(classes="row"):
                yield Label("File")
                yield Input(str(default_path("json")), compact=True, id="path")
            with Horizontal(id="options"):
                yield TickBox("article text", id="text", compact=True)
                yield TickBox("entities", id="entities", compact=True)
                yield TickBox("BOM for Excel", True, id="bom", compact=True, disabled=True)
            yield Static("Counting…", id="preview")
            yield Static(id="where")
            with Horizontal(id="buttons"):
                yield Button("Close", id="close", compact=True)
                yield Button("Export", variant="primary", id="export", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        # What to export comes first: the order in which the dialog reads.
        self.query_one("#set", Select).focus()
        self._recount()
        self._say_where()

    # -- what will be written ---------------------------------------------------

    def _chosen(self) -> tuple[Query, str | None]:
        """The query to export and the saved set's name, if it is one."""
        value = self.query_one("#set", Select).value
        if value == CURRENT:
            return self.current, None
        if not value:
            return Query(), None
        name = str(value)
        return self.workspace.saved_set(name).query, name

    def _options(self, query: Query, set_name: str | None) -> ExportOptions:
        return self.workspace.export_options(
            query,
            with_text=self.query_one("#text", Checkbox).value,
            with_entities=self.query_one("#entities", Checkbox).value,
            set_name=set_name,
            bom=self.query_one("#bom", Checkbox).value,
        )

    def _format(self) -> str:
        return str(self.query_one("#format", Select).value)

    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event: Select.Changed | Checkbox.Changed) -> None:
        if isinstance(event, Select.Changed) and event.select.id == "format":
            box = self.query_one("#path", Input)
            if box.value.strip():
                box.value = str(renamed(Path(box.value), self._named_for, str(event.value)))
            self._named_for = str(event.value)
            self.query_one("#bom", Checkbox).disabled = event.value != "csv"
        self._confirm_replace = None
        self._recount()

    @on(Input.Changed, "#path")
    def _path_changed(self) -> None:
        self._confirm_replace = None
        self._say_where()

    def _path(self) -> Path:
        return Path(self.query_one("#path", Input).value.strip()).expanduser()

    def _say_where(self) -> None:
        """Say beforehand what writing to the file will do besides writing it."""
        path = self._path()
        if not path.name:
            said = "Give a file to write."
        elif path.is_dir():
            said = f"{printable(str(path))} is a folder: give a file name in it."
        elif not path.parent.exists():
            said = f"The folder {printable(str(path.parent))} does not exist: Export creates it."
        elif path.exists():
            said = f"{printable(path.name)} exists: Export asks before replacing it."
        else:
            said = ""
        where = self.query_one("#where", Static)
        where.update(Text(said))
        where.display = bool(said)

    @work(thread=True, exclusive=True, group="export-count")
    def _recount(self) -> None:
        fmt = self._format()
        try:
            query, name = self._chosen()
            options = self._options(query, name)
            items = self.workspace.select(query, with_entities=options.with_entities)
            text = self.preview(fmt, count_for(fmt, items, options, query))
        except StoreError as error:
            text = shown(str(error), style="bold red")
        self.app.call_from_thread(self.query_one("#preview", Static).update, text)

    @staticmethod
    def written(fmt: str, stats: ExportStats) -> str:
        """What an export wrote, in the chosen format's words: ``3 reviews of 2 articles``."""
        if fmt != "claimreview":
            return stats.summary()
        reviews, articles = stats.annotations["claim"], stats.articles
        text = f"{reviews} review{'' if reviews == 1 else 's'} (ClaimReview)"
        if articles:
            text += f" of {articles} article{'' if articles == 1 else 's'}"
        return text

    def preview(self, fmt: str, stats: ExportStats) -> Text:
        """What ``fmt`` will write, then what it leaves out and why (data shown as text)."""
        if not stats.total and not stats.entities:
            text = Text("Nothing to export in this set yet.", style="italic")
        else:
            text = Text(f"Will write {self.written(fmt, stats)}.")
        problem = self.workspace.settings_problem if fmt == "claimreview" else None
        for line in ([problem] if problem else []) + stats.left_out_lines():
            text.append("\nLeft out: ", style="italic")
            text.append(shown(line, style="italic"))
        return text

    # -- writing ----------------------------------------------------------------

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#export")
    def _export_pressed(self) -> None:
        self.action_export()

    @on(Input.Submitted, "#path")
    def _path_submitted(self) -> None:
        # Enter ends the typing, it does not write: the Export button takes the focus,
        # and a second Enter (or ctrl+s) exports.
        self.query_one("#export", Button).focus()

    def action_export(self) -> None:
        path = self._path()
        if not path.name or path.is_dir():
            self.notify("Give a file to write, not a folder.", severity="warning")
            return
        force = self._confirm_replace == path
        if path.exists() and not force:
            self._confirm_replace = path
            where = self.query_one("#where", Static)
            where.update(shown(f"{path.name} exists: Export again to replace it.", style="bold"))
            where.display = True
            return
        self._write(path, str(self.query_one("#format", Select).value), force)

    @work(thread=True, exclusive=True, group="export-write")
    def _write(self, path: Path, fmt: str, force: bool) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            query, name = self._chosen()
            options = self._options(query, name)
            items = self.workspace.select(query, with_entities=options.with_entities)
            with atomic_output(path, force=force, newline="" if fmt == "csv" else None) as out:
                stats = export(items, out, fmt, options, query)
        except StoreError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=10)
            return
        except OSError as error:
            self.app.call_from_thread(
                self.notify,
                f"Could not write {path}: {error.strerror}",
                severity="error",
                timeout=10,
            )
            return
        self.app.call_from_thread(self._done, path, self.written(fmt, stats))

    def _done(self, path: Path, summary: str) -> None:
        self.notify(f"Wrote {summary} to {path}", timeout=10)
        self.dismiss()

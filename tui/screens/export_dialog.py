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
from tui.screens.form import FIELD_KEYS, FieldKeys

CURRENT = "\x00current"
"""The Select value standing for the library's current filter."""

FORMAT_NAMES = {
    "json": "sorot JSON (complete)",
    "jsonl": "JSON Lines",
    "w3c": "W3C Web Annotation",
    "claimreview": "schema.org ClaimReview",
    "csv": "CSV (spreadsheets)",
}


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
    ExportDialog #preview { color: $text-muted; margin-bottom: 1; }
    ExportDialog #buttons { height: 1; align-horizontal: right; }
    ExportDialog Button { margin-left: 2; }
    """

    def __init__(self, workspace: Workspace, current: Query) -> None:
        super().__init__()
        self.workspace = workspace
        self.current = current
        """The library's filter: the query offered first."""
        self._confirm_replace: Path | None = None

    def compose(self) -> ComposeResult:
        try:
            names = self.workspace.sets.names()
        except StoreError:
            names = []
        words = printable(str(self.current)) or "everything"
        choices = [(f"the library's filter: {words}", CURRENT), ("everything", "")]
        choices += [(f"set: {name}", name) for name in names]
        with Vertical() as box:
            box.border_title = "Export"
            box.border_subtitle = "ctrl+s export · Esc close"
            with Horizontal(classes="row"):
                yield Label("Set")
                yield Select(choices, value=CURRENT, allow_blank=False, compact=True, id="set")
            with Horizontal(classes="row"):
                yield Label("Format")
                yield Select(
                    [(FORMAT_NAMES[f], f) for f in FORMATS],
                    value="json",
                    allow_blank=False,
                    compact=True,
                    id="format",
                )
            with Horizontal(classes="row"):
                yield Label("File")
                yield Input(self._default_path("json"), compact=True, id="path")
            with Horizontal(id="options"):
                yield Checkbox("article text", id="text", compact=True)
                yield Checkbox("entities", id="entities", compact=True)
                yield Checkbox("BOM for Excel", True, id="bom", compact=True, disabled=True)
            yield Static("Counting…", id="preview")
            with Horizontal(id="buttons"):
                yield Button("Close", id="close", compact=True)
                yield Button("Export", variant="primary", id="export", compact=True)

    def on_mount(self) -> None:
        self.query_one("#format", Select).focus()
        self._recount()

    @staticmethod
    def _default_path(fmt: str) -> str:
        return str(Path.cwd() / f"sorot-export-{date.today():%Y-%m-%d}{SUFFIXES[fmt]}")

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
            old = Path(box.value)
            if old.suffix in SUFFIXES.values():
                box.value = str(old.with_suffix(SUFFIXES[str(event.value)]))
            self.query_one("#bom", Checkbox).disabled = event.value != "csv"
        self._confirm_replace = None
        self._recount()

    @work(thread=True, exclusive=True, group="export-count")
    def _recount(self) -> None:
        fmt = self._format()
        try:
            query, name = self._chosen()
            options = self._options(query, name)
            items = self.workspace.select(query, with_entities=options.with_entities)
            text = self.preview(fmt, count_for(fmt, items, options, query))
        except StoreError as error:
            text = Text(str(error), style="bold red")
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
            text.append(f"\nLeft out: {printable(line)}", style="italic")
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
        self.action_export()

    def action_export(self) -> None:
        path = Path(self.query_one("#path", Input).value.strip()).expanduser()
        if not path.name:
            self.notify("Give a file to write.", severity="warning")
            return
        force = self._confirm_replace == path
        if path.exists() and not force:
            self._confirm_replace = path
            self.query_one("#preview", Static).update(
                Text(f"{path.name} exists: Export again to replace it.", style="bold yellow")
            )
            return
        self._write(path, str(self.query_one("#format", Select).value), force)

    @work(thread=True, exclusive=True, group="export-write")
    def _write(self, path: Path, fmt: str, force: bool) -> None:
        try:
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

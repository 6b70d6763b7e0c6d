"""Nothing from outside reaches the terminal raw: every screen, every command.

A folder and a data folder are filled with the payload of ``tests.hostile``
(escape sequences that write the clipboard, retitle the window and clear the
screen; C1 controls; BEL; bidi overrides; zero-width and tag characters;
lone surrogates; Rich markup that is not valid) in every place sorot reads
text from: file names, every article field, every annotation field and its
history, entity keys and types, set names, a draft, the config's claim types,
statuses and annotator, the keymap, an import file. Then the app is driven
through every screen (library, notifications, reader, panels, the claim,
note and entity forms with their menus open, copy, help, the palette, the
export dialog) and every command is run, and the bytes each wrote to its
terminal are searched for anything of the payload that came through raw.
"""

from __future__ import annotations

import base64
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.text import Text
from textual import messages
from textual.drivers.headless_driver import HeadlessDriver
from textual.widgets import Select, Static

from store.annotations.annotation import Annotation, Edit, Selector
from store.annotations.drafts import Draft, Drafts
from store.annotations.store import AnnotationStore
from store.entities.service import EntityService
from store.news.article import Article
from store.news.loading import load_paths
from tests.hostile import MARKUP, PAYLOAD, SURROGATE, hostile_corpus, leaks
from tests.pilot_helpers import async_test
from tui.app import SorotApp
from tui.cli import main
from tui.safe import SafeApp
from tui.screens.claim_form import ClaimForm
from tui.screens.entity_form import EntityForm
from tui.screens.export_dialog import ExportDialog
from tui.screens.help import HelpScreen
from tui.screens.note_form import NoteForm
from tui.screens.reader import ReaderScreen

HOSTILE = f"{PAYLOAD} {SURROGATE}"


@dataclass
class World:
    """A hostile corpus, data folder and config, and the article everything is about."""

    corpus: Path
    data: Path
    config: Path
    article: Article
    import_file: Path


def hostile_world(tmp_path: Path) -> World:
    corpus = tmp_path / "corpus"
    hostile_corpus(corpus, huge=False)
    data, config = tmp_path / "data", tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(
        f"annotator = {json.dumps('rina ' + PAYLOAD)}\n"
        "[claims]\n"
        f"types = {json.dumps(['factual', 'type ' + PAYLOAD])}\n"
        f"statuses = {json.dumps(['unverified', 'status ' + PAYLOAD])}\n",
        encoding="utf-8",
    )
    (config / "keymap.toml").write_text(
        f'[keys]\n"library.sort" = {json.dumps("o," + PAYLOAD)}\n', encoding="utf-8"
    )
    [article] = [a for a in load_paths([corpus]).articles if a.title.startswith("Judul good")]
    store = AnnotationStore(data)
    start = article.body.index("Kim")
    selector = Selector.from_body(article.body, start, article.body.index(".", start) + 1)
    # (Annotations with a lone surrogate are refused when read: test_odd_store_files.)
    hostile = PAYLOAD
    claim = Annotation(
        article.id,
        "claim",
        selector,
        article.sha256,
        f"colleague {hostile}",
        claim_type=f"type {hostile}",
        status=f"status {hostile}",
        speaker=f"speaker {hostile}",
        tags=(f"tag {hostile}", "angka"),
        note=f"note {hostile}\nsecond line {hostile}",
        history=(
            Edit(
                "2025-01-02T03:04:05+00:00",
                f"editor {hostile}",
                2,
                (("status", f"old {hostile}", f"status {hostile}"),),
                f"why {hostile}",
            ),
        ),
        revision=2,
    )
    second = article.body.index("Pertemuan")
    note = Annotation(
        article.id,
        "note",
        Selector.from_body(article.body, second, second + 9),
        article.sha256,
        f"noter {hostile}",
        note=f"a note {hostile}",
    )
    store.save_many(article.id, [claim, note], article)
    EntityService(data, store).correct(
        article,
        start,
        start + len("Kim Jong Un"),
        "rekey",
        annotator=f"rina {hostile}",
        type="PER",
        key=f"Kim {hostile}",
        scope="key",
    )
    (data / "sets.json").write_text(
        json.dumps({"version": 2, "sets": {f"set {PAYLOAD}": {"query": "kind:claim"}}}),
        encoding="utf-8",
    )
    pasal = article.body.index("Jakarta")
    Drafts(data, "tester").keep(
        article.id,
        Draft("note", pasal, pasal + 7, "Jakarta", note=f"draft {hostile}"),
    )
    exported = claim.to_dict() | {"id": "0b1c2d3e-0000-4000-8000-000000000001"}
    import_file = tmp_path / f"import {PAYLOAD[:40]}.json"
    import_file.write_text(
        json.dumps({"articles": [{"id": article.id, "annotations": [exported]}]}),
        encoding="utf-8",
    )
    return World(corpus, data, config, article, import_file)


# -- the app -------------------------------------------------------------------------------


class RecordingDriver(HeadlessDriver):
    """Headless input; every byte the app writes to its terminal is kept."""

    written: list[str]

    @property
    def is_headless(self) -> bool:
        return False  # so that the app renders and writes as to a real terminal

    def write(self, data: str) -> None:
        self.written.append(data)

    def start_application_mode(self) -> None:
        self.written = []
        super().start_application_mode()
        self._app.post_message(messages.TerminalSupportsSynchronizedOutput())


_OSC52 = re.compile("\x1b]52;c;([A-Za-z0-9+/=]*)\x07")


async def _settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def _close(pilot, screen: type) -> None:
    """Esc until ``screen`` is on top (a form holding work asks first)."""
    for _ in range(3):
        if isinstance(pilot.app.screen, screen):
            return
        await pilot.press("escape")
        await _settle(pilot)
    assert isinstance(pilot.app.screen, screen), pilot.app.screen


@async_test
async def test_no_screen_lets_anything_from_outside_reach_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = hostile_world(tmp_path)
    monkeypatch.setenv("SOROT_CONFIG", str(world.config))
    app = SorotApp(
        [world.corpus],
        world.data,
        "tester",
        keymap_file=world.config / "keymap.toml",
        settings_file=world.config / "config.toml",
    )
    app.driver_class = RecordingDriver
    seen: list[str] = []
    async with app.run_test(headless=False, size=(120, 40)) as pilot:
        await _settle(pilot)
        seen.append("library")
        library = app.library
        assert library is not None
        rows = library.list
        row = next(
            n
            for n in range(len(rows.rows))
            if rows.rows[n] is not None and rows.rows[n].id == world.article.id
        )
        rows.cursor = row
        await pilot.press("enter")
        await _settle(pilot)
        assert isinstance(app.screen, NoteForm)  # the draft left open last time, offered
        seen.append("restored draft")
        await _close(pilot, ReaderScreen)
        seen.append("reader")
        reader = app.screen
        reader.view.cursor = world.article.body.index("Kim")
        await pilot.press("enter")  # edit the claim there
        await _settle(pilot)
        assert isinstance(app.screen, ClaimForm)
        seen.append("claim form")
        for select in app.screen.query(Select):
            select.focus()
            await pilot.press("enter")  # its menu open: every option drawn
            await _settle(pilot)
            await pilot.press("escape")
            await _settle(pilot)
        await _close(pilot, ReaderScreen)
        await pilot.press("right_square_bracket")  # the note
        await _settle(pilot)
        await pilot.press("enter")
        await _settle(pilot)
        assert isinstance(app.screen, NoteForm)
        seen.append("note form")
        await _close(pilot, ReaderScreen)
        await pilot.press("left_square_bracket")  # back to the claim: its status line
        await _settle(pilot)
        reader.view.cursor = world.article.body.index("Kim")
        await pilot.press("y")  # copy the claim with its citation
        await _settle(pilot)
        await pilot.press("P")  # the entity list
        await _settle(pilot)
        await pilot.press("escape")
        reader.view.focus()
        await pilot.press("greater_than_sign")  # an entity on the status line
        await _settle(pilot)
        reader.view.cursor = world.article.body.index("Kim")
        await pilot.press("t")
        await _settle(pilot)
        assert isinstance(app.screen, EntityForm)
        seen.append("entity form")
        await pilot.press("escape")
        await _settle(pilot)
        await pilot.press("question_mark")
        await _settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        seen.append("help")
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await _settle(pilot)
        await pilot.press(*"Judul")
        await _settle(pilot)
        seen.append("palette")
        await pilot.press("escape")
        await _settle(pilot)
        await pilot.press("q")  # back to the library
        await _settle(pilot)
        await pilot.press("e")
        await _settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        seen.append("export dialog")
        app.screen.query_one("#set", Select).focus()
        await pilot.press("enter")
        await _settle(pilot)
        await pilot.press("escape", "escape")
        await _settle(pilot)
        output = "".join(app._driver.written)  # type: ignore[union-attr]
    assert seen == [
        "library",
        "restored draft",
        "reader",
        "claim form",
        "note form",
        "entity form",
        "help",
        "palette",
        "export dialog",
    ]
    copies = _OSC52.findall(output)
    assert copies, "y sent nothing to the clipboard"
    for copied in copies:
        text = base64.b64decode(copied).decode("utf-8")
        assert "Kim" in text and not leaks(text), text
    sent = tuple(match.group() for match in _OSC52.finditer(output))
    assert not leaks(output, sent_by_sorot=sent), leaks(output, sent_by_sorot=sent)
    # Markup in data is text: shown as written, never parsed (nor a crash).
    assert MARKUP.split()[0] in output
    # ...and the data was on screen, its controls as symbols.
    for field in ("speaker", "status", "draft", "Kim"):
        assert f"{field} ␛]52;c;cm0g" in output, field


class _WidgetThatForgets(SafeApp):
    """A screen written without the boundary: its data shown raw."""

    def compose(self):
        yield Static(Text(f"raw {PAYLOAD} {SURROGATE}"))


@async_test
async def test_a_widget_that_shows_data_raw_still_cannot_write_it_to_the_terminal() -> None:
    app = _WidgetThatForgets()
    app.driver_class = RecordingDriver
    async with app.run_test(headless=False, size=(120, 10)) as pilot:
        await pilot.pause()
        app.notify(f"{PAYLOAD} {SURROGATE}", title=MARKUP, markup=True)
        await pilot.pause()
        app.copy_to_clipboard(f"copied {PAYLOAD}")
        await pilot.pause()
        output = "".join(app._driver.written)  # type: ignore[union-attr]
    sent = tuple(match.group() for match in _OSC52.finditer(output))
    assert len(sent) == 1 and not leaks(output, sent_by_sorot=sent)
    assert not leaks(base64.b64decode(_OSC52.search(output).group(1)).decode())  # type: ignore[union-attr]
    assert "raw ␛]52;c;cm0g" in output and MARKUP.split()[0] in output


# -- the commands --------------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    """What a command writes to its terminal (``isatty`` true), kept."""

    def isatty(self) -> bool:
        return True


def _commands(world: World, tmp_path: Path) -> dict[str, list[str]]:
    corpus, data = str(world.corpus), str(world.data)
    article = world.article.id
    hostile_dir = tmp_path / f"team {PAYLOAD[:30]}"
    hostile_dir.mkdir()
    return {
        "list": ["list", corpus, "--db", data],
        "list --json": ["list", corpus, "--json", "--db", data],
        "list --where": ["list", corpus, "--where", f"speaker:{PAYLOAD[:20]}", "--db", data],
        "show": ["show", article, corpus],
        "show --json": ["show", article, corpus, "--json"],
        "show an unknown id": ["show", f"id{PAYLOAD}", corpus],
        "tag": ["tag", str(world.corpus / "good.json")],
        "tag --format conll": ["tag", str(world.corpus / "good.json"), "--format", "conll"],
        "entities": ["entities", corpus, "--db", data],
        "entities --json": ["entities", corpus, "--json", "--db", data],
        **{
            f"export --format {fmt}": ["export", corpus, "--format", fmt, "--text", "--db", data]
            for fmt in ("json", "jsonl", "w3c", "claimreview", "csv")
        },
        "export --entities": ["export", corpus, "--entities", "--db", data],
        "import": ["import", str(world.import_file), "--corpus", corpus, "--db", data],
        "import --json": [
            *("import", str(world.import_file), "--corpus", corpus),
            *("--json", "--db", data),
        ],
        "sets list": ["sets", "list", "--db", data],
        "sets list --json": ["sets", "list", "--json", "--db", data],
        "sets show": ["sets", "show", f"set {PAYLOAD}", "--db", data],
        "sets show an unknown set": ["sets", "show", f"nope {PAYLOAD}", "--db", data],
        "share": ["share", str(hostile_dir), "--group", "root"],
        "an unknown command word": ["list", corpus, "--where", f"stauts:{PAYLOAD}"],
    }


COMMANDS = [
    "list",
    "list --json",
    "list --where",
    "show",
    "show --json",
    "show an unknown id",
    "tag",
    "tag --format conll",
    "entities",
    "entities --json",
    "export --format json",
    "export --format jsonl",
    "export --format w3c",
    "export --format claimreview",
    "export --format csv",
    "export --entities",
    "import",
    "import --json",
    "sets list",
    "sets list --json",
    "sets show",
    "sets show an unknown set",
    "share",
    "an unknown command word",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_no_command_lets_anything_from_outside_reach_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    world = hostile_world(tmp_path)
    argv = _commands(world, tmp_path)[command]
    out, err = FakeTerminal(), FakeTerminal()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdin", io.StringIO(HOSTILE))
    try:
        status = main(argv)
    except SystemExit as exit:  # argparse's own exits
        status = exit.code
    written = out.getvalue() + err.getvalue()
    assert status in (0, 1, 2) and "Traceback" not in written, written[-2000:]
    assert written.strip(), "the command said nothing"
    assert not leaks(written), (leaks(written), written[:3000])
    if command.startswith(("list", "show", "export", "sets show")) and status == 0:
        assert "␛]52;c;cm0g" in written or "\\u001b]52;c;cm0g" in written  # shown, as data

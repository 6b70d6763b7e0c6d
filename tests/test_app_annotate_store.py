"""Annotations beyond one reader session: the library's counts and filters, two
users on one data folder, configured statuses, a store that refuses a save,
and an article whose text changed since it was annotated.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Select, TextArea

from store.annotations.store import AnnotationStore
from store.files.jsonfile import StoreError
from tests.annotate_helpers import (
    claim_form,
    claim_span,
    drawn,
    fill_claim,
    panel_entries,
    stored,
)
from tests.pilot_helpers import async_test, list_lines, notes, open_row, running, status
from tui.app import SorotApp
from tui.screens.claim_form import ClaimForm
from tui.screens.library import LibraryScreen
from tui.screens.note_form import NoteForm
from tui.screens.reader import ReaderScreen

KOMPAS = "KOMPAS.TV"  # the first row of the library, sorted by date
LOGIC = "LOGIC.co.id"
READ_ONLY = "the data folder is read-only; nothing was saved"


@pytest.fixture
def app(make_app):
    return make_app()


def row_of(app, outlet: str) -> str:
    """The library's rendered row of ``outlet``."""
    (line,) = [line for line in list_lines(app) if outlet in line]
    return line


async def back_to_library(app, pilot) -> LibraryScreen:
    await pilot.press("q")
    await pilot.pause()
    assert isinstance(app.screen, LibraryScreen), app.screen
    return app.screen


async def filter_library(app, pilot, query: str, *, typed: bool = False) -> list[str]:
    """Put ``query`` in the library's filter (``typed``: key by key); the rows it leaves."""
    if typed:
        await pilot.press("escape", "slash", *query, "enter")
    else:
        app.screen.query_one("#library-filter", Input).value = query
    await pilot.pause()
    return list_lines(app)


async def claim_sentence(app, pilot, status: str, **fields: str) -> None:
    """Claim the sentence under the cursor with ``status``."""
    await pilot.press("c")
    await pilot.pause()
    await fill_claim(app, pilot, status=status, **fields)


# --- the library ---------------------------------------------------------------------


@async_test
async def test_the_library_counts_claims_by_status_and_filters_and_sorts_by_them(app) -> None:
    async with running(app) as pilot:
        reader = await open_row(app, pilot, LOGIC)
        logic = reader.article.id
        await claim_sentence(app, pilot, "false")
        await pilot.press("right_parenthesis")
        await claim_sentence(app, pilot, "false")
        await pilot.press("right_parenthesis")
        await claim_sentence(app, pilot, "true")
        await pilot.press("A", *"cek", "ctrl+s")
        await pilot.pause()
        await back_to_library(app, pilot)
        assert app.workspace.counts[logic] == Counter(
            {"claim": 3, "claim:false": 2, "claim:true": 1, "note": 1}
        )
        row = row_of(app, LOGIC)
        assert "✗2" in row and "✓1" in row and "✎1" in row
        assert "✗" not in row_of(app, KOMPAS)

        kompas = (await open_row(app, pilot, KOMPAS)).article.id
        await pilot.press("a", *"catatan", "ctrl+s")
        await pilot.pause()
        await back_to_library(app, pilot)
        assert app.workspace.counts[kompas] == Counter({"note": 1})

        (only,) = await filter_library(app, pilot, "status:false", typed=True)
        assert LOGIC in only
        rows = await filter_library(app, pilot, "has:claims")
        assert len(rows) == 1 and LOGIC in rows[0]
        rows = await filter_library(app, pilot, "has:notes")
        assert len(rows) == 2
        rows = await filter_library(app, pilot, "no:claims")
        assert len(rows) == 4 and not any(LOGIC in r for r in rows)
        assert await filter_library(app, pilot, "status:misleading") == []
        assert "nothing matches the filter" in status(app, "#library-status")

        await pilot.press("escape")
        assert len(list_lines(app)) == 5
        assert LOGIC not in list_lines(app)[0], "by date it is not first"
        await pilot.press("s", "s", "s", "s")
        assert app.screen.sort == "claims"
        assert LOGIC in list_lines(app)[0], "most claims first"


@async_test
async def test_deleting_the_last_claim_clears_the_library_count(app) -> None:
    async with running(app) as pilot:
        reader = await open_row(app, pilot, KOMPAS)
        await claim_sentence(app, pilot, "false")
        await pilot.press("x")
        await back_to_library(app, pilot)
        assert reader.article.id not in app.workspace.counts
        assert "✗" not in row_of(app, KOMPAS)
        assert await filter_library(app, pilot, "has:claims") == []


@async_test
async def test_a_new_app_on_the_same_data_folder_shows_the_counts_at_once(
    make_app, tmp_path: Path
) -> None:
    first = make_app()
    async with running(first) as pilot:
        await open_row(first, pilot, KOMPAS)
        await claim_sentence(first, pilot, "misleading")
    second = make_app()
    async with running(second) as pilot:
        assert "!1" in row_of(second, KOMPAS)
        (row,) = await filter_library(second, pilot, "status:misleading")
        assert KOMPAS in row


# --- two users on one data folder -------------------------------------------------------


@async_test
async def test_two_users_see_each_others_claims_and_neither_overwrites_the_other(
    tmp_path: Path, seeds: Path
) -> None:
    data = tmp_path / "data"
    tester = SorotApp([seeds], data, "tester")
    budi = SorotApp([seeds], data, "budi")
    async with running(tester) as pilot:
        reader = await open_row(tester, pilot, KOMPAS)
        article_id = reader.article.id
        await claim_sentence(tester, pilot, "false", speaker="KCNA")
    async with running(budi) as pilot:
        reader = await open_row(budi, pilot, KOMPAS)
        (theirs,) = reader.annotations.claims
        assert (theirs.annotator, theirs.status, theirs.speaker) == ("tester", "false", "KCNA")
        assert "@tester" in panel_entries(reader)[0]
        assert drawn(reader)[0][2] == "article-view--claim-false"
        await pilot.press("right_parenthesis")
        await claim_sentence(budi, pilot, "true")
    annotators = sorted(a.annotator for a in AnnotationStore(data).annotations(article_id))
    assert annotators == ["budi", "tester"]


@async_test
async def test_r_reloads_what_another_sorot_saved_while_the_article_is_open(
    tmp_path: Path, seeds: Path
) -> None:
    data = tmp_path / "data"
    tester = SorotApp([seeds], data, "tester")
    budi = SorotApp([seeds], data, "budi")
    async with running(tester) as mine, running(budi) as theirs:
        reader = await open_row(tester, mine, KOMPAS)
        other = await open_row(budi, theirs, KOMPAS)
        article_id = reader.article.id
        await claim_sentence(tester, mine, "false")
        await theirs.press("right_parenthesis")
        # budi's reader has not seen tester's claim; his save must not drop it.
        await claim_sentence(budi, theirs, "checking")
        assert len(AnnotationStore(data).annotations(article_id)) == 2
        assert len(other.annotations.claims) == 2, "saving re-reads the store"
        # tester's reader follows the folder: budi's claim arrives without a key …
        for _ in range(60):
            if len(reader.annotations.claims) == 2:
                break
            await mine.pause(0.1)
        assert len(reader.annotations.claims) == 2, "a colleague's save shows up by itself"
        await mine.press("R")  # … and R still reads the folder again on demand
        assert "Annotations reloaded." in status(tester, "#reader-status")
        assert "2 claims" in status(tester, "#reader-status")
        assert sorted(a.annotator for a in reader.annotations.claims) == ["budi", "tester"]
        assert [s[2] for s in drawn(reader)] == [
            "article-view--claim-false",
            "article-view--claim-checking",
        ]
        assert len(panel_entries(reader)) == 2
        # tester's undo takes back only tester's claim.
        await mine.press("u")
        (left,) = AnnotationStore(data).annotations(article_id)
        assert left.annotator == "budi"
        await theirs.press("R")
        assert [a.annotator for a in other.annotations.claims] == ["budi"]


@async_test
async def test_the_library_counts_include_what_another_user_saved_once_it_is_seen(
    tmp_path: Path, seeds: Path
) -> None:
    data = tmp_path / "data"
    tester = SorotApp([seeds], data, "tester")
    budi = SorotApp([seeds], data, "budi")
    async with running(tester) as mine, running(budi) as theirs:
        await open_row(budi, theirs, KOMPAS)
        await claim_sentence(budi, theirs, "false")
        # tester opens the article, sees budi's claim, and goes back to the library.
        reader = await open_row(tester, mine, KOMPAS)
        assert len(reader.annotations.claims) == 1
        await back_to_library(tester, mine)
        assert tester.workspace.counts.get(reader.article.id) == Counter(
            {"claim": 1, "claim:false": 1}
        )
        assert "✗1" in row_of(tester, KOMPAS)


@async_test
async def test_an_edit_from_a_stale_reader_keeps_a_colleagues_edit_of_another_field(
    tmp_path: Path, seeds: Path
) -> None:
    data = tmp_path / "data"
    tester = SorotApp([seeds], data, "tester")
    budi = SorotApp([seeds], data, "budi")
    async with running(tester) as mine, running(budi) as theirs:
        reader = await open_row(tester, mine, KOMPAS)
        await claim_sentence(tester, mine, "checking")
        await open_row(budi, theirs, KOMPAS)
        # budi names the speaker; tester, who has not reloaded, sets the status.
        await theirs.press("enter")
        await theirs.pause()
        await fill_claim(budi, theirs, speaker="KCNA")
        await mine.press("enter")
        await mine.pause()
        await fill_claim(tester, mine, status="false")
        (claim,) = AnnotationStore(data).annotations(reader.article.id)
        assert claim.status == "false"
        assert claim.speaker == "KCNA", "budi's edit was overwritten by tester's stale copy"


# --- configured claim statuses -------------------------------------------------------------


@async_test
async def test_statuses_from_config_toml_are_offered_and_saved(make_app, tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(
        '[claims]\nstatuses = ["belum dicek", "benar", "salah"]\ntypes = ["fakta", "kutipan"]\n',
        encoding="utf-8",
    )
    app = make_app()
    async with running(app) as pilot:
        assert app.settings.statuses == ("belum dicek", "benar", "salah")
        reader = await open_row(app, pilot, KOMPAS)
        await pilot.press("c")
        await pilot.pause()
        form = claim_form(app)
        assert form.query_one("#status", Select).value == "belum dicek"
        assert form.query_one("#claim-type", Select).value == "fakta"
        await pilot.press("tab", "enter")
        await pilot.pause()
        overlay = form.query_one("#status", Select).query_one("SelectOverlay", OptionList)
        assert [str(o.prompt) for o in overlay.options] == ["belum dicek", "benar", "salah"]
        await pilot.press("down", "down", "enter", "ctrl+s")
        await pilot.pause()
        (claim,) = stored(app, reader.article.id)
        assert (claim.status, claim.claim_type) == ("salah", "fakta")
        assert panel_entries(reader)[0].startswith("◆ salah · fakta")
        assert drawn(reader)[0][2] == "article-view--claim"
        await back_to_library(app, pilot)
        (row,) = await filter_library(app, pilot, "status:salah")
        assert KOMPAS in row
        assert await filter_library(app, pilot, "status:belum-dicek") == []


@async_test
async def test_a_claim_with_a_status_no_longer_configured_keeps_it_when_edited(
    make_app, tmp_path: Path
) -> None:
    app = make_app()
    async with running(app) as pilot:
        await open_row(app, pilot, KOMPAS)
        await claim_sentence(app, pilot, "mostly true")
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(
        '[claims]\nstatuses = ["belum dicek", "benar", "salah"]\n', encoding="utf-8"
    )
    app = make_app()
    async with running(app) as pilot:
        reader = await open_row(app, pilot, KOMPAS)
        await pilot.press("enter")
        await pilot.pause()
        assert claim_form(app).query_one("#status", Select).value == "mostly true"
        await fill_claim(app, pilot, speaker="KCNA")
        (claim,) = stored(app, reader.article.id)
        assert (claim.status, claim.speaker) == ("mostly true", "KCNA")


# --- the store refusing ------------------------------------------------------------------


@async_test
async def test_a_refused_save_keeps_the_form_its_text_and_its_draft(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running(app) as pilot:
        reader = await open_row(app, pilot, KOMPAS)
        article_id = reader.article.id
        real_save = app.workspace.store.save_many

        def refuse(*args, **kwargs):
            raise StoreError(READ_ONLY)

        monkeypatch.setattr(app.workspace.store, "save_many", refuse)
        await pilot.press("s", "c")
        await pilot.pause()
        form = claim_form(app)
        form.query_one("#status", Select).value = "false"
        form.query_one("#speaker", Input).value = "KCNA"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and app.is_running, "the form stays open"
        problem = str(form.query_one("#problem").content)
        assert f"Not saved: {READ_ONLY}" in problem and "ctrl+s tries again" in problem
        assert form.query_one("#speaker", Input).value == "KCNA"
        kept = app.workspace.drafts.get(article_id)
        assert kept is not None and (kept.status, kept.speaker) == ("false", "KCNA")
        assert stored(app, article_id) == [] and drawn(reader) == []
        # Once the folder can be written again, ctrl+s in the same form saves.
        monkeypatch.setattr(app.workspace.store, "save_many", real_save)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is reader
        (saved,) = stored(app, article_id)
        assert (saved.status, saved.speaker) == ("false", "KCNA")
        assert app.workspace.drafts.get(article_id) is None
        # A note the same way.
        monkeypatch.setattr(app.workspace.store, "save_many", refuse)
        await pilot.press("A", *"catatan", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NoteForm)
        assert f"Not saved: {READ_ONLY}" in str(app.screen.query_one("#problem").content)
        assert app.screen.current_text() == "catatan"
        await pilot.press("u")
        assert app.screen.current_text() == "catatanu", "keys go to the form, not to undo"


@async_test
async def test_a_refused_delete_or_undo_keeps_the_claim_and_can_be_tried_again(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running(app) as pilot:
        reader = await open_row(app, pilot, KOMPAS)
        await claim_sentence(app, pilot, "false")
        (claim,) = stored(app, reader.article.id)

        def refuse(*args, **kwargs):
            raise StoreError(READ_ONLY)

        with monkeypatch.context() as patch:
            patch.setattr(app.workspace.store, "delete", refuse)
            patch.setattr(app.workspace.store, "remove_if_unchanged", refuse)
            await pilot.press("x")
            assert any(f"Could not delete: {READ_ONLY}" in n for n in notes(app))
            assert stored(app, reader.article.id) == [claim]
            assert len(drawn(reader)) == 1
            await pilot.press("u")  # undoing the add deletes too: refused, kept for later
            assert any(f"Could not undo: {READ_ONLY}" in n for n in notes(app))
            assert stored(app, reader.article.id) == [claim]
        await pilot.press("u")
        assert stored(app, reader.article.id) == []
        assert "Undone: add claim." in status(app, "#reader-status")


# --- an article whose text changed ------------------------------------------------------------


KEPT = "Pertemuan tersebut diungkapkan oleh Kantor Berita Korea Utara, KCNA, Jumat (19/7/2024)."
GONE = (
    "Krivoruchko menjadi pejabat tinggi militer Rusia pertama yang mengunjungi Korea Utara, "
    "setelah Presiden Rusia Vladimir Putin bulan lalu."
)


async def annotate_then_rewrite(tmp_path: Path, seeds: Path) -> tuple[Path, str]:
    """A copy of the KOMPAS seed with claims on KEPT and GONE; then a sentence is
    added before them and GONE is removed. Returns the corpus folder and the old id."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source = corpus / "kompas.txt"
    shutil.copy(seeds / "001_bada8150801741bf.txt", source)
    app = SorotApp([corpus], tmp_path / "data", "tester")
    async with running(app) as pilot:
        reader = await open_row(app, pilot, KOMPAS)
        body = reader.article.body
        old_id = reader.article.id
        for sentence, verdict in ((KEPT, "false"), (GONE, "checking")):
            start = body.index(sentence)
            await claim_span(app, pilot, start, start + len(sentence), status=verdict)
        assert len(stored(app, old_id)) == 2
    text = source.read_text(encoding="utf-8")
    added = "Pertemuan itu berlangsung tertutup dan tidak diliput media asing."
    text = text.replace(GONE, "").replace("Pada pertemuan itu,", added + "\nPada pertemuan itu,", 1)
    source.write_text(text, encoding="utf-8")
    return corpus, old_id


@async_test
async def test_claims_follow_their_sentence_when_the_text_changes_or_are_orphaned(
    tmp_path: Path, seeds: Path
) -> None:
    corpus, old_id = await annotate_then_rewrite(tmp_path, seeds)
    data = tmp_path / "data"
    app = SorotApp([corpus], data, "tester")
    async with running(app) as pilot:
        reader = await open_row(app, pilot, KOMPAS)
        body = reader.article.body
        assert reader.article.id != old_id and GONE not in body
        (placed,) = reader.annotations.claims
        start = body.index(KEPT)
        assert (placed.selector.start, placed.selector.end) == (start, start + len(KEPT))
        assert placed.selector.exact == KEPT and placed.status == "false"
        assert drawn(reader) == [(start, start + len(KEPT), "article-view--claim-false")]
        (orphan,) = reader.annotations.orphaned
        assert orphan.selector.exact == GONE and orphan.status == "checking"
        entries = panel_entries(reader)
        assert entries[1] == "Orphaned: the text changed, passage not found"
        assert "Krivoruchko menjadi pejabat" in entries[2]
        assert "1 claim · 0 notes · 1 orphaned" in status(app, "#reader-status")
        # Both are kept under the new version's id, none under the old one.
        on_disk = AnnotationStore(data)
        assert sorted(a.orphaned for a in on_disk.annotations(reader.article.id)) == [False, True]
        assert on_disk.annotations(old_id) == []
        # Enter on the orphan in the panel opens its form (there is no text to jump to).
        await pilot.press("p")
        reader.panel.highlighted = 2
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimForm) and app.screen.quote == GONE
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


@async_test
async def test_the_library_counts_a_rewritten_articles_claims_after_it_was_opened(
    tmp_path: Path, seeds: Path
) -> None:
    corpus, _ = await annotate_then_rewrite(tmp_path, seeds)
    app = SorotApp([corpus], tmp_path / "data", "tester")
    async with running(app) as pilot:
        reader = await open_row(app, pilot, KOMPAS)
        assert len(reader.annotations.items) == 2
        await back_to_library(app, pilot)
        counts = app.workspace.counts.get(reader.article.id)
        assert counts == Counter({"claim": 2, "claim:false": 1, "claim:checking": 1})
        assert "✗1" in row_of(app, KOMPAS)


@async_test
async def test_a_rewritten_article_still_opens_when_the_data_folder_is_read_only(
    tmp_path: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, _ = await annotate_then_rewrite(tmp_path, seeds)
    app = SorotApp([corpus], tmp_path / "data", "tester")
    root = app.workspace.store.root

    def read_only(*args, **kwargs):
        raise StoreError(f"{root} is read-only; nothing was saved")

    # Every write goes through _change (placing again, taking over the old version's file).
    monkeypatch.setattr(app.workspace.store, "_change", read_only)
    async with running(app) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert any("read-only" in n for n in notes(app))
        assert isinstance(app.screen, ReaderScreen), "reading still works"


@pytest.mark.parametrize("retitled", [False, True], ids=["renamed", "renamed-and-retitled"])
@async_test
async def test_a_rescraped_article_under_a_new_file_name_keeps_its_annotations(
    tmp_path: Path, seeds: Path, retitled: bool
) -> None:
    corpus, old_id = await annotate_then_rewrite(tmp_path, seeds)
    old = corpus / "kompas.txt"
    text = old.read_text(encoding="utf-8")
    if retitled:
        text = text.replace("Makin Kuat", "Semakin Kuat", 1)
    (corpus / "kompas-2024-07-20-rescraped.txt").write_text(text, encoding="utf-8")
    old.unlink()
    data = tmp_path / "data"
    app = SorotApp([corpus], data, "tester")
    async with running(app) as pilot:
        assert any("followed" in n for n in notes(app)), "a toast says so"
        said = [n.message for n in app.notices.items() if "followed" in n.message]
        assert said == [
            f"2 annotations followed “{app.workspace.moves[0].article.title}” to its new version "
            f"({corpus / 'kompas-2024-07-20-rescraped.txt'}; was {old})."
        ]
        reader = await open_row(app, pilot, KOMPAS)
        assert reader.article.id != old_id
        (placed,) = reader.annotations.claims
        assert placed.selector.exact == KEPT and placed.status == "false"
        (orphan,) = reader.annotations.orphaned
        assert orphan.selector.exact == GONE, "not placed, but kept and listed"
    assert AnnotationStore(data).annotations(old_id) == []
    from tests.accounts import sorot as run_sorot

    status_, out, err = run_sorot("export", str(corpus), "--db", str(data))
    assert status_ == 0 and "not in the corpus" not in err
    (exported,) = json.loads(out)["articles"]
    assert exported["id"] == reader.article.id and len(exported["annotations"]) == 2


def _lock_held_elsewhere(app, monkeypatch: pytest.MonkeyPatch, article_id: str):
    """Another sorot holds the article's lock (the wait cut to a moment)."""
    from store.annotations import store as store_module
    from store.files.jsonfile import lock_for

    monkeypatch.setattr(store_module, "LOCK_TIMEOUT", 0.3)
    path = app.workspace.store.path_for(article_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    held = lock_for(path, timeout=1)
    held.acquire()
    return held.release, "another sorot has held"


def _disk_full(app, monkeypatch: pytest.MonkeyPatch, article_id: str):
    import errno
    import os

    from store.files import jsonfile

    real = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(jsonfile.os, "fsync", full)  # (the draft cannot be kept either)
    return lambda: monkeypatch.setattr(jsonfile.os, "fsync", real), "No space left on device"


def _another_users_file(app, monkeypatch: pytest.MonkeyPatch, article_id: str):
    # (Tests may run as root, whom modes do not stop: the refusal the kernel gives a
    # colleague's file is made here.)
    import errno
    import os

    from store.files import jsonfile

    real = os.replace
    path = str(app.workspace.store.path_for(article_id))

    def refused(source, target) -> None:
        if str(target) == path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(target))
        real(source, target)

    monkeypatch.setattr(jsonfile.os, "replace", refused)
    return lambda: monkeypatch.setattr(jsonfile.os, "replace", real), "read-only"


@pytest.mark.parametrize("failure", [_lock_held_elsewhere, _disk_full, _another_users_file])
@async_test
async def test_a_save_that_fails_in_the_store_keeps_the_form_and_its_draft(
    app, monkeypatch: pytest.MonkeyPatch, failure
) -> None:
    async with running(app) as pilot:
        reader = await open_row(app, pilot, KOMPAS)
        article_id = reader.article.id
        await pilot.press("s", "c")
        await pilot.pause()
        form = claim_form(app)
        form.query_one("#speaker", Input).value = "KCNA"
        form.query_one("#note", TextArea).text = "angka dari siaran KCNA"
        recover, said = failure(app, monkeypatch, article_id)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        assert app.screen is form and app.is_running, "the form stays open"
        problem = str(form.query_one("#problem").content)
        assert "Not saved" in problem and said.lower() in problem.lower(), problem
        assert "\n" not in problem.strip()
        assert form.fields().note == "angka dari siaran KCNA"
        kept = app.workspace.drafts.get(article_id)
        if failure is _disk_full:  # the draft cannot be written either, and the form says so
            # (A keep of the form as it opened may have come first: it holds none of this.)
            assert kept is None or kept.note != "angka dari siaran KCNA"
            assert "not as a draft: keep it open" in problem
        else:
            assert kept is not None and kept.note == "angka dari siaran KCNA"
            assert "(and as a draft)" in problem
        assert stored(app, article_id) == []
        recover()
        await pilot.press("ctrl+s")
        await pilot.pause(0.5)
        assert app.screen is reader
        (saved,) = stored(app, article_id)
        assert (saved.speaker, saved.note) == ("KCNA", "angka dari siaran KCNA")
        assert app.workspace.drafts.get(article_id) is None

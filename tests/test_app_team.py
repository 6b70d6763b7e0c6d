"""Budi reads in the app while Rina works on the same data folder (her saves go through
the store as her own sorot's would): her work shows up without a key, a conflict on
the same field is shown with both values, nothing Budi typed is lost."""

from __future__ import annotations

import time

import pytest
from textual.widgets import Input, Select

from store.annotations.article_annotations import ArticleAnnotations
from store.annotations.history import History
from store.annotations.store import AnnotationStore
from tests.annotate_helpers import claim_form, open_first, panel_entries, stored
from tests.pilot_helpers import async_test, list_lines, notes, running
from tui.screens.claim_form import ClaimForm
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen


@pytest.fixture
def app(make_app):
    return make_app()  # Budi's sorot (the user is "tester")


def rina(app, article) -> ArticleAnnotations:
    """Rina's sorot on the same folder and article."""
    store = AnnotationStore(app.workspace.data_dir)
    return ArticleAnnotations(article, store, History(store, article, user="rina"), "rina")


async def until(pilot, check, seconds: float = 6.0) -> None:
    """Let the app run until ``check()`` holds (a colleague's save takes a moment to land)."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "it did not happen in time"
        await pilot.pause(0.1)


@async_test
async def test_a_colleagues_claim_appears_in_the_article_and_the_library_without_a_key(app):
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        article = reader.article
        colleague = rina(app, article)
        colleague.add_claim(0, 40, claim_type="factual", status="false", speaker="KCNA")
        await until(pilot, lambda: len(reader.annotations.items) == 1)
        assert panel_entries(reader)[0].startswith("◆ false · factual · KCNA")
        await until(pilot, lambda: any("Rina added a claim here." in n for n in notes(app)))
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        (row,) = [line for line in list_lines(app) if "KOMPAS" in line]
        assert "✗1" in row
        # A colleague's claim in another article: the filter follows it too.
        app.screen.query_one("#library-filter").value = "status:true"
        await pilot.pause()
        assert app.screen.visible_ids() == []
        other = next(a for a in app.workspace.corpus.values() if a.id != article.id)
        rina(app, other).add_claim(0, 20, claim_type="factual", status="true")
        await until(pilot, lambda: app.screen.visible_ids() == [other.id])


@async_test
async def test_the_same_field_changed_by_a_colleague_is_shown_and_kept_as_chosen(app):
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        made = reader.annotations.add_claim(0, 40, claim_type="factual", status="unverified")
        await pilot.pause()
        reader.view.move_to(5)
        await pilot.press("enter")  # Budi opens the claim's form …
        await pilot.pause()
        form = claim_form(app)
        colleague = rina(app, reader.article)
        colleague.edit(colleague.get(made.id), status="false")  # … Rina sets it false
        form.query_one("#status", Select).value = "unproven"
        form.query_one("#speaker", Input).value = "Seoul"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "nothing is overwritten: the form stays"
        problem = str(form.query_one("#problem").content)
        assert "status: yours 'unproven', rina set 'false' at" in problem
        assert "ctrl+s keeps yours, ctrl+t takes theirs" in problem
        assert stored(app, made.article_id)[0].status == "false"
        await pilot.press("ctrl+t")  # take Rina's status, keep Budi's speaker
        await pilot.pause()
        assert form.query_one("#status", Select).value == "false"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        (saved,) = stored(app, made.article_id)
        assert (saved.status, saved.speaker) == ("false", "Seoul")
        assert [(e.by, e.fields()) for e in saved.history] == [
            ("rina", ("status",)),
            ("tester", ("speaker",)),
        ]
        # Keeping one's own value instead: the second ctrl+s saves it.
        reader.view.move_to(5)
        await pilot.press("enter")
        await pilot.pause()
        form = claim_form(app)
        colleague.edit(colleague.get(made.id) or made, status="misleading")
        form.query_one("#status", Select).value = "true"
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert stored(app, made.article_id)[0].status == "true"
        assert any(line.startswith("tester") for line in _history_of(app, made))


def _history_of(app, annotation) -> list[str]:
    from tui.screens.reader_saving import history_lines

    (saved,) = stored(app, annotation.article_id)
    return history_lines(saved)


@async_test
async def test_a_claim_deleted_by_a_colleague_while_edited_can_be_saved_anew(app):
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        made = reader.annotations.add_claim(
            0, 40, claim_type="factual", status="unverified", speaker="NIS"
        )
        await pilot.pause()
        reader.view.move_to(5)
        await pilot.press("enter")
        await pilot.pause()
        form = claim_form(app)
        colleague = rina(app, reader.article)
        colleague.delete(colleague.get(made.id))
        form.query_one("#status", Select).value = "false"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ClaimForm)
        assert "deleted by a colleague meanwhile" in str(form.query_one("#problem").content)
        assert app.workspace.drafts.get(made.article_id) is not None, "the typing is kept"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        (anew,) = stored(app, made.article_id)
        assert anew.id != made.id
        assert (anew.status, anew.speaker, anew.selector) == ("false", "NIS", made.selector)


@async_test
async def test_undo_takes_back_only_ones_own_change_and_says_what_a_colleague_set(app):
    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        made = reader.annotations.add_claim(0, 40, claim_type="factual", status="unverified")
        reader.annotations.edit(made, status="checking", speaker="Seoul")
        colleague = rina(app, reader.article)
        colleague.edit(colleague.get(made.id), status="false")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        line = str(reader.query_one("#reader-status").render())
        assert "Undone: edit claim (status kept as rina set it" in line
        (now,) = stored(app, made.article_id)
        assert (now.status, now.speaker) == ("false", None)


@async_test
async def test_a_save_arriving_as_its_article_is_left_does_not_end_the_watching(app):
    """Her save lands while Budi's reader is being taken down: the watch goes on."""
    from tui.widgets.article_view import ArticleView

    async with running(app) as pilot:
        reader = await open_first(app, pilot)
        article = reader.article
        await reader.query_one(ArticleView).remove()  # as when the screen is being left
        app.live.arrived({article.id})  # drew on nothing: not an error
        app.pop_screen()
        await pilot.pause()
        # An error on the UI thread is the UI's: the watching thread carries on.
        app.live._tell(lambda: 1 / 0)
        assert app.live._thread is not None and app.live._thread.is_alive()
        colleague = rina(app, article)
        colleague.add_claim(0, 40, claim_type="factual", status="false", speaker="KCNA")
        await until(pilot, lambda: any("Rina added a claim" in n for n in notes(app)))

"""Helpers shared by the annotation tests (not a test module itself)."""

from __future__ import annotations

from textual.widgets import Input, Select, TextArea

from store.annotations.store import AnnotationStore
from store.news.textunits import TextUnits
from tests.pilot_helpers import open_row
from tui.screens.claim_form import ClaimForm
from tui.screens.note_form import NoteForm
from tui.screens.reader import ReaderScreen

FIRST = "Hubungan militer Rusia-Korea Utara semakin kuat setelah pemimpin Korea Utara"
"""The start of the first sentence (and paragraph) of the KOMPAS.TV article."""


async def open_first(app, pilot) -> ReaderScreen:
    """Open the KOMPAS.TV article (seed 001, the one stating its date) with Enter."""
    return await open_row(app, pilot, "KOMPAS.TV")


def claim_form(app) -> ClaimForm:
    assert isinstance(app.screen, ClaimForm), app.screen
    return app.screen


def note_form(app) -> NoteForm:
    assert isinstance(app.screen, NoteForm), app.screen
    return app.screen


async def fill_claim(
    app,
    pilot,
    *,
    status: str | None = None,
    claim_type: str | None = None,
    speaker: str = "",
    tags: str = "",
    note: str = "",
) -> None:
    """Fill the open claim form and save it with ctrl+s."""
    form = claim_form(app)
    if status is not None:
        form.query_one("#status", Select).value = status
    if claim_type is not None:
        form.query_one("#claim-type", Select).value = claim_type
    if speaker:
        form.query_one("#speaker", Input).value = speaker
    if tags:
        form.query_one("#tags", Input).value = tags
    if note:
        form.query_one("#note", TextArea).text = note
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, ReaderScreen), "the form closes on ctrl+s"


async def claim_span(app, pilot, start: int, end: int, **fields: str) -> None:
    """Select body ``[start, end)``, press c and save the form with ``fields``."""
    reader = app.screen
    reader.view.select(start, end)
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()
    await fill_claim(app, pilot, **fields)


def sentences(reader: ReaderScreen, count: int) -> list[tuple[int, int]]:
    """The first ``count`` sentences of the article's paragraphs."""
    units = TextUnits(reader.article.body)
    found, offset = [], 0
    while len(found) < count:
        span = units.sentence_at(offset)
        assert span is not None
        found.append(span)
        offset = units.next_sentence_start(span[0])
    return found


def stored(app, article_id: str) -> list:
    """The annotations of ``article_id`` as a fresh store reads them from disk."""
    return AnnotationStore(app.workspace.data_dir).annotations(article_id)


def panel_entries(reader: ReaderScreen) -> list[str]:
    """The plain text of every entry of the annotations panel."""
    return [str(option.prompt) for option in reader.panel.options]


def drawn(reader: ReaderScreen) -> list[tuple[int, int, str]]:
    """The spans of the article view's annotations layer."""
    return [(s.start, s.end, s.style) for s in reader.view.highlights("annotations").spans]

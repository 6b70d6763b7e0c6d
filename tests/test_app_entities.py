"""Entities in the reader: drawn once the worker is done, toggled, jumped to, listed, corrected.

Driven with Pilot on the bundled seeds. Seed 001 (KOMPAS.TV) names Kim
Jong-un, KCNA, Korea Utara and Rusia many times; its related-article lines
(``Baca Juga: …``) are boilerplate and feed no entity. Seed 002
(geosurvey.co.id) names the office ``Menteri Pertahanan Rusia`` three times.
"""

from __future__ import annotations

import pytest
from textual.widgets import Button, Checkbox, Input, Select

import store.entities.recognise as recognise_module
from store.entities.model import TYPES
from tests.pilot_helpers import article_view, async_test, open_row, running, status, workers_done
from tui.screens.entity_form import EntityForm
from tui.screens.reader import ReaderScreen
from tui.widgets.entity_legend import TYPE_CLASSES

KOMPAS = "KOMPAS.TV"  # seed 001
BAPERA = "BaperaNews"  # seed 000
GEOSURVEY = "geosurvey.co.id"  # seed 002


@pytest.fixture
def app(make_app):
    return make_app()


async def open_with_entities(app, pilot, outlet: str = KOMPAS) -> ReaderScreen:
    """Open ``outlet``'s article and wait for its recognition worker."""
    reader = await open_row(app, pilot, outlet)
    await workers_done(app)
    await pilot.pause()
    assert reader.entities, "the recogniser found entities"
    return reader


def layer_styles(reader: ReaderScreen) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.style) for s in reader.view.highlights("entities").spans]


def entity_of(reader: ReaderScreen, text: str, nth: int = 0):
    found = [e for e in reader.entities if e.text == text]
    return found[nth]


async def correct(app, pilot, *, type_: str | None = None, key: str | None = None, button="save"):
    """Fill the entity form that ``t`` opened and press one of its buttons."""
    form = app.screen
    assert isinstance(form, EntityForm), form
    if type_ is not None:
        form.query_one("#entity-type", Select).value = type_
        await pilot.pause()
    if key is not None:
        form.query_one("#entity-key", Input).value = key
    if button == "save":
        await pilot.press("ctrl+s")
    else:
        form.query_one(f"#{button}", Button).press()
    await pilot.pause()
    assert isinstance(app.screen, ReaderScreen)


# --- drawn by a worker, cached ----------------------------------------------------------


@async_test
async def test_the_text_comes_first_and_the_entities_when_the_worker_is_done(app) -> None:
    async with running(app) as pilot:
        reader = await open_with_entities(app, pilot)
        spans = layer_styles(reader)
        assert len(spans) == len(reader.entities)
        kim = entity_of(reader, "Kim Jong-un")
        assert (kim.start, kim.end, "article-view--per") in spans
        assert kim.key == "Kim Jong Un"
        kcna = entity_of(reader, "KCNA")
        assert (kcna.start, kcna.end, "article-view--org") in spans
        legend = str(reader.legend.render())
        for kind in TYPES:
            assert kind in legend
        per = sum(1 for e in reader.entities if e.type == "PER")
        assert f"PER {per}" in legend
        view = article_view(app)
        assert view.highlights("entities").at(kim.start)[0].style == TYPE_CLASSES["PER"]


@async_test
async def test_reopening_costs_no_recognition_even_in_a_new_app(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_app()
    async with running(first) as pilot:
        reader = await open_with_entities(first, pilot)
        expected = list(reader.entities)
    calls: list[str] = []
    real = recognise_module.recognise_article

    def counting(article):
        calls.append(article.id)
        return real(article)

    monkeypatch.setattr(recognise_module, "recognise_article", counting)
    again = make_app()
    async with running(again) as pilot:
        reader = await open_row(again, pilot, KOMPAS)
        assert reader.entities == expected, "drawn at once, from the cache on disk"
        assert reader.article.id not in calls


# --- types on and off, next and previous --------------------------------------------------


@async_test
async def test_a_number_key_switches_a_type_off_and_on(app) -> None:
    async with running(app) as pilot:
        reader = await open_with_entities(app, pilot)
        total = len(layer_styles(reader))
        people = sum(1 for e in reader.entities if e.type == "PER")
        await pilot.press("1")
        styles = [style for _, _, style in layer_styles(reader)]
        assert "article-view--per" not in styles
        assert len(styles) == total - people
        assert "PER hidden" in status(app, "#reader-status")
        await pilot.press("4", "5")
        styles = [style for _, _, style in layer_styles(reader)]
        assert set(styles) == {"article-view--org", "article-view--loc"}
        await pilot.press("1", "4", "5")
        assert len(layer_styles(reader)) == total
        assert app.hidden_entity_types == set()


@async_test
async def test_angle_brackets_jump_between_the_entities_shown(app) -> None:
    async with running(app) as pilot:
        reader = await open_with_entities(app, pilot)
        view = article_view(app)
        starts = sorted({e.start for e in reader.entities})
        assert view.cursor == 0
        await pilot.press("greater_than_sign")
        assert view.cursor == starts[0]
        await pilot.press("greater_than_sign")
        assert view.cursor == starts[1]
        assert "LOC · Korea Utara" in status(app, "#reader-status")
        await pilot.press("less_than_sign")
        assert view.cursor == starts[0]
        await pilot.press("3")  # places off: the next entity is a person
        await pilot.press("greater_than_sign")
        assert view.cursor == entity_of(reader, "Kim Jong-un").start
        assert "PER · Kim Jong Un" in status(app, "#reader-status")


# --- the entity list ----------------------------------------------------------------------


@async_test
async def test_the_entity_list_groups_by_key_and_jumps_to_mentions(app) -> None:
    async with running(app) as pilot:
        reader = await open_with_entities(app, pilot)
        await workers_done(app)  # the corpus index
        await pilot.pause()
        await pilot.press("P")
        panel = reader.entity_panel
        assert panel.has_class("-open") and panel.has_focus
        assert not reader.panel.has_class("-open"), "it takes the annotations' place"
        prompts = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        kim = [e for e in reader.entities if e.key == "Kim Jong Un"]
        (row,) = [p for p in prompts if p.startswith("Kim Jong Un ")]
        assert row.startswith(f"Kim Jong Un ×{len(kim)}")
        assert "also in 4 other articles" in row, "every seed names him"
        assert any(p.startswith("KCNA ×4") for p in prompts), "Kantor Berita Korea Utara too"
        panel.highlighted = prompts.index(row)
        await pilot.press("enter")
        assert article_view(app).cursor == kim[0].start
        await pilot.press("enter")
        assert article_view(app).cursor == kim[1].start, "Enter again: the next mention"
        await pilot.press("escape")
        assert article_view(app).has_focus
        await pilot.press("P", "P")
        assert not panel.has_class("-open")
        assert reader.panel.has_class("-open"), "the annotations come back"


@async_test
async def test_o_lists_the_other_articles_and_opens_one_on_the_key(app) -> None:
    async with running(app) as pilot:
        reader = await open_with_entities(app, pilot)
        await workers_done(app)
        await pilot.pause()
        await pilot.press("P")
        panel = reader.entity_panel
        (index,) = [
            i
            for i in range(panel.option_count)
            if str(panel.get_option_at_index(i).prompt).startswith("Kim Jong Un ")
        ]
        panel.highlighted = index
        await pilot.press("o")
        others = [
            panel.get_option_at_index(i)
            for i in range(panel.option_count)
            if (panel.get_option_at_index(i).id or "").startswith("a")
        ]
        assert len(others) == 4
        panel.highlighted = panel.get_option_index(others[0].id)
        await pilot.press("enter")
        await workers_done(app)
        await pilot.pause()
        opened = app.screen
        assert isinstance(opened, ReaderScreen) and opened is not reader
        assert opened.article.id == others[0].id.split(":", 1)[1]
        first = next(e for e in opened.entities if e.key == "Kim Jong Un")
        assert opened.view.cursor == first.start, "the cursor is on his first mention"
        await pilot.press("q")
        assert app.screen is app.library


# --- corrections --------------------------------------------------------------------------


@async_test
async def test_retyping_an_entity_is_stored_and_wins_after_a_restart(make_app) -> None:
    app = make_app()
    async with running(app) as pilot:
        reader = await open_with_entities(app, pilot)
        moscow = entity_of(reader, "Moskow")
        assert moscow.type == "LOC"
        reader.view.move_to(moscow.start + 2)
        await pilot.press("t")
        await correct(app, pilot, type_="ORG", key="Pemerintah Rusia")
        now = entity_of(reader, "Moskow")
        assert (now.type, now.key, now.origin) == ("ORG", "Pemerintah Rusia", "user")
        assert (now.start, now.end, "article-view--org") in layer_styles(reader)
        assert "Retyped: ORG · Pemerintah Rusia" in status(app, "#reader-status")
        (stored,) = app.workspace.store.corrections(reader.article.id)
        assert stored["action"] == "retype" and stored["selector"]["exact"] == "Moskow"
        assert stored["annotator"] == "tester"
    again = make_app()
    async with running(again) as pilot:
        reader = await open_with_entities(again, pilot)
        now = entity_of(reader, "Moskow")
        assert (now.type, now.key) == ("ORG", "Pemerintah Rusia")


@async_test
async def test_u_takes_a_correction_back_and_ctrl_r_makes_it_again(make_app) -> None:
    app = make_app()
    async with running(app) as pilot:
        reader = await open_with_entities(app, pilot)
        moscow = entity_of(reader, "Moskow")
        reader.view.move_to(moscow.start + 2)
        await pilot.press("t")
        await correct(app, pilot, type_="ORG", key="Pemerintah Rusia")
        assert entity_of(reader, "Moskow").type == "ORG"
        await pilot.press("u")
        await pilot.pause()
        assert "Undone: retype entity." in status(app, "#reader-status")
        assert entity_of(reader, "Moskow").type == "LOC"
        assert app.workspace.store.corrections(reader.article.id) == []
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Redone: retype entity." in status(app, "#reader-status")
        assert entity_of(reader, "Moskow").type == "ORG"
        assert len(app.workspace.store.corrections(reader.article.id)) == 1


@async_test
async def test_rejecting_an_entity_removes_it_for_good(make_app) -> None:
    app = make_app()
    async with running(app) as pilot:
        reader = await open_with_entities(app, pilot)
        wrong = entity_of(reader, "Asia Timur")
        reader.view.move_to(wrong.start)
        await pilot.press("t")
        await correct(app, pilot, button="reject")
        assert "Asia Timur" not in [e.text for e in reader.entities]
        assert all(start != wrong.start for start, _, _ in layer_styles(reader))
    again = make_app()
    async with running(again) as pilot:
        reader = await open_with_entities(again, pilot)
        assert "Asia Timur" not in [e.text for e in reader.entities]
        reader.view.move_to(wrong.start)
        await pilot.press("t")
        form = again.screen
        assert isinstance(form, EntityForm) and form.query("#revert")
        await correct(again, pilot, button="revert")
        assert "Asia Timur" in [e.text for e in reader.entities], "taken back"


@async_test
async def test_a_selection_becomes_an_entity_over_the_ones_inside_it(make_app) -> None:
    app = make_app()
    async with running(app) as pilot:
        reader = await open_with_entities(app, pilot)
        body = reader.article.body
        start = body.index("Wakil Menteri Pertahanan Rusia")
        end = start + len("Wakil Menteri Pertahanan Rusia")
        inner = next(e for e in reader.entities if e.start >= start and e.end <= end)
        assert inner.text == "Rusia"
        reader.view.select(start, end)
        await pilot.pause()
        assert "t entity" in status(app, "#reader-status")
        await pilot.press("t")
        app.screen.query_one("#every", Checkbox).value = False  # this one only
        await correct(app, pilot, type_="PER", key="Aleksey Krivoruchko")
        added = [e for e in reader.entities if e.origin == "user"]
        assert [(e.start, e.end, e.type, e.key) for e in added] == [
            (start, end, "PER", "Aleksey Krivoruchko")
        ]
        assert inner not in reader.entities, "the user's span wins over the one inside"
        assert reader.view.selection is None
    again = make_app()
    async with running(again) as pilot:
        reader = await open_with_entities(again, pilot)
        assert any(e.origin == "user" and e.start == start for e in reader.entities)


@async_test
async def test_one_correction_can_reach_every_mention_of_a_key(app) -> None:
    async with running(app) as pilot:
        reader = await open_with_entities(app, pilot)
        first = entity_of(reader, "Kim Jong-un")
        count = sum(1 for e in reader.entities if e.key == "Kim Jong Un")
        reader.view.move_to(first.start)
        await pilot.press("t")
        form = app.screen
        form.query_one("#every", Checkbox).value = True
        await correct(app, pilot, key="Kim Jong-un (DPRK)")
        keys = [e.key for e in reader.entities if "Kim" in e.text]
        assert keys.count("Kim Jong-un (DPRK)") == count
        assert "Kim Jong Un" not in keys
        assert "Re-keyed" in status(app, "#reader-status")


@async_test
async def test_a_new_entity_is_marked_at_every_occurrence_at_once(make_app) -> None:
    office = "Menteri Pertahanan Rusia"
    app = make_app()
    async with running(app) as pilot:
        reader = await open_with_entities(app, pilot, GEOSURVEY)
        body = reader.article.body
        count = body.count(office)
        assert count >= 3
        start = body.index(office)
        reader.view.select(start, start + len(office))
        await pilot.pause()
        await pilot.press("t")
        every = app.screen.query_one("#every", Checkbox)
        assert every.value, "a new name is offered everywhere at once"
        assert f"({count})" in str(every.label)
        await correct(app, pilot, type_="PER", key="Andrey Belousov")
        marked = [(e.type, e.key, e.origin) for e in reader.entities if e.text == office]
        assert marked == [("PER", "Andrey Belousov", "user")] * count
        assert f"every occurrence ({count})" in status(app, "#reader-status")
        (stored,) = app.workspace.store.corrections(reader.article.id)
        assert (stored["action"], stored["scope"]) == ("add", "text")
    again = make_app()
    async with running(again) as pilot:
        reader = await open_with_entities(again, pilot, GEOSURVEY)
        last = [e for e in reader.entities if e.text == office][-1]
        assert last.key == "Andrey Belousov", "kept across a restart"
        reader.view.move_to(last.start)
        await pilot.press("t")
        await correct(again, pilot, button="revert")
        assert not any(e.text == office for e in reader.entities), "undone at every occurrence"


@async_test
async def test_a_new_entity_unticked_is_marked_only_where_it_was_selected(app) -> None:
    office = "Menteri Pertahanan Rusia"
    async with running(app) as pilot:
        reader = await open_with_entities(app, pilot, GEOSURVEY)
        body = reader.article.body
        start = body.index(office, body.index(office) + 1)
        reader.view.select(start, start + len(office))
        await pilot.pause()
        await pilot.press("t")
        app.screen.query_one("#every", Checkbox).value = False
        await correct(app, pilot, type_="PER", key="Andrey Belousov")
        marked = [e.start for e in reader.entities if e.text == office]
        assert marked == [start]


@async_test
async def test_claim_speakers_come_from_the_articles_people_and_organisations(app) -> None:
    async with running(app) as pilot:
        reader = await open_with_entities(app, pilot)
        names = app.speaker_candidates(reader.annotations)
        assert names[0] == "Kim Jong Un", "the most mentioned person first"
        assert "KCNA" in names and "Korea Utara" in names
        assert names.index("KCNA") < names.index("Korea Utara"), "places after people and orgs"
        assert "Jumat (19/7/2024)" not in names


@async_test
async def test_the_library_filters_by_entity_once_the_index_is_built(app) -> None:
    async with running(app) as pilot:
        await workers_done(app)
        await pilot.pause()
        assert app.entity_index.complete
        await pilot.press("slash", *"entity:belousov")
        await pilot.pause()
        rows = app.library.list.rows
        titles = [rows[i].title for i in range(len(rows))]
        assert len(titles) == 3, titles
        ids = {rows[i].id for i in range(len(rows))}
        assert ids == set(app.entity_index.where("Andrei Belousov"))

"""One query, one meaning: the library, its export dialog, ``sorot list --where``,
``sorot search``, ``sorot export --where``, the old filter options and a saved set
select exactly the same articles and annotations. Free words are full-text search
everywhere: ``kursk`` is in no title, only in bodies.

The store holds claims of every status, notes on passages and on whole
articles, and entity corrections, made by two annotators on different days.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from store.annotations.annotation import Annotation, Selector
from store.news.loading import load_paths
from store.workspace import Workspace
from tests.conftest import SEEDS
from tests.pilot_helpers import async_test, running, workers_done
from tui.cli import main
from tui.screens.export_dialog import ExportDialog
from tui.screens.library import LibraryScreen

STATUSES = ("unverified", "checking", "true", "mostly true", "misleading", "false", "unproven")

QUERIES: dict[str, list[str] | None] = {
    # query words → the same selection as the old filter options (None: they cannot say it)
    "status:false": ["--status", "false"],
    "kind:claim status:false,misleading": [
        "--kind",
        "claim",
        "--status",
        "false",
        "--status",
        "misleading",
    ],
    "status:mostly-true": ["--status", "mostly true"],
    "kind:note": ["--kind", "note"],
    "speaker:kcna": ["--speaker", "KCNA"],
    "tag:angka type:statistic": ["--tag", "angka", "--type", "statistic"],
    "annotator:budi since:2024-12-03": ["--annotator", "budi", "--since", "2024-12-03"],
    "entity:belousov": ["--entity", "belousov"],
    "entity:kim-jong-un status:unverified": ["--entity", "kim-jong-un", "--status", "unverified"],
    "has:claims": None,
    "no:claims": None,
    "has:notes status:true": None,
    "kremlin": None,
    "kursk": None,
    "tentar status:false,misleading": None,
    "korea kind:claim until:2024-12-02": None,
}


def _claim(article, text: str, kind: str = "claim", **fields) -> Annotation:
    start = article.body.index(text)
    selector = Selector.from_body(article.body, start, start + len(text))
    return Annotation(article.id, kind, selector, article.sha256, **fields)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding every kind of annotation on the seeds (made once)."""
    data = tmp_path_factory.mktemp("one-query") / "data"
    space = Workspace(data, "rina")
    articles = load_paths([SEEDS]).articles
    first, kompas, geo, logic, tanya = articles
    made = [
        _claim(
            first,
            "Kim Jong Un",
            annotator="rina",
            status="true",
            speaker="KCNA",
            tags=("militer",),
            claim_type="factual",
            created="2024-12-01T08:00:00+00:00",
        ),
        _claim(
            first,
            "10.000 tentara",
            annotator="budi",
            status="misleading",
            claim_type="statistic",
            tags=("angka",),
            created="2024-12-03T08:00:00+00:00",
        ),
        _claim(
            kompas,
            "Kim Jong-un",
            annotator="rina",
            status=None,
            created="2024-12-02T09:00:00+00:00",
        ),
        _claim(
            kompas,
            "Rusia",
            annotator="budi",
            status="checking",
            speaker="Kremlin",
            created="2024-12-04T09:00:00+00:00",
        ),
        _claim(
            geo,
            "KCNA",
            annotator="rina",
            status="false",
            speaker="KCNA",
            claim_type="quote",
            created="2024-12-02T10:00:00+00:00",
        ),
        _claim(
            geo,
            "Korea Utara",
            annotator="budi",
            status="mostly true",
            claim_type="statistic",
            tags=("Angka", "korut"),
            created="2024-12-05T10:00:00+00:00",
        ),
        _claim(
            logic,
            "Rusia",
            annotator="rina",
            status="false",
            speaker="Kim Jong Un",
            created="2024-12-01T11:00:00+00:00",
        ),
        _claim(
            logic,
            "Korea Utara",
            annotator="budi",
            status="unproven",
            created="2024-12-06T11:00:00+00:00",
        ),
        _claim(
            tanya,
            "Rusia",
            annotator="rina",
            status="unverified",
            speaker="KCNA",
            created="2024-12-02T12:00:00+00:00",
        ),
    ]
    made.append(
        _claim(
            geo,
            "Andrey Belousov",
            "note",
            annotator="budi",
            note="Ejaan: Andrei/Andrey.",
            created="2024-12-03T12:00:00+00:00",
        )
    )
    made.append(
        Annotation(
            first.id,
            "note",
            None,
            first.sha256,
            "rina",
            note="Catatan untuk seluruh artikel.",
            created="2024-12-02T13:00:00+00:00",
        )
    )
    by_id = {a.id: a for a in articles}
    for annotation in made:
        space.store.save(annotation, by_id[annotation.article_id])
    # An entity correction, kept in the same file as the article's annotations.
    start = kompas.body.index("Kim Jong-un")
    space.entities.correct(
        kompas,
        start,
        start + len("Kim Jong-un"),
        "retype",
        annotator="rina",
        type="PER",
        key="Kim Jong Un",
    )
    return data


def _selection_of_export(document: dict) -> dict[str, set[str]]:
    return {
        article["id"]: {a["id"] for a in article["annotations"]} for article in document["articles"]
    }


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def _expected(folder: Path, words: str) -> tuple[set[str], dict[str, set[str]]]:
    """The rule, stated on its own: rows, then chosen annotations per exported article."""
    space = Workspace(folder, "checker")
    query = space.query(words)
    articles = load_paths([SEEDS]).articles
    rows = {a.id for a in articles if space.selects(query, a)}
    exported = {}
    for article in articles:
        if article.id not in rows:
            continue
        chosen = {a.id for a in space.store.annotations(article.id) if query.takes(a)}
        if chosen:
            exported[article.id] = chosen
    return rows, exported


@pytest.mark.parametrize("words", list(QUERIES))
def test_the_command_line_selects_the_same_in_every_spelling(folder: Path, words: str) -> None:
    rows, exported = _expected(folder, words)
    status, out, err = _cli("list", str(SEEDS), "--where", words, "--json", "--db", str(folder))
    assert status == 0, err
    assert {a["id"] for a in json.loads(out)} == rows
    status, out, err = _cli(
        "search", words, str(SEEDS), "--json", "--limit", "0", "--db", str(folder)
    )
    assert status == 0, err
    found = json.loads(out)
    assert {hit["id"] for hit in found["hits"]} == rows and found["total"] == len(rows)
    spellings = [["--where", words]]
    if QUERIES[words] is not None:
        spellings.append(QUERIES[words])
    status, out, err = _cli("sets", "--db", str(folder), "save", "the-set", words)
    assert status == 0, err
    spellings.append(["--set", "the-set"])
    for spelling in spellings:
        status, out, err = _cli("export", str(SEEDS), *spelling, "--db", str(folder))
        assert status == 0, (spelling, err)
        assert _selection_of_export(json.loads(out)) == exported, spelling


def test_the_rule_itself_on_a_few_queries(folder: Path) -> None:
    """Not only the same everywhere, but what a reader of the README expects."""
    rows, exported = _expected(folder, "status:false")
    assert sum(map(len, exported.values())) == 2 and rows == set(exported)
    rows, exported = _expected(folder, "has:claims")
    assert len(rows) == 5 and sum(map(len, exported.values())) == 11  # notes come along
    rows, exported = _expected(folder, "no:claims")
    assert rows == set() and exported == {}
    rows, exported = _expected(folder, "kind:note")
    assert sum(map(len, exported.values())) == 2
    rows, exported = _expected(folder, "kursk")
    assert len(rows) == 1, "words are found in the body, not only in titles"


@async_test
async def test_the_library_and_its_export_dialog_select_the_same(
    folder: Path, make_app, tmp_path: Path
) -> None:
    app = make_app(SEEDS, data_dir=folder)
    async with running(app) as pilot:
        app.workspace.recognise_corpus()  # the entity pass, as the app runs it in the background
        for number, words in enumerate(QUERIES):
            rows, exported = _expected(folder, words)
            library = app.screen
            assert isinstance(library, LibraryScreen)
            library.query_one("#library-filter").value = words
            await pilot.pause()
            assert library.query_error is None, library.query_error
            assert set(library.visible_ids()) == rows, words
            await pilot.press("e")
            await pilot.pause()
            await workers_done(app)
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            target = tmp_path / f"export-{number}.json"
            dialog.query_one("#path").value = str(target)
            await pilot.press("ctrl+s")
            await workers_done(app)
            await pilot.pause()
            if exported:
                document = json.loads(target.read_text("utf-8"))
                assert _selection_of_export(document) == exported, words
                assert document["set"]["query"] == str(app.workspace.query(words))
            else:
                assert (
                    not target.exists()
                    or _selection_of_export(json.loads(target.read_text("utf-8"))) == {}
                )
            while not isinstance(app.screen, LibraryScreen):
                await pilot.press("escape")
                await pilot.pause()


@async_test
async def test_a_typo_in_the_library_is_said_and_the_filter_kept(folder: Path, make_app) -> None:
    app = make_app(SEEDS, data_dir=folder)
    async with running(app) as pilot:
        await pilot.press("slash", *"status:unverifed", "enter")
        await pilot.pause()
        library = app.screen
        assert library.query_one("#library-filter").value == "status:unverifed"
        assert "is not a status; the statuses are unverified" in library.query_error
        assert any("status:unverifed is not a status" in n.message for n in app._notifications)
        status_line = str(library.query_one("#library-status").content)
        assert "the statuses are" in status_line

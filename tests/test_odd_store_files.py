"""Odd files in the data folder: each is said, set aside or rebuilt, and never stops the rest.

A data folder is shared with colleagues, older and newer sorots, editors
and killed processes. A cache of another shape is parsed again; an
annotation file from a newer sorot is left as it is and its article left
out of what is listed or exported (said, exit status 1), the others go on;
an annotation whose fields are of the wrong type (an import by an older
sorot, a tool that writes the files) is left out in one line instead of
crashing whoever shows or exports it; temp files a killed writer left are
cleaned by the next write of every kind of JSON file.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from store.annotations.drafts import Draft, Drafts
from store.annotations.store import AnnotationStore
from store.library.readstate import ReadingLog
from store.query import parse_query
from store.query.sets import SetStore
from tests.export_fixtures import annotated_store, seed_articles
from tui.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err


# -- caches ---------------------------------------------------------------------------------

# -- annotation files -------------------------------------------------------------------------


@pytest.fixture
def team(tmp_path: Path) -> tuple[Path, AnnotationStore]:
    """A data folder with the seeds' annotations (``export_fixtures``), and its store."""
    data = tmp_path / "data"
    annotated_store(data, seed_articles())
    return data, AnnotationStore(data)


def _newer(store: AnnotationStore, article_id: str) -> bytes:
    path = store.path_for(article_id)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["schema"] = {"version": 99}
    raw = json.dumps(data).encode("utf-8")
    path.write_bytes(raw)
    return raw


def test_a_newer_sorots_file_is_said_and_left_out_and_the_rest_exported(
    team: tuple[Path, AnnotationStore], capsys: pytest.CaptureFixture[str]
) -> None:
    data, store = team
    first, *others = [a.id for a in seed_articles() if store.annotations(a.id)]
    raw = _newer(store, first)

    status, out, err = run(capsys, "export", SEEDS, "--db", data)
    exported = {article["id"] for article in json.loads(out)["articles"]}
    assert first not in exported and set(others) <= exported
    said = [line for line in err.splitlines() if "newer sorot (schema 99)" in line]
    assert status == 1 and len(said) == 1 and first in said[0]  # once, though read thrice

    status, out, err = run(capsys, "list", SEEDS, "--where", "kind:claim", "--db", data)
    assert status == 1 and "newer sorot" in err and first not in out

    # Importing claims on the other articles goes on; the newer file is untouched.
    exported_file = data.parent / "theirs.json"
    run(capsys, "export", SEEDS, "--db", data, "--output", exported_file)
    status, out, err = run(capsys, "import", exported_file, "--db", data.parent / "fresh")
    assert status == 0, err
    assert store.path_for(first).read_bytes() == raw


BAD_FIELDS = {
    "status": {"x": 1},
    "speaker": [1],
    "claim_type": 5,
    "tags": [1, {"a": 2}],
    "selector": {"start": "Infinity", "end": 10},
    "revision": "1" * 5000,
}


def test_annotations_stored_with_the_wrong_types_are_left_out_in_one_line_each(
    team: tuple[Path, AnnotationStore], capsys: pytest.CaptureFixture[str]
) -> None:
    data, store = team
    article = next(a for a in seed_articles() if store.annotations(a.id))
    path = store.path_for(article.id)
    file = json.loads(path.read_text(encoding="utf-8"))
    table = file["annotations"]
    good = next(iter(table.values()))
    for n, (name, value) in enumerate(BAD_FIELDS.items()):
        bad = dict(good, id=f"00000000-0000-4000-8000-00000000000{n}", **{name: value})
        if name == "selector":
            text = json.dumps(bad).replace('"Infinity"', "Infinity")
            bad = json.loads(text)
        table[bad["id"]] = bad
    text = json.dumps(file).replace(
        json.dumps("1" * 5000), "1" * 5000
    )  # a 5,000-digit number, as a tool might write it
    path.write_text(text, encoding="utf-8")

    kept = AnnotationStore(data).annotations(article.id)
    assert len(kept) == len(table) - len(BAD_FIELDS)
    for fmt in ("json", "jsonl", "w3c", "claimreview", "csv"):
        status, out, err = run(capsys, "export", SEEDS, "--format", fmt, "--db", data)
        assert status == 1 and out, (fmt, err)
        said = [line for line in err.splitlines() if f"{path}: annotation " in line]
        assert len(said) == len(BAD_FIELDS), err
        assert "Traceback" not in err


def test_sorot_entities_says_a_file_it_set_aside(
    team: tuple[Path, AnnotationStore], capsys: pytest.CaptureFixture[str]
) -> None:
    data, store = team
    article = next(a for a in seed_articles() if store.annotations(a.id))
    store.path_for(article.id).write_bytes(b'{"annotations": [{"id": "x"}]')
    status, out, err = run(capsys, "entities", SEEDS, "--db", data)
    assert status == 1 and "KEY" in out
    assert "not valid JSON" in err and "kept as" in err


# -- temp files a killed writer left ----------------------------------------------------------


def _left_by_a_killed_writer(path: Path, age: float = 0.0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.k1ll3d.tmp")
    temp.write_text('{"half": ', encoding="utf-8")
    if age:
        old = time.time() - age
        os.utime(temp, (old, old))
    return temp


def test_every_kind_of_json_file_cleans_the_temp_files_a_killed_writer_left(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    sets, reading, drafts = SetStore(data), ReadingLog(data, "rina"), Drafts(data, "rina")
    left = [
        _left_by_a_killed_writer(sets.file.path),
        _left_by_a_killed_writer(reading.file.path),
        _left_by_a_killed_writer(drafts.file.path),
    ]
    sets.save("palsu", parse_query("status:false"))
    reading.set_read("artikel-0badf00d", True)
    drafts.keep("artikel-0badf00d", Draft("note", 0, 5, "Kim J", note="belum"))
    assert [temp for temp in left if temp.exists()] == []

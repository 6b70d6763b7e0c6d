"""`sorot export`, `sorot import` and `sorot sets`, run as a user would, in a subprocess."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from store.annotations.store import AnnotationStore
from tests.export_fixtures import GONE_ID, annotated_store, seed_articles

REPO = Path(__file__).resolve().parent.parent


def sorot(*args: str | Path, data: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tui.cli ARGS --db DATA``."""
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *map(str, args), "--db", str(data)],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder with the annotations of ``export_fixtures`` on the bundled seeds."""
    annotated_store(tmp_path / "data", seed_articles())
    return tmp_path / "data"


def test_export_streams_native_json_to_stdout(data: Path) -> None:
    result = sorot("export", data=data)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["format"] == "sorot-export" and document["totals"]["annotations"] == 11
    # The one annotation whose article is not in the corpus is exported, and said so.
    assert result.stderr.count("\n") == 1 and GONE_ID in result.stderr
    assert "not in the corpus" in result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "w3c", "claimreview", "csv"])
def test_every_format_goes_to_stdout(data: Path, fmt: str) -> None:
    result = sorot("export", "--format", fmt, "--text", data=data)
    assert result.returncode == 0, result.stderr
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
        assert len(rows) == 11 and "article_text" in rows[0]
    elif fmt == "jsonl":
        assert len([json.loads(line) for line in result.stdout.splitlines()]) == 11
    else:
        assert json.loads(result.stdout)


def test_filter_options_choose_the_annotations(data: Path) -> None:
    result = sorot("export", "--format", "jsonl", "--kind", "claim", "--status", "false", data=data)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["status"] for line in lines] == ["false", "false"]
    result = sorot(
        "export", "--format", "jsonl", "--annotator", "budi", "--tag", "angka", data=data
    )
    assert len(result.stdout.splitlines()) == 1


def test_export_to_a_file_is_atomic_and_never_overwrites_unasked(
    data: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "set.json"
    target.parent.mkdir()
    result = sorot("export", "-o", target, data=data)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "wrote 6 articles, 8 claims, 3 notes" in result.stderr
    assert json.loads(target.read_text("utf-8"))["totals"]["annotations"] == 11
    assert [p.name for p in target.parent.iterdir()] == ["set.json"]  # no temp file left
    target.write_text("mine", "utf-8")
    refused = sorot("export", "--format", "csv", "-o", target, data=data)
    assert refused.returncode == 1
    assert refused.stderr == f"sorot: {target} exists; use --force to replace it\n"
    assert target.read_text("utf-8") == "mine"
    forced = sorot("export", "--format", "csv", "-o", target, "--force", data=data)
    assert forced.returncode == 0, forced.stderr
    assert target.read_text("utf-8").startswith("\ufeffannotation_id,article_id,kind")


def test_a_bad_format_name_is_one_line_and_status_2(data: Path) -> None:
    result = sorot("export", "--format", "xml", data=data)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "unknown format 'xml'" in result.stderr
    bad_kind = sorot("export", "--kind", "claimz", data=data)
    assert bad_kind.returncode == 2 and bad_kind.stderr.count("\n") == 1
    assert "the kinds are claim, note, entity" in bad_kind.stderr
    typo = sorot("export", "--status", "unverifed", data=data)
    assert typo.returncode == 2 and typo.stdout == "" and typo.stderr.count("\n") == 1
    assert "status:unverifed is not a status; the statuses are unverified" in typo.stderr
    bad_word = sorot("export", "--where", "stauts:false", data=data)
    assert bad_word.returncode == 2 and "stauts: is not a filter word" in bad_word.stderr
    bad_option = sorot("export", "--orphaned", "maybe", data=data)
    assert bad_option.returncode == 2 and bad_option.stderr.count("\n") == 1


def test_import_prints_its_report_and_merges(data: Path, tmp_path: Path) -> None:
    exported = tmp_path / "set.json"
    assert sorot("export", "-o", exported, data=data).returncode == 0
    target = tmp_path / "target"
    first = sorot("import", exported, data=target)
    assert first.returncode == 0, first.stderr
    assert first.stdout == f"{exported}: 11 annotations (sorot-export): 11 added\n"
    again = sorot("import", exported, "--json", data=target)
    report = json.loads(again.stdout)
    assert len(report[0]["unchanged"]) == 11 and report[0]["added"] == []
    assert len(list(AnnotationStore(target).all())) == 11


def test_a_bad_import_file_is_one_line_and_fails(data: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\x00\x01binary")
    good = tmp_path / "good.json"
    assert sorot("export", "-o", good, data=data).returncode == 0
    result = sorot("import", bad, good, data=tmp_path / "target")
    assert result.returncode == 1
    assert result.stderr == f"sorot: {bad}: is not JSON (Expecting value at line 1, column 1)\n"
    assert "11 added" in result.stdout  # the good file is still imported
    missing = sorot("import", tmp_path / "nope.json", data=tmp_path / "target")
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1


def test_sets_save_list_show_use_and_delete(data: Path) -> None:
    empty = sorot("sets", data=data)
    assert empty.returncode == 0 and "no saved sets" in empty.stdout
    saved = sorot("sets", "save", "palsu", "--kind", "claim", "--status", "false", data=data)
    assert saved.returncode == 0, saved.stderr
    assert saved.stdout == "saved palsu: kind:claim status:false\n"
    listed = sorot("sets", "list", data=data)
    assert listed.stdout == "palsu  kind:claim status:false\n"
    shown = json.loads(sorot("sets", "show", "palsu", "--json", data=data).stdout)
    assert shown["statuses"] == ["false"] and shown["kinds"] == ["claim"]
    used = sorot("export", "--set", "palsu", "--format", "claimreview", data=data)
    assert used.returncode == 0, used.stderr
    # The default rating scale names the verdict as readers see it.
    assert [r["reviewRating"]["alternateName"] for r in json.loads(used.stdout)] == [
        "False",
        "False",
    ]
    narrowed = sorot("export", "--set", "palsu", "--annotator", "sari", "-f", "jsonl", data=data)
    assert [json.loads(line)["article_id"] for line in narrowed.stdout.splitlines()] == [GONE_ID]
    assert sorot("sets", "rename", "palsu", "keliru", data=data).returncode == 0
    deleted = sorot("sets", "delete", "keliru", data=data)
    assert deleted.returncode == 0 and deleted.stdout == "deleted keliru\n"
    assert "no saved sets" in sorot("sets", data=data).stdout


def test_unknown_sets_are_one_plain_line(data: Path) -> None:
    for args in (("sets", "show", "nope"), ("sets", "delete", "nope"), ("export", "--set", "nope")):
        result = sorot(*args, data=data)
        assert result.returncode == 1
        assert result.stderr == "sorot: there is no set named 'nope' (no set is saved yet)\n"


@pytest.mark.parametrize("command", ["export", "import", "sets"])
def test_the_set_commands_never_import_textual(command: str, data: Path, tmp_path: Path) -> None:
    exported = tmp_path / "x.json"
    assert sorot("export", "-o", exported, data=data).returncode == 0
    argv = {
        "export": ["export", "--db", str(data)],
        "import": ["import", str(exported), "--db", str(tmp_path / "t")],
        "sets": ["sets", "--db", str(data)],
    }[command]
    code = (
        "import sys, io, contextlib\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main({argv!r})\n"
        "assert status == 0, status\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if 'textual' in m)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_entities_are_the_recognised_ones_corrected_with_exact_offsets(data: Path) -> None:
    from store.entities.service import EntityService

    article = seed_articles()[1]
    start = article.body.index("Pyongyang")
    EntityService(data, AnnotationStore(data)).correct(
        article, start, start + 9, "add", annotator="rina", type="ORG", key="Kota Pyongyang"
    )
    result = sorot("export", "--text", "--kind", "entity", data=data)  # entities implied
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert len(document["articles"]) == 5 and document["totals"]["entities"] > 0
    for exported in document["articles"]:
        for entity in exported["entities"]:
            assert exported["body"][entity["start"] : entity["end"]] == entity["text"]
            assert entity["origin"] in ("auto", "user")
    kompas = next(a for a in document["articles"] if a["id"] == article.id)
    corrected = next(e for e in kompas["entities"] if e["start"] == start)
    assert (corrected["type"], corrected["key"], corrected["origin"]) == (
        "ORG",
        "Kota Pyongyang",
        "user",
    )


def test_a_terminal_sees_control_characters_as_symbols_and_a_pipe_gets_them_exact(
    tmp_path: Path,
) -> None:
    from store.annotations.annotation import Annotation, Selector
    from store.news.loading import load_paths
    from tui.cli.common import TerminalStream

    out = io.StringIO()
    TerminalStream(out).write('a\x1b[2Jb\x9bc\u202ed,"x\r\ny"\r\n')
    assert out.getvalue() == 'a␛[2Jb\ufffdc\ufffdd,"x\r\ny"\r\n'
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    body = "Before \x1b[2J after. Clip \x1b]52;c;aGVsbG8=\x07 end."
    (corpus / "a.json").write_text(json.dumps({"title": "Clear", "body": body}), "utf-8")
    (article,) = load_paths([corpus]).articles
    selector = Selector.from_body(article.body, 0, article.body.index(" Clip"))
    AnnotationStore(tmp_path / "data").save(
        Annotation(article.id, "claim", selector, article.sha256, "rina"), article
    )
    result = sorot("export", corpus, "-f", "csv", "--text", data=tmp_path / "data")
    (row,) = csv.DictReader(io.StringIO(result.stdout, newline=""))
    assert row["exact"] == "Before \x1b[2J after." and row["article_text"] == article.body


def test_an_export_reads_only_what_it_must_once_indexed(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.library.corpus
    import store.library.parsing
    from store.news.loading import bundled_corpus
    from tui.cli import main

    read: dict[str, list[str]] = {"to index": [], "to export": []}
    for what, module in (("to index", store.library.parsing), ("to export", store.library.corpus)):
        real = module.read_file

        def counting(path: Path, real=real, what=what) -> tuple:
            read[what].append(Path(path).name)
            return real(path)

        monkeypatch.setattr(module, "read_file", counting)
    seeds = sorted(p.name for p in bundled_corpus().iterdir())
    outputs = []
    for run in ("first", "again"):
        for names in read.values():
            names.clear()
        target = tmp_path / f"{run}.json"
        assert main(["export", "--db", str(data), "-o", str(target)]) == 0
        outputs.append(json.loads(target.read_text("utf-8")))
        # The index reads each file once, the first time only; every seed file is
        # annotated, so the export reads each once, each time.
        assert sorted(read["to index"]) == (seeds if run == "first" else []), run
        assert sorted(read["to export"]) == seeds, run
    for document in outputs:
        document.pop("exported", None)
    assert outputs[0] == outputs[1]


def test_claimreview_says_on_stderr_what_it_left_out(data: Path) -> None:
    result = sorot("export", "--format", "claimreview", "--text", data=data)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 5
    said = result.stderr.splitlines()
    assert "sorot: left out: 3 notes: a note is not a review" in said
    assert "sorot: left out: 1 claim: no verdict yet (checking)" in said
    assert any(line.startswith("sorot: left out: 5 reviews: no url") for line in said)
    assert any(line.startswith("sorot: left out: 4 article texts: not written") for line in said)


def test_import_from_another_tool_reports_each_record_and_fails_on_refusals(
    data: Path, tmp_path: Path
) -> None:
    article = seed_articles()[0]
    paragraph = next(p for p in article.body.split("\n\n") if p.startswith("Kim menegaskan"))
    start = paragraph.index("hak untuk membela diri")
    lines = [
        {"id": 1, "text": paragraph, "label": [[start, start + 22, "Hoaks"], [0, 3, "Emosi"]]},
    ]
    path = tmp_path / "doccano.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", "utf-8")
    corpus = REPO / "seeds"
    result = sorot(
        "import", path, "--corpus", corpus, "--map", "Hoaks=claim:false", data=tmp_path / "t"
    )
    assert result.returncode == 1  # a record was refused: not a silent success
    assert result.stdout.splitlines() == [
        f"{path}: 1 annotation (doccano): 1 added; 1 refused",
        "  line 1, span 2: refused: has 'Emosi', which no --map gives a meaning "
        "(LABEL=claim|note|entity:TYPE)",
    ]
    (claim,) = AnnotationStore(tmp_path / "t").all()
    assert claim.kind == "claim" and claim.status == "false"
    assert claim.quote == "hak untuk membela diri"
    bad_map = sorot("import", path, "--map", "Hoaks=lie", data=tmp_path / "t")
    assert bad_map.returncode == 2 and bad_map.stderr.count("\n") == 1

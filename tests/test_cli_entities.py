"""`sorot tag` and `sorot entities`, run as a user would (``python -m tui.cli``)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from store.workspace import index_path
from tests.test_cli import REPO, sorot, text, write_articles

TEXT = (
    "Ringkasan\r\n“Pemimpin Korea Utara Kim Jong-un bertemu Presiden Vladimir Putin "
    "di Moskwa pada Jumat (29/11).” Lebih dari 10.000 tentara dikirim.\n"
)


def run(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *map(str, args)],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_tag_reads_english_by_english_rules_guessed_or_told() -> None:
    english = "Dr. Victor Cha said the U.S. would not accept it, officials told reporters.\n"
    spans = json.loads(run("tag", stdin=english.encode()).stdout)
    found = {(s["text"], s["type"], s["key"]) for s in spans}
    assert ("Victor Cha", "PER", "Victor Cha") in found
    assert ("U.S.", "LOC", "Amerika Serikat") in found
    tokens = "\n".join(["Dr.", "Victor", "Cha", "said", "the", "U.S.", "would", "act", "."])
    result = run("tag", "--format", "conll", "--language", "en", stdin=tokens.encode())
    assert result.returncode == 0, result.stderr
    tags = [line.split("\t")[1] for line in result.stdout.decode().splitlines() if line]
    assert tags == ["O", "B-PER", "I-PER", "O", "O", "B-LOC", "O", "O", "O"]


def test_tag_gives_spans_with_offsets_into_exactly_the_input() -> None:
    result = run("tag", stdin=TEXT.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    spans = json.loads(result.stdout)
    assert spans, "it found something"
    for span in spans:
        assert set(span) == {"start", "end", "text", "type", "key"}
        assert TEXT[span["start"] : span["end"]] == span["text"], "CRLF and quotes count too"
    found = {(s["text"], s["type"], s["key"]) for s in spans}
    assert ("Kim Jong-un", "PER", "Kim Jong Un") in found
    assert ("Vladimir Putin", "PER", "Vladimir Putin") in found
    assert ("Jumat (29/11)", "DATE", "Jumat (29/11)") in found
    assert any(s["type"] == "QUANT" and "10.000" in s["text"] for s in spans)


def test_tag_reads_a_file_and_says_when_it_cannot(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text(TEXT, encoding="utf-8", newline="")
    from_file = run("tag", path)
    assert from_file.returncode == 0
    assert json.loads(from_file.stdout) == json.loads(
        run("tag", "-", stdin=path.read_bytes()).stdout
    )
    missing = run("tag", tmp_path / "nope.txt")
    assert missing.returncode == 1
    assert b"nope.txt" in missing.stderr and missing.stdout == b""
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 Jakarta".encode("latin-1"))
    assert run("tag", tmp_path / "latin1.txt").returncode == 1


def test_tag_conll_tags_one_token_a_line_and_ignores_a_gold_column() -> None:
    conll = (
        "-DOCSTART- O\n\n"
        "Presiden\tO\nVladimir\tB-PER\nPutin\tI-PER\ntiba\tO\ndi\tO\nJakarta\tB-LOC\n.\tO\n\n"
        "Kim NNP B-PER\nJong-un NNP I-PER\nbertemu NN O\n\n\n"
        "KCNA\n"
    )
    result = run("tag", "--format", "conll", stdin=conll.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    out = text(result.stdout)
    sentences = [block.splitlines() for block in out.strip("\n").split("\n\n")]
    assert [len(s) for s in sentences] == [7, 3, 1], "one line a token, a blank between sentences"
    rows = [line.split("\t") for sentence in sentences for line in sentence]
    assert all(len(row) == 2 for row in rows)
    assert [r[0] for r in rows[:3]] == ["Presiden", "Vladimir", "Putin"]
    assert [r[1] for r in rows[1:3]] == ["B-PER", "I-PER"]
    assert rows[5] == ["Jakarta", "B-LOC"]
    assert [r[1] for r in rows[7:9]] == ["B-PER", "I-PER"]
    assert all(r[1] == "O" or r[1][:2] in ("B-", "I-") for r in rows)
    assert out.endswith("\n\n")


def test_entities_lists_keys_with_mention_and_article_counts(tmp_path: Path) -> None:
    result = sorot("entities", "--db", tmp_path / "data")
    assert result.returncode == 0, result.stderr
    lines = text(result.stdout).splitlines()
    assert lines[0].split() == ["KEY", "TYPE", "MENTIONS", "ARTICLES"]
    kim = next(line for line in lines if line.startswith("Kim Jong Un "))
    assert kim.split()[-3:-2] == ["PER"] and kim.split()[-1] == "5"
    people = sorot("entities", "--type", "per", "--json", "--db", tmp_path / "data")
    rows = json.loads(people.stdout)
    assert rows and {r["type"] for r in rows} == {"PER"}
    assert set(rows[0]) == {"key", "type", "mentions", "articles"}
    assert rows[0]["key"] == "Kim Jong Un" and rows[0]["articles"] == 5
    with sqlite3.connect(index_path(tmp_path / "data")) as index:
        stored = index.execute("SELECT count(*) FROM entity_results").fetchone()[0]
    assert stored == 5, "each article's entities are kept in the corpus index"


def test_entities_over_given_files_and_a_bad_type(tmp_path: Path) -> None:
    folder = write_articles(
        tmp_path / "news",
        {"title": "Satu", "body": "Joko Widodo tiba di Surabaya. Widodo lalu ke Jakarta."},
        {"title": "Dua", "body": "Presiden Joko Widodo berpidato di Jakarta."},
    )
    result = sorot("entities", folder, "--json", "--db", tmp_path / "data")
    assert result.returncode == 0, result.stderr
    rows = {r["key"]: r for r in json.loads(result.stdout)}
    assert rows["Jakarta"]["articles"] == 2 and rows["Jakarta"]["type"] == "LOC"
    assert rows["Joko Widodo"]["mentions"] == 3
    bad = sorot("entities", "--type", "PERSON")
    assert bad.returncode == 2 and b"PERSON" in bad.stderr


def test_tag_and_entities_never_import_textual(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text(TEXT, encoding="utf-8")
    code = (
        "import sys, io, contextlib\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['tag', {str(path)!r}])\n"
        f"    main(['entities', '--db', {str(tmp_path / 'data')!r}])\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, timeout=120, check=False
    )
    assert result.stdout.strip() == b"False", result.stderr

"""The `sorot` command line, run as a user would: `python -m tui.cli list|show|--help`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from store import __version__

REPO = Path(__file__).resolve().parent.parent
KOMPAS_ID = "hubungan-militer-rusia-korea-utara-makin-kuat-sinyal-bahaya-211f3aae"


def sorot(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m tui.cli ARGS`` in the repository; output kept as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        timeout=60,
        check=False,
    )


def write_articles(folder: Path, *articles: dict) -> Path:
    """Write ``articles`` as one JSON file in ``folder``; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "articles.json").write_text(json.dumps(list(articles)), encoding="utf-8")
    return folder


def text(output: bytes) -> str:
    return output.decode("utf-8")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A folder with one article whose title and body hold terminal escape sequences."""
    return write_articles(
        tmp_path / "hostile",
        {
            "title": "Clear \x1b[2J screen",
            "outlet": "Evil\x1b]0;owned\x07",
            "body": "Before \x1b[2J after. Clip \x1b]52;c;aGVsbG8=\x07 end.\n\nBell \x07 rings.",
        },
    )


# --- list ---------------------------------------------------------------------------------


def test_list_prints_a_header_and_the_five_seeds() -> None:
    result = sorot("list")
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    lines = text(result.stdout).splitlines()
    assert lines[0].split() == ["ID", "DATE", "OUTLET", "WORDS", "TITLE"]
    assert len(lines) == 6
    kompas = next(line for line in lines if line.startswith(KOMPAS_ID))
    assert "2024-07-19" in kompas and "KOMPAS.TV" in kompas and "259" in kompas
    assert kompas.endswith("Makin Kuat, Sinyal Bahaya bagi AS dan Sekutunya")


def test_list_and_show_say_which_dates_are_estimated() -> None:
    lines = text(sorot("list").stdout).splitlines()
    bapera = next(line for line in lines if "BaperaNews" in line)
    assert "~2024-11-30" in bapera  # "Jumat (29/11)", "Sabtu (30/11)": estimated, and marked
    shown = text(sorot("show", "kim-jong-un-dan-rusia").stdout)
    assert "published 2024-11-30 (estimated)" in " ".join(shown.split())
    data = json.loads(sorot("show", "kim-jong-un-dan-rusia", "--json").stdout)
    assert (data["published"], data["published_status"]) == ("2024-11-30", "estimated")


def test_list_json_gives_ids_titles_and_no_bodies() -> None:
    result = sorot("list", "--json")
    assert result.returncode == 0, result.stderr
    articles = json.loads(result.stdout)
    assert len(articles) == 5
    assert len({a["id"] for a in articles}) == 5
    assert all(a["id"] and a["title"] for a in articles)
    assert all("body" not in a for a in articles)
    kompas = next(a for a in articles if a["id"] == KOMPAS_ID)
    assert kompas["outlet"] == "KOMPAS.TV" and kompas["published"].startswith("2024-07-19")


def test_list_reports_a_bad_file_in_one_line_and_still_lists_the_good(tmp_path: Path) -> None:
    corpus = write_articles(tmp_path / "corpus", {"title": "Good one", "body": "Alpha beta."})
    (corpus / "empty.txt").write_bytes(b"")
    result = sorot("list", corpus)
    assert result.returncode == 1
    errors = text(result.stderr).splitlines()
    assert len(errors) == 1
    assert "empty.txt" in errors[0] and errors[0].startswith("sorot: ")
    lines = text(result.stdout).splitlines()
    assert len(lines) == 2 and lines[1].endswith("Good one")


def test_list_of_a_missing_path_fails_with_one_line(tmp_path: Path) -> None:
    result = sorot("list", tmp_path / "nowhere")
    assert result.returncode == 1
    assert len(text(result.stderr).splitlines()) == 1
    assert "nowhere" in text(result.stderr)


# --- show ---------------------------------------------------------------------------------


def test_show_json_by_id_prefix_has_the_body_and_its_segments() -> None:
    result = sorot("show", "hubungan-militer", "--json")
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    assert article["id"] == KOMPAS_ID
    body = article["body"]
    assert body.startswith("Hubungan militer Rusia-Korea Utara semakin kuat")
    assert len(article["segments"]) > 5
    for segment in article["segments"]:
        assert segment["text"] == body[segment["start"] : segment["end"]]
    kinds = {s["kind"] for s in article["segments"]}
    assert "related" in kinds, "the Baca Juga line is kept and marked"


def test_show_prints_the_article_as_text() -> None:
    result = sorot("show", KOMPAS_ID)
    assert result.returncode == 0, result.stderr
    out = text(result.stdout)
    assert out.startswith("Hubungan Militer Rusia-Korea Utara Makin Kuat")
    assert "KOMPAS.TV" in out and "259" in out
    assert "[related] Baca Juga:" in out


def test_show_of_an_unknown_id_fails_with_one_line() -> None:
    result = sorot("show", "no-such-article")
    assert result.returncode == 1
    assert result.stdout == b""
    errors = text(result.stderr).splitlines()
    assert len(errors) == 1 and "no-such-article" in errors[0]


def test_show_of_an_ambiguous_prefix_names_the_candidates() -> None:
    result = sorot("show", "kim-jong-un-d")
    assert result.returncode == 1
    errors = text(result.stderr).splitlines()
    assert len(errors) == 1
    assert "kim-jong-un-dan" in errors[0] and "kim-jong-un-dukung" in errors[0]


def test_escape_sequences_never_reach_the_terminal(hostile: Path) -> None:
    listed = sorot("list", hostile)
    shown = sorot("show", "clear", hostile)
    as_json = sorot("show", "clear", hostile, "--json")
    for result in (listed, shown):
        assert result.returncode == 0, result.stderr
        assert b"\x1b" not in result.stdout and b"\x07" not in result.stdout
    assert "Clear ␛[2J screen" in text(listed.stdout)
    assert "␛]52;c;aGVsbG8=␇" in text(shown.stdout)
    # JSON escapes control characters itself, and keeps the text exact.
    assert b"\x1b" not in as_json.stdout
    assert json.loads(as_json.stdout)["body"].startswith("Before \x1b[2J after.")


# --- help, version, and staying light --------------------------------------------------------


def test_version_and_help() -> None:
    version = sorot("--version")
    assert version.returncode == 0
    assert text(version.stdout).strip() == f"sorot {__version__}"
    helped = sorot("--help")
    assert helped.returncode == 0
    out = text(helped.stdout)
    for command in ("list", "show", "tag", "entities", "export", "import", "sets"):
        assert f"sorot {command}" in out, command
    assert "--where QUERY" in out and "has:claims" in out
    assert "the data folder holding every annotation" in " ".join(out.split())


@pytest.mark.parametrize("argv", [["list"], ["list", "--json"], ["show", "hubungan", "--json"]])
def test_list_and_show_never_import_textual(argv: list[str]) -> None:
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"status = main({argv!r})\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if 'textual' in m)\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, timeout=60, check=False
    )
    assert result.returncode == 0, text(result.stderr)

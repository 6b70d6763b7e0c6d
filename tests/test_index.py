"""The corpus index: built once, then only what changed is read; searched, ranked, shared.

Headless: a workspace over a folder of small JSON articles in a temporary
data folder, as ``sorot index`` and the app use it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import store.library.indexer as indexer_module
import store.library.parsing as parsing_module
from store.files.database import APPLICATION_ID
from store.library import full_text_upkeep
from store.library.schema import SORT_INDEXES
from store.library.walk import walk
from store.workspace import Workspace, index_path
from tests.conftest import REPO, SEEDS


def write(folder: Path, name: str, title: str, body: str, **fields: str) -> Path:
    """One article as a JSON file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps({"title": title, "body": body, **fields}), "utf-8")
    return path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the index reads."""
    names: list[str] = []
    real = parsing_module.read_file

    def counting(path: Path):
        names.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(parsing_module, "read_file", counting)
    return names


def opened(data: Path, *paths: Path) -> Workspace:
    space = Workspace(data, "rina")
    space.open_corpus(list(paths))
    return space


def titles(space: Workspace, words: str = "", sort: str = "title") -> list[str]:
    numbers = space.rows(space.query(words), sort)
    rows = space.row_data(numbers)
    return [rows[n].title for n in numbers]


# --- incremental ------------------------------------------------------------------------


def test_a_second_refresh_reads_nothing_and_a_change_reads_only_its_file(
    tmp_path: Path, reads: list[str]
) -> None:
    news = tmp_path / "news"
    write(news, "a.json", "Alpha", "Tentara tiba di Kursk.")
    write(news, "b.json", "Beta", "Menteri bertemu di Moskwa.")
    space = opened(tmp_path / "data", news)
    report = space.refresh()
    assert (report.added, report.articles_added) == (2, 2) and sorted(reads) == ["a.json", "b.json"]
    reads.clear()
    again = space.refresh()
    assert not again.touched and reads == [] and again.summary() == "nothing changed (2 files)"
    write(news, "c.json", "Gamma", "Kapal selam baru.")  # added
    write(news, "b.json", "Beta", "Menteri bertemu di Pyongyang, bukan Moskwa.")  # changed
    os.utime(news / "b.json", ns=(1, 1))
    (news / "a.json").unlink()  # removed
    report = space.refresh()
    assert (report.added, report.changed, report.removed) == (1, 1, 1)
    assert sorted(reads) == ["b.json", "c.json"]
    assert titles(space) == ["Beta", "Gamma"]
    assert titles(space, "pyongyang") == ["Beta"] and titles(space, "kursk") == []
    assert "1 file added, 1 file changed, 1 file removed" in report.summary()


def test_one_folder_reached_by_a_link_is_the_same_corpus(tmp_path: Path, reads: list[str]) -> None:
    news = tmp_path / "srv" / "news"
    write(news, "a.json", "Alpha", "Tentara tiba di Kursk.")
    write(news, "b.json", "Beta", "Menteri bertemu di Moskwa.")
    link = tmp_path / "home-news"
    link.symlink_to(news, target_is_directory=True)
    assert opened(tmp_path / "data", news).refresh().articles_added == 2
    reads.clear()
    # A colleague opens it by the link in their home folder: nothing is read again.
    space = opened(tmp_path / "data", link)
    report = space.refresh()
    assert (report.added, report.articles_added, reads) == (0, 0, [])
    assert titles(space) == ["Alpha", "Beta"]


def test_files_a_watcher_names_are_read_alone(tmp_path: Path, reads: list[str]) -> None:
    news = tmp_path / "news"
    for n in range(5):
        write(news, f"{n}.json", f"Berita {n}", f"Tentara nomor {n} tiba di Kursk.")
    space = opened(tmp_path / "data", news)
    space.refresh()
    reads.clear()
    write(news, "new.json", "Baru", "Kapal selam baru.")
    write(news, "1.json", "Berita satu", "Menteri bertemu di Pyongyang.")  # in place
    (news / "2.json").unlink()
    changed = {str(news / n) for n in ("new.json", "1.json", "2.json", ".tmp.json", "x.log")}
    report = space.refresh(files=changed)
    assert (report.added, report.changed, report.removed) == (1, 1, 1)
    assert sorted(reads) == ["1.json", "new.json"] and report.files == 5
    assert titles(space) == ["Baru", "Berita 0", "Berita 3", "Berita 4", "Berita satu"]
    # A file in a folder the index does not know: the folder is walked, its others found.
    write(news / "2026", "a.json", "Alpha", "Satu.")
    write(news / "2026", "b.json", "Beta", "Dua.")
    reads.clear()
    report = space.refresh(files={str(news / "2026" / "a.json")})
    assert sorted(reads) == ["a.json", "b.json"]
    reads.clear()
    assert not space.refresh().touched and reads == [], "the walk after agrees with them"
    # A folder named itself (a watcher's, when it is made again) is walked too.
    write(news / "2026", "c.json", "Gamma", "Tiga.")
    reads.clear()
    space.refresh(files={str(news / "2026")})
    assert reads == ["c.json"]


def test_a_renamed_or_moved_file_is_recognised_by_its_content(
    tmp_path: Path, reads: list[str]
) -> None:
    news = tmp_path / "news"
    write(news, "a.json", "Alpha", "Tentara tiba di Kursk.")
    write(news, "b.json", "Beta", "Menteri bertemu di Moskwa.")
    space = opened(tmp_path / "data", news)
    space.refresh()
    numbers = sorted(space.rows(space.query("")))
    reads.clear()
    (news / "2024").mkdir()
    (news / "a.json").rename(news / "2024" / "alpha.json")  # same inode
    copy = (news / "b.json").read_bytes()
    (news / "b.json").unlink()
    (news / "beta.json").write_bytes(copy)  # another inode, the same bytes
    report = space.refresh()
    assert report.renamed == 2 and not (report.added or report.removed or report.changed)
    assert reads == [], "a moved file is not read again"
    assert sorted(space.rows(space.query(""))) == numbers, "its articles keep their rows"
    article = space.article(space.row_data(numbers)[numbers[0]].id)
    assert article is not None and article.source.endswith(("alpha.json", "beta.json"))


def test_a_file_name_of_bytes_that_are_no_utf8_is_indexed_like_any_other(
    tmp_path: Path, reads: list[str]
) -> None:
    # Scrapers write names in Latin-1 too. The index keeps text, and such a name used to
    # be left out ("rename the file to read it"); it is now kept, found and read.
    news = tmp_path / "news"
    news.mkdir()
    with open(os.fsencode(news) + b"/berita-\xe9-\xff.json", "wb") as handle:
        handle.write(json.dumps({"title": "Nama rusak", "body": "Tentara tiba."}).encode())
    write(news, "b.json", "Beta", "Menteri bertemu di Moskwa.")
    space = opened(tmp_path / "data", news)
    report = space.refresh()
    assert report.added == 2 and not report.problems
    assert titles(space, "tentara") == ["Nama rusak"]
    number = space.rows(space.query("tentara"), "title")[0]
    article = space.article(space.row_data([number])[number].id)
    assert article is not None and os.fsencode(article.source).endswith(b"berita-\xe9-\xff.json")
    reads.clear()
    assert not space.refresh().touched and reads == [], "its row is known on the next refresh"
    (news / os.fsdecode(b"berita-\xe9-\xff.json")).unlink()
    assert space.refresh().removed == 1 and titles(space) == ["Beta"]


def test_another_parser_reads_every_file_again(
    tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    news = tmp_path / "news"
    write(news, "a.json", "Alpha", "Tentara tiba di Kursk.")
    space = opened(tmp_path / "data", news)
    space.refresh()
    reads.clear()
    monkeypatch.setattr(indexer_module, "parser_signature", lambda: "a newer parser")
    report = space.refresh()
    assert report.rebuilt and reads == ["a.json"] and titles(space) == ["Alpha"]


def indexed_by_year(tmp_path: Path, *, old: bool = False) -> tuple[Path, Workspace]:
    """``news/2024/a.json`` and ``news/2025/b.json`` (and ``news/2025/old/c.json``), indexed."""
    news = tmp_path / "news"
    write(news / "2024", "a.json", "Alpha", "Tentara tiba.")
    write(news / "2025", "b.json", "Beta", "Menteri bertemu.")
    if old:
        write(news / "2025" / "old", "c.json", "Gamma", "Kapal selam baru.")
    space = opened(tmp_path / "data", news)
    space.refresh()
    return news, space


def test_a_quick_refresh_trusts_folders_where_nothing_was_added_or_removed(
    tmp_path: Path, reads: list[str]
) -> None:
    news, space = indexed_by_year(tmp_path)
    reads.clear()
    write(news / "2025", "c.json", "Gamma", "Kapal selam baru.")
    report = space.refresh(quick=True)
    assert report.added == 1 and reads == ["c.json"]
    assert report.files == 3, "the trusted folder's files still count"
    assert titles(space) == ["Alpha", "Beta", "Gamma"]


def test_a_full_refresh_passes_over_unchanged_folders_by_their_print_and_misses_no_change(
    tmp_path: Path, reads: list[str]
) -> None:
    news, space = indexed_by_year(tmp_path, old=True)
    first = walk([news])
    again = walk([news], known_prints=first.prints)
    assert again.trusted == set(first.prints) and not again.files, "nothing changed anywhere"
    # Rewritten in place, the same size: the folder's modification time does not move.
    write(news / "2025", "b.json", "Bxta", "Menteri bertemu.")
    os.utime(news / "2025" / "b.json", ns=(7, 7))
    after = walk([news], known_prints=first.prints)
    assert str(news / "2025") not in after.trusted and str(news / "2024") in after.trusted
    reads.clear()
    (news / "2025" / "old" / "c.json").unlink()
    (news / "2025" / "old").rmdir()  # a folder gone: its files with it
    report = space.refresh()
    assert (report.changed, report.removed, report.added) == (1, 1, 0) and reads == ["b.json"]
    assert report.files == 2, "the folder passed over still counts its file"
    assert titles(space) == ["Alpha", "Bxta"]
    reads.clear()
    assert not space.refresh().touched and reads == []


def test_a_corpus_whose_articles_lie_in_another_folder_too_lists_them(tmp_path: Path) -> None:
    # Another clone's bundled seeds, or a corpus copied to a new folder, in one data folder.
    for name in ("old-clone", "new-clone"):
        write(tmp_path / name, "a.json", "Alpha", "Tentara tiba di Kursk.")
        write(tmp_path / name, "b.json", "Beta", "Menteri bertemu di Moskwa.")
    data = tmp_path / "data"
    for name in ("old-clone", "new-clone", "old-clone"):
        space = opened(data, tmp_path / name)
        space.refresh()
        assert titles(space) == ["Alpha", "Beta"], name
        assert not space.corpus.problems(), "no copy is second within its own corpus"
    write(tmp_path / "old-clone", "bad.json", "", "")  # no text: a problem of that corpus
    opened(data, tmp_path / "old-clone").refresh()
    new = opened(data, tmp_path / "new-clone")
    new.refresh()
    assert new.corpus.problems() == [], "that corpus's problem is not this one's"
    both = opened(data, tmp_path / "old-clone", tmp_path / "new-clone")
    both.refresh()
    assert titles(both) == ["Alpha", "Beta"]
    assert len(both.corpus.problems()) == 3  # within both: the second copies, and bad.json


def test_a_second_copy_of_an_article_is_listed_once_and_reported(tmp_path: Path) -> None:
    news = tmp_path / "news"
    write(news, "a.json", "Alpha", "Tentara tiba di Kursk.")
    write(news, "b.json", "Alpha", "Tentara tiba di Kursk.")
    space = opened(tmp_path / "data", news)
    space.refresh()
    assert titles(space) == ["Alpha"]
    (copy,) = space.corpus.problems()
    assert copy.path.endswith("b.json") and "same article as" in copy.message
    assert copy.message.endswith("a.json; skipped") and not copy.skipped
    (news / "a.json").unlink()
    space.refresh()
    assert titles(space) == ["Alpha"] and space.corpus.problems() == [], "the copy takes over"


def test_boilerplate_feeds_no_search(tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "k.txt").write_text(
        "Judul Berita\n\nIsi berita tentang tentara.\n\nBaca Juga: Kapal selam hilang\n\n"
        "Penutup berita.\n",
        "utf-8",
    )
    space = opened(tmp_path / "data", corpus)
    space.refresh()
    assert titles(space, "tentara") == ["Judul Berita"]
    assert titles(space, "kapal") == [], "a related-article line is not the article's text"


def index_state(data: Path) -> tuple[set[str], dict[str, int]]:
    """The index's indexes and its full text's kept settings."""
    with sqlite3.connect(index_path(data)) as connection:
        indexes = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='index'")
        }
        settings = dict(connection.execute("SELECT k, v FROM article_text_config"))
    return indexes, settings


def test_a_big_corpus_is_read_in_bulk_and_the_index_comes_out_as_usual(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer_module, "BULK_FROM", 3)
    news = tmp_path / "news"
    for number, word in enumerate(["tentara", "menteri", "kapal", "hujan"]):
        write(news, f"{number}.json", f"Judul {word}", f"Berita tentang {word} hari ini.")
    data = tmp_path / "data"
    space = opened(data, news)
    during: list[tuple[set[str], dict[str, int]]] = []
    report = space.refresh(batch_done=lambda: during.append(index_state(data)))
    assert report.articles_added == 4
    indexes, settings = during[0]
    assert "articles_by_title" not in indexes, "sorting indexes are made once, at the end"
    assert settings["automerge"] == 0, "the full text is merged once, at the end"
    indexes, settings = index_state(data)
    assert set(SORT_INDEXES) <= indexes
    assert (settings["automerge"], settings["hashsize"]) == (4, 1 << 20)
    assert titles(space, "kapal") == ["Judul kapal"]
    assert titles(space) == ["Judul hujan", "Judul kapal", "Judul menteri", "Judul tentara"]


def test_a_bulk_read_stopped_half_way_is_made_whole_by_the_next_refresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer_module, "BULK_FROM", 3)
    monkeypatch.setattr(indexer_module, "BATCH_FILES", 1)
    news = tmp_path / "news"
    for number in range(5):
        write(news, f"{number}.json", f"Judul {number}", f"Berita nomor {number}.")
    data = tmp_path / "data"
    space = opened(data, news)
    written: list[int] = []
    # A refresh whose process dies in the middle leaves the bulk settings behind.
    monkeypatch.setattr(indexer_module.Indexer, "_end_bulk", lambda self: None)
    report = space.refresh(stop=lambda: len(written) >= 2, batch_done=lambda: written.append(1))
    assert not report.complete
    indexes, settings = index_state(data)
    assert "articles_by_date" not in indexes and settings["automerge"] == 0
    monkeypatch.undo()
    report = opened(data, news).refresh()
    assert report.complete
    indexes, settings = index_state(data)
    assert set(SORT_INDEXES) <= indexes and settings["automerge"] == 4
    assert titles(space) == [f"Judul {number}" for number in range(5)]


def test_left_over_full_text_is_built_again_once_it_outweighs_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(full_text_upkeep, "STALE_FLOOR", 3)
    news = tmp_path / "news"
    space = opened(tmp_path / "data", news)
    for version in range(6):
        write(news, "a.json", "Alpha", f"Versi {version} tentang tentara.")
        write(news, "b.json", "Beta", f"Versi {version} tentang menteri.")
        os.utime(news / "a.json", ns=(version, version))
        os.utime(news / "b.json", ns=(version, version))
        report = space.refresh()
    with sqlite3.connect(index_path(tmp_path / "data")) as connection:
        rows = connection.execute("SELECT count(*) FROM article_text_docsize").fetchone()[0]
    assert rows <= 4, "stale rows were dropped when the full text was built again"
    assert report.complete and titles(space, "versi 5") == ["Alpha", "Beta"]
    assert titles(space, "versi 4") == []


# --- damaged or foreign files, two processes ------------------------------------------------


def test_a_corrupt_index_is_set_aside_and_built_again_with_one_sentence(tmp_path: Path) -> None:
    data = tmp_path / "data"
    space = opened(data, SEEDS)
    space.refresh()
    path = index_path(data)
    space.database.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"this is not a database, it is a shopping list\n" * 200)
    again = opened(data, SEEDS)
    again.refresh()
    (problem,) = again.take_problems()
    assert "could not be read" in problem and "moved aside" in problem and "built again" in problem
    assert len(titles(again)) == 5
    assert list(path.parent.glob(f"{path.name}.unreadable-*")), "kept, not deleted"


def test_an_sqlite_file_of_another_program_is_not_taken_over(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = index_path(data)
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE recipes (name TEXT)")
        other.execute("INSERT INTO recipes VALUES ('rendang')")
    space = opened(data, SEEDS)
    space.refresh()
    assert any("another program" in p for p in space.take_problems())
    (aside,) = path.parent.glob(f"{path.name}.unreadable-*")
    with sqlite3.connect(aside) as kept:
        assert kept.execute("SELECT name FROM recipes").fetchone() == ("rendang",)
    with sqlite3.connect(path) as ours:
        assert ours.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_two_processes_indexing_at_once_take_turns_and_list_each_article_once(
    tmp_path: Path,
) -> None:
    news = tmp_path / "news"
    for n in range(120):
        write(news, f"{n:03d}.json", f"Berita {n}", f"Tentara nomor {n} tiba di Kursk hari ini.")
    data = tmp_path / "data"
    command = [sys.executable, "-m", "tui.cli", "index", str(news), "--no-entities"]
    command += ["--db", str(data)]
    both = [
        subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in both]
    assert [p.returncode for p in both] == [0, 0], [err for _, err in outputs]
    said = b"".join(out for out, _ in outputs).decode()
    assert "120 files added" in said, said
    assert said.count("added") == 1, "the second found the work done"
    space = opened(data, news)
    assert space.count() == 120
    with sqlite3.connect(index_path(data)) as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 120


def test_a_reader_is_not_blocked_by_a_writer(tmp_path: Path) -> None:
    space = opened(tmp_path / "data", SEEDS)
    space.refresh()
    with sqlite3.connect(index_path(tmp_path / "data"), timeout=0.1) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM articles")
        # Another process writing (not yet committed): reading goes on, seeing the last commit.
        reader = opened(tmp_path / "data", SEEDS)
        assert len(titles(reader)) == 5
        report = reader.refresh(quick=True)
        assert not report.touched, "nothing changed: nothing to write, nothing to wait for"
        writer.rollback()


# --- search ---------------------------------------------------------------------------------


def test_search_ranks_titles_first_then_how_often_and_shows_the_sentence(tmp_path: Path) -> None:
    news = tmp_path / "news"
    write(news, "1.json", "Cuaca cerah", "Tentara libur. Hari ini cerah sekali di Jakarta.")
    write(
        news,
        "2.json",
        "Latihan gabungan",
        "Ribuan tentara berlatih. Tentara laut dan tentara udara ikut. Latihan selesai sore.",
    )
    write(news, "3.json", "Tentara tiba di Kursk", "Mereka tiba pagi. Warga menyambut.")
    write(news, "4.json", "Pasar murah", "Harga cabai turun di pasar.")
    space = opened(tmp_path / "data", news)
    space.refresh()
    result = space.search(space.query("tentara"))
    assert result.total == 3
    ranked = [hit.row.title for hit in result.hits]
    assert ranked == ["Tentara tiba di Kursk", "Latihan gabungan", "Cuaca cerah"]
    assert [h.score for h in result.hits] == sorted((h.score for h in result.hits), reverse=True)
    second = result.hits[1].snippet
    assert second is not None
    assert second.text == "Tentara laut dan tentara udara ikut."
    article = space.article(result.hits[1].row.id)
    assert article.body[second.start : second.end] == second.text
    assert [article.body[a:b] for a, b in second.matches] == ["Tentara", "tentara"]
    assert result.hits[0].snippet is None, "the word is only in its title"
    assert result.hits[0].to_dict()["sentence"] is None


def test_a_search_keeps_to_the_other_query_words(tmp_path: Path) -> None:
    news = tmp_path / "news"
    write(news, "1.json", "Satu", "Tentara tiba.", outlet="Kompas")
    write(news, "2.json", "Dua", "Tentara pergi.", outlet="Antara")
    space = opened(tmp_path / "data", news)
    space.refresh()
    hits = space.search(space.query("tentara kompas")).hits
    assert [h.row.title for h in hits] == ["Satu"]
    assert space.search(space.query("tentara has:claims")).total == 0


def test_a_new_index_opened_by_two_at_once_waits_for_the_switch_to_wal(tmp_path: Path) -> None:
    import threading
    import time

    from store.files.database import _into_wal

    path = tmp_path / "new.sqlite"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")  # another process in the middle of making the file
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("PRAGMA journal_mode = WAL")  # SQLite's answer: no wait at all
    threading.Timer(0.3, lambda: holder.execute("COMMIT")).start()
    began = time.monotonic()
    assert _into_wal(other) == "wal"
    assert 0.2 < time.monotonic() - began < 5
    other.close()
    holder.close()


def test_an_index_that_cannot_be_used_is_one_line_and_status_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    def broken(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Workspace, "refresh", broken)
    assert main(["list", str(SEEDS), "--db", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err == "sorot: the index could not be used: disk I/O error\n"

"""Noticing colleagues' saves on disk: which articles' files changed, and the words for it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from store.annotations.annotation import Annotation, Selector
from store.annotations.changes import described, notice
from store.annotations.store import AnnotationStore
from store.annotations.watching import watch_annotations


def test_the_first_save_into_a_new_folder_is_noticed_and_temp_files_are_not(tmp_path: Path):
    got: list[set[str]] = []
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch_annotations, args=(tmp_path, stop, got.append), daemon=True
    )
    watcher.start()
    try:
        time.sleep(0.5)  # the watch is in place
        # A first save makes the shard folder and the file in one go (the race
        # where the file lands before the new folder is watched).
        AnnotationStore(tmp_path).save(
            Annotation("judul-baru-00000000", "note", None, "0" * 64, "rina", note="x")
        )
        deadline = time.monotonic() + 5
        while not got and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        watcher.join(timeout=5)
    assert got and set().union(*got) == {"judul-baru-00000000"}


def test_a_colleagues_changes_in_words_and_ones_own_left_out():
    body = "Kim Jong Un bertemu Putin."
    mine = Annotation("a-00000000", "claim", Selector.from_body(body, 0, 11), "0" * 64, "budi")
    theirs = Annotation("a-00000000", "note", None, "0" * 64, "rina", note="cek")
    changed = mine.changed("rina", {"status": "false"})
    said = described([mine], [changed, theirs], me="budi")
    # Oldest first: her note was made before she changed the claim.
    assert said == [("rina", "added a note"), ("rina", "set a claim's status to false")]
    assert described([mine], [mine.changed("budi", {"status": "true"})], me="budi") == []
    assert described([mine, theirs], [mine], me="budi") == [("", "deleted a note")]
    assert notice([("rina", "added a claim")], "here") == "Rina added a claim here."


def _watching_corpus(folder: Path, act, wait: float = 5, until=None) -> list[set[str]]:
    """The batches ``watch_corpus`` reports while ``act()`` changes ``folder``."""
    from store.library.corpus_watch import QUIET_MS, watch_corpus

    got: list[set[str]] = []
    stop = threading.Event()
    watcher = threading.Thread(target=watch_corpus, args=([folder], stop, got.append), daemon=True)
    watcher.start()
    try:
        time.sleep(0.5)  # the watch is in place
        act()
        deadline = time.monotonic() + wait
        while not (until(got) if until else got) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(QUIET_MS / 1000 + 0.3)  # and nothing more comes
    finally:
        stop.set()
        watcher.join(timeout=5)
    return got


def test_a_scrapers_new_articles_are_one_batch_and_its_temp_files_none(tmp_path: Path):
    corpus = tmp_path / "news"
    (corpus / "2026").mkdir(parents=True)
    (corpus / "old.txt").write_text("Judul lama\n\nIsi lama.", "utf-8")

    def scrape() -> None:
        (corpus / ".part-1.txt").write_text("setengah", "utf-8")  # an atomic write's temp file
        (corpus / "notes.log").write_text("log", "utf-8")  # no article
        for number in range(3):
            (corpus / "2026" / f"baru-{number}.txt").write_text("Judul\n\nIsi.", "utf-8")

    new = {str(corpus.resolve() / "2026" / f"baru-{n}.txt") for n in range(3)}
    assert _watching_corpus(corpus, scrape) == [new]
    assert _watching_corpus(corpus / ".." / "news", (corpus / ".x.txt").touch, wait=1) == []

    def rewrite() -> None:
        (corpus / "old.txt").write_text("Judul lama\n\nIsi diperbarui.", "utf-8")

    # Written again in place: the folder's time does not move, the path says which file.
    assert _watching_corpus(corpus, rewrite) == [{str(corpus.resolve() / "old.txt")}]


def test_a_corpus_folder_made_afresh_is_watched_again(tmp_path: Path, monkeypatch):
    import shutil

    import store.library.corpus_watch as corpus_watch

    monkeypatch.setattr(corpus_watch, "AGAIN_S", 0.1)
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "old.txt").write_text("Judul lama\n\nIsi lama.", "utf-8")
    real = str(corpus.resolve())

    def afresh() -> None:
        shutil.rmtree(corpus)  # a scraper's `rm -r out && mkdir out`
        time.sleep(1.5)
        corpus.mkdir()
        (corpus / "new.txt").write_text("Judul\n\nIsi.", "utf-8")
        time.sleep(1.0)
        (corpus / "later.txt").write_text("Judul\n\nIsi.", "utf-8")

    later = {real + "/later.txt"}
    got = _watching_corpus(corpus, afresh, wait=10, until=lambda got: later in got)
    assert got[0] == {real + "/old.txt"}, "its files gone"
    assert real in got[1], "the folder back: to be walked"
    assert later in got[2:], "and watched again"

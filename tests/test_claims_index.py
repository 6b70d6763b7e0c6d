"""Related passages from the corpus index: sentences kept up to date with the articles.

Headless: a workspace over a folder of small JSON articles (and a generated
corpus of some thousands) in a temporary data folder, as ``sorot related``
and the reader's ``r`` use it.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import store.library.sentences as sentences_module
from store.library.sentences import SentenceIndex
from store.workspace import Workspace
from tests.benchcorpus import write_corpus

TROOPS = (
    "Nelayan Vanuatu menangkap lebih dari 300 ton tuna sirip kuning dekat Luganville, kata pejabat."
)
ECHO = (
    "Para nelayan Vanuatu telah menangkap hampir 350 ton tuna sirip kuning di perairan Luganville."
)
OTHER = "Harga beras di pasar tradisional Jakarta naik tajam menjelang akhir tahun ini."


def write(folder: Path, name: str, title: str, *sentences: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    body = "\n\n".join(sentences)
    path.write_text(json.dumps({"title": title, "body": body}), "utf-8")
    return path


def opened(data: Path, corpus: Path) -> Workspace:
    space = Workspace(data)
    space.open_corpus([corpus])
    space.refresh()
    return space


def article_with(space: Workspace, words: str):
    for article in space.corpus.articles(list(space.corpus)):
        if words in article.body:
            return article
    raise AssertionError(f"no article with {words!r}")


def related_ids(space: Workspace, words: str) -> list[str]:
    article = article_with(space, words)
    start = article.body.index(words)
    return [r.article_id for r in space.desk.related(article, start, start + len(words))]


def source_of(space: Workspace) -> SentenceIndex:
    source = space.desk.source
    assert isinstance(source, SentenceIndex)
    return source


def test_the_workspace_finds_related_passages_through_the_index(tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    write(corpus, "a.json", "Analis soal pasukan", TROOPS, OTHER)
    write(corpus, "b.json", "Pasukan ke Rusia", "Berita dari Seoul pagi ini.", ECHO)
    space = opened(tmp_path / "data", corpus)
    found = related_ids(space, TROOPS)
    echo = article_with(space, ECHO).id
    assert found == [echo]
    assert source_of(space).size == 4


def test_an_added_article_s_sentences_are_candidates_at_the_next_query(tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    write(corpus, "a.json", "Analis soal pasukan", TROOPS, OTHER)
    space = opened(tmp_path / "data", corpus)
    assert related_ids(space, TROOPS) == []
    write(corpus, "b.json", "Pasukan ke Rusia", "Berita dari Seoul pagi ini.", ECHO)
    space.refresh()
    assert related_ids(space, TROOPS) == [article_with(space, ECHO).id]


def test_a_changed_article_is_found_by_its_new_words_only(tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    write(corpus, "a.json", "Analis soal pasukan", TROOPS, OTHER)
    path = write(corpus, "b.json", "Pasukan ke Rusia", "Berita dari Seoul pagi ini.", ECHO)
    space = opened(tmp_path / "data", corpus)
    assert len(related_ids(space, TROOPS)) == 1
    write(corpus, path.name, "Pasar", "Berita dari Seoul pagi ini.", OTHER)
    space.refresh()
    assert related_ids(space, TROOPS) == []
    assert related_ids(space, OTHER) == [article_with(space, "Berita dari Seoul").id]


def test_a_removed_article_is_no_candidate_and_its_rows_go(tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    write(corpus, "a.json", "Analis soal pasukan", TROOPS, OTHER)
    path = write(corpus, "b.json", "Pasukan ke Rusia", "Berita dari Seoul pagi ini.", ECHO)
    space = opened(tmp_path / "data", corpus)
    assert related_ids(space, TROOPS)
    path.unlink()
    space.refresh()
    assert related_ids(space, TROOPS) == []
    with space.database.connection() as connection:
        numbers = connection.execute("SELECT DISTINCT number FROM sentences").fetchall()
        live = connection.execute("SELECT number FROM articles").fetchall()
        rows = connection.execute("SELECT count(*) FROM sentences").fetchone()[0]
        in_full_text = connection.execute("SELECT count(*) FROM sentence_terms_docsize").fetchone()[
            0
        ]
        counted = connection.execute(
            "SELECT df FROM sentence_df WHERE term = 'vanuatu'"
        ).fetchone()[0]
    assert sorted(numbers) == sorted(live)
    assert in_full_text == rows, "the gone article's terms left the full text too"
    assert counted == 1, "and its terms' counts went down"


def test_the_desk_caught_up_ahead_reads_nothing_at_the_first_query(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The app's background pass and `sorot index` catch up before anyone asks: at
    # 100,000 articles, catching up at the first `r` kept the user waiting minutes.
    corpus = tmp_path / "news"
    write(corpus, "a.json", "Analis soal pasukan", TROOPS, OTHER)
    write(corpus, "b.json", "Pasukan ke Rusia", "Berita dari Seoul pagi ini.", ECHO)
    space = opened(tmp_path / "data", corpus)
    said: list[tuple[int, int]] = []
    assert space.catch_up_desk(progress=lambda done, total: said.append((done, total))) == 4
    assert said[-1] == (2, 2), "the progress ends at every article"

    def no_reading(chunk):
        raise AssertionError("the first query read articles again")

    monkeypatch.setattr(sentences_module, "rows_of_files", no_reading)
    assert related_ids(space, TROOPS) == [article_with(space, ECHO).id]
    assert space.catch_up_desk() == 0


def test_an_up_to_date_index_adds_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    write(corpus, "a.json", "Analis soal pasukan", TROOPS, OTHER)
    space = opened(tmp_path / "data", corpus)
    source = source_of(space)
    assert source.update() == 2
    assert source.update() == 0


def test_rows_made_by_other_terms_are_all_read_again(tmp_path: Path) -> None:
    # An index kept by an older sorot stemmed some words otherwise: its rows must go, or a
    # query made with today's terms would miss them (and their counts would be wrong).
    corpus = tmp_path / "news"
    write(corpus, "a.json", "Analis soal pasukan", TROOPS, OTHER)
    write(corpus, "b.json", "Pasukan ke Rusia", "Berita dari Seoul pagi ini.", ECHO)
    space = opened(tmp_path / "data", corpus)
    assert space.catch_up_desk() == 4
    with space.database.write() as connection:
        connection.execute("UPDATE sentences SET terms = 'kata lama' || char(9) || 'usang'")
        connection.execute("INSERT INTO sentence_df (term, df) VALUES ('usang', 4)")
        connection.execute("UPDATE sentence_df SET df = df - 1 WHERE term = ''")
    space.forget_desk()
    assert space.catch_up_desk() == 4, "every sentence read again"
    assert related_ids(space, TROOPS) == [article_with(space, ECHO).id]
    with space.database.connection() as connection:
        stale = connection.execute("SELECT count(*) FROM sentences WHERE terms LIKE '%usang%'")
        assert stale.fetchone()[0] == 0
        gone = connection.execute("SELECT df FROM sentence_df WHERE term = 'usang'").fetchone()
        assert gone is None
        assert connection.execute("SELECT count(*) FROM sentence_terms_docsize").fetchone()[0] == 4
    assert space.catch_up_desk() == 0, "and only once"


def test_a_claim_is_found_among_thousands_of_generated_articles(tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    write_corpus(corpus, 1500, random.Random(3), words=200)
    write(corpus, "zz-a.json", "Analis soal pasukan", TROOPS, OTHER)
    write(corpus, "zz-b.json", "Pasukan ke Rusia", "Berita dari Seoul pagi ini.", ECHO)
    space = opened(tmp_path / "data", corpus)
    found = related_ids(space, TROOPS)
    assert found and found[0] == article_with(space, ECHO).id
    assert source_of(space).size > 1500 * 5

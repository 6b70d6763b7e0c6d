"""Free words are full-text search: word starts, case and diacritics blind, body included.

The same words mean the same for an article the corpus index holds (SQL)
and for one it does not (an in-memory table with the same tokenizer).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from store.query import parse_query
from store.query.words import fields_match, match_expression, phrase
from store.workspace import Workspace
from tests.pilot_helpers import write_articles

BODY = "Lebih dari 10.000 tentara Korea Utara tiba di Kursk, kata Reuters pada Jumat (29/11)."


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("tentara", True),
        ("TENTARA", True),
        ("tentar", True),  # the start of a word
        ("entara", False),  # not the middle of one
        ("10.000", True),
        ('"korea utara"', True),
        ('"utara korea"', False),  # a phrase keeps its order
        ("kursk reuters", True),  # every word, anywhere
        ("kursk moskwa", False),
        ("kürsk", True),  # diacritics folded
        ("29/11", True),
        ("—", True),  # no letter or digit: no condition
    ],
)
def test_a_word_matches_the_start_of_a_word_of_the_body(words: str, found: bool) -> None:
    query = parse_query(words)
    assert query.takes_fields("Judul", BODY) is found


def test_the_title_outlet_section_and_date_count_too() -> None:
    assert fields_match(["kompas"], "Judul", "", "KOMPAS.TV dunia 2024-07-19")
    assert fields_match(["2024-07"], "Judul", "", "KOMPAS.TV dunia 2024-07-19")
    assert fields_match(["judul"], "Judul", "", "")
    assert not fields_match(["dunia"], "Judul", "", "")


def test_phrases_are_quoted_so_no_word_is_an_operator() -> None:
    assert phrase('say "hi" OR NOT') == '"say ""hi"" OR NOT"*'
    assert match_expression(["a", "NEAR"]) == '"a"* AND "NEAR"*'
    assert fields_match(["or"], "war or peace") and not fields_match(["not"], "war or peace")


def test_the_index_and_an_article_in_hand_agree(tmp_path: Path) -> None:
    texts = [
        "Tentara tiba di Kürsk.",
        "Ketentaraan bukan tentara.",
        "Café Moskwa buka pukul 14:11 WIB.",
        "Harga naik 3,5 persen.",
    ]
    corpus = write_articles(
        tmp_path / "corpus", *({"title": f"Berita {n}", "body": t} for n, t in enumerate(texts))
    )
    space = Workspace(tmp_path / "data", "tester")
    space.open_corpus([corpus])
    space.refresh()
    articles = {a.id: a for a in space.corpus.articles(list(space.corpus))}
    for words in ("tentara", "kursk", "cafe", "14:11", "3,5", "ketentara", "berita 2", "wib caf"):
        query = parse_query(words)
        by_index = set(space.catalog.matching(query.words, list(articles)))
        in_hand = {i for i, a in articles.items() if query.takes_fields(a.title, a.body)}
        assert by_index == in_hand, words

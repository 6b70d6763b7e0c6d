"""A reader presses / to search the article, then n and N to hop between matches."""

from __future__ import annotations

from store.news.search import find_all, next_match, prev_match

BODY = (
    "Kim Jong Un bertemu Belousov.\n\nKim\u00a0Jong Un memuji Rusia.\n"
    "Kim Jong\nUn dan kim jong un. Harga naik 3.5 persen (a+b)."
)


def texts(query: str, **kw) -> list[str]:
    return [BODY[s:e] for s, e in find_all(BODY, query, **kw)]


def test_a_lowercase_query_ignores_case():
    assert texts("kim jong") == ["Kim Jong", "Kim\u00a0Jong", "Kim Jong", "kim jong"]


def test_an_uppercase_letter_makes_the_search_case_sensitive():
    assert texts("Kim") == ["Kim", "Kim", "Kim"]
    assert texts("kim") == ["Kim", "Kim", "Kim", "kim"]


def test_case_can_be_forced_either_way():
    assert texts("kim", case_sensitive=True) == ["kim"]
    assert len(texts("KIM", case_sensitive=False)) == 4


def test_a_space_in_the_query_matches_nbsp_and_line_breaks():
    assert texts("Jong Un") == ["Jong Un", "Jong Un", "Jong\nUn"]
    assert texts("Belousov. Kim") == ["Belousov.\n\nKim"]
    assert texts("jong   un") == ["Jong Un", "Jong Un", "Jong\nUn", "jong un"]


def test_the_query_is_literal_text_not_a_regex():
    assert texts("3.5") == ["3.5"]
    assert texts("3x5") == []
    assert texts("(a+b)") == ["(a+b)"]
    assert texts(".*") == []


def test_whitespace_at_the_query_ends_must_match_whitespace():
    assert texts("rusia ") == []  # "Rusia." has no space after it
    assert texts(" rusia") == [" Rusia"]


def test_an_empty_query_finds_nothing():
    assert find_all(BODY, "") == []
    assert find_all(BODY, "   ") == []
    assert find_all(BODY, "\u00a0\n") == []
    assert find_all("", "kim") == []


def test_matches_do_not_overlap():
    assert find_all("aaaa", "aa") == [(0, 2), (2, 4)]


def test_n_goes_to_the_next_match_and_wraps():
    matches = [(5, 8), (20, 23), (40, 43)]
    assert next_match(matches, 0) == 0
    assert next_match(matches, 5) == 1  # on a match: the next one
    assert next_match(matches, 21) == 2
    assert next_match(matches, 40) == 0  # past the last: wrap to the first


def test_capital_n_goes_to_the_previous_match_and_wraps():
    matches = [(5, 8), (20, 23), (40, 43)]
    assert prev_match(matches, 100) == 2
    assert prev_match(matches, 40) == 1  # on a match: the previous one
    assert prev_match(matches, 21) == 1
    assert prev_match(matches, 5) == 2  # before the first: wrap to the last


def test_no_matches_means_nowhere_to_go():
    assert next_match([], 3) is None
    assert prev_match([], 3) is None

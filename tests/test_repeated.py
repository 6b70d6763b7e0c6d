"""Boilerplate found corpus-wide: the lines one outlet repeats across its articles."""

from __future__ import annotations

from store.news.newsparse import parse_news_text
from store.news.repeated import candidate_lines, count_lines, outlet_key, repeated_lines

PLUG = "Redaksi Contoh hadir setiap pagi di kanal pilihan"


def story(n: int, *, plug: bool = True) -> str:
    lines = [f"Judul berita nomor {n}", f"JAKARTA - Isi berita nomor {n} yang berbeda."]
    if plug:
        lines.append(PLUG)
    lines.append(f"Paragraf penutup berita {n}.")
    return "\n".join(lines)


def test_a_line_in_most_of_an_outlets_articles_is_its_boilerplate() -> None:
    corpus = [("Contoh.com", story(n)) for n in range(8)]
    corpus += [("contoh.com", story(8, plug=False)), ("Lain.id", story(9))]
    counts = count_lines(corpus)
    assert counts["contoh.com"].articles == 9
    found = repeated_lines(counts)
    assert found == {"contoh.com": frozenset({PLUG})}  # Lain.id has it once: no pattern


def test_the_parser_marks_an_outlets_known_lines_and_keeps_them() -> None:
    article = parse_news_text(story(1), known_boilerplate={PLUG})
    marked = [article.body[s.start : s.end] for s in article.segments if s.kind == "repeated"]
    assert marked == [PLUG]
    assert PLUG not in " ".join(article.paragraphs)


def test_a_phrase_rule_names_a_line_before_the_corpus_does() -> None:
    text = "Judul berita\nJAKARTA - Isi berita.\nBaca juga: Berita lain"
    article = parse_news_text(text, known_boilerplate={"Baca juga: Berita lain"})
    assert [s.kind for s in article.segments] == ["paragraph", "related"]


def test_a_line_repeated_in_a_few_articles_is_not_enough() -> None:
    # A quote carried over in three follow-ups of one story is still the story's.
    corpus = [("contoh.com", story(n, plug=n < 3)) for n in range(30)]
    assert repeated_lines(count_lines(corpus)) == {}


def test_candidates_are_short_distinct_lines_with_letters() -> None:
    assert candidate_lines("A line\n\n  A line  \n123\n" + "x" * 400) == {"A line"}
    assert outlet_key(" KOMPAS.com ") == outlet_key("kompas.com") == "kompas.com"

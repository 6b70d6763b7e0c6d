"""Boilerplate found corpus-wide: the lines one outlet repeats across its articles."""

from __future__ import annotations

from store.news.dates import MONTH_FIRST
from store.news.newsparse import parse_news_text
from store.news.outlethints import learn_outlets
from store.news.readers import read_file
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


def test_a_corpus_pass_teaches_each_outlet_its_lines_and_its_date_order(tmp_path) -> None:
    # A scrape of one site: its plug in every story, its dates month first.
    days = ["10/17/2025", "12/24/2025", "1/30/2026", "11/28/2025", "9/10/2025"]
    paths = []
    for n, day in enumerate(days):
        path = tmp_path / f"berita{n}.txt"
        path.write_text(
            f"Judul berita nomor {n}\nDiterbitkan: {day}\n"
            f"Contoh.com, Jakarta - Isi berita nomor {n} yang berbeda.\n{PLUG}\n",
            encoding="utf-8",
        )
        paths.append(path)
    first = [(p, read_file(p)[0][0]) for p in paths]
    assert first[-1][1].published_status == "ambiguous"  # alone, 9/10/2025 reads two ways
    hints = learn_outlets((a.outlet, p.read_text(encoding="utf-8"), a) for p, a in first)
    found = hints[outlet_key("Contoh.com")]
    assert (found.boilerplate, found.date_order) == (frozenset({PLUG}), MONTH_FIRST)
    [again], _ = read_file(paths[-1], hints=found)
    assert (again.published, again.published_status) == ("2025-09-10", "stated")
    assert [again.body[s.start : s.end] for s in again.segments if s.kind == "repeated"] == [PLUG]

"""Paragraphs as published: blank-line, one-a-line and hard-wrapped files, lists, headings."""

from __future__ import annotations

import textwrap

from store.news.article import Article
from store.news.newsparse import parse_news_text

P1 = (
    "Presiden bertemu para menteri di Istana pada Senin untuk membahas anggaran negara, "
    "yang menurut dia harus disahkan sebelum akhir bulan ini."
)
P2 = (
    "Menteri Keuangan mengatakan defisit akan dijaga di bawah tiga persen, sementara "
    "belanja untuk pendidikan dan kesehatan tetap naik tahun depan."
)
P3 = "Rapat dilanjutkan pekan depan."


def segments(article: Article) -> list[tuple[str, str]]:
    return [(s.kind, article.body[s.start : s.end]) for s in article.segments]


def test_one_paragraph_a_line_without_blank_lines_stays_one_paragraph_a_line() -> None:
    article = parse_news_text("\n".join(["Judul Berita", P1, P2, P3]))
    assert article.paragraphs == [P1, P2, P3]


def test_a_line_that_stops_mid_sentence_goes_on_in_the_next() -> None:
    # A scraper's stray break, in a file of whole-line paragraphs.
    broken = P1.replace(" yang ", "\nyang ")
    article = parse_news_text("\n".join(["Judul Berita", broken, P2]))
    assert article.paragraphs == [P1, P2]


def test_blank_line_paragraphs() -> None:
    article = parse_news_text("Judul Berita\n\n" + "\n\n".join([P1, P2, P3]))
    assert article.paragraphs == [P1, P2, P3]


def test_hard_wrapped_paragraphs_between_blank_lines_are_joined_without_line_breaks() -> None:
    wrapped = "\n\n".join(textwrap.fill(p, 50) for p in (P1, P2, P3))
    article = parse_news_text("Judul Berita\n\n" + wrapped)
    assert article.paragraphs == [P1, P2, P3]
    assert "\n" not in article.body.replace("\n\n", "")


def test_hard_wrapped_paragraphs_without_blank_lines_end_at_their_short_last_line() -> None:
    # At 60 columns both paragraphs end in a line well short of the width.
    wrapped = "\n".join(textwrap.fill(p, 60) for p in (P1, P2, P3))
    article = parse_news_text("Judul Berita\n" + wrapped)
    assert article.paragraphs == [P1, P2, P3]


def test_a_first_line_indent_starts_a_paragraph_in_wrapped_text() -> None:
    wrapped = "\n".join(textwrap.fill(p, 50, initial_indent="    ") for p in (P1, P2 + " " + P3))
    article = parse_news_text("Judul Berita\n" + wrapped)
    assert article.paragraphs == [P1, P2 + " " + P3]


def test_a_word_hyphenated_at_the_wrap_is_joined_whole() -> None:
    article = parse_news_text(
        "Judul Berita\n\nHubungan Rusia-\nKorea Utara makin erat, kata para\nanalis di Seoul.\n\n"
        "Kerja sama itu mencakup bidang militer dan ekonomi yang\nterus berkembang.\n"
    )
    assert (
        article.paragraphs[0] == "Hubungan Rusia-Korea Utara makin erat, kata para analis di Seoul."
    )


def test_the_headline_and_a_date_line_are_never_joined_to_the_text() -> None:
    # Wrapped text makes every line look like part of a paragraph; these are not.
    title = "Florida highway pileup, fire kills five children, two truck drivers"
    wrapped = textwrap.fill(P1 + " " + P2, 72)
    article = parse_news_text(f"{title}\nSaturday, January 5, 2019\n\n{wrapped}\n\n{P3}\n")
    assert article.title == title
    assert article.published == "2019-01-05"
    assert article.paragraphs[0] == P1 + " " + P2


def test_bulleted_and_numbered_lists_stay_lists() -> None:
    article = parse_news_text(
        "Judul Berita\n\nAda tiga hal yang dibahas dalam rapat itu:\n\n"
        "- anggaran pendidikan\n- anggaran kesehatan\n- subsidi energi\n\n"
        "Langkah berikutnya:\n1. rapat lanjutan\n2. pengesahan di DPR\n\n" + P3
    )
    assert [text for kind, text in segments(article) if kind == "item"] == [
        "- anggaran pendidikan",
        "- anggaran kesehatan",
        "- subsidi energi",
        "1. rapat lanjutan",
        "2. pengesahan di DPR",
    ]
    assert article.paragraphs[-1] == P3


def test_a_wrapped_list_item_goes_on_under_its_marker() -> None:
    article = parse_news_text(
        "Judul Berita\n\n- anggaran pendidikan yang naik sepuluh persen\n  dari tahun lalu\n"
        "- subsidi energi\n"
    )
    items = [text for kind, text in segments(article) if kind == "item"]
    assert items == [
        "- anggaran pendidikan yang naik sepuluh persen dari tahun lalu",
        "- subsidi energi",
    ]


def test_a_subheading_between_paragraphs_is_a_heading() -> None:
    article = parse_news_text("\n".join(["Judul Berita", P1, "Latar Belakang Perjanjian", P2]))
    assert [kind for kind, _ in segments(article)] == ["paragraph", "heading", "paragraph"]


def test_a_one_word_subheading_between_paragraphs_is_a_heading() -> None:
    article = parse_news_text("\n".join(["Judul Berita", P1, "Persaingan", P2]))
    assert [kind for kind, _ in segments(article)] == ["paragraph", "heading", "paragraph"]


def test_a_caption_wrapped_over_two_lines_is_one_caption() -> None:
    wrapped = textwrap.fill(P1 + " " + P2, 60)
    article = parse_news_text(
        f"A story title\n\n{wrapped}\n\nA volunteer hangs signage in preparation for the Faire in\n"
        "Tyler, Texas. Image: Paul Budd.\n\n" + textwrap.fill(P2, 60)
    )
    assert (
        "caption",
        "A volunteer hangs signage in preparation for the Faire in Tyler, Texas. Image: Paul Budd.",
    ) in segments(article)

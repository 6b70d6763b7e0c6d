"""Nothing of a source is lost: every character is in the title, the body or a field's text.

A property test (Hypothesis) over generated news in every shape the parser
reads (headlines, header lines, leads of each outlet, wrapped and unwrapped
paragraphs, lists, boilerplate, stray dashes and dates), over arbitrary text,
and over hand-written inputs; each parse must account for every piece of its
source (``store.news.article.unaccounted``) and leave no line break inside a
paragraph.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from store.news.article import Article, unaccounted
from store.news.newsparse import parse_news_text

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))

_VOCABULARY = (
    "Presiden menteri bertemu di Jakarta pada Senin kata dia yang dan dengan untuk "
    "the minister said on Friday that talks would resume next week in Seoul officials "
    "Kim Jong Un Putin Rusia Korea Utara Amerika Serikat tentara 10.000 12,5 persen"
)
WORDS = _VOCABULARY.split()

HEADERS = [
    "Kompas dunia | 19 Juli 2024, 14:11 WIB",
    "Kompas.com - 12/08/2024, 10:05 WIB",
    "Kamis, 05/11/2015 10:08 WIB",
    "on 16 Feb 2016 at 09:10 WIB",
    "Published: July 19, 2024",
    "Friday, January 4, 2019",
    "9/10/2025",
]
LEADS = [
    "JAKARTA, KOMPAS.com - ",
    "REPUBLIKA.CO.ID, JAKARTA -- ",
    "Jakarta (ANTARA) - ",
    "Liputan6.com, Jakarta: ",
    "TEMPO.CO, Jakarta - ",
    "Jakarta - ",
    "WASHINGTON (Reuters) - ",
    "Wilkinson - who had ",
    "",
]
BOILERPLATE = [
    "Baca Juga: Prabowo Kunjungi China",
    "Baca Juga",
    "SCROLL TO CONTINUE WITH CONTENT",
    "ADVERTISEMENT",
    'Simak Video "Kim Jong Un Bertemu Putin"',
    "Penulis : Haryo Jati Editor : Desy-Afrianti",
    "(fyk/ash)",
    "(Cas/Isk)",
    "COPYRIGHT © ANTARA 2024",
    "Presiden Prabowo di Kremlin. (ANTARA/Hafidz Mubarak)",
    "Sumber: Reuters",
    "Tweet",
]

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join)
sentences = st.builds(lambda w, end: w[0].upper() + w[1:] + end, words, st.sampled_from(".?!:,"))
paragraphs = st.lists(sentences, min_size=1, max_size=4).map(" ".join)
items = st.lists(st.builds(lambda m, w: m + w, st.sampled_from(["- ", "* ", "• ", "1. "]), words))


@st.composite
def news_text(draw: st.DrawFn) -> str:
    """A scraped article in one of the shapes scrapers save."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(draw(words).title())
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(HEADERS)))
    body = [draw(st.sampled_from(LEADS)) + draw(paragraphs)]
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["paragraph", "boilerplate", "items", "heading"]))
        if kind == "paragraph":
            body.append(draw(paragraphs))
        elif kind == "boilerplate":
            body.append(draw(st.sampled_from(BOILERPLATE)))
        elif kind == "items":
            body.extend(draw(items))
        else:
            body.append(draw(words).title())
    width = draw(st.sampled_from([None, 40, 72]))
    if width:
        body = [textwrap.fill(b, width) for b in body]
    joiner = draw(st.sampled_from(["\n", "\n\n", "\n \n"]))
    indent = draw(st.sampled_from(["", "   "]))
    text = "\n".join(lines) + "\n" + joiner.join(body)
    return "\n".join(indent + line for line in text.split("\n"))


def assert_nothing_lost(text: str) -> Article:
    article = parse_news_text(text)
    assert unaccounted(article, text) == []
    for segment in article.segments:
        shown = article.body[segment.start : segment.end]
        assert shown == shown.strip()
        assert "\n" not in shown, "a line break left inside a segment"
    return article


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_text())
def test_every_character_of_generated_news_is_in_a_field_or_a_segment(text: str) -> None:
    assert_nothing_lost(text)


#: Lines that have caught the parser out, to be mixed in any order and indentation.
TRICKY_LINES = [
    "Jakarta -",
    "JAKARTA, KOMPAS.com -",
    "ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) --",
    "Kompas dunia | 19 Juli 2024, 14:11 WIBPYONGYANG, KOMPAS.TV - Hubungan erat.",
    "Kamis, 05/11/2015 10:08 WIB",
    "Baca Juga",
    "- item",
    "1. a",
    "",
    "  x y z",
    "Judul Besar Ini",
    "kata dia.",
    "(fyk/ash)",
    "DINI TEJA",
    "Image: A B.",
    "— The X (@x) February 16, 2016",
    "... kedua negara. Persahabatan antara Rusia dan Korea Utara",
    "a\u00a0b",
    "\t",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TRICKY_LINES), max_size=30).map("\n".join))
def test_every_character_of_tricky_lines_in_any_order_is_accounted_for(text: str) -> None:
    if text.strip():
        assert_nothing_lost(text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=400))
@example("Wilkinson - who had targeted a return for the autumn internationals.")
@example("Jakarta -\nPresiden Joko Widodo meresmikan jalan tol.")
@example("—\n-\n–\n(x)\n()")
@example("Jakarta -\n  x y z\n— The X (@x) February 16, 2016\n  x y z")
def test_every_character_of_any_text_is_in_a_field_or_a_segment(text: str) -> None:
    if not text.strip():
        return  # the readers refuse an empty file before parsing it
    assert_nothing_lost(text)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_nothing_of_a_seed_is_lost(path: Path) -> None:
    assert_nothing_lost(path.read_text(encoding="utf-8"))


HAND_WRITTEN = [
    # A false dateline: the words before the dash are the sentence's.
    "Rugby returns\n\nWilkinson - who had targeted a return - was named on the bench.",
    # A lead alone on its line, as a detik page gives it.
    "Judul Berita\nSelasa, 23/02/2016 15:32 WIB\nJakarta -\nPLN resmi mengoperasikan gardu.",
    # A header with prose glued to it, a caption wrapped over two lines.
    "Judul\nKompas dunia | 19 Juli 2024, 14:11 WIBPYONGYANG, KOMPAS.TV - Hubungan kuat.",
    "A story title here\n\nThe first paragraph of the story goes on and on, wrapped at\n"
    "a width of sixty or so columns, as lynx would.\n\nA volunteer hangs signage in "
    "preparation for the Faire in\nTyler, Texas. Image: Paul Budd.\n",
]


@pytest.mark.parametrize("text", HAND_WRITTEN)
def test_nothing_of_hand_written_shapes_is_lost(text: str) -> None:
    assert_nothing_lost(text)

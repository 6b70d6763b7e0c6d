"""Which article is the new version of a re-scraped one (its annotations follow it there)."""

from __future__ import annotations

from store.annotations.annotation import Annotation, Selector
from store.annotations.rescrape import new_home
from store.news.article import Article, Segment

OLD_BODY = (
    "Intelijen Korea Selatan melaporkan lebih dari 10.000 tentara Korea Utara di Rusia. "
    "KCNA tidak mengonfirmasi laporan itu. Pasukan itu disebut berlatih di Kursk."
)
ORIGIN = {
    "title": "Ribuan Tentara Korea Utara Dikirim ke Rusia",
    "outlet": "Kompas",
    "source": "old.txt",
    "url": None,
    "external_id": None,
}


def article(title: str, body: str, outlet: str = "Kompas", url: str | None = None) -> Article:
    return Article(
        title=title,
        body=body,
        segments=(Segment(0, len(body), "paragraph"),),
        outlet=outlet,
        url=url,
    )


def claims(*quotes: str) -> list[Annotation]:
    made = []
    for quote in quotes:
        start = OLD_BODY.index(quote)
        selector = Selector.from_body(OLD_BODY, start, start + len(quote))
        made.append(Annotation("ribuan-tentara-00000000", "claim", selector, "0" * 64, "rina"))
    return made


TWO = claims("lebih dari 10.000 tentara Korea Utara", "KCNA tidak mengonfirmasi laporan itu")


def test_the_same_story_re_scraped_with_a_sentence_more_is_found():
    new = article(ORIGIN["title"], "Laporan terbaru. " + OLD_BODY)
    other = article("Harga Beras Naik Lagi", "Harga beras naik di Jakarta.")
    assert new_home(ORIGIN, TWO, [other, new]) is new


def test_a_different_story_on_the_same_subject_does_not_take_the_claims():
    similar = article(
        "Ribuan Tentara Korea Utara Tiba di Rusia",
        "Tentara Korea Utara tiba di Vladivostok menurut laporan media Rusia.",
    )
    assert new_home(ORIGIN, TWO, [similar]) is None


def test_the_same_address_settles_it_whatever_the_title():
    moved = article("Judul Baru Sama Sekali", "Teks lain.", url="https://kompas.id/a/1")
    origin = {**ORIGIN, "url": "https://kompas.id/a/1"}
    assert new_home(origin, TWO, [moved]) is moved


def test_a_note_on_the_whole_article_needs_the_same_title_from_the_same_outlet():
    note = [Annotation("ribuan-tentara-00000000", "note", None, "0" * 64, "rina", note="Cek.")]
    same = article(ORIGIN["title"], "Teks yang berubah banyak.")
    elsewhere = article(ORIGIN["title"], "Teks yang berubah banyak.", outlet="Detik")
    assert new_home(ORIGIN, note, [elsewhere]) is None
    assert new_home(ORIGIN, note, [elsewhere, same]) is same


def test_from_another_outlet_most_quotes_must_be_there():
    half = article(ORIGIN["title"], "KCNA tidak mengonfirmasi laporan itu.", outlet="Detik")
    assert new_home(ORIGIN, TWO, [half]) is None
    whole = article(ORIGIN["title"], OLD_BODY, outlet="Detik")
    assert new_home(ORIGIN, TWO, [whole]) is whole

"""sorot marks who, what, where, when and how many, by sorot's span rules.

Every text here is written by the test itself; none comes from ``../shared``.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from store.entities import Entity
from store.entities.recognise import recognise, recognise_article, tag_tokens
from store.news.article import Article, build_body

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def found(text: str, kind: str | None = None) -> list[tuple[str, str]]:
    return [(e.text, e.type) for e in recognise(text) if kind is None or e.type == kind]


def texts(text: str, kind: str) -> list[str]:
    return [t for t, _ in found(text, kind)]


def key_of(text: str, surface: str, nth: int = 0) -> str:
    return [e.key for e in recognise(text) if e.text == surface][nth]


# -- what every result looks like ----------------------------------------------


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_entities_are_sorted_disjoint_and_index_exactly_the_text(path: Path):
    text = path.read_text(encoding="utf-8")
    entities = recognise(text)
    assert entities
    for e in entities:
        assert isinstance(e, Entity)
        assert text[e.start : e.end] == e.text
        assert e.text == e.text.strip()
        assert e.type in {"PER", "ORG", "LOC", "DATE", "QUANT"}
        assert e.origin == "auto"
        assert e.key
    for a, b in pairwise(entities):
        assert a.end <= b.start


@pytest.mark.parametrize("text", ["", "   \n\n ", "...", "\x1b[31m\x00", "😀 🎉"])
def test_empty_and_odd_texts_give_no_entities_and_no_error(text: str):
    assert recognise(text) == [] or all(text[e.start : e.end] == e.text for e in recognise(text))


def test_the_same_text_gives_the_same_entities():
    text = "Presiden Rusia Vladimir Putin tiba di Pyongyang pada Juni lalu."
    assert recognise(text) == recognise(text)


# -- PER, ORG, LOC -------------------------------------------------------------


def test_titles_stay_out_of_person_spans():
    text = "Presiden Rusia Vladimir Putin bertemu Menteri Pertahanan Rusia Andrei Belousov."
    assert texts(text, "PER") == ["Vladimir Putin", "Andrei Belousov"]
    assert texts(text, "LOC") == ["Rusia", "Rusia"]


def test_english_titles_and_nationalities_stay_out_too():
    text = "Russian Defence Minister Andrei Belousov met U.S. President Joe Biden."
    assert texts(text, "PER") == ["Andrei Belousov", "Joe Biden"]


def test_names_seen_in_full_mark_their_short_forms():
    text = (
        "Pemimpin Korea Utara Kim Jong Un bertemu Andrei Belousov di Pyongyang.\n\n"
        "Kim menegaskan dukungannya. Menurut KCNA, Belousov memuji kebijakan itu."
    )
    assert ("Kim", "PER") in found(text)
    assert ("Belousov", "PER") in found(text)


def test_a_place_compound_is_one_span_per_place():
    assert texts("dalam konflik Rusia-Ukraina yang panjang", "LOC") == ["Rusia", "Ukraina"]
    assert texts("Hubungan militer Rusia-Korea Utara makin kuat.", "LOC") == [
        "Rusia",
        "Korea Utara",
    ]


def test_an_abbreviation_in_brackets_is_its_own_entity_with_the_same_key():
    entities = recognise("sinyal berbahaya untuk Amerika Serikat (AS) dan sekutunya")
    places = [(e.text, e.key) for e in entities if e.type == "LOC"]
    assert places == [("Amerika Serikat", "Amerika Serikat"), ("AS", "Amerika Serikat")]


def test_a_title_case_headline_is_not_one_long_entity():
    text = (
        "Kim Jong Un dan Rusia Tingkatkan Kerja Sama Militer di Tengah Ketegangan Global\n\n"
        "Pemimpin Korea Utara, Kim Jong Un, bertemu pejabat Rusia di Pyongyang."
    )
    first_line = [e for e in recognise(text) if e.end <= text.index("\n")]
    assert [(e.text, e.type) for e in first_line] == [("Kim Jong Un", "PER"), ("Rusia", "LOC")]


def test_a_related_link_in_title_case_keeps_only_its_names():
    text = "Baca Juga: Seorang Relawan Taiwan Tewas di Medan Perang Ukraina Melawan Rusia"
    assert found(text) == [("Taiwan", "LOC"), ("Ukraina", "LOC"), ("Rusia", "LOC")]


def test_glued_scraped_fields_are_split():
    text = "Kompas dunia | 19 Juli 2024, 14:11 WIBPYONGYANG, KOMPAS.TV - Hubungan militer"
    assert ("PYONGYANG", "LOC") in found(text)
    assert ("19 Juli 2024, 14:11 WIB", "DATE") in found(text)
    glued = "di Pyongyang pada bulan Juni tahun ini.Washington dan Seoul mengklaim"
    assert ("Washington", "LOC") in found(glued)


def test_descriptive_phrases_are_not_organisations():
    text = "Informasi itu disampaikan oleh media pemerintah Korea Utara, KCNA, pada Sabtu."
    assert found(text, "ORG") == [("KCNA", "ORG")]
    assert found(text, "LOC") == [("Korea Utara", "LOC")]


def test_credit_lines_name_people_and_sources():
    text = "Penulis : Haryo Jati Editor : Desy-Afrianti\nSumber : Korea JongAng Daily"
    assert found(text) == [
        ("Haryo Jati", "PER"),
        ("Desy-Afrianti", "PER"),
        ("Korea JongAng Daily", "ORG"),
    ]


def test_english_credit_lines_name_every_person():
    text = "Reporting by Hyonhee Shin and Ju-min Park in Seoul; Editing by Jacqueline Wong"
    assert texts(text, "PER") == ["Hyonhee Shin", "Ju-min Park", "Jacqueline Wong"]


def test_weapons_are_out_of_scope():
    text = "Ukraina memakai rudal ATACMS buatan AS dan pesawat F-16."
    assert ("ATACMS", "ORG") not in found(text)
    assert texts(text, "LOC") == ["Ukraina", "AS"]


# -- DATE ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("bertemu Menteri Pertahanan Rusia pada Jumat (29/11).", "Jumat (29/11)"),
        ("dilakukan di Pyongyang, Kamis (18/7/2024).", "Kamis (18/7/2024)"),
        ("Kompas dunia | 19 Juli 2024, 14:11 WIB", "19 Juli 2024, 14:11 WIB"),
        ("perjanjian yang ditandatangani pada Juni lalu.", "Juni lalu"),
        ("setelah kunjungan Putin bulan lalu.", "bulan lalu"),
        ("pertemuan puncak pada September tahun lalu.", "September tahun lalu"),
        ("sejak invasi ke Ukraina pada Februari 2022.", "Februari 2022"),
        ("kunjungan langka ke Pyongyang pada bulan Juni tahun ini.", "Juni tahun ini"),
        ("pertemuan puncak antara kedua pemimpin minggu ini.", "minggu ini"),
        ("hubungan telah menguat dalam beberapa tahun terakhir.", "beberapa tahun terakhir"),
        ("KCNA melaporkan pada Sabtu bahwa kunjungan itu berhasil.", "Sabtu"),
        ("rapat dilanjutkan pukul 10.00 WIB di gedung itu", "10.00 WIB"),
        ("He arrived in Seoul on November 29, 2024, officials said.", "November 29, 2024"),
        ("The talks were held last week in Moscow.", "last week"),
    ],
)
def test_dates(text: str, date: str):
    assert texts(text, "DATE") == [date]


def test_the_classifier_before_a_year_stays_out():
    assert texts("omzet perdagangan pada tahun 2023 meningkat", "DATE") == ["2023"]


@pytest.mark.parametrize(
    "text",
    [
        "Hubungan itu baru-baru ini membaik.",
        "Saat ini kedua negara bekerja sama.",
        "kerja sama di masa mendatang antara kedua negara",
        "Umat Islam menunaikan salat Jumat di masjid.",
    ],
)
def test_vague_adverbs_and_prayers_are_no_dates(text: str):
    assert texts(text, "DATE") == []


# -- QUANT -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("Korea Utara mengirim lebih dari 10.000 tentara ke Rusia.", "lebih dari 10.000 tentara"),
        ("karena mengirim hampir 12.000 tentara ke Rusia", "hampir 12.000 tentara"),
        ("baru-baru ini mengirimkan 12.000 tentara bantuan", "12.000 tentara"),
        ("omzet meningkat sembilan kali lipat tahun itu", "sembilan kali lipat"),
        ("Ledakan Besar Terjadi dan 1 Orang Tewas", "1 Orang"),
        ("inflasi naik 2,5 persen dibanding bulan sebelumnya", "2,5 persen"),
        ("saham naik 21% pada penutupan", "21%"),
        ("nilai kontrak mencapai Rp 10 miliar menurut laporan", "Rp 10 miliar"),
        ("uang sebesar 200 dolar AS ditemukan", "200 dolar AS"),
        ("sedikitnya dua belas orang terluka", "sedikitnya dua belas orang"),
        ("Officials said more than 10,000 troops were sent.", "more than 10,000 troops"),
    ],
)
def test_quantities(text: str, quantity: str):
    assert texts(text, "QUANT") == [quantity]


@pytest.mark.parametrize(
    "text",
    [
        "Kedua negara dukung satu sama lain di tengah ketegangan.",
        "jika salah satu pihak menghadapi serangan",
        "Seorang relawan tewas di medan perang.",
        "Awas Perang Dunia 3, intelijen mengungkap risiko",
        "1. Terikat dalam Perjanjian Pertahanan Bersama",
        "pejabat tinggi militer pertama yang berkunjung",
        "dijerat pasal 53 undang-undang itu",
    ],
)
def test_ordinals_idioms_list_numbers_and_numbers_in_names_are_no_quantities(text: str):
    assert texts(text, "QUANT") == []


def test_a_bare_number_after_sebesar_is_a_quantity_even_glued_to_the_next_sentence():
    text = "meningkat sebesar 54.Rusia dan Korea menjalankan kebijakan itu."
    assert texts(text, "QUANT") == ["54"]
    assert texts(text, "LOC") == ["Rusia", "Korea"]


# -- keys ------------------------------------------------------------------------


def test_kim_jong_un_and_kim_jong_un_hyphenated_share_a_key():
    text = "Kim Jong Un bertemu Putin. Kemudian Kim Jong-un kembali ke Pyongyang."
    assert key_of(text, "Kim Jong Un") == key_of(text, "Kim Jong-un") == "Kim Jong Un"


def test_korea_utara_and_korea_selatan_do_not_share_a_key():
    text = "Korea Utara dan Korea Selatan masih berselisih, kata Korsel."
    north, south = key_of(text, "Korea Utara"), key_of(text, "Korea Selatan")
    assert north != south
    assert key_of(text, "Korsel") == south


def test_belousov_alone_gets_the_key_of_andrei_belousov_named_earlier():
    text = (
        "Kim Jong Un bertemu Menteri Pertahanan Rusia, Andrei Belousov, di Pyongyang.\n\n"
        "Menurut KCNA, kunjungan Belousov bertujuan meningkatkan kerja sama."
    )
    assert key_of(text, "Belousov") == key_of(text, "Andrei Belousov") == "Andrei Belousov"


def test_a_short_form_of_a_name_unknown_to_sorot_takes_the_full_name_as_key():
    text = "Hong Min, analis senior, menilai kerja sama itu penting, ujar Hong kemudian."
    assert key_of(text, "Hong") == key_of(text, "Hong Min") == "Hong Min"


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("Andrey Belousov", "Andrei Belousov"),
        ("Vladmir Putin", "Vladimir Putin"),
        ("Moskow", "Moskwa"),
        ("DPRK", "Korea Utara"),
        ("PBB", "PBB"),
    ],
)
def test_spelling_variants_and_abbreviations_take_the_listed_key(variant: str, canonical: str):
    assert key_of(f"Pernyataan itu datang dari {variant} kemarin.", variant) == canonical


def test_keys_are_the_same_in_different_articles():
    one = recognise("Presiden Vladimir Putin tiba di Moskwa.")
    two = recognise("Putin kembali ke Moskow setelah kunjungan itu.")
    assert {e.key for e in one} == {e.key for e in two} == {"Vladimir Putin", "Moskwa"}


def test_an_outlet_named_without_its_suffix_joins_it():
    text = "Kompas dunia | Laporan KOMPAS.TV dari Pyongyang menyebut hal itu."
    assert key_of(text, "Kompas") == key_of(text, "KOMPAS.TV")


def test_a_typo_one_letter_away_joins_the_name_in_the_same_article():
    text = "dikutip dari Korea JoongAng Daily.\nSumber : Korea JongAng Daily"
    assert key_of(text, "Korea JongAng Daily") == key_of(text, "Korea JoongAng Daily")


def test_dates_and_quantities_are_their_own_key():
    for e in recognise("pada Jumat (29/11) lebih dari 10.000 tentara tiba"):
        assert e.key == e.text


# -- articles and pre-tokenised text ---------------------------------------------


def test_recognise_article_gives_offsets_into_the_body_and_reads_the_title():
    body, segments = build_body(
        [
            (
                "Kim bertemu Menteri Pertahanan Rusia di Pyongyang pada Jumat (29/11).",
                "paragraph",
                0,
            ),
            ("Baca Juga: AS Sebut Pasukan Korea Utara Bergabung", "related", None),
        ]
    )
    article = Article(title="Kim Jong Un Sambut Menteri Rusia", body=body, segments=segments)
    entities = recognise_article(article)
    assert all(body[e.start : e.end] == e.text for e in entities)
    kim = next(e for e in entities if e.text == "Kim")
    assert (kim.type, kim.key) == ("PER", "Kim Jong Un")


@pytest.mark.parametrize("over", [False, True])
def test_an_article_read_with_its_title_is_the_title_and_body_read_together(
    over: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.entities.recognise as recognising

    text = "Kim bertemu Menteri Pertahanan Rusia di Pyongyang. Kim tiba Jumat (29/11). "
    body, segments = build_body([(text * 2, "paragraph", 0)])
    title = "Kim Jong Un Sambut Menteri Rusia"
    if over:  # a body just short of a piece's length, taken over it by its title
        monkeypatch.setattr(recognising, "CHUNK", len(body) + 10)
    shift = len(title) + 2
    expected = [
        Entity(e.start - shift, e.end - shift, e.text, e.type, e.key)
        for e in recognise(title + "\n\n" + body)
        if e.start >= shift
    ]
    article = Article(title=title, body=body, segments=segments)
    assert recognise_article(article) == expected and expected


def test_tag_tokens_gives_one_bio_tag_a_token():
    words = ["Kim", "Jong-un", "tiba", "di", "Moskwa", ",", "Jumat", "(29/11)", "."]
    assert tag_tokens(words) == [
        "B-PER",
        "I-PER",
        "O",
        "O",
        "B-LOC",
        "O",
        "B-DATE",
        "I-DATE",
        "O",
    ]
    assert tag_tokens([]) == []

"""Entities right on news sorot never saw: keys that never merge strangers, English by
English rules, organisations of the state, no entity from a teaser.

Every text here is written by the test itself; none comes from ``../shared``.
"""

from __future__ import annotations

from store.entities.keys import expression_key, key_of
from store.entities.recognise import recognise, recognise_article
from store.news.newsparse import parse_news_text


def found(text: str, language: str = "id") -> list[tuple[str, str]]:
    return [(e.text, e.type) for e in recognise(text, language)]


def keys(text: str, surface: str, language: str = "id") -> set[str]:
    return {e.key for e in recognise(text, language) if e.text == surface}


# -- keys that never merge strangers --------------------------------------------


def test_nis_is_south_koreas_intelligence_service_never_isis():
    text = (
        "Badan Intelijen Nasional (NIS) Korea Selatan mengatakan lebih dari 10.000 tentara "
        "Korea Utara telah dikirim ke Rusia. NIS juga menyebut jumlahnya akan bertambah."
    )
    assert keys(text, "NIS") == {"Badan Intelijen Nasional Korea Selatan"}
    other = "Kelompok ISIS mengaku bertanggung jawab atas serangan itu. NIIS membantah."
    assert keys(other, "ISIS") == {"ISIS"}
    assert key_of("NIS", "ORG") != key_of("NIIS", "ORG")
    assert key_of("NIIS", "ORG") == "ISIS"  # the table still knows ISIS's own short form


def test_an_acronym_one_letter_from_another_is_a_stranger():
    # spelling similarity joins long names only; acronyms match exactly or not at all
    assert key_of("PKS", "ORG") != key_of("PKB", "ORG")
    text = "Kader PKS dan PKB bertemu di Jakarta. PKS menolak, PKB setuju."
    assert keys(text, "PKS") != keys(text, "PKB")


def test_a_listed_name_in_capitals_is_still_that_name():
    text = "MOSKOW, KOMPAS.TV - Utusan Korea Utara tiba di Moskow. PYONGYANG membantah."
    assert keys(text, "MOSKOW") == keys(text, "Moskow") == {"Moskwa"}
    # letter for letter only: a doubled letter makes another acronym
    assert key_of("KPPU", "ORG") != key_of("KPU", "ORG")


def test_a_bare_korea_in_an_article_about_north_korea_is_north_korea():
    text = (
        "Korea Utara mengirim ribuan tentara ke Rusia. Pemimpin Korea Utara Kim Jong Un "
        "memuji hubungan Rusia-Korea. Menurut Korea Utara, Korea tidak akan mundur."
    )
    assert keys(text, "Korea") == {"Korea Utara"}


def test_a_bare_korea_between_both_koreas_keeps_its_own_key():
    text = (
        "Korea Utara dan Korea Selatan kembali bersitegang. Korea Selatan memanggil duta "
        "besar, Korea Utara membalas. Semenanjung itu disebut Korea oleh keduanya."
    )
    assert keys(text, "Korea") == {"Korea"}
    assert keys(text, "Korea Utara") == {"Korea Utara"}
    assert keys(text, "Korea Selatan") == {"Korea Selatan"}


def test_dates_and_common_expressions_are_keyed_case_blind():
    text = "Hari ini pasukan tiba. Menurut pejabat, hari ini juga 1 Orang tewas dan 1 orang hilang."
    assert keys(text, "Hari ini") == keys(text, "hari ini") == {"hari ini"}
    assert keys(text, "1 Orang") == keys(text, "1 orang")
    assert expression_key("19 JULI 2024") == "19 Juli 2024"
    assert expression_key("Jumat  (29/11)") == "Jumat (29/11)"
    assert expression_key("Rp 5 Juta") == "Rp 5 juta"
    assert expression_key("10 juta dolar AS") == "10 juta dolar AS"


# -- English text, English rules ------------------------------------------------


def test_english_titles_stay_out_and_make_a_person():
    text = (
        "Dr. Victor Cha, a former White House official, said the regime would not stop. "
        "Analysts told reporters that Prof. Andrei Lankov was right about the border."
    )
    people = [t for t, kind in found(text, "en") if kind == "PER"]
    assert people == ["Victor Cha", "Andrei Lankov"]


def test_the_us_in_english_is_the_place_without_the_article():
    text = "Officials said the U.S. would respond, and that the U.S. Army was on alert."
    entities = recognise(text, "en")
    places = [(e.text, e.key) for e in entities if e.type == "LOC"]
    assert places == [("U.S.", "Amerika Serikat")]
    assert ("U.S. Army", "ORG") in [(e.text, e.type) for e in entities]
    assert not any(e.text.startswith(("The ", "the ")) for e in entities)


def test_english_leaves_untagged_what_nothing_types():
    text = (
        "Yesterday the Hwasong launch surprised observers. Russian forces advanced while "
        "Colonel Reeves of the Ministry of Defence said more than 3,000 soldiers died."
    )
    result = found(text, "en")
    assert ("Reeves", "PER") in result
    assert ("Ministry of Defence", "ORG") in result
    assert ("more than 3,000 soldiers", "QUANT") in result
    assert ("about 300 more troops", "QUANT") in found("It sent about 300 more troops.", "en")
    assert ("Yesterday", "DATE") in result
    names = [t for t, kind in result if kind in ("PER", "ORG", "LOC")]
    assert not any(t in ("Yesterday", "Hwasong", "Russian") for t in names)


def test_an_english_article_is_read_by_english_rules():
    raw = (
        "North Korea sends more troops\n\n"
        "SEOUL (Reuters) - North Korea has sent more troops to Russia, South Korea's spy "
        "agency said on Wednesday, and Dr. Victor Cha said the U.S. was worried about it. "
        "The agency said the soldiers were being trained in the far east of the country.\n"
    )
    article = parse_news_text(raw)
    assert article.language == "en"
    entities = {(e.text, e.type) for e in recognise_article(article)}
    assert ("Victor Cha", "PER") in entities
    assert ("U.S.", "LOC") in entities
    assert not any(text.startswith(("The", "Dr")) for text, _ in entities)


# -- organisations, quantities --------------------------------------------------


def test_state_units_are_one_organisation_with_the_place_they_serve():
    text = (
        "Polres Jakarta Selatan menangkap dua tersangka, sementara Dinas Kesehatan "
        "Kabupaten Bogor dan Pemerintah Provinsi Jawa Barat mencatat kasus baru. "
        "Direktorat Jenderal Pajak Kementerian Keuangan tidak berkomentar."
    )
    orgs = [t for t, kind in found(text) if kind == "ORG"]
    assert orgs == [
        "Polres Jakarta Selatan",
        "Dinas Kesehatan Kabupaten Bogor",
        "Pemerintah Provinsi Jawa Barat",
        "Direktorat Jenderal Pajak",
        "Kementerian Keuangan",
    ]


def test_a_unit_stops_at_a_title_and_a_person():
    text = "Kapolres Jakarta Selatan AKBP Budi Santoso mengatakan Polres Bogor AKBP Rudi hadir."
    result = found(text)
    assert ("Polres Bogor", "ORG") in result
    assert ("Budi Santoso", "PER") in result


def test_the_holder_of_a_regional_office_is_a_person_after_the_region():
    text = (
        "Gubernur Sulawesi Utara Sinyo Harry Sarundajang bertemu Wali Kota Surabaya "
        "Tri Rismaharini di Manado, Senin (12/1)."
    )
    result = found(text)
    assert ("Sulawesi Utara", "LOC") in result
    assert ("Sinyo Harry Sarundajang", "PER") in result
    assert ("Surabaya", "LOC") in result
    assert ("Tri Rismaharini", "PER") in result


def test_dates_as_news_writes_them():
    text = (
        "Kalla berkunjung pada 10 hingga 11 Oktober 2008, lalu deklarasi digelar pada hari "
        "Minggu mendatang (9/2). Partai itu mendapat nomor urut 1 sejak Senin (12/1) tahun lalu."
    )
    result = found(text)
    assert ("10 hingga 11 Oktober 2008", "DATE") in result
    assert ("Minggu mendatang (9/2)", "DATE") in result
    assert ("Senin (12/1) tahun lalu", "DATE") in result
    assert not any(kind == "QUANT" for _, kind in result), "a list number is no quantity"


def test_round_numbers_in_words_count_with_their_noun():
    text = "Ribuan tentara tiba dan puluhan warga mengungsi. Ribuan dari mereka kembali."
    result = found(text)
    assert ("Ribuan tentara", "QUANT") in result
    assert ("puluhan warga", "QUANT") in result
    assert not any(t == "Ribuan" for t, _ in result)


def test_a_number_does_not_swallow_the_next_word():
    text = (
        "Pada 2026 suatu perubahan besar terjadi. Di satu sisi, dua orang tewas; mereka "
        "diperiksa satu per satu. Biayanya Rp 5 juta, naik 50 persen sejak Senin (12/1)."
    )
    result = found(text)
    assert ("dua orang", "QUANT") in result
    assert ("Rp 5 juta", "QUANT") in result
    assert ("50 persen", "QUANT") in result
    assert ("Senin (12/1)", "DATE") in result
    assert not any("suatu" in t or "sisi" in t for t, _ in result)
    assert not any(t == "satu" for t, _ in result)


# -- nothing from teasers -------------------------------------------------------


TEASER_ARTICLE = (
    "Rusia dan Korea Utara Perkuat Kerja Sama\n"
    "Kompas dunia | 19 Juli 2024, 14:11 WIB\n\n"
    "PYONGYANG, KOMPAS.TV - Menteri Pertahanan Rusia Andrei Belousov tiba di Pyongyang "
    "pada Jumat (19/7/2024) untuk bertemu pejabat Korea Utara.\n\n"
    "Baca Juga: Presiden Ukraina Volodymyr Zelensky Kunjungi Washington dan Bertemu Biden\n\n"
    "Belousov mengatakan kedua negara akan memperluas latihan militer bersama.\n\n"
    "Baca Juga: Jepang dan Filipina Teken Pakta Pertahanan di Manila\n"
)


def test_teaser_lines_feed_no_entity_and_offsets_still_index_the_body():
    article = parse_news_text(TEASER_ARTICLE)
    teasers = [s for s in article.segments if s.kind == "related"]
    assert len(teasers) == 2
    entities = recognise_article(article)
    for e in entities:
        assert article.body[e.start : e.end] == e.text
        assert not any(s.start <= e.start < s.end for s in teasers)
    names = {e.text for e in entities}
    assert {"Andrei Belousov", "Belousov", "Pyongyang", "Korea Utara"} <= names
    assert not names & {"Volodymyr Zelensky", "Washington", "Biden", "Jepang", "Manila"}

"""A reader moves the cursor through an article by word, sentence and paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.news.textunits import TextUnits

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in TextUnits(text).words]


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in TextUnits(text).sentences]


def paragraphs(text: str) -> list[str]:
    return [text[s:e] for s, e in TextUnits(text).paragraphs]


# -- words -------------------------------------------------------------------


def test_the_cursor_jumps_over_10_000_tentara_as_one_word():
    assert words("mengirim hampir 12.000 tentara") == ["mengirim", "hampir", "12.000", "tentara"]
    assert words("lebih dari 10.000 tentara, naik 3,5 persen atau 3.5%") == [
        "lebih",
        "dari",
        "10.000",
        "tentara",
        "naik",
        "3,5",
        "persen",
        "atau",
        "3.5",
    ]


def test_dates_and_times_are_single_words():
    assert words("Jumat (29/11), Kamis (18/7/2024) pukul 14:11 WIB") == [
        "Jumat",
        "29/11",
        "Kamis",
        "18/7/2024",
        "pukul",
        "14:11",
        "WIB",
    ]


def test_hyphenated_names_and_reduplications_stay_whole():
    assert words("Kim Jong-un membahas isu-isu Rusia-Ukraina dan F-16") == [
        "Kim",
        "Jong-un",
        "membahas",
        "isu-isu",
        "Rusia-Ukraina",
        "dan",
        "F-16",
    ]


def test_apostrophes_stay_inside_a_word():
    assert words("don't say Jum’at at St. Paul's") == [
        "don't",
        "say",
        "Jum’at",
        "at",
        "St",
        "Paul's",
    ]


def test_domains_and_dotted_acronyms_are_one_word():
    text = "geosurvey.co.id – KOMPAS.TV dan LOGIC.co.id di U.S. oleh Budi, M.Si. dan Ph.D."
    assert words(text) == [
        "geosurvey.co.id",
        "KOMPAS.TV",
        "dan",
        "LOGIC.co.id",
        "di",
        "U.S",
        "oleh",
        "Budi",
        "M.Si",
        "dan",
        "Ph.D",
    ]


def test_glued_sentences_are_two_words():
    assert words("tahun ini.Washington dan sebesar 54.Rusia") == [
        "tahun",
        "ini",
        "Washington",
        "dan",
        "sebesar",
        "54",
        "Rusia",
    ]


def test_curly_quotes_and_dashes_are_not_words():
    assert words("“Merupakan hak,” ujar Kim – KCNA") == ["Merupakan", "hak", "ujar", "Kim", "KCNA"]


# -- sentences ---------------------------------------------------------------


def test_jumat_29_11_does_not_end_a_sentence():
    text = "Kim bertemu Belousov pada Jumat (29/11). Pertemuan ini menghasilkan kesepakatan."
    assert sentences(text) == [
        "Kim bertemu Belousov pada Jumat (29/11).",
        "Pertemuan ini menghasilkan kesepakatan.",
    ]


def test_numbers_do_not_end_sentences():
    text = "Korea Utara mengirim 10.000 tentara dan 3.5 juta peluru. Harga naik 3,5 persen."
    assert sentences(text) == [
        "Korea Utara mengirim 10.000 tentara dan 3.5 juta peluru.",
        "Harga naik 3,5 persen.",
    ]


def test_a_glued_ini_washington_starts_a_new_sentence():
    text = "pada bulan Juni tahun ini.Washington dan Seoul mengklaim Pyongyang melanggar."
    assert sentences(text) == [
        "pada bulan Juni tahun ini.",
        "Washington dan Seoul mengklaim Pyongyang melanggar.",
    ]


def test_a_glued_54_rusia_starts_a_new_sentence():
    text = "meningkat sebesar 54.Rusia dan Korea menjalankan kebijakan independen."
    assert sentences(text) == [
        "meningkat sebesar 54.",
        "Rusia dan Korea menjalankan kebijakan independen.",
    ]


def test_a_glued_quote_opens_the_next_sentence():
    text = 'terhadap salah satu negara."Perjanjian ini penting," kata Putin.'
    assert sentences(text) == [
        "terhadap salah satu negara.",
        '"Perjanjian ini penting," kata Putin.',
    ]


def test_domains_and_acronyms_do_not_split():
    text = "Dilansir geosurvey.co.id dan KOMPAS.TV pada Sabtu. Laporan itu dikutip U.S. Army."
    assert sentences(text) == [
        "Dilansir geosurvey.co.id dan KOMPAS.TV pada Sabtu.",
        "Laporan itu dikutip U.S. Army.",
    ]


def test_the_closing_quote_belongs_to_the_sentence():
    text = "Ia menyebut “benar-benar independen.” Baca juga berita lain."
    assert sentences(text) == ["Ia menyebut “benar-benar independen.”", "Baca juga berita lain."]


def test_a_quote_followed_by_its_attribution_is_one_sentence():
    text = "“Kami siap.” ujar Kim. “Merupakan hak kami,” ujar Kim lagi."
    assert sentences(text) == ["“Kami siap.” ujar Kim.", "“Merupakan hak kami,” ujar Kim lagi."]


def test_ellipsis_before_lowercase_continues_the_sentence():
    text = '"Pelanggaran oleh negara-negara Barat ... terhadap kewajiban," katanya. Lalu… Ia pergi.'
    assert sentences(text) == [
        '"Pelanggaran oleh negara-negara Barat ... terhadap kewajiban," katanya.',
        "Lalu…",
        "Ia pergi.",
    ]


def test_a_period_before_dan_ends_the_sentence():
    text = '"Ini bukan hanya pernyataan, ini sudah terjadi. Dan semua ini pelanggaran," katanya.'
    assert sentences(text) == [
        '"Ini bukan hanya pernyataan, ini sudah terjadi.',
        'Dan semua ini pelanggaran," katanya.',
    ]


def test_question_and_exclamation_marks_end_sentences():
    assert sentences("Apa itu Yandex? Panduan lengkap! 3 hal penting.") == [
        "Apa itu Yandex?",
        "Panduan lengkap!",
        "3 hal penting.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Prof. Dr. Ir. H. Budi Santoso, M.Si. tiba di Jl. Merdeka No. 5 kemarin.",
        "Pasien dr. Ani dan Bpk. Joko, S.H. dari Kec. Menteng, Kab. Bogor hadir.",
        "Kepada Yth. Bapak Camat, buah, sayur, dll. dan sebagainya dsb. ikut dibahas.",
        "Menurut Wijaya dkk. (2019) data tsb. belum lengkap.",
        "Mr. Smith met Mrs. Jones, Ms. Lee and Dr. Who at St. Paul's.",
        "Smith Jr. and Jones Sr. joined Acme Inc. and Foo Ltd. and Bar Co. and Baz Corp. today.",
        "Arsenal vs. Chelsea, e.g. in London, i.e. at home, with apples, etc. included.",
        "On Jan. 5 and Dec. 12 Gen. Milley, Sen. Warren, Rep. Cruz, Gov. Newsom and Lt. Dan met.",
        "At 9 a.m. the U.S. President met J. Smith and Joko W. in Washington.",
        "Lihat hlm. 12, p. 5 dan No. 7 pada Vol. 3 laporan itu.",
    ],
)
def test_abbreviations_and_initials_do_not_end_sentences(text):
    assert sentences(text) == [text]


def test_an_ambiguous_abbreviation_ends_a_sentence_before_a_sentence_opener():
    text = "Pasukan itu tiba di U.S. The army was ready. Apple Inc. CEO Tim Cook agreed."
    assert sentences(text) == [
        "Pasukan itu tiba di U.S.",
        "The army was ready.",
        "Apple Inc. CEO Tim Cook agreed.",
    ]


def test_a_list_marker_is_not_a_sentence():
    text = "1. Terikat dalam Perjanjian Pertahanan\nII. Metode penelitian. Ini dia."
    assert sentences(text) == [
        "1. Terikat dalam Perjanjian Pertahanan",
        "II. Metode penelitian.",
        "Ini dia.",
    ]


def test_sentences_never_cross_a_line_break_and_are_trimmed():
    text = "  Judul tanpa titik\nBaris kedua dengan\u00a0NBSP. Dua.\u00a0\n\n\u00a0Paragraf baru  "
    assert sentences(text) == [
        "Judul tanpa titik",
        "Baris kedua dengan\u00a0NBSP.",
        "Dua.",
        "Paragraf baru",
    ]


def test_a_sentence_after_nbsp_is_still_split():
    assert sentences("Ini kalimat.\u00a0Dua kalimat.") == ["Ini kalimat.", "Dua kalimat."]


# -- paragraphs --------------------------------------------------------------


def test_paragraphs_are_blocks_and_lines_trimmed():
    text = "Judul\n\n  Paragraf satu.  \nBaris baru.\n\n\n\u00a0\nAkhir"
    assert paragraphs(text) == ["Judul", "Paragraf satu.", "Baris baru.", "Akhir"]


# -- motions -----------------------------------------------------------------

TEXT = "Kim Jong-un tiba. Ia membawa 10.000 tentara.\n\nPutin senang. Semua setuju."


def test_w_and_b_move_between_word_starts():
    tu = TextUnits(TEXT)
    assert tu.next_word_start(0) == TEXT.index("Jong-un")
    assert tu.next_word_start(TEXT.index("Jong-un")) == TEXT.index("tiba")
    assert tu.next_word_start(TEXT.index("10.000")) == TEXT.index("tentara")
    assert tu.prev_word_start(TEXT.index("tentara")) == TEXT.index("10.000")
    assert tu.prev_word_start(TEXT.index("10.000") + 3) == TEXT.index("10.000")


def test_e_moves_to_the_last_character_of_a_word():
    tu = TextUnits(TEXT)
    assert tu.word_end(0) == 2
    assert tu.word_end(2) == TEXT.index("Jong-un") + len("Jong-un") - 1
    assert tu.word_end(TEXT.index("10.000")) == TEXT.index("10.000") + 5


def test_motions_stay_put_at_the_ends_and_clamp():
    tu = TextUnits(TEXT)
    last_word = TEXT.index("setuju")
    assert tu.next_word_start(last_word) == last_word
    assert tu.word_end(len(TEXT) - 2) == len(TEXT) - 2
    assert tu.prev_word_start(0) == 0
    assert tu.prev_sentence_start(-5) == 0
    assert tu.next_paragraph_start(10_000) == len(TEXT)
    assert tu.next_sentence_start(len(TEXT)) == len(TEXT)


def test_sentence_motions_are_like_vim_parentheses():
    tu = TextUnits(TEXT)
    ia, putin, semua = TEXT.index("Ia"), TEXT.index("Putin"), TEXT.index("Semua")
    assert tu.next_sentence_start(0) == ia
    assert tu.next_sentence_start(ia) == putin
    assert tu.next_sentence_start(putin + 2) == semua
    assert tu.prev_sentence_start(ia + 4) == ia  # inside: back to its start
    assert tu.prev_sentence_start(ia) == 0  # at its start: the previous one
    assert tu.prev_sentence_start(putin - 1) == ia  # on the blank line


def test_paragraph_motions():
    tu = TextUnits(TEXT)
    putin = TEXT.index("Putin")
    assert tu.next_paragraph_start(0) == putin
    assert tu.next_paragraph_start(putin) == putin
    assert tu.prev_paragraph_start(putin + 3) == putin
    assert tu.prev_paragraph_start(putin) == 0


def test_lookups_return_the_unit_under_the_cursor_or_the_next():
    tu = TextUnits(TEXT)
    n = TEXT.index("10.000")
    assert tu.word_at(n + 2) == (n, n + 6)
    assert tu.word_at(n - 1) == (n, n + 6)  # on the space: the next word
    assert tu.sentence_at(n) == (TEXT.index("Ia"), TEXT.index("\n"))
    putin = TEXT.index("Putin")
    assert tu.paragraph_at(putin - 1) == (putin, len(TEXT))
    assert tu.sentence_at(len(TEXT) + 5) == (TEXT.index("Semua"), len(TEXT))


def test_an_empty_text_has_no_units_and_motions_stay_put():
    tu = TextUnits("")
    assert tu.words == tu.sentences == tu.paragraphs == []
    assert tu.word_at(0) is tu.sentence_at(0) is tu.paragraph_at(0) is None
    assert tu.next_word_start(3) == 0
    assert tu.prev_paragraph_start(0) == 0
    assert TextUnits(" \n\n\u00a0 ").sentence_at(0) is None


# -- real material -------------------------------------------------------------


def test_the_seed_articles_are_there():
    assert len(SEEDS) >= 5


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_sentences_are_sane(path):
    text = path.read_text(encoding="utf-8")
    tu = TextUnits(text)
    assert tu.sentences
    prev_end = 0
    for start, end in tu.sentences:
        assert prev_end <= start < end
        piece = text[start:end]
        assert piece == piece.strip()
        assert "\n" not in piece
        prev_end = end
    assert all(tu.paragraph_at(s)[0] <= s and e <= tu.paragraph_at(s)[1] for s, e in tu.sentences)
    bounds = {b for span in tu.sentences for b in span}
    for needle in ("10.000", "12.000", "29/11", "30/11", "co.id", "KOMPAS.TV", "Jong-un"):
        at = text.find(needle)
        while at >= 0:
            assert not any(at < b < at + len(needle) for b in bounds), (needle, at)
            assert tu.word_at(at)[0] <= at and at + len(needle) <= tu.word_at(at)[1]
            at = text.find(needle, at + 1)


def test_seed_glued_sentences_are_split():
    text = next(p for p in SEEDS if "ini.Washington" in p.read_text()).read_text()
    found = sentences(text)
    assert any(s.endswith("tahun ini.") for s in found)
    assert any(s.startswith("Washington dan Seoul") for s in found)
    assert any(s.endswith("sebesar 54.") for s in found)
    assert any(s.startswith("Rusia dan Korea menjalankan") for s in found)
    assert any(s.startswith("1. Terikat") for s in found)

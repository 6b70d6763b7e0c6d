"""Reading raw scraped news: the five seed articles and other shapes of news."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.news.article import ESTIMATED, SEGMENT_KINDS, STATED, Article, unaccounted
from store.news.newsparse import parse_news_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))

#: The source text each seed reads into fields rather than its body.
SEED_FIELD_TEXTS = {
    "000": [("title", None), ("lead", "BaperaNews -")],
    "001": [
        ("title", None),
        ("header", "Kompas dunia | 19 Juli 2024, 14:11 WIB"),
        ("lead", "PYONGYANG, KOMPAS.TV -"),
    ],
    "002": [("lead", "geosurvey.co.id –")],
    "003": [("title", None), ("lead", "LOGIC.co.id –")],
    "004": [("title", None)],
}


def read_seed(number: str) -> tuple[str, Article]:
    """The decoded text of seed ``number`` and the article parsed from it."""
    path = next(p for p in SEED_FILES if p.name.startswith(number))
    raw = path.read_text(encoding="utf-8")
    return raw, parse_news_text(raw, str(path))


def seed_article(number: str) -> Article:
    """The article parsed from seed ``number``."""
    return read_seed(number)[1]


def texts(article: Article, kind: str) -> list[str]:
    """The texts of the article's segments of one kind, in order."""
    return [article.body[s.start : s.end] for s in article.segments if s.kind == kind]


# --- the five seeds -------------------------------------------------------------------


def test_baperanews_story_with_standfirst_picture_and_related_links() -> None:
    article = seed_article("000")
    assert article.title == (
        "Kim Jong Un dan Rusia Tingkatkan Kerja Sama Militer di Tengah Ketegangan Global"
    )
    assert not article.title_derived
    assert article.outlet == "BaperaNews"
    # "Jumat (29/11)" and "Sabtu (30/11)" name no year, but Friday 29 November
    # and Saturday 30 November after "Februari 2022" are 2024's; the later one
    # is the estimate, and it says so.
    assert (article.published, article.published_status) == ("2024-11-30", ESTIMATED)
    assert (article.dateline, article.byline, article.editor) == (None, None, None)
    assert article.language == "id"
    assert texts(article, "summary") == [
        "Kim Jong Un dan Menteri Pertahanan Rusia, Andrei Belousov, sepakat pererat kerja sama"
        " militer. Kedua negara dukung satu sama lain di tengah ketegangan global."
    ]
    # The picture's alt text repeats the title; its caption credits Reuters.
    assert texts(article, "caption") == [article.title, article.title + ". Gambar : Reuters"]
    # The story proper starts after "BaperaNews - ", its NBSP kept as it is.
    assert article.paragraphs[1].startswith("Pemimpin\u00a0Korea Utara, Kim Jong Un, bertemu")
    assert [t[:40] for t in texts(article, "related")] == [
        "Baca Juga : AS Sebut Pasukan Korea Utara",
        "Baca Juga : Seorang Relawan Taiwan Tewas",
    ]
    assert article.segments[-1].kind == "related"


def test_kompas_tv_header_gives_outlet_section_date_and_dateline() -> None:
    article = seed_article("001")
    assert article.title == (
        "Hubungan Militer Rusia-Korea Utara Makin Kuat, Sinyal Bahaya bagi AS dan Sekutunya"
    )
    # The lead's KOMPAS.TV names the publication; "Kompas" is the site's label.
    assert article.outlet == "KOMPAS.TV"
    assert article.section == "dunia"
    assert article.published == "2024-07-19T14:11:00+07:00"
    assert article.published_status == STATED
    assert article.dateline == "PYONGYANG"
    assert article.byline == "Haryo Jati"
    assert article.editor == "Desy-Afrianti"
    assert article.body.startswith("Hubungan militer Rusia-Korea Utara semakin kuat")
    assert len(texts(article, "related")) == 2
    assert texts(article, "credit") == ["Penulis : Haryo Jati Editor : Desy-Afrianti"]
    assert texts(article, "source") == ["Sumber : Korea JongAng Daily"]
    assert [s.kind for s in article.segments[-2:]] == ["credit", "source"]


def test_story_without_a_headline_gets_one_from_its_first_sentence() -> None:
    article = seed_article("002")
    assert article.title_derived
    assert article.title == "Menteri Pertahanan Rusia Andrey Belousov bertemu langsung…"
    assert len(article.title) <= 81
    assert article.outlet == "geosurvey.co.id"
    assert article.byline == "Namira Unia"
    # "pada Sabtu (30/11/2024)" is when they met: the story is from that day or
    # after, so that is its estimated date, never a stated one.
    assert (article.published, article.published_status) == ("2024-11-30", ESTIMATED)
    # The first paragraph keeps its text without the "geosurvey.co.id – " prefix.
    assert article.body.startswith("Menteri Pertahanan Rusia Andrey Belousov bertemu langsung")
    assert texts(article, "credit") == ["(geosurvey.co.id/Namira Unia)"]


def test_subheadings_glued_onto_paragraph_ends_are_split_off() -> None:
    article = seed_article("002")
    assert texts(article, "heading") == [
        "Persahabatan antara Rusia dan Korea Utara",
        "Korea Utara mengirim pasukan ke Rusia",
    ]
    kinds = [s.kind for s in article.segments]
    first = kinds.index("heading")
    before = article.body[article.segments[first - 1].start : article.segments[first - 1].end]
    assert before.endswith("militer” kedua negara.")
    assert kinds[first + 1] == "paragraph"


def test_logic_story_with_broken_caption_headings_and_related_links() -> None:
    article = seed_article("003")
    assert article.title == "Kim Jong Un Dukung Hak Rusia untuk Bela Diri Melawan Ukraina"
    assert article.outlet == "LOGIC.co.id"
    assert texts(article, "caption") == [
        "Presiden Rusia Vladmir Putin dan pemimpin Korea Utara Kim Jong (Foto: Un/TASS)"
    ]
    assert texts(article, "heading") == [
        "Penguatan Hubungan Korea Utara-Rusia",
        "Tindakan AS dan Ukraina Memperburuk Konflik",
        "Dinamika Kekuatan di Asia Timur Laut",
    ]
    assert [t[:13] for t in texts(article, "related")] == ["Baca Juga:\u00a0 A"] * 2
    assert article.paragraphs[0].startswith("Pemimpin Korea Utara, Kim Jong Un, menyatakan")


def test_numbered_subheadings_and_a_repeated_title_are_headings() -> None:
    article = seed_article("004")
    assert article.title == "Apakah Rusia dan Korea Utara Bersahabat?"
    assert article.outlet is None
    headings = texts(article, "heading")
    assert "Apakah Rusia dan Korea Utara Bersahabat?" in headings  # further down: a heading
    assert [h for h in headings if h[0].isdigit()] == [
        "1. Terikat dalam Perjanjian Pertahanan Bersama",
        "2. Saling membantu Jika Terjadoi Agresi",
        "3. Kerja Sama di Berbagai Bidang",
    ]
    assert texts(article, "related") == [
        "Baca Juga: 6 Fakta Upaya Pembunuhan Donald Trump di Florida, Tersangka Dikenal"
        " Pro-Palestina"
    ]


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_every_segment_is_verbatim_text_of_the_file(path: Path) -> None:
    raw, article = read_seed(path.name[:3])
    assert article.segments
    for segment in article.segments:
        text = article.body[segment.start : segment.end]
        assert segment.kind in SEGMENT_KINDS
        assert text == text.strip()
        assert segment.raw_start is not None
        assert raw[segment.raw_start : segment.raw_start + len(text)] == text


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_no_text_is_lost(path: Path) -> None:
    raw, article = read_seed(path.name[:3])
    assert unaccounted(article, raw) == []
    expected = SEED_FIELD_TEXTS[path.name[:3]]
    assert [f.role for f in article.field_texts] == [role for role, _ in expected]
    for field_text, (_, text) in zip(article.field_texts, expected, strict=True):
        assert text is None or field_text.text == text
        assert raw[field_text.raw_start : field_text.raw_start + len(field_text.text)] == (
            field_text.text
        )


def test_the_seeds_without_a_stated_date_have_none_made_up() -> None:
    # "pada Sabtu" and "pada Jumat" name no day: nothing to estimate from.
    for number in ("003", "004"):
        assert seed_article(number).published is None
        assert seed_article(number).published_status is None


def test_the_seeds_read_as_indonesian() -> None:
    assert {read_seed(p.name[:3])[1].language for p in SEED_FILES} == {"id"}


def test_ids_are_stable_and_tell_bodies_apart() -> None:
    raw, article = read_seed("001")
    assert parse_news_text(raw).id == article.id  # same text, same id
    assert article.id.startswith("hubungan-militer-rusia-korea-utara-makin-kuat")
    other = parse_news_text(raw.replace("Namun, kedua negara", "Kedua negara"))
    assert other.title == article.title
    assert other.id != article.id


# --- other shapes of news -------------------------------------------------------------

REUTERS = """\
North Korea's Kim meets Russian defence minister in Pyongyang
By Jane Doe and John Roe
July 19, 2024 10:05 GMT

SEOUL (Reuters) - North Korean leader Kim Jong Un met Russia's defence
minister Andrei Belousov in Pyongyang on Friday, state media KCNA said,
as the two countries deepen military ties.

The meeting came after the United States said more than 10,000 North
Korean troops had been sent to Russia.

"The two sides agreed to expand cooperation," KCNA said.

Read more: Russia and North Korea sign defence pact

(Reporting by Jane Doe in Seoul; Additional reporting by Bob Roe in Moscow;
Editing by Mary Major)
"""


def test_reuters_wire_copy_gives_dateline_byline_and_editor() -> None:
    article = parse_news_text(REUTERS)
    assert article.title == "North Korea's Kim meets Russian defence minister in Pyongyang"
    assert article.outlet == "Reuters"
    assert article.dateline == "SEOUL"
    assert article.published == "2024-07-19T10:05:00+00:00"
    assert article.byline == "Jane Doe and John Roe"
    assert article.editor == "Mary Major"
    assert article.language == "en"
    # Hard-wrapped lines make one paragraph each, joined with spaces: no line
    # break is left inside a sentence.
    assert len(texts(article, "paragraph")) == 3
    assert article.paragraphs[0] == (
        "North Korean leader Kim Jong Un met Russia's defence minister Andrei Belousov in"
        " Pyongyang on Friday, state media KCNA said, as the two countries deepen military ties."
    )
    assert texts(article, "related") == ["Read more: Russia and North Korea sign defence pact"]
    assert texts(article, "credit")[0] == "By Jane Doe and John Roe"
    assert texts(article, "credit")[1].startswith("(Reporting by Jane Doe in Seoul;")


def test_ap_story_with_country_dateline_and_contributor_line() -> None:
    article = parse_news_text(
        "Russia says its troops took a village in eastern Ukraine\n"
        "KYIV, Ukraine (AP) — Russian forces captured a village, officials said on Monday.\n"
        "The claim could not be independently verified.\n"
        "Associated Press writer Hanna Arhirova in Kyiv contributed to this report.\n"
    )
    assert (article.outlet, article.dateline) == ("AP", "KYIV, Ukraine")
    assert article.body.startswith("Russian forces captured a village")
    assert article.segments[-1].kind == "credit"
    assert article.byline is None  # a contributor is not the writer


KOMPAS_COM = """\
Prabowo Bertemu Putin di Moskwa
Kompas.com - 12/08/2024, 10:05 WIB
JAKARTA, KOMPAS.com - Presiden terpilih Prabowo Subianto bertemu Presiden Rusia Vladimir \
Putin di Moskwa, Rabu (31/7/2024).
Pertemuan itu membahas kerja sama pertahanan kedua negara.
Baca juga: Prabowo Kunjungi China
Presiden Prabowo Subianto di Kremlin, Moskwa. (ANTARA/Hafidz Mubarak)
Penulis: Ardito Ramadhan
Editor: Bagus Santosa
"""


def test_kompas_com_article_with_header_lead_photo_and_credits() -> None:
    article = parse_news_text(KOMPAS_COM)
    assert article.title == "Prabowo Bertemu Putin di Moskwa"
    assert (article.outlet, article.dateline) == ("KOMPAS.com", "JAKARTA")
    assert article.published == "2024-08-12T10:05:00+07:00"
    assert (article.byline, article.editor) == ("Ardito Ramadhan", "Bagus Santosa")
    assert article.body.startswith("Presiden terpilih Prabowo Subianto")
    assert [s.kind for s in article.segments] == [
        "paragraph",
        "paragraph",
        "related",
        "caption",
        "credit",
        "credit",
    ]


def test_text_without_a_title_line_gets_a_derived_title() -> None:
    text = (
        "Pemerintah mengumumkan kebijakan baru pada Senin. Kebijakan itu berlaku bulan depan.\n"
        "Menurut menteri, kebijakan tersebut akan membantu petani.\n"
    )
    article = parse_news_text(text)
    assert article.title == "Pemerintah mengumumkan kebijakan baru pada Senin"
    assert article.title_derived
    assert article.body.startswith("Pemerintah mengumumkan")  # the sentence stays in the body


def test_a_single_line_is_body_not_just_a_title() -> None:
    article = parse_news_text("Kim meets Putin in Pyongyang")
    assert article.body == "Kim meets Putin in Pyongyang"
    assert article.title == "Kim meets Putin in Pyongyang"
    assert article.title_derived


def test_rich_markup_in_a_title_is_kept_as_text() -> None:
    article = parse_news_text(
        "[bold]Breaking[/] news: [red]Kim[/red] meets Putin\n"
        "The [link=http://x]meeting[/link] took place on Friday, officials said.\n"
    )
    assert article.title == "[bold]Breaking[/] news: [red]Kim[/red] meets Putin"
    assert article.body == "The [link=http://x]meeting[/link] took place on Friday, officials said."


def test_escape_sequences_in_a_body_are_kept_as_data() -> None:
    body = "The \x1b[31mred\x1b[0m text, a bell \x07 and \x1b]52;c;SGVsbG8=\x07 are data."
    article = parse_news_text("Escape test headline\n" + body)
    assert article.body == body


def test_windows_line_ends_keep_offsets_right() -> None:
    raw = REUTERS.replace("\n", "\r\n")
    article = parse_news_text(raw)
    assert article.dateline == "SEOUL"
    for segment in article.segments:
        text = article.body[segment.start : segment.end]
        assert text == text.strip()
        # The segment is the source between its offsets, each line break
        # (with the carriage return before it) read as one space.
        assert " ".join(raw[segment.raw_start : segment.raw_end].split()) == text
    assert unaccounted(article, raw) == []


def test_a_sentence_with_a_date_is_not_a_header() -> None:
    article = parse_news_text(
        "Hari Bersejarah\n19 Juli 2024 menjadi hari bersejarah bagi kedua negara.\n"
    )
    assert article.published is None
    assert article.body.startswith("19 Juli 2024 menjadi")


def test_a_paragraph_ending_in_a_sentence_keeps_its_last_words() -> None:
    article = parse_news_text(
        "Judul Berita\nIa datang ke Jakarta. Kemudian Menteri Pertahanan Rusia bertemu Kim.\n"
    )
    assert [s.kind for s in article.segments] == ["paragraph"]


def test_blank_line_blocks_of_whole_line_paragraphs_are_split_per_line() -> None:
    article = parse_news_text(
        "Judul Berita\n\nParagraf pertama selesai di sini.\nParagraf kedua juga selesai.\n"
    )
    assert texts(article, "paragraph") == [
        "Paragraf pertama selesai di sini.",
        "Paragraf kedua juga selesai.",
    ]


def test_a_subheading_above_wrapped_text_in_one_block_stays_a_heading() -> None:
    article = parse_news_text(
        "Judul Berita\n\n"
        "Latar Belakang Perjanjian\n"
        "Perjanjian itu ditandatangani di Pyongyang pada bulan Juni oleh kedua\n"
        "pemimpin negara, setelah pertemuan puncak.\n"
    )
    assert [s.kind for s in article.segments] == ["heading", "paragraph"]
    assert article.paragraphs[1].endswith("kedua pemimpin negara, setelah pertemuan puncak.")


def test_labelled_date_line_and_pipe_header_give_date_outlet_and_section() -> None:
    article = parse_news_text(
        "Kim meets Putin\nThe Daily | World | Published: 19 July 2024 10:05 GMT\n"
        "Kim met Putin on Friday, officials said.\n"
    )
    assert (article.outlet, article.section) == ("The Daily", "World")
    assert article.published == "2024-07-19T10:05:00+00:00"
    assert article.body == "Kim met Putin on Friday, officials said."


# --- the shapes outlets use -----------------------------------------------------------


def fields_of(article: Article) -> tuple[str | None, str | None, str | None, str | None]:
    return article.outlet, article.dateline, article.byline, article.editor


def test_republika_names_the_outlet_before_the_dateline() -> None:
    article = parse_news_text(
        "Marcella Promosikan Wisata Lewat Film\n"
        "Senin, 15 Februari 2016, 16:15 WIB\n"
        "REPUBLIKA.CO.ID, JAKARTA -- Aktris itu mempromosikan wisata lewat filmnya.\n"
        "Ia menyebut film sebagai alat promosi yang kuat.\n"
    )
    assert fields_of(article)[:2] == ("REPUBLIKA.CO.ID", "JAKARTA")
    assert article.body.startswith("Aktris itu")
    assert article.published == "2016-02-15T16:15:00+07:00"


def test_antara_wire_lead_editor_and_copyright() -> None:
    article = parse_news_text(
        "Penerbangan di Lombok dibatalkan\n"
        "Kamis, 5 November 2015 14:56 WIB\n"
        "Mataram, NTB (ANTARA News) - Sebanyak 29 penerbangan dibatalkan akibat abu vulkanik.\n"
        "Bandara ditutup sampai Jumat (6/11) pagi.\n"
        "Editor: Ade Marboen\n"
        "COPYRIGHT © ANTARA 2015\n"
    )
    assert fields_of(article) == ("ANTARA News", "Mataram, NTB", None, "Ade Marboen")
    assert texts(article, "credit") == ["Editor: Ade Marboen", "COPYRIGHT © ANTARA 2015"]


def test_liputan6_lead_with_a_colon_and_editors_initials_at_the_end() -> None:
    article = parse_news_text(
        "Tri Dorong Ekosistem Digital\n"
        "Liputan6.com, Jakarta: Indonesia memasuki fase dinamis pertumbuhan ekosistem digital.\n"
        "Hal ini diungkapkan Wakil Presiden Direktur Tri, Jumat (12/2/2016).\n"
        "(Cas/Isk)\n"
    )
    # The initials are the editors' credit: not an outlet "Cas" and a writer "Isk".
    assert fields_of(article) == ("Liputan6.com", "Jakarta", None, "Cas/Isk")
    assert texts(article, "credit") == ["(Cas/Isk)"]


def test_tempo_lead_and_the_writers_name_alone_at_the_end() -> None:
    article = parse_news_text(
        "Ini 7 Alasan Orang Malas Bergerak | Tempo Gaya\n"
        "Kamis, 05 November 2015 | 11:13 WIB\n"
        "TEMPO.CO, Jakarta - Kurangnya aktivitas fisik termasuk faktor risiko tertinggi.\n"
        "Dokter menyebut delapan faktor yang membuat orang malas bergerak.\n"
        "DINI TEJA\n"
    )
    assert article.title == "Ini 7 Alasan Orang Malas Bergerak"
    assert fields_of(article) == ("TEMPO.CO", "Jakarta", "DINI TEJA", None)
    assert texts(article, "credit") == ["DINI TEJA"]
    # The site's name after the headline is kept as the title's text.
    assert article.field_texts[0].text.endswith("| Tempo Gaya")


DETIK = """\
Google Umbar Kelemahan Galaxy S6 Edge
Kamis, 05/11/2015 10:08 WIB
Jakarta -
Galaxy S6 Edge adalah smartphone jagoan Samsung, tapi tidak luput dari kelemahan.
ADVERTISEMENT
SCROLL TO CONTINUE WITH CONTENT
Google menyatakan Galaxy S6 Edge memiliki 11 celah keamanan.
Simak Video "Samsung Perbaiki Celah Keamanan"
(fyk/ash)
"""


def test_detik_dateline_alone_on_its_line_and_the_page_furniture_marked() -> None:
    article = parse_news_text(DETIK)
    assert fields_of(article) == (None, "Jakarta", None, "fyk/ash")
    assert article.published == "2015-11-05T10:08:00+07:00"  # the weekday says 5 November
    assert [(f.role, f.text) for f in article.field_texts][1:] == [
        ("header", "Kamis, 05/11/2015 10:08 WIB"),
        ("lead", "Jakarta -"),
    ]
    assert texts(article, "promo") == ["ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT"]
    assert texts(article, "related") == ['Simak Video "Samsung Perbaiki Celah Keamanan"']
    assert len(article.paragraphs) == 2


def test_okezone_bare_capital_dateline() -> None:
    article = parse_news_text(
        "Cara Menjaga Keromantisan\nJAKARTA - Aktor itu selalu mencoba peka terhadap situasi.\n"
    )
    assert fields_of(article)[:2] == (None, "JAKARTA")


def test_a_dash_inside_a_sentence_is_no_dateline_and_loses_no_words() -> None:
    article = parse_news_text(
        "Wilkinson named in squad\n\n"
        "Wilkinson - who had targeted a return for the autumn internationals - was named on "
        "the bench.\n\nThe coach said he was pleased.\n"
    )
    assert article.dateline is None
    assert article.body.startswith("Wilkinson - who had targeted a return")


def test_headlines_listed_under_a_baca_juga_line_are_related_links() -> None:
    article = parse_news_text(
        "Tri Dorong Ekosistem Digital\n"
        "Liputan6.com, Jakarta - Indonesia memasuki fase dinamis pertumbuhan ekosistem digital.\n"
        "Baca Juga\n"
        "Telkomsel Targetkan Selimuti 40 Kota dengan 4G\n"
        "Waspada, iPhone Anda Bisa Rusak Total Jika Ubah ke Tanggal Ini\n"
        '"Nah, tinggal bagaimana operator memberikan layanan," ujarnya.\n'
    )
    assert texts(article, "related") == [
        "Baca Juga",
        "Telkomsel Targetkan Selimuti 40 Kota dengan 4G",
        "Waspada, iPhone Anda Bisa Rusak Total Jika Ubah ke Tanggal Ini",
    ]
    assert article.paragraphs[-1].startswith('"Nah, tinggal')


def test_the_seed_teasers_are_marked_related_and_are_no_prose() -> None:
    # The North Korea story's teasers name Trump and Florida: they are not its text.
    article = seed_article("004")
    teaser = texts(article, "related")[0]
    assert "Donald Trump" in teaser
    assert not any("Donald Trump" in p for p in article.paragraphs)


def test_the_outlet_comes_from_the_address_when_the_text_names_none() -> None:
    article = parse_news_text(
        "Cara Menjaga Keromantisan\nAktor itu selalu mencoba peka terhadap situasi.\n",
        url="https://celebrity.okezone.com/read/2017/02/17/33/1620900/cara",
    )
    assert article.outlet == "okezone.com"

"""The rules related passages are ranked by, each on made-up sentences (none from the seeds).

The last tests are a small held-out check: made-up articles of several
outlets, each pair stating one claim in other words (or not), run through
the desk as ``sorot related`` runs it, so the seeds alone do not tune it.
"""

from __future__ import annotations

from datetime import date

from store.claims.desk import Desk
from store.claims.events import different_events, spans_of
from store.claims.figures import find_figures
from store.claims.similarity import Profile, score
from store.claims.terms import terms
from store.claims.when import dates
from store.library.sentence_rows import VERSION
from store.news.article import STATED, Article, Segment


def spans(text: str, published: date) -> list[tuple[float, float]]:
    return spans_of(dates(text, published))


NOV = date(2026, 11, 14)
JULY = date(2026, 7, 20)


def test_verbs_of_saying_are_not_what_a_claim_is_about() -> None:
    said = terms("Menteri itu menegaskan bahwa harga beras akan turun, katanya.")
    told = terms("Harga beras akan turun, ungkap menteri tersebut.")
    # Only what is said is left: the minister, rice, its price, falling.
    assert said == told
    assert {"harga", "beras", "turun"} <= said


def test_a_day_or_two_apart_is_one_event_told_two_ways() -> None:
    mine = spans("Presiden bertemu gubernur pada Jumat (13/11).", NOV)
    theirs = spans("Gubernur bertemu presiden pada Sabtu (14/11/2026).", NOV)
    assert mine and theirs
    assert not different_events(mine, NOV, theirs, NOV)


def test_months_apart_are_two_events() -> None:
    mine = spans("Presiden bertemu gubernur pada Jumat (13/11).", NOV)
    theirs = spans("Presiden bertemu gubernur di Medan, Kamis (16/7/2026).", JULY)
    assert different_events(mine, NOV, theirs, JULY)


def test_an_article_cannot_report_what_had_not_happened_when_it_was_written() -> None:
    dated = spans("Presiden bertemu gubernur pada Jumat (13/11).", NOV)
    assert different_events(dated, NOV, [], JULY)  # the July article's undated meeting
    assert different_events([], JULY, dated, NOV)
    # A later article can tell of it without repeating the date.
    assert not different_events(dated, NOV, [], date(2026, 11, 20))


def test_a_month_and_a_day_in_it_meet() -> None:
    month = spans("Kedua negara menandatangani perjanjian itu pada Juni lalu.", NOV)
    day = spans("Perjanjian diteken di Jakarta pada 19 Juni 2026.", NOV)
    assert not different_events(month, NOV, day, NOV)


def test_undated_passages_of_undated_articles_say_nothing() -> None:
    assert not different_events([], None, [], NOV)
    assert not different_events(spans("pada Jumat (13/11)", NOV), NOV, [], None)


def article(title: str, outlet: str, published: str, *sentences: str) -> Article:
    body = " ".join(sentences)
    return Article(
        title=title,
        outlet=outlet,
        published=published,
        published_status=STATED,
        body=body,
        segments=(Segment(0, len(body), "paragraph"),),
    )


HELD_OUT = [
    article(
        "Gubernur dan menteri bahas nelayan",
        "Harian Satu",
        "2026-11-14",
        "Gubernur Sulawesi Barat, Rahmat Hidayat, bertemu Menteri Perikanan di Mamuju pada "
        "Jumat (13/11).",
        "Menurut pejabat dinas, lebih dari 4.000 nelayan kehilangan perahu akibat badai.",
        "Harga cabai di pasar Mamuju turun tajam sepekan terakhir.",
    ),
    article(
        "Menteri perikanan ke Mamuju",
        "Kabar Dua",
        "2026-11-15",
        "Menteri Perikanan mengunjungi Mamuju dan bertemu Gubernur Rahmat Hidayat, Sabtu "
        "(14/11/2026).",
        "Hampir 4.500 nelayan dilaporkan kehilangan perahu mereka karena badai pekan lalu.",
        "Pemerintah daerah menyiapkan 300 perahu baru untuk dibagikan tahun depan.",
    ),
    article(
        "Pelabuhan ikan Mamuju",
        "Warta Tiga",
        "2026-07-17",
        "Gubernur Rahmat Hidayat bertemu Menteri Perikanan di Mamuju membahas pelabuhan ikan.",
        "Sekitar 4.000 ton ikan tuna diekspor dari pelabuhan Mamuju tahun lalu.",
    ),
]


def by_title(title_start: str) -> Article:
    return next(a for a in HELD_OUT if a.title.startswith(title_start))


def test_held_out_the_same_meeting_in_another_outlet_is_found_and_july_is_not() -> None:
    by_id = {a.id: a for a in HELD_OUT}
    desk = Desk(lambda: HELD_OUT, by_id.get)
    source = by_title("Gubernur")
    start = 0
    end = source.body.index("(13/11).") + len("(13/11).")
    shown = desk.related(source, start, end)
    assert [r.article_id for r in shown] == [by_title("Menteri").id]
    assert shown[0].conflicts, "Friday 13/11 and Saturday 14/11: a conflict to show"


def test_held_out_fishermen_are_found_and_tonnes_of_tuna_are_not() -> None:
    by_id = {a.id: a for a in HELD_OUT}
    desk = Desk(lambda: HELD_OUT, by_id.get)
    source = by_title("Gubernur")
    start = source.body.index("Menurut pejabat")
    end = source.body.index("badai.") + len("badai.")
    shown = desk.related(source, start, end)
    assert [r.article_id for r in shown] == [by_title("Menteri").id]
    assert not shown[0].conflicts  # more than 4,000 and nearly 4,500 can both be true


def test_recently_is_no_word_a_claim_is_about() -> None:
    # "baru-baru ini" (recently) says when, not what: two sentences sharing it share nothing.
    assert terms("Gempa mengguncang Palu baru-baru ini.") == {"gempa", "guncang", "palu"}


def profile(text: str) -> Profile:
    return Profile(terms(text), tuple(find_figures(text, NOV)))


def test_naming_troops_is_not_counting_containers_nor_naming_nothing() -> None:
    def idf(_term: str) -> float:
        return 1.0

    sent = profile("Negara itu mengirim pasukan ke perbatasan.")
    containers = profile("Negara itu mengirim 500 kontainer ke perbatasan.")
    troops = profile("Negara itu mengirim 500 tentara ke perbatasan.")
    # Both ways round: the one naming troops and the one counting containers share much,
    # yet they are held apart as far as two passages counting different things are.
    assert score(sent, containers, idf) < 0.5 * score(sent, troops, idf)
    assert score(containers, sent, idf) < 0.5 * score(troops, sent, idf)
    # Naming no class of things at all is as far from counting troops as from containers,
    # and far: three words of four shared, but what was counted is not there.
    plain = profile("Negara itu mengirim bantuan ke perbatasan.")
    assert score(plain, containers, idf) == score(plain, troops, idf)
    assert score(troops, plain, idf) < 0.5 * score(troops, sent, idf)
    assert score(plain, troops, idf) < 0.5 * score(sent, troops, idf)


def test_the_terms_an_index_keeps_are_those_of_its_version() -> None:
    # The corpus index keeps these terms per sentence. When this changes, raise
    # store.library.sentence_rows.VERSION so that indexes made before read their rows again.
    text = (
        "Banjir bandang menewaskan 12 orang di Garut baru-baru ini, ungkap Kim Jong-un; "
        "pasukan dikirimkan Jumat (13/11)."
    )
    assert VERSION == 2
    assert sorted(terms(text)) == [
        "bandang", "banjir", "ewas", "garut", "jong-un", "kim", "kirim", "people", "troops"
    ]  # fmt: skip


FLOOD = (
    "Banjir melanda Bekasi pada Senin malam. Hujan deras membuat Sungai Citarum meluap, "
    "kata Kepala BPBD Bekasi, Siti Rahma.\n"
    "Baca Juga: Warga Bekasi Mengungsi Ke Masjid\n"
    "Pemerintah daerah meminta warga menjauhi Sungai Citarum."
)


def test_names_are_the_words_an_article_writes_as_names() -> None:
    from store.claims.terms import name_terms

    whole = name_terms(FLOOD, 0, len(FLOOD))
    # Capitalised mid-sentence (Sungai Citarum, Kepala, Siti Rahma) or in capitals (BPBD).
    assert {"citarum", "bpbd", "siti", "rahma", "bekasi"} <= whole
    # A sentence's first word is no name (Banjir, Hujan, Pemerintah), nor a title's words.
    assert not {"banjir", "hujan", "perintah", "kungsi", "masjid"} & whole
    # Bekasi opens no sentence once: it is a name in the passage that starts with it too.
    start = FLOOD.index("Hujan")
    assert name_terms(FLOOD, start, FLOOD.index(",", start)) == {"sunga", "citarum"}


def test_sharing_only_names_is_not_stating_one_claim() -> None:
    from store.claims.terms import name_terms

    def idf(_term: str) -> float:
        return 1.0

    start = FLOOD.index("Hujan")
    end = FLOOD.index(",", start)
    text = FLOOD[start:end]
    named = Profile(terms(text), names=name_terms(FLOOD, start, end))
    plain = Profile(terms(text))
    dyke = profile("Warga memperbaiki tanggul di tepi Sungai Citarum.")
    cause = profile("Sungai Citarum meluap setelah hujan turun enam jam.")
    # The river and nothing else in common: another claim about the same river.
    assert score(named, dyke, idf) < 0.5 * score(plain, dyke, idf)
    # Rain and overflowing shared besides the river: the names do not count against it.
    assert score(named, cause, idf) == score(plain, cause, idf)


def test_forms_the_stemmer_cuts_apart_still_meet() -> None:
    from store.claims.terms import variants

    def idf(_term: str) -> float:
        return 1.0

    # Snowball gives back no "t" after "men-" and takes "-mu" for "your".
    assert terms("menandatangani") != terms("ditandatangani")
    assert terms("bertemu") != terms("pertemuan")
    assert "andatangan" in variants("tandatangan") and "tandatangan" in variants("andatangan")
    assert "berte" in variants("temu")
    signed = profile("Presiden menandatangani perjanjian dagang di Jakarta.")
    told = profile("Perjanjian dagang itu ditandatangani presiden di Jakarta.")
    assert score(signed, told, idf) == 1.0
    assert score(told, signed, idf) == 1.0
    met = profile("Gubernur bertemu nelayan Mamuju.")
    meeting = profile("Pertemuan gubernur dengan nelayan Mamuju.")
    assert score(met, meeting, idf) == 1.0
    # The terms kept per sentence are untouched: an index need not read its rows again.
    assert terms("menandatangani") == {"andatangan"}


def test_what_two_people_by_name_said_is_not_shown_as_one_claim() -> None:
    said = [
        article(
            "Menteri soal beras",
            "Harian Satu",
            "2026-11-14",
            "Harga beras akan turun bulan depan karena panen raya, kata Budi Santoso.",
        ),
        article(
            "Gubernur soal beras",
            "Kabar Dua",
            "2026-11-15",
            "Harga beras akan turun bulan depan karena panen raya, ujar Rahmat Hidayat.",
        ),
        article(
            "Beras turun",
            "Warta Tiga",
            "2026-11-15",
            "Harga beras turun bulan depan karena panen raya, kata Budi Santoso di Jakarta.",
        ),
    ]
    by_id = {a.id: a for a in said}
    desk = Desk(lambda: said, by_id.get)
    source = said[0]
    end = source.body.index(", kata")
    shown = desk.related(source, 0, end)
    # Budi said it here and there; Rahmat said the same words: another person's claim.
    assert [r.article_id for r in shown] == [said[2].id]


def test_a_person_replaced_by_another_is_another_event() -> None:
    from store.claims.participants import someone_else

    assert someone_else(
        frozenset({"Rahmat Hidayat", "Budi Santoso"}), frozenset({"Budi Santoso", "Siti Aminah"})
    )
    assert someone_else(frozenset({"Rahmat Hidayat"}), frozenset({"Siti Aminah"}))
    # Naming more people is no other event, nor is a name spelled apart.
    assert not someone_else(frozenset({"Budi Santoso"}), frozenset({"Budi Santoso", "Siti Aminah"}))
    assert not someone_else(frozenset({"Kim Jong-un"}), frozenset({"Kim Jong Un"}))
    assert not someone_else(frozenset(), frozenset({"Siti Aminah"}))

    met = [
        article(
            "Gubernur bertemu menteri",
            "Harian Satu",
            "2026-11-14",
            "Gubernur Rahmat Hidayat bertemu Menteri Perikanan Budi Santoso di Mamuju.",
        ),
        article(
            "Menteri di Mamuju",
            "Kabar Dua",
            "2026-11-14",
            "Gubernur Siti Aminah bertemu Menteri Perikanan Budi Santoso di Mamuju.",
        ),
        article(
            "Kunjungan menteri",
            "Warta Tiga",
            "2026-11-14",
            "Menteri Perikanan Budi Santoso bertemu Gubernur Rahmat Hidayat dan Bupati Siti "
            "Aminah di Mamuju.",
        ),
        *(article(f"Lain {n}", "Warta Tiga", "2026-11-14", text) for n, text in enumerate(OTHER)),
    ]
    names = ("Rahmat Hidayat", "Budi Santoso", "Siti Aminah")
    people = {
        a.id: [(a.body.index(n), a.body.index(n) + len(n), n) for n in names if n in a.body]
        for a in met
    }
    source = met[0]

    def shown(*others: Article, with_people: bool) -> list[str]:
        corpus = [source, *others, *met[3:]]
        by_id = {a.id: a for a in corpus}
        desk = Desk(
            lambda: corpus, by_id.get, people=(lambda a: people[a.id]) if with_people else None
        )
        return [r.article_id for r in desk.related(source, 0, len(source.body))]

    # The words alone cannot tell the other governor's meeting from this one.
    assert shown(met[1], with_people=False) == [met[1].id]
    assert shown(met[1], with_people=True) == []
    # A passage naming everyone this one names, and more, may state its claim.
    assert shown(met[2], with_people=True) == [met[2].id]


OTHER = [
    "Harga cabai di pasar Mamuju turun tajam sepekan terakhir.",
    "Pemerintah daerah menyiapkan 300 perahu baru untuk nelayan.",
    "Hujan deras membuat jalan di Polewali tergenang sepanjang malam.",
    "Sekolah di Majene kembali dibuka setelah libur panjang.",
]

"""Who a passage says said it."""

from __future__ import annotations

import pytest

from store.claims.attribution import NameSpan, speaker_in, speaker_of


@pytest.mark.parametrize(
    ("text", "name", "cue"),
    [
        ("“Kami siap membantu,” ujar Kim.", "Kim", "ujar"),
        ("“Kami siap,” kata Lee Woong-gil.", "Lee Woong-gil", "kata"),
        ("Perang belum usai, tegas Presiden Rusia Vladimir Putin.", "Vladimir Putin", "tegas"),
        ("Menurut KCNA, pertemuan berlangsung hangat.", "KCNA", "menurut"),
        (
            "Pasukan dikirim ke Rusia, menurut badan intelijen Korea Selatan.",
            "badan intelijen Korea Selatan",
            "menurut",
        ),
        ("Para analis menilai bahwa 10.000 tentara dikirim.", "Para analis", "menilai"),
        ("Kim mengatakan bahwa AS mendorong Ukraina.", "Kim", "mengatakan"),
        ("Belousov menyatakan dukungan Rusia.", "Belousov", "menyatakan"),
        ("Lavrov menegaskan sikap Moskwa.", "Lavrov", "menegaskan"),
        ("The minister said five people died.", "The minister", "said"),
        ("According to the ministry, five people died.", "ministry", "according to"),
        ("Five people died, Reuters reported.", "Reuters", "reported"),
        ("Kerja sama diperkuat, demikian laporan KCNA.", "KCNA", "laporan"),
    ],
)
def test_the_speaker_and_the_words_that_attribute(text, name, cue):
    speaker = speaker_in(text)
    assert speaker is not None
    assert (speaker.name, speaker.cue) == (name, cue)
    assert text[speaker.start : speaker.end].endswith(name.split()[-1])


def test_a_sentence_without_attribution_has_no_speaker():
    assert speaker_in("Pertemuan berlangsung di Pyongyang.") is None


def test_a_pronoun_takes_the_last_speaker_named_before():
    body = (
        "Kim mengatakan bahwa AS mendorong Ukraina. "
        "Ia menegaskan bahwa Rusia berhak mengambil tindakan."
    )
    start = body.index("Ia ")
    assert speaker_of(body, start, len(body)) == "Kim"


def test_a_quote_without_a_speaker_takes_the_one_before():
    body = "Putin mengatakan perang akan berlanjut. “Kami tidak akan mundur.”"
    start = body.index("“")
    assert speaker_of(body, start, len(body)) == "Putin"


def test_names_snap_to_entity_keys():
    text = "“Kami siap,” ujar Kim."
    start = text.index("Kim")
    names = [NameSpan(start, start + 3, "Kim Jong Un")]
    assert speaker_in(text, names).name == "Kim Jong Un"


def test_a_part_of_a_sentence_is_said_by_whom_the_rest_of_it_says():
    body = (
        "Harga beras akan turun bulan depan dan stok aman hingga akhir tahun, "
        "tegas Menteri Budi Santoso. Petani menyambut kabar itu."
    )
    # The passage is the statement alone; who said it follows in the same sentence.
    assert speaker_of(body, 0, body.index(" dan stok")) == "Budi Santoso"
    # The next sentence's subject is no speaker of this one.
    start = body.index("Petani")
    assert speaker_of(body, start, len(body)) is None


def test_two_people_by_name_are_two_speakers_and_a_medium_is_none():
    from store.claims.attribution import different_people

    assert different_people("Kim", "Putin")
    assert not different_people("Putin", "Vladimir Putin")
    assert not different_people("Kim Jong-un", "Kim")
    # A medium or a group may report what a person says: nothing is told.
    assert not different_people("KCNA", "Kim")
    assert not different_people("Para analis", "Putin")
    assert not different_people(None, "Putin")


def test_a_speaker_starts_at_a_word_and_names_joined_by_dan_stay_whole():
    # A subject is never read from inside a word ("ashington dan Seoul").
    said = speaker_in("Washington dan Seoul mengklaim Pyongyang melanggar aturan.")
    assert said is not None and said.name == "Washington dan Seoul"
    said = speaker_in("Bahkan tentara Korea Utara pun mengaku mendapat perlakuan khusus.")
    assert said is not None and said.name == "tentara Korea Utara"


def test_a_role_with_the_name_beside_it_is_said_by_the_name():
    said = speaker_in("Pemimpin Korea Utara, Kim Jong Un, menyatakan dukungannya atas hak Rusia.")
    assert said is not None and said.name == "Kim Jong Un"
    # A name with an aside keeps the name.
    said = speaker_in("Belousov, dalam sebuah pernyataan, menyatakan terima kasih.")
    assert said is not None and said.name == "Belousov"

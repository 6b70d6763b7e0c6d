"""Word lists the rules read (Indonesian and English), written for sorot.

The DATE and QUANT lists are lowercase (the rules compare ``word.lower()``);
``ORG_WORDS`` and ``ORG_HINTS`` are capitalised words that mark organisation
names, for the span clean-up and the model's features.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set."""
    return frozenset(text.split())


WEEKDAYS = words(
    "senin selasa rabu kamis jumat jum'at jumat sabtu minggu ahad "
    "monday tuesday wednesday thursday friday saturday sunday"
)
MONTHS: dict[str, int] = {
    **dict.fromkeys(["januari", "january", "jan"], 1),
    **dict.fromkeys(["februari", "pebruari", "february", "feb", "peb"], 2),
    **dict.fromkeys(["maret", "march", "mar"], 3),
    **dict.fromkeys(["april", "apr"], 4),
    **dict.fromkeys(["mei", "may"], 5),
    **dict.fromkeys(["juni", "june", "jun"], 6),
    **dict.fromkeys(["juli", "july", "jul"], 7),
    **dict.fromkeys(["agustus", "august", "agu", "agt", "ags", "aug"], 8),
    **dict.fromkeys(["september", "sept", "sep"], 9),
    **dict.fromkeys(["oktober", "october", "okt", "oct"], 10),
    **dict.fromkeys(["november", "nopember", "nov"], 11),
    **dict.fromkeys(["desember", "december", "des", "dec"], 12),
}
#: Month names that are also ordinary English words: dates only beside a number or a cue.
AMBIGUOUS_MONTHS = words(
    "may march mar jan sep des dec jun jul apr aug agu agt ags feb peb okt oct nov"
)
#: Parts of a day after a weekday or date (``Sabtu malam``).
DAY_PARTS = words("pagi siang sore petang malam dini morning afternoon evening night")
#: Units of time for relative dates (``dua hari lalu``) and durations.
TIME_UNITS = words(
    "hari minggu pekan bulan tahun dekade abad jam "
    "day days week weeks month months year years decade decades"
)
#: Words after a time unit that make it a date relative to now.
RELATIVE_AFTER = words("ini lalu depan kemarin mendatang silam terakhir berikutnya")
#: English words before a unit or weekday that make a relative date.
EN_RELATIVE_BEFORE = words("last next this")
#: One-word relative dates.
DEICTIC = words("kemarin besok lusa semalam kemarin-kemarin today yesterday tomorrow tonight")
#: Words before a year that mark it as a date (not part of the span except modifiers).
YEAR_CUES = words(
    "tahun pada sejak hingga sampai awal akhir pertengahan medio jelang menjelang "
    "selama periode in since until by of from during before after early late mid"
)
#: Modifiers kept in a date span (``akhir Juni``, ``awal 2024``).
DATE_MODIFIERS = words("awal akhir pertengahan medio early late mid")
#: Classifiers before a year or month that are left out of the span.
CLASSIFIERS = words("tahun bulan hari pukul jam")
#: Words after which a capitalised weekday is no date (``salat Jumat``).
NOT_DATE_BEFORE = words("salat shalat sholat solat")
TIME_ZONES = frozenset({"WIB", "WITA", "WIT", "GMT", "UTC", "ET", "EST", "PST", "KST"})

#: Cardinal number words.
UNITS: dict[str, int] = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,
    "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11,
    "seratus": 100, "seribu": 1000, "sejuta": 10**6, "setengah": 0,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
#: Round numbers in words (``ribuan tentara``): a quantity only with the noun they count.
VAGUE_NUMBERS = words(
    "belasan puluhan ratusan ribuan puluhan-ribu jutaan miliaran dozens hundreds thousands millions"
)
#: Words between a number and its noun (``3,000 more troops``).
MORE_OF = words("more additional extra other")
#: Words that continue a number (``dua belas``, ``tiga ratus ribu``).
NUMBER_TAILS = words("belas puluh ratus ribu juta miliar milyar triliun hundred thousand")
#: Scales after a number (``10 juta``, ``5 million``).
SCALES = words("ribu juta miliar milyar triliun thousand million billion trillion rb jt m t")
#: Words that make an approximate number, kept in the span.
APPROX_ONE = words(
    "hampir sekitar kira-kira sedikitnya setidaknya sekurangnya sekurang-kurangnya "
    "lebih nearly almost about around approximately roughly some over"
)
#: Two-word approximators: first word → second words.
APPROX_TWO: dict[str, frozenset[str]] = {
    "lebih": words("dari"),
    "kurang": words("dari lebih"),
    "paling": words("sedikit tidak"),
    "more": words("than"),
    "less": words("than"),
    "fewer": words("than"),
    "at": words("least"),
    "up": words("to"),
}
#: Currency before a number.
CURRENCY_BEFORE = frozenset({"Rp", "Rp.", "IDR", "US$", "$", "USD", "€", "£", "¥", "S$", "EUR"})
#: Currency words after a number (``10 juta dolar``).
CURRENCY_AFTER = words(
    "rupiah dolar dollar dollars euro yen won yuan rubel ruble rubles ringgit poundsterling "
    "pound pounds riyal rupee"
)
#: Percent words.
PERCENT = words("persen percent % per-cent")
#: Units and counters always accepted after a number, capitalised or not.
COUNTERS = words(
    "orang tentara prajurit pasukan personel warga korban jiwa unit buah kali negara "
    "km kilometer meter m cm mm kg gram ton liter hektare hektar ha mil knot derajat "
    "menit detik jam hari minggu pekan bulan tahun dekade abad persen kasus rumah "
    "keluarga anak pesawat kapal rudal roket drone tank senjata peluru amunisi kontainer "
    "people soldiers troops times percent miles kilometres kilometers tons "
    "kl kwh mw gw barel ekor lembar batang butir helai biji karung botol paket dosis porsi "
    "halaman gb mb tb"
)
#: Words that never are the counted noun after a number.
NOT_COUNTED = words(
    "yang dan di ke dari untuk pada dengan itu ini adalah atau oleh dalam sebagai akan "
    "telah sudah juga tidak tak bisa dapat harus masih lagi pun saja hingga sampai "
    "sejak bahwa namun tetapi tapi serta maupun per atas bagi terhadap antara lebih "
    "kurang sekitar hampir tersebut lalu kemudian the and of in to for on at by with "
    "from was were is are that this which who lalu terakhir silam mendatang depan "
    "dia ia mereka kami kita saya aku anda kamu beliau engkau sebesar sebanyak senilai "
    "seharga setara sekitar hanya cuma sedangkan sementara jika kalau saat ketika "
    "suatu sebuah para banyak"
)
#: Di- and ter- words that are nouns (other di-/ter-/me- words are verbs).
VERB_LIKE_NOUNS = words(
    "diplomat distrik divisi dinas dirjen direktur dokter tersangka terdakwa terpidana "
    "teroris ternak terminal menteri menit meter medali mesin meja merek"
)
#: Words that make a following ``satu`` no quantity (``salah satu``, ``satu per satu``).
NOT_QUANT_BEFORE = words("salah per")
#: Words that make a preceding ``satu`` no quantity (``satu sama lain``, ``satu-satunya``).
NOT_QUANT_AFTER = words("sama per persatu")
#: ``di satu sisi``, ``pada satu pihak``: a turn of phrase, no quantity.
ONE_SIDE = words("sisi pihak hal")

#: Words that head or mark organisation names (``Badan``, ``Partai``, ``Institute``).
ORG_WORDS = words(
    "Institut Institute Badan Komisi Dewan Lembaga Kementerian Departemen Yayasan Asosiasi "
    "Ikatan Persatuan Perhimpunan Organisasi Federasi Komite Majelis Council Committee Agency "
    "Association Foundation Ministry Department Bureau Aliansi Alliance Koalisi Coalition "
    "Universitas University Akademi Academy Partai Party Brigade Garda Guard Kepolisian "
    "Kejaksaan Pengadilan Mahkamah Court Bank Grup Group Corp Corporation Inc Ltd PT Tbk "
    "Airlines Airways Exchange Bursa Kantor"
)
#: More words that often stand in organisation names (a model feature only).
ORG_HINTS = ORG_WORDS | words(
    "Harian Majalah Radio Televisi Koran Times Post News Daily Pusat Direktorat Kejati Polda "
    "Polres Polsek Kodam Korem"
)

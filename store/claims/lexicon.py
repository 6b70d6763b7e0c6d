"""The word lists the desk reads: what numbers count, function words, qualifiers.

The lists in ``data/`` are sorot's own; they are read once, on first use.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


def words(text: str) -> frozenset[str]:
    """The set of the space-separated words of ``text`` (word lists read best as prose)."""
    return frozenset(text.split())


def _lines(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split() for line in text.splitlines() if line.strip() and line[0] != "#"]


@cache
def unit_classes() -> dict[str, str]:
    """Word → the class of things it counts (``pasukan`` → ``troops``)."""
    classes: dict[str, str] = {}
    for name, *names in _lines("units.txt"):
        for word in names:
            classes.setdefault(word.replace("-", " "), name)
    return classes


@cache
def class_names() -> frozenset[str]:
    """The names of the classes of counted things (``troops``, ``people``, ``years``)."""
    return frozenset(unit_classes().values())


MEASURES = frozenset({"people", "years", "months", "weeks", "days", "hours", "km", "tons", "fold"})
"""Classes that measure (time, distance, weight) or are too common to tell claims apart."""


@cache
def things() -> frozenset[str]:
    """The classes of countable things a passage may name (troops, containers), no measures."""
    return class_names() - MEASURES


@cache
def stopwords() -> frozenset[str]:
    """Function words (Indonesian and English) that name no claim."""
    return frozenset(word for line in _lines("stopwords.txt") for word in line)


def unit_of(counted: str) -> str:
    """The class of what ``counted`` names (``kontainer amunisi`` → ``containers``).

    Two words first (``jet tempur``), then the first word, then the first word
    without ``-nya``; a word in no class is its own class.
    """
    classes = unit_classes()
    words = counted.casefold().split()
    if not words:
        return ""
    if len(words) > 1 and (found := classes.get(" ".join(words[:2]))):
        return found
    head = words[0]
    found = classes.get(head) or classes.get(head.removesuffix("nya")) or head
    if found == "people" and len(words) > 1 and words[1] in classes:
        return classes[words[1]]  # "orang tewas": the dead
    return found


#: Words before a number saying how it bounds the truth, longest first when read.
QUALIFIERS: dict[str, str] = {
    **dict.fromkeys(
        [
            "lebih dari",
            "lebih daripada",
            "di atas",
            "melebihi",
            "lebih",
            "more than",
            "over",
            "above",
            "upwards of",
            "in excess of",
            "beyond",
        ],
        "more than",
    ),
    **dict.fromkeys(
        [
            "setidaknya",
            "sedikitnya",
            "paling sedikit",
            "minimal",
            "sekurang-kurangnya",
            "sekurangnya",
            "at least",
            "no fewer than",
            "no less than",
        ],
        "at least",
    ),
    **dict.fromkeys(
        ["hampir", "nyaris", "mendekati", "nearly", "almost", "close to", "just under"],
        "nearly",
    ),
    **dict.fromkeys(
        [
            "sekitar",
            "kira-kira",
            "kurang lebih",
            "lebih kurang",
            "sekira",
            "kisaran",
            "around",
            "about",
            "approximately",
            "roughly",
            "some",
            "an estimated",
            "estimated",
            "±",
            "~",
        ],
        "about",
    ),
    **dict.fromkeys(
        ["kurang dari", "di bawah", "less than", "fewer than", "under", "below"], "less than"
    ),
    **dict.fromkeys(
        [
            "maksimal",
            "paling banyak",
            "sebanyak-banyaknya",
            "hingga",
            "sampai",
            "up to",
            "at most",
            "no more than",
        ],
        "at most",
    ),
}

#: Words after a number that qualify it (``10.000 lebih``, ``10,000-plus``).
QUALIFIERS_AFTER = {"lebih": "more than", "plus": "more than", "an": "about"}

#: How close "nearly" and "about" come: ``hampir 12.000`` is [10,800, 12,000).
NEARLY_SPAN = 0.10
ABOUT_SPAN = 0.10

SCALES: dict[str, float] = {
    "ribu": 1e3,
    "rb": 1e3,
    "thousand": 1e3,
    "juta": 1e6,
    "jt": 1e6,
    "million": 1e6,
    "mn": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "billion": 1e9,
    "bn": 1e9,
    "triliun": 1e12,
    "trilyun": 1e12,
    "trillion": 1e12,
}
#: Scales that are letters only after a currency (``Rp 5 M``, ``Rp 2 T``).
CURRENCY_SCALES = {"m": 1e9, "t": 1e12, "k": 1e3}

CURRENCY_BEFORE: dict[str, str] = {
    "rp": "IDR",
    "idr": "IDR",
    "us$": "USD",
    "usd": "USD",
    "$": "USD",
    "eur": "EUR",
    "€": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "s$": "SGD",
    "rub": "RUB",
}
CURRENCY_AFTER: dict[str, str] = {
    "rupiah": "IDR",
    "dolar": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "yen": "JPY",
    "won": "KRW",
    "rubel": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "yuan": "CNY",
    "ringgit": "MYR",
    "pound": "GBP",
    "pounds": "GBP",
}
PERCENT_WORDS = frozenset({"persen", "percent", "%", "prosen"})

#: Words before a number that make it a label, not an amount (``pasal 53``, ``No 5``).
LABELS = words(
    "no nomor nomer pasal ayat tahap jilid bab halaman hal hlm peringkat urutan kode seri "
    "tipe level kelas gelombang putaran article section chapter page number dunia "
    "pukul jam tahun year"
)

#: Words joining the two ends of a range (``10.000 hingga 12.000``).
RANGE_JOINS = frozenset({"-", "–", "—", "hingga", "sampai", "to", "s.d.", "sd"})

NUMBER_WORDS: dict[str, int] = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "seratus": 100,
    "seribu": 1000,
    "sejuta": 1_000_000,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
}
#: Indonesian multipliers after a number word (``dua puluh``, ``tiga ratus``).
NUMBER_TIMES = {"belas": None, "puluh": 10, "ratus": 100}

#: Words after a number that are no counted thing (verbs, prepositions are found apart).
NOT_COUNTED = words(
    "orang-orang lebih more additional extra other kali sebesar sebanyak per tiap persennya"
)

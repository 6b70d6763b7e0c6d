"""The figure parser: every form a fact-checker meets in Indonesian and English news."""

from __future__ import annotations

from datetime import date

import pytest

from store.claims.figures import compare, compare_pair, find_figures

# The seeds' day: BaperaNews and LOGIC.co.id wrote on Saturday 30 November 2024.
SATURDAY = date(2024, 11, 30)


def only(text: str, published: date | None = SATURDAY):
    found = find_figures(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "low", "high", "low_open", "high_open", "unit", "normalised"),
    [
        ("lebih dari 10.000 tentara", 10000, None, True, False, "troops", ">10,000 troops"),
        ("hampir 12.000 tentara", 10800, 12000, False, True, "troops", "<~12,000 troops"),
        ("sekitar 500 orang", 450, 550, False, False, "people", "~500 people"),
        ("setidaknya 20 orang tewas", 20, None, False, False, "dead", "≥20 dead"),
        ("12 ribu tentara", 12000, 12000, False, False, "troops", "12,000 troops"),
        ("1,5 juta warga", 1_500_000, 1_500_000, False, False, "people", "1,500,000 people"),
        ("10.000 lebih tentara", 10000, None, True, False, "troops", ">10,000 troops"),
        ("more than 10,000 troops", 10000, None, True, False, "troops", ">10,000 troops"),
        ("nearly 12,000 soldiers", 10800, 12000, False, True, "troops", "<~12,000 troops"),
        ("kurang dari 5 orang", 0, 5, False, True, "people", "<5 people"),
        ("1.5 million people", 1_500_000, 1_500_000, False, False, "people", "1,500,000 people"),
    ],
)
def test_counts_are_intervals_of_what_they_count(
    text, low, high, low_open, high_open, unit, normalised
):
    figure = only(text)
    assert figure.kind == "count"
    assert (figure.low, figure.high) == (low, high)
    assert (figure.low_open, figure.high_open) == (low_open, high_open)
    assert figure.unit == unit
    assert figure.describe() == normalised
    assert figure.text == text


def test_money_and_percentages():
    rupiah = only("anggaran Rp 5 miliar")
    assert (rupiah.kind, rupiah.unit, rupiah.value) == ("money", "IDR", 5e9)
    assert rupiah.text == "Rp 5 miliar"
    assert only("Rp 2,5 triliun").value == 2.5e12
    assert only("US$ 3 juta").unit == "USD"
    assert only("300 dolar AS").unit == "USD"
    percent = only("naik 50 persen")
    assert (percent.kind, percent.value, percent.describe()) == ("percent", 50, "50%")
    assert only("50% pemilih").kind == "percent"


@pytest.mark.parametrize(
    "text",
    ["10.000-12.000 tentara", "antara 10 dan 12 ribu tentara", "between 10,000 and 12,000 troops"],
)
def test_ranges(text):
    figure = only(text)
    assert (figure.qualifier, figure.low, figure.high) == ("range", 10000, 12000)
    assert figure.unit == "troops"
    assert figure.describe() == "10,000–12,000 troops"


def test_what_is_counted_tells_troops_from_containers():
    troops = only("lebih dari 10.000 tentara Korea Utara")
    containers = only("lebih dari 10.000 kontainer amunisi")
    assert troops.unit == "troops"
    assert containers.unit == "containers"
    assert compare([troops], [containers]) == []  # never weighed against each other


def test_number_words_labels_and_years_are_read_apart():
    assert only("sembilan orang").value == 9
    assert only("dua puluh orang").value == 20
    assert find_figures("Pasal 53 ayat 2", SATURDAY) == []
    assert find_figures("jet F-16 milik Ukraina", SATURDAY) == []
    year = only("pada 2022")
    assert (year.kind, year.unit, year.year) == ("date", "year", 2022)


@pytest.mark.parametrize(
    ("text", "published", "day", "weekday"),
    [
        ("pada Jumat (29/11).", SATURDAY, date(2024, 11, 29), 4),
        ("pada Sabtu (30/11/2024).", None, date(2024, 11, 30), 5),
        ("30/11/2024", None, date(2024, 11, 30), 5),
        ("pada Jumat, Kim mengatakan", SATURDAY, date(2024, 11, 29), 4),
        ("on Friday", date(2024, 12, 2), date(2024, 11, 29), 4),
        ("kemarin", SATURDAY, date(2024, 11, 29), 4),
        ("19 Juli 2024", None, date(2024, 7, 19), 4),
        # a day and month without a year: the latest one before the article
        ("Selasa (31/12)", date(2025, 1, 2), date(2024, 12, 31), 1),
    ],
)
def test_dates_resolve_against_the_articles_day(text, published, day, weekday):
    figure = only(text, published)
    assert figure.kind == "date"
    assert figure.day_range() == (day, day)
    assert figure.weekday == weekday


def test_months_resolve_to_the_latest_such_month():
    june = only("Juni lalu", SATURDAY)
    assert june.day_range() == (date(2024, 6, 1), date(2024, 6, 30))
    december = only("pada Desember", date(2025, 3, 1))
    assert december.year == 2024
    september = only("pada September tahun lalu", SATURDAY)
    assert september.year == 2023
    assert only("Februari 2022", None).describe() == "February 2022"


def test_without_an_article_date_the_named_parts_still_count():
    friday = only("pada Jumat (29/11)", None)
    assert friday.day_range() is None
    assert (friday.day, friday.month, friday.weekday) == (29, 11, 4)
    saturday = only("pada Sabtu (30/11)", None)
    assert compare_pair(friday, saturday).conflict


def test_salat_jumat_is_no_date():
    assert find_figures("usai salat Jumat di masjid", SATURDAY) == []


def test_the_troop_figures_of_the_seeds_are_compatible():
    more_than = only("lebih dari 10.000 tentara")
    nearly = only("hampir 12.000 tentara")
    flat = only("12.000 tentara")
    for a, b in [(more_than, nearly), (more_than, flat), (nearly, flat)]:
        result = compare_pair(a, b)
        assert not result.conflict, result.why
    assert "can both be true" in compare_pair(more_than, nearly).why


def test_figures_that_no_number_satisfies_conflict():
    result = compare_pair(only("10.000 tentara"), only("12.000 tentara"))
    assert result.conflict
    assert "no number satisfies both" in result.why
    assert compare_pair(
        only("kurang dari 5.000 tentara"), only("lebih dari 10.000 tentara")
    ).conflict


def test_the_meeting_day_conflicts_friday_and_saturday():
    friday = only("bertemu pada Jumat (29/11).", SATURDAY)
    saturday = only("bertemu pada Sabtu (30/11/2024).", SATURDAY)
    result = compare_pair(friday, saturday)
    assert result.conflict
    assert "Friday is not Saturday" in result.why
    assert not compare_pair(friday, only("pada Jumat", SATURDAY)).conflict


def test_to_dict_gives_value_interval_unit_and_words():
    data = only("lebih dari 10.000 tentara").to_dict()
    assert data["text"] == "lebih dari 10.000 tentara"
    assert data["value"] == 10000
    assert data["unit"] == "troops"
    assert data["interval"] == {"low": 10000, "high": None, "low_open": True, "high_open": False}
    day = only("Jumat (29/11)").to_dict()
    assert day["interval"] == {"low": "2024-11-29", "high": "2024-11-29"}
    assert day["weekday"] == "Friday"

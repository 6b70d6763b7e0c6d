"""Publication dates as Indonesian and English news write them, read as ISO 8601."""

from __future__ import annotations

import pytest

from store.news.dates import find_date, parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("19 Juli 2024, 14:11 WIB", "2024-07-19T14:11:00+07:00"),
        ("Senin, 3 Nop 2023 10.00 WITA", "2023-11-03T10:00:00+08:00"),
        ("3 Des 2023 pukul 08:30 WIT", "2023-12-03T08:30:00+09:00"),
        ("19 July 2024 10:05 GMT", "2024-07-19T10:05:00+00:00"),
        ("Sept. 3, 2023 at 4:05 pm EDT", "2023-09-03T16:05:00-04:00"),
        ("Fri, 19 Jul 2024 10:05:00 +0000", "2024-07-19T10:05:00+00:00"),
        ("2024-07-19T14:11:05Z", "2024-07-19T14:11:05+00:00"),
        ("Kamis (18/7/2024)", "2024-07-18"),
        ("18/07/2024", "2024-07-18"),
        ("07/19/2024", "2024-07-19"),
        ("2024-07-19", "2024-07-19"),
        ("July 19, 2024", "2024-07-19"),
        ("1 Agustus 2024", "2024-08-01"),
        ("1 Agu 2024", "2024-08-01"),
        ("1 Ags 2024", "2024-08-01"),
        ("5 Februari 2024", "2024-02-05"),
        ("5 Maret 2024", "2024-03-05"),
        ("9 Mei 2024", "2024-05-09"),
        ("9 Juni 2024", "2024-06-09"),
        ("9 Oktober 2024", "2024-10-09"),
        ("9 Okt 2024", "2024-10-09"),
        ("9 Desember 2024", "2024-12-09"),
    ],
)
def test_news_dates_read_as_iso(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    [
        "pada Jumat (29/11)",  # a day of some year: not a publication date
        "Desember 2024",  # no day
        "31 Februari 2024",  # no such day
        "bulan lalu",
        "",
    ],
)
def test_text_without_a_full_date_has_none(text: str) -> None:
    assert parse_date(text) is None


def test_a_zone_glued_to_the_dateline_is_split_off() -> None:
    line = "Kompas dunia | 19 Juli 2024, 14:11 WIBPYONGYANG, KOMPAS.TV - Hubungan"
    found = find_date(line)
    assert found is not None
    assert found.iso == "2024-07-19T14:11:00+07:00"
    assert line[found.start : found.end] == "19 Juli 2024, 14:11 WIB"
    assert line[found.end :].startswith("PYONGYANG")


def test_a_number_after_a_date_is_not_read_as_its_time() -> None:
    assert parse_date("19 Juli 2024, 14.000 tentara") == "2024-07-19"


def test_a_time_on_the_next_line_is_not_part_of_the_date() -> None:
    assert parse_date("19 Juli 2024\n14:11 WIB") == "2024-07-19"


def test_the_first_full_date_wins() -> None:
    assert parse_date("Jumat (29/11), lalu 12 Mei 2024 dan 2023-01-02") == "2024-05-12"

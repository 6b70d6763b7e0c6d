"""Publication dates as Indonesian and English news write them, read as ISO 8601."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from store.news import dates
from store.news.dates import DAY_FIRST, MONTH_FIRST, find_date, numeric_dates, parse_date


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


# --- numeric dates that read two ways ----------------------------------------------


def test_a_numeric_date_that_reads_two_ways_gives_both_and_no_single_answer() -> None:
    found = find_date("9/10/2025")
    assert found is not None and found.ambiguous
    assert (found.iso, found.alternative) == ("2025-10-09", "2025-09-10")
    assert found.reading(MONTH_FIRST) == "2025-09-10"
    assert parse_date("9/10/2025") is None  # never one reading silently


@pytest.mark.parametrize(
    ("text", "iso", "order"),
    [
        ("10/17/2025", "2025-10-17", MONTH_FIRST),  # no 17th month: the American order
        ("17/10/2025", "2025-10-17", DAY_FIRST),
        ("Kamis (18/7/2024)", "2024-07-18", DAY_FIRST),
    ],
)
def test_numbers_that_can_only_read_one_way_prove_the_order(text, iso, order) -> None:
    found = find_date(text)
    assert found is not None and not found.ambiguous
    assert (found.iso, found.order) == (iso, order)


def test_the_weekday_named_with_a_numeric_date_decides_it() -> None:
    # 5 November 2015 was a Thursday (Kamis); 11 May 2015 a Monday.
    found = find_date("Kamis, 05/11/2015 10:08 WIB")
    assert found is not None and not found.ambiguous
    assert found.iso == "2015-11-05T10:08:00+07:00"


def test_the_same_number_twice_is_no_ambiguity() -> None:
    found = find_date("5/5/2024")
    assert found is not None and not found.ambiguous and found.iso == "2024-05-05"


def test_a_lower_case_time_zone_is_read() -> None:
    assert parse_date("Kamis, 5 November 2015 - 15:56 wib") == "2015-11-05T15:56:00+07:00"


def test_every_numeric_date_of_a_text_is_found_in_order() -> None:
    found = numeric_dates("Dirilis 9/10/2025, diperbarui 10/17/2025 dan 1.2.2024.")
    assert [(d.iso[:10], d.ambiguous, d.order) for d in found] == [
        ("2025-10-09", True, None),
        ("2025-10-17", False, MONTH_FIRST),
        ("2024-02-01", True, None),
    ]


# -- the line-gated search finds what a search of the whole text finds --------------------

DATE_PIECES = [
    "Jumat (29/11) ", "Kamis, 05/11/2015", "19 Juli 2024, 14:11 WIB", "2024-07-19T10:00Z",
    " July 19, 2024 ", "\n", "12000 ", "18/07/2024", "9.10.2025 pukul 10.00 WITA", "Sabtu",
    " 2024", "/", "-", "1850-01-01", "Minggu (1/2/2023)\n", "  ", "Mon, Dec 3rd 2025 5:00 pm",
    "WIBPYONGYANG", "\r", "12024", "x",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(DATE_PIECES), st.text(max_size=4)), max_size=20).map(
        "".join
    ),
    st.integers(min_value=0, max_value=200),
)
@example("Sabtu\n2024-07-19T10:00Z", 0)  # a date at the very start of a line
@example("x 2024\nKamis, 05/11/2015 WIB", 0)  # a year no date, then a date opening a line
def test_a_date_pattern_tried_on_year_lines_only_matches_as_on_the_whole_text(
    text: str, start: int
) -> None:
    for pattern in dates._PATTERNS:
        gated, whole = dates._search(pattern, text, start), pattern.search(text, start)
        assert (gated and gated.span()) == (whole and whole.span())

"""Publication dates are right, estimated and marked, or honestly ambiguous: never guessed."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from store.news.article import AMBIGUOUS, ESTIMATED, STATED
from store.news.dates import DAY_FIRST, MONTH_FIRST
from store.news.dating import date_orders, estimate, resolve
from store.news.newsparse import parse_news_text
from store.news.readers import read_file

LEAD = "JAKARTA, KOMPAS.com - Presiden bertemu para menteri di Istana."


def dated(header: str, *more: str, url: str | None = None) -> tuple[str | None, str | None]:
    """``(published, published_status)`` of a story with ``header`` under its headline."""
    article = parse_news_text("\n".join(["Judul Berita Hari Ini", header, LEAD, *more]), url=url)
    return article.published, article.published_status


# --- stated, and resolved from evidence ---------------------------------------------


def test_a_header_date_that_reads_one_way_is_stated() -> None:
    assert dated("Kompas.com - 19/07/2024, 14:11 WIB") == ("2024-07-19T14:11:00+07:00", STATED)


def test_a_date_that_reads_two_ways_and_nothing_decides_stays_as_text_marked_ambiguous() -> None:
    assert dated("Kompas.com - 9/10/2025, 10:05 WIB") == ("9/10/2025, 10:05 WIB", AMBIGUOUS)


def test_the_storys_own_dates_prove_the_order() -> None:
    # "(17/10/2025)" can only be day first: so is the header.
    story = "Rapat digelar Jumat (17/10/2025) di Jakarta."
    assert dated("Kompas.com - 9/10/2025, 10:05 WIB", story)[0] == "2025-10-09T10:05:00+07:00"


def test_a_month_first_date_elsewhere_in_the_source_proves_month_first() -> None:
    story = "Laporan diperbarui pada 10/17/2025 oleh redaksi."
    assert dated("Diterbitkan: 9/10/2025", story) == ("2025-09-10", STATED)


def test_dates_proving_both_orders_prove_nothing() -> None:
    story = "Rapat pada 10/17/2025, lalu pada (18/10/2025)."
    assert dated("Diterbitkan: 9/10/2025", story) == ("9/10/2025", AMBIGUOUS)


def test_the_address_date_decides() -> None:
    url = "https://news.example.co.id/read/2025/09/10/123/kabar"
    assert dated("Diterbitkan: 9/10/2025", url=url) == ("2025-09-10", STATED)


def test_a_named_date_in_the_text_equal_to_one_reading_decides() -> None:
    story = "Acara itu berlangsung pada 10 September 2025 di Bandung."
    assert dated("Diterbitkan: 9/10/2025", story) == ("2025-09-10", STATED)


def test_a_date_field_that_reads_two_ways_is_kept_as_given(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"title": "Satu", "date": "9/10/2025", "body": "Isi berita."}))
    [article], _ = read_file(path)
    assert (article.published, article.published_status) == ("9/10/2025", AMBIGUOUS)
    # The field's text is kept as the source gave it.
    assert [(f.role, f.text) for f in article.field_texts][-1] == ("published", "9/10/2025")


def test_the_other_dates_of_one_file_decide(tmp_path: Path) -> None:
    # A scraper that wrote every date month first, as toLocaleDateString("en-US") does.
    items = [
        {"title": "Satu", "date": "9/10/2025", "body": "Isi berita satu."},
        {"title": "Dua", "date": "10/17/2025", "body": "Isi berita dua."},
    ]
    path = tmp_path / "scrape.json"
    path.write_text(json.dumps(items))
    articles, _ = read_file(path)
    assert [(a.published, a.published_status) for a in articles] == [
        ("2025-09-10", STATED),
        ("2025-10-17", STATED),
    ]


def test_one_outlets_month_first_dates_are_all_read_month_first_across_a_corpus() -> None:
    # The reported failure: 10/17/2025 read month first, 9/10/2025 day first, silently.
    stated_by_outlet = {
        "detik.com": ["10/17/2025 10:00", "9/10/2025 08:30", "12/24/2025", "1/30/2026"],
        "kompas.com": ["17/10/2025", "24/12/2025"],
        "unknown.example": ["9/10/2025"],
    }
    orders = date_orders(stated_by_outlet)
    assert orders == {"detik.com": MONTH_FIRST, "kompas.com": DAY_FIRST}
    assert resolve("9/10/2025 08:30", orders["detik.com"]) == "2025-09-10T08:30:00"
    assert resolve("9/10/2025", orders.get("unknown.example")) is None


def test_an_outlet_whose_dates_disagree_gets_no_order() -> None:
    assert date_orders({"mixed.example": ["10/17/2025", "17/10/2025", "18/10/2025"]}) == {}


# --- estimated from the text ----------------------------------------------------------


def test_a_weekday_and_a_day_fix_the_year_named_nearby() -> None:
    lead = ["Kim bertemu Belousov pada Jumat (29/11).", "KCNA melaporkannya pada Sabtu (30/11)."]
    text = " ".join(lead) + " Perang dimulai pada Februari 2022."
    # 29 November is a Friday in 2024, the first such year from 2022.
    assert estimate(lead, text, today=date(2026, 1, 1)) == "2024-11-30"


def test_the_latest_dated_event_of_the_lead_is_the_estimate() -> None:
    lead = ["Pertemuan pada Kamis (18/7/2024) dan Jumat (19/7/2024)."]
    assert estimate(lead, lead[0], today=date(2026, 1, 1)) == "2024-07-19"


@pytest.mark.parametrize(
    "paragraph",
    [
        "Pertemuan itu digelar pada Jumat (29/11).",  # no year anywhere: too many candidates
        "Pertemuan digelar Senin (29/11/2024) pada tahun 2024.",  # 29/11/2024 was a Friday
        "Mereka bertemu pada Sabtu, kata KCNA, tahun 2024.",  # a weekday, no day
    ],
)
def test_no_estimate_when_the_text_cannot_fix_one(paragraph: str) -> None:
    assert estimate([paragraph], paragraph, today=date(2026, 1, 1)) is None


def test_an_estimate_is_never_in_the_future() -> None:
    lead = ["Rapat dijadwalkan Jumat (29/11) setelah laporan 2024."]
    assert estimate(lead, lead[0], today=date(2024, 11, 1)) is None


def test_only_the_lead_dates_the_story() -> None:
    paragraphs = [
        "Presiden berbicara.",
        "Menteri setuju.",
        "Rakyat menunggu.",
        "Kamis (18/7/2024).",
    ]
    assert estimate(paragraphs, " ".join(paragraphs), today=date(2026, 1, 1)) is None


def test_a_story_with_a_stated_date_is_not_estimated() -> None:
    published, status = dated("19 Juli 2024, 14:11 WIB", "Rapat pada Sabtu (30/11/2024).")
    assert (published, status) == ("2024-07-19T14:11:00+07:00", STATED)


def test_a_story_with_no_stated_date_gets_the_leads_and_says_so() -> None:
    article = parse_news_text(
        "Judul Berita\n"
        "JAKARTA, KOMPAS.com - Menteri bertemu Kim di Pyongyang, Sabtu (30/11/2024).\n"
        "Pertemuan itu membahas kerja sama.\n"
    )
    assert (article.published, article.published_status) == ("2024-11-30", ESTIMATED)

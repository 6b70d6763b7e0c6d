"""The library's date column: stated, estimated (~) and ambiguous (?) dates, sorted honestly."""

from __future__ import annotations

from store.library.catalog import Catalog, make_entry
from store.query.query import date_sort_key, shown_date


def test_each_kind_of_date_is_shown_for_what_it_is() -> None:
    assert shown_date("2024-07-19T14:11:00+07:00", "stated") == "2024-07-19"
    assert shown_date("2024-11-30", "estimated") == "~2024-11-30"
    assert shown_date("9/10/2025", "ambiguous") == "9/10/2025?"
    assert shown_date(None, None) == ""


def test_dates_sort_by_the_day_they_name_and_ambiguous_ones_with_the_undated() -> None:
    rows = [
        ("stated-late", "2025-01-02", "stated"),
        ("estimated-mid", "2024-11-30", "estimated"),
        ("ambiguous", "9/10/2025", "ambiguous"),
        ("stated-early", "2024-07-19T14:11:00+07:00", "stated"),
        ("undated", None, None),
    ]
    catalog = Catalog(
        entries=[make_entry(i, i, None, value, None, 10, status) for i, value, status in rows]
    )
    ordered = [catalog.entries[i].id for i in catalog.order("date")]
    # Newest first; a date that reads two ways is not placed by a guess.
    assert ordered[:3] == ["stated-late", "estimated-mid", "stated-early"]
    assert set(ordered[3:]) == {"ambiguous", "undated"}
    assert date_sort_key("9/10/2025", "ambiguous") == ""


def test_free_words_find_an_estimated_date_as_shown() -> None:
    entry = make_entry("a-1", "Judul", "Kompas", "2024-11-30", None, 10, "estimated")
    assert "~2024-11-30" in entry.haystack

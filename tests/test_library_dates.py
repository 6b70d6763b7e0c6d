"""The library's date column: stated, estimated (~) and ambiguous (?) dates, sorted honestly."""

from __future__ import annotations

import json
from pathlib import Path

from store.query.words import date_sort_key, shown_date
from store.workspace import Workspace
from tests.conftest import SEEDS


def test_each_kind_of_date_is_shown_for_what_it_is() -> None:
    assert shown_date("2024-07-19T14:11:00+07:00", "stated") == "2024-07-19"
    assert shown_date("2024-11-30", "estimated") == "~2024-11-30"
    assert shown_date("9/10/2025", "ambiguous") == "9/10/2025?"
    assert shown_date(None, None) == ""


def _corpus(tmp_path: Path) -> Workspace:
    """The seeds (stated and estimated dates) and three JSON articles of our own."""
    folder = tmp_path / "news"
    folder.mkdir()
    for name, title, published in (
        ("late.json", "Stated late", "2025-01-02"),
        ("ambiguous.json", "Ambiguous", "9/10/2025"),
        ("undated.json", "Undated", None),
    ):
        fields = {"title": title, "body": f"{title}: teks satu dua tiga empat lima."}
        if published:
            fields["published"] = published
        (folder / name).write_text(json.dumps(fields), "utf-8")
    space = Workspace(tmp_path / "data", "rina")
    space.open_corpus([folder, SEEDS])
    space.refresh()
    return space


def test_dates_sort_by_the_day_they_name_and_ambiguous_ones_with_the_undated(
    tmp_path: Path,
) -> None:
    space = _corpus(tmp_path)
    numbers = space.rows(space.query(""), "date")
    rows = space.row_data(numbers)
    dates = [rows[n].date for n in numbers]
    # Newest first; a date that reads two ways is not placed by a guess.
    assert dates[:4] == ["2025-01-02", "~2024-11-30", "~2024-11-30", "2024-07-19"]
    assert sorted(dates[4:]) == ["", "", "", "9/10/2025?"]
    assert date_sort_key("9/10/2025", "ambiguous") == ""


def test_free_words_find_an_estimated_date_as_shown(tmp_path: Path) -> None:
    space = _corpus(tmp_path)
    numbers = space.rows(space.query("2024-11-30"))
    titles = {space.row_data(numbers)[n].title[:9] for n in numbers}
    assert titles == {"Kim Jong ", "Menteri P"}

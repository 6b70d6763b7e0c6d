"""The domain under the first hour's fixes: citations, the theme kept, where reading left
off, drafts listed, tags in use, and annotations covering one place."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from store.annotations.drafts import Draft, Drafts
from store.exchange.citation import quotation
from store.files.jsonfile import StoreError
from store.files.settings import load_settings, save_setting
from store.library.readstate import ReadingLog
from store.news.loading import load_paths
from store.workspace import Workspace
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def kompas():
    """Seed 001: KOMPAS.TV, Indonesian, by Haryo Jati, a stated date, read from a file."""
    articles = load_paths([SEEDS]).articles
    return next(a for a in articles if a.outlet == "KOMPAS.TV")


QUOTE = "Korea Utara   mengirim\ntentara."


def test_an_indonesian_quotation_is_cited_in_indonesian_with_its_byline(kompas) -> None:
    text = quotation(kompas, QUOTE, "KCNA")
    assert text.startswith("“Korea Utara mengirim tentara.”\n— KCNA, dalam KOMPAS.TV, “")
    assert ", oleh Haryo Jati, 19 Juli 2024." in text
    assert " in " not in text and "by " not in text
    assert kompas.source and kompas.source not in text, "never the file on the server"
    assert text.endswith("19 Juli 2024."), "no address: nothing after the date"


def test_the_address_follows_when_there_is_one_and_english_is_cited_in_english(kompas) -> None:
    english = replace(kompas, language="en", url="https://example.org/a", byline=None)
    text = quotation(english, QUOTE)
    assert text.splitlines()[1] == (
        f"— KOMPAS.TV, “{kompas.title}”, 19 Jul 2024. https://example.org/a"
    )


def test_an_estimated_date_is_marked_and_an_ambiguous_one_left_out(kompas) -> None:
    estimated = replace(kompas, published="2024-11-30", published_status="estimated")
    assert quotation(estimated, QUOTE).endswith(", sekitar 30 November 2024.")
    ambiguous = replace(kompas, published="2025-09-10", published_status="ambiguous")
    assert quotation(ambiguous, QUOTE).endswith(", oleh Haryo Jati.")


def test_the_theme_is_written_into_the_config_keeping_what_the_user_wrote(tmp_path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '# our team\nannotator = "rina"  # me\n\n[claims]\ntypes = ["angka", "kutipan"]\n',
        encoding="utf-8",
    )
    save_setting(config, "theme", "nord")
    save_setting(config, "theme", "gruvbox")
    text = config.read_text(encoding="utf-8")
    assert text.startswith('# our team\nannotator = "rina"  # me\ntheme = "gruvbox"\n')
    settings, problem = load_settings(config)
    assert problem is None
    assert (settings.theme, settings.annotator, settings.claim_types) == (
        "gruvbox",
        "rina",
        ("angka", "kutipan"),
    )


def test_a_config_that_is_not_toml_is_left_alone(tmp_path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("annotator = [broken\n", encoding="utf-8")
    with pytest.raises(StoreError, match="left as it is"):
        save_setting(config, "theme", "nord")
    assert config.read_text(encoding="utf-8") == "annotator = [broken\n"


def test_the_article_opened_last_is_remembered_per_user(tmp_path) -> None:
    rina, budi = ReadingLog(tmp_path, "rina"), ReadingLog(tmp_path, "budi")
    assert rina.last_opened() is None
    rina.opened("a", "x")
    budi.opened("c", "x")
    rina.opened("b", "x")
    rina.left("a", "x", 40)  # leaving is not opening
    assert (rina.last_opened(), budi.last_opened()) == ("b", "c")


def test_the_articles_holding_a_draft_are_listed(tmp_path) -> None:
    drafts = Drafts(tmp_path, "rina")
    assert drafts.article_ids() == set()
    drafts.keep("a", Draft("note", None, None, "", note="setengah"))
    drafts.keep("b", Draft("claim", 0, 4, "Kim "))
    drafts.drop("a")
    assert drafts.article_ids() == {"b"}


def test_tags_in_use_come_most_used_first(tmp_path) -> None:
    workspace = Workspace(tmp_path / "data", "rina")
    workspace.open_corpus([SEEDS])
    workspace.refresh()
    article = next(iter(workspace.corpus.values()))
    annotations = workspace.annotations_of(article)
    for tags in (["angka", "tentara"], ["angka"], ["Korban"]):
        annotations.add_claim(0, 5, claim_type="statistic", status="unverified", tags=tags)
        workspace.annotations_changed(article.id)
    assert workspace.tags_in_use() == ["angka", "Korban", "tentara"]


def test_annotations_on_one_place_come_innermost_then_newest_and_each_is_a_step(
    tmp_path: Path,
) -> None:
    workspace = Workspace(tmp_path / "data", "rina")
    workspace.open_corpus([SEEDS])
    workspace.refresh()
    article = next(iter(workspace.corpus.values()))
    annotations = workspace.annotations_of(article)
    claim = annotations.add_claim(10, 60, claim_type="factual", status="unverified")
    note = annotations.add_note("cek", (10, 60))
    inner = annotations.add_note("nama", (12, 20))
    assert [a.id for a in annotations.covering(15)] == [inner.id, note.id, claim.id]
    assert [a.id for a in annotations.covering(30)] == [note.id, claim.id]
    assert annotations.at(30).id == note.id
    order = [a.id for a in annotations.placed]
    steps = [annotations.step(annotations.get(i), 0, 1).id for i in order]
    assert steps == [*order[1:], order[0]], "each one is a step, and the last wraps"
    assert annotations.step(None, 0, 1).id == order[0]

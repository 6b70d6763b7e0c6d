"""A team configures its own claim types, statuses and annotator name in config.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.files.settings import CLAIM_TYPES, STATUSES, Settings, load_settings, settings_path


@pytest.fixture
def config(isolated_home: Path) -> Path:
    """Where sorot looks for config.toml in these tests (``$SOROT_CONFIG``)."""
    path = settings_path()
    assert path == isolated_home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_without_a_config_file_the_defaults_are_used(isolated_home):
    settings, problem = load_settings()
    assert problem is None
    assert settings == Settings()
    assert settings.annotator == "tester"  # $SOROT_USER, else the login name
    assert settings.claim_types == ("factual", "statistic", "quote", "prediction", "opinion")
    assert settings.statuses == (
        "unverified",
        "checking",
        "true",
        "mostly true",
        "misleading",
        "false",
        "unproven",
    )
    assert settings.statuses[0] == "unverified"  # what a new claim starts with


def test_a_team_sets_its_own_types_statuses_and_annotator(config):
    config.write_text(
        'annotator = "  rina  "\n'
        "[claims]\n"
        'types = ["fakta", "angka", "kutipan", "fakta"]\n'
        'statuses = ["belum dicek", "benar", "salah", " benar "]\n',
        encoding="utf-8",
    )
    settings, problem = load_settings()
    assert problem is None
    assert settings.annotator == "rina"
    assert settings.claim_types == ("fakta", "angka", "kutipan")
    assert settings.statuses == ("belum dicek", "benar", "salah")


def test_what_the_file_leaves_out_takes_the_defaults(config):
    config.write_text('[claims]\nstatuses = ["open", "done"]\n', encoding="utf-8")
    settings, problem = load_settings()
    assert problem is None
    assert settings == Settings(
        annotator="tester", claim_types=CLAIM_TYPES, statuses=("open", "done")
    )


def test_a_settings_file_can_be_named(tmp_path):
    path = tmp_path / "team.toml"
    path.write_text('annotator = "budi"\n', encoding="utf-8")
    settings, problem = load_settings(path)
    assert problem is None
    assert settings.annotator == "budi"
    assert settings.statuses == STATUSES


BROKEN = {
    "not TOML": "annotator = rina\n[claims\n",
    "types not a list": '[claims]\ntypes = "factual"\n',
    "an empty list": "[claims]\nstatuses = []\n",
    "a blank name": '[claims]\ntypes = ["factual", "  "]\n',
    "a number in the list": "[claims]\nstatuses = [1, 2]\n",
    "claims not a table": 'claims = "factual"\n',
    "a blank annotator": 'annotator = " "\n',
    "annotator not a name": "annotator = 42\n",
}


@pytest.mark.parametrize("what", list(BROKEN))
def test_a_broken_file_gives_one_line_and_the_defaults(config, what):
    config.write_text(BROKEN[what], encoding="utf-8")
    settings, problem = load_settings()
    assert settings == Settings()
    assert problem is not None
    assert str(config) in problem
    assert "\n" not in problem.strip()


def test_a_file_that_is_not_utf8_gives_one_line_and_the_defaults(config):
    config.write_bytes(b'annotator = "r\xeena"\n')
    settings, problem = load_settings()
    assert settings == Settings()
    assert problem is not None and str(config) in problem and "\n" not in problem

"""Shared fixtures: every test runs in its own data and config folders.

Nothing of the developer's own sorot data, keymap or user name leaks into a
test, and tests can run in parallel (pytest -n) without touching each other.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point sorot's data and config folders into the test's temporary folder."""
    monkeypatch.setenv("SOROT_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("SOROT_CONFIG", str(tmp_path / "config"))
    monkeypatch.setenv("SOROT_USER", "tester")
    # Never touch the developer's real clipboard from a test.
    monkeypatch.setenv("SOROT_NO_LOCAL_CLIPBOARD", "1")
    return tmp_path


@pytest.fixture
def seeds() -> Path:
    """The bundled corpus in the repository."""
    return SEEDS


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., object]:
    """Build a SorotApp on ``paths`` (the seeds by default) with a private data folder."""

    def build(*paths: Path, data_dir: Path | None = None, keymap: Path | None = None):
        from tui.app import SorotApp

        return SorotApp(
            list(paths) or [SEEDS],
            data_dir or tmp_path / "data",
            "tester",
            keymap_file=keymap or tmp_path / "config" / "keymap.toml",
        )

    return build

"""The README documents every key binding id a user can put in keymap.toml."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def binding_ids() -> set[str]:
    found: set[str] = set()
    for path in (REPO / "tui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found.update(re.findall(r'\bid="([a-z-]+\.[a-z-]+)"', text))
        # The reader's motions are declared through a helper: _hidden(key, action, text, id).
        found.update(re.findall(r'_hidden\([^)]*"([a-z-]+\.[a-z-]+)"\)', text))
    return found


def test_every_binding_id_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ids = binding_ids()
    assert len(ids) > 40
    missing = sorted(i for i in ids if f"`{i}`" not in readme)
    assert not missing, f"binding ids missing from the README: {missing}"

"""The user's own keys: ``keymap.toml`` in sorot's config folder.

Every binding has an id (``reader.search``, ``library.sort`` …); the file maps
ids to comma-separated keys, which Textual's ``set_keymap`` applies::

    [keys]
    "reader.search" = "slash,ctrl+s"
    "library.sort" = "o"
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from store.files.paths import config_dir


def keymap_path() -> Path:
    """Where sorot looks for the user's keymap."""
    return config_dir() / "keymap.toml"


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], str | None]:
    """The keymap in ``path`` and a one-line problem, if the file could not be used."""
    path = path or keymap_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return {}, f"{path}: not used ({error})"
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keys.items()
    ):
        return {}, f'{path}: not used ([keys] must map binding ids to key strings, like "a,b")'
    return dict(keys), None

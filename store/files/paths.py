"""Where sorot keeps its data, and who is using it.

The data folder defaults to the user's data directory (XDG on Linux, via
platformdirs) and can be chosen with ``--db``. It is created private to the
user because annotations and reading history are personal work.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "sorot"


def default_data_dir() -> Path:
    """The data folder used when ``--db`` is not given (``$SOROT_DATA`` wins)."""
    env = os.environ.get("SOROT_DATA")
    return Path(env).expanduser() if env else user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The folder holding the user's ``keymap.toml`` (``$SOROT_CONFIG`` wins)."""
    env = os.environ.get("SOROT_CONFIG")
    return Path(env).expanduser() if env else user_config_path(APP_NAME, appauthor=False)


def current_user() -> str:
    """The annotator name: ``$SOROT_USER``, else the login name."""
    env = os.environ.get("SOROT_USER", "").strip()
    if env:
        return env
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        # No passwd entry (containers): still give every user's work a name.
        return f"uid{os.getuid()}" if hasattr(os, "getuid") else "user"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents readable only by the user; return it.

    ``Path.mkdir(parents=True)`` gives only the last folder the mode, so the
    missing folders are made one by one, top down. Folders that already
    exist are left as they are.
    """
    if path.is_dir():
        return path
    missing = []
    for folder in [path, *path.parents]:
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if not folder.is_dir():
                raise
    return path

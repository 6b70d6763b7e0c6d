"""Where sorot keeps its data, and who is using it.

The data folder defaults to the user's data directory (XDG on Linux, via
platformdirs) and can be chosen with ``--db``. What is made in it is private
to the user, unless it is a team folder (``store.files.modes``).
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

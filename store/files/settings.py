"""The user's settings: claim types and statuses, the annotator's name, the theme.

Read from ``config.toml`` in sorot's config folder::

    annotator = "rina"
    theme = "nord"          # written by the app when a theme is chosen in the palette
    [claims]
    types = ["factual", "statistic", "quote", "prediction", "opinion"]
    statuses = ["unverified", "checking", "true", "mostly true", "misleading",
                "false", "unproven"]

A team can agree on its own lists; everything missing takes the defaults.
The ``[claimreview]`` table says how claims are published as schema.org
ClaimReview (``store.files.review_settings``); a mistake there drops only
that table, with the problem said.
The app writes one setting back, the theme, with the rest of the file (its
comments and layout too) left as the user wrote it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from store.files.jsonfile import StoreError, atomic_write_text
from store.files.paths import config_dir, current_user
from store.files.review_settings import ReviewSettings, parse_review_settings

CLAIM_TYPES = ("factual", "statistic", "quote", "prediction", "opinion")
"""Claim types offered when the user has not configured their own."""

STATUSES = ("unverified", "checking", "true", "mostly true", "misleading", "false", "unproven")
"""Claim statuses offered when the user has not configured their own."""


@dataclass(frozen=True)
class Settings:
    """What the user can configure about annotating."""

    annotator: str = field(default_factory=current_user)
    """Whose name goes on new annotations."""
    claim_types: tuple[str, ...] = CLAIM_TYPES
    statuses: tuple[str, ...] = STATUSES
    """The first status is what a new claim starts with."""
    review: ReviewSettings = field(default_factory=ReviewSettings)
    """How claims are published as ClaimReview (``[claimreview]``)."""
    theme: str | None = None
    """The app's colour theme, as last chosen (``None``: Textual's default)."""


def settings_path() -> Path:
    """Where the settings file is looked for."""
    return config_dir() / "config.toml"


def _names(value: object, default: tuple[str, ...], what: str) -> tuple[str, ...]:
    if value is None:
        return default
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        raise ValueError(f"[claims] {what} must be a non-empty list of names")
    return tuple(dict.fromkeys(v.strip() for v in value))


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The settings in ``path`` and a one-line problem when the file could not be used."""
    path = path or settings_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Settings(), f"{path}: not used ({error})"
    try:
        claims = data.get("claims", {})
        if not isinstance(claims, dict):
            raise ValueError("[claims] must be a table")
        annotator = data.get("annotator")
        if annotator is not None and (not isinstance(annotator, str) or not annotator.strip()):
            raise ValueError("annotator must be a name")
        theme = data.get("theme")
        if theme is not None and (not isinstance(theme, str) or not theme.strip()):
            raise ValueError("theme must be a theme's name")
        settings = Settings(
            annotator=annotator.strip() if annotator else current_user(),
            claim_types=_names(claims.get("types"), CLAIM_TYPES, "types"),
            statuses=_names(claims.get("statuses"), STATUSES, "statuses"),
            theme=theme.strip() if theme else None,
        )
    except ValueError as error:
        return Settings(), f"{path}: not used ({error})"
    try:
        review = parse_review_settings(data.get("claimreview"))
    except ValueError as error:
        return settings, f"{path}: [claimreview] not used ({error})"
    return replace(settings, review=review), None


def save_setting(path: Path, name: str, value: str) -> None:
    """Set the top-level ``name = value`` in the config file at ``path``, keeping the rest.

    Comments, order and the user's other settings stay as written (tomlkit
    edits the document rather than rewriting it); the file is replaced
    atomically. A file that cannot be read as TOML is left alone: ``StoreError``.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as error:
        raise StoreError(f"cannot read {path} ({error})") from None
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as error:
        raise StoreError(f"{path} is not valid TOML ({error}); it was left as it is") from None
    if name in document and document[name] == value:
        return
    document[name] = value  # tomlkit puts a new top-level key before the first table
    try:
        atomic_write_text(path, tomlkit.dumps(document), private=True)
    except OSError as error:
        raise StoreError(f"cannot write {path} ({error.strerror or error})") from None

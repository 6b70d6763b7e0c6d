"""Which articles a user has read and where they left off.

Kept per user (one file each in the data folder) so that several people
sharing one server and one data folder each have their own reading history.
A position is only trusted for the text version it was saved on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from slugify import slugify

from store.files.jsonfile import JsonFile


@dataclass(frozen=True)
class ReadState:
    """One user's state for one article."""

    read: bool = False
    """True once the user has opened the article (or marked it read)."""
    position: int = 0
    """Cursor offset into the body when the article was last left."""
    sha256: str = ""
    """Text version ``position`` refers to."""
    opened: str = ""
    """ISO time the article was last opened."""


class ReadingLog:
    """Read state and last positions for one user, saved in the data folder."""

    def __init__(self, data_dir: Path, user: str) -> None:
        name = slugify(user) or "user"
        self.file = JsonFile(data_dir / "reading" / f"{name}.json", private=True)

    def get(self, article_id: str) -> ReadState:
        """The state of ``article_id`` (unread at 0 when never opened)."""
        entry = self.file.read().get(article_id)
        if not isinstance(entry, dict):
            return ReadState()
        return ReadState(
            read=bool(entry.get("read", False)),
            position=int(entry.get("position", 0) or 0),
            sha256=str(entry.get("sha256", "")),
            opened=str(entry.get("opened", "")),
        )

    def all_read(self) -> set[str]:
        """Ids of every article this user has read."""
        return {
            key
            for key, entry in self.file.read().items()
            if isinstance(entry, dict) and entry.get("read")
        }

    def last_opened(self) -> str | None:
        """The id of the article this user opened last (``None`` before the first)."""
        latest, found = "", None
        for key, entry in self.file.read().items():
            opened = entry.get("opened", "") if isinstance(entry, dict) else ""
            if isinstance(opened, str) and opened and opened >= latest:
                latest, found = opened, key
        return found

    def position(self, article_id: str, sha256: str) -> int:
        """Where to put the cursor on opening: the saved offset if the text is unchanged."""
        state = self.get(article_id)
        return state.position if state.sha256 == sha256 else 0

    def opened(self, article_id: str, sha256: str) -> None:
        """Record that the article was opened: it is now read."""
        # Microseconds: two articles opened within a second keep their order (last_opened).
        now = datetime.now(UTC).isoformat(timespec="microseconds")

        def change(data: dict) -> None:
            entry = dict(data.get(article_id) or {})
            entry.update(read=True, opened=now)
            if entry.get("sha256") != sha256:
                entry.update(sha256=sha256, position=0)
            data[article_id] = entry

        self.file.update(change)

    def left(self, article_id: str, sha256: str, position: int) -> None:
        """Record where the cursor was when the user left the article."""

        def change(data: dict) -> None:
            entry = dict(data.get(article_id) or {})
            entry.update(read=True, sha256=sha256, position=int(position))
            data[article_id] = entry

        self.file.update(change)

    def set_read(self, article_id: str, read: bool) -> None:
        """Mark an article read or unread by hand."""

        def change(data: dict) -> None:
            entry = dict(data.get(article_id) or {})
            entry["read"] = read
            data[article_id] = entry

        self.file.update(change)

"""Claims and notes that were being written when sorot went away.

A form still open when the terminal hangs up (a dropped SSH connection), when
sorot is quit, or when the process is killed holds work that is not an
annotation yet. The reader keeps it here every few seconds while the form is
open and offers it again the next time the article is opened; saving or
cancelling that form ends the draft.

Kept per user, one file each (like the reading history): several people share
one data folder, and a draft is one person's unfinished sentence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from slugify import slugify

from store.files.jsonfile import JsonFile

KINDS = ("claim", "note")


@dataclass(frozen=True)
class Draft:
    """What a claim or note form held, and where in the article it belongs."""

    kind: str
    """``claim`` or ``note``."""
    start: int | None
    """Body offset of the passage; ``None`` for a note on the whole article."""
    end: int | None
    quote: str
    """The passage as it was, to find it again if the article's text has moved."""
    editing: str | None = None
    """The id of the annotation being edited, ``None`` for a new one."""
    claim_type: str = ""
    status: str = ""
    speaker: str = ""
    tags: tuple[str, ...] = ()
    note: str = ""
    kept: str = ""
    """ISO time it was last kept."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``kept`` stamped now)."""
        data = asdict(self)
        data["tags"] = list(self.tags)
        data["kept"] = datetime.now(UTC).isoformat(timespec="seconds")
        return data

    @classmethod
    def from_dict(cls, data: object) -> Draft | None:
        """The draft in ``data``, or ``None`` when it is not one (a hand-edited file)."""
        if not isinstance(data, dict) or data.get("kind") not in KINDS:
            return None
        start, end, tags = data.get("start"), data.get("end"), data.get("tags") or []
        try:
            if (start is None) != (end is None) or not isinstance(tags, list):
                return None
            if start is not None:
                start, end = int(start), int(end)
                if not 0 <= start <= end:
                    return None
            editing = data.get("editing")
            return cls(
                kind=data["kind"],
                start=start,
                end=end,
                quote=str(data.get("quote", "")),
                editing=None if editing is None else str(editing),
                claim_type=str(data.get("claim_type", "")),
                status=str(data.get("status", "")),
                speaker=str(data.get("speaker", "")),
                tags=tuple(str(tag) for tag in tags),
                note=str(data.get("note", "")),
                kept=str(data.get("kept", "")),
            )
        except (TypeError, ValueError):
            return None

    def place(self, body: str) -> tuple[int, int] | None:
        """The passage's offsets in ``body``: where it was, else its nearest copy; None if gone.

        Only for drafts on a passage (``start`` is not ``None``).
        """
        if self.start is None or self.end is None:
            return None
        if body[self.start : self.end] == self.quote:
            return self.start, self.end
        if not self.quote:
            return None
        found, best = body.find(self.quote), None
        while found != -1:
            if best is None or abs(found - self.start) < abs(best - self.start):
                best = found
            found = body.find(self.quote, found + 1)
        return None if best is None else (best, best + len(self.quote))

    def same_work(self, other: Draft | None) -> bool:
        """True when ``other`` holds the same text and choices (``kept`` aside)."""
        if other is None:
            return False
        mine, theirs = asdict(self), asdict(other)
        mine.pop("kept"), theirs.pop("kept")
        return mine == theirs


class Drafts:
    """One user's unfinished claims and notes, at most one per article."""

    def __init__(self, data_dir: Path, user: str) -> None:
        name = slugify(user) or "user"
        self.file = JsonFile(data_dir / "drafts" / f"{name}.json", private=True)

    def get(self, article_id: str) -> Draft | None:
        """The draft kept for ``article_id``, if any."""
        if not self.file.path.exists():  # the usual case: no stat of a lock, no parse
            return None
        return Draft.from_dict(self.file.read().get(article_id))

    def article_ids(self) -> set[str]:
        """Ids of the articles holding a draft (the library marks them)."""
        if not self.file.path.exists():
            return set()
        return {key for key, value in self.file.read().items() if Draft.from_dict(value)}

    def keep(self, article_id: str, draft: Draft) -> None:
        """Keep ``draft`` as the one for ``article_id`` (replacing an older one)."""

        def change(data: dict[str, Any]) -> None:
            data[article_id] = draft.to_dict()

        self.file.update(change)

    def drop(self, article_id: str) -> None:
        """Forget the draft of ``article_id`` (nothing happens when there is none)."""
        if not self.file.path.exists() or article_id not in self.file.read():
            return

        def change(data: dict[str, Any]) -> None:
            data.pop(article_id, None)

        self.file.update(change)

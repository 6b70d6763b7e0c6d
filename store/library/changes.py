"""What changed in a corpus since the index last read it, and the report of a refresh.

The walk (``store.library.walk``) says which files are there now and their
``stat``; the index says what it read. A file is *new* or *changed* when
its size, modification time or inode differ; *gone* when it is no longer
under the corpus's folders; and a new file with the inode and ``stat`` of a
gone one, or its size and SHA-256, is the same file *renamed or moved*.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import NamedTuple

from store.library.parsing import file_digest
from store.library.walk import Seen, Walk
from store.news.sources import LoadProblem


@dataclass
class IndexReport:
    """What one refresh found and did."""

    files: int = 0
    """Files in the corpus."""
    added: int = 0
    changed: int = 0
    removed: int = 0
    renamed: int = 0
    articles_added: int = 0
    articles_removed: int = 0
    problems: list[LoadProblem] = field(default_factory=list)
    """Problems met walking the corpus's folders (files' own problems are kept in the index)."""
    busy: bool = False
    """Another process was refreshing the index: nothing was done (``wait=False``)."""
    complete: bool = True
    """False when the refresh was stopped before the end."""
    rebuilt: bool = False
    """True when the whole index was built again (a new parser, or too many stale rows)."""
    seconds: float = 0.0

    @property
    def touched(self) -> bool:
        """True when any row changed."""
        return bool(self.added or self.changed or self.removed or self.renamed)

    def summary(self) -> str:
        """One line: what changed (``nothing changed`` when nothing did)."""
        if self.busy:
            return "another sorot is indexing this corpus; its index was used as it is"
        parts = []
        for count, what in (
            (self.added, "added"),
            (self.changed, "changed"),
            (self.removed, "removed"),
            (self.renamed, "renamed or moved"),
        ):
            if count:
                parts.append(f"{count:,} {_files(count)} {what}")
        if not parts:
            return f"nothing changed ({self.files:,} {_files(self.files)})"
        articles = []
        if self.articles_added:
            articles.append(f"{self.articles_added:,} {_articles(self.articles_added)} read")
        if self.articles_removed:
            articles.append(f"{self.articles_removed:,} dropped")
        line = ", ".join(parts)
        return f"{line} ({'; '.join(articles)})" if articles else line


def _files(n: int) -> str:
    return "file" if n == 1 else "files"


def _articles(n: int) -> str:
    return "article" if n == 1 else "articles"


class Known(NamedTuple):
    """A file as the index last read it."""

    id: int
    path: str
    size: int
    mtime_ns: int
    inode: int
    digest: str


def trusted(path: str, seen: Walk) -> bool:
    """True when ``path`` is in a folder a quick walk trusted (unchanged, not listed)."""
    return os.path.dirname(path) in seen.trusted


def diff(seen: Walk, known: dict[str, Known]) -> tuple[list[Seen], list[Known]]:
    """Files to read (new or changed), and known files of the corpus that are gone.

    ``known`` holds the files of the folders the walk listed (at least): a
    file of a trusted folder is not there to be compared, and is not gone.
    """
    to_read = []
    for path, now in seen.files.items():
        old = known.get(path)
        if old is None or old[2:5] != (now.size, now.mtime_ns, now.inode):
            to_read.append(now)
    missing = known.keys() - seen.files.keys()
    vanished = [
        known[path]
        for path in sorted(missing)
        if seen.under_roots(path) and not trusted(path, seen)
    ]
    return to_read, vanished


def renames(
    to_read: list[Seen], vanished: list[Known], known: dict[str, Known]
) -> list[tuple[Known, Seen]]:
    """Pairs of (gone, new) that are one file moved: same inode and stat, or same bytes.

    Matched pairs leave both lists: the file is neither read nor dropped.
    """
    new_files = [s for s in to_read if s.path not in known]
    if not vanished or not new_files:
        return []
    by_stat = {(k.inode, k.size, k.mtime_ns): k for k in vanished}
    by_size: dict[int, list[Known]] = {}
    for k in vanished:
        by_size.setdefault(k.size, []).append(k)
    pairs: list[tuple[Known, Seen]] = []
    taken: set[int] = set()
    for now in new_files:
        old = by_stat.get((now.inode, now.size, now.mtime_ns))
        if old is None or old.id in taken:
            candidates = [k for k in by_size.get(now.size, ()) if k.id not in taken and k.digest]
            if not candidates:
                continue
            digest = file_digest(now.path)
            old = next((k for k in candidates if k.digest == digest), None)
            if old is None:
                continue
        taken.add(old.id)
        pairs.append((old, now))
    moved = {now.path for _, now in pairs}
    to_read[:] = [s for s in to_read if s.path not in moved]
    vanished[:] = [k for k in vanished if k.id not in taken]
    return pairs

"""Which files a corpus is made of, and their ``stat`` fingerprints.

The same rules as ``store.news.loading.corpus_files``: folders are walked
recursively in sorted order, hidden files and folders and files of other
types are passed over there, and a file named explicitly that sorot cannot
read is reported. Paths are made absolute (not resolved: a symlinked folder
keeps its name), so the index means the same files from any working folder.

A *quick* walk trusts the folders whose modification time has not moved
since the last walk: no file was added, removed or renamed in them, so
their files are taken as the index last saw them (a file rewritten in place
is only seen by a full walk, which stats every file).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from store.news.loading import LoadProblem
from store.news.readers import SUPPORTED_SUFFIXES


@dataclass(frozen=True, slots=True)
class Seen:
    """A corpus file as the walk found it."""

    path: str
    size: int
    mtime_ns: int
    inode: int


@dataclass(frozen=True, slots=True)
class Root:
    """A path the user named: a folder (everything under it) or one file."""

    path: str
    folder: bool

    def holds(self, path: str) -> bool:
        """True when ``path`` is this root or under it."""
        if not self.folder:
            return path == self.path
        return path.startswith(self.path.rstrip(os.sep) + os.sep)

    def sql_range(self) -> tuple[str, str]:
        """``(low, high)`` such that the paths under this folder are ``low <= path < high``."""
        base = self.path.rstrip(os.sep) + os.sep
        return base, base[:-1] + chr(ord(os.sep) + 1)


@dataclass
class Walk:
    """What one walk over a corpus found."""

    roots: list[Root]
    files: dict[str, Seen] = field(default_factory=dict)
    """Every file listed, in corpus order (folders sorted, then their files sorted)."""
    folders: dict[str, int] = field(default_factory=dict)
    """Every folder walked, with its modification time."""
    trusted: set[str] = field(default_factory=set)
    """Folders a quick walk did not list (unchanged): their files are as the index has them."""
    problems: list[LoadProblem] = field(default_factory=list)

    def under_roots(self, path: str) -> bool:
        """True when ``path`` is one of the corpus's files by its place."""
        return any(root.holds(path) for root in self.roots)


def roots_of(paths: Iterable[str | Path]) -> list[Root]:
    """The roots ``paths`` name, made absolute."""
    roots = []
    for given in paths:
        path = os.path.abspath(os.fspath(given))
        roots.append(Root(path, os.path.isdir(path)))
    return roots


def walk(paths: Iterable[str | Path], known_folders: Mapping[str, int] | None = None) -> Walk:
    """List the corpus's files with their ``stat``; quick when ``known_folders`` are given."""
    result = Walk(roots_of(paths))
    for root in result.roots:
        if root.folder:
            _walk_folder(root.path, result, known_folders)
            continue
        suffix = os.path.splitext(root.path)[1].lower()
        if os.path.exists(root.path) and suffix not in SUPPORTED_SUFFIXES:
            kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
            what = suffix or "with no suffix"
            message = f"unsupported file type {what} (sorot reads {kinds})"
            result.problems.append(LoadProblem(root.path, message, True))
            continue
        try:
            stat = os.stat(root.path)
        except OSError as error:
            reason = (error.strerror or str(error)).lower()
            result.problems.append(LoadProblem(root.path, f"cannot read: {reason}", True))
            continue
        result.files[root.path] = Seen(root.path, stat.st_size, stat.st_mtime_ns, stat.st_ino)
    return result


def _walk_folder(top: str, result: Walk, known: Mapping[str, int] | None) -> None:
    children: dict[str, list[str]] = {}
    for path in known or ():
        children.setdefault(os.path.dirname(path), []).append(path)
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            mtime = os.stat(folder).st_mtime_ns
        except OSError as error:
            _cannot_list(folder, error, result)
            continue
        result.folders[folder] = mtime
        if known is not None and known.get(folder) == mtime:
            # Nothing added, removed or renamed here: its files are as the index has them,
            # and its subfolders are the ones known under it.
            result.trusted.add(folder)
            stack.extend(sorted(children.get(folder, ()), reverse=True))
            continue
        try:
            with os.scandir(folder) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as error:
            _cannot_list(folder, error, result)
            continue
        subfolders = []
        for entry in listed:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    subfolders.append(entry.path)
                    continue
                if os.path.splitext(entry.name)[1].lower() not in SUPPORTED_SUFFIXES:
                    continue
                stat = entry.stat()
            except OSError as error:
                if entry.is_symlink():  # a link to nothing, or a loop of links: said
                    reason = (error.strerror or str(error)).lower()
                    result.problems.append(LoadProblem(entry.path, f"not read: {reason}", True))
                continue  # otherwise gone between the listing and the stat
            result.files[entry.path] = Seen(entry.path, stat.st_size, stat.st_mtime_ns, stat.st_ino)
        stack.extend(reversed(subfolders))


def _cannot_list(folder: str, error: OSError, result: Walk) -> None:
    reason = (error.strerror or str(error)).lower()
    result.problems.append(LoadProblem(folder, f"cannot read folder: {reason}", True))

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

A full walk stats every file, and sums each folder's up in a *print* (a
hash of every file's name, size, modification time and inode): a folder
whose print is the one the index recorded is trusted too, without a row
made per file. Nothing is missed (any change of any file changes the
print), and a refresh that finds nothing changed in 100,000 files costs
their ``stat`` and little more.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from store.news.sources import SUPPORTED_SUFFIXES, LoadProblem


class Seen(NamedTuple):
    """A corpus file as the walk found it (a tuple: a walk makes one per file, 100,000 of
    them for a newsroom's corpus, and a frozen dataclass costs three times as much)."""

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
    """Folders found unchanged (their modification time or their print is the one known):
    their files are as the index has them, and are not in :attr:`files`."""
    prints: dict[str, str] = field(default_factory=dict)
    """The print of every folder walked (see the module); a folder a quick walk did not
    list keeps the print it had."""
    problems: list[LoadProblem] = field(default_factory=list)

    def under_roots(self, path: str) -> bool:
        """True when ``path`` is one of the corpus's files by its place."""
        return any(root.holds(path) for root in self.roots)


def is_article_name(name: str) -> bool:
    """True for a file name the corpus reads: not hidden, of a kind sorot parses."""
    # As os.path.splitext for a name that does not begin with a dot, quicker.
    dot = name.rfind(".")
    return name[:1] != "." and dot > 0 and name[dot:].lower() in SUPPORTED_SUFFIXES


def under_sql(roots: Sequence[Root], column: str) -> tuple[str, tuple[str, ...]]:
    """SQL true when ``column`` (a file's path) is under ``roots``, with its parameters."""
    tests: list[str] = []
    params: list[str] = []
    for root in roots:
        if root.folder:
            tests.append(f"({column} >= ? AND {column} < ?)")
            params += root.sql_range()
        else:
            tests.append(f"{column} = ?")
            params.append(root.path)
    return " OR ".join(tests) or "0", tuple(params)


def roots_of(paths: Iterable[str | Path]) -> list[Root]:
    """The roots ``paths`` name, made absolute; a folder by its real path.

    A team reaches one folder by several paths (``/srv/news``, a link in a
    home folder): each must find the index's rows of the same files, not
    index the corpus again under another name (minutes at 100,000 articles).
    """
    roots = []
    for given in paths:
        path = os.path.abspath(os.fspath(given))
        real = os.path.realpath(path)
        if os.path.isdir(real):
            roots.append(Root(real, True))
        else:
            roots.append(Root(path, False))
    return roots


def walk(
    paths: Iterable[str | Path],
    known_folders: Mapping[str, int] | None = None,
    known_prints: Mapping[str, str] | None = None,
) -> Walk:
    """List the corpus's files with their ``stat``; quick when ``known_folders`` are given.

    A folder whose print is in ``known_prints`` is trusted, its files left out.
    """
    result = Walk(roots_of(paths))
    for root in result.roots:
        if root.folder:
            _walk_folder(root.path, result, known_folders, known_prints or {})
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


def walk_files(paths: Iterable[str | Path], files: Iterable[str]) -> Walk:
    """The corpus's files among ``files`` (paths a watcher saw change), as :func:`walk` lists them.

    A file gone is left out (a refresh drops it); one outside the roots, hidden
    (a dot) or of another kind is not the corpus's; a link to nothing is said.
    """
    result = Walk(roots_of(paths))
    for path in sorted(files):
        if not is_article_name(os.path.basename(path)):
            continue
        root = next((r for r in result.roots if r.holds(path)), None)
        if root is None or any(p.startswith(".") for p in path[len(root.path) :].split(os.sep)):
            continue  # not the corpus's, or in a hidden folder a walk does not enter
        try:
            stat = os.stat(path)
        except OSError as error:
            if os.path.islink(path):
                reason = (error.strerror or str(error)).lower()
                result.problems.append(LoadProblem(path, f"not read: {reason}", True))
            continue
        if not os.path.isdir(path):
            result.files[path] = Seen(path, stat.st_size, stat.st_mtime_ns, stat.st_ino)
    return result


def _walk_folder(
    top: str, result: Walk, known: Mapping[str, int] | None, prints: Mapping[str, str]
) -> None:
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
            if folder in prints:
                result.prints[folder] = prints[folder]  # unlisted, so unchanged too
            stack.extend(sorted(children.get(folder, ()), reverse=True))
            continue
        try:
            with os.scandir(folder) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as error:
            _cannot_list(folder, error, result)
            continue
        subfolders: list[str] = []
        paths: list[str] = []
        stats: list[os.stat_result] = []
        for entry in listed:
            name = entry.name
            if name[0] == ".":
                continue
            try:
                if entry.is_dir():
                    subfolders.append(entry.path)
                    continue
                if not is_article_name(name):
                    continue
                stat = entry.stat()
            except OSError as error:
                if entry.is_symlink():  # a link to nothing, or a loop of links: said
                    reason = (error.strerror or str(error)).lower()
                    result.problems.append(LoadProblem(entry.path, f"not read: {reason}", True))
                continue  # otherwise gone between the listing and the stat
            paths.append(entry.path)
            stats.append(stat)
        stamp = print_of(paths, stats)
        result.prints[folder] = stamp
        if prints.get(folder) == stamp:
            result.trusted.add(folder)  # every file as the index has it
        else:
            files = result.files
            for path, stat in zip(paths, stats, strict=True):
                files[path] = Seen(path, stat.st_size, stat.st_mtime_ns, stat.st_ino)
        stack.extend(reversed(subfolders))


def print_of(paths: Sequence[str], stats: Sequence[os.stat_result]) -> str:
    """A folder's print: a hash of its files' names, sizes, modification times and inodes."""
    numbers = [(s.st_size, s.st_mtime_ns, s.st_ino) for s in stats]
    text = "\0".join(paths) + "\0" + repr(numbers)  # built in C: 100,000 files in 0.1 s
    # A name of bytes that are no UTF-8 holds lone surrogates: hashed as its bytes.
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _cannot_list(folder: str, error: OSError, result: Walk) -> None:
    reason = (error.strerror or str(error)).lower()
    result.problems.append(LoadProblem(folder, f"cannot read folder: {reason}", True))

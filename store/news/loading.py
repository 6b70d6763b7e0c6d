"""Loading a corpus: files and folders of news into articles, problems reported.

:func:`load_paths` takes what a user names on the command line, files and
folders alike, and never raises on bad input: every file that cannot be read
(empty, binary, too large, unreadable, broken JSON) becomes one plain
:class:`LoadProblem` line, and everything else still loads. Folders are
walked recursively in sorted order; hidden files and folders, and files of
other types, are passed over silently there, while a file named explicitly
that sorot cannot read is reported.

:func:`bundled_corpus` is the folder of the five seed articles sorot ships
(in ``store.news.sources``, with :class:`LoadProblem`: the app opens without the parser).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from store.news.article import Article
from store.news.readers import ReadError, read_file
from store.news.sources import SUPPORTED_SUFFIXES, LoadProblem, bundled_corpus

__all__ = ["LoadProblem", "LoadResult", "bundled_corpus", "corpus_files", "load_paths"]


@dataclass
class LoadResult:
    """The articles loaded, in input order, and the problems met."""

    articles: list[Article] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)


def load_paths(paths: Iterable[str | Path]) -> LoadResult:
    """Load every article in ``paths`` (files and folders); never raises on bad input."""
    result = LoadResult()
    seen: dict[str, str] = {}  # article id -> the source it was first read from
    for file in corpus_files(paths, result.problems):
        _load_file(file, result, seen)
    return result


def corpus_files(paths: Iterable[str | Path], problems: list[LoadProblem]) -> list[Path]:
    """The files ``paths`` name or hold, in order; unusable ones go to ``problems``."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(_walk(path, problems))
        elif path.exists() and path.suffix.lower() not in SUPPORTED_SUFFIXES:
            kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
            what = path.suffix or "with no suffix"
            problems.append(
                LoadProblem(str(path), f"unsupported file type {what} (sorot reads {kinds})", True)
            )
        else:
            found.append(path)
    return found


def _walk(folder: Path, problems: list[LoadProblem]) -> list[Path]:
    """The readable-looking files under ``folder``, sorted, hidden ones left out."""

    def report(error: OSError) -> None:
        name = error.filename or str(folder)
        reason = (error.strerror or str(error)).lower()
        problems.append(LoadProblem(str(name), f"cannot read folder: {reason}", True))

    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=report):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root, f)
            for f in files
            if not f.startswith(".") and Path(f).suffix.lower() in SUPPORTED_SUFFIXES
        )
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _load_file(path: Path, result: LoadResult, seen: dict[str, str]) -> None:
    """Read one file into ``result``; its problems are reported, never raised."""
    try:
        articles, issues = read_file(path)
    except ReadError as exc:
        result.problems.append(LoadProblem(str(path), str(exc), True))
        return
    except Exception as exc:  # a parser bug must not stop the rest of the corpus
        result.problems.append(LoadProblem(str(path), f"could not be read: {exc!r}", True))
        return
    for issue in issues:
        result.problems.append(LoadProblem(str(path), issue.message, issue.skipped))
    for article in articles:
        if article.id in seen:
            # Only a warning: the article itself is loaded, from its first copy.
            message = f"same article as {seen[article.id]}; skipped"
            result.problems.append(LoadProblem(article.source, message, False))
        else:
            seen[article.id] = article.source
            result.articles.append(article)

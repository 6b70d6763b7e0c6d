"""What a corpus is made of before anything is parsed: the file types sorot reads, the seed
folder it ships, and the one-line problem a file that cannot be used becomes.

Apart from the parser on purpose: walking a folder, listing the library and
opening the app need these, and none of them needs the parser loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.news.article import Article
    from store.news.readers import Issue

#: The suffixes sorot reads (see ``store.news.readers`` for what each holds).
SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".json", ".jsonl", ".ndjson"})


@dataclass(frozen=True)
class LoadProblem:
    """One thing that went wrong while loading, said in one plain line."""

    path: str
    message: str
    skipped: bool
    """True when something was left out; False for a warning that loses
    nothing (a file that was not UTF-8 but was read, a second copy of an
    article already loaded)."""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def bundled_corpus() -> Path:
    """The folder of the seed articles shipped with sorot.

    A wheel installs them inside the package (``store/seeds``); a source
    checkout or an editable install has them at the repository's top.
    """
    package = Path(__file__).resolve().parents[1]  # store/
    for candidate in (package / "seeds", package.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    return package.parent / "seeds"


def read_file(path: Path) -> tuple[list[Article], list[Issue]]:
    """``store.news.readers.read_file``, the parser imported at the first call: the
    library is painted from the index without it."""
    from store.news.readers import read_file as read

    return read(path)

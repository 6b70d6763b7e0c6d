"""The recogniser's results, kept per article text so that reopening costs nothing.

``recognise_article`` takes 5–30 ms an article once the model is loaded;
reading its result back takes well under a millisecond. Results are kept

* in memory (the last ``MEMORY`` texts), and
* on disk in the data folder: ``<data>/entities/<sha[:2]>/<sha>.json``, where
  ``sha`` is the SHA-256 of the article's body (``Article.sha256``), written
  atomically (``store.files.jsonfile.atomic_write_text``).

A file records the recogniser it came from (``recogniser_signature``: a hash
of ``store/entities``' code, lists and model) and the title read as context,
so a new model, new rules or another title simply make it a miss; it is then
overwritten. A file that cannot be read is a miss too, and a data folder
that cannot be written leaves the cache in memory only: the cache never
stops anything.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from store.entities.model import TYPES, Entity
from store.files.jsonfile import atomic_write_text

if TYPE_CHECKING:
    from store.news.article import Article

CACHE_VERSION = 1
"""The layout of a cache file."""

MEMORY = 256
"""Results kept in memory (a few kilobytes each)."""

_PACKAGE = Path(__file__).resolve().parent


@cache
def recogniser_signature() -> str:
    """A short hash of everything the recogniser's output depends on.

    The package's Python files, its lists and its model: about 5 MB read
    once per process (a few milliseconds).
    """
    digest = hashlib.sha256(f"sorot-entities-{CACHE_VERSION}".encode())
    files = sorted(_PACKAGE.glob("*.py")) + sorted(_PACKAGE.glob("data/*"))
    files += sorted(_PACKAGE.glob("*.crfsuite"))
    for path in files:
        if path.name == "cache.py" or not path.is_file():
            continue
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def title_context(article: Article) -> str:
    """The title ``recognise_article`` reads as context ("" when it reads none)."""
    title = (article.title or "").strip()
    if not title or article.title_derived or title in article.body:
        return ""
    return title


class EntityCache:
    """Results of ``recognise_article`` by body hash, in memory and under ``root``."""

    def __init__(self, root: Path | None, memory: int = MEMORY) -> None:
        self.root = root
        self._memory: OrderedDict[tuple[str, str], list[Entity]] = OrderedDict()
        self._size = memory
        self._lock = threading.Lock()
        self.writable = root is not None
        self.hits = 0
        self.misses = 0

    def path_for(self, sha256: str) -> Path | None:
        """The file holding the result for the body with ``sha256``."""
        if self.root is None:
            return None
        return self.root / sha256[:2] / f"{sha256}.json"

    # -- reading ------------------------------------------------------------------

    def in_memory(self, article: Article) -> list[Entity] | None:
        """The result if it is in memory (never touches the disk)."""
        key = (article.sha256, title_context(article))
        with self._lock:
            found = self._memory.get(key)
            if found is not None:
                self._memory.move_to_end(key)
            return list(found) if found is not None else None

    def get(self, article: Article) -> list[Entity] | None:
        """The cached result for ``article``'s text, from memory or disk; ``None`` if none."""
        found = self.in_memory(article)
        if found is not None:
            self.hits += 1
            return found
        found = self._load(article)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self._remember(article, found)
        return list(found)

    def _load(self, article: Article) -> list[Entity] | None:
        path = self.path_for(article.sha256)
        if path is None:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):  # unreadable, not JSON, nested too deep
            return None
        if (
            not isinstance(data, dict)
            or data.get("version") != CACHE_VERSION
            or data.get("recogniser") != recogniser_signature()
            or data.get("context") != title_context(article)
        ):
            return None
        body = article.body
        out = []
        try:
            for start, end, kind, key in data["entities"]:
                if not (0 <= start < end <= len(body)) or kind not in TYPES:
                    return None
                out.append(Entity(start, end, body[start:end], kind, str(key)))
        except (KeyError, TypeError, ValueError):
            return None
        return out

    # -- writing ------------------------------------------------------------------

    def _remember(self, article: Article, entities: list[Entity]) -> None:
        key = (article.sha256, title_context(article))
        with self._lock:
            self._memory[key] = list(entities)
            self._memory.move_to_end(key)
            while len(self._memory) > self._size:
                self._memory.popitem(last=False)

    def put(self, article: Article, entities: list[Entity]) -> None:
        """Keep ``entities`` as the result for ``article``'s text."""
        self._remember(article, entities)
        path = self.path_for(article.sha256)
        if path is None or not self.writable:
            return
        data = {
            "version": CACHE_VERSION,
            "recogniser": recogniser_signature(),
            "context": title_context(article),
            "entities": [[e.start, e.end, e.type, e.key] for e in entities],
        }
        try:
            atomic_write_text(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        except OSError:
            self.writable = False  # a read-only data folder: memory only from now on

    def recognise(self, article: Article) -> list[Entity]:
        """The recogniser's entities for ``article``: cached, or recognised and cached."""
        found = self.get(article)
        if found is not None:
            return found
        # Imported here: the CRF library and the rules load only when something is recognised.
        from store.entities.recognise import recognise_article

        found = recognise_article(article)
        self.put(article, found)
        return list(found)

    def forget(self) -> None:
        """Empty the memory (the files stay)."""
        with self._lock:
            self._memory.clear()

"""The annotation store: one TinyDB file per article, safe for many processes.

Measured on stock TinyDB: one file for every annotation rewrites the whole
file on each save (over a second at 100,000 annotations), and three processes
writing one file corrupt it within milliseconds. So each article has its own
small file (``annotations/<xx>/<article id>.json``), and every change:

- holds a cross-process ``filelock`` on that article's file,
- removes temp files a killed writer left behind,
- re-reads the file inside the lock (a fresh TinyDB each time: TinyDB caches
  next ids and query results per process),
- applies the change and writes the file once, atomically (``AtomicJSONStorage``).

Annotations are keyed by their uuid, never by TinyDB's doc ids. Reads outside
a change are served from a cache checked against ``os.stat``. A file that
cannot be read is moved aside under a backup name, reported, and the article
starts afresh; every other article goes on. Each file carries a schema
version; older files are migrated as they are opened.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.table import Document, Table

from .anchoring import place
from .annotation import Annotation
from .article import Article
from .atomicstorage import AtomicJSONStorage, UnreadableFile, remove_stale_temp_files
from .jsonfile import StoreError
from .paths import ensure_private_dir

SCHEMA_VERSION = 1
"""The layout of an article's annotation file written by this version of sorot."""

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another process's change to one article before giving up."""


class _UuidTable(Table):
    """A TinyDB table whose document ids are the annotations' uuids."""

    document_id_class = str

    def _get_next_id(self) -> str:  # pragma: no cover - every insert names its id
        raise StoreError("annotations are stored under their own ids")


class _ArticleDB(TinyDB):
    table_class = _UuidTable


def _migrate(db: TinyDB) -> None:
    """Bring an article file up to ``SCHEMA_VERSION`` (files without a version are 0)."""
    meta = db.table("meta")
    found = meta.get(doc_id="schema")
    version = int(found["version"]) if found else 0
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{db.storage.path} was written by a newer sorot (schema {version}); "  # type: ignore[attr-defined]
            "upgrade sorot to change it"
        )
    for step in range(version, SCHEMA_VERSION):
        MIGRATIONS[step](db)
    if version != SCHEMA_VERSION:
        meta.upsert(Document({"version": SCHEMA_VERSION}, doc_id="schema"))


def _migrate_0_to_1(db: TinyDB) -> None:
    # Version 0 had no meta table and no ``orphaned`` flag on annotations.
    table = db.table("annotations")
    for doc in table.all():
        if "orphaned" not in doc:
            table.update({"orphaned": False}, doc_ids=[doc.doc_id])


MIGRATIONS: dict[int, Callable[[TinyDB], None]] = {0: _migrate_0_to_1}
"""``MIGRATIONS[n]`` turns a schema-``n`` file into schema ``n + 1``."""


class AnnotationStore:
    """All annotations in one data folder, one file per article."""

    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / "annotations"
        self._cache: dict[str, tuple[tuple[int, int, int], list[Annotation]]] = {}
        self.problems: list[str] = []
        """Plain sentences about files that had to be set aside, newest last."""

    # -- files ------------------------------------------------------------------

    def path_for(self, article_id: str) -> Path:
        """The file holding ``article_id``'s annotations."""
        shard = article_id[-2:] if len(article_id) >= 2 else "__"
        return self.root / shard / f"{article_id}.json"

    def article_ids(self) -> list[str]:
        """Ids of every article that has an annotation file."""
        if not self.root.is_dir():
            return []
        return sorted(p.stem for p in self.root.glob("*/*.json"))

    def _set_aside(self, path: Path, error: StoreError) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        backup = path.with_name(f"{path.name}.unreadable-{stamp}")
        try:
            os.replace(path, backup)
        except OSError as move_error:
            raise StoreError(f"{error}; could not set it aside ({move_error})") from error
        self.problems.append(f"{error}; kept as {backup.name}, and this article starts afresh.")

    @contextmanager
    def _change(self, article_id: str) -> Iterator[Table]:
        """The annotations table of one article, locked, fresh, written once on exit."""
        path = self.path_for(article_id)
        try:
            ensure_private_dir(path.parent)
        except PermissionError as error:
            raise StoreError(f"{self.root} is read-only; nothing was saved") from error
        except OSError as error:
            raise StoreError(f"cannot create {path.parent} ({error.strerror})") from error
        lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT)
        try:
            with lock:
                remove_stale_temp_files(path)
                storage = AtomicJSONStorage(path)
                try:
                    storage.read()
                except UnreadableFile as error:
                    self._set_aside(path, error)
                db = _ArticleDB(path, storage=lambda _p: storage)  # type: ignore[arg-type]
                with storage.batch():
                    _migrate(db)
                    yield db.table("annotations", cache_size=0)
                self._cache.pop(article_id, None)
        except Timeout as error:
            raise StoreError(
                f"another sorot has held {path.name} for {LOCK_TIMEOUT:.0f} s; nothing was saved"
            ) from error

    # -- reading ----------------------------------------------------------------

    def annotations(self, article_id: str) -> list[Annotation]:
        """Every annotation of ``article_id``, oldest first."""
        path = self.path_for(article_id)
        try:
            stat = path.stat()
        except FileNotFoundError:
            return []
        except OSError as error:
            raise StoreError(f"{path}: cannot read ({error.strerror})") from error
        signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        cached = self._cache.get(article_id)
        if cached is not None and cached[0] == signature:
            return list(cached[1])
        try:
            data = AtomicJSONStorage(path).read() or {}
        except UnreadableFile:
            # Set it aside under the lock, where no writer is halfway through.
            with self._change(article_id):
                pass
            return []
        items = self._parse(data.get("annotations", {}))
        self._cache[article_id] = (signature, items)
        return list(items)

    @staticmethod
    def _parse(table: dict[str, Any]) -> list[Annotation]:
        items = []
        for doc in table.values():
            try:
                items.append(Annotation.from_dict(doc))
            except ValueError:
                continue
        items.sort(key=lambda a: (a.created, a.id))
        return items

    def get(self, article_id: str, annotation_id: str) -> Annotation | None:
        """One annotation by id, if it exists."""
        for annotation in self.annotations(article_id):
            if annotation.id == annotation_id:
                return annotation
        return None

    def all(self) -> Iterator[Annotation]:
        """Every annotation in the store, article by article."""
        for article_id in self.article_ids():
            yield from self.annotations(article_id)

    def counts(self, article_id: str) -> Counter[str]:
        """``claim``, ``note`` and ``claim:<status>`` counts for one article."""
        counts: Counter[str] = Counter()
        for annotation in self.annotations(article_id):
            counts[annotation.kind] += 1
            if annotation.kind == "claim":
                counts[f"claim:{annotation.status or 'unverified'}"] += 1
        return counts

    # -- changing ---------------------------------------------------------------

    def save(self, annotation: Annotation) -> Annotation:
        """Insert ``annotation`` or replace the stored one with its id; durable on return."""
        self.save_many(annotation.article_id, [annotation])
        return annotation

    def save_many(self, article_id: str, annotations: list[Annotation]) -> None:
        """Save several annotations of one article in one write."""
        with self._change(article_id) as table:
            for annotation in annotations:
                if table.contains(doc_id=annotation.id):
                    table.remove(doc_ids=[annotation.id])
                table.insert(Document(annotation.to_dict(), doc_id=annotation.id))

    def delete(self, article_id: str, annotation_id: str) -> Annotation | None:
        """Remove one annotation; returns what was removed (``None`` if it was not there)."""
        with self._change(article_id) as table:
            doc = table.get(doc_id=annotation_id)
            if doc is None:
                return None
            table.remove(doc_ids=[annotation_id])
            return Annotation.from_dict(dict(doc))

    # -- anchoring --------------------------------------------------------------

    def anchored(self, article: Article) -> list[Annotation]:
        """The annotations of ``article`` placed in its current text.

        Annotations made on another version of the text are placed again
        (see ``store.anchoring``) and saved so; those that cannot be placed
        are kept and flagged orphaned, with their old selector, so that they
        find their place again if the text comes back.
        """
        items = self.annotations(article.id)
        moved: list[Annotation] = []
        result: list[Annotation] = []
        for annotation in items:
            if annotation.selector is None or annotation.sha256 == article.sha256:
                result.append(annotation)
                continue
            placement = place(annotation.selector, article.body)
            if placement.selector is None:
                updated = annotation if annotation.orphaned else annotation.edited(orphaned=True)
            else:
                updated = annotation.edited(
                    selector=placement.selector, sha256=article.sha256, orphaned=False
                )
            if updated is not annotation:
                moved.append(updated)
            result.append(updated)
        if moved:
            try:
                self.save_many(article.id, moved)
            except StoreError as error:
                self.problems.append(f"could not save re-anchored annotations: {error}")
        return result

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

import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from store.annotations.annotation import Annotation
from store.annotations.atomicstorage import (
    AtomicJSONStorage,
    NewerSchema,
    UnreadableFile,
    remove_stale_temp_files,
)
from store.annotations.conflicts import EditConflict, FieldConflict, conflict_of
from store.annotations.corrections_table import CorrectionsTable
from store.annotations.migrations import SCHEMA_VERSION, migrate
from store.annotations.reanchoring import Reanchoring, origin_of, slug
from store.files.jsonfile import StoreError, lock_for
from store.files.modes import denied, make_folders
from store.news.article import Article

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another process's change to one article before giving up."""

LOCK_POLL = 0.002
"""Seconds between tries for a held lock: writers hold it for milliseconds."""

_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


class _UuidTable(Table):
    """A TinyDB table whose document ids are the annotations' uuids."""

    document_id_class = str

    def _get_next_id(self) -> str:  # pragma: no cover - every insert names its id
        raise StoreError("annotations are stored under their own ids")


class _ArticleDB(TinyDB):
    table_class = _UuidTable


class AnnotationStore(Reanchoring, CorrectionsTable):
    """All annotations in one data folder, one file per article."""

    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / "annotations"
        self._cache: dict[str, tuple[tuple[int, int, int], list[Annotation]]] = {}
        self.problems: list[str] = []
        """Plain sentences about files that had to be set aside, newest last."""

    # -- files ------------------------------------------------------------------

    def path_for(self, article_id: str) -> Path:
        """The file holding ``article_id``'s annotations.

        Files are sharded by the title part of the id, so that the versions of
        one article (same title, other text) sit in one folder.
        """
        if not _SAFE_ID.fullmatch(article_id):
            raise StoreError(f"{article_id!r} is not an article id")
        shard = hashlib.sha1(slug(article_id).encode("utf-8")).hexdigest()[:2]
        return self.root / shard / f"{article_id}.json"

    def article_ids(self) -> list[str]:
        """Ids of every article that has an annotation file.

        A folder that cannot be read is not skipped in silence: it is named in
        ``problems`` (whoever lists must say that the list is incomplete).
        """
        try:
            shards = sorted(os.scandir(self.root), key=lambda e: e.name)
        except FileNotFoundError:
            return []
        except PermissionError:
            self._unreadable(self.root)
            return []
        except OSError as error:
            raise StoreError(f"{self.root}: cannot read ({error.strerror})") from error
        found = []
        for shard in shards:
            if not shard.is_dir() or shard.name.startswith("."):
                continue
            try:
                names = os.listdir(shard.path)
            except PermissionError:
                self._unreadable(Path(shard.path))
                continue
            except OSError:
                continue
            found.extend(n[:-5] for n in names if n.endswith(".json") and not n.startswith("."))
        return sorted(found)

    def _unreadable(self, folder: Path) -> None:
        self._say(f"{denied(folder, 'read')}; its annotations are left out")

    def _say(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    def _has_file(self, article_id: str) -> bool:
        """True when ``article_id`` has an annotation file (``StoreError``: it cannot be seen)."""
        path = self.path_for(article_id)
        try:
            path.stat()
        except FileNotFoundError:
            return False
        except PermissionError as error:
            raise StoreError(denied(path, "read")) from error
        except OSError as error:
            raise StoreError(f"{path}: cannot read ({error.strerror})") from error
        return True

    def _set_aside(self, path: Path, error: StoreError) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        backup = path.with_name(f"{path.name}.unreadable-{stamp}")
        number = 1
        while backup.exists():  # never replace an earlier backup: it holds someone's work
            number += 1
            backup = path.with_name(f"{path.name}.unreadable-{stamp}-{number}")
        try:
            os.replace(path, backup)
        except OSError as move_error:
            raise StoreError(f"{error}; could not set it aside ({move_error})") from error
        self.problems.append(f"{error}; kept as {backup.name}, and this article starts afresh.")

    @contextmanager
    def _change(
        self, article_id: str, origin: Article | None = None, table: str = "annotations"
    ) -> Iterator[Table]:
        """One table of one article's file, locked, fresh, written once on exit."""
        from filelock import Timeout  # with the first save (lock_for says why)

        path = self.path_for(article_id)
        try:
            make_folders(path.parent)
            with lock_for(path, LOCK_TIMEOUT, LOCK_POLL):
                remove_stale_temp_files(path)
                storage = AtomicJSONStorage(path, known_schema=SCHEMA_VERSION)
                db = _ArticleDB(path, storage=lambda _p: storage)  # type: ignore[arg-type]
                with storage.batch():
                    # The batch parses the file once; this first read also finds a broken one.
                    try:
                        storage.read()
                    except UnreadableFile as error:
                        self._set_aside(path, error)
                    migrate(db)
                    if origin is not None:
                        db.table("meta").upsert(Document(origin_of(origin), doc_id="article"))
                    yield db.table(table, cache_size=0)
                self._remember_written(article_id, path, storage.last_written)
        except Timeout as error:
            raise StoreError(
                f"another sorot has held {path.name} for {LOCK_TIMEOUT:.0f} s; nothing was saved"
            ) from error
        except PermissionError as error:
            where = Path(error.filename) if error.filename else path
            raise StoreError(f"{denied(where, 'save')}; nothing was saved") from error
        except OSError as error:
            raise StoreError(f"{path}: cannot save ({error.strerror or error})") from error

    def _remember_written(self, article_id: str, path: Path, data: dict[str, Any] | None) -> None:
        """Cache what was just written, so the reader's reload does not parse it again."""
        self._cache.pop(article_id, None)
        if data is None:
            return
        try:
            stat = path.stat()
        except OSError:
            return
        items = self._parse(path, data.get("annotations", {}))
        self._cache[article_id] = ((stat.st_mtime_ns, stat.st_size, stat.st_ino), items)

    # -- reading ----------------------------------------------------------------

    def _read(self, article_id: str) -> dict[str, Any]:
        """The parsed file of ``article_id`` ({} when it has none); sets aside a broken one."""
        path = self.path_for(article_id)
        try:
            return AtomicJSONStorage(path, known_schema=SCHEMA_VERSION).read() or {}
        except UnreadableFile:
            # Set it aside under the lock, where no writer is halfway through.
            with self._change(article_id):
                pass
            return {}

    def _readable(self, article_id: str) -> dict[str, Any]:
        """As :meth:`_read`, for showing and exporting: a newer sorot's file is said, not read.

        (It is left as it is for the newer sorot; changing it is refused.)
        """
        try:
            return self._read(article_id)
        except NewerSchema as error:
            self._say(f"{error}; its annotations are left out")
            return {}

    def annotations(self, article_id: str, *, keep: bool = True) -> list[Annotation]:
        """Every annotation of ``article_id``, oldest first.

        ``keep=False`` leaves them out of the cache: a reader passing once over
        every article (an export) would otherwise hold the whole store.
        """
        path = self.path_for(article_id)
        try:
            stat = path.stat()
        except FileNotFoundError:
            return []
        except PermissionError as error:
            raise StoreError(denied(path, "read")) from error
        except OSError as error:
            raise StoreError(f"{path}: cannot read ({error.strerror})") from error
        signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        cached = self._cache.get(article_id)
        if cached is not None and cached[0] == signature:
            return list(cached[1])
        items = self._parse(path, self._readable(article_id).get("annotations", {}))
        if keep:
            self._cache[article_id] = (signature, items)
        return list(items)

    def _parse(self, path: Path, table: dict[str, Any]) -> list[Annotation]:
        items = []
        for key, doc in table.items():
            try:
                items.append(Annotation.from_dict(doc))
            except ValueError as error:
                # Kept in the file (a newer sorot's field, a fix by hand), left out here: said.
                self._say(f"{path}: annotation {str(key)[:40]} left out ({error})")
        items.sort(key=lambda a: (a.created, a.id))
        return items

    def get(self, article_id: str, annotation_id: str) -> Annotation | None:
        """One annotation by id, if it exists."""
        for annotation in self.annotations(article_id):
            if annotation.id == annotation_id:
                return annotation
        return None

    def article_origin(self, article_id: str) -> dict[str, Any] | None:
        """What the file of ``article_id`` recorded about its article (source, url, title)."""
        if not self._has_file(article_id):
            return None
        origin = self._readable(article_id).get("meta", {}).get("article")
        return dict(origin) if isinstance(origin, dict) else None

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

    def save(self, annotation: Annotation, article: Article | None = None) -> Annotation:
        """Insert ``annotation`` or replace the stored one with its id; durable on return."""
        self.save_many(annotation.article_id, [annotation], article)
        return annotation

    def save_many(
        self, article_id: str, annotations: list[Annotation], article: Article | None = None
    ) -> None:
        """Save several annotations of one article in one write.

        ``article``, when given, is recorded in the file so that a later
        version of the article (its text re-scraped) can find these annotations.
        """
        with self._change(article_id, article) as table:
            for annotation in annotations:
                if table.contains(doc_id=annotation.id):
                    table.remove(doc_ids=[annotation.id])
                table.insert(Document(annotation.to_dict(), doc_id=annotation.id))

    def update(
        self,
        article_id: str,
        annotation_id: str,
        changes: dict[str, Any],
        article: Article | None = None,
        *,
        by: str = "",
        base: Mapping[str, Any] | None = None,
        note: str = "",
    ) -> tuple[Annotation, Annotation] | None:
        """Change only the fields in ``changes`` of the stored annotation, under the lock.

        A colleague's edit of other fields, made since this process last read
        the file, is kept. With ``base`` (the values the user started from), a
        field someone else changed since to another value than the user's
        raises :class:`EditConflict` and nothing is written. The change is a
        new revision, by ``by``, kept in the annotation's history. Returns
        (before, after), or ``None`` when the annotation is no longer there.
        """
        with self._change(article_id, article) as table:
            doc = table.get(doc_id=annotation_id)
            if doc is None:
                return None
            before = Annotation.from_dict(dict(doc))  # type: ignore[arg-type]
            if base is not None:
                conflicts = [
                    conflict_of(before, name, value)
                    for name, value in changes.items()
                    if name in base
                    and getattr(before, name) != base[name]
                    and getattr(before, name) != value
                ]
                if conflicts:
                    raise EditConflict(before, conflicts)
            real = {k: v for k, v in changes.items() if getattr(before, k) != v}
            if not real:
                return before, before
            after = before.changed(by or before.updated_by, real, note)
            table.remove(doc_ids=[annotation_id])
            table.insert(Document(after.to_dict(), doc_id=annotation_id))
            return before, after

    def revert(
        self,
        article_id: str,
        annotation_id: str,
        fields: Mapping[str, tuple[Any, Any]],
        article: Article | None = None,
        *,
        by: str,
        note: str,
    ) -> list[FieldConflict] | None:
        """Set each field back, ``{field: (expected, value)}``, where it still is ``expected``.

        For undo and redo: a field someone else changed since keeps their value
        and is returned as a :class:`FieldConflict`. ``None`` when the
        annotation is gone.
        """
        with self._change(article_id, article) as table:
            doc = table.get(doc_id=annotation_id)
            if doc is None:
                return None
            current = Annotation.from_dict(dict(doc))  # type: ignore[arg-type]
            changes, kept = {}, []
            for name, (expected, value) in fields.items():
                now = getattr(current, name)
                if now == expected:
                    changes[name] = value
                elif now != value:
                    kept.append(conflict_of(current, name, value))
            if changes:
                after = current.changed(by, changes, note)
                table.remove(doc_ids=[annotation_id])
                table.insert(Document(after.to_dict(), doc_id=annotation_id))
            return kept

    def remove_if_unchanged(self, annotation: Annotation, by: str) -> Annotation | None:
        """Remove ``annotation`` unless someone changed it since; returns it if they did.

        (Undoing an "add" must not delete a note a colleague has written into.)
        Already gone: nothing to do, ``None``.
        """
        if not self._has_file(annotation.article_id):
            return None
        with self._change(annotation.article_id) as table:
            doc = table.get(doc_id=annotation.id)
            if doc is None:
                return None
            current = Annotation.from_dict(dict(doc))  # type: ignore[arg-type]
            if any(e.revision > annotation.revision and e.by != by for e in current.history):
                return current
            table.remove(doc_ids=[annotation.id])
            return None

    def restore(self, annotation: Annotation, article: Article | None = None) -> bool:
        """Put ``annotation`` back unless one with its id exists; True when it was put back."""
        with self._change(annotation.article_id, article) as table:
            if table.contains(doc_id=annotation.id):
                return False
            table.insert(Document(annotation.to_dict(), doc_id=annotation.id))
            return True

    def delete(self, article_id: str, annotation_id: str) -> Annotation | None:
        """Remove one annotation; returns what was removed (``None`` if it was not there)."""
        if not self._has_file(article_id):
            return None
        with self._change(article_id) as table:
            doc = table.get(doc_id=annotation_id)
            if doc is None:
                return None
            table.remove(doc_ids=[annotation_id])
            return Annotation.from_dict(dict(doc))  # type: ignore[arg-type]

    def merge(
        self,
        article_id: str,
        incoming: list[Annotation],
        choose: Callable[[Annotation | None, Annotation], bool],
    ) -> None:
        """Write each of ``incoming`` that ``choose(stored, incoming)`` accepts, in one write.

        ``choose`` sees the stored version as it is under the lock, so an
        import never overwrites an edit another sorot made meanwhile.
        """
        with self._change(article_id) as table:
            for annotation in incoming:
                doc = table.get(doc_id=annotation.id)
                try:
                    stored = Annotation.from_dict(dict(doc)) if doc is not None else None  # type: ignore[arg-type]
                except ValueError:
                    stored = None
                if choose(stored, annotation):
                    if doc is not None:
                        table.remove(doc_ids=[annotation.id])
                    table.insert(Document(annotation.to_dict(), doc_id=annotation.id))

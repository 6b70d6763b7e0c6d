"""A reader marks claims in the seed articles; the store keeps them, shares them, loses none.

Each test is a small story: a fact-checker tags a sentence as a claim, edits
it, deletes it, a colleague's sorot on the same folder sees it, the disk hands
back a broken file, the folder turns read-only. The store's files are checked
as they are on disk, because that is what another process (or an older or
newer sorot) will read.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
import uuid
from collections import Counter
from pathlib import Path

import pytest

import store.annotations.store as annotationstore_module
from store.annotations.annotation import Annotation, Selector
from store.annotations.atomicstorage import AtomicJSONStorage
from store.annotations.store import SCHEMA_VERSION, AnnotationStore
from store.files.jsonfile import StoreError
from store.news.article import Article
from store.news.loading import load_paths

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# Claims a fact-checker would tag in the seeds, by seed file prefix.
MILITARY_AID = (
    "Setelah pertemuan tersebut, Korea Utara dilaporkan mengirim lebih dari 10.000 kontainer "
    "amunisi, howitzer swa-gerak, dan peluncur roket ganda ke Rusia, menurut badan intelijen "
    "Korea Selatan."
)
TROOPS = "hampir 12.000 tentara"


@pytest.fixture(scope="module")
def seed_articles() -> dict[str, Article]:
    """The five seed articles by the first three characters of their file names."""
    loaded = load_paths([SEEDS])
    assert not loaded.problems
    return {Path(a.source).name[:3]: a for a in loaded.articles}


@pytest.fixture
def kim(seed_articles: dict[str, Article]) -> Article:
    """``Kim Jong Un Dukung Hak Rusia untuk Bela Diri Melawan Ukraina`` (LOGIC.co.id)."""
    return seed_articles["003"]


@pytest.fixture
def belousov(seed_articles: dict[str, Article]) -> Article:
    """``Menteri Pertahanan Rusia Andrey Belousov bertemu langsung …`` (geosurvey.co.id)."""
    return seed_articles["002"]


@pytest.fixture
def data_dir(isolated_home: Path) -> Path:
    return isolated_home / "data"


@pytest.fixture
def store(data_dir: Path) -> AnnotationStore:
    return AnnotationStore(data_dir)


def claim(article: Article, quote: str, **fields) -> Annotation:
    """A claim on the first occurrence of ``quote`` in ``article``."""
    start = article.body.index(quote)
    fields.setdefault("annotator", "rina")
    return Annotation(
        article_id=article.id,
        kind="claim",
        selector=Selector.from_body(article.body, start, start + len(quote)),
        sha256=article.sha256,
        **fields,
    )


def note(article: Article, text: str) -> Annotation:
    """A note on the whole article."""
    return Annotation(article.id, "note", None, article.sha256, "rina", note=text)


def on_disk(store: AnnotationStore, article_id: str) -> dict:
    """The article's annotation file as JSON, read past every cache."""
    return json.loads(store.path_for(article_id).read_text(encoding="utf-8"))


def set_aside_files(data_dir: Path) -> list[Path]:
    return sorted(data_dir.rglob("*.unreadable-*"))


# -- claims kept, edited, deleted ---------------------------------------------------


def test_a_claim_saved_is_read_back_with_every_field(store, data_dir, kim):
    tagged = claim(
        kim,
        MILITARY_AID,
        claim_type="statistic",
        status="mostly true",
        speaker="intelijen Korea Selatan",
        tags=("amunisi", "Kursk"),
        note="KCNA tidak mengonfirmasi; angka dari Seoul.",
    )

    assert store.save(tagged) == tagged

    assert store.annotations(kim.id) == [tagged]
    assert store.get(kim.id, tagged.id) == tagged
    # Another sorot on the same folder reads the very same claim.
    again = AnnotationStore(data_dir).get(kim.id, tagged.id)
    assert again == tagged
    assert again.quote == MILITARY_AID
    assert kim.body[again.selector.start : again.selector.end] == MILITARY_AID
    assert again.selector.prefix and again.selector.suffix
    assert again.tags == ("amunisi", "Kursk")
    assert again.orphaned is False
    # On disk every field is there, under its own name, the text unescaped.
    doc = on_disk(store, kim.id)["annotations"][tagged.id]
    assert doc == tagged.to_dict()


def test_an_article_note_has_no_passage_and_is_kept_too(store, data_dir, kim):
    remark = note(kim, "Bandingkan angka 10.000 dengan artikel geosurvey (12.000).")
    store.save(remark)
    assert AnnotationStore(data_dir).annotations(kim.id) == [remark]
    assert remark.selector is None and remark.quote == ""


def test_editing_a_claim_replaces_it(store, data_dir, kim):
    tagged = store.save(claim(kim, MILITARY_AID, status="unverified"))
    checked = tagged.edited(status="misleading", note="Jumlah kontainer tidak terverifikasi.")
    store.save(checked)

    assert store.annotations(kim.id) == [checked]
    assert AnnotationStore(data_dir).annotations(kim.id) == [checked]
    assert list(on_disk(store, kim.id)["annotations"]) == [tagged.id]
    assert checked.updated >= tagged.updated


def test_deleting_a_claim_removes_it(store, data_dir, kim):
    first = store.save(claim(kim, MILITARY_AID))
    second = store.save(claim(kim, "lebih dari 10.000 tentara Korea Utara"))

    assert store.delete(kim.id, first.id) == first
    assert store.annotations(kim.id) == [second]
    assert store.get(kim.id, first.id) is None
    assert AnnotationStore(data_dir).annotations(kim.id) == [second]
    assert list(on_disk(store, kim.id)["annotations"]) == [second.id]
    # Deleting it again is not an error: there is nothing to remove.
    assert store.delete(kim.id, first.id) is None
    assert store.annotations(kim.id) == [second]


def test_annotations_come_back_oldest_first(store, kim):
    made = [claim(kim, MILITARY_AID, note=str(n)) for n in range(5)]
    for annotation in reversed(made):
        store.save(annotation)
    assert [a.note for a in store.annotations(kim.id)] == ["0", "1", "2", "3", "4"]


def test_the_annotations_of_two_articles_live_in_two_files(store, data_dir, kim, belousov):
    on_kim = store.save(claim(kim, MILITARY_AID))
    on_belousov = store.save(claim(belousov, TROOPS, speaker="Amerika Serikat (AS)"))

    kim_file, belousov_file = store.path_for(kim.id), store.path_for(belousov.id)
    assert kim_file != belousov_file
    assert kim_file.is_file() and belousov_file.is_file()
    assert list(on_disk(store, kim.id)["annotations"]) == [on_kim.id]
    assert list(on_disk(store, belousov.id)["annotations"]) == [on_belousov.id]
    assert store.annotations(kim.id) == [on_kim]
    assert store.annotations(belousov.id) == [on_belousov]
    assert store.article_ids() == sorted([kim.id, belousov.id])
    assert sorted(a.id for a in AnnotationStore(data_dir).all()) == sorted(
        [on_kim.id, on_belousov.id]
    )


def test_uuids_not_tinydb_doc_ids_are_the_keys_in_the_file(store, kim):
    saved = [store.save(claim(kim, MILITARY_AID, note=str(n))) for n in range(3)]
    store.delete(kim.id, saved[1].id)
    store.save(claim(kim, MILITARY_AID, note="3"))

    table = on_disk(store, kim.id)["annotations"]
    assert len(table) == 3
    for key, doc in table.items():
        assert key == doc["id"]
        assert uuid.UUID(key).version == 4
    assert not {"1", "2", "3", "4"} & set(table)


def test_an_article_without_annotations_has_no_file_and_no_annotations(store, kim):
    assert store.annotations(kim.id) == []
    assert store.get(kim.id, str(uuid.uuid4())) is None
    assert store.article_ids() == []
    assert not store.path_for(kim.id).exists()


def test_counts_give_claims_notes_and_claims_by_status(store, kim, belousov):
    for status in ("true", "false", "false", None):
        store.save(claim(kim, MILITARY_AID, status=status))
    store.save(note(kim, "Sumber: KCNA"))
    store.save(note(kim, "Cek ulang angka."))
    store.save(claim(belousov, TROOPS, status="true"))

    assert store.counts(kim.id) == Counter(
        {"claim": 4, "note": 2, "claim:false": 2, "claim:true": 1, "claim:unverified": 1}
    )
    assert store.counts(belousov.id) == Counter({"claim": 1, "claim:true": 1})
    assert store.counts("no-such-article-00000000") == Counter()


# -- two processes on one folder ----------------------------------------------------


def test_a_second_store_on_the_folder_sees_every_change_of_the_first(data_dir, kim):
    mine, theirs = AnnotationStore(data_dir), AnnotationStore(data_dir)
    assert theirs.annotations(kim.id) == []

    first = mine.save(claim(kim, MILITARY_AID, status="checking"))
    assert theirs.annotations(kim.id) == [first]

    second = mine.save(claim(kim, "lebih dari 10.000 tentara Korea Utara"))
    assert theirs.annotations(kim.id) == [first, second]

    # Same length of status, same file size: the stat check still sees the change.
    relabelled = first.edited(status="unproven")
    mine.save(relabelled)
    assert theirs.get(kim.id, first.id).status == "unproven"

    mine.delete(kim.id, second.id)
    assert theirs.annotations(kim.id) == [relabelled]


def test_reading_an_unchanged_file_again_is_served_from_the_cache(store, kim, monkeypatch):
    store.save(claim(kim, MILITARY_AID))
    reads = []
    real_read = AtomicJSONStorage.read

    def counting_read(self):
        reads.append(self.path)
        return real_read(self)

    monkeypatch.setattr(AtomicJSONStorage, "read", counting_read)
    reader = AnnotationStore(store.root.parent)

    def reads_while_reading() -> int:
        reads.clear()
        assert reader.annotations(kim.id)
        return len(reads)

    assert reads_while_reading() == 1
    assert reads_while_reading() == 0
    assert reads_while_reading() == 0
    store.save(claim(kim, MILITARY_AID))
    assert reads_while_reading() == 1
    assert len(reader.annotations(kim.id)) == 2


def test_two_stores_adding_at_once_both_keep_theirs(data_dir, kim):
    mine, theirs = AnnotationStore(data_dir), AnnotationStore(data_dir)
    a = mine.save(claim(kim, MILITARY_AID, annotator="rina"))
    assert mine.annotations(kim.id) == [a]  # mine now holds a cached, soon stale, view
    b = theirs.save(claim(kim, TROOPS.replace("hampir 12.000", "10.000"), annotator="budi"))
    c = mine.save(claim(kim, "lebih dari 10.000 tentara Korea Utara", annotator="rina"))
    d = theirs.save(note(kim, "budi: angka beda dengan Kompas"))

    expected = {a.id, b.id, c.id, d.id}
    assert {x.id for x in mine.annotations(kim.id)} == expected
    assert {x.id for x in theirs.annotations(kim.id)} == expected
    assert set(on_disk(mine, kim.id)["annotations"]) == expected


# -- schema versions ----------------------------------------------------------------


def test_the_schema_version_is_written_with_the_first_annotation(store, kim):
    store.save(claim(kim, MILITARY_AID))
    assert on_disk(store, kim.id)["meta"] == {"schema": {"version": SCHEMA_VERSION}}


def version_0_doc(article: Article, quote: str) -> dict:
    """An annotation as the first sorot wrote it: no ``orphaned`` flag."""
    doc = claim(article, quote, status="false", speaker="KCNA", tags=("v0",)).to_dict()
    del doc["orphaned"]
    return doc


def test_a_version_0_file_is_read_and_migrated_on_the_next_change(store, data_dir, kim):
    old = version_0_doc(kim, MILITARY_AID)
    path = store.path_for(kim.id)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"annotations": {old["id"]: old}}), encoding="utf-8")

    (read,) = store.annotations(kim.id)
    assert read.id == old["id"] and read.orphaned is False
    assert read.status == "false" and read.speaker == "KCNA" and read.tags == ("v0",)

    added = store.save(claim(kim, TROOPS.replace("hampir 12.000", "10.000")))

    data = on_disk(store, kim.id)
    assert data["meta"] == {"schema": {"version": SCHEMA_VERSION}}
    assert data["annotations"][old["id"]] == {**old, "orphaned": False}
    assert set(data["annotations"]) == {old["id"], added.id}
    assert AnnotationStore(data_dir).annotations(kim.id) == [read, added]
    assert store.problems == []
    assert set_aside_files(data_dir) == []


def newer_file(store: AnnotationStore, article: Article, data: dict) -> bytes:
    path = store.path_for(article.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data).encode("utf-8")
    path.write_bytes(raw)
    return raw


def test_a_file_from_a_newer_sorot_is_refused_and_left_untouched(store, data_dir, kim):
    theirs = claim(kim, MILITARY_AID).to_dict()
    raw = newer_file(
        store, kim, {"meta": {"schema": {"version": 99}}, "annotations": {theirs["id"]: theirs}}
    )

    with pytest.raises(StoreError) as refused:
        store.save(claim(kim, TROOPS.replace("hampir 12.000", "10.000")))
    message = str(refused.value)
    assert "newer" in message and "99" in message and kim.id in message
    assert "\n" not in message and "Traceback" not in message
    with pytest.raises(StoreError, match="newer"):
        store.delete(kim.id, theirs["id"])
    with contextlib.suppress(StoreError):
        store.annotations(kim.id)

    assert store.path_for(kim.id).read_bytes() == raw
    assert set_aside_files(data_dir) == []
    assert list(store.path_for(kim.id).parent.glob(".*.tmp")) == []


def test_a_newer_sorot_file_in_a_layout_this_one_does_not_know_is_left_untouched(
    store, data_dir, kim
):
    # Schema 99 may store annotations however it likes (here: a list). This
    # sorot must refuse to change it, not call it unreadable and move it away
    # (the newer sorot would then find the article empty).
    theirs = claim(kim, MILITARY_AID).to_dict()
    raw = newer_file(
        store, kim, {"meta": {"schema": {"version": 99}}, "annotations": [theirs], "format": 99}
    )

    with contextlib.suppress(StoreError):
        store.annotations(kim.id)
    with pytest.raises(StoreError, match="newer"):
        store.save(claim(kim, TROOPS.replace("hampir 12.000", "10.000")))

    assert store.path_for(kim.id).read_bytes() == raw
    assert set_aside_files(data_dir) == []
    [problem] = store.problems  # said (one line), not set aside
    assert "newer" in problem and "99" in problem and "\n" not in problem


# -- files that cannot be read ------------------------------------------------------


def truncated_file(store: AnnotationStore, article: Article) -> bytes:
    """The first half of a real annotation file: what a torn write would leave."""
    scratch = AnnotationStore(store.root.parent / "scratch")
    scratch.save(claim(article, MILITARY_AID, note="x" * 200))
    whole = scratch.path_for(article.id).read_bytes()
    return whole[: len(whole) // 2]


CORRUPT = {
    "garbage bytes": (lambda store, article: b"\x89PNG\r\n\x1a\n\x00\xff\xfe garbage", "JSON"),
    "truncated JSON": (truncated_file, "JSON"),
    "empty": (lambda store, article: b"", "empty"),
    "a JSON list": (lambda store, article: b"[]", "not a sorot annotation file"),
    "a table that is a list": (
        lambda store, article: b'{"annotations": [{"id": "x"}]}',
        "not a sorot annotation file",
    ),
}


@pytest.mark.parametrize("kind", list(CORRUPT))
def test_an_unreadable_file_is_set_aside_reported_and_the_article_starts_afresh(
    store, data_dir, kim, belousov, kind
):
    make, why = CORRUPT[kind]
    kept = store.save(claim(belousov, TROOPS))
    path = store.path_for(kim.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    broken = make(store, kim)
    path.write_bytes(broken)

    reader = AnnotationStore(data_dir)
    assert reader.annotations(kim.id) == []

    (backup,) = set_aside_files(data_dir)
    assert backup.parent == path.parent
    assert backup.name.startswith(f"{path.name}.unreadable-")
    assert backup.read_bytes() == broken
    (problem,) = reader.problems
    assert path.name in problem and why in problem and backup.name in problem
    assert "\n" not in problem
    # Every other article goes on.
    assert reader.annotations(belousov.id) == [kept]
    # The article starts afresh: a new claim is kept, the broken bytes too.
    fresh = reader.save(claim(kim, MILITARY_AID))
    assert AnnotationStore(data_dir).annotations(kim.id) == [fresh]
    assert backup.read_bytes() == broken
    assert set_aside_files(data_dir) == [backup]
    assert kim.id in reader.article_ids() and belousov.id in reader.article_ids()


def test_an_unreadable_file_met_while_saving_is_set_aside_and_the_claim_kept(store, data_dir, kim):
    path = store.path_for(kim.id)
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"annotations": {"a": ')

    tagged = store.save(claim(kim, MILITARY_AID))

    assert AnnotationStore(data_dir).annotations(kim.id) == [tagged]
    (backup,) = set_aside_files(data_dir)
    assert backup.read_bytes() == b'{"annotations": {"a": '
    assert len(store.problems) == 1 and path.name in store.problems[0]


def test_two_broken_versions_set_aside_in_the_same_second_are_both_kept(
    store, data_dir, kim, monkeypatch
):
    # The backup's name is stamped to the second; a second broken file within
    # that second must not replace the first backup.
    class FrozenClock(annotationstore_module.datetime):
        @classmethod
        def now(cls, tz=None):
            return annotationstore_module.datetime(2024, 11, 30, 12, 0, 0, tzinfo=tz)

    monkeypatch.setattr(annotationstore_module, "datetime", FrozenClock)
    path = store.path_for(kim.id)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"first broken file")
    assert store.annotations(kim.id) == []
    path.write_bytes(b"second broken file")
    assert store.annotations(kim.id) == []

    backups = set_aside_files(data_dir)
    assert sorted(b.read_bytes() for b in backups) == [b"first broken file", b"second broken file"]
    assert len(store.problems) == 2


# -- leftovers, permissions, read-only folders --------------------------------------


def test_stale_temp_files_are_removed_on_the_next_change(store, kim, belousov):
    store.save(claim(kim, MILITARY_AID))
    store.save(claim(belousov, TROOPS))
    path = store.path_for(kim.id)
    stale = [path.parent / f".{path.name}.{tag}.tmp" for tag in ("k1ll3d", "x_9q2a")]
    for leftover in stale:
        leftover.write_text('{"annotations": {"half', encoding="utf-8")
    other = store.path_for(belousov.id)
    someone_elses = other.parent / f".{other.name}.w0rk1n.tmp"
    someone_elses.write_text("{", encoding="utf-8")

    assert len(store.annotations(kim.id)) == 1  # reading leaves them be
    store.save(claim(kim, "lebih dari 10.000 tentara Korea Utara"))

    assert not any(leftover.exists() for leftover in stale)
    assert someone_elses.exists()  # another article's file: not this change's business
    assert len(AnnotationStore(store.root.parent).annotations(kim.id)) == 2


def test_a_killed_first_write_leaves_a_temp_file_the_first_save_removes(store, belousov):
    path = store.path_for(belousov.id)
    path.parent.mkdir(parents=True)
    leftover = path.parent / f".{path.name}.f1r5t0.tmp"
    leftover.write_text('{"annotations": {"half', encoding="utf-8")

    assert store.delete(belousov.id, "no-such-annotation") is None  # nothing to change
    assert not path.exists()
    store.save(claim(belousov, TROOPS))

    assert not leftover.exists()
    assert len(store.annotations(belousov.id)) == 1


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_annotation_files_and_folders_are_private_to_the_user(umask_022, data_dir, kim):
    assert not data_dir.exists()
    store = AnnotationStore(data_dir)
    store.save(claim(kim, MILITARY_AID))

    path = store.path_for(kim.id)
    assert mode(path) == 0o600
    folders = {str(f): oct(mode(f)) for f in (data_dir, store.root, path.parent)}
    assert folders == {str(f): oct(0o700) for f in (data_dir, store.root, path.parent)}


def test_no_file_sorot_leaves_in_the_data_folder_is_readable_by_others(
    umask_022, data_dir, kim, belousov
):
    store = AnnotationStore(data_dir)
    store.save(claim(kim, MILITARY_AID))
    store.save(claim(belousov, TROOPS))
    store.delete(belousov.id, store.annotations(belousov.id)[0].id)

    loose = {
        str(p.relative_to(data_dir)): oct(mode(p))
        for p in data_dir.rglob("*")
        if p.is_file() and mode(p) & (stat.S_IRWXG | stat.S_IRWXO)
    }
    assert loose == {}


@pytest.fixture
def read_only(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """Make the data folder behave as if chmod 0500 had been run on it and every folder in it.

    Tests run as root, for whom permissions are no obstacle, so the system calls
    a read-only folder refuses are refused here: creating, renaming or removing
    a name in it. Reading, and opening files that exist, still work.
    """
    root = os.path.abspath(data_dir) + os.sep
    real_open, real_mkdir = os.open, os.mkdir

    def inside(path) -> bool:
        return os.path.abspath(os.fsdecode(path)).startswith(root)

    def refuse(path):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))

    def guarded_open(path, flags, mode=0o777, *, dir_fd=None):
        if flags & os.O_CREAT and inside(path) and not os.path.lexists(path):
            refuse(path)
        return real_open(path, flags, mode, dir_fd=dir_fd)

    def guarded_mkdir(path, mode=0o777, *, dir_fd=None):
        if inside(path) and not os.path.lexists(path):
            refuse(path)
        return real_mkdir(path, mode, dir_fd=dir_fd)

    def guarded(real):
        def call(*paths, **kwargs):
            if any(inside(p) for p in paths):
                refuse(paths[0])
            return real(*paths, **kwargs)

        return call

    monkeypatch.setattr(os, "open", guarded_open)
    monkeypatch.setattr(os, "mkdir", guarded_mkdir)
    for name in ("replace", "rename", "unlink", "remove", "rmdir"):
        monkeypatch.setattr(os, name, guarded(getattr(os, name)))
    return data_dir


def test_a_read_only_folder_says_so_and_reading_still_works(store, data_dir, kim, monkeypatch):
    tagged = store.save(claim(kim, MILITARY_AID))
    before = store.path_for(kim.id).read_bytes()

    def no_new_files(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", no_new_files)

    with pytest.raises(StoreError, match="read-only"):
        store.save(claim(kim, TROOPS.replace("hampir 12.000", "10.000")))
    with pytest.raises(StoreError, match="read-only"):
        store.delete(kim.id, tagged.id)

    assert store.annotations(kim.id) == [tagged]
    assert AnnotationStore(data_dir).annotations(kim.id) == [tagged]
    assert store.path_for(kim.id).read_bytes() == before


@pytest.fixture
def populated(store: AnnotationStore, kim: Article, belousov: Article) -> dict[str, Annotation]:
    return {
        "kim": store.save(claim(kim, MILITARY_AID)),
        "belousov": store.save(claim(belousov, TROOPS)),
    }


def unsaved_in_shard(store: AnnotationStore, article: Article) -> Annotation:
    """A claim on an article never annotated whose file would sit beside ``article``'s."""
    # Versions of one article (same title part, other hash) share a folder.
    twin = article.id.rsplit("-", 1)[0] + "-00000000"
    assert store.path_for(twin).parent == store.path_for(article.id).parent
    assert not store.path_for(twin).exists()
    return Annotation(twin, "claim", Selector(0, 3, "Kim"), "0" * 64, "rina")


def test_read_only_folder_saving_to_an_annotated_article(populated, store, kim, read_only):
    before = store.path_for(kim.id).read_bytes()
    with pytest.raises(StoreError, match="read-only"):
        store.save(claim(kim, "lebih dari 10.000 tentara Korea Utara"))
    with pytest.raises(StoreError, match="read-only"):
        store.delete(kim.id, populated["kim"].id)
    assert store.path_for(kim.id).read_bytes() == before
    assert store.annotations(kim.id) == [populated["kim"]]
    assert AnnotationStore(read_only).annotations(kim.id) == [populated["kim"]]


def test_read_only_folder_saving_to_a_new_article_in_a_new_shard(populated, store, read_only):
    new = Annotation("artikel-baru-000000zz", "claim", Selector(0, 3, "Kim"), "0" * 64, "rina")
    assert not store.path_for(new.article_id).parent.exists()
    with pytest.raises(StoreError, match="read-only"):
        store.save(new)
    assert store.annotations(new.article_id) == []


def test_read_only_folder_saving_to_a_new_article_in_an_existing_shard(
    populated, store, kim, read_only
):
    # The shard folder exists (256 shards fill up quickly) but this article
    # has no file and no lock file yet: creating the lock file is refused too.
    new = unsaved_in_shard(store, kim)
    with pytest.raises(StoreError, match="read-only"):
        store.save(new)
    assert store.annotations(new.article_id) == []
    assert store.annotations(kim.id) == [populated["kim"]]


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores folder permissions"
)
def test_a_really_read_only_folder(populated, store, data_dir, kim):
    folders = [data_dir, *(p for p in data_dir.rglob("*") if p.is_dir())]
    for folder in folders:
        folder.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="read-only"):
            store.save(claim(kim, "lebih dari 10.000 tentara Korea Utara"))
        with pytest.raises(StoreError, match="read-only"):
            store.save(unsaved_in_shard(store, kim))
        assert AnnotationStore(data_dir).annotations(kim.id) == [populated["kim"]]
    finally:
        for folder in folders:
            folder.chmod(0o700)

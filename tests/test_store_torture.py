"""The store under abuse: writers killed mid-save, three writers on one file at once.

A connection that drops mid-save kills sorot as surely as ``kill -9``; several
people on one server run sorot against one store. So real processes write
here (``sys.executable`` running the small writer below), one is killed with
SIGKILL at random moments fifty times over, three write one article's file
at once, and the store must afterwards be readable and hold every annotation
a writer said it had saved.

Bounded in time: each round of the crash test writes for at most 80 ms, and
the concurrent writers add 900 small annotations in all.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from store.annotations.annotation import Annotation, Selector
from store.annotations.store import AnnotationStore

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

REPO = Path(__file__).resolve().parent.parent

MAIN = "kim-jong-un-dukung-hak-rusia-untuk-bela-diri-melawan-ukraina-c564596a"
OTHERS = (
    "hubungan-militer-rusia-korea-utara-makin-kuat-sinyal-bahaya-211f3aae",
    "menteri-pertahanan-rusia-andrey-belousov-bertemu-langsung-2f2deb83",
    "apakah-rusia-dan-korea-utara-bersahabat-204945ea",
)
ARTICLES = (MAIN, *OTHERS)

# The writer: ``crash DATA ROUND`` adds annotations until it is killed, printing
# ``try <ids>`` before each save and ``ok <ids>`` once the save has returned;
# ``steady DATA NAME COUNT START`` waits for the file START, then adds COUNT
# annotations to MAIN one by one. Lines go out with one write(2) each, so a
# kill never leaves half a line.
WRITER = r"""
import os, sys, time
from pathlib import Path

from store.annotations.annotation import Annotation, Selector
from store.annotations.store import AnnotationStore

MAIN, *OTHERS = sys.argv[1].split(",")
mode, data = sys.argv[2], Path(sys.argv[3])
store = AnnotationStore(data)
BODY = "Korea Utara dilaporkan mengirim lebih dari 10.000 kontainer amunisi ke Rusia."


def emit(line):
    os.write(1, (line + "\n").encode())


def claim(article, who, n):
    start = n % 40
    return Annotation(
        article,
        "claim",
        Selector.from_body(BODY, start, start + 30),
        "0" * 64,
        who,
        status=("unverified", "checking", "false")[n % 3],
        speaker="intelijen Korea Selatan",
        note=f"{who}:{n}",
    )


if mode == "crash":
    who = f"round-{sys.argv[4]}"
    emit("ready")
    n = 0
    while True:
        if n % 7 == 3:  # one user action, three annotations, one write
            batch = [claim(MAIN, who, n + k) for k in range(3)]
            emit("try " + " ".join(a.id for a in batch))
            store.save_many(MAIN, batch)
            emit("ok " + " ".join(a.id for a in batch))
            n += 3
            continue
        article = OTHERS[n % len(OTHERS)] if n % 5 == 4 else MAIN
        annotation = claim(article, who, n)
        emit("try " + annotation.id)
        store.save(annotation)
        emit("ok " + annotation.id)
        n += 1
else:
    who, count, start = sys.argv[4], int(sys.argv[5]), Path(sys.argv[6])
    emit("ready")
    while not start.exists():
        time.sleep(0.001)
    for n in range(count):
        emit("ok " + store.save(claim(MAIN, who, n)).id)
"""


def writer(*args: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, ",".join(ARTICLES), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=env,
        bufsize=0,  # unbuffered: communicate() must see every byte after "ready"
    )
    first = process.stdout.readline()
    if first != b"ready\n":
        process.kill()
        _, err = process.communicate(timeout=10)
        pytest.fail(f"the writer did not start: {first!r} {err.decode(errors='replace')}")
    return process


def check_store(data: Path) -> dict[str, set[str]]:
    """The ids each article holds, after checking the store is whole; raises on damage."""
    store = AnnotationStore(data)
    held = {article: {a.id for a in store.annotations(article)} for article in ARTICLES}
    assert store.problems == []
    assert list(data.rglob("*.unreadable-*")) == []
    for article in ARTICLES:
        path = store.path_for(article)
        if path.exists():
            table = json.loads(path.read_bytes())["annotations"]
            assert set(table) == held[article]
            assert {doc["article_id"] for doc in table.values()} <= {article}
    return held


def test_a_writer_killed_at_random_moments_loses_nothing_it_acknowledged(tmp_path):
    rng = random.Random(20241130)
    data = tmp_path / "data"
    acknowledged: set[str] = set()
    attempted: set[str] = set()
    batches: list[set[str]] = []
    killed_mid_save = 0
    killed_mid_write = 0
    for round_ in range(50):
        process = writer("crash", str(data), str(round_))
        # Let it acknowledge at least one save first, so that a slow, loaded machine
        # still kills writers in the middle of their work rather than before it.
        seen = [process.stdout.readline()]
        while seen[-1].startswith(b"try"):
            seen.append(process.stdout.readline())
        time.sleep(rng.uniform(0.0, 0.040))
        process.send_signal(signal.SIGKILL)
        out, err = process.communicate(timeout=30)
        assert process.returncode == -signal.SIGKILL, err.decode(errors="replace")

        pending = None
        for line in (b"".join(seen) + out).decode().splitlines():
            verb, *ids = line.split()
            if verb == "try":
                attempted.update(ids)
                pending = set(ids)
                if len(ids) > 1:
                    batches.append(set(ids))
            else:
                assert verb == "ok" and set(ids) == pending
                acknowledged.update(ids)
                pending = None
        killed_mid_save += pending is not None
        killed_mid_write += any(data.rglob(".*.tmp"))  # a temp file written, not yet renamed

        held = check_store(data)
        everything = set().union(*held.values())
        missing = acknowledged - everything
        assert not missing, f"round {round_}: {len(missing)} acknowledged annotations lost"
        assert everything <= attempted, f"round {round_}: annotations nobody saved"
        for batch in batches:
            assert batch & everything in (set(), batch), "a save_many was half applied"

    # Most kills land inside a save (the loop does little else), a good part of
    # them while the new file is being written: the test exercised what it claims to.
    assert killed_mid_save >= 20, killed_mid_save
    assert killed_mid_write >= 1, killed_mid_write
    # (Each round waits for a save to be acknowledged before it kills, so there are at
    # least 50; how many more depends on the machine's load, which is not the test's.)
    assert len(acknowledged) >= 50
    # The next save to each article cleans up after the killed writers, also beside
    # a file whose very first write was killed (a delete there has nothing to change).
    store = AnnotationStore(data)
    body = "Korea Utara dilaporkan mengirim lebih dari 10.000 kontainer amunisi ke Rusia."
    for article in ARTICLES:
        note = Annotation(article, "note", Selector.from_body(body, 0, 11), "0" * 64, "tidy")
        store.save(note)
        acknowledged.add(note.id)
    assert list(data.rglob(".*.tmp")) == []
    assert set().union(*check_store(data).values()) >= acknowledged


def test_three_writers_adding_300_each_at_once_lose_nothing(tmp_path):
    data = tmp_path / "data"
    go = tmp_path / "go"
    names = ("rina", "budi", "sari")
    processes = [writer("steady", str(data), name, "300", str(go)) for name in names]
    go.touch()

    acknowledged: dict[str, set[str]] = {}
    for name, process in zip(names, processes, strict=True):
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode(errors="replace")
        acknowledged[name] = {line.split()[1] for line in out.decode().splitlines()}
        assert len(acknowledged[name]) == 300

    store = AnnotationStore(data)
    items = store.annotations(MAIN)
    assert len(items) == 900
    assert len({a.id for a in items}) == 900
    assert Counter(a.annotator for a in items) == {name: 300 for name in names}
    for name in names:
        assert {a.id for a in items if a.annotator == name} == acknowledged[name]
        assert {a.note for a in items if a.annotator == name} == {f"{name}:{n}" for n in range(300)}
    table = json.loads(store.path_for(MAIN).read_bytes())
    assert len(table["annotations"]) == 900
    assert store.problems == []
    assert list(data.rglob("*.unreadable-*")) == []
    assert list(data.rglob(".*.tmp")) == []

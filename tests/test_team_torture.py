"""Two accounts writing one team folder, killed with SIGKILL at random (root only).

Rina and Budi each save claims in a loop, under their own uid, umask 077,
on the same articles; both are killed mid-work thirty times. Afterwards:
no file unreadable, no acknowledged save lost, and no file a member of the
team cannot read or write (every file the team's, group-readable and
writable; every folder the team's, set-group-id).
"""

from __future__ import annotations

import os
import random
import signal
import stat
import time
from pathlib import Path

from store.annotations.annotation import Annotation, Selector
from store.annotations.store import AnnotationStore
from store.files.sharing import share
from tests.accounts import BUDI, RINA, TEAM, as_user, needs_root, shared_place, spawn_as

pytestmark = needs_root

ARTICLES = ("berita-utama-00000001", "berita-lain-00000002", "berita-ketiga-00000003")
BODY = "Korea Utara dilaporkan mengirim lebih dari 10.000 kontainer amunisi ke Rusia."


def write_forever(emit, data: Path, who: str) -> None:
    """Save claims until killed: ``try ID`` before each save, ``ok ID`` once it returned."""
    store = AnnotationStore(data)
    emit("ready")
    n = 0
    while True:
        article = ARTICLES[n % 5 % len(ARTICLES)]
        start = n % 40
        claim = Annotation(
            article,
            "claim",
            Selector.from_body(BODY, start, start + 30),
            "0" * 64,
            who,
            status=("unverified", "false")[n % 2],
            note=f"{who}:{n}",
        )
        emit(f"try {claim.id}")
        store.save(claim)
        emit(f"ok {claim.id}")
        n += 1


def team_problems(team: Path) -> list[str]:
    """Files and folders a member of the team could not read and write."""
    found = []
    for path in [team, *team.rglob("*")]:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode) or (path.name.startswith(".") and path.suffix == ".tmp"):
            # A temp file a killed writer left (killed before it could take the team's
            # mode) is no one's data: the next save, by either, removes it (below).
            continue
        mode = stat.S_IMODE(info.st_mode)
        if info.st_gid != TEAM:
            found.append(f"{path}: group {info.st_gid}")
        elif stat.S_ISDIR(info.st_mode):
            if not info.st_mode & stat.S_ISGID or mode & 0o070 != 0o070:
                found.append(f"{path}: folder mode {mode:o}")
        elif path.parent.name not in ("reading", "drafts") and mode & 0o060 != 0o060:
            found.append(f"{path}: file mode {mode:o}")
    return found


def test_two_accounts_killed_at_random_lose_nothing_and_lock_nobody_out(seeds: Path) -> None:
    rng = random.Random(20261203)
    with shared_place(seeds) as base:
        team = base / "team"
        share(team, str(TEAM))
        acknowledged: set[str] = set()
        attempted: set[str] = set()
        for round_ in range(30):
            writers = [
                spawn_as(uid, write_forever, team, name)
                for uid, name in ((RINA, "rina"), (BUDI, "budi"))
            ]
            early: list[bytes] = []
            for _pid, pipe in writers:
                assert pipe.readline() == b"ready\n"
                # Each acknowledges a save first: on a loaded machine the kills still
                # land in the middle of work, not before it.
                early.append(pipe.readline())
                while early[-1].startswith(b"try"):
                    early.append(pipe.readline())
            time.sleep(rng.uniform(0.0, 0.060))
            for pid, _pipe in writers:
                os.kill(pid, signal.SIGKILL)
            for pid, pipe in writers:
                os.waitpid(pid, 0)
                early.append(pipe.read())
                pipe.close()
            for line in b"".join(early).decode().splitlines():
                verb, _, rest = line.partition(" ")
                assert verb in ("try", "ok"), line
                (attempted if verb == "try" else acknowledged).add(rest)
            store = AnnotationStore(team)
            held = {a.id for article in ARTICLES for a in store.annotations(article)}
            assert store.problems == [], store.problems
            assert list(team.rglob("*.unreadable-*")) == []
            missing = acknowledged - held
            assert not missing, f"round {round_}: {len(missing)} acknowledged saves lost"
            assert held <= attempted
            assert team_problems(team) == [], f"round {round_}"
        assert len(acknowledged) >= 60
        names = {
            a.annotator for article in ARTICLES for a in AnnotationStore(team).annotations(article)
        }
        assert names == {"rina", "budi"}
        # Budi's next saves clean up after both killed writers, Rina's temp files too.
        as_user(BUDI, tidy, team)
        assert list(team.rglob(".*.tmp")) == []
        assert team_problems(team) == []


def tidy(team: Path) -> None:
    store = AnnotationStore(team)
    for article in ARTICLES:
        store.save(Annotation(article, "note", None, "0" * 64, "budi", note="rapi"))

"""Two real Unix accounts, Rina and Budi, on one team folder (run as root; skipped otherwise).

Each acts in a process of their own under their own uid, with a strict umask
(077), their own primary group and the team's group besides: both read and
save, every command works for both, files keep the team's group and modes
after either saves, and neither can lose access to anything shared.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from store.workspace import Workspace
from tests.accounts import BUDI, RINA, TEAM, as_user, needs_root, shared_place, sorot, warm_up
from tests.pilot_helpers import workers_done

pytestmark = needs_root


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    warm_up()


@pytest.fixture
def place(seeds: Path):
    with shared_place(seeds) as base:
        yield base


def rina_shares_and_annotates(team: Path, corpus: Path) -> dict:
    status, out, err = sorot("share", str(team), "--group", str(TEAM))
    space = Workspace(team)
    space.open_corpus([corpus])
    space.refresh()
    first_row = space.rows(space.query(""))[0]  # the article the library shows first
    article = space.corpus[space.row_data([first_row])[first_row].id]
    annotations = space.annotations_of(article)
    claim = annotations.add_claim(0, 40, claim_type="factual", status="unverified", speaker="KCNA")
    annotations.add_note("Cek dengan Kompas.", None)
    space.sets.save("palsu", space.query("status:false"))
    space.opened(article.id, article.sha256)
    return {"status": status, "out": out, "err": err, "article": article.id, "claim": claim.id}


def budi_reads_and_edits(team: Path, corpus: Path, article_id: str, claim_id: str) -> dict:
    space = Workspace(team)
    space.open_corpus([corpus])
    space.refresh()
    article = space.corpus[article_id]
    annotations = space.annotations_of(article)
    seen = [(a.annotator, a.kind) for a in annotations.items]
    annotations.edit(annotations.get(claim_id), status="false")
    annotations.add_claim(50, 90, claim_type="statistic", status="checking")
    space.opened(article.id, article.sha256)
    return {"seen": sorted(seen), "problems": space.take_problems()}


def every_command(team: Path, corpus: Path, exported: Path) -> dict:
    results = {}
    for name, argv in {
        "list": ["list", str(corpus), "--where", "status:false", "--json", "--db", str(team)],
        "export": ["export", str(corpus), "--db", str(team)],
        "entities": ["entities", str(corpus), "--json", "--db", str(team)],
        "sets": ["sets", "--db", str(team), "list"],
        "import": ["import", str(exported), "--db", str(team)],
    }.items():
        results[name] = sorot(*argv)
    return results


def read_everything(team: Path) -> list[str]:
    """Every shared file of the team folder that this account cannot read."""
    refused = []
    for path in team.rglob("*"):
        if path.is_file() and path.parent.name not in ("reading", "drafts"):
            try:
                path.read_bytes()
            except PermissionError:
                refused.append(str(path))
    return refused


def test_two_accounts_share_one_folder_and_every_command_works_for_both(place: Path) -> None:
    team, corpus = place / "team", place / "corpus"
    made = as_user(RINA, rina_shares_and_annotates, team, corpus)
    assert made["status"] == 0, made["err"]
    assert "is a team folder for group 4242" in made["out"]

    seen = as_user(BUDI, budi_reads_and_edits, team, corpus, made["article"], made["claim"])
    assert seen["seen"] == [("rina", "claim"), ("rina", "note")]
    assert seen["problems"] == []

    # After saves by both, the shared files are the team's, group-writable, whatever the umask.
    store_file = next((team / "annotations").glob("*/*.json"))
    info = store_file.stat()
    assert info.st_gid == TEAM and stat.S_IMODE(info.st_mode) & 0o660 == 0o660
    assert info.st_uid == BUDI, "budi's save replaced the file … and kept it the team's"
    for folder in [team, *[p for p in team.rglob("*") if p.is_dir()]]:
        mode = folder.stat().st_mode
        assert mode & stat.S_ISGID and stat.S_IMODE(mode) & 0o070 == 0o070, folder
        assert folder.stat().st_gid == TEAM, folder
    for user, uid in (("rina", RINA), ("budi", BUDI)):
        own = team / "reading" / f"{user}.json"
        assert own.stat().st_uid == uid and stat.S_IMODE(own.stat().st_mode) == 0o600

    # Every command, for both.
    exported = place / "exported.json"

    def export_for_import() -> None:
        exported.write_text(sorot("export", str(corpus), "--db", str(team))[1], "utf-8")
        exported.chmod(0o644)  # a file she hands to Budi (her umask would keep it hers)

    as_user(RINA, export_for_import)
    for uid in (RINA, BUDI):
        results = as_user(uid, every_command, team, corpus, exported)
        for name, (status, _out, err) in results.items():
            assert status == 0, (uid, name, err)
            assert "Traceback" not in err
        listed = json.loads(results["list"][1])
        assert [a["id"] for a in listed] == [made["article"]]
        document = json.loads(results["export"][1])
        annotators = sorted(
            a["annotator"] for art in document["articles"] for a in art["annotations"]
        )
        assert annotators == ["budi", "rina", "rina"]
        assert "palsu" in results["sets"][1]
        assert "unchanged" in results["import"][1]

    # Neither can lose access to anything shared.
    assert as_user(RINA, read_everything, team) == []
    assert as_user(BUDI, read_everything, team) == []
    again = as_user(RINA, lambda: sorot("share", str(team), "--group", str(TEAM)))
    assert again[0] == 0 and "nothing changed" in again[1]


def rina_keeps_a_private_folder(folder: Path, corpus: Path) -> None:
    space = Workspace(folder)
    space.open_corpus([corpus])
    space.refresh()
    first_row = space.rows(space.query(""))[0]
    article = space.corpus[space.row_data([first_row])[first_row].id]
    space.annotations_of(article).add_claim(0, 40, claim_type="factual", status="false")


def test_a_folder_budi_cannot_read_is_said_never_exported_as_nothing(place: Path) -> None:
    private, corpus = place / "rina-only", place / "corpus"
    as_user(RINA, rina_keeps_a_private_folder, private, corpus)
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    results = as_user(
        BUDI,
        lambda: {
            "export": sorot("export", str(corpus), "--db", str(private)),
            "entities": sorot("entities", str(corpus), "--db", str(private)),
            "list": sorot("list", str(corpus), "--where", "status:false", "--db", str(private)),
        },
    )
    for name, (status, _out, err) in results.items():
        assert status != 0, (name, err)
        assert "Traceback" not in err, (name, err)
        assert "permission denied" in err and str(private) in err, (name, err)
        assert "sorot share" in err


def budis_app_story(team: Path, corpus: Path, css: str) -> dict:
    """Budi's app: opens Rina's article, sees her claim, saves one of his own."""
    import asyncio

    from tui.app import SorotApp

    SorotApp.CSS_PATH = None
    SorotApp.CSS = css
    app = SorotApp([corpus], team, "budi")
    found: dict = {}

    async def story() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await workers_done(app)
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            reader = app.screen
            found["panel"] = [str(o.prompt) for o in reader.panel.options]
            await pilot.press("right_parenthesis", "c")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            found["claims"] = sorted(a.annotator for a in reader.annotations.claims)
            found["notes"] = [str(n.message) for n in app._notifications]

    asyncio.run(story())
    return found


def test_budis_app_opens_rinas_work_and_saves_beside_it(place: Path, tmp_path: Path) -> None:
    team, corpus = place / "team", place / "corpus"
    css = (Path(__file__).resolve().parent.parent / "tui" / "sorot.tcss").read_text("utf-8")
    # The same story once as root first: whatever Textual imports on the way is then
    # in memory for Budi's child, who cannot read this Python's files.
    budis_app_story(tmp_path / "warm", corpus, css)
    as_user(RINA, rina_shares_and_annotates, team, corpus)
    found = as_user(BUDI, budis_app_story, team, corpus, css)
    assert any("KCNA" in line for line in found["panel"]), found
    assert found["claims"] == ["budi", "rina"], found
    assert not [n for n in found["notes"] if "permission" in n.lower()], found["notes"]
    assert as_user(RINA, read_everything, team) == []
    assert os.stat(next((team / "annotations").glob("*/*.json"))).st_gid == TEAM

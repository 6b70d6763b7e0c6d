"""Claim groups leave sorot whole: every appearance in ClaimReview, one W3C annotation
with several targets, the group in native JSON, JSON Lines and CSV.

The story: BaperaNews, LOGIC.co.id and geosurvey.co.id report the Kim–Belousov
meeting; a fact-checker groups the three and calls the claim misleading (the
day differs). The ClaimReview names every outlet, the earliest first.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from store.annotations.store import AnnotationStore
from store.exchange import SCHEMA_PATH, export
from store.exchange.importing import import_file
from store.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def space(tmp_path: Path) -> Workspace:
    space = Workspace(tmp_path / "data", "ani")
    space.open_corpus([SEEDS])
    space.refresh()
    bapera = space.find_article("kim-jong-un-dan")
    start = bapera.body.index("Pemimpin")
    span = (start, bapera.body.index("(29/11).", start) + 8)
    for prefix, first, last in (
        ("menteri-pertahanan", "Menteri Pertahanan Rusia Andrey", "2024)."),
        ("kim-jong-un-dukung", "Dalam pertemuannya", "Kim mengatakan"),
    ):
        other = space.find_article(prefix)
        begin = other.body.index(first)
        linked = space.linker.link(
            bapera, span, other, (begin, other.body.index(last, begin) + len(last))
        )
    group = linked.group
    space.linker.set_verdict(group, "misleading", space.group_members(group.id))
    return space


def exported(space: Workspace, fmt: str, where: str = "") -> str:
    query = space.query(where)
    out = io.StringIO(newline="")
    export(space.select(query), out, fmt, space.export_options(query), query)
    return out.getvalue()


def test_claimreview_has_one_review_with_every_appearance(space):
    reviews = json.loads(exported(space, "claimreview"))
    assert len(reviews) == 1, "three claims of one group are one review"
    (review,) = reviews
    group = next(iter(space.groups.all().values()))
    assert review["identifier"] == group.id
    assert review["claimReviewed"].startswith("Pemimpin Korea Utara, Kim Jong Un, bertemu")
    assert review["reviewRating"]["alternateName"] == "Misleading"
    appearances = review["itemReviewed"]["appearance"]
    outlets = {a.get("publisher", {}).get("name") for a in appearances}
    assert outlets == {"BaperaNews", "geosurvey.co.id", "LOGIC.co.id"}
    first = review["itemReviewed"]["firstAppearance"]
    assert first in appearances
    # The earliest dated article (LOGIC.co.id states no date: undated ones go last).
    assert first["publisher"]["name"] in ("BaperaNews", "geosurvey.co.id")


def test_a_query_selecting_one_member_still_reviews_every_appearance(space):
    reviews = json.loads(exported(space, "claimreview", "geosurvey"))
    (review,) = reviews
    assert len(review["itemReviewed"]["appearance"]) == 3


def test_native_json_carries_the_group_and_validates(space):
    document = json.loads(exported(space, "json"))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    (group,) = document["groups"]
    assert group["status"] == "misleading" and group["revision"] == 2
    assert len(group["members"]) == 3
    assert document["totals"]["groups"] == 1
    claims = [a for article in document["articles"] for a in article["annotations"]]
    assert {a["group"] for a in claims} == {group["id"]}


def test_jsonl_and_csv_name_the_group_of_each_claim(space):
    lines = [json.loads(line) for line in exported(space, "jsonl").splitlines()]
    assert len({line["group"] for line in lines}) == 1 and len(lines) == 3
    rows = list(csv.DictReader(io.StringIO(exported(space, "csv"))))
    assert len({row["group_id"] for row in rows}) == 1 and rows[0]["group_id"]


def test_w3c_writes_the_group_as_one_annotation_with_several_targets(space, tmp_path):
    text = exported(space, "w3c")
    document = json.loads(text)
    items = document["first"]["items"]
    (group,) = [i for i in items if i.get("sorot:kind") == "group"]
    assert len(group["target"]) == 3
    assert {t["sorot:article"] for t in group["target"]} == {
        a.id for a, _c in space.group_members(group["id"].removeprefix("urn:uuid:"))
    }
    members = [i for i in items if i.get("sorot:kind") == "claim"]
    assert all(m["sorot:group"] == group["id"] for m in members)
    # Imported elsewhere: the group's own annotation is skipped, each member keeps its group.
    path = tmp_path / "groups.jsonld"
    path.write_text(text, encoding="utf-8")
    empty = AnnotationStore(tmp_path / "elsewhere")
    import_file(path, empty, articles=[a for a, _c in space.group_members(members_of(group))])
    read = list(empty.all())
    assert len(read) == 3
    assert {a.group for a in read} == {members_of(group)}


def members_of(group: dict) -> str:
    return group["id"].removeprefix("urn:uuid:")

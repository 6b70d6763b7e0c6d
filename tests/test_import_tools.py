"""Importing from the tools people come from, on samples in the shapes those tools export.

Each sample below is written as the tool writes it (Hypothesis's API JSON
and JSON-LD, a Label Studio JSON export, a doccano JSONL export), with the
text taken from the bundled seed articles, so that matching and placing are
tried on sorot's real text. Offsets that other tools count in their own text
(a web page, a task, UTF-16 units) are deliberately off: the quote wins.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from store.annotations.store import AnnotationStore
from store.exchange import ExportOptions, export, select
from store.exchange.claimreview import choose
from store.exchange.importers.labels import LabelMap, Meaning, parse_meaning
from store.exchange.importing import ImportReport, import_file
from store.files.review_settings import ReviewSettings
from store.news.article import Article
from store.workspace import Workspace
from tests.export_fixtures import URL, annotated_store, seed_articles

QUOTE = "Kim menegaskan dukungannya terhadap tindakan Rusia"


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return seed_articles()


@pytest.fixture
def space(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "data", user="rina")


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    return path


def lines(report: ImportReport) -> list[str]:
    return [r.line() for r in report.records]


# -- Hypothesis ---------------------------------------------------------------------------


def hypothesis_jsonld(article: Article) -> dict[str, Any]:
    """An annotation as Hypothesis gives it as JSON-LD (``/api/annotations/ID.jsonld``)."""
    at = article.body.index(QUOTE)
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "https://hypothes.is/a/Xq4kTk3xEe-abc123",
        "created": "2024-12-05T10:00:00.123456+00:00",
        "modified": "2024-12-05T10:02:00.000000+00:00",
        "creator": "acct:rina@hypothes.is",
        "body": [
            {
                "type": "TextualBody",
                "value": "Sumber: AFP. Perlu dicek.",
                "format": "text/markdown",
            },
            {"type": "TextualBody", "purpose": "tagging", "value": "dukungan"},
        ],
        "target": [
            {
                "source": URL,
                "selector": [
                    {
                        "type": "RangeSelector",
                        "startContainer": "/main[1]/article[1]/p[9]",
                        "startOffset": 0,
                        "endContainer": "/main[1]/article[1]/p[9]",
                        "endOffset": 50,
                    },
                    # The web page's text has a menu and a header before the article.
                    {"type": "TextPositionSelector", "start": at + 412, "end": at + 412 + 50},
                    {
                        "type": "TextQuoteSelector",
                        "exact": QUOTE,
                        "prefix": article.body[at - 32 : at],
                        "suffix": article.body[at + 50 : at + 82],
                    },
                ],
            }
        ],
    }


def hypothesis_row(article: Article, **changes: Any) -> dict[str, Any]:
    """An annotation as Hypothesis's API gives it (``/api/search`` rows)."""
    ld = hypothesis_jsonld(article)
    row = {
        "id": "Xq4kTk3xEe-abc123",
        "created": "2024-12-05T10:00:00.123456+00:00",
        "updated": "2024-12-05T10:02:00.000000+00:00",
        "user": "acct:rina@hypothes.is",
        "uri": URL,
        "text": "Sumber: AFP. Perlu dicek.",
        "tags": ["dukungan"],
        "group": "__world__",
        "permissions": {"read": ["group:__world__"], "admin": ["acct:rina@hypothes.is"]},
        "target": [{"source": URL, "selector": ld["target"][0]["selector"]}],
        "document": {"title": ["Kim Jong Un dan Rusia Tingkatkan Kerja Sama Militer"]},
        "links": {"html": "https://hypothes.is/a/Xq4kTk3xEe-abc123"},
        "flagged": False,
        "hidden": False,
        "user_info": {"display_name": "Rina"},
    }
    row.update(changes)
    return row


def test_hypothesis_jsonld_is_placed_by_its_quote_not_the_pages_offsets(
    tmp_path: Path, articles: list[Article]
) -> None:
    article = articles[0]
    store = AnnotationStore(tmp_path / "data")
    path = write(tmp_path / "hypothesis.jsonld", hypothesis_jsonld(article))
    report = import_file(path, store, articles=articles)
    at = article.body.index(QUOTE)
    assert report.format == "w3c" and len(report.added) == 1
    assert lines(report) == [
        f"annotation 1: added: its offsets {at + 412}–{at + 462} pointed elsewhere; "
        f"placed by its quote at {at}–{at + 50}"
    ]
    (note,) = store.all()
    assert (
        note.selector is not None and article.body[note.selector.start : note.selector.end] == QUOTE
    )
    assert (
        note.kind == "note" and note.tags == ("dukungan",) and note.annotator == "rina@hypothes.is"
    )
    assert note.note == "Sumber: AFP. Perlu dicek." and note.sha256 == article.sha256
    assert note.created == "2024-12-05T10:00:00.123456+00:00"
    assert "placed by their quote" not in report.summary() and "1 placed by its quote" in (
        report.summary()
    )


def test_hypothesis_api_json_rows_page_notes_replies_and_mapped_tags(
    tmp_path: Path, articles: list[Article]
) -> None:
    article = articles[0]
    search = {
        "total": 4,
        "rows": [
            hypothesis_row(article),
            hypothesis_row(
                article, id="PageNote1", text="Artikel ini tanpa sumber kedua.", tags=[],
                target=[{"source": URL}],
            ),
            hypothesis_row(article, id="Reply1", references=["Xq4kTk3xEe-abc123"], tags=[]),
            hypothesis_row(
                article, id="Hoax1", tags=["hoaks"],
                target=[{"source": URL, "selector": [
                    {"type": "TextQuoteSelector", "exact": "hak untuk membela diri"}]}],
            ),
            hypothesis_row(
                article, id="Elsewhere",
                target=[{"source": URL, "selector": [
                    {"type": "TextQuoteSelector", "exact": "kalimat yang tidak ada di artikel"}]}],
            ),
        ],
    }  # fmt: skip
    store = AnnotationStore(tmp_path / "data")
    path = write(tmp_path / "search.json", search)
    labels = LabelMap({"hoaks": Meaning("claim", "false")})
    report = import_file(path, store, articles=articles, labels=labels)
    assert report.format == "hypothesis"
    assert [(r.where, r.outcome) for r in report.records if r.outcome == "refused"] == [
        ("annotation 3", "refused"),
        ("annotation 5", "refused"),
    ]
    assert "is a reply to another annotation" in report.refused[0].detail
    assert "has a quote that is not in its article's text" in report.refused[1].detail
    stored = {a.note or a.quote: a for a in store.all()}
    assert stored["Artikel ini tanpa sumber kedua."].selector is None  # a note on the article
    claim = next(a for a in store.all() if a.kind == "claim")
    assert claim.status == "false" and claim.quote == "hak untuk membela diri"
    # The same annotation through the API and as JSON-LD is one annotation in sorot.
    again = import_file(
        write(tmp_path / "one.jsonld", hypothesis_jsonld(article)), store, articles=articles
    )
    assert len(again.unchanged) == 1 and not again.changed


# -- Label Studio ----------------------------------------------------------------------------


def label_studio_export(article: Article) -> list[dict[str, Any]]:
    """A Label Studio JSON export: one task (a paragraph) with two annotators' results."""
    paragraph = next(p for p in article.body.split("\n\n") if "Krivoruchko dilakukan" in p)
    claim = "Kim Jong-un dengan delegasi Rusia"
    person = "Aleksey Krivoruchko"
    c, p = paragraph.index(claim), paragraph.index(person)
    return [
        {
            "id": 101,
            "data": {"text": paragraph, "outlet": "KOMPAS.TV"},
            "annotations": [
                {
                    "id": 7,
                    "completed_by": {"id": 3, "email": "budi@cekfakta.example"},
                    "was_cancelled": False,
                    "created_at": "2024-12-06T09:00:00.000000Z",
                    "updated_at": "2024-12-06T09:05:00.000000Z",
                    "result": [
                        {
                            "id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
                            # offsets one off, as UTF-16 units are after an emoji
                            "value": {"start": c + 1, "end": c + 1 + len(claim), "text": claim,
                                      "labels": ["Klaim"]},
                        },
                        {"id": "r1", "from_name": "catatan", "to_name": "text", "type": "textarea",
                         "value": {"text": ["Cek daftar delegasi."]}},
                        {"id": "r1", "from_name": "status", "to_name": "text", "type": "choices",
                         "value": {"choices": ["mostly true"]}},
                        {"id": "r2", "from_name": "label", "to_name": "text", "type": "labels",
                         "value": {"start": p, "end": p + len(person), "text": person,
                                   "labels": ["Person"]}},
                        {"id": "r3", "from_name": "label", "to_name": "text", "type": "labels",
                         "value": {"start": 0, "end": 9, "text": paragraph[:9],
                                   "labels": ["Sentimen"]}},
                    ],
                },
                {"id": 8, "completed_by": 4, "was_cancelled": True, "result": []},
            ],
            "predictions": [],
        },
        {
            "id": 102,
            "data": {"text": "Teks yang tidak ada di korpus mana pun, sama sekali."},
            "annotations": [
                {"id": 9, "completed_by": 3, "result": [
                    {"id": "r9", "type": "labels", "to_name": "text",
                     "value": {"start": 0, "end": 4, "text": "Teks", "labels": ["Klaim"]}}]}
            ],
        },
    ]  # fmt: skip


def test_label_studio_regions_become_claims_notes_and_entities(
    tmp_path: Path, articles: list[Article], space: Workspace
) -> None:
    article = articles[1]
    path = write(tmp_path / "project-1-at-2024-12-06.json", label_studio_export(article))
    report = space.import_file(path, articles)
    assert report.format == "label-studio"
    outcomes = {r.where: (r.outcome, r.detail) for r in report.records}
    claim_at = outcomes["task 1, annotation 1, region r1"]
    assert claim_at[0] == "added" and "pointed elsewhere; placed by its quote" in claim_at[1]
    assert outcomes["task 1, annotation 1, region r2"][0] == "entity added"
    sentiment = outcomes["task 1, annotation 1, region r3"]
    assert (
        sentiment[0] == "refused" and "'Sentimen', which no --map gives a meaning" in (sentiment[1])
    )
    assert outcomes["task 1, annotation 2"] == ("refused", "was cancelled in Label Studio")
    assert outcomes["task 2, annotation 1, region r9"] == (
        "refused",
        "has a text that is in no article of the corpus",
    )
    (claim,) = space.store.all()
    assert claim.quote == "Kim Jong-un dengan delegasi Rusia" and claim.status == "mostly true"
    assert claim.note == "Cek daftar delegasi." and claim.annotator == "budi@cekfakta.example"
    assert claim.created == "2024-12-06T09:00:00.000000+00:00"
    (entity,) = [e for e in space.entities.corrections(article.id)]
    assert article.body[entity.selector.start : entity.selector.end] == "Aleksey Krivoruchko"
    assert entity.type == "PER" and entity.action == "add"
    # A second import of the same export changes nothing, entities included.
    again = space.import_file(path, articles)
    assert not again.changed and len(again.unchanged) == 1
    assert any(r.outcome == "entity unchanged" for r in again.records)
    assert len(space.entities.corrections(article.id)) == 1


# -- doccano ---------------------------------------------------------------------------------


def doccano_export(article: Article) -> str:
    """doccano's JSONL export of a sequence-labelling project: one line a text."""
    paragraph = next(p for p in article.body.split("\n\n") if p.startswith("Kim menegaskan"))
    s = paragraph.index("Rusia memiliki hak untuk membela diri")
    k = paragraph.index("Kim")
    rows = [
        {
            "id": 1, "text": paragraph,
            "label": [[s, s + 37, "CLAIM"], [k, k + 3, "PER"], [0, 3, "Hoaks"]],
            "Comments": [{"text": "Kutipan AFP."}], "article_url": URL,
        },
        {"id": 2, "text": "Baris yang tidak ada di artikel mana pun.", "label": [[0, 5, "CLAIM"]]},
        {"id": 3, "text": paragraph, "entities": [
            {"id": 9, "label": "NOTE", "start_offset": k, "end_offset": k + 3}]},
    ]  # fmt: skip
    return "\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n{broken\n"


def test_doccano_spans_are_mapped_by_the_users_labels(
    tmp_path: Path, articles: list[Article], space: Workspace
) -> None:
    article = articles[0]
    path = tmp_path / "doccano.jsonl"
    path.write_text(doccano_export(article), "utf-8")
    labels = LabelMap.parse(["Hoaks=claim:false"])
    report = space.import_file(path, articles, labels)
    assert report.format == "doccano"
    by_where = {r.where: r for r in report.records}
    assert by_where["line 1, span 1"].outcome == "added"
    assert by_where["line 1, span 2"].outcome == "entity added"
    assert by_where["line 1, span 3"].outcome == "added"
    assert by_where["line 2"].detail == "has a text that is in no article of the corpus"
    assert by_where["line 3, span 1"].outcome == "added"
    assert by_where["line 4"].outcome == "refused" and "is not JSON" in by_where["line 4"].detail
    made = sorted(space.store.all(), key=lambda a: (a.quote, a.kind))
    assert [(a.kind, a.quote, a.status) for a in made] == [
        ("claim", "Kim", "false"),
        ("note", "Kim", None),
        ("claim", "Rusia memiliki hak untuk membela diri", None),
    ]
    assert made[2].note == "Kutipan AFP." and made[2].annotator == "rina"


def test_a_label_mapping_is_read_or_refused_in_one_sentence() -> None:
    assert parse_meaning("claim:mostly true") == Meaning("claim", "mostly true")
    assert parse_meaning("entity:org") == Meaning("entity", "ORG")
    assert LabelMap().meaning("Person") == Meaning("entity", "PER")
    assert LabelMap.parse(["Person=note"]).meaning("person") == Meaning("note")
    with pytest.raises(ValueError, match="is not claim, claim:STATUS, note or entity"):
        LabelMap.parse(["Hoaks=lie"])
    with pytest.raises(ValueError, match="is not LABEL=claim"):
        LabelMap.parse(["Hoaks"])


# -- sorot's own CSV, and a round trip for every format --------------------------------------


def native(articles: list[Article], store: AnnotationStore) -> list[dict[str, Any]]:
    out = io.StringIO()
    export(select(articles, store), out, "json", ExportOptions())
    found = [a for art in json.loads(out.getvalue())["articles"] for a in art["annotations"]]
    return sorted(found, key=lambda a: a["id"])


@pytest.mark.parametrize("fmt", ["json", "jsonl", "w3c", "csv"])
def test_every_format_round_trips_losslessly(
    tmp_path: Path, articles: list[Article], fmt: str
) -> None:
    annotated_store(tmp_path / "source", articles)
    source = AnnotationStore(tmp_path / "source")
    # Notes a spreadsheet would run, and a tag with the old separator in it.
    article = articles[1]
    first = source.annotations(article.id)[0]
    source.save(first.edited(note='=HYPERLINK("x")\n-10%', tags=("a; b", "'c")), article)
    out = io.StringIO(newline="")
    export(select(articles, source), out, fmt, ExportOptions(with_text=True))
    path = tmp_path / f"export.{fmt}"
    path.write_text(out.getvalue(), "utf-8", newline="")
    target = AnnotationStore(tmp_path / "target")
    report = import_file(path, target, articles=articles)
    assert not report.refused and len(report.added) == 11, report.summary()
    assert native(articles, target) == native(articles, source)
    assert not import_file(path, target, articles=articles).changed  # twice changes nothing


def test_claimreview_reads_back_to_its_claims_and_verdicts(
    tmp_path: Path, articles: list[Article]
) -> None:
    # ClaimReview is for publishing (no offsets): its round trip is identity and verdict.
    annotated_store(tmp_path / "data", articles)
    store = AnnotationStore(tmp_path / "data")
    settings = ReviewSettings()
    out = io.StringIO()
    export(select(articles, store), out, "claimreview", ExportOptions(review=settings))
    back = {r["identifier"]: r["reviewRating"]["alternateName"] for r in json.loads(out.getvalue())}
    published = []
    for _article, marks in select(articles, store):
        published += choose(marks, ExportOptions(review=settings))[0]
    assert back == {a.id: settings.rating(a.status or "").name for a in published}


def test_an_edited_csv_row_comes_back_as_a_newer_version(
    tmp_path: Path, articles: list[Article]
) -> None:
    annotated_store(tmp_path / "data", articles)
    store = AnnotationStore(tmp_path / "data")
    out = io.StringIO(newline="")
    export(select(articles, store), out, "csv", ExportOptions())
    text = out.getvalue()
    row = next(line for line in text.split("\r\n") if ",misleading," in line)
    edited = row.replace(",misleading,", ",false,").replace(
        "2024-12-02T08:00:00.000000+00:00,2024-12-02T08:00:00.000000+00:00",
        "2024-12-02T08:00:00.000000+00:00,2024-12-09T08:00:00.000000+00:00",
    )
    path = tmp_path / "edited.csv"
    path.write_text(text.replace(row, edited), "utf-8", newline="")
    report = import_file(path, store, articles=articles)
    assert len(report.replaced) == 1 and len(report.unchanged) == 10
    assert {a.status for a in store.all() if a.annotator == "budi"} == {"false"}

"""Fuzzing the readers and import: whatever the bytes, one plain problem or a result.

Hypothesis writes files sorot reads from outside (articles of every supported
suffix, JSON articles whose fields have any type, exports to import with any
value in any field) and checks that sorot never raises anything but its own
one-line errors, that what it read can be shown, written as JSON and
printed, and that nothing an import stored can then break reading or
exporting the store.

``make test`` runs a few dozen examples of each (seconds); ``make fuzz`` sets
``SOROT_FUZZ_EXAMPLES`` and runs thousands (minutes).
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from store.annotations.store import AnnotationStore
from store.exchange import FORMATS, ExportOptions, export
from store.exchange.select import select
from store.files.jsonfile import StoreError
from store.news.article import article_to_dict
from store.news.loading import load_paths
from store.news.readers import ReadError, decode_bytes, read_text
from store.news.safetext import dumps, is_printable, printable, printable_lines
from store.query import Query

EXAMPLES = int(os.environ.get("SOROT_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_ARTICLES = load_paths([SEEDS]).articles

# Pieces that drive parsers: markup, delimiters, dates, controls, odd characters.
PIECES = [
    "[", "]", "(", ")", "#", "##", "*", "**", "_", "`", "```", "![", "](", "<", ">", "\n",
    "\n\n", "---", "===", "> ", "- ", "1. ", "|", "\\", "http://x.y/", "Jakarta, KOMPAS.com -",
    "Senin, 2 Desember 2024 10:00 WIB", "Editor: A", "Baca juga:", "{", "}", '"', ":", ",",
    "\x1b]52;c;eA==\x07", "\x9b", "\u202e", "\u200b", "\ufeff", "\ud800", "\x00", "\r", "\t",
    "Kim Jong Un", "Rusia", "Pyongyang", ".", " ",
]  # fmt: skip
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join)
SUFFIXES = [".txt", ".md", ".markdown", ".json", ".jsonl", ".ndjson"]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    TEXT,
    st.sampled_from([10**400, -1, 2**63]),
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=6), inner, max_size=4),
    ),
    max_leaves=20,
)
ARTICLE_KEYS = [
    "title", "body", "text", "content", "url", "outlet", "source", "section", "published",
    "date", "byline", "author", "editor", "dateline", "language", "id", "tags", "paragraphs",
]  # fmt: skip


def _json(value: Any) -> str:
    # Python writes NaN and Infinity, as careless tools do; a too-long integer as its digits.
    try:
        return json.dumps(value, ensure_ascii=False)
    except ValueError:
        return json.dumps(str(value)[:50])


def _shows_safely(articles: list, issues: list) -> None:
    for article in articles:
        for text in (article.title, article.body, article.outlet or "", article.source or ""):
            assert is_printable(printable(text))
            printable_lines(text).encode("utf-8")
        dumped = dumps(article_to_dict(article))
        dumped.encode("utf-8")  # no lone surrogate reaches a file or a terminal
        assert not any(0x80 <= ord(c) <= 0x9F or 0x202A <= ord(c) <= 0x202E for c in dumped)
    for issue in issues:
        printable(issue.message).encode("utf-8")


def _read(data: bytes, suffix: str) -> None:
    try:
        text, _warning = decode_bytes(data)
        articles, issues = read_text(text, suffix, f"fuzz{suffix}")
    except ReadError as error:
        assert "\n" not in str(error).strip()
        return
    _shows_safely(articles, issues)


@FUZZ
@given(st.sampled_from(SUFFIXES), TEXT)
def test_any_text_in_any_file_is_read_or_refused_in_one_line(suffix: str, text: str) -> None:
    _read(text.encode("utf-8", "surrogatepass"), suffix)


@FUZZ
@given(st.sampled_from(SUFFIXES), st.binary(max_size=400))
def test_any_bytes_are_decoded_or_replaced_never_a_traceback(suffix: str, data: bytes) -> None:
    _read(data, suffix)


ARTICLE = st.dictionaries(
    st.sampled_from(ARTICLE_KEYS), st.one_of(TEXT, JSON_VALUES), min_size=1, max_size=8
)


@FUZZ
@given(st.one_of(ARTICLE, st.lists(ARTICLE, max_size=3), JSON_VALUES), st.booleans())
@example({"title": "T", "published": 10**400}, False)  # found: OverflowError as a date
def test_json_articles_with_fields_of_any_type_are_read_or_refused(
    document: Any, lines: bool
) -> None:
    if lines:
        items = document if isinstance(document, list) else [document]
        _read("\n".join(_json(item) for item in items).encode("utf-8", "surrogatepass"), ".jsonl")
    else:
        _read(_json(document).encode("utf-8", "surrogatepass"), ".json")


# -- import ------------------------------------------------------------------------------------

ARTICLE_IDS = [a.id for a in SEED_ARTICLES]
FIELDS = {
    "id": st.one_of(st.uuids().map(str), JSON_VALUES),
    "article_id": st.one_of(st.sampled_from(ARTICLE_IDS), JSON_VALUES),
    "kind": st.one_of(st.sampled_from(["claim", "note"]), JSON_VALUES),
    "selector": st.one_of(
        st.fixed_dictionaries(
            {"start": SCALARS, "end": SCALARS, "exact": st.one_of(TEXT, JSON_VALUES)}
        ),
        JSON_VALUES,
    ),
    "sha256": st.one_of(st.just("0" * 64), JSON_VALUES),
    "annotator": st.one_of(TEXT, JSON_VALUES),
    "claim_type": st.one_of(TEXT, JSON_VALUES),
    "status": st.one_of(TEXT, JSON_VALUES),
    "speaker": st.one_of(TEXT, JSON_VALUES),
    "tags": st.one_of(st.lists(TEXT, max_size=3), JSON_VALUES),
    "note": st.one_of(TEXT, JSON_VALUES),
    "created": st.one_of(st.just("2024-12-01T08:00:00+00:00"), JSON_VALUES),
    "updated": JSON_VALUES,
    "revision": SCALARS,
    "history": JSON_VALUES,
}
ANNOTATION = st.fixed_dictionaries(
    {}, optional={name: strategy for name, strategy in FIELDS.items()}
)
NATIVE = st.builds(
    lambda marks, version: {
        "format": "sorot-export",
        "version": version,
        "articles": [{"id": ARTICLE_IDS[0], "annotations": marks}],
    },
    st.lists(ANNOTATION, max_size=4),
    st.one_of(st.just(2), st.just(1), SCALARS),
)
W3C = st.builds(
    lambda items: {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
                   "first": {"items": items}},
    st.lists(st.dictionaries(st.sampled_from(
        ["type", "id", "body", "target", "creator", "created", "motivation"]), JSON_VALUES,
        max_size=5), max_size=3),
)  # fmt: skip


@settings(FUZZ, max_examples=max(10, EXAMPLES // 2))  # each example writes a store
@given(st.one_of(NATIVE, W3C, JSON_VALUES), st.booleans())
def test_an_import_of_anything_stores_nothing_that_breaks_reading_or_export(
    document: Any, as_lines: bool
) -> None:
    from store.exchange.importing import import_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "import.json"
        if as_lines and isinstance(document, dict) and isinstance(document.get("articles"), list):
            marks = document["articles"][0]["annotations"]
            path.write_text("\n".join(_json(m) for m in marks) or "{}", "utf-8", "surrogatepass")
        else:
            path.write_text(_json(document), "utf-8", "surrogatepass")
        store = AnnotationStore(Path(folder) / "data")
        try:
            import_file(path, store, articles=SEED_ARTICLES)
        except StoreError as error:
            assert "\n" not in str(error).strip()
            printable(str(error)).encode("utf-8")
        for article_id in store.article_ids():
            for annotation in store.annotations(article_id):
                for text in (annotation.note, annotation.status or "", *annotation.tags):
                    printable_lines(text).encode("utf-8")
        for fmt in FORMATS:
            out = io.StringIO()
            items = select(SEED_ARTICLES, store, Query())
            export(items, out, fmt, ExportOptions(), Query())
            out.getvalue().encode("utf-8")

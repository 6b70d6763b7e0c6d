"""Annotated seed articles for the export, import and set tests.

``annotated_store`` fills a data folder with claims and notes of every shape
on the bundled seeds: passages with and without verdicts, tags, speakers,
notes with line breaks and quotes, an article-level note, a passage across
a paragraph break, one made on an earlier text that can be placed again,
one that cannot (orphaned), and one on an article that is not in the corpus.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from store.annotations.annotation import Annotation, Selector
from store.annotations.store import AnnotationStore
from store.news.article import Article
from store.news.loading import load_paths

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
OLD_TEXT = "0" * 64
"""The sha256 of an 'earlier version' of an article."""
GONE_ID = "artikel-yang-sudah-hilang-0badf00d"
"""An article the store knows but the corpus does not."""
URL = "https://example.org/berita/kim-rusia"

NAMES = {
    "Kim Jong Un": ("PER", "Kim Jong Un"),
    "Kim Jong-un": ("PER", "Kim Jong Un"),
    "Andrei Belousov": ("PER", "Andrey Belousov"),
    "Andrey Belousov": ("PER", "Andrey Belousov"),
    "Rusia": ("LOC", "Rusia"),
    "Korea Utara": ("LOC", "Korea Utara"),
    "Pyongyang": ("LOC", "Pyongyang"),
    "KCNA": ("ORG", "KCNA"),
}
_NAMES = re.compile("|".join(sorted(map(re.escape, NAMES), key=len, reverse=True)))


def seed_articles() -> list[Article]:
    """The five seeds; the first gets an address, to test both kinds of W3C source."""
    articles = load_paths([SEEDS]).articles
    assert len(articles) == 5
    return [replace(articles[0], url=URL), *articles[1:]]


def fake_entities(article: Article) -> list[dict[str, Any]]:
    """A stand-in recogniser: a few known names, found by a regular expression."""
    return [
        {
            "start": m.start(),
            "end": m.end(),
            "text": m.group(),
            "type": NAMES[m.group()][0],
            "key": NAMES[m.group()][1],
            "origin": "auto",
        }
        for m in _NAMES.finditer(article.body)
    ]


def span(article: Article, text: str, nth: int = 0) -> Selector:
    """The selector of the ``nth`` occurrence of ``text`` in the article's body."""
    start = -1
    for _ in range(nth + 1):
        start = article.body.index(text, start + 1)
    return Selector.from_body(article.body, start, start + len(text))


def annotated_store(data: Path, articles: list[Article]) -> list[Annotation]:
    """Fill ``data`` with annotations on ``articles``; returns them as saved."""
    store = AnnotationStore(data)
    made: list[Annotation] = []

    def add(article: Article, **fields: Any) -> None:
        fields.setdefault("annotator", "rina")
        fields.setdefault("sha256", article.sha256)
        annotation = Annotation(article_id=article.id, **fields)
        store.save(annotation, article)
        made.append(annotation)

    first, kompas, geo, logic, tanya = articles
    add(
        first,
        kind="claim",
        selector=span(first, "Kim Jong Un dan Menteri Pertahanan Rusia"),
        claim_type="factual",
        status="true",
        speaker="Kim Jong Un",
        tags=("militer", "rusia"),
        note='Dikonfirmasi KCNA; lihat "laporan" https://example.org/cek/1.\nBaris kedua.',
        created="2024-12-01T08:00:00.000000+00:00",
    )
    add(
        first,
        kind="claim",
        selector=span(first, "mengirim lebih dari 10.000 tentara"),
        claim_type="statistic",
        status="misleading",
        tags=("angka",),
        annotator="budi",
        created="2024-12-02T08:00:00.000000+00:00",
    )
    add(first, kind="note", selector=None, note="Catatan untuk seluruh artikel, ümlaut, 🙂.")
    body = kompas.body
    cut = body.index("\n\n")
    add(
        kompas,
        kind="claim",
        selector=Selector.from_body(body, cut - 20, cut + 25),  # across a paragraph break
        claim_type="quote",
        status="unverified",
        speaker="Kementerian Pertahanan Rusia",
    )
    add(kompas, kind="claim", selector=span(kompas, "Kim Jong-un"), status=None)
    add(
        geo,
        kind="claim",
        selector=span(geo, "KCNA"),
        claim_type="factual",
        status="false",
        speaker="KCNA",
        tags=("media", "korut"),
    )
    add(geo, kind="note", selector=span(geo, "Andrey Belousov"), note="Ejaan: Andrei/Andrey.")
    # Made on an earlier text: the quote is still there, elsewhere, so it is placed again.
    moved = span(logic, "hak Rusia untuk membela diri")
    add(
        logic,
        kind="claim",
        selector=replace(moved, start=moved.start + 7, end=moved.end + 7),
        sha256=OLD_TEXT,
        status="mostly true",
        speaker="Kim Jong Un",
    )
    # Made on an earlier text whose passage is gone: orphaned, kept, exported.
    add(
        tanya,
        kind="claim",
        selector=Selector(10, 52, "kalimat yang sudah dihapus dari berita ini", "", ""),
        sha256=OLD_TEXT,
        status="checking",
    )
    add(tanya, kind="note", selector=span(tanya, "Rusia dan Korea Utara"), note="Judul bertanya.")
    gone = Annotation(
        GONE_ID,
        "claim",
        Selector(0, 11, "Teks hilang", "", " di sini"),
        "1" * 64,
        "sari",
        status="false",
    )
    store.save(gone)
    made.append(gone)
    return made

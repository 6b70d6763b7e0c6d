"""What a query's free words mean: full-text search, with SQLite's own tokenizer.

Each free word is a phrase whose last word is a prefix: ``tentar`` finds
``tentara``, ``"kim jong"`` finds ``Kim Jong-un``, ``2024-07`` finds the
date ``2024-07-19``. Every word must be in the article: in its title, its
body (boilerplate left out), or its outlet, section or date. Case and
diacritics do not matter (``unicode61``, diacritics folded: letters and
digits of any script between separators).

The corpus index answers this for its articles (FTS5 ``MATCH``,
``store.library``). For an article that is not in it (one only the
annotation store knows, one added in memory), :func:`fields_match` asks the
same question of a small in-memory FTS5 table with the same tokenizer, so the
words mean exactly the same either way.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from store.news.article import SEGMENT_SEPARATOR

if TYPE_CHECKING:
    from store.news.article import Article

TOKENIZER = "unicode61 remove_diacritics 2"
"""How words are cut and folded, here and in the corpus index."""


def phrase(word: str) -> str | None:
    """``word`` as an FTS5 prefix phrase, or ``None`` when it holds no letter or digit."""
    if not any(c.isalnum() for c in word):
        return None
    return '"' + word.replace('"', '""') + '"*'


def match_expression(words: Sequence[str], *, any_word: bool = False) -> str | None:
    """The FTS5 query for ``words`` (all of them, or any with ``any_word``); ``None`` if none."""
    phrases = [p for p in map(phrase, words) if p]
    if not phrases:
        return None
    return (" OR " if any_word else " AND ").join(phrases)


def searched_body(article: Article) -> str:
    """The body as free words search it: the article's own prose, boilerplate left out.

    Related-article lines, captions, credits and source lines (the segments
    the parser marks) feed no search. Lines an outlet repeats across its
    articles belong here too once ``store.news`` finds them: this is the one
    place that decides what of a body is searched.
    """
    return SEGMENT_SEPARATOR.join(
        article.body[s.start : s.end] for s in article.segments if not s.boilerplate
    )


def searched_meta(outlet: str | None, section: str | None, date: str) -> str:
    """The outlet, section and date, as free words search them."""
    return " ".join(part for part in (outlet or "", section or "", date) if part)


def searched_fields(article: Article) -> tuple[str, str, str]:
    """The title, body and outlet-section-date of ``article``, as the corpus index holds them."""
    date = shown_date(article.published, article.published_status)
    return (
        article.title,
        searched_body(article),
        searched_meta(article.outlet, article.section, date),
    )


def shown_date(published: str | None, status: str | None = None) -> str:
    """The published date as the library shows it.

    ``YYYY-MM-DD`` when stated, ``~YYYY-MM-DD`` when estimated from the text,
    the source's text with ``?`` when it reads two ways (``9/10/2025?``), ``""``
    when there is none. (``status`` is the article's ``published_status``.)
    """
    if not published:
        return ""
    iso = len(published) >= 10 and published[4] == "-" and published[7] == "-"
    if status == "ambiguous" or not iso:
        return published if published.endswith("?") else published + "?"
    return ("~" if status == "estimated" else "") + published[:10]


def date_sort_key(published: str | None, status: str | None = None) -> str:
    """What the library sorts dates by: ``YYYY-MM-DD`` stated or estimated, ``""`` for none.

    A date that reads two ways sorts with the undated: either place would be a guess.
    """
    if not published or status == "ambiguous":
        return ""
    if len(published) >= 10 and published[4] == "-" and published[7] == "-":
        return published[:10]
    return ""


class _Scratch(threading.local):
    connection: sqlite3.Connection | None = None


_scratch = _Scratch()


def scratch() -> sqlite3.Connection:
    """This thread's in-memory database with the index's tokenizer.

    Its FTS5 tables: ``doc(title, body, meta)``, one article as the index
    holds it, and ``sentence(text)``, an article's sentences (which one the
    words are in: ``store.library.fulltext``). Callers empty them first.
    """
    if _scratch.connection is None:
        connection = sqlite3.connect(":memory:")
        for table, columns in (("doc", "title, body, meta"), ("sentence", "text")):
            connection.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5({columns}, tokenize = '{TOKENIZER}')"
            )
        _scratch.connection = connection
    return _scratch.connection


def fields_match(words: Sequence[str], title: str, body: str = "", meta: str = "") -> bool:
    """True when every one of ``words`` is in the fields, as the corpus index would say."""
    expression = match_expression(words)
    if expression is None:
        return True
    connection = scratch()
    connection.execute("DELETE FROM doc")
    connection.execute("INSERT INTO doc VALUES (?, ?, ?)", (title, body, meta))
    found = connection.execute("SELECT 1 FROM doc WHERE doc MATCH ?", (expression,)).fetchone()
    return found is not None

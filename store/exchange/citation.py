"""A quotation with its citation, as a reader pastes it into a report or a chat.

Written in the article's language, so that a quotation pasted into an
Indonesian report reads as Indonesian::

    “Korea Utara mengirim hampir 12.000 tentara ke Rusia.”
    — KCNA, dalam KOMPAS.TV, “Hubungan Militer Rusia-Korea Utara …”, oleh Haryo Jati,
    19 Juli 2024. https://…

The byline when the article names one, the address when it has one; never
the file it was read from (a path on the server means nothing to a reader).
A date sorot estimated is marked so (``sekitar``, ``c.``); one that reads two
ways is left out rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from store.news.article import Article


@dataclass(frozen=True)
class Words:
    """The few words of a citation in one language."""

    within: str
    """Between the speaker and the outlet: ``in``."""
    by: str
    """Before the byline."""
    about: str
    """Before an estimated date."""
    months: tuple[str, ...]


ENGLISH = Words(
    "in",
    "by",
    "c.",
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
)
INDONESIAN = Words(
    "dalam",
    "oleh",
    "sekitar",
    (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
)
LANGUAGES = {"id": INDONESIAN, "en": ENGLISH}
"""Citation words by the article's language; others are cited in English."""


def words_for(article: Article) -> Words:
    """The words to cite ``article`` with, by its language."""
    return LANGUAGES.get((article.language or "").lower()[:2], ENGLISH)


def _date(article: Article, words: Words) -> str | None:
    if not article.published or article.published_status == "ambiguous":
        return None
    try:
        moment = datetime.fromisoformat(article.published)
    except ValueError:
        return None
    day = f"{moment.day} {words.months[moment.month - 1]} {moment.year}"
    return f"{words.about} {day}" if article.published_status == "estimated" else day


def citation(article: Article, speaker: str | None = None) -> str:
    """Who said it (when known), the outlet, title, byline and date, then the address."""
    words = words_for(article)
    source = article.outlet or ""
    if speaker:
        source = f"{speaker}, {words.within} {source}" if source else speaker
    byline = f"{words.by} {article.byline}" if article.byline else None
    parts = [source, f"“{article.title}”" if article.title else None, byline]
    parts.append(_date(article, words))
    line = ", ".join(p for p in parts if p) + "."
    return f"{line} {article.url}" if article.url else line


def quotation(article: Article, quote: str, speaker: str | None = None) -> str:
    """``quote`` in quotation marks, then its citation on the next line."""
    text = " ".join(quote.split())
    return f"“{text}”\n— {citation(article, speaker)}"

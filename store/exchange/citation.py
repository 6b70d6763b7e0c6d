"""A quotation with its citation, as a reader pastes it into a report or a chat.

“Korea Utara mengirim hampir 12.000 tentara ke Rusia.”
— KCNA, in geosurvey.co.id, “Menteri Pertahanan Rusia …”, 30 Nov 2024.
  https://… (or the file it was read from)
"""

from __future__ import annotations

from datetime import datetime

from store.news.article import Article


def _date(published: str | None) -> str | None:
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return published
    return f"{moment.day} {moment:%b %Y}"


def citation(article: Article) -> str:
    """Outlet, title, date and where the article is: one line."""
    parts = [article.outlet, f"“{article.title}”", _date(article.published)]
    line = ", ".join(p for p in parts if p) + "."
    where = article.url or article.source
    return f"{line} {where}" if where else line


def quotation(article: Article, quote: str, speaker: str | None = None) -> str:
    """``quote`` in quotation marks, then who said it and where it was published."""
    text = " ".join(quote.split())
    who = f"{speaker}, in " if speaker else ""
    return f"“{text}”\n— {who}{citation(article)}"

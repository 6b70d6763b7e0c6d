"""An article's fields as sources name them: JSON objects, Markdown front matter.

:data:`FIELD_NAMES` lists, for each article field, the names sources give it
(the first present wins; case aside); :func:`json_fields` reads them out of an
object as strings, and :func:`apply_fields` sets them on a parsed article,
where they win over what the text says. A date field is read as a header's
date is (:func:`store.news.dating.stated`): ISO when it reads one way or the
evidence decides, else kept as given and marked ambiguous.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from store.news.article import AMBIGUOUS, Article, FieldText
from store.news.dating import Evidence, stated

FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "body": ("body", "text", "content", "article", "paragraphs"),
    "outlet": ("outlet", "source", "publisher", "site", "site_name"),
    "published": ("published", "date", "published_at", "publishedat", "datepublished", "pubdate"),
    "byline": ("byline", "author", "authors"),
    "editor": ("editor",),
    "dateline": ("dateline",),
    "url": ("url", "link"),
    "language": ("language", "lang"),
    "external_id": ("id",),
    "section": ("section", "category"),
}


def json_fields(obj: dict[str, Any]) -> dict[str, str]:
    """The article fields an object gives, as strings, under sorot's names."""
    lowered = {str(k).lower(): v for k, v in obj.items()}
    fields: dict[str, str] = {}
    for name, keys in FIELD_NAMES.items():
        for key in keys:
            value = _as_text(lowered.get(key), name)
            if value:
                fields[name] = value
                break
    return fields


def _as_text(value: Any, name: str) -> str | None:
    """A JSON value as the text of field ``name``."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        if name == "published":
            try:
                seconds = value / 1000 if value > 1e11 else value  # milliseconds
                return datetime.fromtimestamp(seconds, UTC).isoformat()
            except (ValueError, OverflowError, OSError):  # not a time: keep as given
                pass
        return str(value)
    if isinstance(value, list):
        items = [_as_text(v, name) for v in value]
        joiner = "\n\n" if name == "body" else ", "
        return joiner.join(i for i in items if i) or None
    text = str(value).strip()
    return text or None


def apply_fields(
    article: Article,
    fields: dict[str, str],
    *,
    file_dates: str = "",
    date_order: str | None = None,
) -> Article:
    """Set the fields a source states explicitly; they win over the parser's.

    A date field is read as :func:`store.news.dating.stated` reads a header's:
    ISO when it reads one way or the evidence (the address, ``file_dates``)
    decides, else kept as given and marked ambiguous.
    """
    for name, value in fields.items():
        if name == "published":
            found = stated(value, Evidence(fields.get("url"), file_dates, date_order))
            article.published_status = found.status if found else AMBIGUOUS
            article.field_texts += (FieldText("published", value),)
            value = found.value if found else value
        elif name == "language":
            value = value.lower().replace("_", "-").split("-")[0]
        elif name == "title":
            article.title_derived = False
        setattr(article, name, value)
    return article

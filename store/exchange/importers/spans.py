"""Labelled spans of a task's text (Label Studio, doccano) as sorot annotations or entities.

A task is a text another tool showed its annotators: an article's body, a
paragraph of it, or a copy with other whitespace. The task is matched to
an article of the corpus by a field naming it (``article_id``, ``url``…) or
by its text; each span is then placed in the article by its quote and the
task's text around it (``placing``), its offsets in the task only a hint.
The span's label says what it becomes (``labels``): a claim, a note, or an
entity of a type.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from store.annotations.annotation import Annotation, Selector
from store.exchange.importers import Context, EntityMark, Record, refused
from store.exchange.importers.labels import unmapped
from store.exchange.importers.placing import Unplaceable, moved, place_span
from store.exchange.times import canonical
from store.news.article import Article

ARTICLE_FIELDS = ("article_id", "sorot_article", "sorot_id", "url", "link", "uri", "source")
"""Task fields that may name the article, tried in this order."""

UNKNOWN_TIME = "1970-01-01T00:00:00.000000+00:00"


@dataclass(frozen=True)
class Task:
    """A task's text, matched to an article (``at``: where the text starts in it, or -1)."""

    text: str
    article: Article
    at: int


def locate(text: Any, fields: Mapping[str, Any], context: Context) -> Task:
    """The task's article (``ValueError`` says why there is none)."""
    if not isinstance(text, str) or not text:
        raise ValueError("has no text")
    if not context.known:
        raise ValueError("cannot be matched to an article: give the corpus (--corpus)")
    for key in ARTICLE_FIELDS:
        value = fields.get(key)
        article = context.article(value) if isinstance(value, str) else None
        if article is not None:
            return Task(text, article, article.body.find(text))
    found = context.by_text(text)
    if found is None:
        raise ValueError("has a text that is in no article of the corpus")
    return Task(text, *found)


def _span(text: str, start: int, end: int, quote: str | None) -> tuple[int, int]:
    """Where ``quote`` is in the task's text: at ``start`` if so, else its nearest occurrence."""
    if quote is None or text[start:end] == quote:
        return start, end
    hits, at = [], text.find(quote)
    while at != -1 and len(hits) < 1000:
        hits.append(at)
        at = text.find(quote, at + 1)
    if not hits:
        return start, end
    best = min(hits, key=lambda h: abs(h - start))
    return best, best + len(quote)


def _offset(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"has a {what} offset that is not a whole number")
    return value


def span_record(
    where: str,
    task: Task,
    start: Any,
    end: Any,
    labels: Sequence[str],
    context: Context,
    *,
    seed: str,
    quote: str | None = None,
    annotator: str = "",
    created: Any = None,
    updated: Any = None,
    note: str = "",
    tags: Sequence[str] = (),
) -> Record:
    """One labelled span as a record: a claim, a note, an entity, or refused."""
    try:
        start, end = _offset(start, "start"), _offset(end, "end")
        if quote is not None and not isinstance(quote, str):
            raise ValueError("has a quote that is not text")
        if not all(isinstance(label, str) for label in labels):
            raise ValueError("has a label that is not text")
        chosen = context.labels.first(labels)
        if chosen is None:
            raise ValueError(unmapped(labels))
        label, meaning = chosen
        s, e = _span(task.text, start, end, quote)
        if not 0 <= s < e <= len(task.text):
            raise ValueError(f"has offsets {start}–{end} outside its task's text")
        context_of = Selector.from_body(task.text, s, e)
        hint = task.at if task.at >= 0 else None
        placed = place_span(
            task.article,
            exact=quote if quote is not None else context_of.exact,
            prefix=context_of.prefix,
            suffix=context_of.suffix,
            start=None if hint is None else s + hint,
            end=None if hint is None else e + hint,
        )
    except (ValueError, Unplaceable) as error:
        return refused(where, str(error))
    assert placed.selector is not None
    found = f"{placed.selector.start}–{placed.selector.end}"
    if (s, e) != (start, end) and not placed.note:
        # Offsets counted another way (UTF-16 units, bytes): the quote said where.
        placed = replace(placed, note=f"{moved(start, end)}; placed by its quote at {found}")
    who = annotator or context.annotator
    if meaning.kind == "entity":
        mark = EntityMark(task.article.id, placed.selector, meaning.value, who)
        return Record(where, entity=mark, note=placed.note)
    made = canonical(created) or canonical(updated) or UNKNOWN_TIME
    data = {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, seed)),
        "article_id": task.article.id,
        "kind": meaning.kind,
        "selector": placed.selector.to_dict(),
        "sha256": task.article.sha256,
        "annotator": who,
        "status": meaning.value or None,
        "tags": [t for t in tags if t != label],
        "note": note,
        "created": made,
        "updated": canonical(updated) or made,
    }
    try:
        return Record(where, Annotation.from_dict(data), note=placed.note)
    except ValueError as error:
        return refused(where, str(error))

"""The recogniser: text in, entities out.

``recognise(text)`` tokenises (``tokens``), splits sentences, tags PER/ORG/LOC
with the CRF (``crf``), applies the span rules (``cleanup``), credit lines
(``credits``), the lists (``listed``) and article-wide consistency
(``consistency``), adds DATE and QUANT from the rules (``rules``), and gives
every entity its key (``keys``). Entities are sorted, never overlap, and their
offsets index exactly ``text``. ``recognise_article(article)``
does the same over ``article.body``. ``tag_tokens(words)`` tags text that is
already one token a line (CoNLL) by running the recogniser over the tokens
joined by spaces.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from store.entities import conll, crf, keys, rules
from store.entities.cleanup import clean, extend_orgs
from store.entities.consistency import consistency
from store.entities.credits import credits
from store.entities.features import headline_mode
from store.entities.listed import barat, gazetteer_spans, headline_guard
from store.entities.model import Entity
from store.entities.tokens import Token, joined, sentences, tokenize

if TYPE_CHECKING:
    from store.news.article import Article


def recognise(text: str) -> list[Entity]:
    """Every entity in ``text``, sorted by offset, not overlapping."""
    if not text.strip():
        return []
    tokens = tokenize(text)
    spans = token_spans(text, tokens)
    mentions = [
        (tokens[a].start, tokens[b - 1].end, text[tokens[a].start : tokens[b - 1].end], kind)
        for a, b, kind in spans
    ]
    found_keys = keys.assign(mentions, text)
    return [
        Entity(start, end, surface, kind, key)
        for (start, end, surface, kind), key in zip(mentions, found_keys, strict=True)
    ]


def recognise_article(article: Article) -> list[Entity]:
    """Every entity in the article's body (offsets into ``article.body``).

    The title is read too, as context (a full name in the title gives a short
    form in the body its key), but its entities are not returned.
    """
    body = article.body
    title = (article.title or "").strip()
    if not title or article.title_derived or title in body:
        return recognise(body)
    prefix = title + "\n\n"
    shift = len(prefix)
    return [
        Entity(e.start - shift, e.end - shift, e.text, e.type, e.key, e.origin)
        for e in recognise(prefix + body)
        if e.start >= shift
    ]


def token_spans(text: str, tokens: list[Token]) -> list[tuple[int, int, str]]:
    """Entities as token ranges ``(first, last + 1, type)``."""
    words = [t.text for t in tokens]
    sents = sentences(text, tokens)
    heads = [headline_mode(words[a:b]) for a, b in sents]
    headline = [False] * len(words)
    first = [False] * len(words)
    tags: list[str] = []
    for (a, b), head in zip(sents, heads, strict=True):
        tags.extend(crf.tag(words[a:b]))
        first[a] = True
        if head:
            headline[a:b] = [True] * (b - a)
    names = conll.spans(tags)
    # a model entity never crosses a sentence boundary
    starts = {a for a, _ in sents}
    names = [s for n in names for s in _split_at(n, starts)]
    names = clean(words, names)
    names = extend_orgs(words, names, headline)
    names = headline_guard(words, names, headline)
    names = credits(words, names)
    names = gazetteer_spans(words, names)
    names = barat(words, names, headline, first)
    names = consistency(words, names)
    inside = {k for a, b, _ in names for k in range(a, b)}
    found = rules.find(text, tokens, sents, heads, inside)
    return _merge(names, found)


def _split_at(span: tuple[int, int, str], starts: set[int]) -> list[tuple[int, int, str]]:
    a, b, kind = span
    out = []
    s = a
    for k in range(a + 1, b):
        if k in starts:
            out.append((s, k, kind))
            s = k
    out.append((s, b, kind))
    return out


def _merge(names: list[tuple[int, int, str]], found: list[tuple[int, int, str]]):
    """Names and rule spans together; on overlap the earlier, longer span stays."""
    out: list[tuple[int, int, str]] = []
    for span in sorted(names + found, key=lambda s: (s[0], -(s[1] - s[0]))):
        if out and span[0] < out[-1][1]:
            continue
        out.append(span)
    return out


def tag_tokens(words: list[str]) -> list[str]:
    """BIO tags for a sentence given as tokens (the ``--format conll`` path).

    The tokens are joined by single spaces and recognised as text; an entity
    tags every token it touches.
    """
    if not words:
        return []
    text, starts = joined(words)
    ends = [s + len(w) for s, w in zip(starts, words, strict=True)]
    ranges: list[tuple[int, int, str]] = []
    for e in recognise(text):
        first = bisect_right(ends, e.start)
        last = bisect_left(starts, e.end) - 1
        if last < first or (ranges and first < ranges[-1][1]):
            continue
        ranges.append((first, last + 1, e.type))
    return conll.to_bio(len(words), ranges)

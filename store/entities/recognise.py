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

import re
from bisect import bisect_left, bisect_right
from operator import itemgetter
from sys import intern
from typing import TYPE_CHECKING

from store.entities import conll, crf, english, keys, rules
from store.entities.cleanup import clean, extend_orgs, office_holders, unit_orgs
from store.entities.consistency import consistency
from store.entities.credits import credits
from store.entities.features import headline_mode
from store.entities.listed import barat, gazetteer_spans, headline_guard
from store.entities.model import Entity
from store.entities.spans import Span
from store.entities.tokens import Token, joined, sentences, tokenize

if TYPE_CHECKING:
    from collections.abc import Callable

    from store.news.article import Article

_BLANK_RE = re.compile(r"[^\n]")
_TEXT = itemgetter(2)  # a Token's text, read in C

CHUNK = 200_000
"""Characters recognised at once. A longer text (a 19 MB scrape on one line) is read in
pieces cut at a paragraph, a sentence or a space: its tokens, features and tags for the
whole text at once took gigabytes. Keys and article-wide consistency are per piece."""

_CUT_AT = ("\n", ". ", " ")


def chunks(text: str, size: int) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of ``text`` no longer than ``size``, tiling it, cut where
    a paragraph, else a sentence, else a word ends (in the piece's second half)."""
    pieces, start = [], 0
    while len(text) - start > size:
        end = start + size
        for mark in _CUT_AT:
            cut = text.rfind(mark, start + size // 2, end)
            if cut >= 0:
                end = cut + len(mark)
                break
        pieces.append((start, end))
        start = end
    pieces.append((start, len(text)))
    return pieces


class Stopped(Exception):
    """Recognition was asked to stop (between two pieces of a long text)."""


def recognise(
    text: str, language: str = "id", stop: Callable[[], bool] | None = None
) -> list[Entity]:
    """Every entity in ``text``, sorted by offset, not overlapping.

    ``language`` is ``"id"`` (the model and the Indonesian rules) or ``"en"``
    (``english``: titles, ``Dr.``, ``the U.S.``, and no guess where the
    Indonesian model would be guessing). A long text is read in pieces, and
    ``stop()`` is asked before each: true, and :class:`Stopped` is raised
    (a 19 MB scrape is minutes of work that a closing app must not wait for).
    """
    if len(text) > CHUNK:
        found: list[Entity] = []
        for start, end in chunks(text, CHUNK):
            if stop is not None and stop():
                raise Stopped
            # The same names recur from piece to piece: each surface and key kept once.
            found.extend(
                Entity(a + start, b + start, intern(surface), kind, intern(key))
                for a, b, surface, kind, key in _recognise(text[start:end], language)
            )
        return found
    return [Entity(*found) for found in _recognise(text, language)]


Found = tuple[int, int, str, str, str]
"""An entity before it is made one: ``(start, end, text, type, key)``."""


def _recognise(text: str, language: str) -> list[Found]:
    if not text.strip():
        return []
    tokens = tokenize(text)
    spans = token_spans(text, tokens, language)
    mentions = [
        (tokens[a].start, tokens[b - 1].end, text[tokens[a].start : tokens[b - 1].end], kind)
        for a, b, kind in spans
    ]
    found_keys = keys.assign(mentions, text)
    return [
        (start, end, surface, kind, key)
        for (start, end, surface, kind), key in zip(mentions, found_keys, strict=True)
    ]


def recognise_article(article: Article, stop: Callable[[], bool] | None = None) -> list[Entity]:
    """Every entity in the article's own prose (offsets into ``article.body``).

    Boilerplate segments (related links and teasers such as ``Baca Juga:``,
    captions, credits, source lines) feed no entity: they are blanked out
    before recognition, so offsets still index the whole body. The title is
    read too, as context (a full name in the title gives a short form in the
    body its key), but its entities are not returned.
    """
    body = prose_only(article)
    language = article.language
    title = (article.title or "").strip()
    if not title or article.title_derived or title in article.body or len(body) > CHUNK:
        # (A text read in pieces goes without the title: its entities are not copied
        # again to take the title away, a million of them in a 19 MB scrape.)
        return recognise(body, language, stop)
    prefix = title + "\n\n"
    shift = len(prefix)
    text = prefix + body
    if len(text) > CHUNK:  # a body just short of it, taken over by its title
        found = [(e.start, e.end, e.text, e.type, e.key) for e in recognise(text, language)]
    else:  # each entity made once, where it is in the body (an article holds a hundred)
        found = _recognise(text, language)
    return [
        Entity(start - shift, end - shift, surface, kind, key)
        for start, end, surface, kind, key in found
        if start >= shift
    ]


def prose_only(article: Article) -> str:
    """The body with its boilerplate segments blanked (spaces; line breaks kept)."""
    body = article.body
    cuts = [(s.start, s.end) for s in article.segments if s.boilerplate]
    if not cuts:
        return body
    parts: list[str] = []
    pos = 0
    for start, end in cuts:
        parts.append(body[pos:start])
        parts.append(_BLANK_RE.sub(" ", body[start:end]))
        pos = end
    parts.append(body[pos:])
    return "".join(parts)


def token_spans(text: str, tokens: list[Token], language: str = "id") -> list[Span]:
    """Entities as token ranges ``(first, last + 1, type)``."""
    words = list(map(_TEXT, tokens))
    sents = sentences(text, tokens)
    heads = [headline_mode(words[a:b]) for a, b in sents]
    if language == "en":
        names = english.names(words, sents, heads)
        names = consistency(words, credits(words, names))
    else:
        names = _model_names(words, sents, heads)
    inside = {k for a, b, _ in names for k in range(a, b)}
    found = rules.find(text, tokens, sents, heads, inside)
    return _merge(names, found)


def _model_names(words: list[str], sents: list[tuple[int, int]], heads: list[bool]) -> list[Span]:
    """PER/ORG/LOC: the model's spans, then sorot's span rules and lists over them."""
    headline = [False] * len(words)
    first = [False] * len(words)
    tags: list[str] = []
    for sentence_tags in crf.tag_many([words[a:b] for a, b in sents], heads):
        tags.extend(sentence_tags)
    for (a, b), head in zip(sents, heads, strict=True):
        first[a] = True
        if head:
            headline[a:b] = [True] * (b - a)
    names = conll.spans(tags)
    # a model entity never crosses a sentence boundary
    starts = {a for a, _ in sents}
    names = [s for n in names for s in _split_at(n, starts)]
    names = office_holders(words, clean(words, names))
    names = extend_orgs(words, names, headline)
    names = unit_orgs(words, names, headline)
    names = headline_guard(words, names, headline)
    names = credits(words, names)
    names = gazetteer_spans(words, names)
    names = barat(words, names, headline, first)
    return consistency(words, names)


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


def _merge(names: list[Span], found: list[Span]) -> list[Span]:
    """Names and rule spans together; on overlap the earlier, longer span stays."""
    out: list[tuple[int, int, str]] = []
    for span in sorted(names + found, key=lambda s: (s[0], -(s[1] - s[0]))):
        if out and span[0] < out[-1][1]:
            continue
        out.append(span)
    return out


def tag_tokens(words: list[str], language: str = "id") -> list[str]:
    """BIO tags for a sentence given as tokens (the ``--format conll`` path).

    The tokens are joined by single spaces and recognised as text; an entity
    tags every token it touches.
    """
    if not words:
        return []
    text, starts = joined(words)
    ends = [s + len(w) for s, w in zip(starts, words, strict=True)]
    ranges: list[tuple[int, int, str]] = []
    for e in recognise(text, language):
        first = bisect_right(ends, e.start)
        last = bisect_left(starts, e.end) - 1
        if last < first or (ranges and first < ranges[-1][1]):
            continue
        ranges.append((first, last + 1, e.type))
    return conll.to_bio(len(words), ranges)

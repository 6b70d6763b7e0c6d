"""The words two passages are compared by: stemmed content words, entity keys, no numbers.

``Korea Utara mengirim lebih dari 10.000 tentara`` and ``Korea Utara
mengirimkan 12.000 tentara`` share ``korea``, ``utara``, ``kirim`` and
``tentara``: function words (``lebih``, ``dari``) are left out, numbers and
dates are masked (different figures must not hide one claim), and words are
stemmed by the Snowball Indonesian stemmer (``snowballstemmer``, which also
stems English), so ``mengirim``, ``mengirimkan`` and ``dikirim`` meet.
Names add their entity key (``key:kim jong un`` for ``Kim Jong-un`` and
``Kim``) when the caller knows the article's entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from store.claims.lexicon import stopwords, unit_classes
from store.news.dates import MONTHS, WEEKDAYS

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,/:]\d+)*", re.UNICODE)
_DATE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)

KEY_PREFIX = "key:"
"""Terms naming an entity key start so (``key:kim jong un``)."""

MIN_LENGTH = 3
"""Shorter words (``AS``, ``un``) are left to the entity keys."""


@lru_cache(maxsize=1)
def _stemmer():  # snowballstemmer has no type hints
    import snowballstemmer

    return snowballstemmer.stemmer("indonesian")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """``word`` (lower case) stemmed; short words and unknown shapes as they are.

    Snowball's Indonesian stemmer cuts ``meng-`` before a vowel as it would
    before a dropped ``k`` (``mengirim`` → ``irim``, ``dikirim`` → ``kirim``):
    a word whose stem is the stem of ``k`` + it is taken as that stem, so the
    two meet.
    """
    if len(word) <= 4 or not word.isalpha():
        return word
    stemmed = _stemmer().stemWord(word)
    if len(stemmed) < 3:
        return word
    if word.startswith(("meng", "peng")) and word[4:5] in "aiueo":
        with_k = _stemmer().stemWord("k" + word[4:])
        if with_k.startswith("k") and len(with_k) >= 4:
            return with_k
    return stemmed


def words(text: str) -> list[str]:
    """The content words of ``text``, stemmed, in order (numbers and dates masked).

    A word naming a class of counted things (``pasukan``, ``tentara``,
    ``troops``) is that class (``troops``): synonyms meet, and what is
    counted stays part of what a passage says.
    """
    found = []
    closed = stopwords()
    classes = unit_classes()
    for m in _WORD.finditer(text):
        word = m.group().casefold()
        if word[0].isdigit() or word in _DATE_WORDS:
            continue
        if word in closed or len(word) < MIN_LENGTH:
            continue
        word = word.replace("’", "'")
        term = classes.get(word) or stem(word)
        if term not in closed:  # ``mengungkapkan`` is ``ungkap``: a verb of saying, inflected
            found.append(term)
    return found


def key_term(key: str) -> str:
    """The term of an entity key: ``key:kim jong un``."""
    return KEY_PREFIX + " ".join(key.casefold().split())


def terms(text: str, keys: Iterable[str] = ()) -> frozenset[str]:
    """The set of terms of ``text`` with the entity ``keys`` named in it."""
    return frozenset(words(text)) | frozenset(key_term(k) for k in keys if k)


_SENTENCE_END = frozenset(".!?\n")
_OPENERS = frozenset("\"'“‘([« \t\xa0")
_LINE = re.compile(r"[^\n]+")

TITLE_SHARE = 0.7
"""A line with more of its words capitalised than this share is a title (``Baca Juga: Kim
Bertemu Putin``): it tells no name from a word."""


def _opens_sentence(text: str, start: int) -> bool:
    """True when the word at ``start`` opens a sentence (or the text)."""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


@lru_cache(maxsize=64)
def written_as_names(text: str) -> frozenset[str]:
    """The words (lower case) ``text`` writes as names and never in lower case.

    Capitalised where no sentence starts (``dengan Menteri Pertahanan
    Rusia``) or in capitals (``KCNA``), outside title-like lines; a word the
    text also writes in lower case (``menteri Korea Utara``) is a word.
    """
    written: set[str] = set()
    lower: set[str] = set()
    for line in _LINE.finditer(text):
        found = [m for m in _WORD.finditer(text, *line.span()) if not m.group()[0].isdigit()]
        capitals = [m for m in found if m.group()[0].isupper()]
        lower.update(m.group() for m in found if m.group().islower())
        if len(found) > 3 and len(capitals) > len(found) * TITLE_SHARE:
            continue
        for m in capitals:
            word = m.group()
            if word.isupper() or not _opens_sentence(text, m.start()):
                written.add(word.casefold())
    return frozenset(written - lower)


def name_terms(text: str, start: int, end: int) -> frozenset[str]:
    """The terms of the names in ``text[start:end]``, ``text`` being the passage's article.

    A word is a name when the article writes it as one (:func:`written_as_names`):
    a sentence's first word is a name only when the article writes it so elsewhere.
    """
    names = written_as_names(text)
    found: set[str] = set()
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        if word[0].isupper() and word.casefold() in names:
            found.update(words(word))
    return frozenset(found)

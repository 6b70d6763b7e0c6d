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


_VOWELS = "aiueo"

_PREFIXES = ("di", "ber", "ter", "per", "ke")
_SUFFIXES = ("", "i", "kan", "an")


def _nasal(prefix: str, root: str) -> str:
    """``me-`` or ``pe-`` before ``root`` as written (``me`` + ``tulis``: ``menulis``)."""
    first = root[0]
    if first in "ktps":
        return prefix + {"k": "ng", "t": "n", "p": "m", "s": "ny"}[first] + root[1:]
    if first in _VOWELS or first in "gh":
        return prefix + "ng" + root
    if first in "bf":
        return prefix + "m" + root
    if first in "cdjz":
        return prefix + "n" + root
    return prefix + root


@lru_cache(maxsize=100_000)
def variants(term: str) -> frozenset[str]:
    """The stems Snowball gives other forms of the word that stems to ``term``, with it.

    Snowball cuts some forms of one word apart: ``ditandatangani`` is
    ``tandatangan`` but ``menandatangani`` is ``andatangan`` (the ``t`` that
    ``men-`` swallows is not given back), ``pertemuan`` is ``temu`` but
    ``bertemu`` is ``berte`` (``-mu`` taken for "your"), ``pasokan`` is
    ``paso`` but ``memasok`` is ``pasok``. Read alone a stem cannot be
    mended (``menaikkan`` is ``aik``: ``naik`` or ``taik``?), but the
    stems of the forms of its likely roots (with ``di-``, ``ber-``,
    ``meN-``, ``peN-``... and ``-i``, ``-kan``, ``-an``) are what other
    passages hold for the same word: a passage asked about meets them so
    (:class:`store.claims.similarity.Scorer`), and the terms kept per
    sentence stay as they are.
    """
    if len(term) < 3 or not term.isalpha():
        return frozenset((term,))
    roots = {term}
    if term[0] in _VOWELS:
        roots |= {"t" + term, "n" + term}  # what ``men-`` or ``pen-`` may have swallowed
    if term.startswith(("ber", "ter")) and len(term) <= 6:
        roots |= {term[3:] + "mu", term[3:] + "ku"}  # a prefix left on when ``-mu`` was cut
    found = set(roots)
    stemmer = _stemmer()
    for root in roots:
        for start in (*(p + root for p in _PREFIXES), _nasal("me", root), _nasal("pe", root)):
            for end in _SUFFIXES:
                stemmed = stemmer.stemWord(start + end)
                if len(stemmed) >= 4:
                    found.add(stemmed)
    closed = stopwords()
    return frozenset(v for v in found if v not in closed)


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

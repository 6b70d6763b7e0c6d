"""Tokens with character offsets, and sentences over them.

Tokens are words (letters and digits kept whole across internal hyphens and
apostrophes: ``Kim Jong-un``, ``isu-isu``, ``F-16``; domains and dotted
acronyms: ``geosurvey.co.id``, ``KOMPAS.TV``), numbers (``10.000``, ``3,5``,
``29/11``, ``18/7/2024``, ``14:11``, ``1990-an``) and single punctuation
characters (curly quotes and brackets included, so ``(29/11)`` is three
tokens). Text glued together by scraping is split again:

* a time zone glued to a capitalised dateline (``WIBPYONGYANG`` → ``WIB`` +
  ``PYONGYANG``) or digits glued to one (``2024JAKARTA``);
* a period between a lowercase word or a number and a capital
  (``ini.Washington``, ``54.Rusia``) — the period becomes its own token;
* an English possessive (``Korea's`` → ``Korea`` + ``'s``);
* hyphenated place compounds (``Rusia-Ukraina``, ``Rusia-Korea``,
  ``anti-Amerika``) become one token per part, unless the whole compound is a
  listed name (``Timor-Leste``).

Sentences are ranges of token indices: a line break always ends one, and so
does ``.``, ``!``, ``?`` or ``…`` (plus closing quotes and brackets) before a
token that starts with a capital letter, a digit or an opening quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, compress, count, repeat
from operator import itemgetter, not_
from typing import NamedTuple

from store.entities.gazetteer import gazetteer
from store.entities.lexicon import words


class Token(NamedTuple):
    """One token: ``text == source[start:end]``."""

    start: int
    end: int
    text: str


_TOKEN_RE = re.compile(
    r"Rp(?=\d)"  # Rp10.000
    r"|US\$|S\$|A\$|HK\$"  # currency prefixes
    r"|\d+(?:[.,/:]\d+)*(?:-an\b)?"  # 10.000 3,5 29/11 18/7/2024 14:11 1990-an
    r"(?:[A-Za-z]{1,2}\b)?"  # 5G, 4K, 3D: a code, not a number
    r"|[^\W\d_][^\W_]*"  # a word starting with a letter...
    r"(?:(?:[-'’](?=[^\W_])"  # Jong-un, isu-isu, F-16, Ma'ruf
    r"|\.(?=[a-z]{2,})"  # geosurvey.co.id, Kompas.com
    r"|(?<=[A-Z])\.(?=[A-Z]))"  # KOMPAS.TV, U.S
    r"[^\W_]+)*"
    r"|\S"  # anything else: one character
)
_GLUED_ZONE_RE = re.compile(r"(WIB|WITA|WIT|GMT|UTC)(?=[A-Z]{3,})")
_GLUED_DIGITS_RE = re.compile(r"(?<=\d)(?=[A-Z]{3,})")
_ENDERS = frozenset(".!?…")
_DOTTED_RE = re.compile(r"[A-Z](?:\.[A-Z])+")  # U.S, U.K, A.S
_CLOSERS = frozenset("”’\"')]»")
_OPENERS = frozenset("“‘\"'«(")
_NO_END = words(
    "Dr Drs Prof Ir Jl Jln No Hal Hlm Bpk Sdr St Mr Mrs Ms Jr Sr Gen Lt Col Sen Rep Rev "
    "Kol Brigjen Mayjen Letjen Kapt vs dkk tsb"
)


def joined(words: list[str]) -> tuple[str, list[int]]:
    """``words`` joined by single spaces, and where each one starts in the result."""
    starts, pos = [], 0
    for word in words:
        starts.append(pos)
        pos += len(word) + 1
    return " ".join(words), starts


_PLAIN_WORDS = 100_000
"""Distinct words remembered as needing no second look (most words of a text)."""
_plain: set[str] = set()
_new_token = tuple.__new__  # a Token without the Python-level constructor

# The text split around its tokens: [space, token, space, token, ..., space]. Every
# character the token pattern skips is a space (its last branch takes any other
# character), so the spaces are runs of ``\s`` only. Splitting, summing lengths and
# making tokens run in C, where a loop over ``finditer`` spent most of the time on
# the match objects; only the words never seen plain get a look in Python.
_SPLIT_RE = re.compile(f"({_TOKEN_RE.pattern})")


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text`` in order."""
    parts = _SPLIT_RE.split(text)
    words = parts[1::2]
    if not words:
        return []
    at = list(accumulate(map(len, parts)))  # each token's start and end, in turn, and the text's
    tokens = list(map(_new_token, repeat(Token), zip(at[0::2], at[1::2], words, strict=False)))
    others = list(compress(range(len(words)), map(not_, map(_plain.__contains__, words))))
    if not others:
        return tokens
    out: list[Token] = []
    done = 0
    for i in others:
        out += tokens[done:i]
        done = i + 1
        _second_look(tokens[i], out)
    out += tokens[done:]
    return out


def _second_look(token: Token, out: list[Token]) -> None:
    """``token`` into ``out``, split where scraping glued words or names together."""
    start, end, word = token
    places = gazetteer().place_words
    forms = gazetteer().forms
    if len(word) > 5 and word[:3].isupper():
        cut = _glue_cut(word)
        if cut:
            out.append(Token(start, start + cut, word[:cut]))
            out.append(Token(start + cut, end, word[cut:]))
            return
    if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":  # Korea's -> Korea 's
        out.append(Token(start, end - 2, word[:-2]))
        out.append(Token(end - 2, end, word[-2:]))
        return
    if "-" in word and word not in forms and any(c.isupper() for c in word):
        parts = word.split("-")
        if any(p in places for p in parts[1:]) or (parts[0] in places and parts[1][:1].isupper()):
            pos = start
            for k, part in enumerate(parts):
                if k:
                    out.append(Token(pos, pos + 1, "-"))
                    pos += 1
                out.append(Token(pos, pos + len(part), part))
                pos += len(part)
            return
    if len(_plain) >= _PLAIN_WORDS:
        _plain.clear()
    _plain.add(word)
    out.append(token)


def _glue_cut(word: str) -> int:
    m = _GLUED_ZONE_RE.match(word) or _GLUED_DIGITS_RE.search(word)
    return m.end() if m else 0


def sentences(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Sentences as ``(first, last + 1)`` token index ranges covering ``tokens``."""
    out: list[tuple[int, int]] = []
    n = len(tokens)
    # A sentence ends only after a token a line break follows, or at an ender: those
    # are found first (a line break follows the last token that starts before it),
    # and only they are looked at, in order, where every token was before.
    starts = list(map(itemgetter(0), tokens))
    breaks: set[int] = set()
    at = text.find("\n")
    while at >= 0:
        breaks.add(bisect_right(starts, at) - 1)
        at = text.find("\n", at + 1)
    enders = compress(count(), map(_ENDERS.__contains__, map(itemgetter(2), tokens)))
    begin = 0
    for i in sorted(breaks.union(enders)):
        if i < begin or not 0 <= i < n - 1:
            continue
        if i in breaks:
            out.append((begin, i + 1))
            begin = i + 1
        elif i == 0 or not _no_end(tokens[i - 1].text):
            j = i + 1
            while j < n and _closes(text, tokens[j], tokens[j - 1]):
                j += 1
            if j < n and _starts_sentence(tokens[j].text):
                out.append((begin, j))
                begin = j
    if begin < n:
        out.append((begin, n))
    return out


def _no_end(word: str) -> bool:
    """A period after ``word`` is the word's own (``Dr.``, ``U.S.``), no sentence end."""
    return word in _NO_END or bool(_DOTTED_RE.fullmatch(word))


def _closes(text: str, tok: Token, prev: Token) -> bool:
    """A closing quote or bracket glued to the end of a sentence."""
    if tok.text not in _CLOSERS or tok.start != prev.end:
        return False
    if tok.text in "\"'":  # a straight quote glued to the next word opens a quote
        return tok.end >= len(text) or text[tok.end].isspace()
    return True


def _starts_sentence(word: str) -> bool:
    c = word[0]
    return c.isupper() or c.isdigit() or c in _OPENERS

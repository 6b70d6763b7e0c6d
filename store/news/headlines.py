"""Headlines: the line that reads as one, a title made from the first sentence, a heading
glued onto a paragraph, and a title repeated in the body.

Used by the raw-news parser (:mod:`store.news.newsparse`): a scraped file's
first line is its headline only when it reads as one (:func:`is_headline`);
a text with none gets a title from its first sentence (:func:`derive_title`,
marked ``title_derived``); a subheading that lost its line break
(``... kedua negara. Persahabatan antara Rusia dan Korea Utara``) is found by
:func:`glued_heading`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from store.news.article import Block
from store.news.boilerplate import boilerplate_kind
from store.news.language import ENGLISH_STOPWORDS, INDONESIAN_STOPWORDS
from store.news.layout import ends_sentence, is_heading
from store.news.leads import parse_header, split_lead
from store.news.outlets import split_title

#: Derived titles are cut at a word boundary to about this many characters.
DERIVED_TITLE_CHARS = 80

_STOPWORDS = INDONESIAN_STOPWORDS | ENGLISH_STOPWORDS | {"a", "pun", "of", "ke"}
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)]*\s+(?=[A-Z0-9\"“‘'(])")
_FIRST_SENTENCE = re.compile(r".+?[.!?…](?=[\"'”’»)]*(?:\s|$))", re.DOTALL)
_SPACE = re.compile(r"\s+")


def same_as_title(text: str, title: str | None) -> bool:
    """True when ``text`` repeats the title (case and spacing aside)."""
    if not title or not len(title) - 5 <= len(text) <= 2 * len(title):
        return False
    return _folded(text) == _folded(title)


@lru_cache(maxsize=64)
def _folded(text: str) -> str:
    """``text`` with case and runs of spaces folded; a title is asked about once a unit."""
    return _SPACE.sub(" ", text).casefold().strip()


# A headline's genre label: "FOTO: ...", "VIDEO: ...".
_GENRE = re.compile(r"(?:foto|photo|video|infografis|galeri)\s*:\s+(?=\S)", re.IGNORECASE)


def is_headline(text: str) -> bool:
    """True for a line that reads as a headline."""
    core = text.rstrip("\"'”’»)]")
    headline = split_title(text)[0]
    headline = headline[_GENRE.match(headline).end() :] if _GENRE.match(headline) else headline
    return (
        "\n" not in text
        and len(text) <= 250
        and 2 <= len(text.split()) <= 40
        and (core.endswith(("...", "…")) or not core.endswith((".", ",", ";", ":")))
        and boilerplate_kind(headline) is None
        and parse_header(text) is None
        and split_lead(text) is None
    )


def glued_heading(text: str) -> int | None:
    """Where a heading glued onto a paragraph's last sentence starts, if one is.

    ``... kedua negara. Persahabatan antara Rusia dan Korea Utara``: the page's
    next subheading lost its line break. The tail must read as a heading of
    three words or more, and the paragraph must not end as a sentence.
    """
    if ends_sentence(text) or "\n" in text:
        return None
    breaks = list(_SENTENCE_BREAK.finditer(text))
    if not breaks:
        return None
    last = breaks[-1]
    tail = text[last.end() :]
    if (
        len(text[: last.start()].split()) < 3
        or len(tail.split()) < 3
        or len(tail) > 80
        or not is_heading(tail)
    ):
        return None
    return last.end()


def derive_title(blocks: list[Block]) -> str:
    """A title from the first sentence of the story, cut to about 80 characters."""
    prose = [b[0] for b in blocks if b[1] in ("summary", "paragraph")]
    first = prose[0] if prose else (blocks[0][0] if blocks else "")
    first = _SPACE.sub(" ", first).strip()
    m = _FIRST_SENTENCE.match(first)
    sentence = (m.group(0) if m else first).rstrip(".").strip()
    if len(sentence) <= DERIVED_TITLE_CHARS:
        return sentence or "Untitled"
    words = sentence[: DERIVED_TITLE_CHARS + 1].split(" ")[:-1] or [sentence[:DERIVED_TITLE_CHARS]]
    # Prefer to stop before a function word ("... bertemu langsung | dengan
    # Presiden ..."): the phrase then reads as complete.
    for n in range(len(words) - 1, 0, -1):
        if words[n].lower() in _STOPWORDS and len(" ".join(words[:n])) >= 40:
            words = words[:n]
            break
    while len(words) > 1 and words[-1].lower() in _STOPWORDS:
        words.pop()
    return " ".join(words).rstrip(",;:–-— ") + "…"

"""Checking an annotation's fields before it is believed: types, sizes, text.

An annotation read from a file (the store, an import) is data someone else
wrote. Before :meth:`Annotation.from_dict` builds one, every field it reads
is checked here: strings are strings of a sane length and valid Unicode (a
lone surrogate cannot be written back as UTF-8, so it would crash the next
save or export), numbers are integers in range (not booleans, not
``Infinity``, not 5,000 digits), lists are lists of strings. A field that
fails raises ``ValueError`` with a short phrase (``has a status that is not
text``) that the caller puts after the record's name.

Fields this sorot does not know are left alone: a newer sorot may add some.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MAX_ID = 200
"""Characters of an id (an annotation's, an article's)."""
MAX_NAME = 300
"""Characters of a claim type, status, speaker, tag or annotator."""
MAX_NOTE = 100_000
"""Characters of a note."""
MAX_QUOTE = 1_000_000
"""Characters of a quote (a passage can be long, not unbounded)."""
MAX_CONTEXT = 1_000
"""Characters of a quote's prefix or suffix."""
MAX_TAGS = 200
"""Tags on one annotation."""
MAX_OFFSET = 1 << 31
"""Offsets beyond any article sorot reads (20 MB)."""
MAX_REVISION = 1 << 31
"""Revisions no annotation reaches."""
MAX_HISTORY = 100_000
"""Edits kept in one annotation's history."""

_TEXT_FIELDS = {
    "id": MAX_ID,
    "article_id": MAX_ID,
    "kind": MAX_NAME,
    "claim_type": MAX_NAME,
    "status": MAX_NAME,
    "speaker": MAX_NAME,
    "annotator": MAX_NAME,
    "note": MAX_NOTE,
    "created": 64,
    "updated": 64,
    "sha256": 128,
    "updated_by": MAX_NAME,
}
_NAMES = {
    "claim_type": "claim type",
    "article_id": "article id",
    "sha256": "text version",
    "updated_by": "last editor",
}


def is_unicode(text: str) -> bool:
    """True unless ``text`` holds a lone surrogate (which no UTF-8 file can hold)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_text(value: Any, what: str, limit: int, *, optional: bool = True) -> None:
    """``ValueError`` unless ``value`` is text of at most ``limit`` characters (or None)."""
    if value is None and optional:
        return
    if not isinstance(value, str):
        raise ValueError(f"has a {what} that is not text")
    if len(value) > limit:
        raise ValueError(f"has a {what} longer than {limit:,} characters")
    if not is_unicode(value):
        raise ValueError(f"has a {what} that is not valid Unicode (a lone surrogate)")


def check_offset(value: Any, what: str) -> int:
    """``value`` as an offset (``ValueError`` for a bool, a float, a huge or negative number)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"has a {what} offset that is not a whole number")
    if not 0 <= value <= MAX_OFFSET:
        raise ValueError(f"has a {what} offset out of range")
    return value


def check_selector(selector: Any) -> None:
    """``ValueError`` unless ``selector`` is ``{start, end, exact, prefix, suffix}`` well typed."""
    if not isinstance(selector, Mapping):
        raise ValueError("has a selector that is not an object")
    start = check_offset(selector.get("start"), "start")
    end = check_offset(selector.get("end"), "end")
    if end < start:
        raise ValueError("has a selector that ends before it starts")
    check_text(selector.get("exact"), "quote", MAX_QUOTE, optional=False)
    for key in ("prefix", "suffix"):
        check_text(selector.get(key), key, MAX_CONTEXT)


def _selector_texts(selector: Any) -> list[str]:
    """The selector's texts, once it is sound (``ValueError`` says what is not)."""
    if type(selector) is dict:
        get = selector.get
        start, end, exact = get("start"), get("end"), get("exact")
        prefix, suffix = get("prefix", ""), get("suffix", "")
        if (
            type(start) is int
            and type(end) is int
            and 0 <= start <= end <= MAX_OFFSET
            and type(exact) is str
            and type(prefix) is str
            and type(suffix) is str
            and len(exact) <= MAX_QUOTE
            and len(prefix) <= MAX_CONTEXT
            and len(suffix) <= MAX_CONTEXT
        ):
            return [exact, prefix, suffix]
    check_selector(selector)  # says what is wrong
    return [selector["exact"], selector.get("prefix") or "", selector.get("suffix") or ""]


def check_annotation(data: Any) -> None:
    """``ValueError`` (a phrase saying what is wrong) unless ``data`` is a sound annotation.

    Every save re-reads its article's annotations through here, so the
    usual case is quick: exact type tests, one UTF-8 encoding of all the text;
    the slower checks run only to name what is wrong.
    """
    if type(data) is not dict and not isinstance(data, Mapping):
        raise ValueError("is not an object")
    get = data.get
    for key in ("id", "article_id", "kind"):
        if not get(key):
            raise ValueError(f"has no {_NAMES.get(key, key)}")
    texts: list[str] = []
    for key, limit in _TEXT_FIELDS.items():
        value = get(key)
        if value is None:
            continue
        if type(value) is not str or len(value) > limit:
            check_text(value, _NAMES.get(key, key), limit)  # says which
        texts.append(value)
    tags = get("tags")
    if tags:
        if type(tags) not in (list, tuple):
            raise ValueError("has tags that are not a list")
        if len(tags) > MAX_TAGS:
            raise ValueError(f"has more than {MAX_TAGS} tags")
        for tag in tags:
            if type(tag) is not str or len(tag) > MAX_NAME:
                check_text(tag, "tag", MAX_NAME, optional=False)
        texts += tags
    elif tags is not None and type(tags) not in (list, tuple):
        raise ValueError("has tags that are not a list")
    if type(get("orphaned", False)) is not bool:
        raise ValueError("has an orphaned flag that is not true or false")
    revision = get("revision")
    if revision is not None and (type(revision) is not int or not 0 < revision <= MAX_REVISION):
        raise ValueError("has a revision that is not a whole number from 1")
    history = get("history")
    if history is not None and (type(history) is not list or len(history) > MAX_HISTORY):
        raise ValueError("has a history that is not a list of changes")
    selector = get("selector")
    if selector is not None:
        texts += _selector_texts(selector)
    if not is_unicode("".join(texts)):
        for key in _TEXT_FIELDS:  # find the field, to name it
            check_text(get(key), _NAMES.get(key, key), MAX_NOTE * 100)
        for tag in tags or ():
            check_text(tag, "tag", MAX_NOTE)
        check_selector(selector)

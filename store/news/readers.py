"""Reading one file into articles, by its suffix.

- ``.txt``: raw scraped news, one article a file (:mod:`store.news.newsparse`).
- ``.md`` / ``.markdown``: an optional front matter block (``---`` lines
  around ``key: value`` lines, keys as for JSON below); the first ``# ``
  heading is the title, ``##`` headings are heading segments, paragraphs are
  separated by blank lines. Inline emphasis (``*x*``, ``**x**``, ``_x_``),
  code and links (``[text](url)`` -> ``text``) are reduced to their text; a
  segment whose text changed so has ``raw_start`` ``None``.
- ``.json``: one article object, a list of them, or ``{"articles": [...]}``.
- ``.jsonl`` / ``.ndjson``: one article object a line; a broken line is
  reported and the others still load. ``source`` is ``path#N`` for line N.

JSON field names (case-insensitive; the first one present wins):

=============== =========================================================
article field   JSON names
=============== =========================================================
title           ``title``, ``headline``
body            ``body``, ``text``, ``content``, ``article``, ``paragraphs``
                (a string, split into paragraphs at blank lines or line
                breaks, or a list of strings)
outlet          ``outlet``, ``source``, ``publisher``, ``site``, ``site_name``
published       ``published``, ``date``, ``published_at``, ``publishedAt``,
                ``datePublished``, ``pubdate`` (normalised to ISO 8601
                when it reads one way; a date that reads two ways,
                ``9/10/2025``, is decided by the address's date or the
                file's other dates, else kept as given and marked
                ambiguous; numbers are Unix time)
byline          ``byline``, ``author``, ``authors`` (a string or a list)
editor          ``editor``
dateline        ``dateline``
url             ``url``, ``link``
language        ``language``, ``lang``
external_id     ``id``
section         ``section``, ``category``
=============== =========================================================

A value may also be an object with a ``name`` (``"source": {"name": ...}``).
The body is read like raw news text (boilerplate lines marked, a lead's
outlet and dateline read, one paragraph a line when it has no blank lines)
and the explicit fields win over what the text says. Its segments have
``raw_start`` ``None``: a JSON string's escapes make its text differ from the
file's.

The text of a file is its bytes decoded (UTF-8, else the encoding
charset-normalizer detects, with a warning), without a byte-order mark and
with newlines as Python's text mode reads them; ``raw_start`` offsets count
into that text.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.files import untrusted_json
from store.news.article import Article, FieldText
from store.news.fields import apply_fields, json_fields
from store.news.filebytes import ReadError, read_file_bytes
from store.news.markdown import read_markdown
from store.news.newsparse import parse_news_text
from store.news.outlethints import OutletHints

if TYPE_CHECKING:
    import charset_normalizer


# Control characters that do not occur in text (tab, newline, form feed and ESC do).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0d-\x1a\x1c-\x1f]")


@dataclass(frozen=True, slots=True)
class Issue:
    """Something about a file that was read: a warning, or a part left out."""

    message: str
    skipped: bool
    """True when an article was left out; False when it was read anyway."""


def read_file(path: Path, hints: OutletHints | None = None) -> tuple[list[Article], list[Issue]]:
    """The articles in one file and what went wrong; raises :class:`ReadError`.

    ``hints`` are what the corpus showed of the file's outlet (its repeated
    lines, its date order: :mod:`store.news.outlethints`).
    """
    text, warning = decode_bytes(read_file_bytes(path))
    articles, issues = read_text(text, path.suffix.lower(), str(path), hints)
    if warning:
        issues.insert(0, Issue(warning, skipped=False))
    return articles, issues


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """The text of a file and a warning when it was not UTF-8; raises ReadError."""
    if not data.strip():
        raise ReadError("empty file")
    warning = None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, warning = data.decode("utf-16", errors="replace"), "not UTF-8; read as UTF-16"
    elif b"\x00" in data:
        raise ReadError("binary file, not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            best = _guess_encoding(data)
            if best is None:
                raise ReadError("binary file, not text") from None
            text, warning = str(best), f"not UTF-8; read as {best.encoding}"
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    if controls > 0.1 * len(sample):
        raise ReadError("binary file, not text")
    if not text.strip():
        raise ReadError("empty file")
    return text, warning


def _guess_encoding(data: bytes) -> charset_normalizer.CharsetMatch | None:
    """charset-normalizer's reading of non-UTF-8 bytes, Windows-1252 first on a near tie.

    On a few lines of Latin-script text the detector's top pick among the
    single-byte code pages is close to a coin toss (``déjà`` as Baltic
    ``déją``); Windows-1252 is what legacy Indonesian and English web text
    nearly always is, so it wins unless it reads clearly worse.
    """
    # Imported here: most corpora are UTF-8, and every start would pay ~10 ms.
    import charset_normalizer

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos + 0.1:
            return match
    return best


def read_text(
    text: str, suffix: str, source: str, hints: OutletHints | None = None
) -> tuple[list[Article], list[Issue]]:
    """Articles from a file's decoded text, read as its suffix says (with the outlet's hints)."""
    hints = hints or OutletHints()
    if suffix in (".txt", ".md", ".markdown"):
        if suffix == ".txt":
            article = parse_news_text(
                text, source, known_boilerplate=hints.boilerplate, date_order=hints.date_order
            )
        else:
            article = read_markdown(text, source, hints)
        if not article.body:  # only a title or a header line
            raise ReadError("no body text")
        return [article], []
    if suffix == ".json":
        return _read_json(text, source, hints)
    if suffix in (".jsonl", ".ndjson"):
        return _read_json_lines(text, source, hints)
    raise ReadError(f"unsupported file type {suffix or '(no suffix)'}")


def _read_json(text: str, source: str, hints: OutletHints) -> tuple[list[Article], list[Issue]]:
    """One object, a list of them, or ``{"articles": [...]}``; a bad item is skipped."""
    try:
        data, replaced = untrusted_json.loads(text)
    except untrusted_json.BadJSON as exc:
        raise ReadError(str(exc)) from None
    issues = [_replaced(replaced)] if replaced else []
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        try:
            return [article_from_json(data, source, hints=hints)], issues
        except ValueError as exc:
            raise ReadError(str(exc)) from None
    if not isinstance(data, list):
        raise ReadError("JSON holds no article object")
    articles = []
    dates = _file_dates(data)
    for n, item in enumerate(data, 1):
        try:
            articles.append(article_from_json(item, source, file_dates=dates, hints=hints))
        except ValueError as exc:
            issues.append(Issue(f"item {n}: {exc}", skipped=True))
    return articles, issues


def _replaced(count: int) -> Issue:
    """The warning for lone surrogates (``\\ud800`` escapes) replaced with ``�``."""
    what = "character" if count == 1 else "characters"
    return Issue(f"{count} undecodable {what} (lone \\u surrogate escapes) shown as �", False)


def _file_dates(items: list[Any]) -> str:
    """The date fields of a file's articles, one a line: evidence for an ambiguous one."""
    return "\n".join(
        fields["published"]
        for item in items
        if isinstance(item, dict) and "published" in (fields := json_fields(item))
    )


def _read_json_lines(
    text: str, source: str, hints: OutletHints
) -> tuple[list[Article], list[Issue]]:
    """One object a line; a broken line is reported and the others still load."""
    articles, issues = [], []
    objects: list[tuple[int, Any]] = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj, replaced = untrusted_json.loads(line)
        except untrusted_json.BadJSON as exc:
            where = f" (column {exc.column})" if exc.column is not None else ""
            issues.append(Issue(f"line {n}: invalid JSON: {exc.reason}{where}", True))
            continue
        objects.append((n, obj))
        if replaced:
            issues.append(Issue(f"line {n}: {_replaced(replaced).message}", False))
    dates = _file_dates([obj for _, obj in objects])
    for n, obj in objects:
        try:
            articles.append(article_from_json(obj, f"{source}#{n}", file_dates=dates, hints=hints))
        except ValueError as exc:
            issues.append(Issue(f"line {n}: {exc}", skipped=True))
    issues.sort(key=lambda issue: int(issue.message.split()[1].rstrip(":")))
    return articles, issues


def article_from_json(
    obj: Any, source: str, *, file_dates: str = "", hints: OutletHints | None = None
) -> Article:
    """An article from one JSON object; ``ValueError`` when it has no body text.

    ``file_dates`` are the date fields of the other articles in the same file,
    evidence for a date of this one that reads two ways.
    """
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    fields = json_fields(obj)
    body = fields.pop("body", None)
    if not body:
        raise ValueError("no body text")
    title = fields.pop("title", None)
    hints = hints or OutletHints()
    article = parse_news_text(
        body,
        source,
        title=title,
        url=fields.get("url"),
        known_boilerplate=hints.boilerplate,
        date_order=hints.date_order,
    )
    # The body's offsets count into the JSON string, not into the file.
    article.segments = tuple(
        dataclasses.replace(s, raw_start=None, raw_end=None) for s in article.segments
    )
    found = [dataclasses.replace(f, raw_start=None) for f in article.field_texts]
    if title is not None:
        found.insert(0, FieldText("title", title))
    article.field_texts = tuple(found)
    return apply_fields(article, fields, file_dates=file_dates, date_order=hints.date_order)

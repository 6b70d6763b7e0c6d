"""Reading other tools' files (and sorot's own) into records sorot can merge.

Each importer turns one parsed file into :class:`Record` objects, one per
thing the file holds (an annotation, a labelled span, a row), each either
an annotation (or an entity span) ready to merge, or refused with the reason
in a phrase. Nothing here writes: :mod:`store.exchange.importing` merges.

- :mod:`.native`: sorot's JSON export and JSON Lines;
- :mod:`.w3c`: W3C Web Annotations, sorot's and other tools' (Hypothesis's JSON-LD);
- :mod:`.hypothesis`: Hypothesis's API JSON (one annotation, a list, a search result);
- :mod:`.labelstudio`: Label Studio's JSON export (tasks with annotations);
- :mod:`.doccano`: doccano's JSONL export of text spans;
- :mod:`.sorot_csv`: sorot's own CSV.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from store.annotations.annotation import Annotation, Selector
from store.exchange.importers.labels import LabelMap
from store.news.article import Article


@dataclass(frozen=True)
class EntityMark:
    """An entity span from another tool, to keep as the user's own entity."""

    article_id: str
    selector: Selector
    type: str
    annotator: str


@dataclass
class Record:
    """One thing read from a file: what it became, or why it was refused."""

    where: str
    """Where it is in the file, in words: ``annotation 3``, ``line 7``, ``task 2, span 1``."""
    annotation: Annotation | None = None
    entity: EntityMark | None = None
    correction: dict[str, Any] | None = None
    """An entity correction as stored (a native export carries them), merged by id."""
    note: str = ""
    """What the report says about how it was read (``placed by its quote at 690–747``)."""
    refused: str = ""
    """Why it was not imported; empty when it was read."""


def refused(where: str, reason: str) -> Record:
    """A record refused for ``reason`` (a phrase: ``has no target``)."""
    return Record(where, refused=reason)


def normal_url(url: str) -> str:
    """An address as compared: no scheme, fragment or trailing slash, host in lower case."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    path = parts.path.rstrip("/")
    return urlunsplit(("", parts.netloc.casefold().removeprefix("www."), path, parts.query, ""))


def text_key(text: str) -> str:
    """A fingerprint of a text that ignores how its whitespace was spelled."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "replace")).hexdigest()


@dataclass
class Context:
    """What importers need besides the file: the corpus, the label mapping, the user."""

    articles: Iterable[Article] = ()
    labels: LabelMap = field(default_factory=LabelMap)
    annotator: str = ""
    """Who imports: the annotator of records that name nobody."""

    def __post_init__(self) -> None:
        self._by_key: dict[str, Article] = {}
        self._by_text: dict[str, Article] = {}
        self._starts: dict[str, list[Article]] = {}
        self.known = False
        for article in self.articles:
            self.known = True
            self._by_key.setdefault(article.id, article)
            if article.url:
                self._by_key.setdefault(normal_url(article.url), article)
            self._by_text.setdefault(text_key(article.body), article)
            for paragraph in article.body.split("\n"):
                head = " ".join(paragraph.split())[:48]
                if len(head) >= 24:
                    self._starts.setdefault(head, []).append(article)

    def article(self, key: str | None) -> Article | None:
        """The article with this id or address, if the corpus has it."""
        if not key:
            return None
        return self._by_key.get(key) or self._by_key.get(normal_url(key))

    def by_text(self, text: str) -> tuple[Article, int] | None:
        """The article whose text is ``text`` or holds it, and where it starts (-1: not exactly)."""
        whole = self._by_text.get(text_key(text))
        if whole is not None:
            return whole, 0 if whole.body == text else -1
        head = " ".join(text.split())[:48]
        for article in self._starts.get(head, ()):
            at = article.body.find(text)
            return article, at
        return None

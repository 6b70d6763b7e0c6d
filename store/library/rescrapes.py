"""Annotations that follow a re-scraped article to its new version in the corpus.

When the corpus is opened, an annotated article that is no longer in it
(its text changed, so its id did; its file was often renamed too) is looked
for among the corpus's articles (``store.annotations.rescrape`` says how a
new version is recognised), and its annotations and entity corrections are
moved there, to be placed again in the new text when it is opened; those
that cannot be placed are kept, listed as orphaned.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.annotations.rescrape import TITLE_CLOSE, new_home, title_closeness, title_words
from store.annotations.store import AnnotationStore
from store.files.jsonfile import StoreError
from store.library.catalog import Catalog
from store.library.corpus import Corpus
from store.news.article import Article


@dataclass(frozen=True)
class Moved:
    """Annotations that followed a re-scraped article to its new version."""

    old_id: str
    new_id: str
    old_source: str
    article: Article
    annotations: int
    corrections: int

    def describe(self) -> str:
        """``3 annotations followed “Title” to its new version (new.txt; was old.txt)``."""
        what = f"{self.annotations} annotation{'s' if self.annotations != 1 else ''}"
        if self.corrections:
            what += (
                f" and {self.corrections} entity correction{'s' if self.corrections != 1 else ''}"
            )
        was = f"; was {self.old_source}" if self.old_source else ""
        where = f"{self.article.source}{was}"
        return f"{what} followed “{self.article.title}” to its new version ({where})"


def follow_rescrapes(store: AnnotationStore, corpus: Corpus, catalog: Catalog) -> list[Moved]:
    """Move the annotations of articles gone from the corpus to their new versions.

    An annotated article whose text changed has a new id (and usually a new
    file): its new version is found by address or source id, else by a
    close title and its quotes (``store.annotations.rescrape``), and its
    annotations and corrections are moved there, to be placed again when it
    is opened (or listed as orphaned). Returns what moved, to be said.
    """
    try:
        gone = [i for i in store.article_ids() if i not in corpus]  # one index lookup each
    except StoreError as error:
        store.problems.append(str(error))
        return []
    if not gone:
        return []
    moves = []
    for old_id in gone:
        try:
            annotations = store.annotations(old_id)
            if not annotations and not store.corrections(old_id):
                continue
            origin = store.article_origin(old_id) or {}
            old_title = title_words(str(origin.get("title") or ""))
            rows = catalog.sharing_title_words(sorted(old_title)) if old_title else []
            close = sorted(
                ((title_closeness(old_title, title_words(row.title)), row.id) for row in rows),
                reverse=True,
            )[:5]
            near = [i for score, i in close if score >= TITLE_CLOSE]
            if origin.get("url") or origin.get("external_id"):
                near = near or [i for _s, i in close]
            candidates = [a for a in map(corpus.get, near) if a is not None]
            home = new_home(origin, annotations, candidates)
            if home is None:
                continue
            counted = store.move_article(old_id, home)
        except StoreError as error:
            store.problems.append(f"could not move annotations of {old_id}: {error}")
            continue
        moves.append(Moved(old_id, home.id, str(origin.get("source") or ""), home, *counted))
    return moves

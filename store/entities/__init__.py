"""Entity recognition for sorot: people, organisations, places, dates, quantities.

Public API::

    from store.entities import Entity, fold, key_of
    from store.entities.recognise import recognise, recognise_article, tag_tokens

``recognise(text)`` returns sorted, non-overlapping entities with offsets
into ``text``; ``recognise_article(article)`` the same over
``article.body``. Each entity has a ``key`` shared by every variant of one
name (``Kim Jong-un`` and ``Kim`` → ``Kim Jong Un``), stable across
articles. PER/ORG/LOC come from a CRF (``model.crfsuite``, trained by
``python -m store.entities.train``) and sorot's span rules and lists, DATE
and QUANT from rules; English text is read by English rules (``english``),
and an article's boilerplate feeds no entity. ``GUIDELINES.md`` says what is
marked; ``python -m store.entities.evaluate`` (``make eval``) measures it.
The model is loaded on first use, and the recogniser's modules (the CRF
library, rules, gazetteers) are imported only by what recognises: the app
starts without them when the entities it shows are cached.
"""

from store.entities.keys import fold, key_of
from store.entities.model import NAME_TYPES, TYPES, Entity

__all__ = [
    "NAME_TYPES",
    "TYPES",
    "Entity",
    "fold",
    "key_of",
]

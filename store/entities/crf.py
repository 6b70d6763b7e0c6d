"""The CRF that tags PER, ORG and LOC, loaded once on first use.

The model file ``model.crfsuite`` ships beside this module; it is made by
``python -m store.entities.train``. The recogniser tags an article's
sentences all at once with :func:`tag_many` (``decode``: the model read as
arrays, crfsuite's own results at a fraction of its cost); :func:`tag` is
crfsuite itself, a sentence at a time, which ``decode`` is held equal to.
Tagging holds a lock, so one tagger can serve several threads.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pycrfsuite

from store.entities.features import sentence_features

MODEL_PATH = Path(__file__).with_name("model.crfsuite")

_lock = threading.Lock()
_tagger: pycrfsuite.Tagger | None = None


class ModelMissing(RuntimeError):
    """The model file is not there (run ``python -m store.entities.train``)."""


def tagger() -> pycrfsuite.Tagger:
    """The shared tagger, opened on first call."""
    global _tagger
    with _lock:
        if _tagger is None:
            if not MODEL_PATH.is_file():
                raise ModelMissing(f"entity model not found: {MODEL_PATH}")
            t = pycrfsuite.Tagger()
            t.open(str(MODEL_PATH))
            _tagger = t
        return _tagger


ARRAYS_FROM = 128
"""Tokens from which :func:`tag_many` uses ``decode``: below, its fixed cost of some
150 array operations is more than crfsuite's per token (the results are the same)."""


def tag_many(sentences: list[list[str]], heads: list[bool] | None = None) -> list[list[str]]:
    """BIO tags for each of ``sentences`` (what :func:`tag` gives each, all at once).

    ``heads``: whether each is in headline mode (``features.headline_mode``), if known.
    """
    if sum(map(len, sentences)) < ARRAYS_FROM:
        return [tag(words) for words in sentences]
    from store.entities.decode import decoder  # numpy's import waits for an article

    if not MODEL_PATH.is_file():
        raise ModelMissing(f"entity model not found: {MODEL_PATH}")
    return decoder(MODEL_PATH).tag(sentences, heads)


def tag(words: list[str]) -> list[str]:
    """BIO tags (``B-PER``, ``I-LOC``, ``O``...) for one sentence of words."""
    if not words:
        return []
    feats = sentence_features(words)
    t = tagger()
    with _lock:
        return t.tag(feats)

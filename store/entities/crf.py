"""The CRF that tags PER, ORG and LOC, loaded once on first use.

The model file ``model.crfsuite`` ships beside this module; it is made by
``python -m store.entities.train``. Tagging holds a lock, so one tagger can
serve several threads.
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


def tag(words: list[str]) -> list[str]:
    """BIO tags (``B-PER``, ``I-LOC``, ``O``...) for one sentence of words."""
    if not words:
        return []
    feats = sentence_features(words)
    t = tagger()
    with _lock:
        return t.tag(feats)

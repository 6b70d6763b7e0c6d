"""Word clusters learnt from unlabelled text, read by the model's features.

``data/clusters.txt`` (made by ``python -m store.entities.wordclusters``)
gives lowercase words a coarse and a fine cluster: words that stand in the
same company (``jokowi``, ``prabowo``; ``polres``, ``polda``) share them.
When the file is missing every word is simply unclustered.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

CLUSTERS_PATH = Path(__file__).with_name("data") / "clusters.txt"


@cache
def clusters() -> dict[str, tuple[str, str]]:
    """``word → (coarse, fine)`` cluster names, read once."""
    try:
        text = CLUSTERS_PATH.read_text(encoding="utf-8")
    except OSError:
        return {}
    out: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) == 3:
            out[parts[0]] = (parts[1], parts[2])
    return out

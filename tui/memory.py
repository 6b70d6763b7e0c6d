"""Keeping the garbage collector off what lives as long as sorot does.

CPython's full collections walk every container object alive. With 10,000
articles in the library that is the whole catalog, and a full collection
came every few keystrokes of the library filter as a 40-50 ms stall (the
filter's p95 in ``make bench``). The corpus, the catalog and the entity
index are built once and kept until sorot ends, so once they are loaded they
are moved out of the collector's sight with ``gc.freeze``; what the reader
makes and drops afterwards is collected as before. When the app ends they
are handed back (``release``), for a process that goes on after it (tests).
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect once, then leave every object alive now out of later collections.

    The collection first: garbage frozen with the rest would never be freed.
    """
    gc.collect()
    gc.freeze()


def release() -> None:
    """Give the frozen objects back to the collector (the app that froze them ended)."""
    gc.unfreeze()

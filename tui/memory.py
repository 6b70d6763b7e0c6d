"""Keeping the garbage collector off what lives as long as sorot does.

CPython's full collections walk every container object alive. When the
library held every article's summary in memory, a full collection came
every few keystrokes of the filter as a 40-50 ms stall. The library now
reads its rows from the corpus index and holds none of the corpus, but what
is loaded once and kept until sorot ends (Textual's screens and widgets,
the workspace, the reader's modules) is still moved out of the collector's
sight with ``gc.freeze`` once the library has painted; what the reader
makes and drops afterwards is collected as before. When the app ends it is
handed back (``release``), for a process that goes on after it (tests).
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

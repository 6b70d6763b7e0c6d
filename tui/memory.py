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

Full collections are also made rarer once the app has settled. Textual
leaves some 4,000 objects in reference cycles per frame of the library (a
``Strip`` whose crop is itself keeps itself in its own caches), and after the
freeze the long-lived objects the collector weighs them against are few, so
its rule of a full pass once they grow by a quarter fired every dozen keys
typed in the filter, each a 6-12 ms stall. A full pass now waits for ten
times as many young collections; the cycles are still freed, by the young
collections that find most of them and by the full pass when it comes.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect once, then leave every object alive now out of later collections.

    The collection first: garbage frozen with the rest would never be freed.
    """
    gc.collect()
    gc.freeze()
    young, middle, _ = _USUAL
    gc.set_threshold(young, middle, FULL_AFTER)


def release() -> None:
    """Give the frozen objects back to the collector (the app that froze them ended)."""
    gc.unfreeze()
    gc.set_threshold(*_USUAL)


FULL_AFTER = 10 * gc.get_threshold()[2]
"""Collections of the middle generation before a full one: ten times CPython's default."""
_USUAL = gc.get_threshold()

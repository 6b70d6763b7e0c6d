"""One background pass, alone, for the benchmark to time: ``python -m tests.bench_pass
entities|sentences CORPUS DB``.

``sorot index`` runs both passes one after the other; the benchmark times each
in a process of its own, so that the entity pass's figure (time, peak memory of
it and its workers) is the entity pass's and nothing else's.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    which, corpus, data = argv
    from store.workspace import Workspace

    space = Workspace(Path(data), os.environ.get("SOROT_USER", "bench"))
    space.open_corpus([Path(corpus)])
    if which == "entities":
        report = space.recognise_corpus()
        print(f"{report.recognised:,} articles recognised; complete: {report.complete}")
        return 0 if report.complete else 1
    if which == "sentences":
        print(f"{space.catch_up_desk():,} sentences read")
        return 0
    print(f"bench_pass: entities or sentences, not {which!r}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

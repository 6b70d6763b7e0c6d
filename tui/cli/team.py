"""``sorot share DIR --group GROUP``: make a data folder a team folder (no Textual).

Several Unix accounts then annotate in one folder (``--db DIR`` or
``$SOROT_DATA``): shared files are the group's, each user's reading state
and drafts stay private. Running it again changes nothing and says so.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from store.files.jsonfile import StoreError
from store.files.sharing import share
from store.news.safetext import printable
from tui.cli.common import Parser, say


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="sorot share",
        description="Make DIR a team folder: a data folder several accounts of GROUP share.",
        epilog="Then each member runs sorot with --db DIR (or SOROT_DATA=DIR). Files of other "
        "users are changed only by their owners: each member may run the command once.",
    )
    parser.add_argument("folder", metavar="DIR", type=Path, help="the data folder to share")
    parser.add_argument("--group", required=True, metavar="GROUP", help="the team's Unix group")
    return parser


def run(argv: Sequence[str]) -> int:
    """Run ``sorot share ARGS``."""
    args = _parser().parse_args(list(argv))
    try:
        report = share(args.folder, args.group)
    except StoreError as error:
        say(str(error))
        return 1
    print(printable(report.summary()))
    return 1 if report.others else 0

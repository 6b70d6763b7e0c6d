"""``sorot related``: where other articles state the claim of a passage, never the app.

``sorot related ID --start N --end M`` takes N and M as character offsets
into the article's body (as ``sorot show --json`` gives them) and prints
the passages of other articles stating the same claim, best first: the
article, its outlet and date, the passage's offsets and text, its score,
speaker and figures, and which figures conflict with the passage's own.
"""

from __future__ import annotations

import argparse
import json
import sys

from store.claims.related import Related
from store.claims.similarity import DEFAULT_THRESHOLD
from store.files.jsonfile import StoreError
from store.news.safetext import printable
from tui.cli.common import Parser, data_arg, paths_arg, say, workspace


def related_parser() -> argparse.ArgumentParser:
    """``sorot related``'s options."""
    parser = Parser(
        prog="sorot related",
        description="Print the passages of other articles stating the claim of a passage.",
    )
    parser.add_argument("id", metavar="ID", help="article id (a unique prefix is enough)")
    parser.add_argument(
        "--start", type=int, required=True, help="where the passage starts in the body"
    )
    parser.add_argument("--end", type=int, required=True, help="where it ends (one past)")
    paths_arg(parser)
    parser.add_argument("--limit", type=int, default=10, help="print at most this many")
    parser.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"the least score printed, 0 to 1 (default {DEFAULT_THRESHOLD})",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    data_arg(parser)
    return parser


def _line(related: Related) -> list[str]:
    head = f"{related.score:.2f}  {related.article_id}  {related.start}-{related.end}"
    meta = "  ".join(
        part
        for part in (
            related.outlet or "",
            related.published,
            f"speaker: {related.speaker}" if related.speaker else "",
        )
        if part
    )
    lines = [head + (f"  ({meta})" if meta else ""), f"    {' '.join(related.text.split())}"]
    if related.figures:
        lines.append("    figures: " + "; ".join(f.describe() for f in related.figures))
    for comparison in related.comparisons:
        mark = "CONFLICT" if comparison.conflict else "agrees"
        lines.append(f"    {mark}: {comparison.why}")
    return lines


def run_related(args: argparse.Namespace) -> int:
    """Print the related passages of ``ID``'s body from ``--start`` to ``--end``."""
    space = workspace(args)
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        for path in missing:
            say(f"{path}: no such file or folder")
        return 1
    try:
        space.open_corpus(args.paths)
    except StoreError as error:
        say(str(error))
        return 1
    found = space.find_article(args.id)
    if isinstance(found, str):
        say(found)
        return 1
    article = found
    length = len(article.body)
    if not 0 <= args.start < args.end <= length:
        say(
            f"--start and --end must satisfy 0 <= start < end <= {length} "
            f"(the length of {article.id}'s body)"
        )
        return 2
    shown = space.desk.related(
        article, args.start, args.end, limit=args.limit, threshold=args.threshold
    )
    figures = space.desk.finder.facts(article, args.start, args.end)
    if args.json:
        json.dump(
            {
                "article_id": article.id,
                "start": args.start,
                "end": args.end,
                "text": article.body[args.start : args.end],
                "speaker": figures.speaker,
                "figures": [f.to_dict() for f in figures.figures],
                "related": [r.to_dict() for r in shown],
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        return 0
    passage = " ".join(article.body[args.start : args.end].split())
    print(printable(f"{article.id} {args.start}-{args.end}: {passage}"))
    if figures.figures:
        print(printable("  figures: " + "; ".join(f.describe() for f in figures.figures)))
    if not shown:
        print("No other article states this claim (none scores above the threshold).")
        return 0
    for related in shown:
        print()
        for line in _line(related):
            print(printable(line))
    return 0

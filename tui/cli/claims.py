"""``sorot related`` and ``sorot claims``: the verification desk on the command line.

``sorot related ID --start N --end M`` takes N and M as character offsets
into the article's body (as ``sorot show --json`` gives them) and prints
the passages of other articles stating the same claim, best first: the
article, its outlet and date, the passage's offsets and text, its score,
speaker and figures, and which figures conflict with the passage's own.
``sorot claims`` prints the claims board: each claim group with its
appearances (outlet, date, speaker, figures) and the conflicts between
them, then the claims in no group; ``--where`` filters with the query
language, ``--json`` prints it all as data.
"""

from __future__ import annotations

import argparse
import json
import sys

from store.claims.board import SORTS, BoardItem
from store.claims.related import Related
from store.claims.similarity import DEFAULT_THRESHOLD
from store.files.jsonfile import StoreError
from store.news.safetext import printable
from store.query import QueryError
from tui.cli.articles import open_indexed
from tui.cli.common import Parser, data_arg, paths_arg, say, where_arg, workspace


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
        open_indexed(space, args)
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


def claims_parser() -> argparse.ArgumentParser:
    """``sorot claims``'s options."""
    parser = Parser(
        prog="sorot claims",
        description="Print the claims board: claim groups with their appearances and figures, "
        "and the claims in no group.",
    )
    paths_arg(parser)
    where_arg(parser)
    parser.add_argument(
        "--sort", choices=SORTS, default="updated", help="latest change first (default), …"
    )
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    data_arg(parser)
    return parser


def _item_lines(item: BoardItem) -> list[str]:
    when, who = item.updated
    kind = f"GROUP of {len(item.appearances)}" if item.group else "claim"
    head = f"[{item.status}] {kind} · {item.claim_type or 'no type'} · {', '.join(item.outlets)}"
    lines = [head, f"  {item.title}", f"  last changed by {who or '?'} {when[:16]}  id {item.id}"]
    for appearance in item.appearances:
        claim = appearance.annotation
        start = claim.selector.start if claim.selector else "-"
        where = f"{appearance.outlet or appearance.article_id} {appearance.shown_date}".strip()
        said = f" · said by {claim.speaker}" if claim.speaker else ""
        figures = "; ".join(f.describe() for f in appearance.figures) or "no figures"
        lines.append(f"    {where}{said} · {figures}")
        lines.append(f"      {appearance.article_id} @{start}: {' '.join(claim.quote.split())}")
    for conflict in item.conflicts:
        lines.append(f"  CONFLICT: {conflict.why}")
    return lines


def run_claims(args: argparse.Namespace) -> int:
    """Print every claim group and lone claim ``--where`` selects."""
    space = workspace(args)
    try:
        query = space.query(args.where)
    except QueryError as error:
        print(f"sorot claims: {printable(str(error))}", file=sys.stderr)
        return 2
    missing = [p for p in args.paths if not p.exists()]
    for path in missing:
        say(f"{path}: no such file or folder")
    if missing:
        return 1
    try:
        skipped = open_indexed(space, args)
        items = space.board(query, args.sort)
    except StoreError as error:
        say(str(error))
        return 1
    problems = space.take_problems()
    for problem in problems:
        say(problem)
    if args.json:
        json.dump([i.to_dict() for i in items], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 1 if problems or skipped else 0
    if not items:
        print("No claims yet (mark one with c in the reader; group them with r, then g).")
    for number, item in enumerate(items):
        if number:
            print()
        for line in _item_lines(item):
            print(printable(line))
    return 1 if problems or skipped else 0

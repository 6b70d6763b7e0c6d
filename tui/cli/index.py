"""``sorot index`` and ``sorot search``: the corpus index on the command line (no Textual).

``sorot index [PATH ...]`` builds or refreshes the index ahead of time (for
cron, after a scrape): only new and changed files are read, on every core,
then the entities of the articles that have none yet are found; it says
what changed. ``sorot search QUERY [PATH ...]`` prints the articles a query
selects, best match of its words first, each with the sentence the words
were found in (``--json``: id, title, outlet, date, the sentence with its
offsets into the body, the offsets of each word, and a score).

``search`` is meant to answer in a fraction of a second: it refreshes the
index quickly (folders where a file was added, removed or renamed; a file
rewritten in place is seen by the next ``sorot index``, ``list`` or app
start) and does not wait for another sorot that is indexing.
"""

from __future__ import annotations

import argparse
import json
import sys

from store.news.safetext import printable
from tui.cli.articles import open_indexed
from tui.cli.common import Parser, data_arg, paths_arg, read_query, say, workspace
from tui.cli.progress import find_entities, read_sentences, refresh


def index_parser() -> argparse.ArgumentParser:
    """``sorot index``'s options."""
    parser = Parser(
        prog="sorot index",
        description="Build or refresh the corpus index ahead of time, and say what changed.",
    )
    paths_arg(parser)
    parser.add_argument(
        "--no-entities",
        action="store_true",
        help="do not find the entities and sentences of new articles now (the app does it in "
        "the background)",
    )
    data_arg(parser)
    return parser


def search_parser() -> argparse.ArgumentParser:
    """``sorot search``'s options."""
    parser = Parser(
        prog="sorot search",
        description="Print the articles a query selects, best match first, with the sentence "
        "the words were found in.",
    )
    parser.add_argument(
        "query",
        metavar="QUERY",
        help="words to find in titles and text (every one, as the start of a word), "
        "with any other query words: 'tentara status:false entity:kim'",
    )
    paths_arg(parser)
    parser.add_argument("--json", action="store_true", help="print the hits as JSON")
    parser.add_argument(
        "--limit", type=int, default=20, metavar="N", help="hits printed (default 20; 0: all)"
    )
    data_arg(parser)
    return parser


def run_index(args: argparse.Namespace) -> int:
    """Refresh the index of ``args.paths`` (and its entities); say what changed."""
    space = workspace(args)
    space.open_corpus(args.paths)
    report = refresh(space, wait=False, quiet=True)
    if report.busy:
        say("another sorot is indexing this corpus; waiting for it to finish")
        report = refresh(space, quiet=True)
    problems = space.corpus.problems()
    for problem in problems:
        say(str(problem))
    total = space.count()
    where = space.database.path
    size = sum(p.stat().st_size for p in where.parent.glob(where.name + "*") if p.is_file())
    print(
        printable(
            f"{report.summary()} in {report.seconds:.1f} s; {total:,} articles indexed "
            f"({size / 2**20:,.0f} MB in {where})"
        )
    )
    if not args.no_entities:
        complete = find_entities(space)
        print("every article has its entities" if complete else "some entities are still missing")
        read = read_sentences(space)
        if read:
            print(f"{read:,} sentences read for related passages")
    return 1 if any(p.skipped for p in problems) else 0


def run_search(args: argparse.Namespace) -> int:
    """Print the hits of ``args.query``."""
    space = workspace(args)
    query = read_query(space, args.query, "sorot search")
    if query is None:
        return 2
    if args.limit < 0:
        print("sorot search: --limit takes 0 (all) or more", file=sys.stderr)
        return 2
    status = open_indexed(space, args, quick=True, wait=False)
    if query.entities and space.entity_jobs():
        say(
            "some articles have no entities found yet (`sorot index` finds them): "
            "entity: words may miss those"
        )
    result = space.search(query, args.limit or None)
    if args.json:
        document = {
            "query": str(query),
            "total": result.total,
            "hits": [hit.to_dict() for hit in result.hits],
        }
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return status
    bold = sys.stdout.isatty()
    for rank, hit in enumerate(result.hits, 1):
        row = hit.row
        head = f"{rank:>3}. {row.title}"
        about = " · ".join(p for p in (row.outlet, row.date, row.id) if p)
        print(printable(head))
        print(printable(f"     {about}" + (f" · score {hit.score:.3g}" if query.words else "")))
        if hit.snippet is not None:
            print("     " + _marked(hit.snippet, bold))
    shown = len(result.hits)
    if result.total > shown:
        print(f"{shown:,} of {result.total:,} articles (--limit N shows more)")
    elif not result.total:
        print("no article matches")
    return status


def _marked(snippet, bold: bool) -> str:
    """The sentence, one line, each word found in bold (on a terminal) or between « »."""
    text = snippet.text
    out, last = [], 0
    for start, end in snippet.matches:
        a, b = start - snippet.start, end - snippet.start
        out.append(printable(text[last:a]))
        word = printable(text[a:b])
        out.append(f"\x1b[1m{word}\x1b[22m" if bold else f"«{word}»")
        last = b
    out.append(printable(text[last:]))
    return "".join(out).replace("\n", " ")

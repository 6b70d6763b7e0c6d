"""``sorot list`` and ``sorot show``: the corpus's articles, printed from its index, never the app.

Both bring the corpus index up to date first (only new and changed files
are read) and then answer from it: ``list`` prints one line an article, in
the order of the corpus's files (``--json``: every field but the body), and
``--where QUERY`` keeps the articles the query selects, as the library's
filter would; ``show`` prints one article by id or a unique start of one,
reading just its file.
"""

from __future__ import annotations

import argparse
import sys

from store.files.jsonfile import StoreError
from store.library.catalog import IN_FILES
from store.news.article import Article, article_to_dict
from store.news.safetext import dumps, printable, printable_lines
from store.workspace import Workspace
from tui.cli.common import Parser, data_arg, paths_arg, read_query, say, where_arg, workspace
from tui.cli.progress import find_entities, refresh

PAGE = 2000
"""Rows fetched from the index at a time while printing."""

DATE_W = 16
"""The widest the DATE column gets (``~2024-11-30``; a raw date longer is cut with ``…``)."""


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def list_parser() -> argparse.ArgumentParser:
    """``sorot list``'s options."""
    parser = Parser(prog="sorot list", description="Print the articles.")
    paths_arg(parser)
    where_arg(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    data_arg(parser)
    return parser


def show_parser() -> argparse.ArgumentParser:
    """``sorot show``'s options."""
    parser = Parser(prog="sorot show", description="Print one article.")
    parser.add_argument("id", metavar="ID", help="article id (a unique prefix is enough)")
    paths_arg(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help="print every parsed field, the body and its segments as JSON",
    )
    data_arg(parser)
    return parser


def open_indexed(
    space: Workspace, args: argparse.Namespace, *, quick: bool = False, wait: bool = True
) -> int:
    """Open ``args.paths`` through the index, brought up to date; 1 when a file was skipped.

    ``quick`` and ``wait=False`` (``sorot search``) apply once the corpus is
    indexed: the first time, every file is read, with a progress bar.
    """
    space.open_corpus(args.paths)
    if not space.count():
        quick, wait = False, True
    refresh(space, quick=quick, wait=wait)
    problems = space.corpus.problems()
    for problem in problems:
        say(str(problem))
    return 1 if any(p.skipped for p in problems) else 0


def run_list(args: argparse.Namespace) -> int:
    """Print the articles (those ``--where`` selects)."""
    space = workspace(args)
    query = read_query(space, args.where, "sorot list")
    if query is None:
        return 2
    status = open_indexed(space, args)
    if query.entities:
        find_entities(space)
    try:
        numbers = space.rows(query, IN_FILES)
    except StoreError as error:
        say(str(error))
        return 1
    # An annotation file set aside or left out makes the list incomplete: said, and exit 1.
    # (An index kept elsewhere because the data folder is read-only is only said.)
    unread = bool(space.store.problems)
    for problem in space.take_problems():
        say(problem)
    status = 1 if unread else status
    if args.json:
        _print_json(space, numbers)
        return status
    widths = space.catalog.widths(numbers)
    id_w, outlet_w = max(widths["id"], 2), max(widths["outlet"], 6)
    # A date the source wrote its own way can be long: the column stops at DATE_W.
    words_w, date_w = max(widths["words"], 5), min(max(widths["date"], 4), DATE_W)
    out = sys.stdout
    out.write(
        printable(f"{'ID':<{id_w}}  {'DATE':<{date_w}}  {'OUTLET':<{outlet_w}}  WORDS  TITLE")
    )
    out.write("\n")
    for start in range(0, len(numbers), PAGE):
        page = numbers[start : start + PAGE]
        rows = space.row_data(page)
        lines = []
        for number in page:
            row = rows.get(number)
            if row is None:
                continue
            lines.append(
                f"{row.id:<{id_w}}  {_cut(row.date, date_w):<{date_w}}  "
                f"{row.outlet:<{outlet_w}}  "
                f"{row.words:>{words_w},}  {row.title}"
            )
        text = "\n".join(lines)
        # A page made safe at once (a line at a time cost 0.3 s per 100,000), unless a
        # field holds a line break of its own: that one is shown, not obeyed.
        if text.count("\n") == len(lines) - 1:
            text = printable_lines(text)
        else:
            text = "\n".join(printable(line) for line in lines)
        out.write(text + ("\n" if lines else ""))
    return status


def _print_json(space: Workspace, numbers) -> None:
    """A JSON array of every article's fields, written a page at a time (never all in memory)."""
    out = sys.stdout
    out.write("[")
    first = True
    for start in range(0, len(numbers), PAGE):
        for meta in space.metadata(numbers[start : start + PAGE]):
            out.write("\n  " if first else ",\n  ")
            out.write(dumps(meta, indent=2).replace("\n", "\n  "))
            first = False
    out.write("]\n" if first else "\n]\n")


def _published(article: Article) -> str | None:
    """The date with what kind of date it is, unless the source states it."""
    if article.published and article.published_status in ("estimated", "ambiguous"):
        return f"{article.published} ({article.published_status})"
    return article.published


def run_show(args: argparse.Namespace) -> int:
    """Print one article."""
    space = workspace(args)
    open_indexed(space, args)
    found = space.catalog.ids_starting(args.id)
    if not found:
        say(f"no article with id {args.id!r} (`sorot list` shows the ids)")
        return 1
    if len(found) > 1:
        names = ", ".join(found[:5])
        many = f"{len(found)}" if len(found) < 6 else "more than five"
        say(f"{args.id!r} matches {many} articles ({names}…); give more of the id")
        return 1
    article = space.article(found[0])
    if article is None:
        say(f"{found[0]}: its file changed or went since it was read; run the command again")
        return 1
    if args.json:
        sys.stdout.write(dumps(article_to_dict(article), indent=2) + "\n")
        return 0
    a = article
    print(printable(a.title) + ("  (title derived from the text)" if a.title_derived else ""))
    for label, value in (
        ("id", a.id),
        ("outlet", a.outlet),
        ("section", a.section),
        ("published", _published(a)),
        ("dateline", a.dateline),
        ("byline", a.byline),
        ("editor", a.editor),
        ("language", a.language),
        ("url", a.url),
        ("source", a.source),
        ("words", f"{a.word_count:,}"),
    ):
        if value:
            print(f"  {label:<10}{printable(str(value))}")
    for segment in a.segments:
        text = printable_lines(a.body[segment.start : segment.end])
        marker = "" if segment.kind == "paragraph" else f"[{segment.kind}] "
        print(f"\n{marker}{text}")
    return 0

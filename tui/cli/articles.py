"""``sorot list`` and ``sorot show``: the corpus's articles, printed, never the app.

``list`` prints one line an article (``--json``: every field but the body);
``--where QUERY`` keeps the articles the query selects, as the library's
filter would. ``show`` prints one article by id or a unique start of one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from store.files.jsonfile import StoreError
from store.news.article import Article, article_to_dict
from store.news.loading import LoadResult
from store.news.safetext import dumps, printable, printable_lines
from store.query import QueryError
from store.query.query import shown_date
from tui.cli.common import Parser, data_arg, paths_arg, say, where_arg, workspace


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
    return parser


def _load(args: argparse.Namespace) -> LoadResult:
    result = workspace(args).load(args.paths)
    for problem in result.problems:
        say(str(problem))
    return result


def _status(result: LoadResult) -> int:
    return 1 if any(p.skipped for p in result.problems) else 0


def run_list(args: argparse.Namespace) -> int:
    """Print the articles (those ``--where`` selects)."""
    space = workspace(args)
    try:
        query = space.query(args.where)
    except QueryError as error:
        print(f"sorot list: {printable(str(error))}", file=sys.stderr)
        return 2
    result = _load(args)
    articles = result.articles
    if not query.is_everything:
        try:
            articles = [a for a in articles if space.selects(query, a)]
        except StoreError as error:
            say(str(error))
            return 1
    set_aside = space.take_problems()
    for problem in set_aside:
        say(problem)
    # A file set aside or left out is said, and the exit status says the list is incomplete.
    status = 1 if set_aside else _status(result)
    if args.json:
        sys.stdout.write(
            dumps([article_to_dict(a, with_body=False) for a in articles], indent=2) + "\n"
        )
        return status
    rows = [
        (
            a.id,
            shown_date(a.published, a.published_status),
            a.outlet or "",
            f"{a.word_count:,}",
            a.title,
        )
        for a in articles
    ]
    widths = [
        max([len(r[i]) for r in rows] + [len(h)])
        for i, h in enumerate(("ID", "DATE", "OUTLET", "WORDS"))
    ]
    header = ("ID", "DATE", "OUTLET", "WORDS", "TITLE")
    for row in [header, *rows]:
        cells = [
            row[0].ljust(widths[0]),
            row[1].ljust(widths[1]),
            row[2].ljust(widths[2]),
            row[3].rjust(widths[3]),
            row[4],
        ]
        print(printable("  ".join(cells)))
    return status


def _find(articles: Sequence[Article], wanted: str) -> Article | str:
    exact = [a for a in articles if a.id == wanted]
    if exact:
        return exact[0]
    found = [a for a in articles if a.id.startswith(wanted)]
    if len(found) == 1:
        return found[0]
    if not found:
        return f"no article with id {wanted!r} (`sorot list` shows the ids)"
    names = ", ".join(a.id for a in found[:5])
    return f"{wanted!r} matches {len(found)} articles ({names}…); give more of the id"


def _published(article: Article) -> str | None:
    """The date with what kind of date it is, unless the source states it."""
    if article.published and article.published_status in ("estimated", "ambiguous"):
        return f"{article.published} ({article.published_status})"
    return article.published


def run_show(args: argparse.Namespace) -> int:
    """Print one article."""
    result = _load(args)
    found = _find(result.articles, args.id)
    if isinstance(found, str):
        say(found)
        return 1
    if args.json:
        sys.stdout.write(dumps(article_to_dict(found), indent=2) + "\n")
        return 0
    a = found
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

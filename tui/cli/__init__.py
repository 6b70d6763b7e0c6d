"""The ``sorot`` command: open the app, or run one of the commands without it.

``sorot [PATH ...]`` opens the app. The commands (``list``, ``show``,
``search``, ``index``, ``tag``, ``entities``, ``export``, ``import``,
``sets``) print and never import Textual, so they are quick in scripts and
over SSH; each group lives in a module of its own (``articles``, ``index``,
``entities``, ``exchange``) and every one reaches the domain through a
:class:`~store.workspace.Workspace`.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable, Sequence

from store import __version__
from store.files.database import DatabaseUnreadable
from store.files.paths import current_user, default_data_dir
from store.news.safetext import printable
from store.news.sources import bundled_corpus
from tui.cli.common import data_arg, guard_streams, paths_arg

DESCRIPTION = "sorot: a keyboard-driven terminal reader and annotator for news."
EPILOG = """commands:
  sorot [PATH ...]              open the app on files or folders (the bundled corpus by default)
  sorot list [PATH ...] [--where QUERY] [--json]
                                print the articles (those a query selects)
  sorot show ID [PATH ...] [--json]
                                print one article (--json: every field, body and segments)
  sorot search QUERY [PATH ...] [--json] [--limit N]
                                the articles a query selects, best match first, with the
                                sentence its words were found in
  sorot index [PATH ...] [--no-entities]
                                build or refresh the corpus index ahead of time (for cron)
  sorot tag [FILE|-] [--format json|conll]
                                the entities of one text (stdin by default)
  sorot entities [PATH ...] [--type T] [--json]
                                the corpus's entity keys with mention and article counts
  sorot export [PATH ...] [--where QUERY | --set NAME | filters] [--format F] [-o FILE]
                                write annotations: json, jsonl, w3c, claimreview or csv
  sorot import FILE ...         merge annotations from a sorot export or W3C Web Annotations
  sorot sets [list|show|save|delete|rename]
                                saved sets: named queries for the library and exports
  sorot share DIR --group GROUP make DIR a team folder several accounts of GROUP annotate in
  sorot related ID --start N --end M [PATH ...] [--json]
                                passages of other articles stating the claim of a passage
  sorot claims [PATH ...] [--where QUERY] [--sort S] [--json]
                                the claims board: claim groups with their appearances and figures

A QUERY is what the library's filter takes: words from the title, text, outlet or date,
and has:claims no:notes entity:KEY kind: type: status: tag: speaker: annotator:
since: until: orphaned: article:, e.g. --where 'status:false,misleading entity:kim'.
`sorot COMMAND --help` tells more. Input: .txt scraped news, .md, .json, .jsonl (README).
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sorot",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    paths_arg(parser)
    data_arg(parser)
    parser.add_argument("--version", action="version", version=f"sorot {__version__}")
    return parser


def _open(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    paths = args.paths or [bundled_corpus()]
    missing = [p for p in paths if not p.exists()]
    if missing:
        for path in missing:
            print(f"sorot: {printable(str(path))}: no such file or folder", file=sys.stderr)
        return 1
    from tui.app import SorotApp  # Textual is imported only when the app really runs.

    app = SorotApp(paths, (args.db or default_data_dir()).expanduser(), current_user())
    app.run()
    return app.return_code or 0


def _command(name: str) -> Callable[[list[str]], int]:
    """The function running ``sorot NAME ARGS``, its module imported only now."""
    if name in ("list", "show"):
        from tui.cli import articles

        if name == "list":
            return lambda rest: articles.run_list(articles.list_parser().parse_args(rest))
        return lambda rest: articles.run_show(articles.show_parser().parse_args(rest))
    if name == "related":
        from tui.cli import claims

        # Intermixed: the help's `sorot related ID --start N --end M PATH` order must work.
        return lambda rest: claims.run_related(claims.related_parser().parse_intermixed_args(rest))
    if name == "claims":
        from tui.cli import claims

        return lambda rest: claims.run_claims(claims.claims_parser().parse_args(rest))
    if name in ("index", "search"):
        from tui.cli import index

        if name == "index":
            return lambda rest: index.run_index(index.index_parser().parse_args(rest))
        return lambda rest: index.run_search(index.search_parser().parse_args(rest))
    if name == "share":
        from tui.cli import team

        return team.run
    if name in ("tag", "entities"):
        from tui.cli import entities  # the recogniser loads only here

        return lambda rest: entities.run([name, *rest])
    from tui.cli import exchange

    return lambda rest: exchange.run([name, *rest])


COMMANDS = (
    "list",
    "show",
    "search",
    "index",
    "tag",
    "entities",
    "export",
    "import",
    "sets",
    "share",
    "related",
    "claims",
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``sorot`` command; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in COMMANDS:  # the app writes to its terminal through Textual
        guard_streams()
    try:
        if argv and argv[0] in COMMANDS:
            return _command(argv[0])(argv[1:])
        return _open(argv)
    except BrokenPipeError:
        # `sorot list | head`: the reader left; that is not an error.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
    except (sqlite3.Error, DatabaseUnreadable) as error:
        # The edge for what no command foresaw (a disk full, a lock held past half a minute).
        print(f"sorot: the index could not be used: {printable(str(error))}", file=sys.stderr)
        return 1


__all__ = ["COMMANDS", "main"]

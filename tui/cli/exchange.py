"""``sorot export``, ``sorot import`` and ``sorot sets``: annotated sets on the command line.

Headless like ``list`` and ``show``: nothing here imports Textual. What to
export is one query (``--where``, a saved ``--set``, and the filter options,
which are spelled-out query words: ``--status false`` is ``status:false``).
Errors are one line on stderr; a wrong option, format or query word exits
with 2, a failure with 1, and so does an export that had to skip files.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from store.exchange import FORMATS, atomic_output, check_target, export
from store.exchange.importers.labels import LabelMap
from store.exchange.output import is_stream
from store.files.jsonfile import StoreError
from store.news.article import Article
from store.news.safetext import dumps, printable
from store.query import Query, QueryError
from store.query.query import quote_value
from store.workspace import Workspace
from tui.cli.common import Parser, data_arg, say, where_arg, workspace
from tui.cli.progress import refresh

FILTERS = (
    ("--article", "articles", "article", "ID", "an article id, or the start of one"),
    ("--kind", "kinds", "kind", "KIND", "claim, note or entity (entity: the articles' entities)"),
    ("--type", "claim_types", "type", "TYPE", "claim type (factual, statistic, …)"),
    ("--status", "statuses", "status", "STATUS", "claim status (false, 'mostly true', …)"),
    ("--tag", "tags", "tag", "TAG", "a tag"),
    ("--speaker", "speakers", "speaker", "NAME", "who makes the claim"),
    ("--entity", "entity_keys", "entity", "KEY", "articles naming an entity (its key's words)"),
    ("--annotator", "annotators", "annotator", "NAME", "who made the annotation"),
)
"""Option, destination, query field, metavar, help: each option is that query word."""


def _filter_args(parser: argparse.ArgumentParser) -> None:
    where_arg(parser)
    group = parser.add_argument_group(
        "filters: query words spelled out (--status false is status:false); "
        "repeat one for several values"
    )
    for flag, dest, _field, metavar, text in FILTERS:
        group.add_argument(flag, dest=dest, action="append", metavar=metavar, help=text)
    group.add_argument("--since", metavar="DATE", help="created on or after (YYYY-MM-DD)")
    group.add_argument("--until", metavar="DATE", help="created on or before (YYYY-MM-DD)")
    group.add_argument(
        "--orphaned", choices=("yes", "no", "either"), help="annotations that lost their place"
    )


def query_words(args: argparse.Namespace) -> str:
    """``--where`` and the filter options as one query's words."""
    words = [getattr(args, "where", "") or ""]
    words += getattr(args, "words", None) or []
    for _flag, dest, field, _metavar, _text in FILTERS:
        values = getattr(args, dest, None)
        if values:
            words.append(f"{field}:{','.join(quote_value(v) for v in values)}")
    for name in ("since", "until"):
        if getattr(args, name, None):
            words.append(f"{name}:{quote_value(getattr(args, name))}")
    if getattr(args, "orphaned", None) and args.orphaned != "either":
        words.append(f"orphaned:{args.orphaned}")
    return " ".join(w for w in words if w)


def _export_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="sorot export",
        description="Write the annotations a query selects (a saved set, --where, the filters).",
        epilog="Formats: " + ", ".join(FORMATS) + ". With --set, --where and the filters "
        "narrow the set: a field they name takes the place of the set's.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", type=Path, help="corpus (default: the bundled one)"
    )
    parser.add_argument("--set", metavar="NAME", help="a saved set (see `sorot sets`)")
    _filter_args(parser)
    parser.add_argument(
        "--format",
        "-f",
        default="json",
        metavar="FORMAT",
        help=f"{', '.join(FORMATS)} (default json)",
    )
    parser.add_argument("--text", action="store_true", help="include the articles' text")
    parser.add_argument(
        "--no-bom",
        dest="bom",
        action="store_false",
        help="csv: no byte order mark (by default there is one, so Excel reads UTF-8)",
    )
    parser.add_argument(
        "--entities",
        action="store_true",
        help="include the articles' entities, recognised and corrected (implied by kind:entity)",
    )
    parser.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="file to write, or - for stdout"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing FILE")
    data_arg(parser)
    return parser


def _import_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="sorot import",
        description="Merge annotations from sorot's exports (JSON, JSON Lines, CSV), W3C Web "
        "Annotations, Hypothesis (API JSON or JSON-LD), Label Studio (JSON) and doccano (JSONL).",
        epilog="Other tools' annotations are matched to articles by address or text, so give "
        "the corpus with --corpus. Each record is reported: added, unchanged, refused (and why), "
        "placed by its quote when its offsets pointed elsewhere.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", type=Path)
    parser.add_argument(
        "--corpus",
        action="append",
        type=Path,
        metavar="PATH",
        help="articles to match other tools' annotations to (by address or text) and place them in",
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="LABEL=MEANING",
        help="what a label (Label Studio, doccano) or tag (Hypothesis) becomes: claim, "
        "claim:STATUS, note or entity:PER|ORG|LOC|DATE|QUANT (claim, note and the usual "
        "entity names are understood without one)",
    )
    parser.add_argument("--json", action="store_true", help="print the reports as JSON, with ids")
    data_arg(parser)
    return parser


def _sets_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="sorot sets",
        description="List and manage saved sets: named queries for the library and exports.",
    )
    data_arg(parser)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    listing = actions.add_parser("list", help="the saved sets (the default)")
    listing.add_argument("--json", action="store_true")
    show = actions.add_parser("show", help="one set's query")
    show.add_argument("name", metavar="NAME")
    show.add_argument("--json", action="store_true")
    save = actions.add_parser(
        "save", help="save (or replace) a set: sorot sets save NAME status:false kind:claim"
    )
    save.add_argument("name", metavar="NAME")
    save.add_argument("words", nargs="*", metavar="WORD", help="the query's words")
    _filter_args(save)
    delete = actions.add_parser("delete", help="delete a set")
    delete.add_argument("name", metavar="NAME")
    rename = actions.add_parser("rename", help="rename a set")
    rename.add_argument("name", metavar="NAME")
    rename.add_argument("new", metavar="NEW")
    for sub in (listing, show, save, delete, rename):
        # SUPPRESS: a --db given before the action must not be reset by the action's default.
        data_arg(sub, argparse.SUPPRESS)
    return parser


# -- export ------------------------------------------------------------------------------


def _to_stdout(items: Any, fmt: str, options: Any, query: Query) -> Any:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a terminal (controls shown as symbols), or an in-process caller's
        return export(items, sys.stdout, fmt, options, query)
    # UTF-8 whatever the locale (a file name's undecodable byte as its escape), CSV's
    # CRLF untouched, and buffered for speed.
    out = io.TextIOWrapper(
        buffer,
        encoding="utf-8",
        errors="backslashreplace",
        newline="" if fmt == "csv" else None,
    )
    try:
        return export(items, out, fmt, options, query)
    finally:
        out.flush()
        out.detach()  # leave sys.stdout usable (and open) for the lines after


def _query(space: Workspace, args: argparse.Namespace, prog: str) -> Query | int:
    """The query the command line says, or the exit status after saying why not."""
    try:
        return space.query(query_words(args), set_name=getattr(args, "set", None))
    except QueryError as error:
        print(f"{prog}: {printable(str(error))}", file=sys.stderr)
        return 2
    except StoreError as error:
        say(str(error))
        return 1


def _export(args: argparse.Namespace) -> int:
    if args.format not in FORMATS:
        names = ", ".join(FORMATS)
        print(f"sorot export: unknown format {args.format!r} (use {names})", file=sys.stderr)
        return 2
    space = workspace(args)
    query = _query(space, args, "sorot export")
    if isinstance(query, int):
        return query
    target = None if args.output == "-" else Path(args.output).expanduser()
    try:
        if target is not None:
            check_target(target, force=args.force)  # before the corpus is read, not after
        options = space.export_options(
            query,
            with_text=args.text,
            with_entities=args.entities,
            set_name=args.set,
            bom=args.bom,
        )
    except (StoreError, ImportError) as error:
        say(str(error))
        return 1
    # The index brought up to date first: re-scraped articles' annotations then follow
    # them to their new versions (Workspace.refresh) before anything is written.
    space.open_corpus(args.paths)
    refresh(space)
    problems = space.corpus.problems()
    items = space.select(query, with_entities=options.with_entities)
    newline = "" if args.format == "csv" else None
    try:
        if target is None:
            stats = _to_stdout(items, args.format, options, query)
        else:
            with atomic_output(target, force=args.force, newline=newline) as handle:
                stats = export(items, handle, args.format, options, query)
    except StoreError as error:
        say(str(error))
        return 1
    except OSError as error:  # BrokenPipeError is left to main(): a reader leaving is no error
        if isinstance(error, BrokenPipeError):
            raise
        kept = f"; {target} was not written" if target and not is_stream(target) else ""
        say(f"{target or 'stdout'}: cannot write ({error.strerror or error}){kept}")
        return 1
    for problem in problems:
        say(str(problem))
    if args.format == "claimreview" and space.settings_problem:
        say(space.settings_problem)
    for line in stats.left_out_lines():
        say(f"left out: {line}")
    skipped = space.take_problems()
    for problem in skipped:
        say(problem)
    if target is not None:
        say(f"wrote {stats.summary()} to {target}")
    if stats.missing:
        shown = ", ".join(stats.missing[:3]) + (" …" if len(stats.missing) > 3 else "")
        count = f"{len(stats.missing)} article{'s are' if len(stats.missing) > 1 else ' is'}"
        say(
            f"{count} not in the corpus ({shown}); their annotations were exported "
            "with what the data folder records of them"
        )
    return 1 if skipped or any(p.skipped for p in problems) else 0


# -- import ------------------------------------------------------------------------------


def _import(args: argparse.Namespace) -> int:
    try:
        labels = LabelMap.parse(args.map)
    except ValueError as error:
        print(f"sorot import: --map {printable(str(error))}", file=sys.stderr)
        return 2
    space = workspace(args)
    articles: list[Article] = []
    if args.corpus:
        corpus = space.load(args.corpus)
        for problem in corpus.problems:
            say(str(problem))
        articles = corpus.articles
    failed = False
    reports = []
    for path in args.files:
        try:
            report = space.import_file(path, articles, labels)
        except StoreError as error:
            say(str(error))
            failed = True
            continue
        reports.append(report)
        if not args.json:
            print(printable(report.summary()))
            for record in report.notable():
                print(printable(f"  {record.line()}"))
    problems = space.take_problems()
    for problem in problems:
        say(problem)
    if args.json:
        sys.stdout.write(dumps([r.to_dict() for r in reports], indent=2) + "\n")
    refused = any(report.refused for report in reports)
    return 1 if failed or problems or refused else 0


# -- sets --------------------------------------------------------------------------------


def _sets(args: argparse.Namespace) -> int:
    space = workspace(args)
    sets = space.sets
    action = args.action or "list"
    try:
        if action == "list":
            found = sets.list()
            if getattr(args, "json", False):
                print(dumps([s.to_dict() for s in found], indent=2))
            elif not found:
                print("no saved sets (`sorot sets save NAME status:false …` saves one)")
            width = max((len(s.name) for s in found), default=0)
            for saved in [] if getattr(args, "json", False) else found:
                print(printable(f"{saved.name:<{width}}  {saved.query.describe()}"))
        elif action == "show":
            saved = sets.get(args.name)
            if args.json:
                print(dumps(saved.to_dict(), indent=2))
            else:
                print(printable(saved.describe()))
        elif action == "save":
            query = _query(space, args, "sorot sets")
            if isinstance(query, int):
                return query
            saved = sets.save(args.name, query)
            print(printable(f"saved {saved.describe()}"))
        elif action == "delete":
            sets.delete(args.name)
            print(printable(f"deleted {args.name}"))
        elif action == "rename":
            saved = sets.rename(args.name, args.new)
            print(printable(f"renamed {args.name} to {saved.name}"))
    except StoreError as error:
        say(str(error))
        return 1
    return 0


COMMANDS = {
    "export": (_export_parser, _export),
    "import": (_import_parser, _import),
    "sets": (_sets_parser, _sets),
}
"""Subcommand -> (its parser, what runs it)."""


def run(argv: Sequence[str]) -> int:
    """Run ``sorot export|import|sets ARGS`` (``argv[0]`` is the subcommand)."""
    make_parser, command = COMMANDS[argv[0]]
    args = make_parser().parse_args(list(argv[1:]))
    return command(args)

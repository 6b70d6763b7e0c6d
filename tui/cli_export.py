"""``sorot export``, ``sorot import`` and ``sorot sets``: annotated sets on the command line.

Headless like ``list`` and ``show``: nothing here imports Textual. Errors are
one line on stderr; a wrong option or format exits with 2, a failure with 1.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn, TextIO

from store.annotations.store import AnnotationStore
from store.exchange import FORMATS, ExportOptions, atomic_output, check_target, export, select
from store.exchange.importing import import_file
from store.exchange.output import is_stream
from store.files.jsonfile import StoreError
from store.files.paths import default_data_dir
from store.library.corpus import CorpusScan, article_in
from store.news.article import Article
from store.news.loading import LoadProblem, bundled_corpus, load_paths
from store.news.readers import ReadError, read_file
from store.news.safetext import printable
from store.query.sets import AnnotationSet, SetStore


def _articles_for(scan: CorpusScan, stored: set[str], aset: AnnotationSet) -> Iterator[Article]:
    """The corpus's articles an export needs, one file at a time and not kept.

    Only articles with annotations, unless the set lists every article: a
    large corpus is neither parsed whole nor held in memory, and each file
    is parsed once: a file the scan had to parse (new, or changed since the
    cache) is exported from that parse, not read a second time.
    """
    for name, entries, parsed in scan:
        wanted = [e for e in entries if aset.lists_all_articles or e[0] in stored]
        if not wanted:
            continue
        articles = parsed
        if articles is None:
            try:
                articles = read_file(Path(name))[0]
            except (ReadError, OSError) as error:
                scan.problems.append(LoadProblem(name, str(error), True))
                continue
        for entry in wanted:
            article = article_in(articles, entry[0], entry[7])
            if article is not None:
                yield article
    scan.save()


FILTERS = (
    ("--article", "articles", "ID", "an article id, or the start of one"),
    ("--kind", "kinds", "KIND", "claim, note or entity (entity: the articles' entities)"),
    ("--type", "claim_types", "TYPE", "claim type (factual, statistic, …)"),
    ("--status", "statuses", "STATUS", "claim status (false, 'mostly true', …)"),
    ("--tag", "tags", "TAG", "a tag"),
    ("--speaker", "speakers", "NAME", "who makes the claim"),
    ("--entity", "entity_keys", "KEY", "an entity key: the speaker, or an entity in the passage"),
    ("--annotator", "annotators", "NAME", "who made the annotation"),
)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (--help for usage)\n")


def _data_arg(parser: argparse.ArgumentParser, default: Any = None) -> None:
    parser.add_argument(
        "--db",
        metavar="DIR",
        type=Path,
        default=default,
        help=f"data folder (default: {default_data_dir()})",
    )


def _filter_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (repeat an option for several values)")
    for flag, dest, metavar, text in FILTERS:
        group.add_argument(flag, dest=dest, action="append", metavar=metavar, help=text)
    group.add_argument("--since", metavar="DATE", help="created on or after (YYYY-MM-DD)")
    group.add_argument("--until", metavar="DATE", help="created on or before (YYYY-MM-DD)")
    group.add_argument(
        "--orphaned", choices=("yes", "no", "either"), help="annotations that lost their place"
    )


def _export_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sorot export",
        description="Write annotations (a saved set, or the filter given) in one format.",
        epilog="Formats: " + ", ".join(FORMATS) + ". Options given with --set replace "
        "that filter of the set.",
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
        "--entities",
        action="store_true",
        help="include the articles' entities, recognised and corrected (implied by --kind entity)",
    )
    parser.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="file to write, or - for stdout"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing FILE")
    _data_arg(parser)
    return parser


def _import_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sorot import",
        description="Merge annotations from sorot exports (json, jsonl) or W3C Web Annotations.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", type=Path)
    parser.add_argument(
        "--corpus",
        action="append",
        type=Path,
        metavar="PATH",
        help="articles to match other tools' W3C annotations to, by address",
    )
    parser.add_argument("--json", action="store_true", help="print the reports as JSON, with ids")
    _data_arg(parser)
    return parser


def _sets_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sorot sets", description="List and manage saved sets.")
    _data_arg(parser)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    listing = actions.add_parser("list", help="the saved sets (the default)")
    listing.add_argument("--json", action="store_true")
    show = actions.add_parser("show", help="one set's filters")
    show.add_argument("name", metavar="NAME")
    show.add_argument("--json", action="store_true")
    save = actions.add_parser("save", help="save (or replace) a set")
    save.add_argument("name", metavar="NAME")
    _filter_args(save)
    delete = actions.add_parser("delete", help="delete a set")
    delete.add_argument("name", metavar="NAME")
    rename = actions.add_parser("rename", help="rename a set")
    rename.add_argument("name", metavar="NAME")
    rename.add_argument("new", metavar="NEW")
    for sub in (listing, show, save, delete, rename):
        # SUPPRESS: a --db given before the action must not be reset by the action's default.
        _data_arg(sub, argparse.SUPPRESS)
    return parser


def _say(message: str) -> None:
    print(f"sorot: {printable(message)}", file=sys.stderr)


def _data_dir(args: argparse.Namespace) -> Path:
    return (args.db or default_data_dir()).expanduser()


def _filter(args: argparse.Namespace, base: AnnotationSet | None = None) -> AnnotationSet:
    """The set ``base`` (or everything) with the filters given on the command line."""
    changes: dict[str, Any] = {}
    for _flag, dest, _m, _t in FILTERS:
        if getattr(args, dest):
            changes[dest] = tuple(getattr(args, dest))
    for name in ("since", "until"):
        if getattr(args, name):
            changes[name] = getattr(args, name)
    if args.orphaned:
        changes["orphaned"] = {"yes": True, "no": False, "either": None}[args.orphaned]
    return replace(base or AnnotationSet(), **changes)


# -- export ------------------------------------------------------------------------------

_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


class _Terminal(io.TextIOBase):
    """Text for a terminal: control characters shown as symbols, never obeyed.

    Only when stdout is a terminal; into a pipe or a file the export is exact.
    """

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, text: str) -> int:
        self.out.write(_UNSAFE.sub(lambda m: printable(m.group()), text))
        return len(text)

    def flush(self) -> None:
        self.out.flush()


def _entities_for(data_dir: Path, store: AnnotationStore) -> Any:
    """The articles' entities as the app shows them: recognised (cached) and corrected."""
    from store.entities.service import EntityService  # loads the model: only when asked

    service = EntityService(data_dir, store)
    last: dict[str, Any] = {}

    def entities_for(article: Any) -> list[dict[str, Any]]:
        # Selecting by entity key and writing both ask for one article's entities in
        # turn: find them once.
        if last.get("id") != article.id:
            found = [e.to_dict() for e in service.entities(article)]
            last.update(id=article.id, found=found)
        return last["found"]

    return entities_for


def _to_stdout(items: Any, fmt: str, options: ExportOptions, aset: AnnotationSet) -> Any:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # stdout replaced by a text stream (in-process callers, tests)
        return export(items, sys.stdout, fmt, options, aset)
    # UTF-8 whatever the locale, CSV's CRLF untouched, and buffered for speed.
    out = io.TextIOWrapper(buffer, encoding="utf-8", newline="" if fmt == "csv" else None)
    sink: Any = _Terminal(out) if sys.stdout.isatty() else out
    try:
        return export(items, sink, fmt, options, aset)
    finally:
        out.flush()
        out.detach()  # leave sys.stdout usable (and open) for the lines after


def _export(args: argparse.Namespace) -> int:
    if args.format not in FORMATS:
        names = ", ".join(FORMATS)
        print(f"sorot export: unknown format {args.format!r} (use {names})", file=sys.stderr)
        return 2
    data_dir = _data_dir(args)
    try:
        base = SetStore(data_dir).get(args.set) if args.set else None
        aset = _filter(args, base)
    except (StoreError, ValueError) as error:
        _say(str(error))
        return 1 if isinstance(error, StoreError) else 2
    target = None if args.output == "-" else Path(args.output).expanduser()
    store = AnnotationStore(data_dir)
    try:
        if target is not None:
            check_target(target, force=args.force)  # before the corpus is read, not after
        # A set of kind entity is asked for entities: no --entities needed for it.
        wanted = args.entities or "entity" in aset.kinds
        entities_for = _entities_for(data_dir, store) if wanted else None
    except (StoreError, ImportError) as error:
        _say(str(error))
        return 1
    scan = CorpusScan(args.paths or [bundled_corpus()], data_dir / "cache" / "corpus.json")
    stored = set(store.article_ids())
    options = ExportOptions(with_text=args.text, entities_for=entities_for)
    items = select(_articles_for(scan, stored, aset), store, aset, entities_for=entities_for)
    newline = "" if args.format == "csv" else None
    try:
        if target is None:
            stats = _to_stdout(items, args.format, options, aset)
        else:
            with atomic_output(target, force=args.force, newline=newline) as handle:
                stats = export(items, handle, args.format, options, aset)
    except StoreError as error:
        _say(str(error))
        return 1
    except OSError as error:  # BrokenPipeError is left to main(): a reader leaving is no error
        if isinstance(error, BrokenPipeError):
            raise
        kept = f"; {target} was not written" if target and not is_stream(target) else ""
        _say(f"{target or 'stdout'}: cannot write ({error.strerror or error}){kept}")
        return 1
    # The corpus is read as it is exported: what went wrong in it is known now.
    for problem in scan.problems:
        _say(str(problem))
    if target is not None:
        _say(f"wrote {stats.summary()} to {target}")
    if stats.missing:
        shown = ", ".join(stats.missing[:3]) + (" …" if len(stats.missing) > 3 else "")
        count = f"{len(stats.missing)} article{'s are' if len(stats.missing) > 1 else ' is'}"
        _say(
            f"{count} not in the corpus ({shown}); their annotations were exported "
            "with what the data folder records of them"
        )
    return 1 if any(p.skipped for p in scan.problems) else 0


# -- import ------------------------------------------------------------------------------


def _import(args: argparse.Namespace) -> int:
    store = AnnotationStore(_data_dir(args))
    articles = []
    if args.corpus:
        corpus = load_paths(args.corpus)
        for problem in corpus.problems:
            _say(str(problem))
        articles = corpus.articles
    failed = False
    reports = []
    for path in args.files:
        try:
            report = import_file(path, store, articles=articles)
        except StoreError as error:
            _say(str(error))
            failed = True
            continue
        reports.append(report)
        if not args.json:
            print(printable(report.summary()))
            for conflict in report.conflicts:
                print(
                    printable(
                        f"  conflict: {conflict.id} ({conflict.article_id}): {conflict.reason}"
                    )
                )
    for problem in store.problems:
        _say(problem)
    if args.json:
        json.dump([r.to_dict() for r in reports], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return 1 if failed else 0


# -- sets --------------------------------------------------------------------------------


def _sets(args: argparse.Namespace) -> int:
    sets = SetStore(_data_dir(args))
    action = args.action or "list"
    try:
        if action == "list":
            found = sets.list()
            if getattr(args, "json", False):
                print(json.dumps([s.to_dict() for s in found], ensure_ascii=False, indent=2))
            elif not found:
                print("no saved sets (`sorot sets save NAME --status false …` saves one)")
            width = max((len(s.name or "") for s in found), default=0)
            for aset in [] if getattr(args, "json", False) else found:
                print(printable(f"{aset.name or '':<{width}}  {aset.describe()}"))
        elif action == "show":
            aset = sets.get(args.name)
            if args.json:
                print(json.dumps(aset.to_dict(), ensure_ascii=False, indent=2))
            else:
                print(printable(f"{aset.name}: {aset.describe()}"))
        elif action == "save":
            aset = sets.save(_filter(args).renamed(args.name))
            print(printable(f"saved {aset.name}: {aset.describe()}"))
        elif action == "delete":
            sets.delete(args.name)
            print(printable(f"deleted {args.name}"))
        elif action == "rename":
            aset = sets.rename(args.name, args.new)
            print(printable(f"renamed {args.name} to {aset.name}"))
    except ValueError as error:
        print(f"sorot sets: {printable(str(error))}", file=sys.stderr)
        return 2
    except StoreError as error:
        _say(str(error))
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

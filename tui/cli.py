"""The ``sorot`` command: open the app, or list and show articles without it.

``sorot [PATH ...]`` opens the app; ``sorot list`` and ``sorot show`` print
and never import Textual, so they are quick in scripts and over SSH.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from store import __version__
from store.files.paths import current_user, default_data_dir
from store.news.article import Article, article_to_dict
from store.news.loading import LoadResult, bundled_corpus, load_paths
from store.news.safetext import printable, printable_lines

COMMANDS = ("list", "show", "export", "import", "sets")

DESCRIPTION = "sorot: a keyboard-driven terminal reader and annotator for news."
EPILOG = """commands:
  sorot [PATH ...]            open the app on files or folders (the bundled corpus by default)
  sorot list [PATH ...]       print the articles (--json for JSON)
  sorot show ID [PATH ...]    print one article (--json: every field, body and segments)
  sorot export [PATH ...] [--set NAME | filters] [--format F] [-o FILE | -]
                              write annotations: json, jsonl, w3c, claimreview or csv
  sorot import FILE ...       merge annotations from a sorot export or W3C Web Annotations
  sorot sets [list|show|save|delete|rename]
                              the saved sets (named filters) for exports

Input: .txt scraped news, .md Markdown, .json and .jsonl/.ndjson (see README).
"""


def paths_arg(parser: argparse.ArgumentParser) -> None:
    """Add the ``PATH...`` argument the commands reading a corpus share."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        type=Path,
        help="article files or folders (default: the bundled corpus)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sorot",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    paths_arg(parser)
    parser.add_argument(
        "--db",
        metavar="DIR",
        type=Path,
        help=f"data folder for reading state (default: {default_data_dir()})",
    )
    parser.add_argument("--version", action="version", version=f"sorot {__version__}")
    return parser


def _list_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sorot list", description="Print the articles.")
    paths_arg(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    return parser


def _show_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sorot show", description="Print one article.")
    parser.add_argument("id", metavar="ID", help="article id (a unique prefix is enough)")
    paths_arg(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help="print every parsed field, the body and its segments as JSON",
    )
    return parser


def _load(paths: list[Path]) -> LoadResult:
    result = load_paths(paths or [bundled_corpus()])
    for problem in result.problems:
        print(f"sorot: {printable(str(problem))}", file=sys.stderr)
    return result


def _status(result: LoadResult) -> int:
    return 1 if any(p.skipped for p in result.problems) else 0


def _list(args: argparse.Namespace) -> int:
    result = _load(args.paths)
    if args.json:
        json.dump(
            [article_to_dict(a, with_body=False) for a in result.articles],
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        return _status(result)
    rows = [
        (a.id, (a.published or "")[:10], a.outlet or "", f"{a.word_count:,}", a.title)
        for a in result.articles
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
    return _status(result)


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


def _show(args: argparse.Namespace) -> int:
    result = _load(args.paths)
    found = _find(result.articles, args.id)
    if isinstance(found, str):
        print(f"sorot: {printable(found)}", file=sys.stderr)
        return 1
    if args.json:
        json.dump(article_to_dict(found), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    a = found
    print(printable(a.title) + ("  (title derived from the text)" if a.title_derived else ""))
    for label, value in (
        ("id", a.id),
        ("outlet", a.outlet),
        ("section", a.section),
        ("published", a.published),
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``sorot`` command; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "list":
            return _list(_list_parser().parse_args(argv[1:]))
        if argv and argv[0] == "show":
            return _show(_show_parser().parse_args(argv[1:]))
        if argv and argv[0] in ("tag", "entities"):
            from tui.cli_entities import run as run_entities  # the model loads only here

            return run_entities(argv)
        if argv and argv[0] in ("export", "import", "sets"):
            from tui.cli_export import run  # its own module: this one stays small

            return run(argv)
        return _open(argv)
    except BrokenPipeError:
        # `sorot list | head`: the reader left; that is not an error.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

"""``sorot tag`` and ``sorot entities``: the recogniser on the command line (no Textual).

``sorot tag [FILE|-] [--format json|conll] [--language auto|id|en]`` tags one
text (English by English rules; the language is guessed by default): JSON gives every
entity with character offsets into exactly the input text (decoded as
UTF-8), its text, type and key; ``--format conll`` reads one token a line
(a blank line between sentences; with several columns the first is the
token and the rest, such as a gold tag, is ignored) and prints
``token<TAB>tag`` in BIO, for evaluation against standard data sets.

``sorot entities [PATH ...] [--type T] [--json]`` lists the corpus's entity
keys with their mentions and the number of articles naming them (the bundled
corpus by default), with the user's corrections applied. The entities come
from the corpus index; articles that have none yet are recognised first, on
every core (a progress bar on a terminal).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from store.entities import TYPES
from store.entities.conll import parse
from store.entities.index import EntityIndex
from store.entities.recognise import recognise, tag_tokens
from store.files.jsonfile import StoreError
from store.news.language import guess_language
from store.news.safetext import dumps, printable
from tui.cli.articles import open_indexed
from tui.cli.common import Parser, data_arg, paths_arg, say, workspace
from tui.cli.progress import find_entities


def _tag_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="sorot tag",
        description="Find the people, organisations, places, dates and quantities in a text.",
    )
    parser.add_argument(
        "file", nargs="?", default="-", metavar="FILE", help="a UTF-8 text file (- or none: stdin)"
    )
    parser.add_argument(
        "--format",
        choices=("json", "conll"),
        default="json",
        help="json: spans with offsets into the text (default); "
        "conll: one token a line in, token<TAB>BIO-tag out",
    )
    parser.add_argument(
        "--language",
        choices=("auto", "id", "en"),
        default="auto",
        help="the text's language: English is read by English rules (default: guessed)",
    )
    return parser


def _entities_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="sorot entities",
        description="List the corpus's entity keys with mention and article counts.",
    )
    paths_arg(parser)
    parser.add_argument(
        "--type",
        metavar="T",
        type=str.upper,
        choices=TYPES,
        help=f"only keys of this type ({', '.join(TYPES)})",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    data_arg(parser)
    return parser


def _read_input(name: str) -> str | None:
    try:
        raw = sys.stdin.buffer.read() if name == "-" else Path(name).expanduser().read_bytes()
    except OSError as error:
        say(f"{name}: cannot read ({error.strerror or error})")
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        say(f"{name}: not UTF-8 text (byte {error.start})")
        return None


def _tag(args: argparse.Namespace, out: TextIO) -> int:
    text = _read_input(args.file)
    if text is None:
        return 1
    sentences = list(parse(text.splitlines(), tagged=False)) if args.format == "conll" else []
    language = args.language
    if language == "auto":
        sample = text if args.format == "json" else " ".join(w for s in sentences for w, _ in s)
        language = guess_language(sample)
    if args.format == "json":
        spans = [
            {"start": e.start, "end": e.end, "text": e.text, "type": e.type, "key": e.key}
            for e in recognise(text, language)
        ]
        out.write(dumps(spans, indent=2) + "\n")
        return 0
    for sentence in sentences:
        words = [token for token, _ in sentence]
        for word, tag in zip(words, tag_tokens(words, language), strict=True):
            out.write(f"{word}\t{tag}\n")
        out.write("\n")
    return 0


def _rows(index: EntityIndex, kind: str | None) -> Iterator[dict[str, object]]:
    for key, type_, mentions, articles in index.listing(kind):
        yield {"key": key, "type": type_, "mentions": mentions, "articles": articles}


def _entities(args: argparse.Namespace, out: TextIO) -> int:
    missing = [p for p in args.paths if not p.exists()]
    for path in missing:
        say(f"{path}: no such file or folder")
    space = workspace(args)
    args.paths = [p for p in args.paths if p.exists()]
    status = open_indexed(space, args)
    if missing:
        status = 1
    try:
        # The team's corrections sit beside the annotations: a folder that cannot be
        # read would list the recogniser's entities as if nobody had corrected any.
        space.store.article_ids()
        find_entities(space)
        unread = list(space.store.problems)
        space.store.problems.clear()
        for problem in unread:
            say(problem)
        status = 1 if unread else status
    except StoreError as error:
        say(f"corrections not read ({error})")
        status = 1
    rows = list(_rows(space.entity_index, args.type))
    if args.json:
        out.write(dumps(rows, indent=2) + "\n")
        return status
    width = max([len(str(r["key"])) for r in rows] + [3])
    width = min(width, 48)
    out.write(f"{'KEY':<{width}}  {'TYPE':<5}  {'MENTIONS':>8}  {'ARTICLES':>8}\n")
    for row in rows:
        key = printable(str(row["key"]))
        out.write(f"{key:<{width}}  {row['type']:<5}  {row['mentions']:>8}  {row['articles']:>8}\n")
    return status


def run(argv: Sequence[str]) -> int:
    """Run ``sorot tag …`` or ``sorot entities …`` (``argv[0]`` names the command)."""
    command, rest = argv[0], list(argv[1:])
    if command == "tag":
        return _tag(_tag_parser().parse_args(rest), sys.stdout)
    return _entities(_entities_parser().parse_args(rest), sys.stdout)

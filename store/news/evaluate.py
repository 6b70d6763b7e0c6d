"""Measure the news parser on real news: ``make eval-news DATA=folder``.

Reads a development set built by ``tests/newsgold/build_devset.py`` (real
pages of Indonesian outlets and Wikinews articles, turned into text as
scrapers save them; none of it is in the repository) and its ``gold.json``,
which holds each file's fields keyed by a hash of the file (for the
Indonesian pages from the hand-checked ``tests/newsgold/pages_gold.json``).
Files without gold are counted and left out.

Like the library would, it reads the corpus twice: once to learn each
article's outlet, its lines and its dates, then again with each outlet's
repeated lines (:mod:`store.news.repeated`) and numeric date order
(:func:`store.news.dating.date_orders`).

Prints, per part of the set (``id/``, ``en/``, ``dup/``) and in total, the
share of files whose title, outlet, date, dateline, byline, editor and
paragraph count are right, the share of gold boilerplate lines marked and
the prose lines marked by mistake; the dates by what became of them (right,
estimated, ambiguous, absent, and **silently wrong**: stated but not the
gold's, which must be 0); whether the same article read from two formats got
one id; and whether any .txt file lost text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from store.news.article import AMBIGUOUS, ESTIMATED, Article, unaccounted
from store.news.outlethints import OutletHints, learn_outlets
from store.news.readers import ReadError, decode_bytes, read_text
from store.news.repeated import outlet_key
from store.news.sources import SUPPORTED_SUFFIXES

FIELDS = ("title", "outlet", "dateline", "byline", "editor")
PROSE_KINDS = ("paragraph", "summary", "item")


@dataclass
class Source:
    """One file of the set: its text and gold, and what the parser made of it."""

    path: Path
    relative: str
    text: str
    gold: dict
    group: str = ""
    article: Article | None = None


@dataclass
class Tally:
    """Scores of one part of the set."""

    files: int = 0
    right: Counter[str] = field(default_factory=Counter)
    dates: Counter[str] = field(default_factory=Counter)
    boilerplate: list[int] = field(default_factory=lambda: [0, 0])
    false_boilerplate: int = 0
    lost: int = 0
    errors: list[str] = field(default_factory=list)


def file_key(data: bytes) -> str:
    """The gold file's key for a source file: 16 hex digits of its SHA-256."""
    return hashlib.sha256(data).hexdigest()[:16]


def load(data_dir: Path, gold_path: Path) -> tuple[list[Source], int]:
    """The set's files that have gold, and the count of those that have none."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["files"]
    sources, unknown = [], 0
    files = (p for p in data_dir.rglob("*") if p.suffix in SUPPORTED_SUFFIXES)
    for path in sorted(p for p in files if p.resolve() != gold_path.resolve()):
        data = path.read_bytes()
        entry = gold.get(file_key(data))
        if entry is None:
            unknown += 1
            continue
        text, _ = decode_bytes(data)
        relative = path.relative_to(data_dir).as_posix()
        sources.append(Source(path, relative, text, entry, relative.split("/")[0]))
    return sources, unknown


def parse(sources: list[Source], *, corpus_pass: bool = True) -> dict[str, object]:
    """Parse every source; with ``corpus_pass`` a second time with what the corpus shows."""
    started = time.perf_counter()
    for source in sources:
        source.article = _read(source)
    first = time.perf_counter() - started
    if not corpus_pass:
        return {"seconds": first, "hints": {}}
    hints = learn_outlets((_group(s), s.text, s.article) for s in sources if s.article is not None)
    for source in sources:
        found = hints.get(outlet_key(_group(source)))
        if found is not None:
            source.article = _read(source, found)
    return {"seconds": first, "hints": hints}


def _group(source: Source) -> str:
    """An article's outlet, or its folder when it names none."""
    article = source.article
    return (article.outlet if article and article.outlet else None) or source.group


def _read(source: Source, hints: OutletHints | None = None) -> Article | None:
    """The source's article, read with its outlet's hints when given."""
    try:
        articles, _ = read_text(source.text, source.path.suffix, str(source.path), hints)
    except ReadError:
        return None
    return articles[0] if articles else None


def score(sources: list[Source]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for source in sources:
        for name in (source.group, "all"):
            _score_one(source, tallies[name], errors=name == "all")
    return dict(tallies)


def _norm(value: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", value or "").split()).casefold()


def _score_one(source: Source, tally: Tally, *, errors: bool) -> None:
    tally.files += 1
    article, gold = source.article, source.gold
    if article is None:
        tally.errors.append(f"{source.relative}: no article read")
        return
    for name in FIELDS:
        if _norm(getattr(article, name)) == _norm(gold[name]):
            tally.right[name] += 1
        elif errors:
            tally.errors.append(
                f"{source.relative}: {name} {getattr(article, name)!r}, gold {gold[name]!r}"
            )
    outcome = _date_outcome(article, gold["date"])
    tally.dates[outcome] += 1
    if outcome == "right":
        tally.right["date"] += 1
    if errors and outcome not in ("right",):
        tally.errors.append(
            f"{source.relative}: date {article.published!r} ({article.published_status}),"
            f" gold {gold['date']}: {outcome}"
        )
    prose = sum(1 for s in article.segments if s.kind in PROSE_KINDS)
    least, most = gold["paragraphs"]
    if least <= prose <= most:
        tally.right["paragraphs"] += 1
    elif errors:
        tally.errors.append(f"{source.relative}: {prose} paragraphs, gold {least}-{most}")
    _score_boilerplate(source, article, tally, errors)
    if source.path.suffix == ".txt":
        lost = unaccounted(article, source.text)
        if lost:
            tally.lost += 1
            tally.errors.append(f"{source.relative}: text lost: {lost[:3]}")


def _date_outcome(article: Article, gold: str | None) -> str:
    value, status = article.published, article.published_status
    if value is None:
        return "absent"
    if status == AMBIGUOUS:
        return "ambiguous"
    if status == ESTIMATED:
        return "estimated right" if value[:10] == gold else "estimated wrong"
    return "right" if value[:10] == gold else "SILENTLY WRONG"


def _score_boilerplate(source: Source, article: Article, tally: Tally, errors: bool) -> None:
    marked = [_norm(article.body[s.start : s.end]) for s in article.segments if s.boilerplate]
    fields = [_norm(f.text) for f in article.field_texts]
    gold = [_norm(line) for line in source.gold["boilerplate"]]
    either = {_norm(line) for line in source.gold["either"]}
    for line, raw in zip(gold, source.gold["boilerplate"], strict=True):
        tally.boilerplate[1] += 1
        if any(line in text for text in marked + fields):
            tally.boilerplate[0] += 1
        elif errors:
            tally.errors.append(f"{source.relative}: boilerplate not marked: {raw!r}")
    for text in marked:
        if not any(text in line or line in text for line in gold) and text not in either:
            tally.false_boilerplate += 1
            if errors:
                tally.errors.append(f"{source.relative}: prose marked boilerplate: {text[:80]!r}")


def same_ids(sources: list[Source]) -> tuple[int, int, list[str]]:
    """Of the articles saved twice (``dup/``), how many got the same id from both files."""
    by_stem: dict[str, list[Source]] = defaultdict(list)
    for source in sources:
        by_stem[source.path.stem].append(source)
    same = total = 0
    differing = []
    for stem, copies in sorted(by_stem.items()):
        if len(copies) < 2 or not all(c.article for c in copies):
            continue
        total += 1
        ids = {c.article.id for c in copies if c.article}
        if len(ids) == 1:
            same += 1
        else:
            differing.append(f"{stem}: {sorted(ids)}")
    return same, total, differing


def report(tallies: dict[str, Tally], ids: tuple[int, int, list[str]], timing: dict) -> list[str]:
    names = ("title", "outlet", "date", "dateline", "byline", "editor", "paragraphs")
    groups = [g for g in sorted(tallies) if g != "all"] + ["all"]
    lines = ["field          " + "".join(f"{g:>16}" for g in groups)]
    for name in names:
        row = f"{name:<15}"
        for group in groups:
            t = tallies[group]
            row += f"{t.right[name]:>6}/{t.files:<4}{_pct(t.right[name], t.files):>6}"
        lines.append(row)
    row = f"{'boilerplate':<15}"
    for group in groups:
        done, total = tallies[group].boilerplate
        row += f"{done:>6}/{total:<4}{_pct(done, total):>6}"
    lines.append(row + "   (gold boilerplate lines marked)")
    lines.append(
        f"{'prose marked':<15}"
        + "".join(f"{tallies[g].false_boilerplate:>16}" for g in groups)
        + "   (lines marked boilerplate that are not)"
    )
    lines.append("")
    every = tallies["all"]
    outcomes = ("right", "estimated right", "estimated wrong", "ambiguous", "absent")
    lines.append(
        "dates: "
        + ", ".join(f"{o} {every.dates[o]}" for o in outcomes)
        + f"; silently wrong: {every.dates['SILENTLY WRONG']}"
    )
    same, total, _ = ids
    lines.append(f"same article from two formats, one id: {same}/{total}")
    txt_files = every.lost
    lines.append(f".txt files that lost text: {txt_files}")
    hints = timing["hints"]
    repeated = {k: len(h.boilerplate) for k, h in hints.items() if h.boilerplate}
    orders = {k: h.date_order for k, h in hints.items() if h.date_order}
    lines.append(
        f"corpus pass: repeated lines per outlet {repeated or 'none'};"
        f" numeric date orders {orders or 'none'}"
    )
    lines.append(f"parse speed: {every.files / timing['seconds']:.0f} files/s (first pass)")
    return lines


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the development set's folder")
    parser.add_argument("--gold", type=Path, help="the gold file (DATA/gold.json)")
    parser.add_argument("--errors", action="store_true", help="list every difference from gold")
    parser.add_argument("--no-corpus-pass", action="store_true", help="parse each file alone")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"no development set at {args.data} (give DATA=folder)")
    gold = args.gold or args.data / "gold.json"
    if not gold.is_file():
        parser.error(f"no gold file at {gold} (build_devset writes one)")
    sources, unknown = load(args.data, gold)
    if not sources:
        parser.error(f"no file under {args.data} has gold in {gold}")
    timing = parse(sources, corpus_pass=not args.no_corpus_pass)
    tallies = score(sources)
    ids = same_ids(sources)
    print(f"sorot news parser: {len(sources)} files with gold ({unknown} without, left out)")
    print("\n".join(report(tallies, ids, timing)))
    if args.errors:
        print()
        print("\n".join(tallies["all"].errors + ids[2]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

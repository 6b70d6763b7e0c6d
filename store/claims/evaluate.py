"""``make eval-claims``: related passages and figure conflicts scored on the seed gold.

The gold (``gold_seeds.json``) names, for every claim two or more seed
articles state, the passages stating it and the figures each gives, with
distractors (same numbers or words, another claim) and lonely passages
(claims no other seed states). For every gold passage the desk's related
passages are taken as ``sorot related`` prints them by default; a printed
passage is right when it overlaps a gold passage of the same claim in
another article. A passage asked about states its own claim and the claims
of the gold passages it overlaps in its article (the sentence putting
Putin's June signing and his June visit in one, a distractor quoting the
sentence another claim's passage quotes): a printed passage stating any of
them is right. Recall counts, for each gold passage, the other articles
stating its own claim that appear among the printed passages.

Figure conflicts: each gold pair is compared as the desk compares figures,
and reported found, missed or wrongly claimed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from store.claims.desk import Desk
from store.claims.figures import article_day, compare, find_figures
from store.claims.participants import People
from store.claims.similarity import DEFAULT_THRESHOLD
from store.news.article import SEGMENT_SEPARATOR, STATED, Article, Segment
from store.news.loading import bundled_corpus, load_paths

GOLD = Path(__file__).with_name("gold_seeds.json")
HELD_OUT = Path(__file__).with_name("gold_heldout.json")
"""Made-up articles of other stories, never used to choose a rule: the check against overfitting."""

SWEEP = (0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40)
"""The thresholds ``--sweep`` scores at."""


@dataclass(frozen=True)
class Passage:
    """A gold passage: where it is and which claim it states (``None``: a lonely one)."""

    id: str
    article_id: str
    start: int
    end: int
    claim: str | None


@dataclass
class Scores:
    """What the evaluation found."""

    printed: int = 0
    right: int = 0
    wanted: int = 0
    found: int = 0
    conflicts_found: list[str] = field(default_factory=list)
    conflicts_missed: list[str] = field(default_factory=list)
    conflicts_wrong: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.printed if self.printed else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.wanted if self.wanted else 1.0


def _locate(article: Article, quote: str) -> tuple[int, int]:
    # Any run of white space matches any other (scraped text keeps no-break spaces).
    pattern = r"\s+".join(re.escape(part) for part in quote.split())
    found = re.search(pattern, article.body)
    if found is None:
        raise ValueError(f"gold quote not in {article.id}: {quote[:60]!r}")
    return found.start(), found.end()


def read_gold(articles: dict[str, Article], path: Path = GOLD) -> tuple[list[Passage], dict]:
    """The gold passages located in the articles, and the gold as read."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    # The gold names articles by the start of their id (the end is a hash of the file).
    ids = {
        name: next(a for a in articles if a.startswith(prefix))
        for name, prefix in gold["articles"].items()
    }
    passages: list[Passage] = []
    for claim in gold["claims"]:
        for item in claim["passages"]:
            article = articles[ids[item["article"]]]
            start, end = _locate(article, item["quote"])
            passages.append(Passage(item["id"], article.id, start, end, claim["id"]))
        for number, item in enumerate(claim.get("distractors", [])):
            article = articles[ids[item["article"]]]
            start, end = _locate(article, item["quote"])
            passages.append(
                Passage(f"{claim['id']}-distractor-{number}", article.id, start, end, None)
            )
    for number, item in enumerate(gold.get("lonely", [])):
        article = articles[ids[item["article"]]]
        start, end = _locate(article, item["quote"])
        passages.append(Passage(f"lonely-{number}", article.id, start, end, None))
    return passages, gold


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def evaluate(
    desk: Desk,
    articles: dict[str, Article],
    threshold: float = DEFAULT_THRESHOLD,
    path: Path = GOLD,
) -> Scores:
    """Score the desk's related passages and figure comparisons on a gold (the seeds')."""
    passages, gold = read_gold(articles, path)
    scores = Scores()
    for passage in passages:
        article = articles[passage.article_id]
        shown = desk.related(article, passage.start, passage.end, threshold=threshold)
        wanted_articles = {
            p.article_id
            for p in passages
            if passage.claim and p.claim == passage.claim and p.article_id != passage.article_id
        }
        stated = _claims_stated(passage, passages)
        hit_articles = set()
        for related in shown:
            scores.printed += 1
            right = any(
                p.claim in stated
                and p.article_id == related.article_id
                and _overlaps(p.start, p.end, related.start, related.end)
                for p in passages
            )
            if right:
                scores.right += 1
            else:
                scores.wrong.append(f"{passage.id} → {related.text[:70]!r}")
            if related.article_id in wanted_articles and any(
                p.claim == passage.claim
                and p.article_id == related.article_id
                and _overlaps(p.start, p.end, related.start, related.end)
                for p in passages
            ):
                hit_articles.add(related.article_id)
        scores.wanted += len(wanted_articles)
        scores.found += len(wanted_articles & hit_articles)
        for missed in sorted(wanted_articles - hit_articles):
            scores.missing.append(f"{passage.id} ✗ {missed[:40]}")
    by_id = {p.id: p for p in passages}
    for pair in gold.get("conflicts", []):
        a, b = by_id[pair["a"]], by_id[pair["b"]]
        mine = _figures(articles[a.article_id], a)
        theirs = _figures(articles[b.article_id], b)
        said = any(c.conflict for c in compare(mine, theirs))
        label = f"{pair['a']} / {pair['b']} ({pair['why']})"
        if pair["conflict"] and said:
            scores.conflicts_found.append(label)
        elif pair["conflict"]:
            scores.conflicts_missed.append(label)
        elif said:
            scores.conflicts_wrong.append(label)
    return scores


def _claims_stated(passage: Passage, passages: list[Passage]) -> set[str]:
    """The claims ``passage`` states: its own, and those of the gold passages it overlaps."""
    stated = {passage.claim} if passage.claim else set()
    for other in passages:
        if (
            other.claim
            and other.article_id == passage.article_id
            and _overlaps(passage.start, passage.end, other.start, other.end)
        ):
            stated.add(other.claim)
    return stated


def _figures(article: Article, passage: Passage) -> list:
    return find_figures(article.body[passage.start : passage.end], article_day(article))


def seed_desk(
    corpus: Path | None = None, people: People | None = None
) -> tuple[Desk, dict[str, Article]]:
    """A desk over the seeds: the words and figures, and ``people`` if given.

    The workspace gives its desk the recogniser's people; ``make
    eval-claims`` does too (``store.workspace.claims_eval``), this room
    having no recogniser of its own.
    """
    result = load_paths([corpus or bundled_corpus()])
    return _desk(result.articles, people)


def held_out_desk(
    path: Path = HELD_OUT, people: People | None = None
) -> tuple[Desk, dict[str, Article]]:
    """A desk over the made-up articles a gold file carries (``texts``), one segment a line."""
    texts = json.loads(path.read_text(encoding="utf-8"))["texts"]
    return _desk([_made_up(text) for text in texts.values()], people)


def _made_up(text: dict) -> Article:
    body = ""
    segments = []
    for line in text["body"]:
        if body:
            body += SEGMENT_SEPARATOR
        segments.append(Segment(len(body), len(body) + len(line), "paragraph"))
        body += line
    return Article(
        title=text["title"],
        outlet=text["outlet"],
        published=text["published"],
        published_status=STATED,
        body=body,
        segments=tuple(segments),
    )


def _desk(found: list[Article], people: People | None) -> tuple[Desk, dict[str, Article]]:
    articles = {a.id: a for a in found}
    return Desk(lambda: articles.values(), articles.get, people=people), articles


def main(argv: Sequence[str] | None = None, people: People | None = None) -> int:
    """Print precision and recall of related passages and the conflicts, seeds and held out.

    ``people`` is an article's people as the workspace's desk has them (the
    recogniser's); without it the desk compares words and figures alone.
    """
    parser = argparse.ArgumentParser(prog="python -m store.claims.evaluate")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--verbose", "-v", action="store_true", help="list every error")
    parser.add_argument(
        "--sweep", action="store_true", help="precision and recall at several thresholds"
    )
    args = parser.parse_args(argv)
    for name, (desk, articles), path in (
        ("the seed gold", seed_desk(people=people), GOLD),
        ("the held-out made-up articles", held_out_desk(people=people), HELD_OUT),
    ):
        if args.sweep:
            print(f"Related passages on {name}, precision / recall by threshold:")
            for threshold in SWEEP:
                scores = evaluate(desk, articles, threshold, path)
                print(f"  {threshold:.2f}  {scores.precision:.3f} / {scores.recall:.3f}")
            continue
        _report(name, evaluate(desk, articles, args.threshold, path), args)
    return 0


def _report(name: str, scores: Scores, args: argparse.Namespace) -> None:
    print(f"Related passages on {name} (threshold {args.threshold:.2f}):")
    print(f"  printed {scores.printed}, right {scores.right}: precision {scores.precision:.3f}")
    print(
        f"  other articles wanted {scores.wanted}, found {scores.found}: recall {scores.recall:.3f}"
    )
    conflicts = len(scores.conflicts_found) + len(scores.conflicts_missed)
    if conflicts or scores.conflicts_wrong:
        print(
            f"Figure conflicts: {len(scores.conflicts_found)} of {conflicts} found, "
            f"{len(scores.conflicts_missed)} missed, {len(scores.conflicts_wrong)} claimed wrongly"
        )
    for label in scores.conflicts_found:
        print(f"  found   {label}")
    for label in scores.conflicts_missed:
        print(f"  MISSED  {label}")
    for label in scores.conflicts_wrong:
        print(f"  WRONG   {label}")
    if args.verbose:
        for line in scores.wrong:
            print(f"  false positive {line}")
        for line in scores.missing:
            print(f"  missed {line}")


if __name__ == "__main__":
    sys.exit(main())

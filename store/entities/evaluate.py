"""Measure the recogniser: ``python -m store.entities.evaluate --shared ../shared``.

Prints (this is ``make eval``; it reads ``../shared`` and is no test):

* precision, recall and F1 per type and micro-averaged, exact span and type
  (conlleval / seqeval), through ``tag_tokens`` (the ``sorot tag --format
  conll`` path), PER/LOC/ORG only (the only types these sets have):

  - on the held-out part of sorot's own training data (every tenth sentence
    of each training set, see ``train.held_out``);
  - on development data the recogniser never trained on: idner-news-2k's
    ``dev.txt`` and NERGrit's ``valid.txt``;

* the same, all five types, on the seed gold (``ner/seeds_gold_dev.json``,
  seeds 000 and 001): ``recognise`` over the raw file text (the gold's
  offsets are into it), and ``recognise_article`` over each article's body
  mapped back to the file, counting only gold entities in the article's own
  prose (boilerplate feeds no entity, by sorot's rules);
* key grouping on the seed gold, across both articles and within each;
* speed: tokens per second on one core (CPU time) of ``tag_tokens``, and end
  to end (``sorot tag --format conll`` over all those sentences in one
  process, its start-up and the model's loading included); the size of
  what ships.

The annotation guidelines are ``GUIDELINES.md`` beside this module.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from store.entities import conll, crf
from store.entities.metrics import Scores, key_grouping
from store.entities.recognise import recognise, recognise_article, tag_tokens
from store.entities.train import DEFAULT_SETS, NERGRIT_TYPES, held_out, read_set

REPO = Path(__file__).resolve().parents[2]
GUIDELINES = Path(__file__).with_name("GUIDELINES.md")
_NAMES_ONLY = {"DATE": "", "QUANT": ""}


def tagged_scores(sentences: list[conll.Sentence]) -> Scores:
    """PER/LOC/ORG scores of ``tag_tokens`` against the sentences' own tags."""
    scores = Scores()
    for n, sentence in enumerate(sentences):
        words = [w for w, _ in sentence]
        gold = conll.spans([t for _, t in sentence])
        pred = conll.spans(conll.relabel(tag_tokens(words), _NAMES_ONLY))
        scores.add([(n, *s) for s in gold], [(n, *s) for s in pred])
    return scores


def held_out_sentences(ner: Path, indonlu: Path | None) -> tuple[list[conll.Sentence], list[str]]:
    """The held-out part of every training set there is, and the sets' names."""
    out: list[conll.Sentence] = []
    names = []
    for name in DEFAULT_SETS:
        sentences = read_set(name, ner, indonlu)
        if sentences is None:
            continue
        names.append(name)
        out.extend(s for i, s in enumerate(sentences) if held_out(i))
    return out, names


def _read_article(path: Path):
    from store.news.readers import read_file  # only the body mode needs it

    articles, _ = read_file(path)
    return articles[0] if articles else None


def seeds(gold_path: Path, seed_dir: Path) -> dict[str, object]:
    gold_all = json.loads(gold_path.read_text(encoding="utf-8"))["files"]
    raw_scores, body_scores = Scores(), Scores()
    gold_keys: list[tuple[object, str]] = []
    pred_keys: list[tuple[object, str]] = []
    local_gold: list[tuple[object, str]] = []
    local_pred: list[tuple[object, str]] = []
    misses: list[str] = []
    pairs: list[tuple[str, str, str, str]] = []
    for name, gold in sorted(gold_all.items()):
        path = seed_dir / name
        raw = path.read_text(encoding="utf-8")
        found = recognise(raw)
        g_items = [(name, e["start"], e["end"], e["type"]) for e in gold]
        p_items = [(name, e.start, e.end, e.type) for e in found]
        raw_scores.add(g_items, p_items)
        by_span = {(e.start, e.end): e for e in found}
        for e in gold:
            if e["type"] not in ("PER", "ORG", "LOC"):
                continue
            mine = by_span.get((e["start"], e["end"]))
            if mine is None:
                continue
            mention = (name, e["start"])
            gold_keys.append((mention, e["key"]))
            pred_keys.append((mention, mine.key))
            local_gold.append((mention, f"{name}\0{e['key']}"))
            local_pred.append((mention, f"{name}\0{mine.key}"))
            pairs.append((name, e["text"], e["key"], mine.key))
        g_set, p_set = set(g_items), set(p_items)
        misses += [f"  missed {name[:3]} {raw[s:e]!r} {t}" for _, s, e, t in sorted(g_set - p_set)]
        misses += [f"  extra  {name[:3]} {raw[s:e]!r} {t}" for _, s, e, t in sorted(p_set - g_set)]
        article = _read_article(path)
        if article is not None:
            _body(article, name, gold, body_scores)
    gold_groups: dict[str, set[str]] = {}
    pred_groups: dict[str, set[str]] = {}
    for _, _text, gk, pk in pairs:
        gold_groups.setdefault(gk, set()).add(pk)
        pred_groups.setdefault(pk, set()).add(gk)
    for gk, pks in sorted(gold_groups.items()):
        if len(pks) > 1:
            misses.append(f"  gold key {gk!r} split over {sorted(pks)}")
    for pk, gks in sorted(pred_groups.items()):
        if len(gks) > 1:
            misses.append(f"  key {pk!r} joins gold keys {sorted(gks)}")
    return {
        "raw": raw_scores,
        "body": body_scores,
        "keys": key_grouping(gold_keys, pred_keys),
        "keys_local": key_grouping(local_gold, local_pred),
        "misses": misses,
    }


def _body(article, name: str, gold: list[dict], scores: Scores) -> None:
    """Score the body's entities against the gold entities that lie in its own prose."""
    windows = [
        (seg.start, seg.end, seg.raw_start)
        for seg in article.segments
        if seg.raw_start is not None and not seg.boilerplate
    ]
    pred = []
    for e in recognise_article(article):
        for start, end, raw_start in windows:
            if start <= e.start and e.end <= end:
                pred.append((name, raw_start + e.start - start, raw_start + e.end - start, e.type))
                break
    spans = [(w[2], w[2] + w[1] - w[0]) for w in windows]
    in_body = [
        (name, e["start"], e["end"], e["type"])
        for e in gold
        if any(lo <= e["start"] and e["end"] <= hi for lo, hi in spans)
    ]
    scores.add(in_body, pred)


def speed(sentences: list[list[str]]) -> tuple[float, int]:
    """Tokens per second of ``tag_tokens`` over ``sentences`` (CPU time, model loaded)."""
    crf.tagger()
    tokens = sum(len(s) for s in sentences)
    t0 = time.process_time()
    for words in sentences:
        tag_tokens(words)
    took = time.process_time() - t0
    return tokens / took if took else float("inf"), tokens


def end_to_end(sentences: list[list[str]]) -> tuple[float, float, int]:
    """``sorot tag --format conll`` over ``sentences`` in one process, on one core:
    tokens per second counting its start-up, and the start-up alone (CPU seconds)."""
    text = "\n\n".join("\n".join(words) for words in sentences) + "\n"
    tokens = sum(len(s) for s in sentences)
    with tempfile.TemporaryDirectory() as folder:
        full, one = Path(folder) / "all.conll", Path(folder) / "one.conll"
        full.write_text(text, encoding="utf-8")
        one.write_text("\n".join(sentences[0]) + "\n", encoding="utf-8")
        took = _child_cpu(full)
        start_up = _child_cpu(one)
    return tokens / took, start_up, tokens


def _child_cpu(path: Path) -> float:
    """CPU seconds (user and system) of ``sorot tag --format conll PATH``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "tui.cli", "tag", "--format", "conll", str(path)],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=REPO,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def shipped_size() -> int:
    """Bytes of what the recogniser ships: the model, its lists and word clusters."""
    folder = crf.MODEL_PATH.parent
    files = [crf.MODEL_PATH, *sorted((folder / "data").glob("*"))]
    return sum(p.stat().st_size for p in files if p.is_file())


def _table(title: str, scores: Scores) -> None:
    print(title)
    print("\n".join(scores.table()))
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--seeds", type=Path, default=REPO / "seeds")
    parser.add_argument("--indonlu", type=Path, help="IndoNLU's dataset folder (see train)")
    parser.add_argument("--model", type=Path, help="another model file (default: the shipped one)")
    parser.add_argument("--errors", action="store_true", help="list the seed gold differences")
    args = parser.parse_args(argv)
    if args.model is not None:
        crf.MODEL_PATH = args.model  # read when the tagger first opens
    ner = args.shared / "ner"
    if not (ner / "idner-news-2k" / "dev.txt").is_file():
        parser.error(f"no evaluation data under {ner} (give --shared DIR)")
    if not crf.MODEL_PATH.is_file():
        parser.error(f"no model at {crf.MODEL_PATH}: run python -m store.entities.train")

    print("sorot entity recogniser: evaluation (exact span and type)")
    print(f"guidelines: {GUIDELINES.relative_to(REPO)}")
    print()
    held, names = held_out_sentences(ner, args.indonlu)
    _table(
        f"held-out part of the training data (every tenth sentence of {', '.join(names)}; "
        f"{len(held)} sentences, PER/LOC/ORG)",
        tagged_scores(held),
    )
    idner_dev = conll.read(ner / "idner-news-2k" / "dev.txt")
    _table(
        f"idner-news-2k dev, never trained on ({len(idner_dev)} sentences, PER/LOC/ORG)",
        tagged_scores(idner_dev),
    )
    nergrit_dev = read_set("nergrit-valid", ner, None) or []
    _table(
        f"NERGrit valid, never trained on ({len(nergrit_dev)} sentences, PER/LOC/ORG; "
        f"{'/'.join(NERGRIT_TYPES)} mapped)",
        tagged_scores(nergrit_dev),
    )
    result = seeds(ner / "seeds_gold_dev.json", args.seeds)
    _table("seed gold dev (000, 001), all five types, recognise() over the raw file", result["raw"])
    _table(
        "seed gold dev, recognise_article() over each body (gold in the article's own prose)",
        result["body"],
    )
    right, total = result["keys"]
    lright, ltotal = result["keys_local"]
    print("key grouping on the seed gold (gold PER/ORG/LOC mentions also found, same span)")
    print(f"  across both articles: {right}/{total} = {right / max(total, 1):.3f}")
    print(f"  within each article:  {lright}/{ltotal} = {lright / max(ltotal, 1):.3f}")
    print()
    timed = [[w for w, _ in s] for s in held + idner_dev + nergrit_dev]
    tps, tokens = speed(timed)
    e2e, start_up, _ = end_to_end(timed)
    print(f"speed, on one core (CPU time), over {tokens:,} tokens of the sets above:")
    print(f"  {tps:,.0f} tokens/s through tag_tokens, model loaded")
    print(
        f"  {e2e:,.0f} tokens/s end to end: sorot tag --format conll, one process, "
        f"its start-up ({start_up:.2f} s) included"
    )
    size = crf.MODEL_PATH.stat().st_size
    print(f"model size: {size:,} bytes; shipped with its lists: {shipped_size():,} bytes")
    if args.errors:
        print()
        print("\n".join(result["misses"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

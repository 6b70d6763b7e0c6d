"""Measure the recogniser: ``python -m store.entities.evaluate --shared ../shared``.

Prints (this is ``make eval``; it reads ``../shared`` and is no test):

* precision, recall and F1 per type and micro-averaged, exact span and type
  (conlleval / seqeval), on ``ner/idner-news-2k/dev.txt`` — PER, LOC and ORG
  only, the only types that set has — through ``tag_tokens`` (the ``sorot tag
  --format conll`` path);
* the same on the seed gold (``ner/seeds_gold_dev.json``, seeds 000 and 001,
  all five types), with ``recognise`` run over the raw file text (the gold's
  offsets are into it), and again over each article's body mapped back to the
  file through the segments' ``raw_start`` (title and header lines are not in
  the body, so fewer gold entities count there);
* key grouping on the seed gold, across both articles and within each;
* tokens per second on one core, and the model's size.

Neither dev set is trained on (see ``train``).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from store.entities import conll, crf
from store.entities.metrics import Scores, key_grouping
from store.entities.recognise import recognise, recognise_article, tag_tokens
from store.entities.tokens import tokenize

REPO = Path(__file__).resolve().parents[2]


def idner_dev(path: Path) -> tuple[Scores, int]:
    scores = Scores()
    sentences = conll.read(path)
    drop = {"DATE": "", "QUANT": ""}
    for n, sentence in enumerate(sentences):
        words = [w for w, _ in sentence]
        gold = conll.spans([t for _, t in sentence])
        pred = conll.spans(conll.relabel(tag_tokens(words), drop))
        scores.add([(n, *s) for s in gold], [(n, *s) for s in pred])
    return scores, len(sentences)


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
            _body(article, raw, name, gold, body_scores)
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


def _body(article, raw: str, name: str, gold: list[dict], scores: Scores) -> None:
    """Score the body's entities against the gold entities that lie in body segments."""
    windows = []
    for seg in article.segments:
        if seg.raw_start is None:
            continue
        windows.append((seg.start, seg.end, seg.raw_start))
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


def speed(texts: list[str]) -> tuple[float, int]:
    """Tokens per second of ``recognise`` over ``texts`` (one pass, model already loaded)."""
    crf.tagger()
    tokens = sum(len(tokenize(t)) for t in texts)
    t0 = time.process_time()
    for t in texts:
        recognise(t)
    took = time.process_time() - t0
    return tokens / took if took else float("inf"), tokens


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--seeds", type=Path, default=REPO / "seeds")
    parser.add_argument("--errors", action="store_true", help="list the seed gold differences")
    args = parser.parse_args(argv)
    ner = args.shared / "ner"
    if not (ner / "idner-news-2k" / "dev.txt").is_file():
        parser.error(f"no evaluation data under {ner} (give --shared DIR)")
    if not crf.MODEL_PATH.is_file():
        parser.error(f"no model at {crf.MODEL_PATH}: run python -m store.entities.train")
    size = crf.MODEL_PATH.stat().st_size

    print("sorot entity recogniser: evaluation")
    print(f"model {crf.MODEL_PATH.relative_to(REPO)}: {size / 1e6:.2f} MB")
    print()
    scores, n = idner_dev(ner / "idner-news-2k" / "dev.txt")
    print(f"idner-news-2k dev, {n} sentences: PER/LOC/ORG only (the set has no DATE/QUANT)")
    print("\n".join(scores.table()))
    print()
    result = seeds(ner / "seeds_gold_dev.json", args.seeds)
    print("seed gold dev (000, 001), all five types, recognise() over the raw file text")
    print("\n".join(result["raw"].table()))
    print()
    print("seed gold dev, recognise_article() over each body, mapped to the file via raw_start")
    print("(gold entities outside body segments, e.g. titles and header lines, not counted)")
    print("\n".join(result["body"].table()))
    print()
    right, total = result["keys"]
    lright, ltotal = result["keys_local"]
    print("key grouping on the seed gold (gold PER/ORG/LOC mentions also found, same span)")
    print(f"  across both articles: {right}/{total} = {right / max(total, 1):.3f}")
    print(f"  within each article:  {lright}/{ltotal} = {lright / max(ltotal, 1):.3f}")
    print()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.seeds.glob("*.txt"))]
    for name in ("dev.txt", "test.txt"):  # news sentences, twenty to an "article"
        sents = [" ".join(w for w, _ in s) for s in conll.read(ner / "idner-news-2k" / name)]
        texts += [" ".join(sents[k : k + 20]) for k in range(0, len(sents), 20)]
    tps, tokens = speed(texts)
    print(f"speed: {tps:,.0f} tokens/s on one core ({tokens:,} tokens, CPU time, first pass)")
    print(f"model size: {size:,} bytes ({size / 1e6:.2f} MB)")
    if args.errors:
        print()
        print("\n".join(result["misses"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

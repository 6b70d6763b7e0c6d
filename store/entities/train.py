"""Train the PER/ORG/LOC CRF: ``python -m store.entities.train --data DIR --out FILE``.

Reads the corpora in ``DIR`` (sorot's ``../shared/ner``), and with
``--indonlu DIR`` (the ``dataset`` folder of IndoNLU's repository) NERGrit's
labelled test split too:

* ``idner-news-2k/{train,test}.txt`` — Indonesian news, ``token POS TAG``;
* ``nergrit/train.txt`` and IndoNLU's ``nergrit_ner-grit/test_preprocess.txt``
  — NERGrit, ``token<TAB>TAG`` with ``PERSON``/``PLACE``/``ORGANISATION``
  mapped to ``PER``/``LOC``/``ORG``.

What is never trained on is what ``make eval`` reports:

* every tenth sentence of each training set (``held_out``): a held-out part
  of sorot's own training data, for the same kind of text;
* ``idner-news-2k/dev.txt``, ``nergrit/valid.txt`` and
  ``seeds_gold_dev.json``: development data of other sources and guidelines.

Every sentence is re-tokenised with sorot's own tokeniser (so the model sees
at run time the tokens it was trained on), entities written ``Bursa Efek
Indonesia (BEI)`` are split in two as sorot's span rules want, and a share of
the sentences is added again in headline case (see ``features``).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import pycrfsuite

from store.entities import conll
from store.entities.crf import MODEL_PATH
from store.entities.features import headline_case, sentence_features
from store.entities.tokens import joined, tokenize

NERGRIT_TYPES = {"PERSON": "PER", "PLACE": "LOC", "ORGANISATION": "ORG"}

#: ``name: (relative path, type mapping)`` of every usable training set; a path
#: starting with ``indonlu:`` is under ``--indonlu`` and skipped without it.
SETS: dict[str, tuple[str, dict[str, str]]] = {
    "idner-train": ("idner-news-2k/train.txt", {}),
    "idner-test": ("idner-news-2k/test.txt", {}),
    "nergrit-train": ("nergrit/train.txt", NERGRIT_TYPES),
    "nergrit-test": ("indonlu:nergrit_ner-grit/test_preprocess.txt", NERGRIT_TYPES),
    "nergrit-valid": ("nergrit/valid.txt", NERGRIT_TYPES),
}
DEFAULT_SETS = ("idner-train", "idner-test", "nergrit-train", "nergrit-test")

HOLD_OUT = 10
"""Every ``HOLD_OUT``-th sentence of a training set is held out, never trained on."""


def retokenize(sentence: conll.Sentence) -> tuple[list[str], list[str]]:
    """The sentence's text as sorot tokenises it, with the entities carried over."""
    words = [w for w, _ in sentence]
    text, starts = joined(words)
    tokens = tokenize(text)
    tags = ["O"] * len(tokens)
    for first, last, kind in conll.spans([t for _, t in sentence]):
        lo, hi = starts[first], starts[last - 1] + len(words[last - 1])
        inside = [k for k, t in enumerate(tokens) if t.start >= lo and t.end <= hi]
        for part in _split_parens([tokens[k].text for k in inside], inside):
            for j, k in enumerate(part):
                tags[k] = ("B-" if j == 0 else "I-") + kind
    return [t.text for t in tokens], tags


def _split_parens(words: list[str], idx: list[int]) -> list[list[int]]:
    """Token runs of an entity without brackets and edge punctuation:
    ``Bursa Efek Indonesia ( BEI )`` → ``Bursa Efek Indonesia`` and ``BEI``."""
    parts: list[list[int]] = [[]]
    for w, k in zip(words, idx, strict=True):
        if w in "()[]":
            parts.append([])
        else:
            parts[-1].append(k)
    out = []
    for part in parts:
        while part and not any(c.isalnum() for c in words[idx.index(part[0])]):
            part = part[1:]
        while part and not any(c.isalnum() for c in words[idx.index(part[-1])]):
            part = part[:-1]
        if part:
            out.append(part)
    return out


def held_out(index: int) -> bool:
    """The ``index``-th sentence of a training set is held out."""
    return index % HOLD_OUT == HOLD_OUT - 1


def read_set(name: str, data: Path, indonlu: Path | None) -> list[conll.Sentence] | None:
    """The sentences of a named set with sorot's types, or ``None`` when it is not there."""
    rel, mapping = SETS[name]
    if rel.startswith("indonlu:"):
        if indonlu is None:
            return None
        path = indonlu / rel.removeprefix("indonlu:")
    else:
        path = data / rel
    if not path.is_file():
        return None
    out = []
    for sentence in conll.read(path):
        tags = conll.relabel([t for _, t in sentence], mapping)
        out.append([(w, t) for (w, _), t in zip(sentence, tags, strict=True)])
    return out


def load(
    data: Path, names: tuple[str, ...], indonlu: Path | None = None
) -> list[tuple[list[str], list[str]]]:
    """Training sentences (words, tags) of the named sets, the held-out ones left out."""
    out = []
    for name in names:
        sentences = read_set(name, data, indonlu) or []
        out.extend(retokenize(s) for i, s in enumerate(sentences) if not held_out(i))
    return out


def train(
    sentences: list[tuple[list[str], list[str]]],
    out: Path,
    *,
    c1: float,
    c2: float,
    iterations: int,
    headline_share: float,
    minfreq: int = 0,
    seed: int = 13,
) -> None:
    """Fit the CRF on ``sentences`` (plus headline-case copies) and write it to ``out``."""
    rng = random.Random(seed)
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in sentences:
        trainer.append(sentence_features(words), tags)
        if rng.random() < headline_share:
            trainer.append(sentence_features(headline_case(words)), tags)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": minfreq,
        }
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/ner"))
    parser.add_argument(
        "--indonlu", type=Path, help="IndoNLU's dataset folder (for NERGrit's labelled test split)"
    )
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--sets", default=",".join(DEFAULT_SETS), help="comma-separated")
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.05)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--headline-share", type=float, default=0.3)
    parser.add_argument("--minfreq", type=int, default=0, help="drop rarer features")
    args = parser.parse_args(argv)
    names = tuple(s for s in args.sets.split(",") if s)
    unknown = [n for n in names if n not in SETS]
    if unknown:
        parser.error(f"unknown set(s): {', '.join(unknown)}; known: {', '.join(SETS)}")
    t0 = time.perf_counter()
    missing = [n for n in names if read_set(n, args.data, args.indonlu) is None]
    for name in missing:
        print(f"{name}: not found, skipped", file=sys.stderr)
    sentences = load(args.data, names, args.indonlu)
    print(f"{len(sentences)} sentences from {', '.join(names)}", file=sys.stderr)
    train(
        sentences,
        args.out,
        c1=args.c1,
        c2=args.c2,
        iterations=args.iterations,
        headline_share=args.headline_share,
        minfreq=args.minfreq,
    )
    size = args.out.stat().st_size
    took = time.perf_counter() - t0
    print(f"wrote {args.out} ({size / 1e6:.2f} MB) in {took:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Learn word clusters from unlabelled text: ``python -m store.entities.wordclusters``.

Words that stand in the same company get the same cluster, so the CRF can
carry what it learnt about ``Jokowi`` or ``Kemenkes`` to a name it never saw
labelled in the same kind of sentence. This script learns them once; the
result, ``data/clusters.txt`` (``word<TAB>coarse<TAB>fine``, lowercase, about
0.3 MB), ships beside the model, and the recogniser only reads it (numpy is
needed here, never at run time: ``pip install '.[train]'``).

How: every lowercase word seen ``MIN_COUNT`` times or more is described by
the words just before and after it (positive pointwise mutual information
over the ``CONTEXTS`` most frequent words, left and right apart), reduced to
``DIMENSIONS`` dimensions by SVD, and clustered twice by spherical k-means:
``COARSE`` and ``FINE`` clusters.

The text (each set's licence allows it; see the README's credits):

* ``--shared DIR``: the training sentences of ``ner/`` (idner-news-2k train
  and test, NERGrit train): development data and held-out sentences are left
  out, so no evaluation text shapes a feature;
* ``--indonlu DIR`` (IndoNLU's ``dataset`` folder): NERGrit test, NER-P
  (PROSA news; lowercase), KEPS, FacQA's news passages and WReTE's
  Wikipedia sentences.
"""

from __future__ import annotations

import argparse
import ast
import csv
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from store.entities import conll
from store.entities.clusters import CLUSTERS_PATH
from store.entities.tokens import tokenize
from store.entities.train import held_out

MIN_COUNT = 4
CONTEXTS = 1500
DIMENSIONS = 80
COARSE = 64
FINE = 320

#: Training sets of ``../shared/ner`` whose text may shape features.
SHARED_TEXT = ("idner-news-2k/train.txt", "idner-news-2k/test.txt", "nergrit/train.txt")
#: IndoNLU files: ``(relative path, reader)``.
INDONLU_TEXT = (
    ("nergrit_ner-grit/test_preprocess.txt", "conll"),
    ("nerp_ner-prosa/train_preprocess.txt", "conll"),
    ("nerp_ner-prosa/valid_preprocess.txt", "conll"),
    ("nerp_ner-prosa/test_preprocess.txt", "conll"),
    ("keps_keyword-extraction-prosa/train_preprocess.txt", "conll"),
    ("keps_keyword-extraction-prosa/valid_preprocess.txt", "conll"),
    ("facqa_qa-factoid-itb/train_preprocess.csv", "facqa"),
    ("facqa_qa-factoid-itb/valid_preprocess.csv", "facqa"),
    ("facqa_qa-factoid-itb/test_preprocess.csv", "facqa"),
    ("wrete_entailment-ui/train_preprocess.csv", "wrete"),
    ("wrete_entailment-ui/valid_preprocess.csv", "wrete"),
    ("wrete_entailment-ui/test_preprocess.csv", "wrete"),
)


def _conll(path: Path, skip_held_out: bool) -> Iterator[list[str]]:
    for i, sentence in enumerate(conll.read(path)):
        if not (skip_held_out and held_out(i)):
            yield [w for w, _ in sentence]


def _csv(path: Path, columns: tuple[str, ...], tokenised: bool) -> Iterator[list[str]]:
    seen: set[str] = set()
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for column in columns:
                value = row.get(column) or ""
                if value in seen:  # FacQA repeats a passage for every question on it
                    continue
                seen.add(value)
                if tokenised:
                    try:
                        yield [str(w) for w in ast.literal_eval(value)]
                    except (ValueError, SyntaxError):
                        continue
                else:
                    yield [t.text for t in tokenize(value)]


def sentences(shared: Path | None, indonlu: Path | None) -> Iterator[list[str]]:
    """Every unlabelled sentence of the sources given, as words."""
    if shared is not None:
        for rel in SHARED_TEXT:
            yield from _conll(shared / "ner" / rel, skip_held_out=True)
    if indonlu is not None:
        for rel, reader in INDONLU_TEXT:
            path = indonlu / rel
            if not path.is_file():
                print(f"{path}: not found, skipped", file=sys.stderr)
                continue
            if reader == "conll":
                yield from _conll(path, skip_held_out=rel.startswith("nergrit"))
            elif reader == "facqa":
                yield from _csv(path, ("passage",), tokenised=True)
            else:
                yield from _csv(path, ("sent_A", "sent_B"), tokenised=False)


def learn(texts: list[list[str]], seed: int = 7) -> dict[str, tuple[int, int]]:
    """``word → (coarse cluster, fine cluster)`` for the words seen often enough."""
    import numpy as np  # training only

    counts = Counter(w.lower() for words in texts for w in words)
    vocab = [w for w, c in counts.most_common() if c >= MIN_COUNT and any(ch.isalnum() for ch in w)]
    index = {w: i for i, w in enumerate(vocab)}
    contexts = {w: i for i, (w, _) in enumerate(counts.most_common(CONTEXTS))}
    width = len(contexts)
    matrix = np.zeros((len(vocab), 2 * width), dtype=np.float32)
    for words in texts:
        low = [w.lower() for w in words]
        for k, w in enumerate(low):
            row = index.get(w)
            if row is None:
                continue
            if k and (c := contexts.get(low[k - 1])) is not None:
                matrix[row, c] += 1
            if k + 1 < len(low) and (c := contexts.get(low[k + 1])) is not None:
                matrix[row, width + c] += 1
    total = matrix.sum()
    rows = matrix.sum(axis=1, keepdims=True) + 1e-9
    cols = matrix.sum(axis=0, keepdims=True) + 1e-9
    with np.errstate(divide="ignore"):
        pmi = np.log(matrix * total / (rows * cols))
    ppmi = np.maximum(pmi, 0).astype(np.float32)
    # SVD through the small Gram matrix: contexts are few, words many
    gram = ppmi.T @ ppmi
    values, vectors = np.linalg.eigh(gram)
    top = vectors[:, np.argsort(values)[::-1][:DIMENSIONS]]
    embedded = ppmi @ top
    embedded /= np.linalg.norm(embedded, axis=1, keepdims=True) + 1e-9
    coarse = _kmeans(embedded, COARSE, seed)
    fine = _kmeans(embedded, FINE, seed + 1)
    return {w: (int(coarse[i]), int(fine[i])) for w, i in index.items()}


def _kmeans(points, k: int, seed: int, rounds: int = 25):
    """Spherical k-means: cluster of every row of ``points`` (unit vectors)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    centres = points[rng.choice(len(points), size=k, replace=False)]
    labels = np.zeros(len(points), dtype=np.int64)
    for _ in range(rounds):
        labels = np.argmax(points @ centres.T, axis=1)
        for c in range(k):
            members = points[labels == c]
            if len(members):
                centre = members.sum(axis=0)
                centres[c] = centre / (np.linalg.norm(centre) + 1e-9)
    return labels


def write(clusters: dict[str, tuple[int, int]], out: Path) -> None:
    """``data/clusters.txt``: a header, then ``word<TAB>coarse<TAB>fine`` a line."""
    lines = [
        "# Word clusters learnt by store/entities/wordclusters.py from unlabelled text",
        "# (see the README's credits): word, coarse cluster, fine cluster.",
    ]
    lines += [f"{w}\t{c}\t{f}" for w, (c, f) in sorted(clusters.items())]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, help="sorot's shared folder (holding ner/)")
    parser.add_argument("--indonlu", type=Path, help="IndoNLU's dataset folder")
    parser.add_argument("--out", type=Path, default=CLUSTERS_PATH)
    args = parser.parse_args(argv)
    if args.shared is None and args.indonlu is None:
        parser.error("give --shared DIR, --indonlu DIR or both")
    t0 = time.perf_counter()
    texts = list(sentences(args.shared, args.indonlu))
    tokens = sum(len(t) for t in texts)
    print(f"{len(texts):,} sentences, {tokens:,} tokens", file=sys.stderr)
    clusters = learn(texts)
    write(clusters, args.out)
    took = time.perf_counter() - t0
    print(f"wrote {args.out}: {len(clusters):,} words in {took:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The CRF's tagging, done over a whole article at once with its weights as arrays.

``crf.tag`` hands crfsuite some thirty feature strings a token, and crfsuite
looks each one up: that was two thirds of the recogniser's time. Here the
model file (crfsuite's own format, ``model.crfsuite``) is read into arrays
once per process: its attribute names, labels, a weight row per attribute
and the label transitions. A token's features are attribute ids
(``features.FeatureIds``, made once per distinct word), its scores the sum
of their rows, and the best tags come from the same Viterbi search crfsuite
makes, run over every sentence of the article in step.

The result is crfsuite's, not an approximation of it: the weights are the
file's doubles, a token's weights are added in crfsuite's order (starting
from zero, in the order of its features, a row of zeros for a feature it
lacks), and ties go the way crfsuite breaks them (the first label). The
tests hold the two equal over many texts.
"""

from __future__ import annotations

import struct
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from store.entities.featureids import FeatureIds
from store.entities.features import headline_mode


class ModelUnreadable(ValueError):
    """The file is not a crfsuite CRF1d model this reader knows."""


@dataclass(frozen=True)
class Weights:
    """A crfsuite model as arrays."""

    labels: list[str]
    attributes: dict[str, int]
    state: np.ndarray
    """One row of label weights per attribute, and a last row of zeros (the padding)."""
    transitions: np.ndarray
    """``[from, to]`` label weights."""


_HEADER = struct.Struct("<4sI4sI8I")
_CQDB = struct.Struct("<4s5I")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


def _strings(data: bytes, offset: int) -> list[str]:
    """The strings of a CQDB chunk (crfsuite's string ↔ id table), by id."""
    chunk, _size, _flag, _order, count, backward = _CQDB.unpack_from(data, offset)
    if chunk != b"CQDB":
        raise ModelUnreadable("no string table where the header says")
    places = struct.unpack_from(f"<{count}I", data, offset + backward)
    out = []
    for number, place in enumerate(places):
        at = offset + place
        found, size = struct.unpack_from("<II", data, at)
        if found != number or size < 1:
            raise ModelUnreadable("a string table out of order")
        out.append(data[at + 8 : at + 8 + size - 1].decode("utf-8"))
    return out


def read_weights(path: Path) -> Weights:
    """The model at ``path`` (written by crfsuite's trainer) as arrays."""
    data = path.read_bytes()
    try:
        magic, _size, kind, _version, *rest = _HEADER.unpack_from(data, 0)
        _features, n_labels, n_attrs, at_features, at_labels, at_attrs, _lrefs, _arefs = rest
        if magic != b"lCRF" or kind != b"FOMC":
            raise ModelUnreadable("not a crfsuite CRF1d model")
        labels = _strings(data, at_labels)
        names = _strings(data, at_attrs)
        chunk, _chunk_size, count = struct.unpack_from("<4sII", data, at_features)
        if chunk != b"FEAT" or len(labels) != n_labels or len(names) != n_attrs:
            raise ModelUnreadable("the header and the tables disagree")
        features = np.frombuffer(data, _FEATURE, count, at_features + 12)
    except (struct.error, UnicodeDecodeError) as error:
        raise ModelUnreadable(str(error)) from error
    state = np.zeros((n_attrs + 1, n_labels))
    transitions = np.zeros((n_labels, n_labels))
    kinds = features["type"]
    own = features[kinds == 0]
    state[own["src"], own["dst"]] = own["weight"]
    moves = features[kinds == 1]
    transitions[moves["src"], moves["dst"]] = moves["weight"]
    attributes = {name: number for number, name in enumerate(names)}
    return Weights(labels, attributes, state, transitions)


STEP_BUDGET = 1 << 15
"""Token places searched in step at most: sentences go in groups of similar length, so
that one very long "sentence" (a table scraped as one line) pads no others to its length."""


def viterbi(scores: np.ndarray, lengths: list[int], transitions: np.ndarray) -> list[list[int]]:
    """The best label ids of each sentence, as crfsuite's Viterbi search finds them.

    ``scores`` holds a row of label scores per token, the sentences one after
    another (``lengths``, none empty).
    """
    places = np.concatenate(([0], np.cumsum(lengths)[:-1])).tolist()
    order = sorted(range(len(lengths)), key=lambda s: -lengths[s])
    out: list[list[int]] = [[] for _ in lengths]
    while order:
        count = max(1, min(len(order), STEP_BUDGET // lengths[order[0]]))
        group, order = order[:count], order[count:]
        sizes = [lengths[s] for s in group]
        rows = np.concatenate([np.arange(places[s], places[s] + lengths[s]) for s in group])
        for s, path in zip(group, _in_step(scores[rows], sizes, transitions), strict=True):
            out[s] = path
    return out


def _in_step(scores: np.ndarray, sizes: list[int], transitions: np.ndarray) -> list[list[int]]:
    """Viterbi over sentences of ``sizes`` (longest first) at once, a token place a step."""
    count, longest = len(sizes), sizes[0]
    labels = scores.shape[1]
    # steps[t, s]: the scores of the t-th token of the s-th sentence
    steps = np.zeros((longest, count, labels))
    sentence = np.repeat(np.arange(count), sizes)
    steps[np.arange(len(sentence)) - np.repeat(np.cumsum(sizes) - sizes, sizes), sentence] = scores
    last = steps[0].copy()  # each sentence's scores at its last token
    # back[t, s, label]: the best label before it. A sentence that has ended keeps each
    # label (there it is never written), so the trace back goes over all sentences at once.
    back = np.empty((longest, count, labels), dtype=np.intp)
    back[...] = np.arange(labels)
    # A step is a few calls on arrays of some 200 numbers, so the calls' own cost is
    # the step's: the candidates are laid out [sentence, to, from], where the argmax
    # over the last, contiguous axis is quick (a max over a middle axis cost as much
    # as the rest of the step), and the best scores are then picked by that argmax.
    # Every call writes into arrays made once, through views made again only when
    # sentences end.
    into = np.ascontiguousarray(transitions.T)
    candidates = np.empty((count, labels, labels))
    flat = candidates.reshape(-1)
    rows = np.arange(count * labels) * labels  # where each row of ``labels`` begins, flat
    picks = np.empty(count * labels, dtype=np.intp)
    scores_now = steps.reshape(longest, count * labels)
    pointers = back.reshape(longest, count * labels)
    alpha_flat = scores_now[0].copy()
    still = count
    size = count * labels
    now, alpha, alpha_now = candidates, alpha_flat.reshape(count, labels), alpha_flat
    from_, starts, picked = alpha[:, None, :], rows, picks
    for t in range(1, longest):
        ended = still
        while sizes[still - 1] <= t:
            still -= 1  # these ended at token t - 1 (the shortest are the last)
        if still < ended:
            last[still:ended] = alpha[still:ended]
            size = still * labels
            alpha_now, starts, picked = alpha_flat[:size], rows[:size], picks[:size]
            now, alpha = candidates[:still], alpha_now.reshape(still, labels)
            from_ = alpha[:, None, :]
        np.add(from_, into, out=now)
        now.argmax(axis=2, out=back[t, :still])  # the first, as crfsuite
        np.add(starts, pointers[t, :size], out=picked)
        flat.take(picked, out=alpha_now, mode="clip")  # (all within: clip only skips a copy)
        alpha_now += scores_now[t, :size]
    last[:still] = alpha
    # back from each sentence's best last label, all sentences at once
    paths = np.empty((longest, count), dtype=np.intp)
    label = last.argmax(axis=1)
    starts, picked = rows[:count], picks[:count]
    for t in range(longest - 1, 0, -1):
        paths[t] = label  # (past a sentence's end: its last label, never read)
        np.add(starts, label, out=picked)
        pointers[t].take(picked, out=label, mode="clip")
    paths[0] = label
    return [row[:size] for row, size in zip(paths.T.tolist(), sizes, strict=True)]


class Decoder:
    """Tags many sentences at once with a model read as arrays."""

    def __init__(self, weights: Weights) -> None:
        self.weights = weights
        self.ids = FeatureIds(weights.attributes, pad=len(weights.state) - 1)

    def tag(self, sentences: list[list[str]], heads: list[bool] | None = None) -> list[list[str]]:
        """BIO tags for each sentence (``crf.tag``'s, for all of them at once).

        ``heads``: whether each sentence is in headline mode, if known.
        """
        if heads is None:
            heads = [headline_mode(s) for s in sentences]
        kept = [k for k, s in enumerate(sentences) if s]
        if not kept:
            return [[] for _ in sentences]
        words = [sentences[k] for k in kept]
        ids = np.ascontiguousarray(self.ids.rows(words, [heads[k] for k in kept]).T)
        # All the rows at once (``take``: a few times quicker than indexing a feature at
        # a time), summed over the features' axis. numpy sums pairwise only along the
        # fast axis in memory (its ``sum`` docs); along this one it adds row after row,
        # in order, so a token's weights still add up in crfsuite's order.
        scores = self.weights.state.take(ids, axis=0).sum(axis=0)
        paths = iter(viterbi(scores, [len(s) for s in words], self.weights.transitions))
        labels = self.weights.labels
        return [list(map(labels.__getitem__, next(paths))) if s else [] for s in sentences]


_lock = threading.Lock()
_decoders: dict[Path, Decoder] = {}


def decoder(path: Path) -> Decoder:
    """The decoder of the model at ``path``, read on first use (once per process)."""
    with _lock:
        found = _decoders.get(path)
        if found is None:
            found = _decoders[path] = Decoder(read_weights(path))
        return found

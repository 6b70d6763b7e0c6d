"""Features of a token in its sentence, for the CRF.

Each token is described by binary string features: its lowercased form,
affixes, a compressed shape (``Xx``, ``X``, ``d.d``), length, its word
clusters (``clusters``: learnt from unlabelled text, so a name never seen
labelled still looks like the names it keeps company with), whether it is a
listed first name or title, the gazetteer match it is part of (``LOC`` begin
or inside), and the same for its neighbours two tokens either side.

Headlines and all-caps lines say little with their capitals: in such a
sentence every case-dependent feature is emitted under another name
(``T:sh=Xx`` instead of ``sh=Xx``), so the weights learnt from ordinary
sentences do not fire, and the model falls back on words and lists. Training
adds title-cased copies of sentences so those features get weights too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from store.entities import lexicon as lx
from store.entities.clusters import clusters
from store.entities.gazetteer import gazetteer, match
from store.entities.lexicon import ORG_HINTS

#: Words a headline leaves in lowercase.
HEADLINE_LOWER = lx.words(
    "dan di ke dari yang untuk dengan atau pada bagi oleh dalam sebagai akan atas terhadap "
    "antara tentang hingga sampai usai saat jadi ini itu tak tidak karena soal lewat demi "
    "the of and in on for to a an at by with from as into over than"
)
_REPEAT_RE = re.compile(r"(.)\1+")


def shape(word: str) -> str:
    """Compressed shape: ``Kim`` → ``Xx``, ``10.000`` → ``d.d``, ``KCNA`` → ``X``."""
    out = []
    for c in word:
        if c.isupper():
            out.append("X")
        elif c.islower():
            out.append("x")
        elif c.isdigit():
            out.append("d")
        else:
            out.append(c)
    return _REPEAT_RE.sub(r"\1", "".join(out))


def headline_mode(words: list[str]) -> bool:
    """True for a title-case or all-caps sentence (a headline, a related link).

    At least three words of four letters or more are capitalised, and no such
    word is lowercase except headline function words. A caption full of names
    but with ordinary lowercase words is prose.
    """
    long_words = 0
    for w in islice(words, 1, None):
        if len(w) >= 4 and w.isalpha():
            if w[0].islower() and w not in HEADLINE_LOWER:
                return False  # prose: most sentences end their look here, a few words in
            long_words += 1
    return long_words >= 3


@lru_cache(maxsize=50_000)
def static_features(
    word: str,
) -> tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...], str]:
    """(lower, shape, case-free features, case features, headline case features, cluster)."""
    gaz = gazetteer()
    lw = word.lower()
    coarse, fine = clusters().get(lw, ("-", "-"))
    sh = shape(word)
    n = len(word)
    free = [
        "w=" + lw,
        "p2=" + lw[:2],
        "p3=" + lw[:3],
        "s2=" + lw[-2:],
        "s3=" + lw[-3:],
        "s4=" + lw[-4:],
        "len=" + (str(n) if n < 6 else "6+" if n < 10 else "10+"),
        "c1=" + coarse,
        "c2=" + fine,
    ]
    if any(c.isdigit() for c in word):
        free.append("digit")
    if "-" in word:
        free.append("hyph")
    if "." in word and n > 1:
        free.append("dot")
    case = ["sh=" + sh]
    if word in gaz.first_names:
        case.append("fn")
    if word in gaz.titles:
        case.append("ttl")
    if word in ORG_HINTS:
        case.append("orgw")
    if word[0].isupper():
        case.append("cap")
        if n > 1 and word.isupper():
            case.append("allcap")
    headline = tuple("T:" + f for f in case)
    return lw, sh, tuple(free), tuple(case), headline, coarse


def sentence_features(words: list[str]) -> list[list[str]]:
    """Feature lists for every token of one sentence."""
    n = len(words)
    if not n:
        return []
    head = headline_mode(words)
    statics = [static_features(w) for w in words]
    gz = ["gz=O"] * n
    for first, last, form in match(words):
        label = form.type + ("?" if form.ambiguous else "")
        gz[first] = f"gz=B-{label}"
        for k in range(first + 1, last):
            gz[k] = f"gz=I-{label}"
    pre = "T:" if head else ""
    out: list[list[str]] = []
    for i in range(n):
        lw, sh, free, case, hcase, _ = statics[i]
        feats = ["bias", *free, *(hcase if head else case), gz[i]]
        if head:
            feats.append("headline")
        if i == 0:
            feats.append("BOS")
            feats.append(pre + "BOS|sh=" + sh)
        else:
            p = statics[i - 1]
            feats.append("w-1=" + p[0])
            feats.append(pre + "sh-1=" + p[1])
            feats.append("w-1|w=" + p[0] + "|" + lw)
            feats.append("c1-1=" + p[5])
            feats.append("g-1=" + gz[i - 1])
            if "ttl" in p[3]:
                feats.append(pre + "ttl-1")
            if i > 1:
                pp = statics[i - 2]
                feats.append("w-2=" + pp[0])
                feats.append(pre + "sh-2=" + pp[1])
        if i == n - 1:
            feats.append("EOS")
        else:
            q = statics[i + 1]
            feats.append("w+1=" + q[0])
            feats.append(pre + "sh+1=" + q[1])
            feats.append("w|w+1=" + lw + "|" + q[0])
            feats.append("c1+1=" + q[5])
            feats.append("g+1=" + gz[i + 1])
            if i < n - 2:
                qq = statics[i + 2]
                feats.append("w+2=" + qq[0])
                feats.append(pre + "sh+2=" + qq[1])
        out.append(feats)
    return out


def headline_case(words: list[str]) -> list[str]:
    """The words as a headline would capitalise them (for training copies)."""
    out = []
    for i, w in enumerate(words):
        if w[:1].isalpha() and w[:1].islower() and (i == 0 or w not in HEADLINE_LOWER):
            w = w[0].upper() + w[1:]
        out.append(w)
    return out

"""Canonical keys: one name for every variant of a person, organisation or place.

A key must be the same in every article, so a corpus can be indexed by it.
It is found in three steps:

1. **Folding** — a deterministic spelling-blind form used for matching:
   accents dropped, case folded, hyphens and dots become spaces (``Kim
   Jong-un`` = ``Kim Jong Un``, ``U.S.`` = ``US``), and transliteration
   variants fold together: ``y``/``i`` (``Andrey``/``Andrei``), ``w``/``v``,
   ``kh``/``h``, ``ph``/``f``, old Indonesian ``oe``/``u``, ``dj``/``j``,
   ``tj``/``c``, and doubled letters (``JoongAng``/``JongAng``).
2. **The alias table** — every form in the shipped gazetteers names its
   entity's canonical key (``AS`` → ``Amerika Serikat``, ``DPRK`` → ``Korea
   Utara``, ``Moskow`` → ``Moskwa``, ``Putin`` → ``Vladimir Putin``). A form
   one letter away from a listed one (``Vladmir Putin``) takes its key too.
3. **Within the article** — mentions whose folds are equal, or one letter
   apart, share a key; a person's short form (``Kim``, ``Belousov``, ``Kim
   Jong``) takes the key of the full name it begins or ends in the same
   article (the most frequent one when several fit); an abbreviation in
   brackets after a name (``Amerika Serikat (AS)``), an acronym of a listed
   organisation's words (``KPK`` for ``Komisi Pemberantasan Korupsi``) and an
   outlet named without its suffix (``Kompas`` for ``KOMPAS.TV``) join that
   name.

Names that are not listed keep a tidy form of the fullest spelling in the
article (``Desy-Afrianti`` → ``Desy Afrianti``, ``PYONGYANG`` →
``Pyongyang``). ``Korea Utara`` and ``Korea Selatan`` never meet: nothing
joins two different listed entities.

Keys never merge strangers by spelling alone:

* **Acronyms match exactly** (``name_form``): ``NIS`` (South Korea's
  National Intelligence Service) is not ``NIIS`` (= ``ISIS``), whatever the
  folding of doubled letters says; they join a name only through the lists,
  brackets or the initials of a name in the same article. A word in capitals
  that is a listed name letter for letter is that name (``MOSKOW`` in a
  dateline is ``Moskwa``).
* **A bare short form** (``Korea``) takes the key of the one entity of
  ``data/short_forms.txt`` the article makes unambiguous (``shortforms``).
* **Dates and quantities** are keyed case-blind (``expression_key``): ``hari
  ini`` and ``Hari ini`` are one key.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache
from itertools import chain, pairwise

from store.entities import lexicon as lx
from store.entities.gazetteer import gazetteer
from store.entities.model import NAME_TYPES
from store.entities.shortforms import resolve_short_forms

MEMO = 50_000
"""Names, keys and aliases remembered per process (the corpus pass meets each many times)."""

_SEP_RE = re.compile(r"[\s\-‐‑–—_/’'`.,:;()\"“”]+")
_INITIALS_RE = re.compile(r"\b(?:[a-z]\.){2,}")
_FOLDS = (
    ("kh", "h"),
    ("ph", "f"),
    ("dj", "j"),
    ("tj", "c"),
    ("oe", "u"),
    ("y", "i"),
    ("w", "v"),
)
_DOUBLE_RE = re.compile(r"(.)\1+")
_CAPITALISED = lx.MONTHS.keys() | lx.WEEKDAYS
_MEDIA_SUFFIXES = ("tv", "com", "co id", "id", "net", "org", "news", "online", "daily")


@cache
def fold(text: str) -> str:
    """The matching form of a name: ``Kim Jong-un`` → ``kim jong un``."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = _INITIALS_RE.sub(lambda m: m.group().replace(".", ""), s)
    s = _SEP_RE.sub(" ", s).strip()
    for old, new in _FOLDS:
        s = s.replace(old, new)
    return _DOUBLE_RE.sub(r"\1", s)


@lru_cache(maxsize=MEMO)
def name_form(text: str) -> str:
    """The form names are matched by: an acronym exactly (``#NIS``), anything else folded."""
    bare = text.replace(".", "").replace(" ", "")
    if 2 <= len(bare) <= 7 and bare.isupper() and bare.isalnum():
        return "#" + bare
    return fold(text)


@lru_cache(maxsize=MEMO)
def expression_key(text: str) -> str:
    """The key of a date or quantity: case-blind, one space between words.

    Month and weekday names are capitalised, acronyms and currency signs keep
    their case, every other word is lowercase: ``Hari ini`` → ``hari ini``,
    ``19 JULI 2024`` → ``19 Juli 2024``, ``1 Orang`` → ``1 orang``.
    """
    out = []
    for word in text.split():
        low = word.lower()
        if low in _CAPITALISED:
            out.append(low.capitalize())
        elif (word.isupper() and len(word) <= 3) or "$" in word or word in ("Rp", "Rp."):
            out.append(word)
        else:
            out.append(low)
    return " ".join(out)


def pattern_matches(pattern: str, key: str) -> bool:
    """True when ``pattern`` (an ``entity:`` value) names ``key``: word starts, spelling-blind.

    ``belousov``, ``andrey-belousov`` and ``Andrei Belousov`` all name the key
    ``Andrei Belousov``; ``-`` and ``_`` stand for spaces (query words have none).
    """
    wanted = " " + fold(pattern.replace("-", " ").replace("_", " "))
    return wanted.strip() != "" and wanted in " " + fold(key.replace("_", " ")) + " "


def display(text: str, type_: str) -> str:
    """A tidy spelling for a key: ``Desy-Afrianti`` → ``Desy Afrianti``."""
    words = text.split()
    out = []
    for w in words:
        if type_ == "PER" and "-" in w and w[:1].isupper():
            w = " ".join(p[:1].upper() + p[1:] for p in w.split("-") if p)
        if type_ in ("PER", "LOC") and len(w) > 3 and w.isupper() and w.isalpha():
            w = w.capitalize()
        out.append(w)
    return " ".join(out)


@cache
def _aliases() -> tuple[dict[tuple[str, str], str], dict[str, set[str]]]:
    """``(type, fold) → key`` and ``fold → keys`` (all types) from the gazetteers."""
    by_type: dict[tuple[str, str], str] = {}
    any_type: dict[str, set[str]] = {}
    for forms in gazetteer().forms.values():
        for form in forms:
            if form.brand:
                continue
            f = name_form(form.text)
            by_type.setdefault((form.type, f), form.key)
            any_type.setdefault(f, set()).add(form.key)
            if f[0] != "#":  # a name in capitals (a dateline's MOSKOW) is still this name
                plain = _plain(form.text)
                by_type.setdefault((form.type, plain), form.key)
                any_type.setdefault(plain, set()).add(form.key)
    return by_type, any_type


def _plain(text: str) -> str:
    """A listed name matched case-blind but letter for letter (``MOSKOW`` = ``Moskow``)."""
    return "=" + " ".join(text.lower().split())


@cache
def _alias_near() -> dict[str, set[tuple[str, str]]]:
    """One-deletion neighbourhoods of the alias folds, for one-letter misspellings."""
    index: dict[str, set[tuple[str, str]]] = {}
    for (type_, f), _key in _aliases()[0].items():
        if len(f) >= 6 and f[0] not in "#=":
            for d in _deletions(f):
                index.setdefault(d, set()).add((type_, f))
    return index


@lru_cache(maxsize=MEMO)  # the same names recur from article to article
def _deletions(s: str) -> set[str]:
    """``s`` and every string one letter shorter (shared: never changed by a caller)."""
    return {s} | {s[:i] + s[i + 1 :] for i in range(len(s))}


def near(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are at most one edit apart."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def _fuzzy_ok(a: str, b: str) -> bool:
    """One edit apart, long enough, same first letter, same number of words."""
    return min(len(a), len(b)) >= 6 and a[0] == b[0] and a.count(" ") == b.count(" ") and near(a, b)


@lru_cache(maxsize=MEMO)  # the same names recur from article to article
def alias(text: str, type_: str) -> str | None:
    """The listed key for a name, if the gazetteers know it (or a one-letter variant)."""
    by_type, any_type = _aliases()
    f = name_form(text)
    key = by_type.get((type_, f))
    if key:
        return key
    keys = any_type.get(f)
    if keys and len(keys) == 1:
        return next(iter(keys))
    if f[0] == "#":  # capitals: a listed acronym exactly, or a listed name letter for letter
        plain = _plain(text)
        keys = any_type.get(plain, set())
        return by_type.get((type_, plain)) or (next(iter(keys)) if len(keys) == 1 else None)
    if len(f) < 6:
        return None
    found: set[str] = set()
    index = _alias_near()
    for d in _deletions(f):
        for t, g in index.get(d, ()):
            if t == type_ and _fuzzy_ok(f, g):
                found.add(by_type[(t, g)])
    return found.pop() if len(found) == 1 else None


def key_of(text: str, type_: str) -> str:
    """The key of one mention taken alone (no article context)."""
    if type_ not in NAME_TYPES:
        return expression_key(text)
    return alias(text, type_) or display(text, type_)


class _Groups:
    """Union-find over mentions that refuses to join two different listed keys."""

    def __init__(self, canon: list[str | None]) -> None:
        self.parent = list(range(len(canon)))
        self.canon = list(canon)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        parent = self.parent  # (most mentions are still their own root: no call for those)
        a = i if parent[i] == i else self.find(i)
        b = j if parent[j] == j else self.find(j)
        if a == b:
            return True
        ca, cb = self.canon[a], self.canon[b]
        if ca and cb and ca != cb:
            return False
        self.parent[b] = a
        self.canon[a] = ca or cb
        return True


Mention = tuple[int, int, str, str]
"""``(start, end, text, type)``."""


def assign(mentions: Sequence[Mention], source: str = "") -> list[str]:
    """Keys for the mentions of one article, in order (``source`` is the text they are in)."""
    keys: list[str] = [expression_key(text) for _, _, text, _ in mentions]
    idx = [i for i, m in enumerate(mentions) if m[3] in NAME_TYPES]
    if not idx:
        return keys
    folds = {i: name_form(mentions[i][2]) for i in idx}
    canon = [None] * len(mentions)
    for i in idx:
        canon[i] = alias(mentions[i][2], mentions[i][3])
    groups = _Groups(canon)
    by_fold: dict[str, int] = {}
    for i in idx:
        first = by_fold.setdefault(folds[i], i)
        groups.union(first, i)
    _join_canon(groups, idx)
    _join_near(groups, idx, mentions, folds)
    _join_brackets(groups, idx, mentions, source)
    _join_acronyms_and_outlets(groups, idx, mentions, folds)
    _join_short_forms(groups, idx, mentions, folds)
    members: dict[int, list[int]] = {}
    for i in idx:
        members.setdefault(groups.find(i), []).append(i)
    for root, group in members.items():
        key = groups.canon[root] or _representative(group, mentions)
        for i in group:
            keys[i] = key
    return resolve_short_forms(keys, [mentions[i][3] for i in range(len(mentions))])


def _join_canon(groups: _Groups, idx: list[int]) -> None:
    by_canon: dict[str, int] = {}
    for i in idx:
        c = groups.canon[groups.find(i)]
        if c:
            groups.union(by_canon.setdefault(c, i), i)


def _join_near(groups: _Groups, idx: list[int], mentions: Sequence[Mention], folds: dict) -> None:
    distinct: dict[str, int] = {}
    for i in idx:
        distinct.setdefault(folds[i], i)
    long = [f for f in distinct if len(f) >= 6]
    # Most articles hold no two names one letter apart: the deletions two names share are
    # counted in C, and only the names with one are indexed and looked at (in the same
    # order, so the same joins are made, or refused, in the same order).
    counted = Counter(chain.from_iterable(map(_deletions, long)))
    shared = {d for d, n in counted.items() if n > 1}
    if not shared:
        return
    index: dict[str, list[str]] = {}
    for f in long:
        if not shared.isdisjoint(_deletions(f)):
            for d in _deletions(f):
                index.setdefault(d, []).append(f)
    for f, i in distinct.items():
        if len(f) < 6 or f[0] == "#" or shared.isdisjoint(_deletions(f)):
            continue
        for d in _deletions(f):
            for g in index.get(d, ()):
                j = distinct[g]
                if g != f and mentions[i][3] == mentions[j][3] and _fuzzy_ok(f, g):
                    groups.union(i, j)


def _join_brackets(groups: _Groups, idx: list[int], mentions: Sequence[Mention], text: str) -> None:
    """``Amerika Serikat (AS)``: the bracketed abbreviation joins the name before it."""
    for a, b in pairwise(idx):
        _, end_a, _, _ = mentions[a]
        start_b, end_b, text_b, _ = mentions[b]
        gap = text[end_a:start_b] if text else ""
        if gap.strip() == "(" and text[end_b : end_b + 1] == ")" and text_b.isupper():
            groups.union(a, b)


def _initials(text: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", text) if w[:1].isupper()]
    return "".join(w[0] for w in words)


def _join_acronyms_and_outlets(
    groups: _Groups, idx: list[int], mentions: Sequence[Mention], folds: dict
) -> None:
    orgs = [i for i in idx if mentions[i][3] == "ORG"]
    by_initials: dict[str, int] = {}
    for i in orgs:
        if " " in mentions[i][2].strip():
            by_initials.setdefault(_initials(mentions[i][2]), i)
    by_fold = {fold(mentions[i][2]): i for i in orgs}
    for i in orgs:
        text = mentions[i][2]
        if text.isupper() and text.isalpha() and len(text) >= 2 and text in by_initials:
            groups.union(by_initials[text], i)
        f = fold(text)
        for suffix in _MEDIA_SUFFIXES:
            j = by_fold.get(f + " " + suffix)
            if j is not None:
                groups.union(j, i)
                break


def _join_short_forms(
    groups: _Groups, idx: list[int], mentions: Sequence[Mention], folds: dict
) -> None:
    """``Kim`` → ``Kim Jong Un``; ``Belousov`` → ``Andrei Belousov``."""
    people = [i for i in idx if mentions[i][3] == "PER"]
    ends: dict[tuple[str, ...], list[int]] = {}  # first/last words of full names → mentions
    for i in people:
        words = fold(mentions[i][2]).split()
        for k in range(1, len(words)):
            ends.setdefault(tuple(words[:k]), []).append(i)
            ends.setdefault(tuple(words[-k:]), []).append(i)
    if not ends:
        return
    size: Counter[int] | None = None
    for i in people:
        fits = ends.get(tuple(fold(mentions[i][2]).split()))
        if not fits:
            continue
        roots = {groups.find(j) for j in fits} - {groups.find(i)}
        if len(roots) > 1:
            if size is None:
                size = Counter(groups.find(j) for j in people)
            before = {groups.find(j) for j in fits if j < i} - {groups.find(i)}
            roots = set(sorted(before or roots, key=lambda r: (-size[r], r))[:1])
        if roots:
            groups.union(roots.pop(), i)


def _representative(group: list[int], mentions: Sequence[Mention]) -> str:
    texts = Counter(display(mentions[i][2], mentions[i][3]) for i in group)
    first_seen = {}
    for i in group:
        first_seen.setdefault(display(mentions[i][2], mentions[i][3]), i)
    best = max(
        texts,
        key=lambda t: (len(t.split()), not t.isupper(), texts[t], -first_seen[t]),
    )
    return best

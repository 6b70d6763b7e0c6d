"""Names in English text, by English rules: left untagged rather than tagged badly.

sorot's model learnt Indonesian; on English prose it guesses (``The U.S`` as
an organisation, ``Dr. Victor Cha`` missed). An English article
(``Article.language == "en"``) gets these rules instead:

* A name is a run of capitalised words (``of``/``for``/``and``/``the`` may
  stand inside one that an organisation word heads: ``Ministry of Defence``);
  a leading ``The`` stays out unless the lists know it with it (``The Korea
  Herald``).
* Titles and honorifics (``Dr.``, ``President``, ``Defence Minister``) stay
  out of a person's span and make the name after them a person.
* A listed name takes its listed type and key (``U.S.``, ``the U.S.`` →
  ``Amerika Serikat``); a run holding an organisation word (``Agency``,
  ``Service``, ``Army``) is an organisation; a known first name, or a name
  that says or is quoted (``Victor Cha said``, ``said Victor Cha``), is a
  person.
* Anything else is not guessed at: an unknown capitalised word at the start
  of a sentence, a nationality (``Russian``), a run that no list, title,
  organisation word or context types. Inside it, the names the lists know
  are still marked.
"""

from __future__ import annotations

import re

from store.entities import lexicon as lx
from store.entities.gazetteer import gazetteer, match
from store.entities.spans import Span, listed

#: Capitalised words that start English sentences and are never names.
_FUNCTION = lx.words(
    "The A An In On At Of For To From By With As And But Or If When While After Before "
    "He She It They We I You His Her Its Their Our This That These Those There Here "
    "What Which Who Whom Whose Why How Where Some Many Most All Both Each Every Any No Not "
    "Yet So Also Still Even Then Now Today Meanwhile However Although Though Because Since "
    "Under Over Into Across Against Among Between During Without Within Despite Last Next "
    "Mr Mrs Ms Dr Prof According Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "January February March April May June July August September October November December"
)
#: Lowercase words that may stand inside an organisation's name.
_INNER = lx.words("of for and the on de")
#: Words that head or end organisation names in English.
_ORG_WORDS = lx.words(
    "Agency Ministry Department Service Services Council Committee Commission Institute "
    "University College School Party Army Navy Force Forces Guard Police Office Bureau "
    "Corporation Corp Inc Ltd Company Co Bank Group Association Foundation Union Alliance "
    "Organization Organisation Center Centre News Times Post Journal Herald Daily Press "
    "Network Court Parliament Assembly Senate Congress Administration Authority Fund "
    "Federation League Coalition Movement Front Airlines Airways Media Broadcasting Command"
)
#: Verbs that make the name beside them a speaker (a person, when it is not listed).
_SPEECH = lx.words("said says told added noted wrote stated argued explained warned asked")
_ACRONYM_RE = re.compile(r"[A-Z](?:\.[A-Z])+")


def _cap(word: str) -> bool:
    return word[:1].isupper() and any(c.isalpha() for c in word)


def _is_title(words: list[str], k: int) -> int:
    """Tokens of a title starting at ``k`` (``Dr`` ``.`` is two), else 0."""
    titles = gazetteer().titles
    w = words[k]
    if w in titles or w + "." in titles:
        return 2 if k + 1 < len(words) and words[k + 1] == "." and w + "." in titles else 1
    return 0


def _run_end(words: list[str], k: int, end: int) -> int:
    """End of the run of name words starting at ``k`` (within the sentence)."""
    j = k
    while j < end:
        w = words[j]
        if _cap(w):
            j += 1
            # "U.S." before "Army": the acronym's own period
            if (
                j + 1 < end
                and words[j] == "."
                and _ACRONYM_RE.fullmatch(w)
                and _cap(words[j + 1])
                and words[j + 1] not in _FUNCTION
            ):
                j += 1
            continue
        if (
            w in _INNER
            and j + 1 < end
            and _cap(words[j + 1])
            and not (w == "and" and _is_title(words, j + 1))
        ) and any(x in _ORG_WORDS for x in words[k:j]):
            j += 1
            continue
        break
    return j


def _type_of(words: list[str], a: int, b: int, titled: bool) -> str | None:
    """The type of the name ``words[a:b]``, or ``None`` when nothing says it."""
    gaz = gazetteer()
    seq = [w for w in words[a:b] if w != "."]
    found = match(words[a:b])
    if len(found) == 1 and found[0][:2] == (0, b - a) and not found[0][2].ambiguous:
        return found[0][2].type
    if any(w in _ORG_WORDS or w in lx.ORG_WORDS for w in seq):
        return "ORG"
    if titled:
        return "PER"
    if seq[0] in gaz.first_names and len(seq) >= 2:
        return "PER"
    if 2 <= len(seq) <= 4 and all(w.isalpha() or "-" in w for w in seq):
        before = words[a - 1].lower() if a else ""
        after = words[b].lower() if b < len(words) else ""
        if after in _SPEECH or before in _SPEECH or (after == "," and before == ","):
            return "PER"
    return None


def _inner_names(words: list[str], a: int, b: int) -> list[Span]:
    """The listed names inside an untyped run (``Russian Defence Minister`` → none)."""
    return [(a + s, a + e, f.type) for s, e, f in match(words[a:b]) if not f.ambiguous]


def names(words: list[str], sents: list[tuple[int, int]], heads: list[bool]) -> list[Span]:
    """PER/ORG/LOC token ranges of English text, sentence by sentence."""
    gaz = gazetteer()
    out: list[Span] = []
    for (start, end), head in zip(sents, heads, strict=True):
        if head:  # a headline's capitals say nothing: only what the lists know
            out.extend((a + start, b + start, f.type) for a, b, f in match(words[start:end]))
            continue
        k = start
        while k < end:
            w = words[k]
            if not _cap(w):
                k += 1
                continue
            titled = False
            t = _is_title(words, k)
            while t and k + t < end:
                titled = True
                k += t
                t = _is_title(words, k)
            if t or not _cap(words[k]) or (words[k] in _FUNCTION and not titled):
                k += max(t, 1)
                continue
            j = _run_end(words, k, end)
            if j < end and words[j] == "." and _ACRONYM_RE.fullmatch(words[j - 1]):
                j += 1  # "the U.S." at a clause's end: the period is the acronym's
            a = k
            if words[a] in ("The", "the") and not listed(words[a:j]):
                a += 1
            if a >= j:
                k = j
                continue
            if words[j - 1] == "." and not listed(words[a:j]):
                j -= 1
            seq = " ".join(words[a:j])
            if seq in gaz.not_names or (j - a == 1 and words[a] in gaz.not_names):
                k = j
                continue
            if k == start and j - a == 1 and not titled and not gaz.forms.get(words[a]):
                k = j  # one unknown capitalised word opening a sentence
                continue
            kind = _type_of(words, a, j, titled)
            if kind is not None:
                out.append((a, j, kind))
            else:
                out.extend(_inner_names(words, a, j))
            k = j
    return out

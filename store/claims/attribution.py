"""Who a passage says said it: the speaker or source named with a verb of saying.

Indonesian news attributes in a few shapes, and English ones in a few more:

- after the quote or statement: ``…,” ujar Kim``, ``kata Lee Woong-gil``,
  ``tegas Putin``, ``demikian laporan KCNA``, ``bunyi pernyataan KCNA``;
- before it: ``Menurut KCNA, …``, ``menurut badan intelijen Korea Selatan``,
  ``according to the ministry``;
- as the subject of a verb of saying: ``Para analis menilai bahwa``,
  ``intelijen Korea Selatan melaporkan bahwa``, ``Kim mengatakan``,
  ``Belousov menyatakan``, ``the minister said``.

A pronoun (``Ia``, ``-nya``, ``he``) is resolved, when the caller gives the
text before the passage, to the last speaker named there. Names may be
snapped to entity keys by the caller (``Kim`` → ``Kim Jong Un``) through
``names``: spans of people and organisations with their keys.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from store.claims.lexicon import words

_SAY_AFTER = (
    "kata|ujar|ucap|tutur|tegas|jelas|ungkap|papar|imbuh|tambah|sebut|lanjut|terang|"
    "klaim|tulis|pungkas|kilah|seru|bilang"
)
_SAY_VERBS = (
    "mengatakan|menyatakan|menegaskan|mengungkapkan|menjelaskan|menyebutkan|menyebut|"
    "menambahkan|memaparkan|menuturkan|melaporkan|mengklaim|menilai|menuding|menuduh|"
    "menekankan|mencatat|berpendapat|berkata|mengaku|memperingatkan|menduga|memperkirakan|"
    "mengumumkan|membantah|menyampaikan|mengutip|mengonfirmasi|menulis|"
    "said|says|say|told|stated|states|claimed|claims|reported|reports|added|warned|"
    "announced|noted|argued|insisted|believes|estimated|estimates"
)
#: A name: capitalised words, with connecting words and initials inside it.
_NAME = (
    r"(?:[A-Z][\w'’.-]*|al|bin|binti|van|von|de|la|di|dan)"
    r"(?:\s+(?:[A-Z][\w'’.-]*|al|bin|binti|van|von|de|la|dan(?=\s+[A-Z]))){0,5}"
)
_HEAD = (
    r"(?:para\s+|pihak\s+|sang\s+|the\s+|a\s+)?(?:[a-z]+\s+){0,2}?"  # "para analis", "the ministry"
)
_AFTER = re.compile(
    rf"[,.”\"’']\s*(?P<cue>{_SAY_AFTER})(?:nya)?\s+(?P<who>{_NAME}|{_HEAD}[a-z]+(?:\s+{_NAME})?)",
)
_AFTER_NYA = re.compile(rf"[,.”\"’']\s*(?:{_SAY_AFTER})nya\b")
_REPORT = re.compile(
    rf"\b(?:demikian|bunyi)\s+(?P<cue>laporan|pernyataan|keterangan|rilis|siaran\s+pers)\s+"
    rf"(?P<who>{_NAME})"
)
_ACCORDING = re.compile(
    rf"\b(?P<cue>[Mm]enurut|[Aa]ccording\s+to)\s+(?:(?:laporan|keterangan|data|pernyataan|sumber|"
    rf"informasi|the|a|an)\s+)*(?P<who>(?:[a-z]+\s+){{0,3}}?{_NAME}"
    rf"(?:\s+(?!(?:bahwa|yang|dan|untuk|the|that|and|to)\b)[a-z]{{5,}})?|[a-z]+(?:\s+[a-z]+){{0,2}})"
    rf"(?:,\s+(?P<appositive>{_NAME}))?"
)
_SUBJECT = re.compile(
    rf"(?<![\w'’.-])(?P<who>(?:{_HEAD})?{_NAME}|(?:[Pp]ara|[Tt]he)\s+[a-z]+|[A-Z][a-z]+)"
    rf"(?:\s*,\s*(?:(?P<named>{_NAME})|[^,]{{1,60}}),)?"
    rf"\s+(?:juga\s+|pun\s+|telah\s+|sempat\s+|also\s+|has\s+|had\s+)?"
    rf"(?P<cue>{_SAY_VERBS})\b"
)
_PRONOUNS = words("ia dia beliau mereka he she they it kami we") | {"the president", "the minister"}
#: Titles and roles before a name, left out of the speaker (``Presiden Rusia Vladimir Putin``).
_TITLES = words(
    "presiden wakil menteri pertahanan luar negeri perdana pemimpin kepala juru bicara jubir "
    "direktur ketua sekretaris jenderal analis senior duta besar dubes gubernur wali kota raja "
    "ratu kanselir president vice minister defence defense foreign prime leader head chief "
    "spokesperson spokesman spokeswoman secretary general director chairman senior analyst "
    "ambassador governor mayor king queen chancellor dr prof mr mrs ms pemerintah"
)
_PLACES_BEFORE_NAMES = words(
    "rusia russia korea utara selatan north south amerika serikat as us china tiongkok "
    "jepang japan ukraina ukraine indonesia ri korean russian american ukrainian chinese "
    "japanese"
)
_NOT_SPEAKERS = words("hal itu ini tersebut namun sementara dalam pada di meski selain setelah")


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A person or organisation in the text the speaker is looked for in, with its key."""

    start: int
    end: int
    key: str


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a passage is attributed to, and where that is said."""

    name: str
    start: int
    end: int
    """Offsets of the name in the text searched."""
    cue: str
    """The words that attribute: ``ujar``, ``menurut``, ``said``…"""


def _clean(name: str) -> str:
    """The name without titles and places before it: ``Vladimir Putin``, ``KCNA``."""
    words = name.strip(" ,.").split()
    roles = _TITLES | _PLACES_BEFORE_NAMES
    # Titles and places go only when a name follows them: "menteri Korea Utara" stays.
    while len(words) > 1 and words[0].casefold() in roles:
        if all(w.casefold() in roles or not w[:1].isupper() for w in words[1:]):
            break
        words.pop(0)
    while words and words[-1].casefold() in ("dan", "di", "de", "la"):
        words.pop()
    return " ".join(words).strip(" ,.")


def _role(text: str) -> bool:
    """True when ``text`` is a title or role and no name (``Pemimpin Korea Utara``)."""
    roles = _TITLES | _PLACES_BEFORE_NAMES
    return all(w.casefold() in roles for w in text.split())


def _snap(start: int, end: int, names: Sequence[NameSpan]) -> str | None:
    """The key of the last person or organisation inside ``[start, end)``."""
    inside = [n for n in names if start <= n.start and n.end <= end]
    return inside[-1].key if inside else None


def speaker_in(text: str, names: Sequence[NameSpan] = ()) -> Speaker | None:
    """The speaker ``text`` names (a sentence or a passage), or ``None``.

    A pronoun is returned as it stands (``Ia``); :func:`speaker_of` resolves it.
    """
    candidates: list[tuple[int, Speaker]] = []
    for rank, pattern in enumerate((_REPORT, _AFTER, _ACCORDING, _SUBJECT)):
        for m in pattern.finditer(text):
            group = "who"
            if m.groupdict().get("appositive"):
                group = "appositive"  # "media resmi Korea Utara, KCNA"
            elif m.groupdict().get("named") and m["named"][:1].isupper() and _role(m["who"]):
                group = "named"  # "Pemimpin Korea Utara, Kim Jong Un, menyatakan"
            start, end = m.span(group)
            while end > start and text[end - 1] in ".,":
                end -= 1  # the sentence's full stop is no initial
            raw = text[start:end]
            cleaned = _clean(raw)
            if not cleaned or cleaned.casefold() in _NOT_SPEAKERS:
                continue
            key = _snap(start, end, names)
            cue = " ".join(m["cue"].split()).casefold()
            candidates.append((rank, Speaker(key or cleaned, start, end, cue)))
            break
    if candidates:
        return min(candidates, key=lambda c: c[0])[1]
    m = _AFTER_NYA.search(text)
    if m:
        return Speaker("-nya", m.start(), m.end(), m.group(0).strip(" ,.”\"’'"))
    return None


_SENTENCE_END = re.compile(r"[.!?][”\"’']?(?=\s|$)")


def _said_after(text: str, end: int, names: Sequence[NameSpan], most: int = 400) -> Speaker | None:
    """Who the rest of the sentence after ``end`` says said it (``…, tegas Putin.``).

    Only the shapes that attribute after a statement are read there: a subject
    later in the sentence says something else.
    """
    tail = text[end : end + most]
    stop = _SENTENCE_END.search(tail)
    tail = tail[: stop.end()] if stop else tail
    local = [NameSpan(n.start - end, n.end - end, n.key) for n in names]
    for pattern in (_REPORT, _AFTER):
        m = pattern.search(tail)
        if m:
            start, stop_at = m.span("who")
            while stop_at > start and tail[stop_at - 1] in ".,":
                stop_at -= 1
            cleaned = _clean(tail[start:stop_at])
            if cleaned and cleaned.casefold() not in _NOT_SPEAKERS:
                key = _snap(start, stop_at, local)
                cue = " ".join(m["cue"].split()).casefold()
                return Speaker(key or cleaned, end + start, end + stop_at, cue)
    return None


def is_pronoun(name: str) -> bool:
    """True for ``Ia``, ``dia``, ``-nya``, ``he``: a speaker named before the passage."""
    return name.casefold() in _PRONOUNS or name == "-nya"


def speaker_of(
    text: str, start: int, end: int, names: Sequence[NameSpan] = (), before: int = 600
) -> str | None:
    """The speaker of ``text[start:end]`` (a passage of a body), pronouns resolved.

    A pronoun, or no speaker at all in a quoted passage, takes the last
    speaker named in the ``before`` characters ahead of the passage.
    """
    passage = text[start:end]
    local = [NameSpan(n.start - start, n.end - start, n.key) for n in names]
    found = speaker_in(passage, local)
    quoted = any(q in passage for q in '“”"')
    if found is not None and not is_pronoun(found.name):
        return found.name
    if found is None and (after := _said_after(text, end, names)) is not None:
        found = after  # a part of a sentence that says who said it after the part
        if not is_pronoun(found.name):
            return found.name
    if found is None and not quoted:
        return None
    head = max(0, start - before)
    earlier = text[head:start]
    shifted = [NameSpan(n.start - head, n.end - head, n.key) for n in names]
    last = None
    for sentence in re.split(r"(?<=[.!?”])\s+", earlier):
        offset = earlier.find(sentence)
        spans = [
            NameSpan(n.start - offset, n.end - offset, n.key)
            for n in shifted
            if offset <= n.start < offset + len(sentence)
        ]
        said = speaker_in(sentence, spans)
        if said is not None and not is_pronoun(said.name):
            last = said.name
    return last


def _person(name: str) -> list[str] | None:
    """The words of ``name`` when it reads as a person's name (``Vladimir Putin``), else None.

    Organisations and media in capitals (``KCNA``, ``BPBD``), groups (``Para analis``,
    ``intelijen Korea Selatan``) and pronouns are not people: who stands behind
    them is not known here.
    """
    found = name.split()
    if not found or len(found) > 4 or is_pronoun(name):
        return None
    if any(not w[:1].isupper() or w.isupper() or w.casefold() in _TITLES for w in found):
        return None
    return [w.casefold() for w in found]


def different_people(mine: str | None, theirs: str | None) -> bool:
    """True when two speakers are both people by name, and not one person.

    ``Kim`` and ``Putin`` are two; ``Putin`` and ``Vladimir Putin``, or
    ``Kim Jong-un`` and ``Kim``, share a name and may be one; ``KCNA`` and
    ``Kim`` say nothing (a medium reports what a person says).
    """
    if mine is None or theirs is None:
        return False
    a, b = _person(mine), _person(theirs)
    return a is not None and b is not None and not set(a) & set(b)

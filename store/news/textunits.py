"""Words, sentences and paragraphs of an article body, for cursor motion.

``TextUnits(body)`` splits a body once into sorted spans and answers every
motion or lookup with a binary search. All spans are ``(start, end)``
character offsets into the body, ``end`` exclusive.

* **Paragraphs** are the non-blank lines: segments are joined by ``"\\n\\n"``,
  and a single ``"\\n"`` line break also starts a new paragraph. Spans are
  trimmed of surrounding whitespace (NBSP included).
* **Words** are runs of letters and digits, kept whole across internal
  hyphens and apostrophes (``Kim Jong-un``, ``isu-isu``, ``don't``), number
  punctuation (``10.000``, ``3,5``, ``29/11``, ``18/7/2024``, ``14:11``) and
  the dots of domains and acronyms (``geosurvey.co.id``, ``KOMPAS.TV``,
  ``U.S``, ``M.Si``).
* **Sentences** never cross a paragraph. One ends at ``.``, ``!``, ``?``,
  ``...`` or ``…`` (plus any closing quotes or brackets right after it) when
  a capital, digit, quote or bracketed capital follows after whitespace; the
  end of the paragraph always ends one. A single ``.`` is then checked against
  abbreviations (``Dr.``, ``Jl.``, ``No. 5``, ``vs.``, ``e.g.``), initials
  (``J. Smith``), dotted acronyms (``U.S.``, ``a.m.``, ``S.H.``) and list
  markers (``1. Judul``). Ambiguous ones (``U.S.``, ``Inc.``, ``dkk.``,
  initials) end a sentence only when the next word is a common sentence
  opener (``The``, ``Ia``, ``Namun``...). A period glued to the next sentence
  by scraping (``tahun ini.Washington``, ``sebesar 54.Rusia``,
  ``negara."Perjanjian``) ends a sentence when a lowercase word or a number
  comes before it and a capitalised word after it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

Span = tuple[int, int]

_WORD_RE = re.compile(
    r"[^\W_]+(?:(?:"
    r"[-'’]"  # Jong-un, isu-isu, don't
    r"|(?<=\d)[.,/:](?=\d)"  # 10.000, 3,5, 29/11, 14:11
    r"|\.(?=[a-z])"  # geosurvey.co.id, a.m, e.g
    r"|(?<=[A-Z])\.(?=[A-Z]+\b)"  # KOMPAS.TV, U.S
    r"|(?<=\b[A-Z])\.(?=[A-Z])"  # M.Si, S.Kom
    r"|(?<=[a-z])\.(?=[A-Z]\b)"  # Ph.D
    r")[^\W_]+)*"
)
_LINE_RE = re.compile(r"\S(?:[^\n]*\S)?")
_END_RE = re.compile(r"[.!?…]+")


def _names(names: str) -> frozenset[str]:
    return frozenset(names.split())


_CLOSERS = frozenset("”’\"')]»")
_OPEN_QUOTES = frozenset("“\"‘'«„")

#: Never end a sentence (titles, address parts, months); matched exactly or in capitals.
_PREFIX = _names(
    "Mr Mrs Ms Mx Dr Drs Dra Drg Prof St Mt Ft Gen Sen Rep Gov Lt Col Capt Cmdr Sgt Maj Adm "
    "Pres Rev Hon Fr Jl Jln Bpk Ir Hj Ny Tn Sdr Sdri Kec Kab Kel Prov Yth Jan Feb Mar Apr "
    "Jun Jul Aug Agu Agt Sep Sept Oct Okt Nov Dec Des"
)
#: Lowercase abbreviations that never end a sentence.
_PREFIX_LOWER = _names("dr drs drg prof yth vs jl jln bpk sdr ir")
#: Never end a sentence when a number follows (``No. 5``, ``hlm. 12``).
_NUMBER_ABBR = _names("No no Nos Vol vol Hal hal Hlm hlm Fig fig Art art p pp")
#: End a sentence only before a common sentence opener (``Apple Inc. CEO``).
_AMBIGUOUS = _names("Inc Ltd Co Corp Jr Sr Bros dkk tsb al")
#: Dotted abbreviations that never end a sentence.
_NEVER_DOTTED = frozenset({"e.g", "i.e", "cf", "viz"})
_ROMAN_RE = re.compile(r"[IVXivx]{1,4}")

#: Words that usually begin a sentence, to resolve ``U.S. The`` versus ``U.S. President``.
_STARTERS = _names(
    "The This That These Those It Its He She They We I You But And Or So Yet However In On At "
    "For If When While After Before As A An There His Her Their Our My Some Many Most Meanwhile "
    "Still Also Then Now Later Earlier Ia Dia Mereka Kami Kita Saya Aku Ini Itu Hal Namun "
    "Tetapi Tapi Sementara Sedangkan Selain Dalam Pada Di Dari Ke Untuk Menurut Kemudian Lalu "
    "Setelah Sebelum Sebelumnya Saat Ketika Jika Bila Apabila Meski Meskipun Walaupun Padahal "
    "Bahkan Adapun Sebagai Oleh Karena Sehingga Dengan Hingga Sejak Selama Tak Tidak Belum "
    "Sudah Juga Kini"
)
_GLUE_BLOCKERS = frozenset("./@:\\_#")


class TextUnits:
    """Word, sentence and paragraph spans of one text, with vim-like motions.

    Every motion takes an offset, clamps it into ``[0, len(text)]`` and
    returns an offset; when there is nowhere to go it returns the clamped
    offset unchanged.
    """

    __slots__ = (
        "_para_ends",
        "_para_starts",
        "_sent_ends",
        "_sent_starts",
        "_word_ends",
        "_word_lasts",
        "_word_starts",
        "paragraphs",
        "sentences",
        "text",
        "words",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs: list[Span] = [m.span() for m in _LINE_RE.finditer(text)]
        self.words: list[Span] = [m.span() for m in _WORD_RE.finditer(text)]
        sentences: list[Span] = []
        for start, end in self.paragraphs:
            _split_paragraph(text, start, end, sentences)
        self.sentences = sentences
        self._para_starts = [s for s, _ in self.paragraphs]
        self._para_ends = [e for _, e in self.paragraphs]
        self._sent_starts = [s for s, _ in sentences]
        self._sent_ends = [e for _, e in sentences]
        self._word_starts = [s for s, _ in self.words]
        self._word_ends = [e for _, e in self.words]
        self._word_lasts = [e - 1 for e in self._word_ends]

    def _clamp(self, pos: int) -> int:
        return min(max(pos, 0), len(self.text))

    # -- motions ---------------------------------------------------------

    def next_word_start(self, pos: int) -> int:
        """Start of the next word after ``pos`` (vim ``w``)."""
        return _next(self._word_starts, self._clamp(pos))

    def prev_word_start(self, pos: int) -> int:
        """Start of the word ``pos`` is inside, or of the previous word (vim ``b``)."""
        return _prev(self._word_starts, self._clamp(pos))

    def word_end(self, pos: int) -> int:
        """Offset of the last character of the current or next word (vim ``e``)."""
        return _next(self._word_lasts, self._clamp(pos))

    def next_sentence_start(self, pos: int) -> int:
        """Start of the next sentence after ``pos`` (vim ``)``)."""
        return _next(self._sent_starts, self._clamp(pos))

    def prev_sentence_start(self, pos: int) -> int:
        """Start of the sentence ``pos`` is inside, or of the previous one (vim ``(``)."""
        return _prev(self._sent_starts, self._clamp(pos))

    def next_paragraph_start(self, pos: int) -> int:
        """Start of the next paragraph after ``pos`` (like vim ``}``)."""
        return _next(self._para_starts, self._clamp(pos))

    def prev_paragraph_start(self, pos: int) -> int:
        """Start of the paragraph ``pos`` is inside, or of the previous one (like vim ``{``)."""
        return _prev(self._para_starts, self._clamp(pos))

    # -- lookups ---------------------------------------------------------

    def word_at(self, pos: int) -> Span | None:
        """The word holding ``pos``, else the next one, else the last; ``None`` if no words."""
        return _at(self.words, self._word_ends, pos)

    def sentence_at(self, pos: int) -> Span | None:
        """The sentence holding ``pos``, else the next one, else the last; ``None`` if none."""
        return _at(self.sentences, self._sent_ends, pos)

    def paragraph_at(self, pos: int) -> Span | None:
        """The paragraph holding ``pos``, else the next one, else the last; ``None`` if none."""
        return _at(self.paragraphs, self._para_ends, pos)


def _next(starts: list[int], pos: int) -> int:
    i = bisect_right(starts, pos)
    return starts[i] if i < len(starts) else pos


def _prev(starts: list[int], pos: int) -> int:
    i = bisect_left(starts, pos) - 1
    return starts[i] if i >= 0 else pos


def _at(spans: list[Span], ends: list[int], pos: int) -> Span | None:
    if not spans:
        return None
    i = bisect_right(ends, pos)
    return spans[i] if i < len(spans) else spans[-1]


# -- sentence splitting ------------------------------------------------------


def _split_paragraph(text: str, start: int, end: int, out: list[Span]) -> None:
    """Append the sentences of the trimmed paragraph ``text[start:end]`` to ``out``."""
    cur = start
    for m in _END_RE.finditer(text, start, end):
        s, e = m.span()
        if s < cur:
            continue
        cut = _boundary(text, s, e, start, end, cur)
        if cut < 0:
            continue
        out.append((cur, cut))
        cur = cut
        while cur < end and text[cur].isspace():
            cur += 1
    if cur < end:
        out.append((cur, end))


def _boundary(text: str, s: int, e: int, para: int, end: int, cur: int) -> int:
    """Where the sentence ends if the punctuation ``text[s:e]`` ends it, else -1."""
    single = e - s == 1 and text[s] == "."
    j = e
    if j < end and not text[j].isspace():
        # Glued: closing quotes/brackets, then a space or the next sentence.
        while j < end and text[j] in _CLOSERS:
            if text[j] == '"' and text.count('"', para, j) % 2 == 0:
                break  # an even count before it: this straight quote opens
            j += 1
        if j < end and not text[j].isspace():
            if single and _glued_end(text, s, j, end):
                return j
            return -1
    if j >= end:
        return -1  # the paragraph's end closes the last sentence anyway
    k = j
    while text[k].isspace():
        k += 1  # the paragraph is trimmed, so k < end
    if not _opens(text, k, end):
        return -1
    if single and not _period_ends(text, s, k, cur):
        return -1
    return j


def _opens(text: str, k: int, end: int) -> bool:
    """Whether ``text[k]`` can begin a sentence: a capital, digit or quote."""
    c = text[k]
    if c.isupper() or c.isdigit() or c in _OPEN_QUOTES:
        return True
    return c in "([" and k + 1 < end and (text[k + 1].isupper() or text[k + 1].isdigit())


def _period_ends(text: str, s: int, k: int, cur: int) -> bool:
    """Whether the period at ``s``, before the next sentence's ``k``, ends a sentence."""
    i = s
    while i > cur and (text[i - 1].isalnum() or text[i - 1] == "."):
        i -= 1
    tok = text[i:s].lstrip(".")
    if not tok:
        return True  # after a bracket, quote or sign: "(29/11). Pertemuan"
    if i == cur and len(tok) <= 3 and (tok.isdigit() or _ROMAN_RE.fullmatch(tok) or len(tok) == 1):
        return False  # list marker at the start: "1. Terikat", "II. Metode", "a. Umum"
    if any(c.isdigit() for c in tok):
        return True  # a number: "sebesar 54. Rusia", "10.000. Ini"
    if "." in tok:
        if tok.lower() in _NEVER_DOTTED:
            return False
        parts = tok.split(".")
        if len(parts[0]) <= 2 and all(len(p) <= 3 for p in parts):
            return _starter(text, k)  # U.S., a.m., S.H., M.Si.
        return True  # a domain: "kompas.com. Ia"
    if tok in _NUMBER_ABBR:
        return not text[k].isdigit()
    if len(tok) == 1:
        return not tok.isupper() or _starter(text, k)  # initials: "J. Smith"
    if tok in _PREFIX or (tok.isupper() and tok.capitalize() in _PREFIX):
        return False
    if tok.islower() and tok in _PREFIX_LOWER:
        return False
    if tok in _AMBIGUOUS or tok.capitalize() in _AMBIGUOUS:
        return _starter(text, k)
    return True


def _starter(text: str, k: int) -> bool:
    """Whether the word at ``k`` is a quote or a common sentence opener."""
    if text[k] in _OPEN_QUOTES:
        return True
    m = k
    while m < len(text) and text[m].isalpha():
        m += 1
    if m - k == 1 and m < len(text) and text[m] == ".":
        return False  # another initial: "J. R. Tolkien"
    return text[k:m] in _STARTERS


def _glued_end(text: str, s: int, j: int, end: int) -> bool:
    """Whether ``word.Next`` at the period ``s`` (next sentence at ``j``) is two sentences."""
    i = s
    while i > 0 and text[i - 1].isalnum():
        i -= 1
    tok = text[i:s]
    if i > 0 and text[i - 1] in _GLUE_BLOCKERS:
        return False  # part of a domain or path: "detik.com.Jakarta"
    if not (tok.isdigit() or (len(tok) >= 2 and tok.isalpha() and tok.islower())):
        return False  # "KOMPAS.TV", "U.S", "M.Si"
    if j < end and text[j] in _OPEN_QUOTES:
        j += 1
    if not (j + 1 < end and text[j].isupper() and text[j + 1].islower()):
        return False
    m = j
    while m < end and text[m].isalpha():
        m += 1
    # "www.Kompas.com" continues a domain rather than starting a sentence.
    return not (m + 1 < end and text[m] == "." and text[m + 1].isalpha())

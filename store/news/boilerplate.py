"""Lines of a scraped article that are not its prose, and the names in them.

Scrapers keep what sat around the story on the page: related-link lines
(``Baca Juga: ...``, ``Simak Video ...``, ``Read more: ...``), page furniture
(``ADVERTISEMENT``, ``SCROLL TO CONTINUE WITH CONTENT``, share, comment and
subscribe prompts), photo captions and credits (``... Gambar : Reuters``,
``(Foto: ...)``, ``... © instagram.com/x``), the writer and editor
(``Penulis : Haryo Jati Editor : Desy-Afrianti``, ``(geosurvey.co.id/Namira
Unia)``, ``Reporting by ...; Editing by ...``, the editors' initials that end
a story: ``(fyk/ash)``, ``(Cas/Isk)``), copyright lines and the source
(``Sumber : Korea JongAng Daily``). sorot keeps these lines, marked, so that
no text is lost and the reader can still see them; :func:`boilerplate_kind`
names the mark and :func:`credited_people` reads the byline and editor out of
a credit line.

Every rule looks at one line alone and only at short lines: a long paragraph
that merely mentions a photo or a source is prose. Lines that only repeat
across an outlet's articles are found corpus-wide (:mod:`store.news.repeated`).
"""

from __future__ import annotations

import re

#: Longest line that can be boilerplate; prose is longer.
MAX_BOILERPLATE_CHARS = 300

_RELATED = re.compile(
    r"(?:baca|lihat|simak|tonton|cek)\s+(?:juga|pula|selengkapnya|berita|video|foto)\b"
    r"|(?:baca|lihat|simak|tonton)\b.{0,60}\b(?:lainnya|selengkapnya)\W*$"
    r"|berita\s+(?:terkait|lainnya|pilihan)\b|artikel\s+terkait\b|jangan\s+lewatkan\b"
    r"|read\s+(?:also|more)\b|see\s+also\b|related\s*(?::|articles?\b|stories\b|news\b)"
    r"|also\s+read\s*:|watch\s*:|more\s+on\s+this\s+story\b|you\s+may\s+also\s+like\b",
    re.IGNORECASE,
)
# Page furniture: whole lines only, so that a sentence about advertising stays prose.
_PROMO = re.compile(
    r"advertisement|advertisment|iklan|scroll\s+to\s+(?:continue|resume)(?:\s+with\s+content)?"
    r"|(?:share|bagikan|tweet|like|dislike|komentar|comments?|print|cetak|email|copy)"
    r"(?:\s+(?:this|ini|article|artikel|on\s+\w+))*"
    r"|\d+\s+(?:komentar|comments?|shares?)"
    r"|(?:subscribe|sign\s+up|follow\s+us|ikuti\s+kami|download\s+(?:aplikasi|app)|dapatkan)\b.*"
    r"|(?:simak|cek)\s+(?:breaking\s+news|berita\s+dan\s+artikel)\b.*"
    r"|(?:klik|click)\s+(?:di\s+sini|here)\b.*",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"(?:copyright\b|©|\(c\)\s*\d{4})", re.IGNORECASE)
_SOURCE = re.compile(r"(?:sumber|source|sources)\s*:", re.IGNORECASE)
_CAPTION = re.compile(
    r"\((?:foto|photo|gambar|image|dok\.?|dokumentasi|istimewa|ilustrasi)\b"
    r"|\s©\s*\S|/©|\bdoc\.\s+\S"
    r"|(?-i:(?<=[a-z])(?:Image|Photo|Foto|Gambar)\s*:\s*\S)"
    r"|\b(?:foto|photo|gambar|image|ilustrasi|kredit foto|sumber foto|sumber gambar|"
    r"photo credit|picture)\s*:\s*\S"
    r"|\((?:antara|reuters|ap|afp|epa|getty|anadolu|ap photo|antara foto|reuters photo)"
    r"(?:\s+(?:foto|photo))?\s*/[^()]*\)\s*$"
    r"|\bgetty images\b|\bshutterstock\b",
    re.IGNORECASE,
)
_BYLINE_LABELS = (
    r"penulis|reporter|pewarta|wartawan|kontributor|oleh|author|writer|written\s+by|"
    r"reporting\s+by|additional\s+reporting\s+by|compiled\s+by|by"
)
_EDITOR_LABELS = r"editor|penyunting|redaktur|editing\s+by"
_OTHER_LABELS = r"sumber|source|fotografer|photographer|video|grafis"
# A credit line starts with one of its labels, possibly inside the
# parentheses of wire copy ("(Reporting by ...; Editing by ...)").
_CREDIT_START = re.compile(
    rf"\(?(?P<label>{_BYLINE_LABELS}|{_EDITOR_LABELS})\b\s*(?P<colon>:)?\s*(?=[A-Z\u00c0-\u024f])",
    re.IGNORECASE,
)
# Words that may join the names in a byline without a colon.
_NAME_JOINERS = frozenset({"and", "dan", "&", "in", "di", "|", "-", "–", "with", "dengan"})
# "(geosurvey.co.id/Namira Unia)": an outlet and a writer, nothing else.
_OUTLET_SLASH_NAME = re.compile(r"\(\s*([\w.\- ]{2,40}?)\s*/\s*([^()/]{2,60}?)\s*\)")
# "(nwy/asp)", "(ant/zul)", "(Cas/Isk)", "(kpl/pur/tch)", "(FHM)": the editors'
# initials Indonesian outlets end stories with.
_INITIALS = re.compile(r"\(\s*[A-Za-z]{2,5}(?:\s*/\s*[A-Za-z]{2,5})*\s*\)")
_CONTRIBUTED = re.compile(r"\bcontributed to this report\b", re.IGNORECASE)
# One "label: value" pair inside a credit line.
_LABELLED = re.compile(
    rf"(?P<label>{_BYLINE_LABELS}|{_EDITOR_LABELS}|{_OTHER_LABELS})\b\s*:?\s*",
    re.IGNORECASE,
)
# " in Washington" after a wire reporter's name.
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*")


def boilerplate_kind(line: str) -> str | None:
    """``related``, ``caption``, ``credit`` or ``source`` for such a line, else ``None``."""
    text = line.strip()
    if not text or len(text) > MAX_BOILERPLATE_CHARS:
        return None
    if _RELATED.match(text):
        return "related"
    if len(text) <= 80 and _PROMO.fullmatch(text.rstrip("!.: ")):
        return "promo"
    if _is_credit(text):
        return "credit"
    if len(text) <= 80 and _COPYRIGHT.match(text):
        return "credit"
    if _may_be_caption(text) and _CAPTION.search(text):
        return "caption"
    if _SOURCE.match(text):
        return "source"
    return None


# Words without which no line is a caption: checking for them first keeps the
# scan of ordinary paragraphs cheap.
_CAPTION_WORDS = (
    "foto", "photo", "gambar", "image", "(dok", "istimewa", "ilustrasi", "picture", "getty",
    "shutterstock", "©", "doc.",
)  # fmt: skip


# Searched in lower-cased text: case-blind alternatives make the regex ten times slower.
_CAPTION_WORD = re.compile("|".join(re.escape(w) for w in _CAPTION_WORDS))


def _may_be_caption(text: str) -> bool:
    """Quick test: could ``_CAPTION`` match this line at all?"""
    if text.endswith(")") and "/" in text:
        return True
    return _CAPTION_WORD.search(text.lower()) is not None


# "(AP)", "(Reuters)": a wire's name alone, the source rather than an editor.
_WIRE_NAMES = "ap afp ant antara reuters upi dpa xinhua bernama kyodo yonhap tass ria "
_WIRES = frozenset(_WIRE_NAMES.split())


def editor_initials(line: str) -> str | None:
    """The editors' initials a story ends with: ``(fyk/ash)`` -> ``fyk/ash``; else ``None``."""
    text = line.strip()
    if not _INITIALS.fullmatch(text):
        return None
    initials = re.sub(r"\s+", "", text.strip("()"))
    return None if initials.lower() in _WIRES else initials


def _is_credit(text: str) -> bool:
    """True for writer, editor and agency credit lines."""
    if _OUTLET_SLASH_NAME.fullmatch(text) or _INITIALS.fullmatch(text):
        return True
    if "contributed" in text and _CONTRIBUTED.search(text) and len(text) < 200:
        return True
    m = _CREDIT_START.match(text)
    if m is None:
        return False
    # "Penulis :" and "Reporting by" are credits whatever follows. A bare
    # "By", "Oleh" or "Reporter" also starts sentences ("By Monday, the army
    # had ..."), so then the rest must read as names only.
    label = m.group("label").lower()
    if m.group("colon") or (label.endswith("by") and label != "by"):
        return True
    return _names_only(text[m.end() :])


def _names_only(text: str) -> bool:
    """True when ``text`` is a short list of capitalised names."""
    text = text.strip().rstrip(")")
    words = text.replace(",", " ").split()
    if not words or len(words) > 10 or len(text) > 80 or text.endswith((".", "!", "?")):
        return False
    return all(w[0].isupper() or w.lower() in _NAME_JOINERS for w in words)


def credited_people(line: str) -> tuple[str | None, str | None]:
    """The byline and the editor a credit line names, each ``None`` when absent."""
    text = line.strip().strip("()").strip()
    if _CONTRIBUTED.search(text):  # names a helper, not the writer
        return None, None
    initials = editor_initials(line)
    if initials is not None:
        return None, initials
    slash = _OUTLET_SLASH_NAME.fullmatch(line.strip())
    if slash:
        name = slash.group(2).strip()
        return (name if _looks_like_name(name) else None), None
    byline = editor = None
    # A label counts at the start, after a separator, or with a colon, so that
    # the "by" inside "Reporting by" and the "Kontributor" of "Penulis:
    # Kontributor Lhokseumawe" are not read as labels of their own.
    matches = [
        m
        for m in _LABELLED.finditer(text)
        if ":" in m.group(0)
        or not (before := text[: m.start()].rstrip(" \u00a0"))
        or before[-1] in ";,|"
    ]
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[m.end() : end].strip(" ;,|:\u00a0")
        value = _IN_PLACE.sub("", value).strip()
        if not value:
            continue
        label = re.sub(r"\s+", " ", m.group("label").lower())
        if re.fullmatch(_EDITOR_LABELS, label):
            editor = editor or value
        elif re.fullmatch(_BYLINE_LABELS, label):
            byline = byline or value
    return byline, editor


def credited_outlet(line: str) -> str | None:
    """The outlet in a ``(outlet/Name)`` credit, e.g. ``geosurvey.co.id``."""
    if editor_initials(line) is not None:
        return None
    slash = _OUTLET_SLASH_NAME.fullmatch(line.strip())
    return slash.group(1).strip() if slash else None


def _looks_like_name(text: str) -> bool:
    """A person's name: a few words, the first capitalised, no digits."""
    words = text.split()
    return 1 <= len(words) <= 5 and text[0].isupper() and not any(c.isdigit() for c in text)

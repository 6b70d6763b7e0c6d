"""Sorot's span rules applied to the model's PER/ORG/LOC spans.

* Edge punctuation and brackets come off, and a bracket splits a span
  (``Amerika Serikat (AS)`` is two entities; ``PT Pertamina (Persero)`` keeps
  no ``Persero``).
* Lowercase prose splits a span and leaves its edges (``wilayah Gaza`` →
  ``Gaza``; ``Kementerian Koperasi dan UKM menggandeng OECD`` → two names);
  linking words inside a name stay (``dan``, ``untuk``, ``al``, ``bin``).
* Titles leave PER spans, up to the last one (``Presiden``, ``Menteri``,
  ``Russian Defence Minister`` → the name after them).
* A person span holding an organisation word (``Garda Revolusi``, ``PT
  ...``) is an organisation; a company's ``PT`` belongs to it.
* A listed place fused to the front of a person's name is split off.
* Weapons, products and nationality words are dropped (``ATACMS``, ``F-16``,
  ``Russian``).
* An organisation that begins with a head word (``Institut``, ``Badan``)
  continues over ``untuk``/``dan`` and the capitalised words after it
  (``Institut Korea untuk Penyatuan Nasional``).
* After a regional office (``Gubernur``, ``Bupati``, ``Kapolda``), a span
  that the model ran from the region into the holder's name is cut in two:
  ``Gubernur Sulawesi Utara Sinyo Harry Sarundajang`` → ``Sulawesi Utara``
  (LOC) + ``Sinyo Harry Sarundajang`` (PER). The region is a listed place, or
  a word and its direction (``Kutai Timur``).
* A unit of the state named for the place it serves is one organisation,
  place and all, whatever the model said of its parts: ``Polres Jakarta
  Selatan``, ``Dinas Kesehatan Kabupaten Bogor``, ``DPRD DKI Jakarta``,
  ``Kementerian Pertahanan Rusia``, ``Kodam V Jaya``. It ends at lowercase, punctuation, a
  title (``AKBP``) or the head of another unit (``Direktorat Jenderal Pajak``
  | ``Kementerian Keuangan``).
"""

from __future__ import annotations

from itertools import compress, count

from store.entities import lexicon as lx
from store.entities.gazetteer import Gazetteer, gazetteer, match
from store.entities.lexicon import ORG_WORDS
from store.entities.spans import Span, covered, has_alnum, listed, name_word

#: Lowercase words that may stand inside a name (``Kementerian Koperasi dan UKM``,
#: ``Institut Korea untuk Penyatuan Nasional``, ``Bashar al-Assad``).
_INNER_LOWER = lx.words(
    "dan untuk bagi atas dari of for and the on in de da di van von der den bin binti "
    "al el la le du dos das y utara selatan timur barat tengah laut raya"
)
#: Linking words: inside a name only, never at its end.
_LINKS = lx.words("untuk dan bagi atas dari for of and the on in")
#: Legal forms that start a company name and belong to it (``PT Pertamina``).
_COMPANY_PREFIXES = lx.words("PT PT. CV CV. Perum Perusahaan")
#: Bracketed legal forms that are no entity of their own (``PT Pertamina (Persero)``).
_LEGAL_SUFFIXES = lx.words("Persero Tbk Tbk. Ltd Inc")
#: First words of organisation names that may continue after ``untuk``/``dan``.
_ORG_HEADS = lx.words(
    "Institut Institute Badan Komisi Dewan Lembaga Pusat Kementerian Departemen Yayasan Asosiasi "
    "Ikatan Persatuan Perhimpunan Kantor Organisasi Federasi Komite Majelis Centre Center "
    "Council Committee Agency Office Association Foundation Ministry Department Bureau Forum "
    "Aliansi Koalisi Serikat Universitas Akademi Sekolah Kelompok Gerakan Front"
)
_ORG_LINKS = lx.words("untuk dan bagi atas for of and")
#: Heads of state units named for a place (``Polres Jakarta Selatan``).
UNIT_HEADS = lx.words(
    "Polda Polres Polresta Polrestabes Polsek Kodam Korem Kodim Koramil Lanud Lantamal Lanal "
    "Kejati Kejari Kejaksaan Pengadilan Pemkot Pemkab Pemprov Pemda DPRD KPU KPUD Bawaslu "
    "Dinas Direktorat Ditjen Kanwil Bappeda BPBD Kementerian Universitas Batalyon Yonif Brigif"
)
_UNIT_STARTS = UNIT_HEADS | {"Pemerintah"}  # (``Pemerintah Kota Bandung``)
#: Offices named for a region: the name after the region is the holder's.
_REGIONAL_OFFICES = lx.words(
    "Gubernur Wagub Bupati Wabup Walikota Kota Camat Lurah Kapolda Kapolres Kapolresta "
    "Kapolsek Kajati Kajari Pangdam Danrem Dandim Sekda"
)
_DIRECTIONS = lx.words("Utara Selatan Timur Barat Tengah Raya Laut Darat")
_ROMAN = lx.words("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII")
#: After ``Pemerintah``, the words that make it a unit's name (``Pemerintah Kota Bandung``).
_GOVERNMENT_OF = lx.words("Provinsi Kota Kabupaten Daerah")


def clean(words: list[str], spans: list[Span]) -> list[Span]:
    """Apply the span rules to the model's spans."""
    out: list[Span] = []
    for a, b, kind in spans:
        for s, e in _pieces(words, a, b):
            out.extend(_clean_piece(words, s, e, kind))
    return out


def _pieces(words: list[str], a: int, b: int) -> list[tuple[int, int]]:
    """The span cut at brackets and lowercase prose, edges trimmed."""
    span = words[a:b]
    if span and all(map(str.isalnum, span)) and not any(map(str.islower, span)):
        return [(a, b)]  # most spans: letters and digits, nothing lowercase, nothing to cut
    parts: list[tuple[int, int]] = []
    start = a
    for k in range(a, b):
        w = words[k]
        if w in "()[]{}" or (w.isalpha() and w.islower() and w not in _INNER_LOWER):
            parts.append((start, k))
            start = k + 1
    parts.append((start, b))
    out = []
    for s, e in parts:
        while s < e and (not has_alnum(words[s]) or not name_word(words[s])):
            s += 1
        while e > s and (not has_alnum(words[e - 1]) or not name_word(words[e - 1])):
            if words[e - 1] in _INNER_LOWER and e - s > 1 and words[e - 1] not in _LINKS:
                break  # "Sumatera selatan"
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _clean_piece(words: list[str], s: int, e: int, kind: str) -> list[Span]:
    gaz = gazetteer()
    if e - s == 1 and words[s] in _LEGAL_SUFFIXES:
        return []
    if words[s] in ("The", "the") and e - s > 1 and (kind != "ORG" or listed(words[s + 1 : e])):
        s += 1
    if " ".join(words[s:e]) in gaz.not_names:
        return []
    if kind == "PER":
        if e - s > 1:  # (a title before the name's last word)
            last_title = max((k for k in range(s, e - 1) if words[k] in gaz.titles), default=-1)
            s = last_title + 1 if last_title >= 0 else s
        if words[s] in gaz.titles:
            return []
    if kind != "ORG" and not ORG_WORDS.isdisjoint(words[s:e]):
        kind = "ORG"
    if s > 0 and words[s - 1] in _COMPANY_PREFIXES:
        s -= 1
        kind = "ORG"
    out: list[Span] = []
    if kind == "PER" and e - s > 1:
        lead = match(words[s:e])
        if lead and lead[0][0] == 0 and lead[0][2].type != "PER" and lead[0][1] < e - s:
            cut = s + lead[0][1]
            if not lead[0][2].ambiguous:
                out.append((s, cut, lead[0][2].type))
            s = cut
    out.append((s, e, kind))
    return out


def extend_orgs(words: list[str], spans: list[Span], headline: list[bool]) -> list[Span]:
    """``Institut Korea`` + ``untuk Penyatuan Nasional``: a name after a linking word."""
    owner: list[int] = []  # made when first needed (most articles need it for no span)
    n = len(words)
    out: list[Span] = []
    for a, b, kind in spans:
        if kind == "ORG" and words[a] in _ORG_HEADS and not headline[a]:
            owner = owner or covered(spans, n)
            while b + 1 < n and words[b] in _ORG_LINKS and owner[b] == -1:
                k = b + 1
                while k < n and owner[k] == -1 and words[k][:1].isupper() and words[k].isalpha():
                    k += 1
                if k == b + 1:
                    break
                b = k
        out.append((a, b, kind))
    return out


def unit_orgs(words: list[str], spans: list[Span], headline: list[bool]) -> list[Span]:
    """``Polres`` + ``Jakarta Selatan``: a state unit and the place it serves, one ORG."""
    gaz = gazetteer()
    n = len(words)
    owner: list[int] = []  # made when first needed (most articles name no unit)
    add: list[Span] = []
    k = 0  # the first word not inside a unit found
    # Only the words that may start a unit are looked at, left to right.
    for at in compress(count(), map(_UNIT_STARTS.__contains__, words)):
        if at < k:
            continue
        k = at
        w = words[k]
        head = w in UNIT_HEADS or (
            w == "Pemerintah" and k + 1 < n and words[k + 1] in _GOVERNMENT_OF
        )
        if not head or headline[k]:
            continue
        owner = owner or covered(spans, n)
        j = k + 1
        while j < n and _unit_word(words[j], owner[j], spans, gaz):
            if words[j] in UNIT_HEADS:
                break
            own = owner[j]
            j = spans[own][1] if own != -1 else j + 1
        if j > k + 1:
            add.append((k, j, "ORG"))
        k = j
    # a model name crossing the unit's edge stays as it is
    add = [
        (s, e, kind)
        for s, e, kind in add
        if not any(a < e and s < b and not (s <= a and b <= e) for a, b, _ in spans)
    ]
    if not add:
        return spans
    kept = [sp for sp in spans if not any(s <= sp[0] and sp[1] <= e for s, e, _ in add)]
    return sorted(kept + add)


def _unit_word(word: str, owner: int, spans: list[Span], gaz: Gazetteer) -> bool:
    """A word that continues a unit's name: title case, no title, no other name's start."""
    if owner != -1:
        return spans[owner][2] == "LOC"  # the place it serves; a person or another body ends it
    if word in gaz.titles and word != "Jenderal":
        return False
    if word.isdigit() or word in _ROMAN:
        return True  # "SMAN 14 Jakarta", "Kodam V Jaya"
    title_case = word[:1].isupper() and word[1:].islower() and word.isalpha()
    return title_case and word not in gaz.first_names


def office_holders(words: list[str], spans: list[Span]) -> list[Span]:
    """``Gubernur`` + ``Jawa Tengah Ganjar Pranowo``: the region, then the person."""
    out: list[Span] = []
    for a, b, kind in spans:
        if a and words[a - 1] == "Wali" and words[a] == "Kota" and b - a > 1:
            a += 1  # "Wali Kota" is the office: "Wali Kota Surabaya" → "Surabaya"
        cut = _region_end(words, a, b) if a and words[a - 1] in _REGIONAL_OFFICES else 0
        if cut and cut < b and words[cut][:1].isupper() and words[cut].isalpha():
            out += [(a, cut, "LOC"), (cut, b, "PER")]
        else:
            out.append((a, b, kind))
    return out


def _region_end(words: list[str], a: int, b: int) -> int:
    found = match(words[a:b])
    if found and found[0][0] == 0 and found[0][2].type == "LOC" and not found[0][2].ambiguous:
        return a + found[0][1]
    if b - a >= 3 and words[a + 1] in _DIRECTIONS:
        return a + 2
    return 0

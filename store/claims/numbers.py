"""Amounts in a passage: counts, money and percentages, as intervals.

Reads Indonesian and English news numbers: ``10.000`` and ``10,000`` (a
separator before groups of three digits groups thousands; otherwise it is a
decimal point: ``1,5 juta`` and ``1.5 million`` are 1,500,000), scale words
(``12 ribu``, ``Rp 5 miliar``, ``Rp 5 M``), number words (``sembilan``,
``dua puluh``, ``seribu``), qualifiers before or after (``lebih dari``,
``hampir``, ``sekitar``, ``setidaknya``, ``10.000 lebih``, ``more than``,
``nearly``), ranges (``10.000-12.000``, ``antara 10 dan 12 ribu``,
``between 10,000 and 12,000``), currencies (``Rp``, ``US$``, ``dolar AS``)
and percentages (``50 persen``, ``50%``). What a count counts is the noun
after it (``tentara``; ``3,000 more North Korean troops``), reduced to a
class (:func:`store.claims.lexicon.unit_of`). Numbers inside dates, times,
labels (``pasal 53``, ``F-16``, ``Perang Dunia 3``) and list markers are
not amounts. Linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from store.claims import lexicon as lx
from store.claims.figure import COUNT, MONEY, PERCENT, Figure

_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)*"  # 10.000, 1,5, 3.14
    r"|[^\W\d_]+(?:[-'’][^\W\d_]+)*\$?"  # words, Jong-un, US$
    r"|[%$€£¥~±–—-]"
    r"|[^\s\w]",
    re.UNICODE,
)


@dataclass(frozen=True, slots=True)
class Token:
    """A word, number or sign with its offsets."""

    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.casefold()

    @property
    def is_number(self) -> bool:
        return self.text[0].isdigit()


def tokens(text: str) -> list[Token]:
    """The words, numbers and signs of ``text``."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def number_value(text: str) -> float | None:
    """The value of a written number: ``10.000``, ``10,000``, ``1,5``, ``1.500.000,50``."""
    seps = re.findall(r"[.,]", text)
    if not seps:
        return float(text)
    parts = re.split(r"[.,]", text)
    if len(set(seps)) == 2:  # 1.500.000,50 or 1,500,000.50: the last one is decimal
        whole = re.sub(r"[.,]", "", "".join(parts[:-1]))
        return float(f"{whole}.{parts[-1]}")
    if len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]) and parts[0] != "0":
        return float("".join(parts))
    if len(parts) == 2:
        return float(f"{parts[0]}.{parts[1]}")
    return None


def _word_number(toks: list[Token], i: int) -> tuple[float, int] | None:
    """A number written in words starting at ``i``: value and the index after it."""
    low = toks[i].low
    if low not in lx.NUMBER_WORDS:
        return None
    value = float(lx.NUMBER_WORDS[low])
    j = i + 1
    if j < len(toks) and toks[j].low in lx.NUMBER_TIMES and value < 10:
        times = lx.NUMBER_TIMES[toks[j].low]
        value = value + 10 if times is None else value * times
        j += 1
        if j < len(toks) and toks[j].low in lx.NUMBER_WORDS and lx.NUMBER_WORDS[toks[j].low] < 10:
            value += lx.NUMBER_WORDS[toks[j].low]
            j += 1
    if low in ("satu", "one") and j == i + 1:
        return None  # "salah satu", "one of": rarely an amount worth comparing
    return value, j


def _number_at(toks: list[Token], i: int) -> tuple[float, int, float] | None:
    """A number (digits or words, with a scale word) at ``i``: value, index after, scale."""
    if i >= len(toks):
        return None
    if toks[i].is_number:
        value = number_value(toks[i].text)
        if value is None:
            return None
        j = i + 1
    else:
        found = _word_number(toks, i)
        if found is None:
            return None
        value, j = found
    scale = 1.0
    while j < len(toks) and toks[j].low in lx.SCALES:
        scale *= lx.SCALES[toks[j].low]
        j += 1
    return value * scale, j, scale


def _qualifier_before(toks: list[Token], i: int, text: str) -> tuple[str, int]:
    """The qualifier ending right before token ``i`` and the index it starts at."""
    for words in (3, 2, 1):
        if i - words < 0:
            continue
        first = toks[i - words]
        phrase = text[first.start : toks[i - 1].end].casefold()
        phrase = " ".join(phrase.split())
        if phrase in lx.QUALIFIERS:
            return lx.QUALIFIERS[phrase], i - words
    return "", i


def _is_label(toks: list[Token], i: int, text: str) -> bool:
    """True when the number at ``i`` is a label, a list marker or part of a name."""
    if i > 0:
        before = toks[i - 1]
        if before.low in lx.LABELS:
            return True
        if (
            before.text in "-–"
            and i > 1
            and toks[i - 2].end == before.start
            and toks[i - 2].text[:1].isalpha()
        ):
            return True  # F-16, MiG-29
        if before.text[:1].isupper() and before.text.isalpha() and before.end + 1 == toks[i].start:
            # "Perang Dunia 3", "Pasal 5": a capitalised word and a bare number
            after = toks[i + 1] if i + 1 < len(toks) else None
            return after is None or after.text in ".,;)" or after.text[:1].isupper()
    after = toks[i + 1] if i + 1 < len(toks) else None
    if after is not None and after.text in ".)" and after.start == toks[i].end:
        line_start = text.rfind("\n", 0, toks[i].start) + 1
        if not text[line_start : toks[i].start].strip():
            return True  # "1. Terikat dalam Perjanjian"
    return False


def _counted(toks: list[Token], j: int) -> tuple[str, int]:
    """The counted noun after a number, ending before index returned: ``("tentara", j+1)``."""
    k = j
    skipped = 0
    while k < len(toks) and skipped < 2:
        word = toks[k]
        low = word.low
        if low in ("more", "additional", "extra", "lebih"):
            k, skipped = k + 1, skipped + 1
            continue
        if word.text[:1].isupper() and word.text.isalpha() and low not in lx.unit_classes():
            k, skipped = k + 1, skipped + 1  # "3,000 North Korean troops"
            continue
        break
    if k >= len(toks) or not toks[k].text[:1].isalpha():
        return "", j
    low = toks[k].low
    if low == "kali" and k + 1 < len(toks) and toks[k + 1].low == "lipat":
        return "kali lipat", k + 2
    if low in lx.stopwords() or low in lx.NOT_COUNTED or _verb_like(low):
        return "", j
    if toks[k].text[:1].isupper() and low not in lx.unit_classes():
        return "", j
    end = k + 1
    if (
        lx.unit_of(low) == "people"
        and end < len(toks)
        and lx.unit_of(toks[end].low) not in ("people", toks[end].low)
    ):
        return " ".join(t.text for t in toks[k : end + 1]), end + 1  # "orang tewas": dead
    # "kontainer amunisi": a second noun belongs to the first when it is no function word.
    if (
        end < len(toks)
        and toks[end].text.isalpha()
        and toks[end].text.islower()
        and toks[end].low not in lx.stopwords()
        and not _verb_like(toks[end].low)
        and lx.unit_of(low) == low
    ):
        end += 1
    return " ".join(t.text for t in toks[k:end]), end


def _verb_like(low: str) -> bool:
    """Indonesian verbs and English participles after a number are no counted thing."""
    if len(low) > 5 and low.startswith(("meng", "meny", "mem", "men", "di", "ter", "ber")):
        return low not in lx.unit_classes()
    return low.endswith("ed") and len(low) > 4 and low not in lx.unit_classes()


def _interval(qualifier: str, value: float) -> tuple[float | None, float | None, bool, bool]:
    if qualifier == "more than":
        return value, None, True, False
    if qualifier == "at least":
        return value, None, False, False
    if qualifier == "nearly":
        return value * (1 - lx.NEARLY_SPAN), value, False, True
    if qualifier == "about":
        return value * (1 - lx.ABOUT_SPAN), value * (1 + lx.ABOUT_SPAN), False, False
    if qualifier == "less than":
        return 0.0, value, False, True
    if qualifier == "at most":
        return 0.0, value, False, False
    return value, value, False, False


def amounts(text: str, skip: Iterable[tuple[int, int]] = ()) -> list[Figure]:
    """Every count, sum of money and percentage in ``text``, in order.

    ``skip`` holds spans (dates, times) whose numbers are no amounts.
    """
    toks = tokens(text)
    skipped = sorted(skip)
    found: list[Figure] = []
    i = 0
    while i < len(toks):
        figure, after = _amount_at(toks, i, text, skipped)
        if figure is not None:
            found.append(figure)
            i = after
        else:
            i += 1
    return found


def _inside(spans: list[tuple[int, int]], start: int) -> bool:
    return any(s <= start < e for s, e in spans)


def _amount_at(
    toks: list[Token], i: int, text: str, skipped: list[tuple[int, int]]
) -> tuple[Figure | None, int]:
    tok = toks[i]
    if _inside(skipped, tok.start):
        return None, i + 1
    currency = ""
    start_index = i
    j = i
    if tok.low in lx.CURRENCY_BEFORE:
        currency = lx.CURRENCY_BEFORE[tok.low]
        j = i + 1
        if j < len(toks) and toks[j].text == ".":
            j += 1
    # "antara 10 dan 12 ribu", "between 10,000 and 12,000"
    between = tok.low in ("antara", "between") and not currency
    if between:
        j = i + 1
    number = _number_at(toks, j)
    if number is None or (not toks[j].is_number and currency):
        return None, i + 1
    if not between and not currency and _is_label(toks, j, text):
        return None, j + 1
    value, k, scale = number
    qualifier = ""
    low_value = high_value = None
    if between:
        if k < len(toks) and toks[k].low in ("dan", "and", "hingga", "to"):
            second = _number_at(toks, k + 1)
            if second is None:
                return None, i + 1
            high_value, k, high_scale = second
            # "antara 10 dan 12 ribu": the scale of the second end is the first's too
            low_value = value * high_scale if scale == 1.0 else value
            value = high_value
            qualifier = "range"
        else:
            return None, i + 1
    else:
        qualifier, start_index = (
            _qualifier_before(toks, i, text) if not currency else ("", start_index)
        )
        if currency and i > 0:
            qualifier, start_index = _qualifier_before(toks, i, text)
            start_index = min(start_index, i)
        if not qualifier:
            start_index = i
        # a range: "10.000-12.000", "10 hingga 12 ribu"
        if k + 1 < len(toks) and toks[k].low in lx.RANGE_JOINS:
            second = _number_at(toks, k + 1)
            if second is not None and toks[k + 1].is_number:
                high, after, high_scale = second
                low = value * high_scale if scale == 1.0 else value
                if high > low:
                    low_value, high_value, value, k = low, high, high, after
                    qualifier = "range"
    if currency and k < len(toks) and toks[k].low in lx.CURRENCY_SCALES:
        value *= lx.CURRENCY_SCALES[toks[k].low]
        k += 1
    if not currency and k < len(toks) and toks[k].low in lx.CURRENCY_AFTER:
        currency = lx.CURRENCY_AFTER[toks[k].low]
        k += 1
        if k < len(toks) and toks[k].text in ("AS", "Amerika", "US"):
            k += 1
            if toks[k - 1].text == "Amerika" and k < len(toks) and toks[k].text == "Serikat":
                k += 1
    kind, unit, counted = COUNT, "", ""
    if currency:
        kind, unit = MONEY, currency
    elif k < len(toks) and toks[k].low in lx.PERCENT_WORDS:
        kind, unit = PERCENT, "%"
        k += 1
    else:
        if not qualifier and k < len(toks) and toks[k].low in lx.QUALIFIERS_AFTER:
            after_word = toks[k].low
            if after_word != "an" or toks[k].start == toks[k - 1].end + 1:
                qualifier = lx.QUALIFIERS_AFTER[after_word]
                k += 1
        counted, k2 = _counted(toks, k)
        if counted:
            unit, k = lx.unit_of(counted), k2
        elif _is_year(value, toks[j]):
            return None, k
    if qualifier == "range":
        low, high, low_open, high_open = low_value, high_value, False, False
    else:
        low, high, low_open, high_open = _interval(qualifier, value)
    start, end = toks[start_index].start, toks[k - 1].end
    return (
        Figure(
            kind,
            start,
            end,
            text[start:end],
            low,
            high,
            low_open,
            high_open,
            value=value,
            unit=unit,
            counted=counted,
            qualifier=qualifier,
        ),
        k,
    )


def _is_year(value: float, token: Token) -> bool:
    """A bare four-digit number from 1900 to 2100 is a year, not an amount."""
    return token.is_number and len(token.text) == 4 and 1900 <= value <= 2100

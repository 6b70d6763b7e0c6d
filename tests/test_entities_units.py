"""The recogniser's parts: tokens, CoNLL files, key folding, scores, training data.

Every text here is written by the test itself; none comes from ``../shared``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from store.entities import conll
from store.entities.features import headline_case, headline_mode, sentence_features, shape
from store.entities.gazetteer import gazetteer, match
from store.entities.keys import alias, assign, display, fold, key_of, near
from store.entities.metrics import Scores, key_grouping
from store.entities.tokens import sentences, tokenize
from store.entities.train import retokenize
from tests.benchcorpus import SEEDS


def toks(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


# -- tokens ----------------------------------------------------------------------


def test_tokens_carry_their_offsets():
    text = "Kim Jong-un, “kata” Jumat (29/11): lebih dari 10.000 tentara…"
    for t in tokenize(text):
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Kim Jong-un tiba", ["Kim", "Jong-un", "tiba"]),
        ("Jumat (29/11)", ["Jumat", "(", "29/11", ")"]),
        ("Kamis (18/7/2024)", ["Kamis", "(", "18/7/2024", ")"]),
        ("lebih dari 10.000 tentara", ["lebih", "dari", "10.000", "tentara"]),
        ("pukul 14:11 WIB", ["pukul", "14:11", "WIB"]),
        ("“Merupakan hak,” ujar Kim", ["“", "Merupakan", "hak", ",", "”", "ujar", "Kim"]),
        ("14:11 WIBPYONGYANG, KOMPAS.TV -", ["14:11", "WIB", "PYONGYANG", ",", "KOMPAS.TV", "-"]),
        ("tahun ini.Washington dan", ["tahun", "ini", ".", "Washington", "dan"]),
        ("sebesar 54.Rusia dan", ["sebesar", "54", ".", "Rusia", "dan"]),
        ("konflik Rusia-Ukraina", ["konflik", "Rusia", "-", "Ukraina"]),
        ("negara Timor-Leste", ["negara", "Timor-Leste"]),
        ("geosurvey.co.id – Menteri", ["geosurvey.co.id", "–", "Menteri"]),
        ("Rp10.000 dan US$5", ["Rp", "10.000", "dan", "US$", "5"]),
        ("North Korea's leader", ["North", "Korea", "'s", "leader"]),
        ("pesawat F-16 dan tahun 1990-an", ["pesawat", "F-16", "dan", "tahun", "1990-an"]),
        ("isu-isu keamanan", ["isu-isu", "keamanan"]),
        ("jaringan 5G dan 12 orang", ["jaringan", "5G", "dan", "12", "orang"]),
    ],
)
def test_tokenisation(text: str, tokens: list[str]):
    assert toks(text) == tokens


def test_sentences_end_at_line_breaks_and_glued_periods():
    text = 'Satu kalimat. Dua kalimat di sini.Tiga\nEmpat "Lima." Enam'
    tokens = tokenize(text)
    spans = sentences(text, tokens)
    got = [text[tokens[a].start : tokens[b - 1].end] for a, b in spans]
    assert got == ["Satu kalimat.", "Dua kalimat di sini.", "Tiga", 'Empat "Lima."', "Enam"]


def test_sentences_do_not_end_after_a_title_abbreviation():
    text = "Kata Dr. Ahmad kepada wartawan."
    tokens = tokenize(text)
    assert sentences(text, tokens) == [(0, len(tokens))]


# -- features and gazetteer -------------------------------------------------------


def test_shapes():
    assert [shape(w) for w in ["Kim", "KCNA", "10.000", "Jong-un", "iPhone"]] == [
        "Xx",
        "X",
        "d.d",
        "Xx-x",
        "xXx",
    ]


def test_headline_mode_needs_capitals_and_no_lowercase_prose():
    assert headline_mode(toks("Kim Jong Un dan Rusia Tingkatkan Kerja Sama Militer"))
    assert not headline_mode(toks("Kim Jong Un dan Rusia meningkatkan kerja sama militer"))
    assert not headline_mode(toks("Presiden Rusia Vladmir Putin dan pemimpin Korea Utara"))
    assert headline_case(["Rusia", "dan", "kerja", "sama"]) == ["Rusia", "dan", "Kerja", "Sama"]


def test_headline_mode_is_three_long_capitalised_words_and_no_long_lowercase_one():
    import random

    from store.entities.features import HEADLINE_LOWER

    def as_defined(words: list[str]) -> bool:  # the first word is not looked at
        long_words = [w for w in words[1:] if len(w) >= 4 and w.isalpha()]
        lower = [w for w in long_words if w[0].islower() and w not in HEADLINE_LOWER]
        return len(long_words) >= 3 and not lower

    rng = random.Random(4)
    pool = [
        "Kim",
        "dan",
        "Jong",
        "bertemu",
        "Presiden",
        "yang",
        "terhadap",
        "Pyongyang",
        "1990",
        "ABCD",
        "x",
        "Moskow,",
        "kota",
    ]
    for _ in range(3000):
        words = [rng.choice(pool) for _ in range(rng.randint(0, 9))]
        assert headline_mode(words) == as_defined(words), words


def test_headline_features_are_named_apart():
    plain = sentence_features(toks("Kim bertemu pejabat Rusia di sana"))
    head = sentence_features(toks("Kim Bertemu Pejabat Rusia di Sana"))
    assert "sh=Xx" in plain[0] and "T:sh=Xx" in head[0]
    assert "sh=Xx" not in head[0]


def test_the_gazetteer_matches_longest_names_first():
    words = toks("Dewan Keamanan PBB dan Korea Utara serta Medan")
    got = [(" ".join(words[a:b]), f.type, f.ambiguous) for a, b, f in match(words)]
    assert got == [
        ("Dewan Keamanan PBB", "ORG", False),
        ("Korea Utara", "LOC", False),
        ("Medan", "LOC", True),
    ]
    assert "Presiden" in gazetteer().titles


# -- keys --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong-un", "Kim Jong Un"),
        ("Andrei Belousov", "Andrey Belousov"),
        ("Korea JoongAng Daily", "Korea JongAng Daily"),
        ("Soeharto", "Suharto"),
        ("U.S.", "US"),
        ("Desy-Afrianti", "desy afrianti"),
    ],
)
def test_folding_makes_variants_equal(a: str, b: str):
    assert fold(a) == fold(b)


def test_folding_keeps_different_places_apart():
    assert fold("Korea Utara") != fold("Korea Selatan")
    assert fold("Jawa Barat") != fold("Jawa Timur")


def test_near_is_at_most_one_edit():
    assert near("vladmir", "vladimir")
    assert near("moskva", "moskvo")
    assert not near("iran", "irak!!")
    assert not near("korea utara", "korea selatan")


def test_listed_aliases():
    assert alias("AS", "LOC") == "Amerika Serikat"
    assert alias("Republik Rakyat Demokratik Korea", "LOC") == "Korea Utara"
    assert alias("Republik Korea", "LOC") == "Korea Selatan"
    assert alias("Kantor Berita Korea Utara", "ORG") == "KCNA"
    assert alias("Perserikatan Bangsa-Bangsa", "ORG") == "PBB"
    assert alias("Vladmir Putin", "PER") == "Vladimir Putin"
    assert alias("Gambia", "LOC") is None  # one letter from Zambia: no guess


def test_display_tidies_unlisted_names():
    assert display("Desy-Afrianti", "PER") == "Desy Afrianti"
    assert display("Lee Woong-gil", "PER") == "Lee Woong Gil"
    assert display("PYONGYANG", "LOC") == "Pyongyang"
    assert display("UNESCO", "ORG") == "UNESCO"
    assert key_of("Jumat (29/11)", "DATE") == "Jumat (29/11)"


def test_assign_joins_short_forms_acronyms_and_brackets():
    text = "Komisi Pemberantasan Korupsi (KPK) memanggil Budi Santoso. KPK menyebut Budi hadir."
    mentions = []
    for surface, kind in [
        ("Komisi Pemberantasan Korupsi", "ORG"),
        ("KPK", "ORG"),
        ("Budi Santoso", "PER"),
        ("KPK", "ORG"),
        ("Budi", "PER"),
    ]:
        start = text.index(surface, mentions[-1][1] if mentions else 0)
        mentions.append((start, start + len(surface), surface, kind))
    keys = assign(mentions, text)
    assert keys[0] == keys[1] == keys[3]
    assert keys[2] == keys[4] == "Budi Santoso"


def test_assign_picks_the_most_frequent_full_name_for_an_ambiguous_short_form():
    names = ["Kim Jong Un", "Kim Yo Jong", "Kim Jong Un", "Kim"]
    mentions = [(i * 20, i * 20 + len(n), n, "PER") for i, n in enumerate(names)]
    assert assign(mentions)[-1] == "Kim Jong Un"


def test_names_one_letter_apart_are_joined_as_every_pair_was_once_tried() -> None:
    import random

    from store.entities import keys

    def tried_pairwise(groups, idx, mentions, folds) -> None:  # what _join_near did before
        distinct: dict[str, int] = {}
        for i in idx:
            distinct.setdefault(folds[i], i)
        index: dict[str, list[str]] = {}
        for f in distinct:
            if len(f) >= 6:
                for d in keys._deletions(f):
                    index.setdefault(d, []).append(f)
        for f, i in distinct.items():
            if len(f) < 6 or f[0] == "#":
                continue
            for d in keys._deletions(f):
                for g in index.get(d, ()):
                    j = distinct[g]
                    if g != f and mentions[i][3] == mentions[j][3] and keys._fuzzy_ok(f, g):
                        groups.union(i, j)

    rng = random.Random(3)
    for _ in range(300):
        base = ["belousov", "krivoruchko", "pyongyang", "joongang daily", "#hashtag", "seoul"]
        names = []
        for _ in range(rng.randint(1, 12)):
            name = rng.choice(base)
            if rng.random() < 0.6:
                k = rng.randrange(len(name))
                name = rng.choice([name[:k] + name[k + 1 :], name[:k] + "x" + name[k:]])
            names.append(name)
        mentions = [(0, 1, n, rng.choice(["PER", "LOC"])) for n in names]
        idx = list(range(len(mentions)))
        folds = {i: m[2] for i, m in enumerate(mentions)}
        canon = [rng.choice([None, None, "A", "B"]) for _ in mentions]
        ours, theirs = keys._Groups(canon), keys._Groups(canon)
        keys._join_near(ours, idx, mentions, folds)
        tried_pairwise(theirs, idx, mentions, folds)
        assert (ours.parent, ours.canon) == (theirs.parent, theirs.canon)


def test_a_span_of_plain_name_words_is_kept_whole_as_cutting_it_word_by_word_would() -> None:
    import random

    from store.entities import cleanup
    from store.entities.spans import has_alnum, name_word

    def word_by_word(words: list[str], a: int, b: int) -> list[tuple[int, int]]:
        parts, start = [], a
        for k in range(a, b):
            w = words[k]
            if w in "()[]{}" or (w.isalpha() and w.islower() and w not in cleanup._INNER_LOWER):
                parts.append((start, k))
                start = k + 1
        parts.append((start, b))
        out = []
        for s, e in parts:
            while s < e and (not has_alnum(words[s]) or not name_word(words[s])):
                s += 1
            while e > s and (not has_alnum(words[e - 1]) or not name_word(words[e - 1])):
                inner = words[e - 1] in cleanup._INNER_LOWER
                if inner and e - s > 1 and words[e - 1] not in cleanup._LINKS:
                    break
                e -= 1
            if s < e:
                out.append((s, e))
        return out

    rng = random.Random(6)
    pool = ["Kim", "KCNA", "2024", "F-16", "(", ")", "dan", "selatan", "kota", "É", "x1", "."]
    for _ in range(5000):
        words = [rng.choice(pool) for _ in range(rng.randint(1, 6))]
        a = rng.randrange(len(words))
        b = rng.randint(a, len(words))
        assert cleanup._pieces(words, a, b) == word_by_word(words, a, b), (words, a, b)


def test_units_and_the_west_are_found_as_a_look_at_every_word_would() -> None:
    import random

    from store.entities import cleanup, listed
    from store.entities.gazetteer import gazetteer
    from store.entities.spans import covered

    def units_word_by_word(words, spans, headline):  # unit_orgs before: every word looked at
        gaz, n, owner, add, k = gazetteer(), len(words), covered(spans, len(words)), [], 0
        while k < n:
            w = words[k]
            head = w in cleanup.UNIT_HEADS or (
                w == "Pemerintah" and k + 1 < n and words[k + 1] in cleanup._GOVERNMENT_OF
            )
            if not head or headline[k]:
                k += 1
                continue
            j = k + 1
            while j < n and cleanup._unit_word(words[j], owner[j], spans, gaz):
                if words[j] in cleanup.UNIT_HEADS:
                    break
                j = spans[owner[j]][1] if owner[j] != -1 else j + 1
            if j > k + 1:
                add.append((k, j, "ORG"))
            k = j
        add = [
            (s, e, t)
            for s, e, t in add
            if not any(a < e and s < b and not (s <= a and b <= e) for a, b, _ in spans)
        ]
        if not add:
            return spans
        kept = [sp for sp in spans if not any(s <= sp[0] and sp[1] <= e for s, e, _ in add)]
        return sorted(kept + add)

    def west_word_by_word(words, spans, headline, first):  # barat before
        owner, add = covered(spans, len(words)), []
        for k, w in enumerate(words):
            if w != "Barat" or owner[k] != -1 or headline[k]:
                continue
            prev = words[k - 1] if k else ""
            if prev[:1].isupper() and not first[k - 1] and prev.isalpha():
                continue
            add.append((k, k + 1, "LOC"))
        return sorted(spans + add)

    rng = random.Random(8)
    pool = [
        "Polres",
        "Polda",
        "Pemerintah",
        "Kota",
        "Provinsi",
        "Jakarta",
        "Selatan",
        "14",
        "V",
        "dan",
        "Barat",
        "Jawa",
        "Budi",
        "di",
    ]
    for _ in range(3000):
        words = [rng.choice(pool) for _ in range(rng.randint(1, 10))]
        spans, k = [], 0
        while k < len(words):
            size = rng.randint(1, 3)
            if rng.random() < 0.3:
                spans.append((k, min(k + size, len(words)), rng.choice(["LOC", "PER", "ORG"])))
            k += size
        headline = [rng.random() < 0.1 for _ in words]
        first = [rng.random() < 0.2 for _ in words]
        assert cleanup.unit_orgs(words, spans, headline) == units_word_by_word(
            words, spans, headline
        )
        assert listed.barat(words, spans, headline, first) == west_word_by_word(
            words, spans, headline, first
        )


# -- CoNLL -------------------------------------------------------------------------


def test_conll_reader_takes_the_last_column_and_tolerates_crlf(tmp_path: Path):
    path = tmp_path / "data.txt"
    path.write_bytes(
        b"\xef\xbb\xbf-DOCSTART- O\r\n\r\nKim PROPN B-PER\r\nJong PROPN I-PER\r\n"
        b"tiba VERB O\r\n\r\n\r\nDi\tO\nMoskwa\tB-LOC\n"
    )
    assert conll.read(path) == [
        [("Kim", "B-PER"), ("Jong", "I-PER"), ("tiba", "O")],
        [("Di", "O"), ("Moskwa", "B-LOC")],
    ]
    assert conll.read(path, tagged=False)[1] == [("Di", ""), ("Moskwa", "")]


def test_conll_reader_gives_o_to_untagged_lines_and_ignores_trailing_blanks():
    lines = ["Kim", "Jong", "", "", "Rusia B-LOC", ""]
    assert list(conll.parse(lines)) == [[("Kim", "O"), ("Jong", "O")], [("Rusia", "B-LOC")]]


def test_spans_follow_conlleval():
    tags = ["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG", "O", "B-PER"]
    assert conll.spans(tags) == [
        (0, 2, "PER"),
        (3, 5, "LOC"),
        (5, 6, "LOC"),
        (6, 7, "ORG"),
        (8, 9, "PER"),
    ]
    assert conll.spans([]) == []


def test_spans_read_every_tag_sequence_as_a_tag_at_a_time_would() -> None:
    import random

    def tag_at_a_time(tags: list[str]) -> list[tuple[int, int, str]]:  # the conlleval reading
        out, begin, kind = [], -1, ""
        for i, tag in enumerate([*tags, "O"]):
            prefix, _, label = tag.partition("-")
            starts = prefix == "B" or (prefix == "I" and label != kind)
            if kind and (prefix not in ("B", "I") or starts):
                out.append((begin, i, kind))
                kind = ""
            if prefix in ("B", "I") and starts:
                begin, kind = i, label
        return out

    rng = random.Random(2)
    pool = ["O"] * 6 + ["B-PER", "I-PER", "B-LOC", "I-LOC", "I-ORG", "X", "B-", "I", "E-PER"]
    for _ in range(5000):
        tags = [rng.choice(pool) for _ in range(rng.randint(0, 12))]
        assert conll.spans(tags) == tag_at_a_time(tags), tags


def test_bio_round_trip_and_relabel():
    spans = [(0, 2, "PER"), (3, 4, "LOC")]
    tags = conll.to_bio(5, spans)
    assert tags == ["B-PER", "I-PER", "O", "B-LOC", "O"]
    assert conll.spans(tags) == spans
    assert conll.relabel(
        ["B-PERSON", "I-PERSON", "B-PLACE", "O"], {"PERSON": "PER", "PLACE": ""}
    ) == [
        "B-PER",
        "I-PER",
        "O",
        "O",
    ]


def test_tagged_output_format():
    out = conll.format_tagged([[("Kim", "B-PER"), ("tiba", "O")], [("Ya", "O")]])
    assert out == "Kim\tB-PER\ntiba\tO\n\nYa\tO\n\n"


def test_training_sentences_are_retokenised_and_brackets_split():
    sentence = [("Bursa", "B-ORG"), ("Efek", "I-ORG"), ("Indonesia", "I-ORG"), ("(BEI)", "I-ORG")]
    words, tags = retokenize([*sentence, ("tutup", "O")])
    assert words == ["Bursa", "Efek", "Indonesia", "(", "BEI", ")", "tutup"]
    assert tags == ["B-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "O", "O"]


# -- scores ------------------------------------------------------------------------


def test_scores_count_exact_span_and_type():
    scores = Scores()
    gold = [("d", 0, 3, "PER"), ("d", 5, 9, "LOC"), ("d", 10, 12, "ORG")]
    pred = [("d", 0, 3, "PER"), ("d", 5, 8, "LOC"), ("d", 10, 12, "LOC")]
    scores.add(gold, pred)
    assert scores.row("PER")[:3] == (1.0, 1.0, 1.0)
    p, r, _, g, n = scores.row(None)
    assert (round(p, 3), round(r, 3), g, n) == (0.333, 0.333, 3, 3)
    assert scores.table()[0].split() == ["type", "prec", "rec", "F1", "gold", "pred"]


def test_key_grouping_compares_the_groups_not_the_names():
    gold = [(1, "Kim Jong Un"), (2, "Kim Jong Un"), (3, "Korea Utara"), (4, "Korea Selatan")]
    pred = [(1, "KJU"), (2, "KJU"), (3, "Korea"), (4, "Korea")]
    assert key_grouping(gold, pred) == (2, 4)


def test_a_text_tokenizes_alike_the_first_time_and_once_its_words_are_remembered():
    from store.entities import tokens

    text = (
        "WIBPYONGYANG - Korea's envoy, Rusia-Ukraina and Timor-Leste: 2024JAKARTA "
        "ini.Washington Kim Jong-un (29/11) Rp10.000 Korea's Rusia-Ukraina WIBPYONGYANG\n"
        + " ".join(p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt")))
    )
    tokens._plain.clear()
    first = tokenize(text)
    assert tokens._plain  # the plain words are remembered...
    assert tokenize(text) == first  # ...and give the same tokens again
    assert [t.text for t in first[3:5]] == ["Korea", "'s"]
    assert all(text[t.start : t.end] == t.text for t in first)

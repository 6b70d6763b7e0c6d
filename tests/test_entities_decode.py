"""The recogniser's CRF tagging over arrays gives crfsuite's own tags.

``crf.tag_many``'s arrays (``store.entities.decode``: the model file read as arrays,
features as attribute ids) must tag every sentence exactly as ``crf.tag``
(crfsuite itself) does: the seed articles, a generated corpus, and
sentences Hypothesis makes from names, headline words, digits and odd
characters.
"""

from __future__ import annotations

import random
from pathlib import Path

import pycrfsuite
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from store.entities import crf, decode
from store.entities.decode import ModelUnreadable, read_weights
from store.entities.recognise import prose_only
from store.entities.tokens import sentences, tokenize
from store.news.readers import read_file
from tests.benchcorpus import SEEDS, write_corpus


def sentences_of(text: str) -> list[list[str]]:
    tokens = tokenize(text)
    words = [t.text for t in tokens]
    return [words[a:b] for a, b in sentences(text, tokens)]


def array_tags(sents: list[list[str]]) -> list[list[str]]:
    """The tags of ``decode`` itself (``tag_many`` leaves a few tokens to crfsuite)."""
    return decode.decoder(crf.MODEL_PATH).tag(sents)


def crfsuite_tags(sents: list[list[str]]) -> list[list[str]]:
    return [crf.tag(words) for words in sents]


def test_the_seed_articles_are_tagged_as_crfsuite_tags_them():
    texts = [path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    assert len(texts) == 5
    for text in texts:
        sents = sentences_of(text)
        assert array_tags(sents) == crfsuite_tags(sents)


def test_a_generated_corpus_is_tagged_as_crfsuite_tags_it(tmp_path: Path):
    names = 0
    for path in write_corpus(tmp_path, 30, random.Random(3), words=400):
        for article in read_file(path)[0]:
            sents = sentences_of(prose_only(article))
            expected = crfsuite_tags(sents)
            assert array_tags(sents) == expected
            names += sum(tag != "O" for tags in expected for tag in tags)
    assert names > 100  # the texts are full of names, not a corpus of "O"


def test_sentences_of_every_length_searched_in_groups_give_the_same_tags(monkeypatch):
    text = " ".join(path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))[:2])
    sents = [*sentences_of(text), ["Kim"], ["Joko", "Widodo"], []]
    expected = crfsuite_tags(sents)
    monkeypatch.setattr(decode, "STEP_BUDGET", 16)  # most sentences go in groups of one or two
    assert array_tags(sents) == expected
    assert array_tags([]) == []
    assert array_tags([[], []]) == [[], []]


WORDS_TEXT = (
    "Kim Jong-un Prabowo Subianto Joko Widodo Korea Utara Selatan Rusia Jakarta Bandung "
    "Kementerian Pertahanan Presiden Menteri Dr. PT Bank Indonesia KCNA AFP Kompas.com "
    "di ke dari yang untuk dan pada kata bertemu pejabat tentara rudal Jumat 29/11 10.000 "
    "PYONGYANG JAKARTA WIB Rp10.000 F-16 isu-isu Rusia-Ukraina the of U.S. ( ) “ ” , . : | "
    "Kota Solo Provinsi Lampung pulau flores Sragen Jawa a|b x|| Ma'ruf ÉCOLE naïve"
)
WORDS = WORDS_TEXT.split()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.sampled_from(WORDS),
                st.text(alphabet="aAkKmM-'|.1", min_size=1, max_size=6),
            ),
            min_size=1,
            max_size=40,
        ),
        max_size=8,
    ),
    st.booleans(),
)
@example([["Kementerian", "Pertahanan", "Korea", "Utara", "di", "Pyongyang"]], True)
@example([["a|b", "x||", "|", "a|b"], ["x"]], False)
@example(
    [["Kota", "Solo"], ["Provinsi", "Lampung"], ["dan", "pulau", "flores", "di", "sana"]], False
)
def test_any_sentences_are_tagged_as_crfsuite_tags_them(sents: list[list[str]], title: bool):
    if title:  # a headline: every case feature under another name
        sents = [[w[:1].upper() + w[1:] for w in words] for words in sents]
    assert array_tags(sents) == crfsuite_tags(sents)


def test_the_model_read_as_arrays_holds_crfsuite_labels_and_attributes():
    weights = read_weights(crf.MODEL_PATH)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(crf.MODEL_PATH))
    assert weights.labels == tagger.labels()
    assert "bias" in weights.attributes
    assert weights.state.shape == (len(weights.attributes) + 1, len(weights.labels))
    assert not weights.state[-1].any()  # the padding row adds nothing
    assert weights.transitions.any()


def test_a_file_that_is_no_model_is_refused(tmp_path: Path):
    path = tmp_path / "model.crfsuite"
    path.write_bytes(b"not a model at all, just some bytes" * 4)
    with pytest.raises(ModelUnreadable):
        read_weights(path)
    path.write_bytes(crf.MODEL_PATH.read_bytes()[:200])
    with pytest.raises(ModelUnreadable):
        read_weights(path)


def test_an_article_and_a_few_words_are_tagged_alike_whichever_way_they_go():
    text = sorted(SEEDS.glob("*.txt"))[0].read_text("utf-8")
    sents = sentences_of(text)
    assert sum(map(len, sents)) >= crf.ARRAYS_FROM  # an article goes through the arrays
    assert crf.tag_many(sents) == crfsuite_tags(sents)
    assert crf.tag_many(sents[:1]) == crfsuite_tags(sents[:1])  # a few words, through crfsuite

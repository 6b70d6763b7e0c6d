"""A claim stays on its sentence when the article is scraped again with edits.

The seed articles are edited the way a re-scrape edits them (words added
before the claim, a sentence dropped elsewhere, the claim's paragraph moved
to the end, the claim's sentence reworded or deleted), parsed again like the
original file, and every claim tagged on the original is placed in the new
text. Whatever happens, a placed selector points at exactly its ``exact``
text, with the context that text really has.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from store.annotations.anchoring import MIN_SCORE, Placement, place
from store.annotations.annotation import Annotation, Selector
from store.annotations.store import AnnotationStore
from store.news.article import Article
from store.news.newsparse import parse_news_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@dataclass(frozen=True)
class Case:
    """A seed article, a claim in it, and the edits a re-scrape makes around it."""

    seed: str
    claim: str
    """A whole sentence of the seed, tagged as a claim."""
    reworded: str
    """The same sentence as an editor rewrote it."""
    added: tuple[str, str]
    """A passage before the claim and the same passage with words added."""
    removed: str
    """A passage before the claim that the new version drops."""

    @property
    def raw(self) -> str:
        return next(SEEDS.glob(f"{self.seed}_*.txt")).read_text(encoding="utf-8")


CASES = [
    Case(
        "000",
        "Para analis menilai bahwa langkah Korea Utara mengirim lebih dari 10.000 tentara untuk "
        "mendukung Rusia dalam konflik Ukraina menunjukkan niat Pyongyang untuk mempererat "
        "hubungan strategis dengan Moskwa.",
        "Para analis menilai bahwa keputusan Korea Utara mengirim lebih dari 10.000 tentara guna "
        "mendukung Rusia dalam konflik Ukraina menunjukkan niat Pyongyang mempererat hubungan "
        "strategis dengan Moskwa.",
        (
            "Pertemuan ini menghasilkan kesepakatan",
            "Pertemuan penting yang berlangsung tertutup ini menghasilkan kesepakatan",
        ),
        " Informasi tersebut disampaikan oleh media pemerintah Korea Utara, KCNA, pada Sabtu "
        "(30/11).",
    ),
    Case(
        "001",
        "Korea Utara sendiri dituduh memberikan pasokan amunisi dari artileri bagi Rusia untuk "
        "digunakan di perang Ukraina.",
        "Korea Utara sendiri dituduh telah memberikan pasokan amunisi artileri kepada Rusia untuk "
        "digunakan di perang Ukraina.",
        (
            "Pertemuan tersebut diungkapkan oleh Kantor Berita Korea Utara",
            "Pertemuan tersebut baru diungkapkan sehari kemudian oleh Kantor Berita Korea Utara",
        ),
        "Pada pertemuan itu, Kim Jong-un mendiskusikan pentingnya dan perlunya kerja sama militer "
        "antara Korea Utara dan Rusia.\n",
    ),
    Case(
        "002",
        "Pertemuan tingkat tinggi Menteri Pertahanan Rusia dan Kim terjadi setelah Amerika "
        "Serikat (AS) dan sekutunya mengkritik Pyongyang karena mengirim hampir 12.000 tentara "
        "ke Rusia untuk pelatihan dan kemungkinan penempatan dalam konflik Ukraina.",
        "Pertemuan tingkat tinggi Menteri Pertahanan Rusia dan Kim terjadi sesudah Amerika "
        "Serikat (AS) dan para sekutunya mengkritik Pyongyang karena mengirim hampir 12.000 "
        "tentara ke Rusia untuk pelatihan dan kemungkinan ditempatkan dalam konflik Ukraina.",
        (
            "oleh media pemerintah Pyongyang, KCNA.",
            "oleh media pemerintah Pyongyang, KCNA, dalam siaran paginya.",
        ),
        "Tak hanya itu, pertemuan tersebut kabarnya akan fokus pada implementasi kesepakatan "
        "strategis yang dicapai antara Moskow dan Pyongyang.\n",
    ),
    Case(
        "003",
        "Setelah pertemuan tersebut, Korea Utara dilaporkan mengirim lebih dari 10.000 kontainer "
        "amunisi, howitzer swa-gerak, dan peluncur roket ganda ke Rusia, menurut badan intelijen "
        "Korea Selatan.",
        "Sesudah pertemuan itu, Korea Utara dilaporkan telah mengirim lebih dari 10.000 kontainer "
        "amunisi, howitzer swa-gerak, serta peluncur roket ganda ke Rusia, menurut badan "
        "intelijen Korea Selatan.",
        (
            "Dalam pertemuannya dengan Menteri Pertahanan Rusia",
            "Dalam pertemuannya yang berlangsung hangat dengan Menteri Pertahanan Rusia",
        ),
        "“Pemerintah, tentara, dan rakyat DPRK akan dengan teguh mendukung upaya Federasi Rusia "
        "untuk melindungi kedaulatan dan integritas teritorialnya dari langkah-langkah hegemoni "
        "para imperialis,” ujar Kim seperti dikutip KCNA.\n\n",
    ),
    Case(
        "004",
        "Putin mencatat bahwa AS dan negara-negara NATO lainnya mengumumkan pengiriman sistem "
        "senjata jarak jauh berpresisi tinggi, pesawat F-16 dan senjata berteknologi tinggi "
        "lainnya, peralatan ke Ukraina untuk serangan di wilayah Rusia.",
        "Putin mencatat bahwa AS dan negara-negara NATO yang lain telah mengumumkan pengiriman "
        "sistem senjata jarak jauh berpresisi tinggi, pesawat F-16 dan senjata berteknologi "
        "tinggi lainnya ke Ukraina untuk serangan di wilayah Rusia.",
        (
            "Rusia dan Korea Utara merupakan dua negara",
            "Rusia dan Korea Utara sejak lama merupakan dua negara",
        ),
        " Bahkan, dalam perjanjian pertahanan terbaru, kedua negara merupakan sekutu dekat yang "
        "akan saling melindungi jika terjadi agresi militer.",
    ),
]
IDS = [case.seed for case in CASES]


def parse(raw: str, seed: str) -> Article:
    return parse_news_text(raw, source=f"{seed}.txt")


def replaced(raw: str, old: str, new: str) -> str:
    assert raw.count(old) == 1, f"{old!r} is not once in the text"
    return raw.replace(old, new)


def paragraph_moved_to_the_end(raw: str, sentence: str) -> str:
    """The text with the paragraph (line) holding ``sentence`` moved to the end."""
    lines = raw.split("\n")
    (at,) = [i for i, line in enumerate(lines) if sentence in line]
    paragraph = lines.pop(at)
    separator = "\n\n" if "\n\n" in raw else "\n"
    if separator == "\n\n":
        del lines[at]  # the blank line after it
    return "\n".join(lines).rstrip("\n") + separator + paragraph + "\n"


def sentence_deleted(raw: str, sentence: str) -> str:
    """The text without ``sentence`` (and without its paragraph if that was all of it)."""
    for line in raw.split("\n"):
        if line.strip() == sentence:
            separator = "\n\n" if "\n\n" in raw else "\n"
            return replaced(raw, line + separator, "")
    return (
        replaced(raw, " " + sentence, "") if " " + sentence in raw else replaced(raw, sentence, "")
    )


def tag(article: Article, quote: str, occurrence: int = 0) -> Selector:
    """The selector of the ``occurrence``-th (0-based) appearance of ``quote``."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.body.index(quote, start + 1)
    return Selector.from_body(article.body, start, start + len(quote))


def assert_points_at_its_text(selector: Selector, body: str) -> None:
    """Offsets, quote and context agree with the text they were placed in."""
    assert 0 <= selector.start < selector.end <= len(body)
    assert body[selector.start : selector.end] == selector.exact
    assert selector == Selector.from_body(body, selector.start, selector.end)


def placed(selector: Selector, new: Article) -> Placement:
    placement = place(selector, new.body)
    if placement.selector is not None:
        assert_points_at_its_text(placement.selector, new.body)
    return placement


@pytest.fixture(params=CASES, ids=IDS)
def case(request) -> Case:
    return request.param


def test_the_cases_are_made_of_the_seeds_own_sentences(case):
    original = parse(case.raw, case.seed)
    assert original.body.count(case.claim) == 1
    assert case.raw.count(case.added[0]) == 1 and case.raw.count(case.removed) == 1
    assert case.raw.index(case.added[0]) < case.raw.index(case.claim)
    assert case.raw.index(case.removed) < case.raw.index(case.claim)


def test_an_unchanged_text_keeps_the_claim_where_it_was(case):
    original = parse(case.raw, case.seed)
    selector = tag(original, case.claim)
    placement = placed(selector, parse(case.raw, case.seed))
    assert placement == Placement(selector, 1.0, "position")


def test_words_added_before_the_claim_shift_it_and_the_quote_is_found(case):
    original = parse(case.raw, case.seed)
    selector = tag(original, case.claim)
    new = parse(replaced(case.raw, *case.added), case.seed)

    placement = placed(selector, new)

    assert placement.how == "quote"
    assert placement.selector.exact == case.claim
    shift = len(case.added[1]) - len(case.added[0])
    assert placement.selector.start == selector.start + shift == new.body.index(case.claim)
    assert placement.score >= 0.9


def test_words_removed_elsewhere_shift_it_back_and_the_quote_is_found(case):
    original = parse(case.raw, case.seed)
    selector = tag(original, case.claim)
    new = parse(replaced(case.raw, case.removed, ""), case.seed)

    placement = placed(selector, new)

    assert placement.how == "quote"
    assert placement.selector.exact == case.claim
    assert placement.selector.start == new.body.index(case.claim) < selector.start
    assert placement.selector.prefix == selector.prefix  # the sentence before is still there


def test_the_claims_paragraph_moved_to_the_end_is_followed(case):
    original = parse(case.raw, case.seed)
    selector = tag(original, case.claim)
    new = parse(paragraph_moved_to_the_end(case.raw, case.claim), case.seed)
    assert new.body.rstrip().endswith(case.claim) or new.body.index(case.claim) > len(new.body) / 2

    placement = placed(selector, new)

    assert placement.how == "quote"
    assert placement.selector.exact == case.claim
    assert placement.selector.start == new.body.index(case.claim)


def test_the_claims_sentence_reworded_is_found_by_a_fuzzy_match(case):
    original = parse(case.raw, case.seed)
    selector = tag(original, case.claim)
    new = parse(replaced(case.raw, case.claim, case.reworded), case.seed)

    placement = placed(selector, new)

    assert placement.how == "fuzzy"
    assert MIN_SCORE <= placement.score < 1.0
    assert placement.selector.exact == case.reworded
    assert placement.selector.start == new.body.index(case.reworded)


def test_the_claims_sentence_deleted_leaves_the_claim_orphaned(case):
    original = parse(case.raw, case.seed)
    selector = tag(original, case.claim)
    new = parse(sentence_deleted(case.raw, case.claim), case.seed)
    assert case.claim not in new.body

    placement = placed(selector, new)

    assert placement.how == "orphaned"
    assert placement.selector is None
    assert placement.score < MIN_SCORE


# The LOGIC.co.id seed says "lebih dari 10.000" twice: of containers, then of troops.
TWICE = "lebih dari 10.000"
BEFORE_BOTH = "Hubungan kedua negara telah berkembang pesat"
INSERTED = (
    "Menurut sejumlah pengamat, hubungan itu kini menjadi yang paling erat dalam beberapa dekade "
    "terakhir, dan para diplomat di Seoul maupun Tokyo mengikutinya dengan cermat setiap hari. "
)


def twice_shifted(raw: str, occurrence: int) -> str:
    """The text shifted so that the old offset of ``occurrence`` is nearer the other one."""
    if occurrence == 1:
        return replaced(raw, BEFORE_BOTH, INSERTED + BEFORE_BOTH)
    return replaced(raw, CASES[3].removed, "")


@pytest.mark.parametrize(
    ("occurrence", "followed_by"), [(0, " kontainer amunisi"), (1, " tentara Korea Utara")]
)
def test_a_quote_found_twice_goes_where_its_context_is(occurrence, followed_by):
    raw = CASES[3].raw
    original = parse(raw, "003")
    assert original.body.count(TWICE) == 2
    selector = tag(original, TWICE, occurrence)
    new = parse(twice_shifted(raw, occurrence), "003")
    hits = [i for i in range(len(new.body)) if new.body.startswith(TWICE, i)]
    right, wrong = hits[occurrence], hits[1 - occurrence]
    assert abs(wrong - selector.start) < abs(right - selector.start)

    placement = placed(selector, new)

    assert placement.how == "quote"
    assert placement.selector.start == right
    assert new.body[placement.selector.end :].startswith(followed_by)


def test_a_claim_on_part_of_a_sentence_follows_a_small_rewording():
    raw = CASES[2].raw
    original = parse(raw, "002")
    selector = tag(original, "hampir 12.000 tentara")
    new = parse(replaced(raw, "hampir 12.000 tentara ke", "hampir 12 ribu tentara ke"), "002")

    placement = placed(selector, new)

    assert placement.how == "fuzzy"
    assert placement.selector.exact == "hampir 12 ribu tentara"


# -- through the store ----------------------------------------------------------------


def same_article(new: Article, old: Article) -> Article:
    """``new`` under ``old``'s id.

    An article's id is its title's slug plus a hash of its body, so a re-scrape
    with edits gets another id; these tests give it the old one to exercise
    re-anchoring in the store (see the report on article identity).
    """
    new._id = old.id
    assert new.sha256 != old.sha256
    return new


@pytest.fixture
def data_dir(isolated_home: Path) -> Path:
    return isolated_home / "data"


def claim_on(article: Article, quote: str, **fields) -> Annotation:
    return Annotation(article.id, "claim", tag(article, quote), article.sha256, "rina", **fields)


AID = CASES[3]
TROOPS = (
    "Meski KCNA tidak mengonfirmasi apakah Kim dan Belousov membahas pengiriman pasukan Korea "
    "Utara ke Rusia, intelijen Korea Selatan melaporkan bahwa lebih dari 10.000 tentara Korea "
    "Utara telah ditempatkan di Rusia, termasuk di wilayah Kursk, di mana pasukan Rusia sedang "
    "berjuang melawan tentara Ukraina."
)
RIGHT = (
    "Ia menegaskan bahwa Rusia berhak mengambil tindakan untuk memastikan bahwa “kekuatan musuh "
    "membayar harga atas tindakan mereka.”"
)


@pytest.fixture
def reopened(data_dir: Path):
    """The LOGIC.co.id article annotated, then scraped again with three kinds of edits."""
    original = parse(AID.raw, "003")
    store = AnnotationStore(data_dir)
    saved = {
        "moved": store.save(claim_on(original, TROOPS, status="true", speaker="intelijen")),
        "reworded": store.save(claim_on(original, AID.claim, status="checking")),
        "deleted": store.save(claim_on(original, RIGHT, claim_type="quote", speaker="Kim")),
        "note": store.save(Annotation(original.id, "note", None, original.sha256, "rina")),
    }
    edited = replaced(AID.raw, *AID.added)
    edited = replaced(edited, AID.claim, AID.reworded)
    edited = replaced(edited, " " + RIGHT, "")
    new = same_article(parse(edited, "003"), original)
    return store, original, new, saved


def test_reopening_an_edited_article_places_every_annotation_again(reopened, data_dir):
    store, original, new, saved = reopened

    result = {a.id: a for a in store.anchored(new)}

    assert set(result) == {a.id for a in saved.values()}
    moved = result[saved["moved"].id]
    assert moved.selector.exact == TROOPS and moved.sha256 == new.sha256
    assert moved.selector.start == new.body.index(TROOPS) != saved["moved"].selector.start
    assert moved.status == "true" and moved.speaker == "intelijen" and not moved.orphaned
    reworded = result[saved["reworded"].id]
    assert reworded.selector.exact == AID.reworded and reworded.sha256 == new.sha256
    assert reworded.status == "checking" and not reworded.orphaned
    orphan = result[saved["deleted"].id]
    assert orphan.orphaned is True
    assert orphan.selector == saved["deleted"].selector  # kept as it was, to be found again
    assert orphan.sha256 == original.sha256
    assert orphan.claim_type == "quote" and orphan.speaker == "Kim"
    assert result[saved["note"].id] == saved["note"]
    for annotation in result.values():
        if annotation.selector is not None and not annotation.orphaned:
            assert_points_at_its_text(annotation.selector, new.body)
    # What was placed again is saved so: another sorot reads the same.
    assert {a.id: a for a in AnnotationStore(data_dir).annotations(new.id)} == result


def test_the_orphan_is_placed_again_when_the_original_text_comes_back(reopened, data_dir):
    store, original, new, saved = reopened
    store.anchored(new)

    back = {a.id: a for a in AnnotationStore(data_dir).anchored(original)}

    assert len(back) == 4
    for key in ("moved", "reworded", "deleted"):
        annotation = back[saved[key].id]
        assert annotation.orphaned is False
        assert annotation.sha256 == original.sha256
        assert_points_at_its_text(annotation.selector, original.body)
    assert back[saved["deleted"].id].selector == saved["deleted"].selector
    assert back[saved["moved"].id].selector == saved["moved"].selector
    assert back[saved["reworded"].id].selector.exact == AID.claim
    assert {a.id: a for a in AnnotationStore(data_dir).annotations(original.id)} == back


def test_anchoring_what_is_already_in_place_writes_nothing(reopened):
    store, original, new, _ = reopened
    path = store.path_for(original.id)
    untouched = path.read_bytes()
    assert store.anchored(original) == store.annotations(original.id)
    assert path.read_bytes() == untouched

    store.anchored(new)
    placed_once = path.read_bytes()
    store.anchored(new)  # the orphan stays orphaned: nothing new to save
    assert path.read_bytes() == placed_once


def test_reanchoring_does_not_undo_an_edit_another_sorot_made_meanwhile(
    reopened, data_dir, monkeypatch
):
    # Two sorot processes: this one opens the re-scraped article and reads its
    # claims; before it places them again, a colleague marks one claim false.
    # The re-anchoring must not put the old status back.
    store, original, new, saved = reopened
    colleague = AnnotationStore(data_dir)
    real_annotations = store.annotations
    edited = []

    def read_then_a_colleague_edits(article_id):
        found = real_annotations(article_id)
        if not edited:
            current = colleague.get(original.id, saved["moved"].id)
            edited.append(colleague.save(current.edited(status="false", note="budi: keliru")))
        return found

    monkeypatch.setattr(store, "annotations", read_then_a_colleague_edits)
    store.anchored(new)

    final = AnnotationStore(data_dir).get(original.id, saved["moved"].id)
    assert final.selector.exact == TROOPS and final.sha256 == new.sha256
    assert (final.status, final.note) == ("false", "budi: keliru")


def test_the_sha256_of_an_article_is_the_hash_of_its_body():
    original = parse(AID.raw, "003")
    assert original.sha256 == hashlib.sha256(original.body.encode("utf-8")).hexdigest()


def test_a_rescraped_article_with_a_new_id_takes_its_annotations_along(data_dir):
    # The file was scraped again with an edit: same source, new text, so a new id.
    original = parse(AID.raw, "003")
    store = AnnotationStore(data_dir)
    kept = store.save(claim_on(original, TROOPS, status="true"), original)
    rescraped = parse(replaced(AID.raw, *AID.added), "003")
    assert rescraped.id != original.id

    placed_now = store.anchored(rescraped)

    assert [a.id for a in placed_now] == [kept.id]
    moved = placed_now[0]
    assert moved.article_id == rescraped.id and moved.sha256 == rescraped.sha256
    assert_points_at_its_text(moved.selector, rescraped.body)
    assert store.annotations(original.id) == []


def test_another_article_with_the_same_title_keeps_its_own_annotations(data_dir):
    original = parse(AID.raw, "003")
    store = AnnotationStore(data_dir)
    store.save(claim_on(original, TROOPS), original)
    # Same headline, other outlet's file: not an earlier version of it.
    other = parse_news_text(replaced(AID.raw, *AID.added), source="elsewhere/003.txt")

    assert store.anchored(other) == []
    assert len(store.annotations(original.id)) == 1


def test_a_version_still_in_the_corpus_is_not_taken_over(data_dir):
    original = parse(AID.raw, "003")
    store = AnnotationStore(data_dir)
    store.save(claim_on(original, TROOPS), original)
    rescraped = parse(replaced(AID.raw, *AID.added), "003")

    assert store.anchored(rescraped, known_ids={original.id, rescraped.id}) == []
    assert len(store.annotations(original.id)) == 1

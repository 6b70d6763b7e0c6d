"""A synthetic corpus for the benchmark, made from the seeds' own sentences.

Every article is raw scraped text in one of the seeds' styles (a Kompas-style
header line glued to its lead, a ``BaperaNews -`` lead with summary and
caption, an ``Outlet –`` lead with subheadings, a wire ``JAKARTA (ANTARA) -``
lead), with paragraphs of seed sentences shuffled and varied: people,
places, numbers and dates are replaced at random, so no two articles are the
same. Deterministic for a given ``random.Random``.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from store.news.article import Article
from store.news.loading import load_paths
from store.news.textunits import TextUnits

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _names(text: str) -> list[str]:
    return text.split("|")


MONTHS = _names(
    "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
)
PEOPLE = _names(
    "Joko Widodo|Prabowo Subianto|Retno Marsudi|Sri Mulyani|Anies Baswedan|Ganjar Pranowo|"
    "Budi Gunadi Sadikin|Siti Nurbaya|Kim Jong Un|Kim Yo Jong|Yoon Suk Yeol|Fumio Kishida|"
    "Xi Jinping|Sergei Lavrov|Antony Blinken|Volodymyr Zelensky|Emmanuel Macron|Olaf Scholz|"
    "Anwar Ibrahim|Ferdinand Marcos Jr|Dewi Lestari|Andi Pratama|Rina Wulandari|Hendra Gunawan"
)
PLACES = _names(
    "Jakarta|Surabaya|Bandung|Medan|Makassar|Denpasar|Yogyakarta|Tokyo|Beijing|Kyiv|Hanoi|"
    "Manila|Canberra|Bangkok|Kuala Lumpur|Singapura|Brussel|Jenewa|Den Haag|Teheran|Kairo|"
    "Ankara|Seoul|Pyongyang|Moskow|Washington"
)
OUTLETS = ("LOGIC.co.id", "geosurvey.co.id", "BaperaNews", "Warta.id", "BeritaSatu.net")
WIRES = ("ANTARA", "Reuters", "AFP", "AP")
SECTIONS = ("dunia", "nasional", "ekonomi", "politik", "internasional")
_SEED_PEOPLE = re.compile(
    r"Kim Jong[ -][Uu]n|Andre[iy] Belousov|Vladi?mir Putin|Aleksey Krivoruchko|Hong Min|"
    r"Lee Woong-gil|Joe Biden|No Kwang Chol|Donald Trump|Belousov|Krivoruchko|Putin"
)
_SEED_PLACES = re.compile(r"\b(?:Pyongyang|Moskow|Moskwa|Seoul|Washington|Kursk|Florida)\b")
_NUMBERS = re.compile(
    r"(?P<date>\b\d{1,2}/\d{1,2}(?:/\d{4})?\b)|(?P<big>\b\d{1,3}(?:\.\d{3})+\b)"
    r"|(?P<year>\b(?:19|20)\d{2}\b)|(?P<small>\b\d{1,2}\b)"
)


class Pool:
    """Sentences, headings and titles of the seeds, and a way to vary them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.sentences: list[str] = []
        self.headings: list[str] = []
        self.titles: list[str] = []
        for article in load_paths([SEEDS]).articles:
            self.titles.append(article.title.rstrip("…"))
            units = TextUnits(article.body)
            for seg in article.segments:
                text = article.body[seg.start : seg.end]
                if seg.kind == "heading":
                    self.headings.append(text.lstrip("0123456789. "))
                elif seg.kind == "related":
                    self.titles.append(text.split(":", 1)[1].strip(" \xa0"))
                elif seg.kind in ("paragraph", "summary"):
                    self.sentences.extend(
                        article.body[s:e]
                        for s, e in units.sentences
                        if seg.start <= s < seg.end and e - s > 25
                    )

    def vary(self, text: str) -> str:
        """``text`` with some people, places, numbers and dates replaced at random."""
        rng = self.rng

        def person(m: re.Match[str]) -> str:
            return rng.choice(PEOPLE) if rng.random() < 0.6 else m.group()

        def place(m: re.Match[str]) -> str:
            return rng.choice(PLACES) if rng.random() < 0.6 else m.group()

        def number(m: re.Match[str]) -> str:
            if m.group("date"):
                year = f"/{rng.randint(2019, 2025)}" if m.group().count("/") == 2 else ""
                return f"{rng.randint(1, 28)}/{rng.randint(1, 12)}{year}"
            if m.group("big"):
                return f"{rng.randint(1, 99) * 1000:,}".replace(",", ".")
            if m.group("year"):
                return str(rng.randint(2015, 2025))
            return str(rng.randint(1, 99))

        text = _SEED_PEOPLE.sub(person, text)
        text = _SEED_PLACES.sub(place, text)
        return _NUMBERS.sub(number, text)

    def title(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            title = self.vary(rng.choice(self.titles))
        else:  # a headline made of the start of a sentence
            words = self.vary(rng.choice(self.sentences)).split()[: rng.randint(6, 12)]
            title = " ".join(w[:1].upper() + w[1:] if len(w) > 3 else w for w in words)
            title = title.strip(".,;:!?\"'“”")
        if self.rng.random() < 0.5:
            title += f" di {self.rng.choice(PLACES)}"
        return title

    def paragraphs(self, words: int) -> list[str]:
        """Paragraphs of one to three varied sentences, ``words`` words in all."""
        out: list[str] = []
        count = 0
        while count < words:
            para = " ".join(
                self.vary(self.rng.choice(self.sentences)) for _ in range(self.rng.randint(1, 3))
            )
            out.append(para)
            count += len(para.split())
        return out

    def related(self) -> str:
        gap = self.rng.choice((" ", " ", "  ", "\xa0 "))
        return f"Baca Juga:{gap}{self.title()}"


def _datetime(rng: random.Random) -> tuple[int, int, int, str]:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2019, 2025)
    return day, month, year, f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"


def article_text(pool: Pool, words: int, style: int | None = None) -> str:
    """One article in a seed's raw style (``style`` 0-3, random if None), ``words`` long."""
    rng = pool.rng
    title = pool.title()
    paras = pool.paragraphs(words)
    for _ in range(rng.randint(1, max(1, len(paras) // 8))):
        paras.insert(rng.randint(2, len(paras)), pool.related())
    day, month, year, hour = _datetime(rng)
    place = rng.choice(PLACES).upper()
    style = rng.randrange(4) if style is None else style
    if style == 0:  # Kompas: header glued to the lead, one line a paragraph
        lead = f"Kompas {rng.choice(SECTIONS)} | {day} {MONTHS[month - 1]} {year}, {hour} WIB"
        paras[0] = f"{lead}{place}, KOMPAS.TV - {paras[0]}"
        person, editor = rng.sample(PEOPLE, 2)
        paras += [f"Penulis : {person} Editor : {editor}", f"Sumber : {rng.choice(WIRES)}"]
        return "\n".join([title, *paras]) + "\n"
    if style == 1:  # BaperaNews: summary, repeated title and caption, blank lines
        paras[0] = f"BaperaNews - {paras[0]}"
        top = [title, pool.vary(rng.choice(pool.sentences)), title, f"{title}. Gambar : Reuters"]
        return "\n\n".join([top[0], top[1], f"{top[2]}\n{top[3]}", *paras]) + "\n"
    if style == 2:  # Outlet – lead, subheadings between paragraphs
        paras[0] = f"{rng.choice(OUTLETS)} – {paras[0]}"
        for at in sorted(rng.sample(range(2, len(paras)), min(3, len(paras) - 2)), reverse=True):
            paras.insert(at, pool.vary(rng.choice(pool.headings)))
        return "\n\n".join([title, *paras]) + "\n"
    # A wire lead with the date line of Indonesian portals.
    stamp = f"{day:02d}/{month:02d}/{year}, {hour} WIB"
    paras[0] = f"{place.title()} ({rng.choice(WIRES)}) - {paras[0]}"
    return "\n".join([title, f"{rng.choice(OUTLETS)} - {stamp}", *paras]) + "\n"


def write_corpus(folder: Path, count: int, rng: random.Random, words: int = 600) -> list[Path]:
    """Write ``count`` articles of about ``words`` words as ``.txt`` files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    pool = Pool(rng)
    paths = []
    for number in range(count):
        path = folder / f"{number:05d}.txt"
        path.write_text(article_text(pool, rng.randint(words - 60, words + 60)), "utf-8")
        paths.append(path)
    return paths


def write_long(folder: Path, rng: random.Random, words: int = 5000) -> Path:
    """Write one article of about ``words`` words (Kompas style) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "long.txt"
    path.write_text(article_text(Pool(rng), words, style=0), "utf-8")
    return path


def top_title(articles: list[Article]) -> str:
    """The title the library shows on its first row (sorted by date, newest first)."""
    from store.query.words import shown_date

    dated = [a for a in articles if shown_date(a.published)]
    if not dated:
        return articles[0].title
    return max(dated, key=lambda a: (shown_date(a.published), a.title.casefold())).title

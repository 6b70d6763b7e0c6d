"""Build the news parser's development set from public pages, as scrapers save them.

Nothing here ships with sorot and no article text is kept in the repository:
this script reads two public sources you fetch yourself and writes text files
into a folder outside the repository, which ``make eval-news DATA=folder``
then reads with the gold file beside this script (``gold.json``).

- **Indonesian**: the single-article pages that ``anpandu/indonesian-news-scraper``
  (MIT licence) keeps as test fixtures (``test/fixtures/websites/*/*-singlepage*.html``):
  Antara, Detik, KapanLagi, Kompas, Liputan6, Okezone, Republika, Tempo and Viva,
  2015–2017. Each page's article text is taken from its content element.
- **English**: ``vanatteveldt/wikinews`` (``data/wikinews_2019.csv``,
  ``data/wikinews_2020.csv``): 295 Wikinews articles, CC BY 2.5.

A scraper saves a page in one of several shapes, and the set has each of them
(chosen by the article's position, so the set is the same on every run):

- ``.txt``: the title, the date line as the page shows it, the text with
  blank lines between paragraphs, or one paragraph a line with none, or
  hard-wrapped at 72 columns (as ``lynx -dump`` does);
- ``.json``: ``{"url", "title", "date", "content"}``, the date as the page shows
  it, or for Wikinews as a JavaScript scraper's ``toLocaleDateString("en-US")``
  writes it (``1/4/2019``: month first, ambiguous whenever the day is 12 or less);
- ``.md``: front matter (title, date, url), ``# Title`` and the paragraphs.

Some articles are saved twice, as ``.txt`` and as ``.json`` (``dup/``): the
same article must get the same id from both.

Usage::

    python -m tests.newsgold.build_devset --pages DIR --wikinews DIR --out DIR

``--pages`` holds the ``*-singlepage*.html`` files, ``--wikinews`` the two CSV files.
The gold of every file written goes to ``OUT/gold.json``, keyed by the file's
hash: for the Indonesian pages from the hand-checked ``pages_gold.json`` beside
this script (keyed by the hash of each page it was checked on), for Wikinews
from the CSV's own title and date.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tests.newsgold.htmltext import Node, meta, parse_html

#: Where each outlet's page keeps its article text and its date (tag, id, class).
PAGE_PARTS: dict[str, dict[str, list[dict[str, str]]]] = {
    "antara": {
        "content": [{"id": "content_news"}],
        "date": [{"cls": "date"}],
    },
    "detik": {
        "content": [{"cls": "text_detail"}, {"cls": "detail_text"}, {"cls": "text_gal"}],
        "date": [{"cls": "date"}],
    },
    "kapanlagi": {
        "content": [{"cls": "entertainment-detail-news"}, {"cls": "v7-music-detail-news"}],
        "date": [{"cls": "newsdetail-schedule-new"}, {"cls": "v7-music-newsdetail-schedule"}],
    },
    "kompas": {
        "content": [{"cls": "kcm-read-text"}, {"cls": "kcmread1114"}, {"cls": "div-read"}],
        "credits": [{"cls": "kcm-read-copy"}],
        "date": [{"cls": "kcm-date"}, {"cls": "mb2"}],
    },
    "liputan6": {
        "content": [{"id": "multi-page-0"}],
        "date": [{"tag": "time"}],
    },
    "okezone": {
        "content": [{"id": "contentx"}, {"cls": "ctn-desc"}],
        "date": [{"cls": "meta-post"}, {"cls": "title-detail"}],
    },
    "republika": {
        "content": [{"cls": "content-detail"}, {"cls": "teaser-pic"}, {"cls": "teaser"}],
        "date": [{"cls": "date-detail"}, {"cls": "date-pic"}, {"cls": "date-jh"}],
    },
    "tempo": {
        "content": [{"cls": "artikel"}],
        "date": [{"cls": "block-tanggal"}],
    },
    "tempoen": {
        "content": [{"cls": "tubuh-berita"}],
        "date": [{"cls": "tanggal"}],
    },
    "viva": {
        "content": [{"id": "article-content"}],
        "date": [{"cls": "date"}],
    },
}

#: Elements inside a content element that no scraper keeps (menus, share buttons).
_DROPPED = (
    "share-konten blok-share twitter-share fb-share sharebox addthis_toolbox "
    "read-page--tags article-info kl-social-share kl-social-follow "
    "photonews-det-warper "
)
DROPPED_CLASSES = frozenset(_DROPPED.split())

WRAP_COLUMNS = 72

PAGES_GOLD = Path(__file__).parent / "pages_gold.json"
GOLD_ABOUT = (
    "The development set's gold, keyed by the first 16 hex digits of each file's SHA-256."
    " Indonesian pages: hand-checked (sorot's tests/newsgold/pages_gold.json); Wikinews:"
    " the CSV's own title and date. paragraphs is [least, most]; 'either' lines may be"
    " marked boilerplate or not."
)


@dataclass
class Page:
    """One article as a scraper got it."""

    name: str
    url: str | None
    title: str
    date_text: str | None
    paragraphs: list[str]


def read_page(path: Path) -> Page | None:
    """The article of one saved page, or ``None`` when the page holds none (a photo page)."""
    outlet = path.name.split("-")[0]
    root = parse_html(path.read_text(encoding="utf-8", errors="replace"))
    parts = PAGE_PARTS[outlet]
    content = _first(root, parts["content"])
    if content is None:
        return None
    lines = content.text(drop=DROPPED_CLASSES).split("\n")
    # Some pages keep the writer and editor in an element after the text.
    credits = _first(root, parts.get("credits", []))
    if credits is not None and credits not in content.iter():
        lines += credits.text().split("\n")
    if sum(len(line) for line in lines) < 300:
        return None
    date_node = _first(root, parts["date"])
    date_text = date_node.text().split("|")[0].strip() if date_node is not None else None
    if date_text and not re.search(r"\d{4}", date_text):
        date_text = None
    title = (meta(root, "og:title") or "").strip()
    url = meta(root, "og:url")
    return Page(path.stem, url, title, date_text or None, lines)


def _first(root: Node, specs: list[dict[str, str]]) -> Node | None:
    for spec in specs:
        node = root.find(spec.get("tag"), id=spec.get("id"), cls=spec.get("cls"))
        if node is not None and node.text().strip():
            return node
    return None


def read_wikinews(folder: Path) -> list[Page]:
    """The Wikinews articles of both CSV files, their text split at blank lines."""
    pages = []
    for csv_file in sorted(folder.glob("wikinews_*.csv")):
        with csv_file.open(encoding="utf-8", newline="") as handle:
            for n, row in enumerate(csv.DictReader(handle)):
                blocks = [b.strip() for b in re.split(r"\n\s*\n", row["text"]) if b.strip()]
                # Most pages start with their date line ("Friday, January 4, 2019"),
                # a few with the first paragraph right under it.
                date_text = None
                if blocks and _is_date_line(blocks[0].split("\n")[0]):
                    date_text, _, rest = blocks[0].partition("\n")
                    blocks[0:1] = [rest.strip()] if rest.strip() else []
                paragraphs = [re.sub(r"\s*\n\s*", " ", b) for b in blocks]
                name = f"wikinews-{csv_file.stem[-4:]}-{n:03d}"
                if not paragraphs:
                    continue  # a page whose text the CSV lacks
                pages.append(Page(name, row["url"], row["title"].strip(), date_text, paragraphs))
                pages[-1].iso_date = row["date"]  # type: ignore[attr-defined]
    return pages


def _is_date_line(text: str) -> bool:
    return re.fullmatch(r"[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}", text.strip()) is not None


def en_us_date(iso: str) -> str:
    """``2019-01-04`` as ``toLocaleDateString("en-US")`` writes it: ``1/4/2019``."""
    day = date.fromisoformat(iso)
    return f"{day.month}/{day.day}/{day.year}"


def as_txt(page: Page, shape: str) -> str:
    """The page as a ``.txt`` file: title, date line, text in one of three shapes."""
    head = [page.title] + ([page.date_text] if page.date_text else [])
    if shape == "blank-lines":
        return "\n".join(head) + "\n\n" + "\n\n".join(page.paragraphs) + "\n"
    if shape == "line-per-paragraph":
        return "\n".join(head + page.paragraphs) + "\n"
    wrapped = [textwrap.fill(p, WRAP_COLUMNS, break_on_hyphens=False) for p in page.paragraphs]
    return "\n".join(head) + "\n\n" + "\n\n".join(wrapped) + "\n"


def as_json(page: Page, date_value: str | None) -> str:
    data = {"url": page.url, "title": page.title, "date": date_value}
    data["content"] = "\n".join(page.paragraphs)
    return json.dumps({k: v for k, v in data.items() if v}, ensure_ascii=False, indent=1) + "\n"


def as_markdown(page: Page, iso: str | None) -> str:
    front = [f"title: {json.dumps(page.title, ensure_ascii=False)}"]
    if iso:
        front.append(f"date: {iso}")
    if page.url:
        front.append(f"url: {page.url}")
    body = "\n\n".join(page.paragraphs)
    return "---\n" + "\n".join(front) + "\n---\n\n# " + page.title + "\n\n" + body + "\n"


GOLD_FIELDS = ("title", "outlet", "date", "dateline", "byline", "editor")


def page_gold(page: Page, hand: dict, *, with_url: bool) -> dict:
    """The gold of one Indonesian page from its hand-checked fields (``pages_gold.json``)."""
    gold = {name: hand.get(name) for name in GOLD_FIELDS}
    if with_url and gold["outlet"] is None:
        gold["outlet"] = hand.get("url_outlet")
    listed = {name: hand.get(name, []) for name in ("boilerplate", "headings", "either", "header")}
    for name, lines in listed.items():
        missing = [line for line in lines if line not in page.paragraphs]
        if missing:
            raise ValueError(f"{page.name}: {name} lines not in the page: {missing}")
    fixed = sum(len(listed[n]) for n in ("boilerplate", "headings", "header"))
    least = len(page.paragraphs) - fixed - len(listed["either"])
    gold["paragraphs"] = [least, least + len(listed["either"])]
    gold["boilerplate"] = listed["boilerplate"]
    gold["either"] = listed["either"]
    return gold


# Wikinews ends a picture's caption with its credit: "... Image: Nicholas Moreau."
_WIKINEWS_CAPTION = re.compile(r"Image: .{2,100}$")


def wikinews_gold(page: Page, *, with_url: bool) -> dict:
    """The gold of one Wikinews article: the CSV's title and date, its paragraphs.

    Wikinews's own conventions mark what is not prose: a caption ends with
    its picture's credit (``Image: ...``); a pull quote's attribution starts
    with a dash and may be read either way.
    """
    gold = dict.fromkeys(GOLD_FIELDS)
    gold.update(title=page.title, date=page.iso_date)  # type: ignore[attr-defined]
    gold["outlet"] = "wikinews.org" if with_url else None
    captions = [p for p in page.paragraphs if _WIKINEWS_CAPTION.search(p)]
    either = [p for p in page.paragraphs if p.startswith(("—", "\u2014")) and p not in captions]
    least = len(page.paragraphs) - len(captions) - len(either)
    gold["paragraphs"] = [least, least + len(either)]
    gold["boilerplate"] = captions
    gold["either"] = either
    return gold


def build(pages_dir: Path, wikinews_dir: Path, out: Path) -> dict[str, dict]:
    """Write the set into ``out``; return the gold of every file, keyed by its hash."""
    hand = json.loads(PAGES_GOLD.read_text("utf-8"))["pages"]
    written: dict[str, dict] = {}

    def write(relative: str, text: str, gold: dict) -> None:
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written[file_key(text.encode("utf-8"))] = {"file": relative, **gold}

    shapes = ("blank-lines", "line-per-paragraph")
    for n, path in enumerate(sorted(pages_dir.glob("*-singlepage*.html"))):
        page = read_page(path)
        if page is None:
            continue
        fields = hand.get(file_key(path.read_bytes()))
        if fields is None:
            raise ValueError(f"{path.name}: not the page pages_gold.json was checked on")
        write(
            f"id/{page.name}.txt",
            as_txt(page, shapes[n % 2]),
            page_gold(page, fields, with_url=False),
        )
        write(
            f"dup/{page.name}.json",
            as_json(page, page.date_text),
            page_gold(page, fields, with_url=True),
        )
    for n, page in enumerate(read_wikinews(wikinews_dir)):
        iso = page.iso_date  # type: ignore[attr-defined]
        kind = n % 6
        plain, linked = wikinews_gold(page, with_url=False), wikinews_gold(page, with_url=True)
        if kind in (0, 1):
            write(f"en/{page.name}.txt", as_txt(page, "blank-lines"), plain)
        elif kind == 2:
            write(f"en/{page.name}.txt", as_txt(page, "line-per-paragraph"), plain)
        elif kind == 3:
            write(f"en/{page.name}.txt", as_txt(page, "hard-wrapped"), plain)
        elif kind == 4:
            write(f"en/{page.name}.json", as_json(page, en_us_date(iso)), linked)
        else:
            write(f"en/{page.name}.md", as_markdown(page, iso), linked)
        if n % 7 == 0 and kind != 4:
            write(f"dup/{page.name}.json", as_json(page, en_us_date(iso)), linked)
    return written


def file_key(data: bytes) -> str:
    """What the gold file keys a source file by: 16 hex digits of its SHA-256."""
    return hashlib.sha256(data).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, required=True)
    parser.add_argument("--wikinews", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--gold", type=Path, help="where to write the gold (OUT/gold.json)")
    args = parser.parse_args(argv)
    args.gold = args.gold or args.out / "gold.json"
    gold = build(args.pages, args.wikinews, args.out)
    entries = sorted(gold.items(), key=lambda kv: kv[1]["file"])
    # One file a line: the gold reads and diffs by file.
    lines = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in entries]
    text = '{\n "about": ' + json.dumps(GOLD_ABOUT) + ',\n "files": {\n'
    args.gold.write_text(text + ",\n".join(lines) + "\n }\n}\n", encoding="utf-8")
    print(f"{len(gold)} files written to {args.out}, their gold to {args.gold}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

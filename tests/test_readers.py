"""Loading files and folders of news: Markdown, JSON, JSON Lines, and bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from store.news.loading import LoadProblem, bundled_corpus, load_paths
from store.news.readers import read_file


def write(path: Path, text: str | bytes) -> Path:
    """Write ``text`` to ``path`` (folders made as needed) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def kinds(article) -> list[str]:
    return [s.kind for s in article.segments]


# --- the bundled corpus ---------------------------------------------------------------


def test_bundled_corpus_loads_five_distinct_articles_without_problems() -> None:
    result = load_paths([bundled_corpus()])
    assert result.problems == []
    assert len(result.articles) == 5
    assert len({a.id for a in result.articles}) == 5
    assert [Path(a.source).name[:3] for a in result.articles] == ["000", "001", "002", "003", "004"]


# --- Markdown -------------------------------------------------------------------------

MARKDOWN = """\
---
outlet: Kompas
published: 19 Juli 2024, 14:11 WIB
author: "Haryo Jati"
---

# Hubungan *Rusia* dan Korea Utara

Kim Jong-un bertemu Wakil Menteri Pertahanan Rusia di Pyongyang.

Pertemuan itu **penting** bagi [kedua negara](https://example.com/a).

## Latar belakang

Baca juga: Putin ke Pyongyang

Perjanjian ditandatangani pada Juni.
"""


def test_markdown_article_with_front_matter_headings_and_emphasis(tmp_path: Path) -> None:
    path = write(tmp_path / "kim.md", MARKDOWN)
    [article], issues = read_file(path)
    assert issues == []
    assert article.title == "Hubungan Rusia dan Korea Utara"
    assert (article.outlet, article.byline) == ("Kompas", "Haryo Jati")
    assert article.published == "2024-07-19T14:11:00+07:00"
    assert kinds(article) == ["paragraph", "paragraph", "heading", "related", "paragraph"]
    assert article.paragraphs[1] == "Pertemuan itu penting bagi kedua negara."
    raw = path.read_text(encoding="utf-8")
    for segment in article.segments:
        text = article.body[segment.start : segment.end]
        if segment.raw_start is None:  # markup was removed: no longer verbatim
            assert text not in raw
        else:
            assert raw[segment.raw_start : segment.raw_start + len(text)] == text
    assert article.segments[1].raw_start is None
    assert article.segments[2].raw_start == raw.index("Latar belakang")


# --- JSON -----------------------------------------------------------------------------


def test_json_object_with_alias_field_names(tmp_path: Path) -> None:
    obj = {
        "headline": "Kim meets Belousov",
        "content": "Kim met the Russian defence minister.\nBaca juga: Putin ke Pyongyang",
        "source": {"id": "x", "name": "Reuters"},
        "publishedAt": "2024-11-29T10:00:00Z",
        "authors": ["Jane Doe", {"name": "John Roe"}],
        "lang": "en-GB",
        "id": 42,
        "category": "world",
        "link": "https://example.com/kim",
    }
    [article], issues = read_file(write(tmp_path / "one.json", json.dumps(obj)))
    assert issues == []
    assert article.title == "Kim meets Belousov"
    assert article.outlet == "Reuters"
    assert article.published == "2024-11-29T10:00:00+00:00"
    assert article.byline == "Jane Doe, John Roe"
    assert (article.language, article.external_id, article.section) == ("en", "42", "world")
    assert article.url == "https://example.com/kim"
    assert kinds(article) == ["paragraph", "related"]  # boilerplate marked as for text
    assert all(s.raw_start is None for s in article.segments)


def test_json_list_and_articles_wrapper_with_paragraph_lists(tmp_path: Path) -> None:
    items = [
        {"title": "Satu", "paragraphs": ["Paragraf satu.", "Paragraf dua."]},
        {"title": "Dua", "body": "JAKARTA, KOMPAS.com - Isi berita kedua."},
    ]
    listed, _ = read_file(write(tmp_path / "list.json", json.dumps(items)))
    wrapped, _ = read_file(write(tmp_path / "wrapped.json", json.dumps({"articles": items})))
    assert [a.title for a in listed] == [a.title for a in wrapped] == ["Satu", "Dua"]
    assert listed[0].paragraphs == ["Paragraf satu.", "Paragraf dua."]
    # No explicit outlet: the lead's is read, as for raw text.
    assert (listed[1].outlet, listed[1].dateline) == ("KOMPAS.com", "JAKARTA")
    assert listed[1].body == "Isi berita kedua."


def test_json_lines_with_a_broken_line_and_an_empty_object(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "Satu", "body": "Isi pertama."}),
        json.dumps({"title": "Dua", "body": "Isi kedua."}),
        '{"title": "Tiga", "body": ',
        json.dumps({"title": "Empat"}),
        "",
        json.dumps({"title": "Lima", "text": "Isi kelima."}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines))
    result = load_paths([path])
    assert [a.title for a in result.articles] == ["Satu", "Dua", "Lima"]
    assert [a.source for a in result.articles] == [f"{path}#1", f"{path}#2", f"{path}#6"]
    assert [str(p) for p in result.problems] == [
        f"{path}: line 3: invalid JSON: Expecting value (column 27)",
        f"{path}: line 4: no body text",
    ]
    assert all(p.skipped for p in result.problems)


def test_broken_json_file_says_where(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.json", '{\n  "title": "x",\n  "body": \n}')
    result = load_paths([path])
    assert result.articles == []
    assert result.problems == [
        LoadProblem(str(path), "invalid JSON: Expecting value (line 4, column 1)", True)
    ]


# --- bad input ------------------------------------------------------------------------


def test_empty_and_blank_files_are_skipped(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.txt", "")
    blank = write(tmp_path / "blank.txt", " \n\n\t\n")
    result = load_paths([empty, blank])
    assert result.articles == []
    assert [str(p) for p in result.problems] == [f"{empty}: empty file", f"{blank}: empty file"]


def test_a_text_with_only_a_header_line_has_no_body(tmp_path: Path) -> None:
    path = write(tmp_path / "header.txt", "Kompas dunia | 19 Juli 2024, 14:11 WIB\n")
    assert [p.message for p in load_paths([path]).problems] == ["no body text"]


def test_binary_files_are_skipped(tmp_path: Path) -> None:
    png = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    noise = write(tmp_path / "noise.txt", bytes(range(1, 32)) * 50)
    result = load_paths([png, noise])
    assert result.articles == []
    assert [p.message for p in result.problems] == ["binary file, not text"] * 2


def test_a_windows_1252_file_is_read_with_a_warning(tmp_path: Path) -> None:
    text = "Café résumé naïve “quotes” — déjà vu\nÜber die Straße wurde berichtet, sagte er."
    path = write(tmp_path / "legacy.txt", text.encode("cp1252"))
    result = load_paths([path])
    [article] = result.articles
    assert article.title == "Café résumé naïve “quotes” — déjà vu"
    [problem] = result.problems
    assert problem.message == "not UTF-8; read as cp1252"
    assert problem.skipped is False


def test_a_byte_order_mark_is_removed(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", "\ufeffJudul Berita\nIsi berita ini.".encode())
    [article] = load_paths([path]).articles
    assert article.title == "Judul Berita"
    assert article.segments[0].raw_start == len("Judul Berita\n")


def test_a_huge_file_is_skipped_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(123 * 2**20)  # sparse: costs no disk
    result = load_paths([path])
    assert result.articles == []
    assert [p.message for p in result.problems] == ["too large (123 MB; the limit is 20 MB)"]


def test_missing_and_unreadable_files_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = write(tmp_path / "locked.txt", "Judul\nIsi.")
    real_open = os.open

    def refuse(path: object, *args: object, **kwargs: object) -> int:
        # (The tests run as root, whom a mode of 000 does not stop.)
        if os.fspath(path) == str(locked):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    result = load_paths([tmp_path / "missing.txt", locked])
    assert [str(p) for p in result.problems] == [
        f"{tmp_path / 'missing.txt'}: no such file or directory",
        f"{locked}: cannot read: permission denied",
    ]


def test_an_explicitly_named_unsupported_file_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "report.pdf", b"%PDF-1.4")
    [problem] = load_paths([path]).problems
    assert problem.path == str(path)
    assert problem.message.startswith("unsupported file type .pdf")


def test_the_same_article_twice_is_loaded_once(tmp_path: Path) -> None:
    first = write(tmp_path / "a.txt", "Judul Berita\nIsi berita yang sama.")
    second = write(tmp_path / "b.txt", "Judul Berita\nIsi berita yang sama.")
    result = load_paths([first, second])
    assert [a.source for a in result.articles] == [str(first)]
    assert [str(p) for p in result.problems] == [f"{second}: same article as {first}; skipped"]
    assert not result.problems[0].skipped  # a warning: nothing is lost


# --- folders --------------------------------------------------------------------------


def test_folders_are_walked_recursively_in_order_skipping_hidden_and_foreign(
    tmp_path: Path,
) -> None:
    write(tmp_path / "b.txt", "Berita B\nIsi B.")
    write(tmp_path / "a" / "z.md", "# Berita AZ\n\nIsi AZ.")
    write(tmp_path / "a" / "c.json", json.dumps({"title": "Berita AC", "body": "Isi AC."}))
    write(tmp_path / ".hidden" / "h.txt", "Tersembunyi\nIsi.")
    write(tmp_path / ".h.txt", "Tersembunyi\nIsi.")
    write(tmp_path / "notes.pdf", b"%PDF")
    write(tmp_path / "photo.jpg", b"\xff\xd8")
    result = load_paths([str(tmp_path)])
    assert result.problems == []
    assert [a.title for a in result.articles] == ["Berita AC", "Berita AZ", "Berita B"]


def test_bad_files_in_a_folder_do_not_stop_the_rest(tmp_path: Path) -> None:
    write(tmp_path / "1.txt", "")
    write(tmp_path / "2.json", "{")
    write(tmp_path / "3.txt", b"\x00\x01\x02")
    write(tmp_path / "4.txt", "Berita Baik\nIsi berita.")
    result = load_paths([tmp_path])
    assert [a.title for a in result.articles] == ["Berita Baik"]
    assert len(result.problems) == 3
    assert all(p.skipped for p in result.problems)


# --- one story, any format ------------------------------------------------------------

STORY_PARAGRAPHS = [
    "JAKARTA, KOMPAS.com - Presiden bertemu para menteri di Istana pada Senin (3/3/2025).",
    "Pertemuan itu membahas anggaran negara yang “harus disahkan” sebelum akhir bulan.",
    "Baca juga: Menteri Keuangan Jaga Defisit",
    "Menteri Keuangan mengatakan defisit akan dijaga di bawah tiga persen tahun ini.",
]


def test_the_same_story_read_from_txt_md_and_json_gets_one_id(tmp_path: Path) -> None:
    title = "Presiden Bahas Anggaran"
    wrapped_txt = (
        title + "\n\n" + "\n\n".join(p.replace(" yang ", "\nyang ") for p in STORY_PARAGRAPHS)
    )
    line_txt = title + "\n" + "\n".join(STORY_PARAGRAPHS)
    markdown = f'---\ntitle: "{title}"\n---\n\n# {title}\n\n' + "\n\n".join(
        STORY_PARAGRAPHS
    ).replace("“", '"').replace("”", '"')
    obj = {"title": title, "content": "\n".join(STORY_PARAGRAPHS).replace("\u00a0", " ")}
    paths = [
        write(tmp_path / "a.txt", wrapped_txt),
        write(tmp_path / "b.txt", line_txt),
        write(tmp_path / "c.md", markdown),
        write(tmp_path / "d.json", json.dumps(obj)),
    ]
    articles = [read_file(p)[0][0] for p in paths]
    assert {a.id for a in articles} == {articles[0].id}
    assert articles[0].id.startswith("presiden-bahas-anggaran-")


def test_a_markdown_title_repeated_under_the_front_matter_is_not_body_text(tmp_path: Path) -> None:
    path = write(
        tmp_path / "kim.md",
        '---\ntitle: "Kim Meets Putin"\n---\n\n# Kim Meets Putin\n\nKim met Putin on Friday.\n',
    )
    [article], _ = read_file(path)
    assert article.title == "Kim Meets Putin"
    assert article.body == "Kim met Putin on Friday."
    assert [f.role for f in article.field_texts] == ["header", "title"]


def test_markdown_lists_stay_lists(tmp_path: Path) -> None:
    path = write(
        tmp_path / "list.md",
        "# Tiga Hal\n\nYang dibahas:\n\n- anggaran\n- *subsidi* energi\n- pajak\n",
    )
    [article], _ = read_file(path)
    assert [article.body[s.start : s.end] for s in article.segments if s.kind == "item"] == [
        "- anggaran",
        "- subsidi energi",
        "- pajak",
    ]


def test_a_quoted_front_matter_value_keeps_the_quotes_inside_it(tmp_path: Path) -> None:
    path = write(
        tmp_path / "q.md",
        "---\ntitle: \"Iran cites 'human error'\"\n---\n\nIran admitted downing the jet.\n",
    )
    [article], _ = read_file(path)
    assert article.title == "Iran cites 'human error'"


def test_a_title_with_the_sites_name_after_it_is_the_headline_and_the_outlet(
    tmp_path: Path,
) -> None:
    obj = {"title": "Samsul Arif Tak Beban Lawan Arema - Kompas.com", "body": "Isi berita."}
    [article], _ = read_file(write(tmp_path / "k.json", json.dumps(obj)))
    assert (article.title, article.outlet) == ("Samsul Arif Tak Beban Lawan Arema", "Kompas.com")

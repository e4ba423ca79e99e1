"""Readers: each format to Article records; each kind of bad input to a clear error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.errors import InputNotFound
from dossier.read.readers import ReadOptions, find_published_date, read_articles
from dossier.records import Article, DocumentError

from .conftest import REPORT_HTML, REPORT_RSS, REPORT_TEXT, warc_bytes


def read_all(*paths: Path | str, options: ReadOptions | None = None) -> tuple[list[Article], list[DocumentError]]:
    articles, problems = [], []
    for item in read_articles(paths, options):
        (problems if isinstance(item, DocumentError) else articles).append(item)
    return articles, problems


def test_plain_text_takes_first_line_as_title_and_dateline_as_published(tmp_path: Path) -> None:
    path = tmp_path / "geneva.txt"
    path.write_text(REPORT_TEXT, encoding="utf-8")
    [article], problems = read_all(path)
    assert problems == []
    assert article.title == "Ministers meet in Geneva over grain corridor"
    assert article.published == "2022-03-04"
    assert article.name == "geneva"
    assert article.text.startswith("Ministers meet")


def test_dateline_forms() -> None:
    assert find_published_date("Headline\n\nPublished: 5 June 2019\n\nBody.") == "2019-06-05"
    assert find_published_date("Headline\n\nUpdated 2020-01-31T09:00:00Z\n\nBody.") == "2020-01-31"
    assert find_published_date("Headline\n\nThe talks of March 4 went badly.") is None


def test_html_extracts_main_text_title_date_and_outlet(tmp_path: Path) -> None:
    path = tmp_path / "talks.html"
    path.write_text(REPORT_HTML, encoding="utf-8")
    [article], problems = read_all(path)
    assert problems == []
    assert "Cavusoglu told reporters" in article.text
    assert "Copyright" not in article.text and "Home | World" not in article.text
    assert article.title and "Talks resume in Geneva" in article.title
    assert article.published == "2022-03-04"
    assert article.outlet == "World Desk"


def test_jsonl_reads_every_line_and_reports_the_bad_one_by_number(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "Russia and China met in Beijing.", "published": "2017-09-11", "url": "u1"}),
        '{"text": "unterminated',
        json.dumps({"text": "Only text is required here."}),
        json.dumps({"title": "no text"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, problems = read_all(path)
    assert [a.name for a in articles] == ["a1", None]
    assert articles[0].published == "2017-09-11" and articles[0].url == "u1"
    assert [p.source for p in problems] == [f"{path}:2", f"{path}:4"]
    assert "malformed JSON" in problems[0].problem
    assert "'text'" in problems[1].problem


def test_jsonl_rejects_a_published_value_that_is_not_a_date(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"text": "Some text.", "published": "whenever"}) + "\n", encoding="utf-8")
    articles, [problem] = read_all(path)
    assert articles == [] and "not a date" in problem.problem


def test_warc_reads_html_responses(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(warc_bytes([("https://example.org/talks", REPORT_HTML)]))
    [article], problems = read_all(path)
    assert problems == []
    assert article.url == "https://example.org/talks"
    assert "Black Sea ports" in article.text


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    whole = warc_bytes(
        [("https://example.org/a", REPORT_HTML), ("https://example.org/b", REPORT_HTML.replace("Geneva", "Vienna"))]
    )
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[: len(whole) - 400])
    articles, problems = read_all(path)
    assert len(articles) >= 1
    assert len(problems) == 1 and str(path) in problems[0].source
    assert "truncated" in problems[0].problem or "HTML" in problems[0].problem


def test_rss_items_become_articles_with_dates(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(REPORT_RSS, encoding="utf-8")
    articles, problems = read_all(path)
    assert problems == []
    assert [a.title for a in articles] == ["Talks resume", "Ports"]
    assert articles[0].published == "2022-03-04"
    assert articles[0].text == "Turkey's foreign minister met his Ukrainian counterpart in Geneva."
    assert articles[0].outlet == "World Desk"


def test_folders_recurse_and_skip_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text("First report.\n\nPutin spoke.", encoding="utf-8")
    (tmp_path / "a" / ".hidden.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Second report.\n\nMoon spoke.", encoding="utf-8")
    articles, problems = read_all(tmp_path)
    assert sorted(a.name for a in articles) == ["one", "two"]
    assert problems == []


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound, match="no such file"):
        read_all(tmp_path / "nope.txt")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("mystery.dat", b"<svg><circle r='1'/></svg>", "unknown format"),
    ],
)
def test_bad_files_give_one_line_errors_naming_the_file(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    articles, [problem] = read_all(path)
    assert articles == []
    assert problem.source == str(path)
    assert expected in problem.problem
    assert "\n" not in str(problem)


def test_wrong_encoding_is_detected_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = "Président Macron a rencontré le chancelier à Genève. Les négociations continuent à l'été."
    path.write_bytes(text.encode("cp1252"))
    [article], problems = read_all(path)
    assert "Genève" in article.text
    assert problems == []


def test_a_huge_file_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, no disk used
    articles, [problem] = read_all(path)
    assert articles == []
    assert "200.0 MB" in problem.problem and "--max-doc-mb" in problem.problem


def test_one_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(REPORT_TEXT, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "zgood.txt").write_text("Another report\n\nThe UN met.", encoding="utf-8")
    articles, problems = read_all(tmp_path)
    assert sorted(a.name for a in articles) == ["good", "zgood"]
    assert [Path(p.source).name for p in problems] == ["bad.txt"]


def test_same_text_and_url_give_the_same_id(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(REPORT_TEXT, encoding="utf-8")
    (tmp_path / "two.txt").write_text(REPORT_TEXT.replace("\n", "\r\n"), encoding="utf-8")
    first, second = read_all(tmp_path)[0]
    assert first.id == second.id

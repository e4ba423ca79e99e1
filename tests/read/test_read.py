"""Readers: each format to Article records; each kind of bad input to a clear error."""

from __future__ import annotations

import gzip
import io
import json
import os
import threading
import time
from pathlib import Path

import pytest

from dossier.errors import InputNotFound
from dossier.read.readers import ReadOptions, find_published_date, read_articles
from dossier.records import Article, DocumentError
from tests.conftest import REPORT_HTML, REPORT_RSS, REPORT_TEXT, warc_bytes


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


@pytest.mark.parametrize("value", [5, 2.5])
def test_jsonl_text_given_as_a_number_is_named_as_such_not_as_missing(tmp_path: Path, value: float) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"text": value}) + "\n" + json.dumps({"text": "Talks went on."}) + "\n")
    articles, [problem] = read_all(path)
    assert [a.text for a in articles] == ["Talks went on."]
    assert problem.source == f"{path}:1" and problem.problem == "'text' is a JSON number; it must be a string"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_read_as_stdin_is_not_skipped_in_silence(tmp_path: Path) -> None:
    pipe = tmp_path / "reports"  # as `dossier run <(zcat reports.jsonl.gz)` gives one
    os.mkfifo(pipe)
    lines = json.dumps({"text": "Envoys met in Oslo."}) + "\nnot json\n"
    writer = threading.Thread(target=pipe.write_text, args=(lines,), daemon=True)  # blocks until the pipe is read
    writer.start()
    articles, problems = read_all(pipe)
    writer.join(timeout=10)
    [problem] = problems
    assert [a.text for a in articles] == ["Envoys met in Oslo."]
    assert problem.source == f"{pipe}:2" and "malformed JSON" in problem.problem


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_read_and_reported_not_skipped_in_silence() -> None:
    articles, [problem] = read_all("/dev/null")
    assert articles == [] and problem.source == "/dev/null" and "empty document" in problem.problem


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


def test_a_feed_cut_short_warns_that_it_is_malformed_and_keeps_the_items_before(tmp_path: Path) -> None:
    path = tmp_path / "world.rss"
    cut = REPORT_RSS.index("<item><title>Ports")
    path.write_text(REPORT_RSS[:cut] + "<item><title>Ports</title><description>The United", encoding="utf-8")
    articles, problems = read_all(path)
    assert [a.title for a in articles] == ["Talks resume"]
    warning = problems[0]
    assert warning.source == str(path)
    assert (
        warning.problem.startswith("warning: malformed RSS/Atom feed (")
        and "items read up to the fault" in warning.problem
    )


def test_a_well_formed_feed_has_no_warning(tmp_path: Path) -> None:
    path = tmp_path / "world.rss"
    path.write_text(REPORT_RSS, encoding="utf-8")
    assert len(read_all(path)[0]) == 2 and read_all(path)[1] == []


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


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le ministre a déclaré que la Grèce critique la France.\nThe talks in Genève go on.", "latin-1"),
        ("El presidente habló en la reunión sobre la situación en España.", "cp1252"),
        ("Señor Pérez told reporters in Bogotá that the talks would resume — a step welcomed.", "cp1252"),
        ("Президент России заявил в понедельник, что Москва готова к переговорам.", "cp1251"),
    ],
)
def test_a_short_legacy_encoded_report_is_read_as_written(tmp_path: Path, text: str, encoding: str) -> None:
    # Where windows-1252 ties with another code page it is taken: a short cp1250 text that also reads
    # cleanly as cp1252 ("Předseda" -> "Pøedseda") is the price (README, "Reliability").
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(encoding))
    [article], problems = read_all(path)
    assert article.text == text
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


# ---------------------------------------------------------------- issue 21: no silent loss, bounded memory


def test_a_missing_path_among_others_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT_TEXT, encoding="utf-8")
    (tmp_path / "c.txt").write_text(REPORT_TEXT, encoding="utf-8")
    with pytest.raises(InputNotFound, match="nonexistent"):
        read_articles([tmp_path / "a.txt", tmp_path / "nonexistent", tmp_path / "c.txt"])


def test_an_impossible_feed_date_costs_no_item_and_no_later_file(tmp_path: Path) -> None:
    feed = REPORT_RSS.replace("</title>", "</title><pubDate>0000-00-00</pubDate>", 2)
    (tmp_path / "a.rss").write_text(feed, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPORT_TEXT, encoding="utf-8")
    articles, problems = read_all(tmp_path)
    assert problems == []
    assert [a.title for a in articles] == ["Talks resume", "Ports", "Ministers meet in Geneva over grain corridor"]


@pytest.mark.parametrize(
    ("bad_line", "expected"),
    [("[" * 100_000, "nested too deeply"), ('{"text": "x", "n": ' + "7" * 5000 + "}", "malformed JSON")],
)
def test_a_jsonl_line_that_breaks_the_json_parser_is_its_own_error_and_later_lines_are_read(
    tmp_path: Path, bad_line: str, expected: str
) -> None:
    path = tmp_path / "batch.jsonl"
    good = json.dumps({"text": "Russia and China met in Beijing."})
    path.write_text("\n".join([good, bad_line, good.replace("Beijing", "Moscow")]) + "\n", encoding="utf-8")
    articles, [problem] = read_all(path)
    assert [a.text for a in articles] == ["Russia and China met in Beijing.", "Russia and China met in Moscow."]
    assert problem.source == f"{path}:2" and expected in problem.problem


def test_a_jsonl_line_over_the_limit_is_skipped_without_being_held(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        stream.write(json.dumps({"text": "x" * 3_000_000}) + "\n")
        stream.write(json.dumps({"text": "Moon met Putin."}) + "\n")
    articles, [problem] = read_all(path, options=ReadOptions(max_document_bytes=1024 * 1024))
    assert [a.text for a in articles] == ["Moon met Putin."]
    assert problem.source == f"{path}:1" and "2.9 MB" in problem.problem


def test_stdin_over_the_limit_is_refused_after_reading_just_past_it() -> None:
    from dossier.read.readers import _read_stdin

    stream = io.BytesIO(b"Talks went on. " * 200_000)
    [problem] = list(_read_stdin(stream, ReadOptions(max_document_bytes=1024 * 1024)))
    assert problem.source == "<stdin>" and "over the 1 MB limit" in problem.problem
    assert stream.tell() <= 1024 * 1024 + 2 * 64 * 1024  # read just past the limit, in buffered chunks


def test_jsonl_on_stdin_is_streamed_line_by_line() -> None:
    from dossier.read.readers import _read_stdin

    lines = [json.dumps({"text": f"Report {n}: the envoys met."}) for n in range(200)]
    stream = io.BytesIO(("\n".join(lines) + "\n").encode())
    items = list(_read_stdin(stream, ReadOptions(max_document_bytes=1024)))
    assert len(items) == 200 and all(isinstance(item, Article) for item in items)


def gzipped_warc(pages: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
        )
    return buffer.getvalue()


def test_a_gzipped_warc_reads_every_member_and_a_cut_one_keeps_the_records_before(tmp_path: Path) -> None:
    whole = gzipped_warc([("https://example.org/a", REPORT_HTML), ("https://example.org/b", REPORT_HTML + " ")])
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(whole)
    articles, problems = read_all(path)
    assert [a.url for a in articles] == ["https://example.org/a", "https://example.org/b"] and problems == []
    path.write_bytes(whole[:-200])
    articles, [problem] = read_all(path)
    assert [a.url for a in articles] == ["https://example.org/a"] and "truncated" in problem.problem


def test_a_gzip_bomb_is_refused_by_its_compression_ratio(tmp_path: Path) -> None:
    path = tmp_path / "zeros.warc.gz"
    path.write_bytes(gzip.compress(bytes(64 * 1024 * 1024), compresslevel=9))
    articles, [problem] = read_all(path)
    assert articles == [] and "compression bomb" in problem.problem


def test_a_long_warc_header_line_is_refused_quickly_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "long.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: " + b"a" * (24 * 1024 * 1024) + b"\r\n\r\n")
    started = time.process_time()
    articles, [problem] = read_all(path)
    assert articles == [] and "without a break" in problem.problem
    assert time.process_time() - started < 5


def test_a_warc_header_line_under_the_limit_costs_linear_time(tmp_path: Path) -> None:
    head = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nX-Long: " + b"a" * (16 * 1024 * 1024) + b"\r\n"
    path = tmp_path / "long.warc"
    path.write_bytes(head + b"Content-Length: 0\r\n\r\n\r\n\r\n")
    started = time.process_time()
    articles, [problem] = read_all(path)
    assert articles == [] and "AttributeError" not in problem.problem
    assert time.process_time() - started < 5


# ---------------------------------------------------------------- issue 21: fidelity


def test_zero_width_characters_are_removed_so_names_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "zw.jsonl"
    record = {"text": "Pu\u200btin met Mo\u2060on in Vladi\u00advostok.", "title": "Pu\u200btin \ufeffvisit"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [article], _ = read_all(path)
    assert article.text == "Putin met Moon in Vladivostok." and article.title == "Putin visit"


def test_joiners_in_scripts_that_need_them_are_kept(tmp_path: Path) -> None:
    persian = "می\u200cخواهم"
    path = tmp_path / "fa.txt"
    path.write_text(persian + "\n\nمتن.", encoding="utf-8")
    [article], _ = read_all(path)
    assert persian in article.text


@pytest.mark.parametrize("field", ["title", "outlet", "url", "id", "published"])
def test_a_json_object_in_a_string_field_is_refused_not_stored_as_a_repr(tmp_path: Path, field: str) -> None:
    path = tmp_path / "obj.jsonl"
    path.write_text(json.dumps({"text": "Putin met Moon.", field: {"a": 1}}) + "\n", encoding="utf-8")
    articles, [problem] = read_all(path)
    assert articles == [] and f"'{field}' is a JSON object" in problem.problem


@pytest.mark.parametrize("published", ["yesterday", "2 hours ago", "2017-09-11T25:61:00Z", "2017-02-30"])
def test_relative_or_impossible_published_values_are_not_dates(tmp_path: Path, published: str) -> None:
    path = tmp_path / "when.jsonl"
    path.write_text(json.dumps({"text": "Putin met Moon.", "published": published}) + "\n", encoding="utf-8")
    articles, [problem] = read_all(path)
    assert articles == [] and "not a date" in problem.problem


def test_a_valid_iso_datetime_is_still_a_date(tmp_path: Path) -> None:
    path = tmp_path / "when.jsonl"
    path.write_text(json.dumps({"text": "Putin met Moon.", "published": "2017-09-11T23:59:00Z"}) + "\n")
    [article], _ = read_all(path)
    assert article.published == "2017-09-11"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_text_with_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    data = REPORT_TEXT.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    [article], problems = read_all(path)
    assert problems == [] and article.title == "Ministers meet in Geneva over grain corridor"
    unnamed = tmp_path / "wide"
    unnamed.write_bytes(data)
    [article], problems = read_all(unnamed)
    assert problems == [] and "Geneva" in article.text

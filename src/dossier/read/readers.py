"""Stage `read`: files, folders and stdin in; `Article` records out.

Formats: plain text, HTML (trafilatura), JSONL (one article per line),
WARC (warcio, HTML responses), RSS/Atom (feedparser). A document that
cannot be read becomes a `DocumentError` naming the file and the problem;
the rest of the batch goes on.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dossier.errors import InputNotFound, ReadError
from dossier.records import Article, DocumentError

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
WARC_SUFFIXES = {".warc", ".arc"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}

# A news report over this size is almost certainly a dump or a mistake;
# users who mean it raise the limit with --max-doc-mb.
DEFAULT_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

# How many leading lines of a plain-text report may carry its dateline.
DATELINE_SEARCH_LINES = 8
# A first line longer than this reads as body text, not as a headline.
MAX_TITLE_CHARS = 300

_DATELINE = re.compile(
    r"^\s*(?:posted|published|updated|date|dated|first published)\b[\s:,-]*(?:on\s+)?(?P<date>.+?)\s*$",
    re.IGNORECASE,
)
# Half of a UTF-16 surrogate pair: json.loads lets an escaped one through, UTF-8 cannot encode it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_BARE_DATE = re.compile(
    r"^\s*(?P<date>(?:\w+day,?\s+)?(?:\d{1,2}\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ][\d:]+Z?)?"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ReadOptions:
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES
    # The publication date (ISO) of articles whose text, metadata and path give none (`dossier run --published`).
    published: str | None = None


def read_articles(
    inputs: Iterable[str | Path], options: ReadOptions | None = None
) -> Iterator[Article | DocumentError]:
    """Read every input (file, folder or "-" for stdin) into articles.

    Example:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> report = "Talks resume\\n\\nPosted September 7, 2017\\n\\nEnvoys met."
        >>> _ = (Path(folder.name) / "talks.txt").write_text(report)
        >>> _ = (Path(folder.name) / "empty.txt").write_text("")
        >>> for item in read_articles([folder.name]):
        ...     print(type(item).__name__, item.title if isinstance(item, Article) else item.problem)
        DocumentError empty document (no text)
        Article Talks resume
        >>> folder.cleanup()
    """
    options = options or ReadOptions()
    for given in inputs:
        if str(given) == "-":
            yield from _dated(read_bytes_safely("<stdin>", sys.stdin.buffer.read(), None, options), options)
            continue
        path = Path(given)
        if not path.exists():
            raise InputNotFound(str(path))
        for file in _walk(path):
            yield from _dated(_read_file(file, options), options)


def _dated(items: Iterable[Article | DocumentError], options: ReadOptions) -> Iterator[Article | DocumentError]:
    """Give the run's publication date to the articles that found none of their own."""
    for item in items:
        if options.published and isinstance(item, Article) and item.published is None:
            item = _replace(item, published=options.published)
        yield item


def _walk(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
        return
    for child in sorted(path.rglob("*")):
        if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
            yield child


def _read_file(path: Path, options: ReadOptions) -> Iterator[Article | DocumentError]:
    source = _storable_path(path)
    try:
        fmt = _format_from_suffix(path)
        if fmt in ("jsonl", "warc"):
            # Containers of many documents are streamed; only each record is size-checked.
            with path.open("rb") as stream:
                yield from _READERS_STREAMING[fmt](source, stream, options)
            return
        size = path.stat().st_size
        if size > options.max_document_bytes:
            raise ReadError(source, _too_large(size, options))
        yield from _read_bytes(source, path.read_bytes(), fmt, options)
    except ReadError as error:
        yield DocumentError(error.source, error.problem)
    except OSError as error:
        yield DocumentError(source, f"cannot read file ({error.strerror or error})")


def _storable_path(path: Path) -> str:
    """The path as text UTF-8 can hold: undecodable bytes of a file name are shown as \\xff, not kept as surrogates."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_bytes_safely(
    source: str, data: bytes, fmt: str | None, options: ReadOptions
) -> Iterator[Article | DocumentError]:
    """The articles in one document's bytes, or one `DocumentError` naming `source`; never raises `ReadError`.

    `fmt` is a reader's name ("text", "html", "jsonl", "warc", "feed"), or None to sniff it from the bytes.
    Files too large are refused unless they are containers (JSONL, WARC), whose records are checked one by one.
    The Spark job reads the files its executors are given through this.

    Example:
        >>> [a.title for a in read_bytes_safely("note.txt", b"Talks resume\\n\\nEnvoys met.", "text", ReadOptions())]
        ['Talks resume']
    """
    try:
        if len(data) > options.max_document_bytes and fmt not in ("jsonl", "warc"):
            sniffed = fmt or _sniff_format(source, data)
            if sniffed not in ("jsonl", "warc"):
                raise ReadError(source, _too_large(len(data), options))
        yield from _read_bytes(source, data, fmt, options)
    except ReadError as error:
        yield DocumentError(error.source, error.problem)


# The name before read_bytes_safely was public, for callers not yet moved to it.
_read_bytes_safely = read_bytes_safely


def _too_large(size: int, options: ReadOptions) -> str:
    limit_mb = options.max_document_bytes / (1024 * 1024)
    return f"document is {size / (1024 * 1024):.1f} MB, over the {limit_mb:g} MB limit (raise it with --max-doc-mb)"


def _read_bytes(source: str, data: bytes, fmt: str | None, options: ReadOptions) -> Iterator[Article | DocumentError]:
    fmt = fmt or _sniff_format(source, data)
    if fmt in _READERS_STREAMING:
        yield from _READERS_STREAMING[fmt](source, io.BytesIO(data), options)
    else:
        yield from _READERS_WHOLE[fmt](source, data)


def _format_from_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    last = suffixes[-1] if suffixes else ""
    if last == ".gz" and len(suffixes) > 1 and suffixes[-2] in WARC_SUFFIXES:
        return "warc"
    for fmt, known in (
        ("text", TEXT_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
        ("warc", WARC_SUFFIXES),
        ("feed", FEED_SUFFIXES),
    ):
        if last in known:
            return fmt
    with path.open("rb") as stream:
        head = stream.read(4096)
    return _sniff_format(str(path), head)


def _sniff_format(source: str, head: bytes) -> str:
    start = head[:4096].lstrip().lower()
    if start.startswith(b"warc/") or head[:2] == b"\x1f\x8b":
        return "warc"
    if _looks_binary(head[:4096]):
        raise ReadError(source, "binary file, not text (expected text, HTML, JSONL, WARC or RSS/Atom)")
    if start.startswith(b"<?xml") and (b"<rss" in start or b"<feed" in start or b"<rdf" in start):
        return "feed"
    if start.startswith(b"<rss") or start.startswith(b"<feed"):
        return "feed"
    if start.startswith(b"<!doctype html") or start.startswith(b"<html") or b"<body" in start:
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<"):
        raise ReadError(source, "unknown format: markup that is neither HTML nor RSS/Atom")
    return "text"


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    # Real text has almost no C0 control characters; a few stray ones are tolerated.
    return control / len(head) > 0.05


# ---------------------------------------------------------------- decoding


def decode_text(source: str, data: bytes) -> str:
    """Decode bytes as UTF-8, or with detection; refuse binary data.

    Raises ReadError for binary data. Replaced characters are kept as
    U+FFFD so offsets stay honest; the caller reports them.
    """
    if _looks_binary(data[:4096]):
        raise ReadError(source, "binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError(source, "cannot detect the text encoding (not UTF-8, and detection failed)")
    return str(best)


def _decoding_note(source: str, text: str) -> DocumentError | None:
    replaced = text.count("\ufffd")
    if replaced:
        return DocumentError(source, f"warning: {replaced} undecodable characters replaced with U+FFFD")
    return None


# ---------------------------------------------------------------- plain text


def _read_text(source: str, data: bytes) -> Iterator[Article | DocumentError]:
    text = _normalise_newlines(decode_text(source, data))
    note = _decoding_note(source, text)
    if note:
        yield note
    if not text.strip():
        raise ReadError(source, "empty document (no text)")
    name = Path(source).stem if source != "<stdin>" else None
    yield Article.build(
        text,
        title=_first_line_title(text) or name,
        published=find_published_date(text) or date_from_path(source),
        name=name,
        source=source,
    )


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _first_line_title(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            line = line.strip()
            return line if len(line) <= MAX_TITLE_CHARS else None
    return None


def find_published_date(text: str) -> str | None:
    """The date a report gives for itself near its top ("Posted September 11, 2017").

    Example:
        >>> find_published_date("Title\\n\\nPosted September 11, 2017\\n\\nBody.")
        '2017-09-11'
    """
    lines = [line for line in text.split("\n")[: DATELINE_SEARCH_LINES * 3] if line.strip()]
    for line in lines[:DATELINE_SEARCH_LINES]:
        if len(line) > 120:
            continue
        match = _DATELINE.match(line) or _BARE_DATE.match(line)
        if match:
            parsed = parse_date(match.group("date"))
            if parsed:
                return parsed
    return None


# A calendar date in a file or folder name: 2016-03-01, 2016_03_01, 20160301, 2016/03/01.
_PATH_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})([-_/.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


def date_from_path(source: str) -> str | None:
    """The publication date a file's name or folders carry (PolNeAR: "breitbart_2015-11-11_slug.txt").

    The last date in the path wins (the file name before its folders); a path
    without one, or with an impossible date, gives None.

    Example:
        >>> date_from_path("polnear/text/breitbart_2015-11-11_the-ninth-circle.txt")
        '2015-11-11'
        >>> date_from_path("news/2016/03/01/report.html"), date_from_path("notes.txt")
        ('2016-03-01', None)
    """
    for match in reversed(list(_PATH_DATE.finditer(source))):
        try:
            return date(int(match.group(1)), int(match.group(3)), int(match.group(4))).isoformat()
        except ValueError:
            continue
    return None


def parse_date(value: Any) -> str | None:
    """Any date-like value -> ISO date string, or None when it is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    iso = re.match(r"^(\d{4}-\d{2}-\d{2})", text)
    if iso:
        try:
            return date.fromisoformat(iso.group(1)).isoformat()
        except ValueError:
            return None
    import dateparser

    parsed = dateparser.parse(text[:80], languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["year"]})
    return parsed.date().isoformat() if parsed else None


# ---------------------------------------------------------------- HTML


def _read_html(source: str, data: bytes, url: str | None = None) -> Iterator[Article | DocumentError]:
    html = decode_text(source, data)
    article = html_to_article(source, html, url)
    yield article


def html_to_article(source: str, html: str, url: str | None = None) -> Article:
    import trafilatura

    if not html.strip():
        raise ReadError(source, "empty document (no HTML)")
    try:
        extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except Exception as error:  # trafilatura raises many types on broken markup
        raise ReadError(source, f"malformed HTML ({type(error).__name__}: {error})") from None
    # With with_metadata=True trafilatura returns a Document (its dict form only when asked for one).
    document: Any = extracted
    if document is None or not (document.text or "").strip():
        raise ReadError(source, "no article text found in the HTML")
    text = _normalise_newlines(document.text)
    return Article.build(
        text,
        title=document.title,
        url=document.url or url,
        outlet=document.sitename or document.hostname,
        published=parse_date(document.date) or find_published_date(text) or date_from_path(source),
        name=Path(source).stem if url is None else None,
        source=source,
    )


# ---------------------------------------------------------------- JSONL

JSONL_FIELDS = {"id", "text", "title", "url", "outlet", "published"}


def _read_jsonl(
    source: str, stream: io.BufferedIOBase | Any, options: ReadOptions
) -> Iterator[Article | DocumentError]:
    seen_any = False
    for number, raw in enumerate(stream, start=1):
        where = f"{source}:{number}"
        if not raw.strip():
            continue
        seen_any = True
        if len(raw) > options.max_document_bytes:
            yield DocumentError(where, _too_large(len(raw), options))
            continue
        try:
            yield jsonl_record_to_article(where, raw)
        except ReadError as error:
            yield DocumentError(error.source, error.problem)
    if not seen_any:
        yield DocumentError(source, "empty document (no JSON lines)")


def jsonl_record_to_article(where: str, raw: bytes | str) -> Article:
    """One JSONL line -> Article; only `text` is required."""
    try:
        line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        record = json.loads(line)
    except UnicodeDecodeError:
        raise ReadError(where, "line is not valid UTF-8") from None
    except json.JSONDecodeError as error:
        raise ReadError(where, f"malformed JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise ReadError(where, "expected a JSON object with a 'text' field")
    _refuse_lone_surrogates(where, record)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ReadError(where, "missing or empty 'text' field")
    published = record.get("published")
    parsed = parse_date(published) if published else None
    if published and not parsed:
        raise ReadError(where, f"'published' is not a date: {str(published)[:40]!r}")
    text = _normalise_newlines(text)
    return Article.build(
        text,
        title=_optional_str(record.get("title")) or _first_line_title(text),
        url=_optional_str(record.get("url")),
        outlet=_optional_str(record.get("outlet")),
        published=parsed or find_published_date(text),
        name=_optional_str(record.get("id")),
        source=where,
    )


def _refuse_lone_surrogates(where: str, record: dict[str, Any]) -> None:
    """JSON may escape half a UTF-16 pair (\\ud800); such text cannot be stored or hashed as UTF-8."""
    for name in sorted(JSONL_FIELDS):
        value = record.get(name)
        if isinstance(value, str):
            found = _LONE_SURROGATE.search(value)
            if found:
                raise ReadError(
                    where,
                    f"{name!r} holds an unpaired UTF-16 surrogate (\\u{ord(found.group()):04x}) at character "
                    f"{found.start()}; fix the encoder that wrote this line",
                )


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    return str(value).strip() or None


# ---------------------------------------------------------------- WARC


def _read_warc(source: str, stream: Any, options: ReadOptions) -> Iterator[Article | DocumentError]:
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{source}#{url or count}"
            content_type = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in content_type.lower():
                continue
            count += 1
            body = record.content_stream().read(options.max_document_bytes + 1)
            if len(body) > options.max_document_bytes:
                yield DocumentError(where, _too_large(len(body), options))
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:
                # The record promised more bytes than the file holds: the WARC was cut short.
                yield DocumentError(
                    source, f"truncated WARC: record {count} ({url}) is cut short; kept {count - 1} records"
                )
                return
            try:
                article = html_to_article(where, decode_text(where, body), url)
                warc_date = parse_date(record.rec_headers.get_header("WARC-Date"))
                if article.published is None and warc_date:
                    # The crawl date is the latest the report can have been published.
                    article = _replace(article, published=warc_date)
                yield article
            except ReadError as error:
                yield DocumentError(error.source, error.problem)
    except Exception as error:  # warcio raises bare exceptions on truncated gzip members
        yield DocumentError(
            source, f"truncated or malformed WARC after {count} records ({type(error).__name__}: {error})"
        )
        return
    if count == 0:
        yield DocumentError(source, "no HTML response records in the WARC")


def _replace(article: Article, **changes: Any) -> Article:
    import dataclasses

    return dataclasses.replace(article, **changes)


# ---------------------------------------------------------------- RSS / Atom


def _read_feed(source: str, data: bytes) -> Iterator[Article | DocumentError]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = "malformed RSS/Atom feed" if feed.bozo else "feed has no items"
        detail = f" ({feed.bozo_exception})" if feed.bozo else ""
        raise ReadError(source, problem + detail)
    outlet = feed.feed.get("title") if feed.feed else None
    for index, entry in enumerate(feed.entries, start=1):
        where = f"{source}#item{index}"
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "") or entry.get("description", "")
        text = _html_fragment_text(body)
        if not text.strip():
            yield DocumentError(where, "feed item has no text or summary")
            continue
        published = None
        for key in ("published_parsed", "updated_parsed"):
            if entry.get(key):
                published = date(*entry[key][:3]).isoformat()
                break
        yield Article.build(
            text,
            title=_optional_str(entry.get("title")),
            url=_optional_str(entry.get("link")),
            outlet=_optional_str(outlet),
            published=published or find_published_date(text),
            name=_optional_str(entry.get("id")),
            source=where,
        )


def _html_fragment_text(fragment: str) -> str:
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fromstring(fragment)
    except Exception:
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for block in root.iter("p", "br", "div", "li"):
        block.tail = "\n\n" + (block.tail or "")
    text: str = root.text_content()
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_READERS_WHOLE = {"text": _read_text, "html": _read_html, "feed": _read_feed}
_READERS_STREAMING = {"jsonl": _read_jsonl, "warc": _read_warc}

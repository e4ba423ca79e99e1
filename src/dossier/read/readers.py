"""Stage `read`: files, folders and stdin in; `Article` records out.

Formats: plain text, HTML (trafilatura), JSONL (one article per line),
WARC (warcio, HTML responses), RSS/Atom (feedparser). A document that
cannot be read becomes a `DocumentError` naming the file and the problem;
the rest of the batch goes on. The readers never raise out of their
iterator: whatever goes wrong inside one input (one file, JSONL line, WARC
record or feed item) is that input's error, and reading goes on with the
next. A missing path is a usage error, raised before anything is read.

Memory is bounded by `--max-doc-mb`: stdin is read up to the limit, a JSONL
line over it is skipped without being held, and gzipped WARC files are
decompressed in bounded chunks (see `dossier.read.streams`).
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
from xml.sax import SAXException

from dossier.errors import InputNotFound, ReadError
from dossier.read import streams
from dossier.records import Article, DocumentError

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
WARC_SUFFIXES = {".warc", ".arc"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}

# A news report over this size is almost certainly a dump or a mistake;
# users who mean it raise the limit with --max-doc-mb.
DEFAULT_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

# The encoding taken when charset detection finds it as likely as its first pick: windows-1252, the
# legacy default of the web (WHATWG) and the usual code page of Western European news (Latin-1 included).
TIE_BREAK_ENCODING = "cp1252"

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
# A time of day after an ISO date ("T25:61:00Z" included): checked, not ignored.
_ISO_TIME = re.compile(r"[Tt ]\d")
_YEAR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
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

    Every path is checked before anything is read: a missing one raises
    `InputNotFound` here, not halfway through the batch. The iterator itself
    never raises; each failure is a `DocumentError` naming its input.

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
    given = [str(item) for item in inputs]
    check_inputs_exist(given)
    return _read_inputs(given, options or ReadOptions())


def check_inputs_exist(inputs: Iterable[str | Path]) -> None:
    """Raise `InputNotFound` naming every input that is neither "-" (stdin) nor an existing path."""
    missing = [str(given) for given in inputs if str(given) != "-" and not Path(given).exists()]
    if missing:
        raise InputNotFound(", ".join(missing))


def _read_inputs(inputs: list[str], options: ReadOptions) -> Iterator[Article | DocumentError]:
    for given in inputs:
        if given == "-":
            yield from _dated(_read_stdin(sys.stdin.buffer, options), options)
            continue
        path = Path(given)
        if not path.is_file() and not path.is_dir():  # a pipe (`<(zcat reports.jsonl.gz)`) or a device
            yield from _dated(_read_special_file(path, options), options)
            continue
        try:
            files = list(_walk(path))
        except OSError as error:
            yield DocumentError(_storable_path(path), f"cannot list the folder ({error.strerror or error})")
            continue
        for file in files:
            yield from _dated(_read_file(file, options), options)


def _dated(items: Iterable[Article | DocumentError], options: ReadOptions) -> Iterator[Article | DocumentError]:
    """Give the run's publication date to the articles that found none of their own."""
    for item in items:
        if options.published and isinstance(item, Article) and item.published is None:
            item = _replace(item, published=options.published)
        yield item


def _read_special_file(path: Path, options: ReadOptions) -> Iterator[Article | DocumentError]:
    """A path that is neither a file nor a folder, read as standard input is: a pipe has no size to check first."""
    source = _storable_path(path)
    try:
        with path.open("rb") as stream:
            yield from _read_stdin(stream, options, source)
    except OSError as error:
        yield DocumentError(source, f"cannot read ({error.strerror or error})")


def _read_stdin(stream: Any, options: ReadOptions, source: str = "<stdin>") -> Iterator[Article | DocumentError]:
    """Standard input, held to the document limit: containers (JSONL, WARC) streamed, anything else read whole."""
    try:
        head, whole = streams.read_head(stream)
        fmt = _sniff_format(source, head)
        if fmt in _READERS_STREAMING:
            yield from _READERS_STREAMING[fmt](source, whole, options)
            return
        data = streams.read_at_most(whole, options.max_document_bytes)
        if data is None:
            raise ReadError(source, _too_large_stream(options))
        yield from _read_bytes(source, data, fmt, options)
    except ReadError as error:
        yield DocumentError(error.source, error.problem)
    except Exception as error:  # a reader bug or an input no reader foresaw: this input's failure alone
        yield _unexpected(source, error)


def _unexpected(source: str, error: BaseException) -> DocumentError:
    text = " ".join(str(error).split())[:300]
    return DocumentError(source, f"cannot be read ({type(error).__name__}: {text})")


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
    except Exception as error:  # a reader bug or an input no reader foresaw: this file's failure alone
        yield _unexpected(source, error)


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
    except Exception as error:  # as in _read_file: the failure belongs to this document
        yield _unexpected(source, error)


# The name before read_bytes_safely was public, for callers not yet moved to it.
_read_bytes_safely = read_bytes_safely


def _too_large(size: int, options: ReadOptions) -> str:
    limit_mb = options.max_document_bytes / (1024 * 1024)
    return f"document is {size / (1024 * 1024):.1f} MB, over the {limit_mb:g} MB limit (raise it with --max-doc-mb)"


def _too_large_stream(options: ReadOptions) -> str:
    limit_mb = options.max_document_bytes / (1024 * 1024)
    return f"input is over the {limit_mb:g} MB limit (raise it with --max-doc-mb)"


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
    if head[:2] == b"\x1f\x8b":
        return "warc"
    encoding = _bom_encoding(head)
    if encoding is not None:
        # UTF-16/32 text: sniff what it says, not its bytes (full of zeros, it would look binary).
        head = head.decode(encoding, "ignore").encode("utf-8")
    start = head[:4096].lstrip().lower()
    if start.startswith(b"warc/"):
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

# Byte order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)


def _bom_encoding(data: bytes) -> str | None:
    """The UTF-16/32 encoding a byte order mark announces; None without one (UTF-8's mark is handled apart)."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding
    return None


def decode_text(source: str, data: bytes) -> str:
    """Decode bytes as UTF-8, or with detection; refuse binary data.

    Raises ReadError for binary data. Replaced characters are kept as
    U+FFFD so offsets stay honest; the caller reports them.
    """
    encoding = _bom_encoding(data)
    if encoding is not None:
        mark = 4 if encoding.startswith("utf-32") else 2
        return data[mark:].decode(encoding, "replace")
    if _looks_binary(data[:4096]):
        raise ReadError(source, "binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise ReadError(source, "cannot detect the text encoding (not UTF-8, and detection failed)")
    # On a short text several code pages decode with no mess at all, and the first pick is often the wrong
    # one (Latin-1 "Grèce" read as cp1250 "Grčce", "habló" as hp_roman8); the web's legacy default wins a tie.
    preferred = next((m for m in matches if m.encoding == TIE_BREAK_ENCODING and m.chaos <= best.chaos), best)
    return str(preferred)


def _decoding_note(source: str, text: str) -> DocumentError | None:
    replaced = text.count("\ufffd")
    if replaced:
        return DocumentError(source, f"warning: {replaced} undecodable characters replaced with U+FFFD")
    return None


# ---------------------------------------------------------------- plain text


def _read_text(source: str, data: bytes) -> Iterator[Article | DocumentError]:
    text = clean_text(decode_text(source, data))
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


# Characters that show as nothing and join or split nothing a reader sees:
# zero-width space, word joiner, BOM inside text, Mongolian vowel separator.
# Left in a name ("Pu\u200btin") they keep it from resolving to its actor.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u180e]")
# Zero-width (non-)joiners and the soft hyphen shape Arabic, Persian and Indic
# text, so they are dropped only between two Latin letters, where they are invisible.
_INVISIBLE_IN_LATIN = re.compile("(?<=[A-Za-z\u00c0-\u024f])[\u200c\u200d\u00ad]+(?=[A-Za-z\u00c0-\u024f])")


def clean_text(text: str) -> str:
    r"""Text as stored: newlines normalised, invisible characters removed (offsets then point into this text).

    Example:
        >>> clean_text("Pu\u200btin met Moon\r\n")
        'Putin met Moon\n'
    """
    text = _INVISIBLE_IN_LATIN.sub("", _INVISIBLE.sub("", text))
    return _normalise_newlines(text)


def _clean_optional(text: str | None) -> str | None:
    if text is None:
        return None
    return " ".join(clean_text(text).split()) or None


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
    lines = [line for line in text.split("\n", DATELINE_SEARCH_LINES * 3)[: DATELINE_SEARCH_LINES * 3] if line.strip()]
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
            day = date.fromisoformat(iso.group(1))
            if _ISO_TIME.match(text, iso.end()):
                datetime.fromisoformat(text.replace("z", "Z"))  # an impossible time (25:61) makes it no date
        except ValueError:
            return None
        return day.isoformat()
    if not _YEAR_DIGITS.search(text):
        # "yesterday" or "2 hours ago" would be resolved against the wall clock, not the report.
        return None
    import dateparser

    parsed = dateparser.parse(text[:80], languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["year"]})
    return parsed.date().isoformat() if parsed else None


# ---------------------------------------------------------------- HTML


def _read_html(source: str, data: bytes, url: str | None = None) -> Iterator[Article | DocumentError]:
    html = decode_text(source, data)
    article, note = read_html_article(source, html, url)
    if note:
        yield note
    yield article


def html_to_article(source: str, html: str, url: str | None = None) -> Article:
    """The article in one HTML page (trafilatura; the flat text when the page is past lxml's limits)."""
    return read_html_article(source, html, url)[0]


def read_html_article(source: str, html: str, url: str | None = None) -> tuple[Article, DocumentError | None]:
    """The article in one HTML page, and a warning when its text had to be read flat (`flat_html`).

    trafilatura finds the article's text and metadata. On a page nested past
    lxml's 256 levels, or with a text node over its 10 MB, it would find no
    text or a part of it, though the text is there: such a page (lxml's own
    parse says so) is read flat instead, its whole text, and the warning says
    so. Raises `ReadError` when no text is found.
    """
    import trafilatura

    if not html.strip():
        raise ReadError(source, "empty document (no HTML)")
    limit = _html_parser_limit(html)
    if limit is not None:  # trafilatura would see the page cut short (and a long text cut at 10 MB)
        return _flat_html_article(source, html, url, limit)
    try:
        extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except Exception as error:  # trafilatura raises many types on broken markup
        raise ReadError(source, f"malformed HTML ({type(error).__name__}: {error})") from None
    # With with_metadata=True trafilatura returns a Document (its dict form only when asked for one).
    document: Any = extracted
    if document is None or not (document.text or "").strip():
        raise ReadError(source, "no article text found in the HTML")
    text = clean_text(document.text)
    article = Article.build(
        text,
        title=_clean_optional(document.title),
        url=document.url or url,
        outlet=document.sitename or document.hostname,
        published=parse_date(document.date) or find_published_date(text) or date_from_path(source),
        name=Path(source).stem if url is None else None,
        source=source,
    )
    return article, None


def _flat_html_article(source: str, html: str, url: str | None, limit: str) -> tuple[Article, DocumentError]:
    from dossier.read.flat_html import flat_text

    text, title = flat_text(html)
    text = clean_text(text)
    if not text.strip():
        raise ReadError(source, "no article text found in the HTML")
    article = Article.build(
        text,
        title=_clean_optional(title),
        url=url,
        published=find_published_date(text) or date_from_path(source),
        name=Path(source).stem if url is None else None,
        source=source,
    )
    note = DocumentError(
        source,
        f"warning: the HTML is past the HTML parser's limits ({limit}); its whole text was read "
        "without telling the article from the rest of the page",
    )
    return article, note


def _html_parser_limit(html: str) -> str | None:
    """lxml's message when `html` runs past one of its limits (nesting depth, text node size); None when not."""
    import lxml.html

    parser = lxml.html.HTMLParser()
    try:
        lxml.html.document_fromstring(html, parser=parser)
    except Exception:  # an empty or unparsable document: its error log still says why
        pass
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            return " ".join(entry.message.split()).removesuffix(", try XML_PARSE_HUGE").split(", use ")[0]
    return None


# ---------------------------------------------------------------- JSONL

JSONL_FIELDS = {"id", "text", "title", "url", "outlet", "published"}


def _read_jsonl(
    source: str, stream: io.BufferedIOBase | Any, options: ReadOptions
) -> Iterator[Article | DocumentError]:
    seen_any = False
    for number, raw, size in streams.bounded_lines(stream, options.max_document_bytes):
        where = f"{source}:{number}"
        if raw is None:
            seen_any = True
            yield DocumentError(where, _too_large(size, options))
            continue
        if not raw.strip():
            continue
        seen_any = True
        try:
            yield jsonl_record_to_article(where, raw)
        except ReadError as error:
            yield DocumentError(error.source, error.problem)
        except Exception as error:  # one line's failure; the next line is read
            yield _unexpected(where, error)
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
    except RecursionError:
        raise ReadError(where, "malformed JSON (nested too deeply to read)") from None
    except ValueError as error:  # e.g. an integer of thousands of digits
        raise ReadError(where, f"malformed JSON ({' '.join(str(error).split())[:200]})") from None
    if not isinstance(record, dict):
        raise ReadError(where, "expected a JSON object with a 'text' field")
    _refuse_lone_surrogates(where, record)
    _refuse_structured_fields(where, record)
    text = record.get("text")
    if isinstance(text, (int, float)):  # a number where the report's words belong: "missing" would mislead
        raise ReadError(where, "'text' is a JSON number; it must be a string")
    if not isinstance(text, str) or not text.strip():
        raise ReadError(where, "missing or empty 'text' field")
    published = record.get("published")
    parsed = parse_date(published) if published else None
    if published and not parsed:
        raise ReadError(where, f"'published' is not a date: {str(published)[:40]!r}")
    text = clean_text(text)
    if not text.strip():
        raise ReadError(where, "missing or empty 'text' field")
    return Article.build(
        text,
        title=_clean_optional(_optional_str(record.get("title"))) or _first_line_title(text),
        url=_optional_str(record.get("url")),
        outlet=_clean_optional(_optional_str(record.get("outlet"))),
        published=parsed or find_published_date(text),
        name=_optional_str(record.get("id")),
        source=where,
    )


def _refuse_structured_fields(where: str, record: dict[str, Any]) -> None:
    """A JSON object or list where text belongs would be stored as its Python repr; say so instead."""
    for name in sorted(JSONL_FIELDS):
        value = record.get(name)
        if isinstance(value, (dict, list, bool)):
            kind = "true/false" if isinstance(value, bool) else type(value).__name__.replace("dict", "object")
            raise ReadError(where, f"{name!r} is a JSON {kind}; it must be a string")


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
        plain = streams.warc_stream(source, stream, options.max_document_bytes)
        for record in ArchiveIterator(plain, block_size=streams.WARC_BUFFER_BYTES):
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
                article, note = read_html_article(where, decode_text(where, body), url)
                if note:
                    yield note
                warc_date = parse_date(record.rec_headers.get_header("WARC-Date"))
                if article.published is None and warc_date:
                    # The crawl date is the latest the report can have been published.
                    article = _replace(article, published=warc_date)
                yield article
            except ReadError as error:
                yield DocumentError(error.source, error.problem)
            except Exception as error:  # this record's failure; the next record is read
                yield _unexpected(where, error)
    except ReadError as error:  # the stream's own bounds (compression ratio, line length, truncated gzip)
        yield DocumentError(error.source, f"{error.problem}; kept {count} records")
        return
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
    if feed.bozo and isinstance(feed.bozo_exception, SAXException):
        # Not well-formed XML: the items are those before the fault, and one cut short there reads as merely empty.
        # Its message only: feedparser reparses a normalised copy, so the line and column it gives are not the file's.
        fault = feed.bozo_exception
        problem = fault.getMessage() if hasattr(fault, "getMessage") else str(fault)
        yield DocumentError(source, f"warning: malformed RSS/Atom feed ({problem}); items read up to the fault")
    outlet = feed.feed.get("title") if feed.feed else None
    for index, entry in enumerate(feed.entries, start=1):
        where = f"{source}#item{index}"
        try:
            yield _feed_item_to_article(where, entry, outlet)
        except ReadError as error:
            yield DocumentError(error.source, error.problem)
        except Exception as error:  # this item's failure; the next item is read
            yield _unexpected(where, error)


def _feed_item_to_article(where: str, entry: Any, outlet: Any) -> Article:
    body = ""
    if entry.get("content"):
        body = entry.content[0].get("value", "")
    body = body or entry.get("summary", "") or entry.get("description", "")
    text = clean_text(_html_fragment_text(body))
    if not text.strip():
        raise ReadError(where, "feed item has no text or summary")
    published = None
    for key in ("published_parsed", "updated_parsed"):
        published = _struct_date(entry.get(key))
        if published:
            break
    return Article.build(
        text,
        title=_clean_optional(_optional_str(entry.get("title"))),
        url=_optional_str(entry.get("link")),
        outlet=_optional_str(outlet),
        published=published or find_published_date(text),
        name=_optional_str(entry.get("id")),
        source=where,
    )


def _struct_date(parsed: Any) -> str | None:
    """feedparser's time tuple as an ISO date; None for none or an impossible one (year 0 or -1)."""
    if not parsed:
        return None
    try:
        return date(*parsed[:3]).isoformat()
    except (ValueError, TypeError, OverflowError):
        return None


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

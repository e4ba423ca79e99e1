"""Bounded streams for the readers: stdin, JSONL lines and (gzipped) WARC files read in pieces of known size.

A reader never holds more than the document limit (`--max-doc-mb`) of one
input at a time, whatever the input claims or hides: stdin is read up to the
limit, a JSONL line past the limit is skipped to its end without being kept,
and a gzipped WARC is decompressed here, in chunks, with a bound on how far
it may expand (a "zip bomb" of zeros is refused after a few megabytes, not
after filling memory) and on how long a line may run (warcio reads header
lines whole, in time quadratic in their length). In a WARC file the header
lines of each record (its WARC headers and, in an HTTP response, the HTTP
headers) are held to MAX_HEADER_LINE_BYTES by `WarcHeaderGuard`, which
follows the records' Content-Length; bodies pass through uncounted.
"""

from __future__ import annotations

import io
import itertools
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from dossier.errors import ReadError

# Bytes read from an input at a time.
CHUNK_BYTES = 64 * 1024

# News HTML gzips to a fifth or a tenth of its size, and WARC headers compress
# better still; real crawls stay well under 30x. Zeros and repeated bytes reach
# 1000x. Past this ratio a gzip stream is refused as a compression bomb.
MAX_COMPRESSION_RATIO = 100
# Below this many decompressed bytes the ratio is not checked: tiny inputs (a
# header-only member) can legitimately reach any ratio.
RATIO_CHECK_FLOOR_BYTES = 1024 * 1024

# The longest header line of a WARC record (WARC or HTTP headers). Real ones
# are a URL at most, a few kilobytes; warcio's cost grows with the square of a line.
MAX_HEADER_LINE_BYTES = 64 * 1024

# warcio reads its lines through a buffer this large: its readline joins
# buffer-sized pieces, so a larger buffer makes a long line cheaper to read.
WARC_BUFFER_BYTES = 256 * 1024


class _ChunkStream(io.RawIOBase):
    """A readable raw stream over an iterator of byte chunks (wrap it in `io.BufferedReader`)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = memoryview(chunk)
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count


def stream_of(chunks: Iterable[bytes], buffer_bytes: int = CHUNK_BYTES) -> io.BufferedReader:
    """A buffered binary stream (read, readline, iteration) over byte chunks."""
    return io.BufferedReader(_ChunkStream(iter(chunks)), buffer_bytes)


def chunks_of(stream: Any) -> Iterator[bytes]:
    """The rest of a binary stream, chunk by chunk."""
    return iter(lambda: stream.read(CHUNK_BYTES), b"")


def read_head(stream: Any, size: int = 4096) -> tuple[bytes, io.BufferedReader]:
    """The first `size` bytes of a stream, and a stream that still starts with them."""
    head = stream.read(size)
    return head, stream_of(itertools.chain([head], chunks_of(stream)))


def read_at_most(stream: Any, limit: int) -> bytes | None:
    """All of a stream when it holds at most `limit` bytes; None (after reading just past the limit) when more."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def bounded_lines(stream: Any, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line or None when over `limit` bytes, its size): an over-long line is skipped, never held."""
    for number in itertools.count(1):
        line = stream.readline(limit + 1)
        if not line:
            return
        size = len(line)
        if size > limit and not line.endswith(b"\n"):
            del line
            size += _skip_to_line_end(stream)
            yield number, None, size
            continue
        yield number, (line if size <= limit else None), size


def _skip_to_line_end(stream: Any) -> int:
    skipped = 0
    while True:
        piece = stream.readline(CHUNK_BYTES)
        skipped += len(piece)
        if not piece or piece.endswith(b"\n"):
            return skipped


def warc_stream(source: str, stream: Any, max_line_bytes: int) -> io.RawIOBase:
    """A WARC file as plain bytes for warcio: gunzipped here when gzipped, bounded in ratio and line length.

    Raises `ReadError` from its reads when the input expands past
    MAX_COMPRESSION_RATIO or runs over `max_line_bytes` without a line break.
    """
    head, rest = read_head(stream, 2)
    chunks: Iterator[bytes] = chunks_of(rest)
    if head == b"\x1f\x8b":
        chunks = gunzip_bounded(source, chunks)
    chunks = guard_warc_headers(source, chunks)
    # Unbuffered: each read gives one chunk, so the records before a bad stretch reach warcio before its error.
    return _ChunkStream(refuse_long_lines(source, chunks, max_line_bytes))


def gunzip_bounded(
    source: str, compressed: Iterable[bytes], max_ratio: float = MAX_COMPRESSION_RATIO
) -> Iterator[bytes]:
    """Decompress gzip members one after another, in chunks, refusing a stream that expands past `max_ratio`."""
    decompressor = zlib.decompressobj(wbits=31)
    member_started = False
    consumed = produced = 0
    for data in compressed:
        consumed += len(data)
        member_started = member_started or bool(data)
        while data:
            try:
                out = decompressor.decompress(data, CHUNK_BYTES)
            except zlib.error as error:
                raise ReadError(source, f"malformed gzip data after {produced} bytes ({error})") from None
            produced += len(out)
            if produced > RATIO_CHECK_FLOOR_BYTES and produced > max_ratio * consumed:
                raise ReadError(
                    source,
                    f"gzip data expands over {max_ratio:g} times ({consumed} bytes gave {produced} and more); "
                    "refused as a compression bomb",
                )
            if out:
                yield out
            if decompressor.eof:
                # The next member, if any, starts in what this one left over.
                data = decompressor.unused_data
                decompressor = zlib.decompressobj(wbits=31)
                member_started = bool(data)
            else:
                data = decompressor.unconsumed_tail
    if member_started and not decompressor.eof:
        raise ReadError(source, f"truncated gzip data: the stream ends inside a member after {produced} bytes")


def refuse_long_lines(source: str, chunks: Iterable[bytes], limit: int) -> Iterator[bytes]:
    """Pass chunks on; raise `ReadError` once a run of over `limit` bytes without a line break goes by."""
    run = 0
    for chunk in chunks:
        first = chunk.find(b"\n")
        if first < 0:
            run += len(chunk)
        elif run + first > limit:
            run = run + first
        else:
            run = len(chunk) - chunk.rfind(b"\n") - 1
        if run > limit:
            raise ReadError(
                source, f"a line runs over {limit} bytes without a break; not a WARC record (raise --max-doc-mb)"
            )
        yield chunk


def guard_warc_headers(source: str, chunks: Iterable[bytes], limit: int = MAX_HEADER_LINE_BYTES) -> Iterator[bytes]:
    """Pass chunks on; raise `ReadError` once a WARC record's header line runs over `limit` bytes.

    Only a stream that starts as a WARC record (`WARC/`) is followed; an ARC
    file or anything else passes unchecked (`refuse_long_lines` still bounds it).
    """
    chunks = iter(chunks)
    first = next(chunks, b"")
    guard = WarcHeaderGuard(source, limit) if first.startswith(b"WARC/") else None
    for chunk in itertools.chain([first], chunks):
        if guard is not None:
            guard.check(chunk)
        yield chunk


class WarcHeaderGuard:
    """Follows WARC records through a byte stream and bounds their header lines, in one pass without copies.

    A record is header lines up to a blank line, then Content-Length bytes of
    block. In a block of `application/http` the lines up to its first blank
    line (the HTTP status and headers) are header lines too; the rest is
    skipped by count. A record with no Content-Length ends the guarding: warcio
    reports that record itself.
    """

    def __init__(self, source: str, limit: int) -> None:
        self.source = source
        self.limit = limit
        self.records = 0
        self.state = "warc"  # "warc" headers, "http" headers inside a block, "body", or "off"
        self.line = bytearray()  # the current header line, kept up to `limit` bytes
        self.remaining = 0  # block bytes still to come ("http" and "body")
        self.content_length: int | None = None
        self.http = False
        self.in_record = False

    def check(self, chunk: bytes) -> None:
        position = 0
        while position < len(chunk) and self.state != "off":
            if self.state == "body":
                taken = min(self.remaining, len(chunk) - position)
                position += taken
                self.remaining -= taken
                if not self.remaining:
                    self.state = "warc"
                continue
            end = len(chunk) if self.state == "warc" else min(len(chunk), position + self.remaining)
            newline = chunk.find(b"\n", position, end)
            stop = end if newline < 0 else newline + 1
            if len(self.line) + stop - position > self.limit:
                raise ReadError(
                    self.source,
                    f"a WARC header line runs over {self.limit} bytes without a break (record {max(1, self.records)}); "
                    "not a WARC record",
                )
            self.line += chunk[position:stop]
            if self.state == "http":
                self.remaining -= stop - position
            position = stop
            if newline >= 0:
                self._end_line(bytes(self.line))
                self.line.clear()
            elif self.state == "http" and not self.remaining:
                self.state, self.line = "warc", bytearray()

    def _end_line(self, line: bytes) -> None:
        blank = not line.strip()
        if self.state == "http":
            if blank:
                self.state = "body" if self.remaining else "warc"
            elif not self.remaining:
                self.state = "warc"
            return
        if not blank:
            self._warc_header(line)
            return
        if not self.in_record:
            return  # blank lines between records
        self.in_record = False
        if self.content_length is None:
            self.state = "off"
        elif self.content_length:
            self.remaining = self.content_length
            self.state = "http" if self.http else "body"

    def _warc_header(self, line: bytes) -> None:
        if line.startswith(b"WARC/"):
            self.records += 1
            self.in_record, self.content_length, self.http = True, None, False
            return
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            try:
                self.content_length = max(0, int(value.strip()))
            except ValueError:
                self.content_length = None
        elif name == b"content-type":
            self.http = value.strip().lower().startswith(b"application/http")

"""Follow feeds and pages as they publish: `dossier watch URL... --every MINUTES`.

Each poll fetches every URL with a conditional GET (If-None-Match /
If-Modified-Since from the last answer's ETag and Last-Modified), so an
unchanged feed costs one 304 and no work. What changed is read by the read
stage (RSS/Atom items with feedparser, a page with trafilatura); items whose
URL or text is already stored are skipped, the rest go through
`pipeline.ingest_articles`, which ends with the incremental linking and
event merging of `pipeline.link_stored`. A fetch that fails is reported and
tried again at the next poll; the watch goes on.

Example:
    >>> with Store.open("dossier.db") as store:  # doctest: +SKIP
    ...     watch(["https://example.org/feed.xml"], store, WatchOptions(every_seconds=900, max_polls=4))
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dossier import __version__
from dossier.pipeline import RunOptions, ingest_articles
from dossier.read.readers import ReadOptions, decode_text, html_to_article, read_bytes_safely
from dossier.records import Article, DocumentError
from dossier.store.database import Store
from dossier.store.queries import stored_urls

USER_AGENT = f"dossier/{__version__} (watch)"
# A feed server that does not answer in this long is tried again at the next poll.
DEFAULT_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class WatchOptions:
    """How often to poll, how many times (None: until stopped), and the run options for new articles."""

    every_seconds: float = 15 * 60
    max_polls: int | None = None
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    run: RunOptions = field(default_factory=RunOptions)


@dataclass
class Validators:
    """What a server said last time, sent back so that it can answer 304 Not Modified."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True)
class UrlResult:
    """One URL in one poll: its HTTP status, the items read, and what went wrong."""

    url: str
    status: int | None
    items: int = 0
    problem: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class PollReport:
    """One poll: each URL's result, and how many articles were stored, skipped and failed."""

    number: int
    urls: tuple[UrlResult, ...]
    stored: int
    skipped: int
    failed: tuple[DocumentError, ...]

    def summary(self) -> str:
        unchanged = sum(result.not_modified for result in self.urls)
        problems = [f"{result.url}: {result.problem}" for result in self.urls if result.problem]
        line = (
            f"poll {self.number}: {self.stored} new article(s) stored, {self.skipped} already stored,"
            f" {len(self.failed)} failed, {unchanged} of {len(self.urls)} URL(s) unchanged"
        )
        return "\n".join([line, *problems])


def watch(
    urls: Sequence[str],
    store: Store,
    options: WatchOptions = WatchOptions(),
    on_poll: Callable[[PollReport], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Poll `urls` every `options.every_seconds` until `options.max_polls` polls (or Ctrl-C); returns the polls done.

    Ctrl-C (KeyboardInterrupt) between or during polls ends the watch: every
    article stored so far stays stored (one transaction per article).
    """
    import httpx

    validators: dict[str, Validators] = {url: Validators() for url in urls}
    polls = 0
    headers = {"User-Agent": USER_AGENT}
    with httpx.Client(follow_redirects=True, timeout=options.timeout_seconds, headers=headers) as client:
        while options.max_polls is None or polls < options.max_polls:
            if polls:
                sleep(options.every_seconds)
            polls += 1
            report = poll(urls, store, options, validators, client, polls)
            if on_poll is not None:
                on_poll(report)
    return polls


def poll(
    urls: Sequence[str],
    store: Store,
    options: WatchOptions,
    validators: dict[str, Validators],
    client: Any,
    number: int = 1,
) -> PollReport:
    """Fetch each URL once (conditionally), then store and analyse what is new."""
    results: list[UrlResult] = []
    items: list[Article | DocumentError] = []
    for url in urls:
        result, read = fetch_and_read(url, validators.setdefault(url, Validators()), client, options)
        results.append(result)
        items.extend(read)
    fresh = list(_not_stored(items, store))
    if not fresh:
        return PollReport(number, tuple(results), 0, len(items) - len(fresh), ())
    before = store.article_count()
    report = ingest_articles(fresh, store, options.run, keep_analyses=False)
    stored = store.article_count() - before
    skipped = len(items) - len(fresh) + report.skipped
    return PollReport(number, tuple(results), stored, skipped, tuple(report.errors))


def fetch_and_read(
    url: str, validators: Validators, client: Any, options: WatchOptions
) -> tuple[UrlResult, list[Article | DocumentError]]:
    """One conditional GET and the articles read from the answer; a failure is the result's `problem`."""
    import httpx

    try:
        response = client.get(url, headers=validators.headers())
    except httpx.HTTPError as error:
        return UrlResult(url, None, problem=f"cannot fetch ({type(error).__name__}: {error})"), []
    if response.status_code == 304:
        return UrlResult(url, 304), []
    if response.status_code != 200:
        return UrlResult(url, response.status_code, problem=f"HTTP {response.status_code}"), []
    validators.etag = response.headers.get("ETag") or validators.etag
    validators.last_modified = response.headers.get("Last-Modified") or validators.last_modified
    read = read_answer(url, response.content, response.headers.get("Content-Type", ""), options)
    problems = [item.problem for item in read if isinstance(item, DocumentError)]
    articles = [item for item in read if isinstance(item, Article)]
    problem = problems[0] if problems and not articles else None
    return UrlResult(url, 200, len(articles), problem), read


def read_answer(url: str, data: bytes, content_type: str, options: WatchOptions) -> list[Article | DocumentError]:
    """A feed's items, or a page as one article with its URL (the read stage's readers)."""
    read_options = ReadOptions(options.run.max_document_bytes)
    if "html" in content_type.lower():
        try:
            return [html_to_article(url, decode_text(url, data), url)]
        except Exception as error:  # a page the reader cannot use is reported, the watch goes on
            return [DocumentError(url, f"cannot read page ({type(error).__name__}: {error})")]
    return list(read_bytes_safely(url, data, None, read_options))


def _not_stored(items: Iterable[Article | DocumentError], store: Store) -> Iterable[Article | DocumentError]:
    """Items whose URL (a feed item's link) or content is not stored yet; reader errors pass through."""
    articles = [item for item in items if isinstance(item, Article)]
    known = stored_urls(store, [article.url for article in articles if article.url])
    for item in items:
        if isinstance(item, DocumentError):
            yield item
        elif not (item.url and item.url in known) and not store.has_article(item.id):
            yield item

"""Shared fixtures: small real-looking reports written here, and the seed paths."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold" / "seeds.json"

REPORT_TEXT = (
    "Ministers meet in Geneva over grain corridor\n\n"
    "Posted March 4, 2022\n\n"
    "Turkish Foreign Minister Mevlut Cavusoglu met his Ukrainian counterpart in Geneva on Thursday.\n\n"
    '"We want the ships to move again," Cavusoglu told reporters after the meeting.\n'
)

REPORT_HTML = """<!DOCTYPE html>
<html><head><title>Talks resume in Geneva | World Desk</title>
<meta property="og:site_name" content="World Desk">
<meta property="article:published_time" content="2022-03-04T10:00:00Z">
</head><body>
<nav>Home | World | Politics</nav>
<article><h1>Talks resume in Geneva</h1>
<p>Turkish Foreign Minister Mevlut Cavusoglu met his Ukrainian counterpart in Geneva on Thursday, officials said.</p>
<p>"We want the ships to move again," Cavusoglu told reporters after the meeting, adding that a deal was close.</p>
<p>The United Nations has pressed both sides to reopen the Black Sea ports before the harvest season begins.</p>
</article>
<footer>Copyright World Desk</footer>
</body></html>"""

REPORT_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>World Desk</title><link>https://example.org</link>
<item><title>Talks resume</title><link>https://example.org/talks</link>
<pubDate>Fri, 04 Mar 2022 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Turkey's foreign minister met his Ukrainian counterpart in Geneva.&lt;/p&gt;</description></item>
<item><title>Ports</title><link>https://example.org/ports</link>
<description>The United Nations pressed both sides to reopen the ports.</description></item>
</channel></rss>"""


def warc_bytes(pages: list[tuple[str, str]]) -> bytes:
    """A WARC file with one HTML response record per (url, html) page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "geneva.txt").write_text(REPORT_TEXT, encoding="utf-8")
    (folder / "talks.html").write_text(REPORT_HTML, encoding="utf-8")
    return folder

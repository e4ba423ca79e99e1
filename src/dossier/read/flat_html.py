"""The text of HTML that the HTML parser gives up on, read in one linear pass over the markup.

lxml (and trafilatura, which parses with it) stops building the tree at 256
levels of nesting and drops a text node over 10 MB, so such a page has "no
article text". Its text is still there: `flat_text` walks the markup tag by
tag with `str.find` (time linear in its length, whatever the nesting),
leaves out scripts, styles and the head, and ends a paragraph at each block
element. Page furniture is not removed: this is the fallback, not the reader.
"""

from __future__ import annotations

import html as entities
import re

# Elements whose content is never text of the page.
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object"})
# Elements that end a paragraph.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
        "pre", "section", "table", "td", "th", "tr", "ul", "body", "html",
    }
)  # fmt: skip
_TAG_NAME = re.compile(r"/?\s*([A-Za-z][A-Za-z0-9:-]*)")
_PARAGRAPH = "\x00"  # a paragraph break while collecting (no HTML text holds it once decoded)
_SPACES = re.compile(r"\s+")
_WINDOW_CHARS = 256 * 1024


def flat_text(html: str) -> tuple[str, str | None]:
    """(the text, the title) of `html`, paragraphs separated by blank lines.

    Example:
        >>> flat_text("<title>Talks</title><div><p>Putin met &amp; Moon.<p>Envoys <b>left</b>.</div>")
        ('Putin met & Moon.\\n\\nEnvoys left.', 'Talks')
    """
    pieces: list[str] = []
    title: list[str] = []
    position = 0
    skipping: str | None = None  # the element whose content is being left out
    in_title = False
    while position < len(html):
        start = html.find("<", position)
        if start < 0:
            start = len(html)
        _collect(html[position:start], in_title, skipping, pieces, title)
        if start == len(html):
            break
        following = html[start + 1 : start + 2]
        if html.startswith("<!--", start):
            end = html.find("-->", start + 4)
            position = len(html) if end < 0 else end + 3
            continue
        if not (following.isalpha() or following in ("/", "!", "?")):
            _collect("<", in_title, skipping, pieces, title)  # a literal "<" in the text
            position = start + 1
            continue
        end = html.find(">", start + 1)
        if end < 0:
            break  # an unclosed tag runs to the end: no more text
        position = end + 1
        match = _TAG_NAME.match(html, start + 1, end)
        if match is None:
            continue  # <!DOCTYPE ...>, <?xml ...?>
        name = match.group(1).lower()
        closing = html[start + 1] == "/"
        if name == "title" and skipping in (None, "head"):
            in_title = not closing
            continue
        if skipping is not None:
            if closing and name == skipping:
                skipping = None
            continue
        if not closing and name in _SKIPPED and html[end - 1] != "/":
            skipping = name
        elif name in _BLOCKS:
            pieces.append(_PARAGRAPH)
    return _paragraphs("".join(pieces)), " ".join(entities.unescape("".join(title)).split()) or None


def _collect(text: str, in_title: bool, skipping: str | None, pieces: list[str], title: list[str]) -> None:
    if in_title:
        title.append(text)
    elif skipping is None:
        pieces.append(text)


def _paragraphs(collected: str) -> str:
    paragraphs = (_squeezed(part).strip() for part in collected.split(_PARAGRAPH))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _squeezed(text: str) -> str:
    """`text` with entities decoded and each run of whitespace one space, a window at a time.

    One `re.sub` over a paragraph of millions of words would hold a string
    per word at once (a 19 MB paragraph: 370 MB); windows cut after a run of
    whitespace (which no entity spans) hold one window's.
    """
    windows = []
    begin = 0
    while begin < len(text):
        end = min(len(text), begin + _WINDOW_CHARS)
        boundary = _SPACES.search(text, end)
        end = boundary.end() if boundary else len(text)
        windows.append(_SPACES.sub(" ", entities.unescape(text[begin:end])))
        begin = end
    return "".join(windows)

"""Headlines read in the report's own casing before parsing.

A headline or a wire slug written in capitals ("NORTH KOREA FIRES MISSILE
INTO SEA OF JAPAN") or in title case ("Paris Terror Attacks Highlight
Threat Posed by NRA") defeats the tagger and the entity recogniser: spaCy
reads every capitalised word as a proper noun and takes the line for one
long name, so the line's actors are lost or merged with the words around
them. Before parsing, such a line is written as the report writes its words
elsewhere: each word takes the casing it has most often in the report's
other lines, sentence-initial capitals not counted ("North", "Korea",
"fires", "NATO"). A word the report uses nowhere else is lower-cased in a
shouted line (kept as it is when it holds a full stop, "U.S.", or is a
two-letter word that is no common English word, "UN") and kept as written
in a title-cased one, where its capital may be a name's. The line's first
letter stays a capital. Only the letters' case changes, so every character
offset is the article's own; a word whose lower case has another length is
left as it is.
"""

from __future__ import annotations

import re
from collections import Counter

# A shouted line: at least this many letters, every one a capital, in at least two words.
MIN_SHOUTED_LETTERS = 8
# A title-cased line: this many words of four letters or more, each capitalised, in a line no longer than
# a headline.
MIN_TITLE_WORDS = 3
MAX_TITLE_CHARS = 200
SHOUTED, TITLED = "shouted", "titled"
# A word: an acronym with full stops ("U.S."), or letters joined by apostrophes and hyphens.
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['’-][^\W\d_]+)*")
# What ends the text before a word that opens a sentence: there a capital says nothing of the word.
_BEFORE_SENTENCE = frozenset('.!?:"“‘(')
# Two-letter words that are ordinary English, not acronyms, when the report writes them nowhere else.
COMMON_SHORT_WORDS = frozenset(
    "a an as at be by do go he if in is it me my no of on or so to up us we".split()
)  # fmt: skip


def recase_shouted_lines(text: str) -> str:
    """`text` with each shouted or title-cased line in the report's own casing (same length, same characters
    but for case).

    Example:
        >>> recase_shouted_lines("NATO WARNS RUSSIA OVER DRILLS\\nNATO said Russia held drills.")
        'NATO warns Russia over drills\\nNATO said Russia held drills.'
    """
    lines = text.splitlines(keepends=True)
    kinds = [_headline_kind(line) for line in lines]
    if not any(kinds):
        return text
    wanted = {word.lower() for line, kind in zip(lines, kinds, strict=True) if kind for word in _WORD.findall(line)}
    casing = _usual_casing("".join(line for line, kind in zip(lines, kinds, strict=True) if not kind), wanted)
    return "".join(
        _recase(line, casing, kind == SHOUTED) if kind else line for line, kind in zip(lines, kinds, strict=True)
    )


def is_title_cased(line: str) -> bool:
    """A headline in title case: every word of four letters or more capitalised, at least three such words,
    not all of them in capitals ("Paris Terror Attacks Highlight Threat Posed by NRA")."""
    if len(line) > MAX_TITLE_CHARS:
        return False
    long_words = [word for word in _WORD.findall(line) if len(word) >= 4]
    if len(long_words) < MIN_TITLE_WORDS or not all(word[0].isupper() for word in long_words):
        return False
    return not all(word.isupper() for word in long_words)


def _headline_kind(line: str) -> str | None:
    if is_shouted(line):
        return SHOUTED
    if is_title_cased(line):
        return TITLED
    return None


def is_shouted(line: str) -> bool:
    """Every letter of the line a capital, enough of them, in two words or more."""
    if line != line.upper():  # most lines, at C speed
        return False
    letters = [ch for ch in line if ch.isalpha()]
    if len(letters) < MIN_SHOUTED_LETTERS or not all(ch.isupper() for ch in letters):
        return False
    return len(_WORD.findall(line)) >= 2


def _usual_casing(body: str, wanted: set[str]) -> dict[str, str]:
    """The most frequent spelling in `body` of each wanted word (by its lower case); the first seen wins a tie.

    A word opening a sentence is not counted: its capital is the sentence's, not the word's. The body is
    searched for the wanted words alone (one regular expression), not split into all its words.
    """
    if not wanted or not body:
        return {}
    alternatives = "|".join(re.escape(word) for word in sorted(wanted, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w'’.-])(?:{alternatives})(?![\w'’-])", re.IGNORECASE)
    seen: dict[str, Counter[str]] = {}
    for match in pattern.finditer(body):
        form = match.group()
        if not _opens_sentence(body, match.start()) or form.isupper():
            seen.setdefault(form.lower(), Counter())[form] += 1
    return {key: forms.most_common(1)[0][0] for key, forms in seen.items()}


def _opens_sentence(text: str, start: int) -> bool:
    """The word at `start` opens a line or follows a sentence mark, an opening quote or a bracket."""
    before = text[max(0, start - 4) : start]
    stripped = before.rstrip()
    if not stripped:
        return start <= 4 or "\n" in before
    return stripped[-1] in _BEFORE_SENTENCE


def _recase(line: str, casing: dict[str, str], shouted: bool) -> str:
    """The line's words in the report's casing; a word it does not use elsewhere is lower-cased in a shouted
    line and kept as written in a title-cased one (a capital there may be a name's)."""
    pieces: list[str] = []
    last = 0
    first = True
    for match in _WORD.finditer(line):
        word = match.group()
        recased = _word_casing(word, casing) if shouted else casing.get(word.lower(), word)
        if first:
            recased = recased[:1].upper() + recased[1:]
            first = False
        if len(recased) != len(word):
            recased = word
        pieces.append(line[last : match.start()])
        pieces.append(recased)
        last = match.end()
    pieces.append(line[last:])
    return "".join(pieces)


def _word_casing(word: str, casing: dict[str, str]) -> str:
    lowered = word.lower()
    known = casing.get(lowered)
    if known is not None:
        return known
    if "." in word or (len(word) == 2 and lowered not in COMMON_SHORT_WORDS):
        return word  # "U.S.", "UN": an acronym the report does not spell out elsewhere
    return lowered

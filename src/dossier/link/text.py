"""Text side of the `link` stage: sentence splitting and the word sets sentences are compared on.

The stored article text is all the link stage sees (no spaCy parse), so the
splitter is rule-based and fast. Sentences are compared on *normalised
words*: case and dots dropped ("U.S." = "us"), name variants mapped to one
label ("Russian Federation" = "Russia"), function words dropped, and a light
suffix stripping so "sanctions" = "sanction". The knowledge behind this
(stop words, abbreviations, name variants) is data in `link/data/`, read
through `dossier.datafiles`; users layer their own files on top with
`DOSSIER_LINK_DATA` (see docs/link.md).
"""

from __future__ import annotations

import bisect
import csv
import importlib.util
import itertools
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dossier.datafiles import layered_tables, read_rows, read_words
from dossier.errors import DataFileError
from dossier.memo import looked_up

DATA_DIR = Path(__file__).parent / "data"
DATA_ENV = "DOSSIER_LINK_DATA"
TABLE_FILES = ("stopwords.txt", "abbreviations.txt", "variants.tsv")
VARIANT_COLUMNS = ("variant", "canonical")

# A word: letters, digits, dots and apostrophes kept together ("U.S.",
# "China's", "won't"), dots then dropped; hyphens split words so
# "step-by-step" and "step by step" compare equal.
_WORD = re.compile(r"[\w.'’]+")
# The same words in ASCII text, a quarter faster: sre tests an ASCII class without looking up Unicode tables.
_ASCII_WORD = re.compile(r"[\w.']+", re.ASCII)
# A candidate sentence end: terminal punctuation, any closing quotes or
# brackets, then white space. Paragraph breaks always end a sentence.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n\s*")
_INITIALISM = re.compile(r"(?:\b[^\W\d_]\.){2,}$|\b[^\W\d_]\.$")
_LAST_WORD = re.compile(r"([^\W\d_]+)\.$")
_VARIANT_START = "\x00"  # cached form of a token that may begin a name variant
# Tokens whose normal forms a vocabulary keeps (a bounded cache: vocabularies of big corpora are long-tailed).
MAX_CACHED_FORMS = 500_000
# The first character after a candidate sentence end that is not a space or a tab ("" at the end of the text).
_NEXT_CHARACTER = re.compile(r"[ \t]*([^ \t]?)")


@dataclass(frozen=True)
class LinkVocabulary:
    """What normalisation needs: stop words, abbreviations and name variants."""

    stopwords: frozenset[str]
    abbreviations: frozenset[str]
    # first word -> list of (words, canonical label, needs upper case), longest first
    variants: dict[str, tuple[tuple[tuple[str, ...], str, bool], ...]]
    longest_variant: int
    # token as written -> its normal form ("" to drop), filled as tokens are met
    content: dict[str, str] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: offsets into its stored text."""

    start: int
    end: int
    text: str


# ------------------------------------------------------------------ data


def _data_files(name: str, user_data: str) -> list[Path]:
    """The shipped file `name`, then each user file for that table (from the value of DOSSIER_LINK_DATA)."""
    return [path for table, path in layered_tables(DATA_DIR, TABLE_FILES, DATA_ENV, user_data) if table == name]


def _load_word_list(name: str, user_data: str) -> frozenset[str]:
    words: set[str] = set()
    for path in _data_files(name, user_data):
        for _, word in read_words(path):
            words.add(unicodedata.normalize("NFKC", word).casefold().replace("’", "'"))
    return frozenset(words)


def _variant_rows(user_data: str) -> Iterator[tuple[str, int, str, str]]:
    """(path, line, variant, canonical) from country_converter, then the shipped and user TSVs."""
    yield from _country_names()
    for path in _data_files("variants.tsv", user_data):
        for number, row in read_rows(path, required=VARIANT_COLUMNS):
            if not row["variant"] or not row["canonical"]:
                raise DataFileError(str(path), number, "expected 'variant<TAB>canonical', a name in each")
            yield str(path), number, row["variant"], row["canonical"]


def _country_names() -> Iterator[tuple[str, int, str, str]]:
    """Every country's short and official name, labelled by its ISO alpha-3 code."""
    # Found without importing country_converter, which imports pandas (a second of start-up).
    spec = importlib.util.find_spec("country_converter")
    if spec is None or not spec.submodule_search_locations:
        return
    path = Path(next(iter(spec.submodule_search_locations))) / "country_data.tsv"
    if not path.is_file():
        return
    table = path.read_text(encoding="utf-8")
    reader = csv.DictReader(table.splitlines(), delimiter="\t")
    for number, row in enumerate(reader, start=2):
        code = (row.get("ISO3") or "").strip()
        if not code:
            continue
        for column in ("name_short", "name_official"):
            name = re.sub(r"\s*\(.*?\)", "", row.get(column) or "").strip()
            if name:
                yield "country_converter/country_data.tsv", number, name, code


@lru_cache(maxsize=4)
def _load_vocabulary(user_data: str) -> LinkVocabulary:
    stopwords = _load_word_list("stopwords.txt", user_data)
    abbreviations = _load_word_list("abbreviations.txt", user_data)
    grouped: dict[str, dict[tuple[str, ...], tuple[str, bool]]] = {}
    longest = 1
    for path, number, variant, canonical in _variant_rows(user_data):
        words = tuple(w.lower() for w, _ in raw_words(variant))
        while len(words) > 1 and words[0] in stopwords:  # "The Gambia" = "Gambia": "the" is dropped anyway
            words = words[1:]
        if not words:
            raise DataFileError(path, number, f"variant {variant!r} has no words")
        needs_upper = not any(ch.islower() for ch in variant)
        grouped.setdefault(words[0], {})[words] = ("=" + canonical.casefold(), needs_upper)
        longest = max(longest, len(words))
    variants = {
        first: tuple(sorted(((w, c, u) for w, (c, u) in entries.items()), key=lambda e: -len(e[0])))
        for first, entries in grouped.items()
    }
    return LinkVocabulary(stopwords, abbreviations, variants, longest)


def load_vocabulary() -> LinkVocabulary:
    """The shipped link data with the user's `DOSSIER_LINK_DATA` folders layered on top."""
    return _load_vocabulary(os.environ.get(DATA_ENV, ""))


# ------------------------------------------------------------------ sentences


def split_sentences(text: str, vocabulary: LinkVocabulary | None = None) -> list[Sentence]:
    """Sentences of a text with their offsets, by rule.

    Example:
        >>> [s.text for s in split_sentences("Mr. Moon met Mr. Putin. They spoke in Vladivostok.")]
        ['Mr. Moon met Mr. Putin.', 'They spoke in Vladivostok.']
    """
    abbreviations = (vocabulary or load_vocabulary()).abbreviations
    sentences: list[Sentence] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if text[match.start()] == "." and not _ends_sentence(text, match.start(), end, abbreviations):
            continue
        _add_sentence(text, start, end, sentences)
        start = end
    _add_sentence(text, start, len(text), sentences)
    return sentences


def _ends_sentence(text: str, period: int, end: int, abbreviations: frozenset[str]) -> bool:
    """Whether the period at `period` ends a sentence, judging by the word before and after."""
    following = _NEXT_CHARACTER.match(text, end).group(1)  # type: ignore[union-attr]  # it matches everywhere
    if following == "\n" or not following:
        return True
    if following.isdigit() or following.islower():
        return False
    before = text[max(0, period - 40) : period + 1]
    # An initialism ends in a letter after a word boundary ("U.S.", "J."): after two word characters it cannot,
    # and the search (most periods end a longer word) is left out.
    if not (period >= 2 and _is_word_character(text[period - 2])) and _INITIALISM.search(before):
        return False
    # Nor can a word of more ASCII letters than the longest abbreviation be one.
    longest = _longest(abbreviations)
    letters = text[max(0, period - longest - 1) : period]
    if longest < 40 and len(letters) == longest + 1 and letters.isascii() and letters.isalpha():
        return True
    last = _LAST_WORD.search(before)
    return not (last and last.group(1).casefold() in abbreviations)


@lru_cache(maxsize=8)
def _longest(words: frozenset[str]) -> int:
    """The length of the longest of the words (a frozenset keeps its hash, so the cache lookup is quick)."""
    return max(map(len, words), default=0)


def _is_word_character(character: str) -> bool:
    """Whether `re`'s \\w matches the character: an alphanumeric one (`str.isalnum`) or the underscore."""
    return character.isalnum() or character == "_"


def _add_sentence(text: str, start: int, end: int, sentences: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end]))


# ------------------------------------------------------------------ words


def raw_words(text: str) -> list[tuple[str, bool]]:
    """(word without dots or possessive, written all in capitals) for each word of a text.

    Example:
        >>> raw_words("The U.S. and China's envoy")
        [('The', False), ('US', True), ('and', False), ('China', False), ('envoy', False)]
    """
    words: list[tuple[str, bool]] = []
    for word in _WORD.findall(unicodedata.normalize("NFKC", text)):
        if "." in word or "'" in word or "’" in word:  # rare: keep the common path short
            word = word.replace("’", "'").strip("'")
            if word.endswith(("'s", "'S")):
                word = word[:-2]
            word = word.replace(".", "")
            if not word:
                continue
        words.append((word, word.isupper()))
    return words


def written_words(text: str) -> list[str]:
    """The words of `raw_words`, as written, without their all-capitals flags.

    Example:
        >>> written_words("The U.S. envoy met Mr. Li..."), written_words("China's envoy")
        (['The', 'US', 'envoy', 'met', 'Mr', 'Li'], ['China', 'envoy'])
    """
    if text.isascii() and "'" not in text:
        # The common case in one pass, as `surface_words` takes it: a dot is a word character of `_WORD`,
        # so dropping dots before splitting joins a word as `raw_words` does and a word of dots vanishes.
        return _ASCII_WORD.findall(text.replace(".", ""))
    return [word for word, _ in raw_words(text)]


def surface_words(text: str) -> list[str]:
    """Lower-cased words as written: what exact copies and near-duplicates are judged on.

    Example:
        >>> surface_words("The U.S. envoy met Mr. Li in 2.5 hours..."), surface_words("China's envoy")
        (['the', 'us', 'envoy', 'met', 'mr', 'li', 'in', '25', 'hours'], ['china', 'envoy'])
    """
    if text.isascii() and "'" not in text:
        # The common case in one pass: dots dropped within a word join it as `raw_words` does, a word of
        # dots only vanishes, and ASCII has nothing for NFKC to change or casefold to do beyond lower().
        return _ASCII_WORD.findall(text.replace(".", "").lower())
    return [word.casefold() for word, _ in raw_words(text)]


def normalised_words_of(texts: Iterable[str], vocabulary: LinkVocabulary) -> list[tuple[str, ...]]:
    """`normalised_words` of many texts, each as a tuple: the tokens' normal forms looked up in C loops.

    Each text takes one `findall` and one `map` over its tokens; the tokens not seen before are found for the
    whole batch in one set difference. A Python loop over every token (the cache check, then the lookups)
    was most of the cost of normalising a batch.

    Example:
        >>> normalised_words_of(["Russian Federation rejected the sanctions", "The vote"], load_vocabulary())
        [('=rus', 'reject', 'sanction'), ('vot',)]
    """
    prepared = [text if text.isascii() else unicodedata.normalize("NFKC", text) for text in texts]
    tokens = [(_ASCII_WORD if text.isascii() else _WORD).findall(text) for text in prepared]
    normals = looked_up(tokens, vocabulary.content, MAX_CACHED_FORMS, lambda token: _token_form(token, vocabulary))
    counts = list(map(len, tokens))
    forms_of = iter(normals)
    found = [tuple(filter(None, itertools.islice(forms_of, count))) for count in counts]
    # The texts holding a word that may start a name variant take the careful path, each found by `list.index`.
    ends = list(itertools.accumulate(counts))
    at = -1
    while True:
        try:
            at = normals.index(_VARIANT_START, at + 1)
        except ValueError:
            return found
        text = bisect.bisect_right(ends, at)
        found[text] = tuple(_normalise_with_variants(prepared[text], vocabulary))
        at = ends[text] - 1  # on from the next text


def normalised_words(text: str, vocabulary: LinkVocabulary) -> list[str]:
    """Content words with name variants merged and suffixes stripped: what rewordings are judged on.

    Example:
        >>> normalised_words("Russian Federation rejected the sanctions", load_vocabulary())
        ['=rus', 'reject', 'sanction']
    """
    # Fast path: each token as written maps to its normal form through one cache lookup;
    # sentences holding a word that may start a name variant take the careful path.
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    tokens = _WORD.findall(text)
    forms = vocabulary.content
    if len(forms) > MAX_CACHED_FORMS:
        forms.clear()
    for token in tokens:
        if token not in forms:
            forms[token] = _token_form(token, vocabulary)
    normals = [forms[token] for token in tokens]
    if _VARIANT_START not in normals:
        return [normal for normal in normals if normal]
    return _normalise_with_variants(text, vocabulary)


def _token_form(token: str, vocabulary: LinkVocabulary) -> str:
    """Normal form of one token as `_WORD` finds it: "" to drop, or a marker for a possible name variant."""
    found = raw_words(token)
    if not found:
        return ""
    written, upper = found[0]
    word = written.lower()
    entries = vocabulary.variants.get(word, ())
    if any(upper or not needs_upper for _, _, needs_upper in entries):
        return _VARIANT_START
    return "" if word in vocabulary.stopwords else stem(word)


def _normalise_with_variants(text: str, vocabulary: LinkVocabulary) -> list[str]:
    words = raw_words(text)
    lowered = [w.lower() for w, _ in words]
    result: list[str] = []
    i = 0
    while i < len(words):
        word = lowered[i]
        if word in vocabulary.variants:
            label, width = _match_variant(words, lowered, i, vocabulary)
            if label is not None:
                result.append(label)
                i += width
                continue
        if word not in vocabulary.stopwords:
            result.append(stem(word))
        i += 1
    return result


def _match_variant(
    words: list[tuple[str, bool]], lowered: list[str], i: int, vocabulary: LinkVocabulary
) -> tuple[str | None, int]:
    for variant, label, needs_upper in vocabulary.variants.get(lowered[i], ()):
        width = len(variant)
        if tuple(lowered[i : i + width]) != variant:
            continue
        if needs_upper and not all(upper for _, upper in words[i : i + width]):
            continue
        return label, width
    return None, 0


def stem(word: str) -> str:
    """Light suffix stripping: plurals, -ed, -ing and a final e, so inflections compare equal.

    Example:
        >>> [stem(w) for w in ("sanctions", "agreed", "agree", "countries", "carried", "stopped")]
        ['sanction', 'agre', 'agre', 'country', 'carry', 'stop']
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ied") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("eed"):
        word = word[:-1]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    return word


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """|A ∩ B| / |A ∪ B| of two word sets; 0 when both are empty."""
    first, second = set(a), set(b)
    union = len(first | second)
    return len(first & second) / union if union else 0.0

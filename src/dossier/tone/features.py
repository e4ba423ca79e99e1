"""What a sentence says around one mention: its cue words in the mention's own clause, and vectors.

Tone is target-dependent: in "Putin rejected Trump's call, calling the
sanctions useless" the words that judge Putin are not all the words that
judge Trump. A mention's scope is the clause that governs it (the subtree of
the nearest verb above it), less what that clause reports: a clausal
complement ("said that ...", "told Putin that ...") and quoted words speak
of their own participants, not of the speaker.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from dossier.tone.embeddings import StaticEmbeddings
from dossier.tone.lexicon import NEGATORS
from dossier.tone.sequence import UNIVERSAL_POS, mention_columns

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

VERB_POS = frozenset({"VERB", "AUX"})
# Children of the governing verb whose words speak of someone else: what is said, believed or quoted.
REPORTED_DEPS = frozenset({"ccomp", "parataxis"})
# The roles a mention can have in its clause; anything else is "other".
ROLES = ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "compound")
# Words either side of a mention that make its window (a short phrase, tuned on the tuning part: 3-8 alike).
WINDOW_TOKENS = 5
# Tokens before a cue searched for a negator ("did not even praise").
NEGATION_REACH = 3
# The universal part of speech's column in `SentenceView.token_columns`.
_POS_COLUMN = {name: column for column, name in enumerate(UNIVERSAL_POS)}


@dataclass(frozen=True)
class Cue:
    """One cue word in a mention's scope, its score after negation."""

    token: int
    text: str
    score: float


@dataclass(frozen=True)
class MentionContext:
    """One mention in its sentence: scope, cues, and the feature vector the classifier reads."""

    cues: tuple[Cue, ...]
    lexicon_score: float
    features: np.ndarray
    # The sequence reader's columns that follow the mention, a row per token (`sequence.mention_columns`).
    positions: np.ndarray | None = None


def governing_verb(span: Span) -> Token:
    """The nearest verb (or copula) above a mention; the sentence root when there is none."""
    token = span.root
    while token.pos_ not in VERB_POS and token.head.i != token.i:
        token = token.head
    return token


def scope_tokens(span: Span, quoted: Sequence[tuple[int, int]]) -> list[Token]:
    """The words of the mention's clause that can speak of it (the mention itself left out)."""
    verb = governing_verb(span)
    inside = set(range(span.start, span.end))
    reported: set[int] = set()
    for child in verb.children:
        if child.dep_ in REPORTED_DEPS and not any(t.i in inside for t in child.subtree):
            reported.update(t.i for t in child.subtree)
    outside_quotes = [(a, b) for a, b in quoted if not (a <= span.start_char < b)]
    if not outside_quotes:
        return [t for t in verb.subtree if t.i not in inside and t.i not in reported]
    return [
        t
        for t in verb.subtree
        if t.i not in inside and t.i not in reported and not any(a <= t.idx < b for a, b in outside_quotes)
    ]


def is_negated(token: Token) -> bool:
    """A negator on the cue or its head, or just before it."""
    if any(child.dep_ == "neg" for child in token.children):
        return True
    if token.head.i != token.i and any(child.dep_ == "neg" for child in token.head.children):
        return True
    doc = token.doc
    start = max(token.i - NEGATION_REACH, token.sent.start)
    return any(doc[i].lower_ in NEGATORS for i in range(start, token.i))


def find_cues(tokens: Sequence[Token], cues: dict[str, float]) -> list[Cue]:
    """Cue words among some tokens (by form, then lemma), turned around when negated."""
    found = []
    for token in tokens:
        score = cues.get(token.lower_)
        if score is None:
            score = cues.get(token.lemma_.lower())
        if score is None:
            continue
        if is_negated(token):
            score = -score / 2  # "not corrupt" is weaker praise than "honest"
        found.append(Cue(token.i, token.text, score))
    return found


def lexicon_score(cues: Sequence[Cue]) -> float:
    """Sum of cue scores squashed into [-1, 1]."""
    return float(np.tanh(sum(c.score for c in cues)))


def quoted_spans(sentence: Span, quotes: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Character ranges quoted in a sentence: between paired double quote marks, and the given quotes."""
    spans = [(a, b) for a, b in quotes if a < sentence.end_char and b > sentence.start_char]
    text = sentence.text_with_ws
    if '"' not in text and "“" not in text and "”" not in text:  # most sentences: no token to look at
        return spans
    opened: int | None = None
    for token in sentence:
        if token.text in ("“", '"') and opened is None:
            opened = token.idx
        elif token.text in ("”", '"') and opened is not None:
            spans.append((opened, token.idx + 1))
            opened = None
    return spans


def role_vector(span: Span) -> list[float]:
    dep = span.root.dep_
    return [1.0 if dep == role else 0.0 for role in ROLES] + [0.0 if dep in ROLES else 1.0]


def polarity_sums(cues: Sequence[Cue]) -> list[float]:
    return [sum(c.score for c in cues if c.score > 0), -sum(c.score for c in cues if c.score < 0), float(len(cues))]


class SentenceView:
    """What `mention_context` reads of one sentence's tokens, worked out once for all the mentions in it.

    A sentence naming five actors was read five times: each token's cue (its
    lexicon score, negation) and word vector, and the quoted stretches, are
    the same for every mention, so they are looked up once per token here. A
    token outside the sentence (a window past its end, a mention that crosses
    into the next one) is looked up as it is asked for.
    """

    def __init__(
        self, sentence: Span, cues: dict[str, float], vectors: StaticEmbeddings, quotes: Sequence[tuple[int, int]]
    ) -> None:
        self.sentence = sentence
        self.start = sentence.start
        self.doc = sentence.doc
        self.quoted = quoted_spans(sentence, quotes)
        self._cues = cues
        self._vectors = vectors
        tokens = list(sentence)
        self._cue_of = [_cue(token, cues) for token in tokens]
        # The sentence's cues by document index: most sentences hold none or a few, so a mention's
        # cues are found among them rather than by looking at each of its tokens.
        self._cue_by_index = {cue.token: cue for cue in self._cue_of if cue is not None}
        self._vector_of = [vectors.vector(token.text) for token in tokens]
        self._known: np.ndarray | None = None
        self._matrices: dict[int, np.ndarray] = {}
        self._token_columns: np.ndarray | None = None
        self._neighbours: list[list[int]] | None = None

    def word_matrix(self, vectors: StaticEmbeddings | None = None) -> np.ndarray:
        """The sentence's word vectors, a row per token (zeros for an unknown word); `vectors` instead of the view's.

        Worked out once per sentence and table: every mention in the sentence reads the same matrix.
        """
        table = vectors or self._vectors
        matrix = self._matrices.get(id(table))
        if matrix is None:
            found = self._vector_of if table is self._vectors else [table.vector(t.text) for t in self.sentence]
            zeros = np.zeros(table.dims, np.float32)
            matrix = np.stack([zeros if v is None else v for v in found]).astype(np.float32)
            self._matrices[id(table)] = matrix
        return matrix

    def token_columns(self) -> np.ndarray:
        """The sequence reader's columns that every mention of the sentence shares, a row per token.

        In a quoted stretch; the cue score when positive, minus it when negative (after negation); the
        universal part of speech, one-hot. Worked out once per sentence.
        """
        if self._token_columns is None:
            columns = np.zeros((len(self._cue_of), 3 + len(UNIVERSAL_POS)), dtype=np.float32)
            quoted = self.quoted
            for row, (token, cue) in enumerate(zip(self.sentence, self._cue_of, strict=True)):
                if quoted:
                    columns[row, 0] = any(a <= token.idx < b for a, b in quoted)
                if cue is not None:
                    columns[row, 1 if cue.score > 0 else 2] = abs(cue.score)
                column = _POS_COLUMN.get(token.pos_)
                if column is not None:
                    columns[row, 3 + column] = 1.0
            self._token_columns = columns
        return self._token_columns

    def neighbours(self) -> list[list[int]]:
        """Per token of the sentence: the tokens one dependency arc away (head and children), as offsets in it."""
        if self._neighbours is None:
            size = len(self._cue_of)
            found: list[list[int]] = [[] for _ in range(size)]
            for offset, token in enumerate(self.sentence):
                head = token.head.i - self.start
                if head != offset and 0 <= head < size:
                    found[offset].append(head)
                    found[head].append(offset)
            self._neighbours = found
        return self._neighbours

    def cues_at(self, indexes: Iterable[int]) -> list[Cue]:
        """The cues among the tokens at these document indexes, in their order (as `find_cues` gives them)."""
        return [cue for cue in map(self._cue_at, indexes) if cue is not None]

    def cues_between(self, start: int, end: int, skip: range) -> list[Cue]:
        """`cues_at` the document indexes start..end-1 less those in `skip`, in their order."""
        first, last = self.start, self.start + len(self._cue_of)
        found = [self._cue_at(i) for i in range(start, min(end, first)) if i not in skip]
        found += [cue for i, cue in self._cue_by_index.items() if max(start, first) <= i < end and i not in skip]
        found += [self._cue_at(i) for i in range(max(start, last), end) if i not in skip]
        return [cue for cue in found if cue is not None]

    def cues_within(self, indexes: Sequence[int]) -> list[Cue]:
        """`cues_at` of indexes inside the sentence."""
        cues = self._cue_by_index
        return [cues[i] for i in indexes if i in cues] if cues else []

    def mean_at(self, indexes: Iterable[int]) -> np.ndarray:
        """The mean word vector of the tokens at these document indexes (as `StaticEmbeddings.mean`)."""
        return self._vectors.mean_of([self._vector_at(i) for i in indexes])

    def mean_within(self, offsets: np.ndarray) -> np.ndarray:
        """`mean_at` of tokens of the sentence given by their offsets in it, ascending or not: the same sum.

        The known rows are summed from the sentence's matrix in one numpy call, in the order given, which
        is the order and the arithmetic of `mean_at`'s (float32 rows added one after another).
        """
        if self._known is None:
            self._known = np.array([vector is not None for vector in self._vector_of], dtype=bool)
        if not len(offsets):  # an empty window is a float array to numpy, no index
            return np.zeros(self._vectors.dims, dtype=np.float32)
        rows = offsets[self._known[offsets]]
        if not len(rows):
            return np.zeros(self._vectors.dims, dtype=np.float32)
        total = np.add.reduce(self.word_matrix()[rows], axis=0)
        return np.true_divide(total, np.intp(len(rows)), out=total, casting="unsafe")

    def _cue_at(self, index: int) -> Cue | None:
        offset = index - self.start
        if 0 <= offset < len(self._cue_of):
            return self._cue_of[offset]
        return _cue(self.doc[index], self._cues)

    def _vector_at(self, index: int) -> np.ndarray | None:
        offset = index - self.start
        if 0 <= offset < len(self._vector_of):
            return self._vector_of[offset]
        return self._vectors.vector(self.doc[index].text)


def _cue(token: Token, cues: dict[str, float]) -> Cue | None:
    """`find_cues` of one token (the lookups inlined: every token of every sentence with a mention asks)."""
    score = cues.get(token.lower_)
    if score is None:
        score = cues.get(token.lemma_.lower())
        if score is None:
            return None
    return Cue(token.i, token.text, -score / 2 if is_negated(token) else score)


def mention_context(
    span: Span,
    cues: dict[str, float],
    vectors: StaticEmbeddings,
    quotes: Sequence[tuple[int, int]] = (),
    view: SentenceView | None = None,
    positions: bool = False,
) -> MentionContext:
    """Cues and features of one mention (a token span) in its sentence.

    `quotes`: character ranges of quoted text from the quotes stage; quote
    marks in the sentence are found here too. `view`: the mention's sentence
    as `SentenceView` reads it, when the caller keeps one for the sentence's
    other mentions (made here otherwise). `positions`: also the sequence
    reader's columns that follow the mention (`sequence.mention_columns`).
    """
    sentence = span[0].sent
    if view is None or view.start != sentence.start:
        view = SentenceView(sentence, cues, vectors, quotes)
    quoted = view.quoted
    scope = scope_tokens(span, quoted)
    scope_indexes = [t.i for t in scope]
    scope_cues = view.cues_within(scope_indexes)
    inside = range(span.start, span.end)
    window_start = max(span.start - WINDOW_TOKENS, sentence.start)
    window_end = min(span.end + WINDOW_TOKENS, len(sentence.doc))
    in_quote = any(a <= span.start_char < b for a, b in quoted)
    scalars = [
        *polarity_sums(scope_cues),
        *polarity_sums(view.cues_between(sentence.start, sentence.end, inside)),
        *polarity_sums(view.cues_between(window_start, window_end, inside)),
        *role_vector(span),
        1.0 if span.root.pos_ == "PRON" else 0.0,
        1.0 if in_quote else 0.0,
        1.0 if quoted and not in_quote else 0.0,
    ]
    verb = governing_verb(span)
    first, size = sentence.start, sentence.end - sentence.start
    mention = np.arange(max(span.start, first), min(span.end, sentence.end)) - first
    others = np.concatenate([np.arange(0, mention[0] if len(mention) else size), np.arange(mention[-1] + 1, size)]) \
        if len(mention) else np.arange(size)  # fmt: skip
    window = [i for i in range(window_start, window_end) if i not in inside]
    within = window[0] >= first and window[-1] < sentence.end if window else True
    features = np.concatenate(
        [
            view.mean_within(others),
            view.mean_within(np.asarray(window, dtype=np.intp) - first) if within else view.mean_at(window),
            view.mean_within(np.asarray(scope_indexes, dtype=np.intp) - first),
            view.mean_within(np.asarray([verb.i - first])),
            # Who is named: a prior the training news holds about some people (+0.02 macro-F1 on both parts).
            view.mean_within(mention) if len(mention) == len(inside) else view.mean_at(inside),
            np.asarray(scalars, dtype=np.float32),
        ]
    )
    columns = mention_columns(view, span, scope_indexes, in_quote, verb.i) if positions else None
    return MentionContext(tuple(scope_cues), lexicon_score(scope_cues), features.astype(np.float32), columns)

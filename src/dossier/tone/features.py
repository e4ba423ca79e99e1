"""What a sentence says around one mention: its cue words in the mention's own clause, and vectors.

Tone is target-dependent: in "Putin rejected Trump's call, calling the
sanctions useless" the words that judge Putin are not all the words that
judge Trump. A mention's scope is the clause that governs it (the subtree of
the nearest verb above it), less what that clause reports: a clausal
complement ("said that ...", "told Putin that ...") and quoted words speak
of their own participants, not of the speaker.
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, ORTH, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id

from dossier.tone.embeddings import StaticEmbeddings
from dossier.tone.lexicon import NEGATORS
from dossier.tone.sequence import MENTION_COLUMNS, UNIVERSAL_POS, placed_columns

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

VERB_POS = frozenset({"VERB", "AUX"})
# Children of the governing verb whose words speak of someone else: what is said, believed or quoted.
REPORTED_DEPS = frozenset({"ccomp", "parataxis"})
# The roles a mention can have in its clause; anything else is "other".
ROLES = ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "compound")
# Words either side of a mention that make its window (a short phrase, tuned on the tuning part: 3-8 alike).
WINDOW_TOKENS = 5
# Tokens before a cue searched for a negator ("did not even praise").
NEGATION_REACH = 3
# The universal part of speech's column in `SentenceView.token_columns`, by spaCy's part-of-speech id (-1: none).
_POS_COLUMNS = np.full(max(POS_IDS.values()) + 1, -1, dtype=np.intp)
_POS_COLUMNS[[POS_IDS[name] for name in UNIVERSAL_POS]] = np.arange(len(UNIVERSAL_POS))
_VERB_POS_IDS = np.array([POS_IDS[name] for name in VERB_POS])
_REPORTED_DEP_IDS = np.array([get_string_id(name) for name in REPORTED_DEPS], dtype=np.uint64)
_QUOTE_MARK_IDS = np.array([get_string_id(mark) for mark in ('"', "“", "”")], dtype=np.uint64)
_NEGATOR_IDS = np.array([get_string_id(word) for word in NEGATORS], dtype=np.uint64)
_NEG_DEP_ID = get_string_id("neg")


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
    # The sequence reader's columns that follow the mention, a row per token (`sequence.placed_columns`).
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
    if not cues:  # most mentions: tanh(0) without a numpy call
        return 0.0
    return float(np.tanh(sum(c.score for c in cues)))


def quoted_spans(
    sentence: Span, quotes: Sequence[tuple[int, int]] = (), arrays: DocArrays | None = None
) -> list[tuple[int, int]]:
    """Character ranges quoted in a sentence: between paired double quote marks, and the given quotes.

    `arrays`: the article's `DocArrays`, to find the quote marks by their word hashes.
    """
    spans = [(a, b) for a, b in quotes if a < sentence.end_char and b > sentence.start_char]
    if arrays is not None:
        marks = arrays.quote_marks_at[bisect_left(arrays.quote_marks_at, sentence.start) :]
        marks = marks[: bisect_left(marks, sentence.end)]
        if not marks:  # most sentences: no token to look at
            return spans
        found = [(int(arrays.idx[i]), arrays.strings[arrays.orth_list[i]]) for i in marks]
    else:
        text = sentence.text_with_ws
        if '"' not in text and "“" not in text and "”" not in text:
            return spans
        found = [(token.idx, token.text) for token in sentence]
    opened: int | None = None
    for idx, text in found:
        if text in ("“", '"') and opened is None:
            opened = idx
        elif text in ("”", '"') and opened is not None:
            spans.append((opened, idx + 1))
            opened = None
    return spans


def role_vector(dep: str) -> list[float]:
    """The mention's role by its root's dependency label: one column per role in `ROLES`, and one for any other."""
    return [1.0 if dep == role else 0.0 for role in ROLES] + [0.0 if dep in ROLES else 1.0]


@functools.cache
def _role_columns(dep: str) -> tuple[float, ...]:
    """`role_vector`, made once per label (every mention asks)."""
    return tuple(role_vector(dep))


def polarity_sums(cues: Sequence[Cue]) -> list[float]:
    """The sum of the positive cue scores, minus the sum of the negative ones, and the count of cues."""
    if not cues:  # most mentions' windows and scopes
        return [0, 0, 0.0]  # as the sums below of no cue: 0, not 0.0
    return [sum(c.score for c in cues if c.score > 0), -sum(c.score for c in cues if c.score < 0), float(len(cues))]


class DocArrays:
    """An article's parse as flat arrays, read from spaCy once for all its sentences.

    Reading a token through spaCy makes a Python object each time (`doc[i]`, `token.head`, a subtree's
    words): the tone stage made about eleven per word of every sentence naming an actor, most of its
    own feature time. Here the heads, parts of speech, dependency labels, character offsets and word
    hashes of the whole article come from one `Doc.to_array` call.
    """

    def __init__(self, doc: Doc) -> None:
        table = doc.to_array([HEAD, POS, DEP, IDX, LOWER, LEMMA, ORTH])  # uint64; HEAD relative
        numbers = table[:, :4].astype(np.int64)
        self.doc = doc
        self.strings = doc.vocab.strings
        self.heads = np.arange(len(doc)) + numbers[:, 0]
        self.pos = numbers[:, 1]
        self.verb = np.isin(numbers[:, 1], _VERB_POS_IDS).tolist()
        self.idx = numbers[:, 3]
        # As Python lists, for the per-sentence loops (a list slice costs less than a numpy call).
        self.head_list = self.heads.tolist()
        self.lower_list, self.lemma_list = table[:, 4].tolist(), table[:, 5].tolist()
        self.orth_list = table[:, 6].tolist()
        # Sorted token indexes: a sentence's are found by bisection.
        self.reported_at = np.flatnonzero(np.isin(table[:, 2], _REPORTED_DEP_IDS)).tolist()
        self.quote_marks_at = np.flatnonzero(np.isin(table[:, 6], _QUOTE_MARK_IDS)).tolist()
        # What `is_negated` reads: the tokens with a "neg" child, and the negator words.
        negators = np.flatnonzero(table[:, 2] == _NEG_DEP_ID)
        above = self.heads[negators]
        self.negated_heads = frozenset(above[above != negators].tolist())
        self.negator_list = np.isin(table[:, 4], _NEGATOR_IDS).tolist()
        # Sentences as `Token.sent` finds them (`Doc.sents`), unless a hook of the doc's decides them.
        self.hooked = bool(doc.user_hooks or doc.user_token_hooks or doc.user_span_hooks)
        self._sentences: tuple[list[int], list[Span]] | None = None
        self._pos_columns: np.ndarray | None = None
        self._above: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None
        self._depth = np.zeros(0, dtype=np.intp)
        self._cues: tuple[dict[str, float], list[int], list[float]] | None = None

    def sentence(self, index: int) -> Span:
        """`doc[index].sent`, one Span per sentence (made once per article, from `Doc.sents`)."""
        if self.hooked:
            return self.doc[index].sent
        starts, sentences = self._sentence_list()
        return sentences[bisect_right(starts, index) - 1]

    def negated(self, index: int) -> bool:
        """`is_negated` of the token at this index (the doc without sentence hooks: `hooked` false)."""
        if index in self.negated_heads:
            return True
        head = self.head_list[index]
        if head != index and head in self.negated_heads:
            return True
        starts = self._sentence_list()[0]
        first = starts[bisect_right(starts, index) - 1]
        return any(self.negator_list[max(index - NEGATION_REACH, first) : index])

    def _sentence_list(self) -> tuple[list[int], list[Span]]:
        if self._sentences is None:
            sentences = list(self.doc.sents)
            self._sentences = ([sentence.start for sentence in sentences], sentences)
        return self._sentences

    def cue(self, index: int, cues: dict[str, float]) -> Cue | None:
        """`_cue` of the token at this index, from the article's cue words (`cue_scores`) and `negated`."""
        at, scores = self.cue_scores(cues)
        place = bisect_left(at, index)
        if place == len(at) or at[place] != index:
            return None
        score = scores[place]
        return Cue(index, self.strings[self.orth_list[index]], -score / 2 if self.negated(index) else score)

    def pos_columns(self) -> np.ndarray:
        """`SentenceView.token_columns` of every token of the article before its quotes and cues: the part
        of speech, one-hot (made once per article rather than once per sentence)."""
        if self._pos_columns is None:
            columns = np.zeros((len(self.head_list), 3 + len(UNIVERSAL_POS)), dtype=np.float32)
            column = _POS_COLUMNS[self.pos]
            rows = np.flatnonzero(column >= 0)
            columns[rows, 3 + column[rows]] = 1.0
            self._pos_columns = columns
        return self._pos_columns

    def heads_above(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every token's chain of heads, and each token's subtree: first and last token, and size.

        chains[k, i]: the k-th head above token i (chains[0]: the token; a root repeats itself). Worked
        out for the whole article at once, a numpy step per level of its deepest tree.
        """
        if self._above is None:
            size = len(self.heads)
            chains = [np.arange(size)]
            above = self.heads
            for _ in range(size):
                chains.append(above)
                higher = self.heads[above]
                if np.array_equal(higher, above):
                    break
                above = higher
            chain = np.stack(chains)
            tokens = np.broadcast_to(chains[0], chain.shape)
            left, right = chains[0].copy(), chains[0].copy()
            np.minimum.at(left, chain.ravel(), tokens.ravel())
            np.maximum.at(right, chain.ravel(), tokens.ravel())
            new = np.ones(chain.shape, dtype=bool)
            new[1:] = chain[1:] != chain[:-1]  # each head once
            sizes = np.bincount(chain[new], minlength=size)
            self._above = (chain, left, right, sizes)
            self._depth = new.sum(axis=0) - 1
        return self._above

    def cue_scores(self, cues: dict[str, float]) -> tuple[list[int], list[float]]:
        """The article's cue words, before negation: their token indexes (ascending) and scores.

        By a token's lower case, else its lemma's (as `find_cues`), looked up by hash: a dictionary
        lookup per token (cheaper than numpy's set test against the lexicon), the lemmas' strings once
        per distinct lemma.
        """
        kept = self._cues
        if kept is None or kept[0] is not cues:
            by_lower, by_lemma = _hashed_cues(cues)
            at: list[int] = []
            scores: list[float] = []
            lemmas, strings = self.lemma_list, self.strings
            for index, lower in enumerate(self.lower_list):
                score = by_lower.get(lower)
                if score is None:
                    lemma = lemmas[index]
                    if lemma in by_lemma:
                        score = by_lemma[lemma]
                    else:
                        score = by_lemma[lemma] = cues.get(strings[lemma].lower())
                    if score is None:
                        continue
                at.append(index)
                scores.append(score)
            kept = self._cues = (cues, at, scores)
        return kept[1], kept[2]

    def arc_distances(self, tokens: np.ndarray, targets: np.ndarray, cap: int) -> np.ndarray:
        """Dependency arcs between each token and its target (document indexes, pairwise), at most `cap`.

        Up from the token to the lowest head the two share, then down to the target; `cap` when they
        share none (two trees). A path of `cap` arcs or fewer climbs at most `cap` heads and comes down
        at most as many, so the chains are read no higher than that (a deep tree cost its depth).
        """
        chains = self.heads_above()[0]
        top = min(cap, len(chains) - 1)
        chain = chains[: top + 1]
        depth = self._depth
        above = chain[:, tokens]  # the token's heads, the token first
        lift = depth[targets] - depth[above]  # how far below each of them the target lies
        shared = (lift >= 0) & (lift <= top) & (chain[np.clip(lift, 0, top), targets] == above)
        steps = shared.argmax(axis=0)
        distances = steps + lift[steps, np.arange(len(tokens))]
        distances[~shared.any(axis=0)] = cap
        return np.minimum(distances, cap)


class SentenceView:
    """What `mention_context` reads of one sentence's tokens, worked out once for all the mentions in it.

    A sentence naming five actors was read five times: each token's cue (its
    lexicon score, negation) and word vector, the quoted stretches, and the
    dependency tree (heads, subtrees, neighbours) are the same for every
    mention, so they are worked out once here, as arrays of the sentence's
    tokens by offset. A token outside the sentence (a window past its end, a
    mention that crosses into the next one) is looked up as it is asked for.
    `arrays`: the article's `DocArrays`, when the caller keeps them for its
    other sentences (made here otherwise).
    """

    def __init__(
        self,
        sentence: Span,
        cues: dict[str, float],
        vectors: StaticEmbeddings,
        quotes: Sequence[tuple[int, int]],
        arrays: DocArrays | None = None,
    ) -> None:
        self.sentence = sentence
        self.start = sentence.start
        self.doc = sentence.doc
        self.arrays = arrays if arrays is not None and arrays.doc is self.doc else DocArrays(self.doc)
        self._cues = cues
        self._vectors = vectors
        start, end = sentence.start, sentence.end
        self.size = size = end - start
        arrays = self.arrays
        strings = arrays.strings
        self.quoted = quoted_spans(sentence, quotes, arrays)
        # Each quoted stretch's tokens, for the scopes of mentions outside it.
        idx = arrays.idx[start:end]
        self._quote_masks = [(a, b, (idx >= a) & (idx < b)) for a, b in self.quoted]
        self._quote_offsets = [(a, b, set(np.flatnonzero(mask).tolist())) for a, b, mask in self._quote_masks]
        # The same as stretches (a quote's tokens follow each other), those with tokens in the sentence.
        self._quote_stretches = [(a, b, (min(words), max(words) + 1)) for a, b, words in self._quote_offsets if words]
        self._cue_of = _cues_of(arrays, start, end, cues)
        # The sentence's cues by document index: most sentences hold none or a few, so a mention's
        # cues are found among them rather than by looking at each of its tokens.
        self._cue_by_index = {cue.token: cue for cue in self._cue_of if cue is not None}
        self._cues_in_order = list(self._cue_by_index.values())
        self._cue_indexes = list(self._cue_by_index)
        self._rows = vectors.rows_by_hash(arrays.orth_list[start:end], strings)  # of `vectors.words.matrix`
        self._known: np.ndarray | None = None
        self._matrices: dict[int, np.ndarray] = {}
        self._token_columns: np.ndarray | None = None
        self._heads = [head - start for head in arrays.head_list[start:end]]
        # The tree's arcs stay in the sentence (they do when the parser sets the sentences): the scopes
        # are then read from the arrays; otherwise from spaCy's tokens (`scope_tokens`).
        self.contained = not size or (min(self._heads) >= 0 and max(self._heads) < size)
        # The children with a reported dependency (`REPORTED_DEPS`), by their head: a few per sentence.
        self._reported: dict[int, list[int]] = {}
        reported = arrays.reported_at
        for index in reported[bisect_left(reported, start) : bisect_left(reported, end)]:
            offset = index - start
            if self._heads[offset] != offset:
                self._reported.setdefault(self._heads[offset], []).append(offset)
        self._order: list[int] | None = None
        self._edges: tuple[list[int], list[int]] | None = None
        self._neighbours: list[list[int]] | None = None

    def word_matrix(self, vectors: StaticEmbeddings | None = None) -> np.ndarray:
        """The sentence's word vectors, a row per token (zeros for an unknown word); `vectors` instead of the view's.

        Worked out once per sentence and table: every mention in the sentence reads the same matrix.
        """
        table = vectors or self._vectors
        matrix = self._matrices.get(id(table))
        if matrix is None:
            if table is self._vectors:
                matrix = table.words.matrix[self._rows]
                self._matrices[id(table)] = matrix
                return matrix
            # Another table's rows by the same hashes (`rows_by_hash`): one gather, as for the view's own.
            arrays = self.arrays
            rows = table.rows_by_hash(arrays.orth_list[self.start : self.start + self.size], arrays.strings)
            matrix = table.words.matrix[rows]
            self._matrices[id(table)] = matrix
        return matrix

    def token_columns(self) -> np.ndarray:
        """The sequence reader's columns that every mention of the sentence shares, a row per token.

        In a quoted stretch; the cue score when positive, minus it when negative (after negation); the
        universal part of speech, one-hot. Worked out once per sentence.
        """
        if self._token_columns is None:
            columns = self.arrays.pos_columns()[self.start : self.start + self.size].copy()
            for _, _, mask in self._quote_masks:
                columns[mask, 0] = 1.0
            for index, cue in self._cue_by_index.items():
                columns[index - self.start, 1 if cue.score > 0 else 2] = abs(cue.score)
            self._token_columns = columns
        return self._token_columns

    def neighbours(self) -> list[list[int]]:
        """Per token of the sentence: the tokens one dependency arc away (head and children), as offsets in it."""
        if self._neighbours is None:
            size = self.size
            found: list[list[int]] = [[] for _ in range(size)]
            for offset, head in enumerate(self._heads):
                if head != offset and 0 <= head < size:
                    found[offset].append(head)
                    found[head].append(offset)
            self._neighbours = found
        return self._neighbours

    def governing_verb(self, offset: int) -> int:
        """`governing_verb` of the token at this offset (the sentence's arcs contained), as an offset."""
        heads, verb, start = self._heads, self.arrays.verb, self.start
        while not verb[start + offset] and heads[offset] != offset:
            offset = heads[offset]
        return offset

    def subtree(self, offset: int) -> list[int]:
        """The offsets of a token's subtree in spaCy's order (`Token.subtree`: left children's, it, right ones').

        In a projective tree (every subtree a stretch of the sentence, nearly all parses) that order is the
        sentence's, so a subtree is its stretch; otherwise the tree is walked once in spaCy's order and
        each subtree is a stretch of the walk.
        """
        if self._edges is None:
            self._read_tree()
        assert self._edges is not None
        low, high = self._edges
        if self._order is None:
            return list(range(low[offset], high[offset]))
        return self._order[low[offset] : high[offset]]

    def scope(self, span: Span, verb: int) -> list[int]:
        """`scope_tokens` as offsets in the sentence, in the same order (the sentence's arcs contained)."""
        first, end = span.start - self.start, span.end - self.start
        if self._edges is None:
            self._read_tree()
        if self._order is None:
            return self._projective_scope(span, first, end, verb)
        excluded = set(range(first, end))
        for child in self._reported.get(verb, ()):
            words = self.subtree(child)
            if not any(first <= word < end for word in words):
                excluded.update(words)
        for a, b, offsets in self._quote_offsets:
            if not (a <= span.start_char < b):
                excluded |= offsets
        return [word for word in self.subtree(verb) if word not in excluded]

    def _projective_scope(self, span: Span, first: int, end: int, verb: int) -> list[int]:
        """`scope` when every subtree is a stretch of the sentence: the verb's stretch less some stretches.

        The mention's tokens, each reported subtree without them, each quote it is not in: cut out as
        stretches rather than word by word (a word-by-word set cost a tenth of the stage).
        """
        assert self._edges is not None
        low, high = self._edges
        cuts = [(first, end)]
        for child in self._reported.get(verb, ()):
            if not (low[child] < end and first < high[child]):  # the mention is not in it
                cuts.append((low[child], high[child]))
        for a, b, words in self._quote_stretches:
            if not (a <= span.start_char < b):
                cuts.append(words)
        found: list[int] = []
        at, stop = low[verb], high[verb]
        for cut_start, cut_end in sorted(cuts):
            if at >= stop:
                break
            if cut_start > at:
                found.extend(range(at, min(cut_start, stop)))
            at = max(at, cut_end)
        if at < stop:
            found.extend(range(at, stop))
        return found

    def _read_tree(self) -> None:
        """Each subtree's stretch, from the article's chains of heads (`DocArrays.heads_above`)."""
        start, end = self.start, self.start + self.size
        _, left, right, sizes = self.arrays.heads_above()
        low, high = left[start:end] - start, right[start:end] + 1 - start
        self._edges = (low.tolist(), high.tolist())
        if not (sizes[start:end] == high - low).all():  # a subtree with a gap: spaCy's order is the walk's
            self._walk()

    def _walk(self) -> None:
        children: list[list[int]] = [[] for _ in range(self.size)]
        roots = []
        for offset, head in enumerate(self._heads):
            if head == offset:
                roots.append(offset)
            else:
                children[head].append(offset)
        order: list[int] = []
        low, high = [0] * self.size, [0] * self.size

        def visit(token: int) -> None:
            low[token] = len(order)
            below = children[token]
            for child in below:
                if child < token:
                    visit(child)
            order.append(token)
            for child in below:
                if child > token:
                    visit(child)
            high[token] = len(order)

        for root in roots:
            visit(root)
        self._order, self._edges = order, (low, high)

    def cues_at(self, indexes: Iterable[int]) -> list[Cue]:
        """The cues among the tokens at these document indexes, in their order (as `find_cues` gives them)."""
        return [cue for cue in map(self._cue_at, indexes) if cue is not None]

    def cues_between(self, start: int, end: int, skip: range) -> list[Cue]:
        """`cues_at` the document indexes start..end-1 less those in `skip` (a range of step 1), in their order."""
        first, last = self.start, self.start + self.size
        at, cues = self._cue_indexes, self._cues_in_order
        low, high = bisect_left(at, max(start, first)), bisect_left(at, end)
        inside = cues[low : min(high, bisect_left(at, skip.start))] + cues[max(low, bisect_left(at, skip.stop)) : high]
        if first <= start and end <= last:  # nearly always: no token outside the sentence
            return inside
        found = [self._cue_at(i) for i in range(start, min(end, first)) if i not in skip]
        found += inside
        found += [self._cue_at(i) for i in range(max(start, last), end) if i not in skip]
        return [cue for cue in found if cue is not None]

    def cues_within(self, indexes: Sequence[int]) -> list[Cue]:
        """`cues_at` of indexes inside the sentence."""
        cues = self._cue_by_index
        return [cues[i] for i in indexes if i in cues] if cues else []

    def _cue_at(self, index: int) -> Cue | None:
        offset = index - self.start
        if 0 <= offset < len(self._cue_of):
            return self._cue_of[offset]
        if self.arrays.hooked:
            return _cue(self.doc[index], self._cues)
        return self.arrays.cue(index, self._cues)

    def known(self) -> np.ndarray:
        """Per token of the sentence: whether its word has a vector (the others' rows are zeros)."""
        if self._known is None:
            self._known = np.array(self._rows) != 0
        return self._known

    def vector_at(self, index: int) -> np.ndarray | None:
        """The word vector of the token at this document index (None: no known piece)."""
        offset = index - self.start
        if 0 <= offset < self.size:
            row = self._rows[offset]
            return self._vectors.words.matrix[row] if row else None
        return self._vectors.vector(self.doc[index].text)


def _cues_of(arrays: DocArrays, start: int, end: int, cues: dict[str, float]) -> list[Cue | None]:
    """`_cue` of each token start..end-1 of the article, from the article's cue words (`DocArrays.cue_scores`)."""
    found: list[Cue | None] = [None] * (end - start)
    at, scores = arrays.cue_scores(cues)
    places = range(bisect_left(at, start), bisect_left(at, end))
    if not places:
        return found
    if arrays.hooked:
        for place in places:
            token = arrays.doc[at[place]]
            score = scores[place]
            found[token.i - start] = Cue(token.i, token.text, -score / 2 if is_negated(token) else score)
        return found
    strings, orth = arrays.strings, arrays.orth_list
    for place in places:
        index = at[place]
        score = scores[place]
        if arrays.negated(index):
            score = -score / 2
        found[index - start] = Cue(index, strings[orth[index]], score)
    return found


_HASHED: dict[int, tuple[dict[str, float], dict[int, float], dict[int, float | None]]] = {}


def _hashed_cues(cues: dict[str, float]) -> tuple[dict[int, float], dict[int, float | None]]:
    """The cue lexicon by spaCy's hash of a word's lower case (`Doc.to_array`'s LOWER), made once per lexicon;
    and the score of each lemma hash met so far (the lemma lower-cased), filled as lemmas come."""
    kept = _HASHED.get(id(cues))
    if kept is None or kept[0] is not cues or len(kept[1]) != len(cues) or len(kept[2]) > 200_000:
        kept = (cues, {get_string_id(word): score for word, score in cues.items()}, {})
        _HASHED[id(cues)] = kept
    return kept[1], kept[2]


def _cue(token: Token, cues: dict[str, float]) -> Cue | None:
    """`find_cues` of one token (the lookups inlined: every token of every sentence with a mention asks)."""
    score = cues.get(token.lower_)
    if score is None:
        score = cues.get(token.lemma_.lower())
        if score is None:
            return None
    return Cue(token.i, token.text, -score / 2 if is_negated(token) else score)


class _WordRows:
    """The word vectors of an article's mentions' sentences in one matrix; row 0 is zeros, the padding.

    A token outside every sentence placed (a window past its sentence's end) gets a row of its own.
    """

    def __init__(self) -> None:
        self.blocks: list[np.ndarray] = []
        self.known: list[np.ndarray] = []
        self.first: dict[int, int] = {}  # a view's first row, by id
        self.outside: dict[int, int] = {}  # a token's row, by document index
        self.size = 1

    def place(self, view: SentenceView) -> int:
        """The row of the first token of the view's sentence (its words placed on first asking)."""
        base = self.first.get(id(view))
        if base is None:
            base = self.first[id(view)] = self._add(view.word_matrix(), view.known())
        return base

    def rows(self, view: SentenceView, indexes: Sequence[int]) -> list[int]:
        """The rows of the tokens at these document indexes, the view's sentence's placed first."""
        base = self.place(view)
        first, end = view.start, view.start + view.size
        return [i - first + base if first <= i < end else self._outside(view, i) for i in indexes]

    def means(self, groups: Sequence[int], starts: Sequence[int]) -> np.ndarray:
        """The mean of the known rows of each group (zeros when none): groups laid end to end from `starts`."""
        dims = self.blocks[0].shape[1]
        matrix = np.concatenate([np.zeros((1, dims), np.float32), *self.blocks])
        known = np.concatenate([[False], *self.known])
        index = np.asarray(groups, dtype=np.intp)
        totals = np.add.reduceat(matrix[index], starts, axis=0)
        counts = np.add.reduceat(known[index].astype(np.intp), starts)
        return np.true_divide(totals, np.maximum(counts, 1)[:, None], out=totals, casting="unsafe")

    def _add(self, matrix: np.ndarray, known: np.ndarray) -> int:
        base = self.size
        self.blocks.append(matrix)
        self.known.append(known)
        self.size += len(matrix)
        return base

    def _outside(self, view: SentenceView, index: int) -> int:
        row = self.outside.get(index)
        if row is None:
            vector = view.vector_at(index)
            if vector is None:
                row = self.outside[index] = 0  # the zero row, as unknown as this word
            else:
                row = self.outside[index] = self._add(vector[None], _KNOWN_ROW)
        return row


_KNOWN_ROW = np.ones(1, dtype=bool)


def mention_context(
    span: Span,
    cues: dict[str, float],
    vectors: StaticEmbeddings,
    quotes: Sequence[tuple[int, int]] = (),
    view: SentenceView | None = None,
    positions: bool = False,
) -> MentionContext:
    """Cues and features of one mention (a token span) in its sentence (`read_mentions` of one).

    `quotes`: character ranges of quoted text from the quotes stage; quote
    marks in the sentence are found here too. `view`: the mention's sentence
    as `SentenceView` reads it, when the caller keeps one for the sentence's
    other mentions (made here otherwise). `positions`: also the sequence
    reader's columns that follow the mention (`sequence.placed_columns`).
    """
    sentence = span[0].sent
    if view is None or view.start != sentence.start:
        view = SentenceView(sentence, cues, vectors, quotes)
    (context,), columns = read_mentions([(span, view)], positions)
    return replace(context, positions=columns)


def read_mentions(
    mentions: Sequence[tuple[Span, SentenceView]], positions: bool = False
) -> tuple[list[MentionContext], np.ndarray | None]:
    """Cues and features of several mentions (a token span and the view of its sentence), in one batch.

    An article's mentions are read together: each mention's word-vector means are index lists into
    one matrix of its sentences' words, summed in one numpy call, and its `placed_columns` are laid
    end to end for the sequence readers (returned when `positions`: a block per mention, a row per
    token of its sentence). Per mention, numpy calls cost more than their arithmetic.
    """
    if not mentions:
        return [], np.zeros((0, len(MENTION_COLUMNS)), np.float32) if positions else None
    words = _WordRows()
    groups: list[int] = []  # the word rows of every mean, each mean's rows after one zero row
    starts: list[int] = []
    found: list[tuple[tuple[Cue, ...], list[float]]] = []
    placed: list[tuple[SentenceView, Span, list[int], bool, int]] = []
    doc_size = len(mentions[0][1].doc)
    for span, view in mentions:
        quoted = view.quoted
        first, end = view.start, view.start + view.size
        root = span.root
        base = words.place(view) - first  # a document index in the sentence plus this: its row
        from_arrays = view.contained and span.end <= end
        if from_arrays:  # the scope from the view's arrays
            verb = view.governing_verb(root.i - first) + first
            scope = view.scope(span, verb - first)
            scope_indexes = [offset + first for offset in scope]
        else:
            verb = governing_verb(span).i
            scope_indexes = [t.i for t in scope_tokens(span, quoted)]
            scope = [index - first for index in scope_indexes]
        scope_cues = view.cues_within(scope_indexes)
        inside = range(span.start, span.end)
        window_start = max(span.start - WINDOW_TOKENS, first)
        window_end = min(span.end + WINDOW_TOKENS, doc_size)
        in_quote = any(a <= span.start_char < b for a, b in quoted)
        dep = root.dep_
        scalars = [
            *polarity_sums(scope_cues),
            *polarity_sums(view.cues_between(first, end, inside)),
            *polarity_sums(view.cues_between(window_start, window_end, inside)),
            *_role_columns(dep),
            1.0 if root.pos_ == "PRON" else 0.0,
            1.0 if in_quote else 0.0,
            1.0 if quoted and not in_quote else 0.0,
        ]
        found.append((tuple(scope_cues), scalars))
        # The means: sentence (mention left out), window, scope, governing verb, and the mention's own
        # words: who is named, a prior the training news holds about some people (+0.02 macro-F1 on both parts).
        low, high = max(span.start, first), min(span.end, end)
        starts.append(len(groups))
        groups.append(0)
        groups.extend(range(first + base, low + base))
        groups.extend(range(high + base, end + base))
        starts.append(len(groups))
        groups.append(0)
        if window_end <= end and span.end <= end:
            groups.extend(range(window_start + base, span.start + base))
            groups.extend(range(span.end + base, window_end + base))
        else:
            groups.extend(words.rows(view, [*range(window_start, span.start), *range(span.end, window_end)]))
        starts.append(len(groups))
        groups.append(0)
        if from_arrays:  # the scope and the verb in the sentence
            groups.extend([index + base for index in scope_indexes])
            starts.append(len(groups))
            groups.append(0)
            groups.append(verb + base)
        else:
            groups.extend(words.rows(view, scope_indexes))
            starts.append(len(groups))
            groups.append(0)
            groups.extend(words.rows(view, [verb]))
        starts.append(len(groups))
        groups.append(0)
        groups.extend(range(span.start + base, span.end + base) if span.end <= end else words.rows(view, inside))
        placed.append((view, span, scope, in_quote, verb))
    means = words.means(groups, starts).reshape(len(found), -1)
    features = np.concatenate([means, np.array([row for _, row in found], dtype=np.float32)], axis=1)
    contexts = [MentionContext(cues, lexicon_score(cues), row) for (cues, _), row in zip(found, features, strict=True)]
    return contexts, placed_columns(placed) if positions else None

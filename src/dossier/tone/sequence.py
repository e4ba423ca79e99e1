"""The sentence read in order around one mention: a row per token, and a small convolutional reader over them.

The pooled features (`features.mention_context`) average the sentence's
word vectors, which loses who does what to whom. Here each token keeps its
place: its word vector, where it stands from the mention (inside, left or
right, how many words away, how many dependency arcs away), whether it is in
the mention's clause or in a quote, its cue score and its part of speech. A
one-dimensional convolution reads the rows (`SequenceReader`), pools them
(max, attention, and over the mention's own tokens), and a small perceptron
reads that with the pooled features. Trained offline by
bench/tone_sequence.py (torch); at run time numpy, an article's mentions in
one batch (`ReaderEnsemble.batch_probabilities`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Span

    from dossier.tone.features import SentenceView

# Words away from the mention, by bucket upper bounds (beyond the last: one more bucket).
DISTANCE_BUCKETS = (1, 2, 3, 5, 8, 12)
# Dependency arcs away from the mention (0: inside it), the last bucket open.
TREE_BUCKETS = 6
UNIVERSAL_POS = (
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
)  # fmt: skip
# Per token: inside, left, right, 1/(1+distance), distance buckets, tree buckets, in scope, in a quote,
# the mention in a quote, governing verb, positive cue, negative cue, part of speech.
POSITION_FEATURES = 4 + len(DISTANCE_BUCKETS) + 1 + TREE_BUCKETS + 6 + len(UNIVERSAL_POS)
# The columns from inside to the distance buckets (`distance_table`), then the tree distance one-hot.
DISTANCE_COLUMNS = 4 + len(DISTANCE_BUCKETS) + 1
TREE_ONE_HOT = np.eye(TREE_BUCKETS, dtype=np.float32)
# Position columns the same for every mention of a sentence (in a quote, cues, part of speech), and the rest.
_TOKEN_COLUMN = DISTANCE_COLUMNS + TREE_BUCKETS + 1
SHARED_COLUMNS = np.array([_TOKEN_COLUMN] + list(range(_TOKEN_COLUMN + 3, POSITION_FEATURES)))
MENTION_COLUMNS = np.setdiff1d(np.arange(POSITION_FEATURES), SHARED_COLUMNS)
# OpenBLAS runs a matrix product in threads past about 65536 x 4 multiply-adds (its default build); for
# products this small the threads cost 10-100 times the arithmetic (1.2 ms instead of 0.09 ms per mention
# on a busy machine).
SINGLE_THREAD_PRODUCT = 200_000


def tree_distances(neighbours: Sequence[Sequence[int]], mention: Sequence[int]) -> np.ndarray:
    """Dependency arcs from each token to the nearest token of the mention (offsets in the sentence), capped.

    Example:
        >>> tree_distances([[1], [0, 2], [1]], [0]).tolist()  # a chain of three tokens
        [0, 1, 2]
    """
    distance = np.full(len(neighbours), TREE_BUCKETS - 1, dtype=np.int64)
    frontier = list(mention)
    seen = set(frontier)
    distance[frontier] = 0
    for steps in range(1, TREE_BUCKETS - 1):
        frontier = [j for i in frontier for j in neighbours[i] if j not in seen]
        if not frontier:
            break
        seen.update(frontier)
        distance[frontier] = steps
    return distance


@functools.lru_cache(maxsize=8)
def distance_table(reach: int) -> np.ndarray:
    """The first DISTANCE_COLUMNS of a token's row for each signed distance from the mention, -reach..reach.

    Row `reach + d`: inside (d = 0), left (d < 0), right, 1 / (1 + |d|), then |d|'s bucket one-hot.
    """
    signed = np.arange(-reach, reach + 1)
    distance = np.abs(signed)
    table = np.zeros((len(signed), DISTANCE_COLUMNS), dtype=np.float32)
    table[:, 0], table[:, 1], table[:, 2] = signed == 0, signed < 0, signed > 0
    table[:, 3] = 1.0 / (1.0 + distance)
    bucket = np.searchsorted(np.asarray(DISTANCE_BUCKETS), distance)  # 0 for 1 word away
    outside = signed != 0
    table[outside, 4 + bucket[outside]] = 1.0
    return table


def placed_columns(placed: Sequence[tuple[SentenceView, Span, Sequence[int], bool, int]]) -> np.ndarray:
    """The MENTION_COLUMNS of each token's row, for several mentions laid end to end: where each stands.

    `placed`: per mention, the view of its sentence, its span, its scope (offsets in the sentence), whether
    it is in a quote, and its governing verb (a document index). A block of rows per mention, a row per
    token of its sentence (see the module docstring); all mentions' blocks are filled in a few numpy calls.
    """
    sizes = np.array([view.size for view, *_ in placed], dtype=np.intp)
    total = int(sizes.sum())
    columns = np.zeros((total, len(MENTION_COLUMNS)), dtype=np.float32)
    if not total:
        return columns
    block = np.repeat(np.arange(len(placed)), sizes)  # the mention of each row
    begins = np.cumsum(sizes) - sizes
    firsts = np.array([view.start for view, *_ in placed])
    index = np.arange(total) - begins[block] + firsts[block]  # each row's document index
    span_starts = np.array([span.start for _, span, *_ in placed])
    span_ends = np.array([span.end for _, span, *_ in placed])
    signed = np.minimum(index - span_starts[block], 0) + np.maximum(index - span_ends[block] + 1, 0)  # 0 inside
    reach = 1 << max(int(np.abs(signed).max()), 1).bit_length()  # a power of two: few tables
    columns[:, :DISTANCE_COLUMNS] = distance_table(reach)[signed + reach]
    columns[np.arange(total), DISTANCE_COLUMNS + placed_tree_distances(placed, begins.tolist())] = 1.0
    scope: list[int] = []  # rows in scope
    verbs: list[int] = []  # the rows of the governing verbs
    for begin, size, (view, _, offsets, _, verb) in zip(begins.tolist(), sizes.tolist(), placed, strict=True):
        scope.extend([begin + offset for offset in offsets if 0 <= offset < size])
        if 0 <= verb - view.start < size:
            verbs.append(begin + verb - view.start)
    columns[scope, DISTANCE_COLUMNS + TREE_BUCKETS] = 1.0
    columns[:, DISTANCE_COLUMNS + TREE_BUCKETS + 1] = np.array([in_quote for *_, in_quote, _ in placed])[block]
    columns[verbs, DISTANCE_COLUMNS + TREE_BUCKETS + 2] = 1.0
    return columns


def placed_tree_distances(
    placed: Sequence[tuple[SentenceView, Span, Sequence[int], bool, int]], begins: list[int]
) -> np.ndarray:
    """`tree_distances` of each row of `placed_columns`: from the article's chains of heads, all rows at once.

    Each row is paired with each token of its mention, the pairs' arcs counted together
    (`DocArrays.arc_distances`), and each row keeps its nearest. A mention whose sentence's arcs leave
    it is walked from its neighbours (`tree_distances`).
    """
    total = begins[-1] + placed[-1][0].size
    found = np.full(total, TREE_BUCKETS - 1, dtype=np.int64)
    arrays = placed[0][0].arrays
    pairs: list[tuple[int, int, int, int]] = []  # first row, rows, first token, mention token
    for begin, (view, span, *_) in zip(begins, placed, strict=True):
        first, end = max(span.start, view.start), min(span.end, view.start + view.size)
        if view.contained and view.arrays is arrays:
            pairs.extend((begin, view.size, view.start, token) for token in range(first, end))
        else:
            found[begin : begin + view.size] = tree_distances(
                view.neighbours(), range(first - view.start, end - view.start)
            )
    if pairs:
        table = np.array(pairs)
        block = np.repeat(np.arange(len(pairs)), table[:, 1])
        step = np.arange(len(block)) - (np.cumsum(table[:, 1]) - table[:, 1])[block]
        distances = arrays.arc_distances(table[block, 2] + step, table[block, 3], TREE_BUCKETS - 1)
        np.minimum.at(found, table[block, 0] + step, distances)
    return found


def position_rows(mention: np.ndarray, shared: np.ndarray) -> np.ndarray:
    """Each token's POSITION_FEATURES: its `placed_columns` and the sentence's `SentenceView.token_columns`."""
    rows = np.zeros((len(mention), POSITION_FEATURES), dtype=np.float32)
    rows[:, MENTION_COLUMNS] = mention
    rows[:, SHARED_COLUMNS] = shared
    return rows


def product(rows: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """rows @ matrix, a few rows at a time so that BLAS keeps each product in one thread.

    Example:
        >>> a, b = np.arange(12.0).reshape(4, 3), np.ones((3, 2))
        >>> bool((product(a, b) == a @ b).all())
        True
    """
    step = max(1, SINGLE_THREAD_PRODUCT // (rows.shape[1] * matrix.shape[1]))
    if len(rows) <= step:
        return rows @ matrix
    return np.concatenate([rows[i : i + step] @ matrix for i in range(0, len(rows), step)])


@dataclass(frozen=True)
class SequenceReader:
    """Convolution over token rows, pooled, then a hidden ReLU layer over that and the pooled features.

    rows = [word vector (projected), position features]; conv = relu(window of 3 rows @ conv_weights);
    pooled = [max over tokens, attention-weighted sum, mean over the mention's tokens];
    probabilities = softmax(relu([pooled, standardised features] @ hidden_weights) @ weights).

    The convolution is linear before its ReLU, so it is computed as two sums: one over the columns that
    are the same for every mention of a sentence (word vectors, quotes, cues, part of speech: `shared_part`,
    once per sentence) and one over the columns that follow the mention (once per mention).

    Example:
        >>> reader = SequenceReader.zeros(word_dims=2, features=3, channels=4, hidden=5)
        >>> reader.probabilities(np.zeros((6, 2 + POSITION_FEATURES)), np.zeros(3)).round(3).tolist()
        [0.333, 0.333, 0.333]
    """

    word_projection: np.ndarray  # word dims x projected dims
    conv_weights: np.ndarray  # 3 * (projected dims + POSITION_FEATURES) x channels
    conv_bias: np.ndarray
    attention: np.ndarray  # channels
    mean: np.ndarray  # of the pooled features
    scale: np.ndarray
    hidden_weights: np.ndarray  # (3 * channels + features) x hidden
    hidden_bias: np.ndarray
    weights: np.ndarray  # hidden x 3
    bias: np.ndarray
    # The convolution's three offsets side by side, for the shared columns and for the mention's columns.
    shared_kernel: np.ndarray = field(init=False, repr=False, compare=False)
    mention_kernel: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        projected = self.word_projection.shape[1]
        blocks = self.conv_weights.reshape(3, projected + POSITION_FEATURES, -1)  # offset x inputs x channels
        positions = blocks[:, projected:]
        shared = [np.vstack([self.word_projection @ block[:projected], block[projected:][SHARED_COLUMNS]])
                  for block in blocks]  # fmt: skip
        object.__setattr__(self, "shared_kernel", np.hstack(shared).astype(np.float32))
        object.__setattr__(self, "mention_kernel", np.hstack(list(positions[:, MENTION_COLUMNS])).astype(np.float32))

    @property
    def word_dims(self) -> int:
        return int(self.word_projection.shape[0])

    @classmethod
    def zeros(cls, word_dims: int, features: int, channels: int, hidden: int, projected: int = 4) -> SequenceReader:
        width = 3 * (projected + POSITION_FEATURES)
        return cls(
            np.zeros((word_dims, projected), np.float32), np.zeros((width, channels), np.float32),
            np.zeros(channels, np.float32), np.zeros(channels, np.float32), np.zeros(features, np.float32),
            np.ones(features, np.float32), np.zeros((3 * channels + features, hidden), np.float32),
            np.zeros(hidden, np.float32), np.zeros((hidden, 3), np.float32), np.zeros(3, np.float32),
        )  # fmt: skip

    def shared_part(self, tokens: np.ndarray) -> np.ndarray:
        """The convolution's sum over the columns every mention of the sentence shares (tokens x 3 channels).

        Token rows as `probabilities` reads them."""
        positions = tokens[:, -POSITION_FEATURES:]
        shared = np.concatenate([tokens[:, : self.word_dims], positions[:, SHARED_COLUMNS]], axis=1)
        return product(shared, self.shared_kernel)

    def probabilities(self, tokens: np.ndarray, features: np.ndarray, shared: np.ndarray | None = None) -> np.ndarray:
        """Class probabilities (negative, neutral, positive) of one mention: its token rows and pooled features.

        Token rows: word vectors (at least `word_dims` of them: a reader reads the leading ones), then
        POSITION_FEATURES columns.
        `shared`: `shared_part` of the sentence's rows, when the caller keeps it for the sentence's other mentions.
        """
        if shared is None:
            shared = self.shared_part(tokens)
        parts = shared + product(tokens[:, -POSITION_FEATURES:][:, MENTION_COLUMNS], self.mention_kernel)
        channels = len(self.conv_bias)
        conv = parts[:, channels : 2 * channels] + self.conv_bias
        conv[1:] += parts[:-1, :channels]  # the row before, read by the kernel's first offset
        conv[:-1] += parts[1:, 2 * channels :]  # the row after
        conv = np.maximum(conv, 0.0)
        attention = conv @ self.attention
        attention = np.exp(attention - attention.max())
        inside = tokens[:, -POSITION_FEATURES] > 0
        own = conv[inside].mean(axis=0) if inside.any() else np.zeros(channels, np.float32)
        pooled = np.concatenate(
            [conv.max(axis=0), attention @ conv / attention.sum(), own, (features - self.mean) / self.scale]
        )
        logits = np.maximum(pooled @ self.hidden_weights + self.hidden_bias, 0.0) @ self.weights + self.bias
        exp = np.exp(logits - logits.max())
        return exp / exp.sum()

    def save(self, path: Path) -> None:
        stored = {f.name: getattr(self, f.name) for f in fields(self) if f.init}
        np.savez_compressed(path, allow_pickle=False, **stored)


@dataclass(frozen=True)
class ReaderEnsemble:
    """Several sequence readers of the same sizes whose probabilities are averaged, computed side by side.

    The readers' convolutions are stacked into one product per sentence and one per mention, their
    attention into one block matrix, their perceptrons into one batched product: a mention costs little
    more than one reader's. The readers may read different numbers of word dimensions.

    Example:
        >>> readers = ReaderEnsemble((SequenceReader.zeros(2, 3, 4, 5), SequenceReader.zeros(3, 3, 4, 5)))
        >>> readers.probabilities(np.zeros((6, 3 + POSITION_FEATURES)), np.zeros(3)).round(3).tolist()
        [0.333, 0.333, 0.333]
    """

    readers: tuple[SequenceReader, ...]
    shared_kernel: np.ndarray = field(init=False, repr=False, compare=False)  # offsets, then readers' channels
    mention_kernel: np.ndarray = field(init=False, repr=False, compare=False)
    conv_bias: np.ndarray = field(init=False, repr=False, compare=False)
    attention: np.ndarray = field(init=False, repr=False, compare=False)  # all channels x readers
    mean: np.ndarray = field(init=False, repr=False, compare=False)  # readers x features
    scale: np.ndarray = field(init=False, repr=False, compare=False)
    hidden_weights: np.ndarray = field(init=False, repr=False, compare=False)  # readers x inputs x hidden
    hidden_bias: np.ndarray = field(init=False, repr=False, compare=False)  # readers x hidden
    weights: np.ndarray = field(init=False, repr=False, compare=False)  # readers x hidden x 3
    bias: np.ndarray = field(init=False, repr=False, compare=False)  # readers x 3
    # `_perceptron_weights` by dtype.
    _cast_weights: dict[np.dtype, tuple[np.ndarray, np.ndarray]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        first = self.readers[0]
        for reader in self.readers:
            if reader.hidden_weights.shape != first.hidden_weights.shape or len(reader.conv_bias) != len(
                first.conv_bias
            ):
                raise ValueError("the readers of an ensemble must have the same channels, features and hidden units")
        width, dims = len(first.conv_bias), self.word_dims
        shared, mention = [], []
        for offset in range(3):
            for reader in self.readers:
                block = reader.shared_kernel[:, offset * width : (offset + 1) * width]
                padding = np.zeros((dims - reader.word_dims, width), np.float32)  # words it does not read
                shared.append(np.vstack([block[: reader.word_dims], padding, block[reader.word_dims :]]))
                mention.append(reader.mention_kernel[:, offset * width : (offset + 1) * width])
        attention = np.zeros((width * len(self.readers), len(self.readers)), np.float32)
        for n, reader in enumerate(self.readers):
            attention[n * width : (n + 1) * width, n] = reader.attention
        stacked = {
            "shared_kernel": np.hstack(shared),
            "mention_kernel": np.hstack(mention),
            "conv_bias": np.concatenate([r.conv_bias for r in self.readers]),
            "attention": attention,
            **{name: np.stack([getattr(r, name) for r in self.readers])
               for name in ("mean", "scale", "hidden_weights", "hidden_bias", "weights", "bias")},
        }  # fmt: skip
        for name, value in stacked.items():
            object.__setattr__(self, name, value)

    @property
    def word_dims(self) -> int:
        return max(reader.word_dims for reader in self.readers)

    def shared_part(self, tokens: np.ndarray) -> np.ndarray:
        """The stacked convolutions' sum over the columns every mention of the sentence shares."""
        return self.sentence_part(tokens[:, : self.word_dims], tokens[:, -POSITION_FEATURES:][:, SHARED_COLUMNS])

    def sentence_part(self, words: np.ndarray, shared: np.ndarray) -> np.ndarray:
        """`shared_part` from the sentence's word vectors and its SHARED_COLUMNS (`SentenceView.token_columns`)."""
        return product(np.concatenate([words[:, : self.word_dims], shared], axis=1), self.shared_kernel)

    def probabilities(self, tokens: np.ndarray, features: np.ndarray, shared: np.ndarray | None = None) -> np.ndarray:
        """The mean of the readers' class probabilities for one mention (as `SequenceReader.probabilities`)."""
        if shared is None:
            shared = self.shared_part(tokens)
        return self.mention_probabilities(tokens[:, -POSITION_FEATURES:][:, MENTION_COLUMNS], features, shared)

    def mention_probabilities(self, mention: np.ndarray, features: np.ndarray, shared: np.ndarray) -> np.ndarray:
        """`probabilities` from the mention's `placed_columns` and the sentence's `sentence_part`."""
        return self.batch_probabilities([mention], features[None], [shared])[0]

    def batch_probabilities(
        self, mentions: Sequence[np.ndarray], features: np.ndarray, shared: Sequence[np.ndarray]
    ) -> np.ndarray:
        """`mention_probabilities` of several mentions at once (rows of probabilities): far fewer numpy calls.

        `mentions[m]`: mention m's `placed_columns`; `features[m]`: its pooled features; `shared[m]`: the
        `sentence_part` of its sentence. The mentions' token rows are laid end to end; the convolution's
        window stops at each mention's ends, and pooling runs over each mention's stretch (`reduceat`).
        """
        lengths = np.array([len(m) for m in mentions])
        return self.rows_probabilities(np.concatenate(mentions), lengths, features, np.concatenate(shared))

    def sentence_conv(self, part: np.ndarray) -> np.ndarray:
        """The stacked convolutions' sums over a sentence's shared columns, offsets added up (tokens x channels).

        From the sentence's `sentence_part`; the convolution's bias included. Each mention of the sentence
        adds its own columns' sums to these (`conv_probabilities`).
        """
        return self.sentences_conv(part.copy(), np.array([len(part)]))

    def sentences_conv(self, parts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """`sentence_conv` of several sentences whose `sentence_part`s are laid end to end (overwritten).

        `lengths`: each sentence's tokens, in order. An article's sentences in one batch: few numpy calls.
        """
        ends = np.cumsum(lengths)
        return self._offsets_added(parts, ends - lengths, ends - 1) + self.conv_bias

    def rows_probabilities(
        self, rows: np.ndarray, lengths: np.ndarray, features: np.ndarray, shared: np.ndarray
    ) -> np.ndarray:
        """`batch_probabilities` of mentions whose `placed_columns` and `sentence_part`s are laid end to end.

        `rows` and `shared`: a block of rows per mention, mention m's `lengths[m]` long.
        """
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        convs = self._offsets_added(shared.copy(), starts, np.cumsum(lengths) - 1) + self.conv_bias
        return self.conv_probabilities(rows, lengths, features, convs)

    def conv_probabilities(
        self, rows: np.ndarray, lengths: np.ndarray, features: np.ndarray, convs: np.ndarray
    ) -> np.ndarray:
        """`rows_probabilities` with each mention's block of `sentence_conv` instead of `sentence_part`.

        The sentence's sums are added up once per sentence, not once per mention: a third of the rows to
        lay end to end.
        """
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        conv = self._offsets_added(product(rows, self.mention_kernel), starts, np.cumsum(lengths) - 1)
        conv += convs
        np.maximum(conv, 0.0, out=conv)
        count, segment = len(self.readers), np.repeat(np.arange(len(lengths)), lengths)
        attention = product(conv, self.attention)  # tokens x readers
        attention = np.exp(attention - np.maximum.reduceat(attention, starts)[segment])
        attention /= np.add.reduceat(attention, starts)[segment]
        by_reader = conv.reshape(len(rows), count, -1)
        attended = np.add.reduceat(attention[:, :, None] * by_reader, starts)  # mentions x readers x channels
        inside = rows[:, 0] > 0
        counts = np.add.reduceat(inside.astype(np.intp), starts)
        if counts.all():  # a mention's own rows: summed alone
            own = np.add.reduceat(by_reader[inside], np.cumsum(counts) - counts) / counts[:, None, None]
        else:
            own = np.add.reduceat(by_reader * inside[:, None, None], starts)
            own /= np.maximum(counts, 1)[:, None, None]
        best = np.maximum.reduceat(by_reader, starts)
        standardised = (features[:, None, :] - self.mean) / self.scale
        pooled = np.concatenate([best, attended, own, standardised], axis=2).transpose(1, 0, 2)  # readers first
        hidden_weights, weights = self._perceptron_weights(pooled.dtype)
        hidden = np.stack([product(p, w) for p, w in zip(pooled, hidden_weights, strict=True)])
        hidden = np.maximum(hidden + self.hidden_bias[:, None, :], 0.0)
        logits = np.stack([product(h, w) for h, w in zip(hidden, weights, strict=True)]) + self.bias[:, None, :]
        exp = np.exp(logits - logits.max(axis=2, keepdims=True))
        return (exp / exp.sum(axis=2, keepdims=True)).mean(axis=0)

    def _perceptron_weights(self, dtype: np.dtype) -> tuple[np.ndarray, np.ndarray]:
        """`hidden_weights` and `weights` in the pooled rows' dtype, cast once per ensemble and dtype.

        The pooled rows are float64 whenever every mention has tokens of its own (their mean is divided by
        integer counts). Multiplied by float32 weights, numpy cast the weights for every product and ran
        its own loop instead of BLAS: half of the perceptron's time. Cast here, the products are BLAS's
        (float64 either way: the probabilities move by about 1e-16).
        """
        key = np.dtype(dtype)
        kept = self._cast_weights.get(key)
        if kept is None:
            kept = self._cast_weights[key] = (self.hidden_weights.astype(key), self.weights.astype(key))
        return kept

    def _offsets_added(self, parts: np.ndarray, firsts: np.ndarray, lasts: np.ndarray) -> np.ndarray:
        """The convolution at each row: its middle offset's sum plus the row before's first and the row
        after's last, within blocks of rows (`firsts`, `lasts`: their first and last rows). Overwrites parts."""
        channels = len(self.conv_bias)
        parts[lasts, :channels] = 0.0  # a block's last row is not the next block's row before
        parts[firsts, 2 * channels :] = 0.0  # nor its first row the previous block's row after
        conv = np.empty((len(parts), channels), dtype=parts.dtype)
        conv[:1] = parts[:1, channels : 2 * channels]
        np.add(parts[1:, channels : 2 * channels], parts[:-1, :channels], out=conv[1:])  # middle + row before
        conv[:-1] += parts[1:, 2 * channels :]
        return conv


def load_reader(path: Path) -> SequenceReader:
    """One reader as `SequenceReader.save` wrote it."""
    with np.load(path, allow_pickle=False) as stored:
        return SequenceReader(**{f.name: stored[f.name].astype(np.float32) for f in fields(SequenceReader) if f.init})


def save_readers(path: Path, readers: Sequence[SequenceReader]) -> None:
    """Several readers in one file, their arrays named `<n>_<field>` (n from 0)."""
    stored = {f"{n}_{f.name}": getattr(r, f.name) for n, r in enumerate(readers) for f in fields(r) if f.init}
    np.savez_compressed(path, allow_pickle=False, **stored)


def load_readers(path: Path) -> ReaderEnsemble:
    """The readers `save_readers` wrote, in order."""
    with np.load(path, allow_pickle=False) as stored:
        count = len({name.split("_", 1)[0] for name in stored.files})
        return ReaderEnsemble(
            tuple(
                SequenceReader(
                    **{f.name: stored[f"{n}_{f.name}"].astype(np.float32) for f in fields(SequenceReader) if f.init}
                )
                for n in range(count)
            )
        )

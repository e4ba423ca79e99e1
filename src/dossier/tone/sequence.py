"""The sentence read in order around one mention: a row per token, and a small convolutional reader over them.

The pooled features (`features.mention_context`) average the sentence's
word vectors, which loses who does what to whom. Here each token keeps its
place: its word vector, where it stands from the mention (inside, left or
right, how many words away, how many dependency arcs away), whether it is in
the mention's clause or in a quote, its cue score and its part of speech. A
one-dimensional convolution reads the rows (`SequenceReader`), pools them
(max, attention, and over the mention's own tokens), and a small perceptron
reads that with the pooled features. Trained offline by
bench/tone_sequence.py (torch); at run time a few numpy products per mention.
"""

from __future__ import annotations

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
# Position columns the same for every mention of a sentence (in a quote, cues, part of speech), and the rest.
_TOKEN_COLUMN = 4 + len(DISTANCE_BUCKETS) + 1 + TREE_BUCKETS + 1
SHARED_COLUMNS = np.array([_TOKEN_COLUMN] + list(range(_TOKEN_COLUMN + 3, POSITION_FEATURES)))
MENTION_COLUMNS = np.setdiff1d(np.arange(POSITION_FEATURES), SHARED_COLUMNS)
# OpenBLAS runs a matrix product in threads past 65536 x 4 multiply-adds; for products this small the
# threads cost 10-100 times the arithmetic (1.2 ms instead of 0.09 ms per mention on a busy machine).
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


def position_rows(view: SentenceView, span: Span, scope: Sequence[int], in_quote: bool, verb: int) -> np.ndarray:
    """One row of POSITION_FEATURES per token of the mention's sentence (see the module docstring)."""
    start, size = view.start, len(view.neighbours())
    index = np.arange(start, start + size)
    inside = (index >= span.start) & (index < span.end)
    left, right = index < span.start, index >= span.end
    distance = np.where(left, span.start - index, np.where(right, index - span.end + 1, 0))
    rows = np.zeros((size, POSITION_FEATURES), dtype=np.float32)
    rows[:, 0], rows[:, 1], rows[:, 2] = inside, left, right
    rows[:, 3] = 1.0 / (1.0 + distance)
    bucket = np.searchsorted(np.asarray(DISTANCE_BUCKETS), distance)  # 0 for inside and 1 word away
    rows[~inside, 4 + bucket[~inside]] = 1.0
    column = 4 + len(DISTANCE_BUCKETS) + 1
    mention = [i - start for i in range(span.start, span.end) if 0 <= i - start < size]
    rows[np.arange(size), column + tree_distances(view.neighbours(), mention)] = 1.0
    column += TREE_BUCKETS
    rows[[i - start for i in scope if 0 <= i - start < size], column] = 1.0
    columns = view.token_columns()
    rows[:, column + 1] = columns[:, 0]
    rows[:, column + 2] = 1.0 if in_quote else 0.0
    if 0 <= verb - start < size:
        rows[verb - start, column + 3] = 1.0
    rows[:, column + 4 :] = columns[:, 1:]
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


def load_reader(path: Path) -> SequenceReader:
    """One reader as `SequenceReader.save` wrote it."""
    with np.load(path, allow_pickle=False) as stored:
        return SequenceReader(**{f.name: stored[f.name].astype(np.float32) for f in fields(SequenceReader) if f.init})


def save_readers(path: Path, readers: Sequence[SequenceReader]) -> None:
    """Several readers in one file, their arrays named `<n>_<field>` (n from 0)."""
    stored = {f"{n}_{f.name}": getattr(r, f.name) for n, r in enumerate(readers) for f in fields(r) if f.init}
    np.savez_compressed(path, allow_pickle=False, **stored)


def load_readers(path: Path) -> tuple[SequenceReader, ...]:
    """The readers `save_readers` wrote, in order."""
    with np.load(path, allow_pickle=False) as stored:
        count = len({name.split("_", 1)[0] for name in stored.files})
        return tuple(
            SequenceReader(
                **{f.name: stored[f"{n}_{f.name}"].astype(np.float32) for f in fields(SequenceReader) if f.init}
            )
            for n in range(count)
        )

"""A static embedding table looked up with BERT's uncased WordPiece, as model2vec's `StaticModel.encode` does.

The table (`data/minilm_static.npz`: the vocabulary, int8 vectors and one
scale per row) was distilled from all-MiniLM-L6-v2 with model2vec, PCA to
256 dimensions (bench/embed_distill.py). A text's vector is the mean of its
pieces' vectors, unknown pieces left out, scaled to unit length.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse

from dossier.memo import looked_up

MODEL_PATH = Path(__file__).parent / "data" / "minilm_static.npz"
# The direction all news sentence vectors share (bench/link_meaning_mean.py), one float a line.
COMMON_DIRECTION_PATH = Path(__file__).parent / "data" / "common_direction.txt"
# BERT's WordPiece gives up on longer words (and maps them to [UNK]).
MAX_WORD_CHARS = 100
# Word -> piece ids kept per model; news vocabularies are long-tailed, so the cache is bounded.
MAX_CACHED_WORDS = 500_000
# Texts pooled at a time: the texts of a slice with the same number of pieces are summed together, so larger
# slices make fewer, larger operations (a link batch of 10,000 sentences: 1,024 at a time took a quarter longer
# than 4,096), but each holds several arrays of 1 KB a text (16,384 raised the linker's peak by 60 MB).
EMBED_SLICE = 4096
# BERT's basic tokenizer: runs of letters and digits, and each punctuation mark on its own.
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_")
# The same tokens in ASCII text, in 60% of the time: sre tests the letters and digits without Unicode tables.
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9]+|[^A-Za-z0-9_\s]|_")


@dataclass(frozen=True)
class StaticModel:
    """One vector per word piece; texts and words are pooled from their pieces.

    Example:
        >>> model = StaticModel(("putin", "##s", "[UNK]"), np.eye(3, dtype=np.float32))
        >>> model.pieces("Putins")
        (0, 1)
    """

    vocab: tuple[str, ...]
    vectors: np.ndarray  # one row per piece: float32, or int8 codes when `scales` is given
    # Each int8 row's scale: rows are turned into float32 as they are read, so every process that embeds
    # (the linker, each worker's tone stage) holds 7 MB of codes instead of a 30 MB float32 table.
    scales: np.ndarray | None = field(default=None, repr=False, compare=False)
    index: dict[str, int] = field(init=False, repr=False, compare=False)
    cache: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {piece: i for i, piece in enumerate(self.vocab)})
        object.__setattr__(self, "cache", {})

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def rows(self, ids: np.ndarray) -> np.ndarray:
        """The float32 vectors of these piece ids, one row each."""
        return self.float_table()[ids]

    def float_table(self) -> np.ndarray:
        """Every piece's float32 vector, one row each."""
        return self.vectors if self.scales is None else self.dequantized()

    def dequantized(self) -> np.ndarray:
        """The whole table as float32, made on first use and kept (30 MB).

        The same values as turning each row read into float32 and scaling it, but the int8 cast of the
        pieces' rows of every batch took most of the time of embedding (about 1 ms an article in the
        link stage, 20 times the gather from this table); a process that never embeds keeps 7 MB.
        """
        table = self.__dict__.get("_dequantized")
        if table is None:
            scales = self.scales if self.scales is not None else np.ones(len(self.vectors), dtype=np.float32)
            table = self.vectors.astype(np.float32) * scales[:, None]
            object.__setattr__(self, "_dequantized", table)
        return table

    def leading(self, dims: int) -> np.ndarray:
        """Every piece's first `dims` components, float32."""
        if self.scales is None:
            return self.vectors[:, :dims]
        return self.vectors[:, :dims].astype(np.float32) * self.scales[:, None]

    def pieces(self, word: str) -> tuple[int, ...]:
        """Ids of a word's pieces, greedy longest match first; () when any part is unknown."""
        found = self.cache.get(word)
        if found is not None:
            return found
        found = self._word_pieces(strip_accents(word.lower()))
        if len(self.cache) >= MAX_CACHED_WORDS:
            self.cache.clear()
        self.cache[word] = found
        return found

    def _word_pieces(self, word: str) -> tuple[int, ...]:
        if not word or len(word) > MAX_WORD_CHARS:
            return ()
        found: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.index:
                    found.append(self.index[piece])
                    break
                end -= 1
            else:
                return ()  # WordPiece maps the whole word to [UNK], which pooling leaves out
            start = end
        return tuple(found)

    def text_pieces(self, text: str) -> list[int]:
        ids: list[int] = []
        cache = self.cache
        for token in _TOKEN.findall(text):
            found = cache.get(token)  # the common case: a word seen before, one look-up
            ids.extend(self.pieces(token) if found is None else found)
        return ids

    def texts_pieces(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(pieces of each text, int64; the piece ids of all texts, one after the other): `text_pieces` of
        every text at once.

        Each token's pieces are looked up in C loops over the whole batch (`map` over the tokens, one set
        difference for the tokens not seen before): a Python loop over every token of every text was most
        of the cost of embedding a batch of news.

        Example:
            >>> model = StaticModel(("putin", "##s", "met"), np.eye(3, dtype=np.float32))
            >>> lengths, ids = model.texts_pieces(["Putins met", "", "met Merkel"])
            >>> lengths.tolist(), ids.tolist()
            ([3, 0, 1], [0, 1, 2, 2])
        """
        tokens = [(_ASCII_TOKEN if text.isascii() else _TOKEN).findall(text) for text in texts]
        found = looked_up(
            tokens, self.cache, MAX_CACHED_WORDS, lambda token: self._word_pieces(strip_accents(token.lower()))
        )
        per_token = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
        ids = np.fromiter(itertools.chain.from_iterable(found), dtype=np.int64, count=int(per_token.sum()))
        # A text's pieces: the pieces of its run of tokens, read off the running count of pieces.
        running = np.r_[0, np.cumsum(per_token)]
        token_ends = np.cumsum(np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens)))
        lengths = running[token_ends] - running[np.r_[0, token_ends[:-1]]] if len(tokens) else token_ends
        return lengths, ids

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dims) float32 unit vectors; a text with no known piece gets zeros."""
        lengths, ids = self.texts_pieces(texts)
        starts = np.cumsum(lengths) - lengths
        # Pooled a slice at a time (EMBED_SLICE): memory stays bounded whatever the number of texts, and each
        # text's vector depends on its own pieces only.
        return np.concatenate(
            [
                self._embed_slice(lengths[first : first + EMBED_SLICE], ids, int(starts[first]))
                for first in range(0, len(texts), EMBED_SLICE)
            ]
            or [np.zeros((0, self.dims), dtype=np.float32)]
        )

    def _embed_slice(self, lengths: np.ndarray, ids: np.ndarray, start: int) -> np.ndarray:
        """The unit vectors of texts of `lengths` pieces each, their pieces `ids[start:]` in order."""
        total = int(lengths.sum())
        if not total:
            return np.zeros((len(lengths), self.dims), dtype=np.float32)
        return unit_rows(summed_rows(self.float_table(), lengths, ids[start : start + total]))

    def words(self, words: Sequence[str]) -> np.ndarray:
        """(len(words), dims) unit vectors of single words (zeros for unknown ones)."""
        return self.embed(words)


def summed_rows(rows: np.ndarray, lengths: np.ndarray, picked: np.ndarray) -> np.ndarray:
    """Each text's rows summed, in float32: `rows[picked]` taken in runs of `lengths[i]`, one run a text.

    A sparse matrix of piece counts (a text's row holds a one for each of its pieces) times the table: scipy
    (a dependency of datasketch) adds each text's rows one after the other in C, so a text's sum depends
    on its own pieces only. numpy's `add.reduceat` over the gathered rows gives the same sums within
    float32 rounding (its pairwise order differs) in forty times the time; regrouping texts to copy its
    order bit for bit took three times as long as this, most of embedding a link batch.

    Example:
        >>> rows = np.random.default_rng(1).normal(size=(40, 3)).astype(np.float32)
        >>> lengths, picked = np.array([1, 30, 0, 9]), np.arange(40)
        >>> starts = (np.cumsum(lengths) - lengths)[lengths > 0]
        >>> expected = np.add.reduceat(rows, starts, axis=0)
        >>> bool(np.allclose(summed_rows(rows, lengths, picked)[lengths > 0], expected, atol=1e-5))
        True
    """
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    ones = np.ones(len(picked), dtype=np.float32)
    counts = scipy.sparse.csr_matrix((ones, picked, offsets), shape=(len(lengths), len(rows)))
    return np.asarray(counts @ rows, dtype=np.float32)


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def strip_accents(text: str) -> str:
    """BERT uncased's normalisation: NFD, combining marks dropped."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH) -> StaticModel:
    """The shipped table, loaded once per process (about 7 MB of int8 codes and their scales)."""
    with np.load(path, allow_pickle=False) as stored:
        scales = stored["scales"].astype(np.float32)
        return StaticModel(tuple(str(p) for p in stored["vocab"]), stored["vectors"], scales)


def embed_sentences(texts: Sequence[str]) -> np.ndarray:
    """Unit sentence vectors from the shipped model, one row per text.

    Example:
        >>> vectors = embed_sentences(["Russia vetoed the draft.", "Moscow blocked the resolution."])
        >>> vectors.shape
        (2, 256)
    """
    return load_model().embed(texts)


@lru_cache(maxsize=2)
def common_direction(path: Path = COMMON_DIRECTION_PATH) -> np.ndarray:
    """The unit vector that mean-pooled news sentence vectors share (float32, the model's dimensions)."""
    direction = np.loadtxt(path, dtype=np.float32)
    return direction / np.linalg.norm(direction)


def without_common_direction(vectors: np.ndarray) -> np.ndarray:
    """Unit sentence vectors with the shared direction projected out ("all-but-the-top").

    Mean-pooled static vectors all lean one way, so random hyperplanes cut most
    sentences alike; without that direction they spread out and SimHash buckets
    stay small. Cosines between the results weigh what sentences do not share.

    Example:
        >>> vectors = without_common_direction(embed_sentences(["Russia vetoed the draft.", "Stocks fell."]))
        >>> bool(abs(vectors @ common_direction()).max() < 1e-5), vectors.shape
        (True, (2, 256))
    """
    direction = common_direction()
    return unit_rows(vectors - np.outer(vectors @ direction, direction))


def word_vectors(words: Sequence[str]) -> np.ndarray:
    """Unit vectors of single words from the shipped model, one row per word."""
    return load_model().words(words)

"""Static word vectors distilled from MiniLM, looked up with MiniLM's own WordPiece vocabulary.

The vectors are the leading dimensions of dossier.embed's shipped table
(`embed/data/minilm_static.npz`: model2vec's distillation of
all-MiniLM-L6-v2 with PCA, bench/embed_distill.py), so the project ships one
table; at run time a plain numpy lookup: a word's vector is the mean of its
word pieces' vectors, as model2vec pools them. The sequence readers read
another table over the same vocabulary (`tone_word_vectors`): each piece as
the MiniLM fine-tuned for tone reads it, distilled once by
bench/tone_vectors.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from dossier.embed.static import strip_accents

if TYPE_CHECKING:
    from spacy.strings import StringStore

# BERT's WordPiece gives up on longer words and maps them to [UNK].
MAX_WORD_CHARS = 100
UNKNOWN = "[UNK]"
# Words kept in a `WordTable` before it starts afresh (a bounded vocabulary in practice: 51 MB at 64 dims).
WORD_TABLE_ROWS = 200_000
# Dimensions of the shared table the classifier reads (64 and 256 score alike on the tuning part; 64 is faster).
TONE_DIMS = 64
# Word-piece vectors distilled from the tone-fine-tuned MiniLM (bench/tone_vectors.py), for the sequence readers.
TONE_VECTORS_PATH = Path(__file__).parent / "data" / "tone_vectors.npz"


class WordTable:
    """Pooled word vectors as the rows of one growing matrix, found by spaCy's hash of the word.

    Row 0 is zeros (a word with no known piece); `matrix` has spare rows past the ones in use.
    """

    def __init__(self, dims: int) -> None:
        self.rows: dict[int, int] = {}
        self.matrix = np.zeros((1024, dims), dtype=np.float32)
        self.used = 1

    def trim(self, limit: int = WORD_TABLE_ROWS) -> None:
        """Start afresh past `limit` rows (between articles: no sentence may hold row numbers then)."""
        if self.used > limit:
            self.rows.clear()
            self.matrix = np.zeros((1024, self.matrix.shape[1]), dtype=np.float32)
            self.used = 1

    def add(self, vector: np.ndarray) -> int:
        """A new row holding `vector`: its number."""
        if self.used == len(self.matrix):
            self.matrix = np.concatenate([self.matrix, np.zeros_like(self.matrix)])
        self.matrix[self.used] = vector
        self.used += 1
        return self.used - 1


@dataclass(frozen=True)
class StaticEmbeddings:
    """One vector per WordPiece token; `vector(word)` pools a word's pieces.

    Example:
        >>> table = StaticEmbeddings(("putin", "##s", "[UNK]"), np.eye(3, dtype=np.float32))
        >>> table.pieces("Putins")
        ('putin', '##s')
    """

    vocab: tuple[str, ...]
    vectors: np.ndarray
    index: dict[str, int] = field(init=False, repr=False, compare=False)
    cache: dict[str, np.ndarray] = field(init=False, repr=False, compare=False)
    words: WordTable = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {piece: i for i, piece in enumerate(self.vocab)})
        # Words repeat across articles: their pooled vectors are kept (a bounded vocabulary in practice).
        object.__setattr__(self, "cache", {})
        object.__setattr__(self, "words", WordTable(self.dims))  # the same as rows, by hash (`rows_by_hash`)

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def vector(self, word: str) -> np.ndarray | None:
        """The mean vector of a word's pieces; None for a word with no known piece."""
        found = self.cache.get(word)
        if found is not None or word in self.cache:
            return found
        ids = [self.index[p] for p in self.pieces(word) if p != UNKNOWN]
        pooled = None
        if len(ids) == 1:  # most words are one piece: their mean is that piece's vector, as it is
            pooled = self.vectors[ids[0]].astype(np.float32)
        elif ids:  # .mean(axis=0) step for step (see `mean_of`): a word met for the first time costs that call
            pooled = np.add.reduce(self.vectors[ids].astype(np.float32, copy=False), axis=0)
            np.true_divide(pooled, np.intp(len(ids)), out=pooled, casting="unsafe")
        if len(self.cache) < 200_000:
            self.cache[word] = pooled  # type: ignore[assignment]
        return pooled

    def rows_by_hash(self, hashes: Sequence[int], strings: StringStore) -> list[int]:
        """Rows of `words.matrix` for words given by spaCy's hash of their text (`Doc.to_array(ORTH)`).

        Row 0 is zeros, for a word with no known piece. A sentence's matrix is then one numpy gather.
        """
        kept = self.words.rows
        return [kept[key] if key in kept else self._row_by_hash(key, strings) for key in hashes]

    def _row_by_hash(self, key: int, strings: StringStore) -> int:
        vector = self.vector(strings[key])
        row = 0 if vector is None else self.words.add(vector)
        self.words.rows[key] = row
        return row

    def mean(self, words: list[str]) -> np.ndarray:
        """The mean vector of some words (zeros when none is known)."""
        return self.mean_of([self.vector(w) for w in words])

    def mean_of(self, vectors: Sequence[np.ndarray | None]) -> np.ndarray:
        """The mean of word vectors `vector` gave, None for an unknown word (zeros when none is known)."""
        found = [v for v in vectors if v is not None]
        if not found:
            return np.zeros(self.dims, dtype=np.float32)
        # np.mean(found, axis=0) step for step (the same sum, divided the same way), without its
        # argument handling, which cost a sixth of the tone stage.
        total = np.add.reduce(np.asarray(found), axis=0)
        return np.true_divide(total, np.intp(len(found)), out=total, casting="unsafe")

    def pieces(self, word: str) -> tuple[str, ...]:
        """Greedy longest-match-first WordPiece split of one lower-cased, accent-stripped word."""
        word = strip_accents(word.lower())
        if not word or len(word) > MAX_WORD_CHARS:
            return (UNKNOWN,)
        found: list[str] = []
        start = 0
        while start < len(word):
            end = len(word)
            piece = None
            while start < end:
                candidate = word[start:end] if start == 0 else "##" + word[start:end]
                if candidate in self.index:
                    piece = candidate
                    break
                end -= 1
            if piece is None:
                return (UNKNOWN,)
            found.append(piece)
            start = end
        return tuple(found)


def load_embeddings(path: Path) -> StaticEmbeddings:
    """A table saved as `vocab` and `vectors` (the tone stage's own table before it read dossier.embed's)."""
    with np.load(path, allow_pickle=False) as stored:
        return StaticEmbeddings(tuple(str(p) for p in stored["vocab"]), stored["vectors"])


def embed_word_vectors(dims: int = TONE_DIMS) -> StaticEmbeddings:
    """The leading `dims` principal components of dossier.embed's static table (PCA keeps them first)."""
    from dossier.embed.static import load_model

    model = load_model()
    return StaticEmbeddings(model.vocab, model.leading(dims))


def tone_word_vectors(path: Path = TONE_VECTORS_PATH) -> StaticEmbeddings:
    """The sequence readers' word vectors: pieces read by the tone-fine-tuned MiniLM (bench/tone_vectors.py).

    The file holds int8 `vectors` with a float32 scale per row (`scales`), one row per piece of
    dossier.embed's vocabulary in its order, and `base_dims`: how many leading dimensions of the
    shared table (`embed_word_vectors`) come before them in each row (0: the new vectors alone).
    """
    from dossier.embed.static import load_model

    model = load_model()
    with np.load(path, allow_pickle=False) as stored:
        vectors = stored["vectors"].astype(np.float32) * stored["scales"][:, None]
        base_dims = int(stored["base_dims"])
    if len(vectors) != len(model.vocab):
        raise ValueError(f"{path}: {len(vectors)} rows for a vocabulary of {len(model.vocab)} pieces")
    if base_dims:
        vectors = np.concatenate([model.leading(base_dims), vectors], axis=1)
    return StaticEmbeddings(model.vocab, vectors)

"""The tone stage's word tables: the shared base table and the readers' table distilled from the tuned MiniLM."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dossier.embed.static import load_model
from dossier.tone.embeddings import TONE_VECTORS_PATH, StaticEmbeddings, embed_word_vectors, tone_word_vectors
from dossier.tone.features import SentenceView
from dossier.tone.finder import load_tone_data


def written_table(path: Path, dims: int, base_dims: int) -> np.ndarray:
    """A table of int8 rows over dossier.embed's vocabulary, as bench/tone_vectors.py writes it; its float rows."""
    pieces = len(load_model().vocab)
    codes = (np.arange(pieces * dims) % 255 - 127).astype(np.int8).reshape(pieces, dims)
    scales = np.linspace(0.001, 0.01, pieces, dtype=np.float32)
    np.savez_compressed(path, vectors=codes, scales=scales, base_dims=np.array(base_dims))
    return codes.astype(np.float32) * scales[:, None]


def test_a_distilled_table_is_read_back_in_the_embed_vocabularys_order(tmp_path: Path) -> None:
    expected = written_table(tmp_path / "tone.npz", dims=4, base_dims=0)
    table = tone_word_vectors(tmp_path / "tone.npz")
    assert table.dims == 4
    row = table.index["senate"]
    np.testing.assert_allclose(table.vector("Senate"), expected[row], rtol=1e-6)


def test_a_table_beside_the_base_dims_keeps_the_shared_vectors_first(tmp_path: Path) -> None:
    expected = written_table(tmp_path / "tone.npz", dims=3, base_dims=2)
    table = tone_word_vectors(tmp_path / "tone.npz")
    base = embed_word_vectors(2)
    assert table.dims == 5
    word = table.vector("peacekeepers")  # two pieces, pooled as the base table pools them
    pieces = [table.index[p] for p in table.pieces("peacekeepers")]
    assert len(pieces) == 2
    np.testing.assert_allclose(word[:2], base.vector("peacekeepers"), rtol=1e-6)
    np.testing.assert_allclose(word[2:], expected[pieces].mean(0), rtol=1e-5)


def test_a_table_for_another_vocabulary_is_refused(tmp_path: Path) -> None:
    np.savez(tmp_path / "tone.npz", vectors=np.zeros((5, 4), np.int8), scales=np.ones(5, np.float32),
             base_dims=np.array(0))  # fmt: skip
    with pytest.raises(ValueError, match="5 rows for a vocabulary of"):
        tone_word_vectors(tmp_path / "tone.npz")


def cosine(table: StaticEmbeddings, first: str, second: str) -> float:
    a, b = table.vector(first), table.vector(second)
    assert a is not None and b is not None
    return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))


def test_the_shipped_tone_table_puts_praise_and_blame_apart_where_the_base_table_does_not() -> None:
    tone, base = tone_word_vectors(TONE_VECTORS_PATH), embed_word_vectors()
    assert cosine(tone, "praised", "thanked") > 0.8 and cosine(tone, "criticized", "blamed") > 0.7
    assert cosine(tone, "praised", "criticized") < 0 < cosine(base, "praised", "criticized")


def test_the_stages_readers_read_the_tone_table_and_the_pooled_features_the_base_one() -> None:
    data = load_tone_data()
    assert data.readers is not None and data.reader_vectors is not None
    assert data.reader_vectors.dims == data.readers.word_dims == 64
    np.testing.assert_allclose(data.reader_vectors.vector("courage"), tone_word_vectors().vector("courage"))
    np.testing.assert_allclose(data.vectors.vector("courage"), embed_word_vectors().vector("courage"))


@pytest.mark.model
def test_a_sentence_gives_another_tables_vectors_word_by_word(parse) -> None:
    sentence = next(parse("Critics praised the mayor for her courage in Vladivostok.").doc.sents)
    data, tone = load_tone_data(classifier=False), tone_word_vectors()
    view = SentenceView(sentence, data.cues, data.vectors, ())
    matrix = view.word_matrix(tone)
    assert matrix.shape == (len(sentence), 64)
    for row, token in zip(matrix, sentence, strict=True):
        np.testing.assert_array_equal(row, tone.vector(token.text))
    assert view.word_matrix(tone) is matrix  # once per sentence and table
    assert not np.array_equal(view.word_matrix()[:, :8], matrix[:, :8])  # the view's own table is the base one

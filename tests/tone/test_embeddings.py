"""The tone stage's word tables: the shared base table and the readers' table distilled from the tuned MiniLM."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from dossier.embed.static import load_model
from dossier.tone.embeddings import TONE_VECTORS_PATH, embed_word_vectors, tone_word_vectors


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
    try:
        tone_word_vectors(tmp_path / "tone.npz")
    except ValueError as error:
        assert "5 rows" in str(error)
    else:
        raise AssertionError("a five-row table was read")

"""The tone stage's sequence reader: token rows around a mention, the convolution's fast path, storage."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dossier.tone.sequence import (
    DISTANCE_BUCKETS,
    MENTION_COLUMNS,
    POSITION_FEATURES,
    TREE_BUCKETS,
    UNIVERSAL_POS,
    ReaderEnsemble,
    SequenceReader,
    load_readers,
    position_rows,
    product,
    save_readers,
    tree_distances,
)

TREE_COLUMN = 4 + len(DISTANCE_BUCKETS) + 1
SCOPE_COLUMN = TREE_COLUMN + TREE_BUCKETS


def random_reader(seed: int, word_dims: int = 8, features: int = 5, channels: int = 6) -> SequenceReader:
    rng = np.random.default_rng(seed)
    shape = SequenceReader.zeros(word_dims, features, channels, hidden=7, projected=3)
    arrays = {
        name: rng.normal(scale=0.3, size=getattr(shape, name).shape).astype(np.float32)
        for name in ("word_projection", "conv_weights", "conv_bias", "attention", "mean", "hidden_weights",
                     "hidden_bias", "weights", "bias")
    }  # fmt: skip
    return SequenceReader(**arrays, scale=np.ones(features, np.float32))


def reference_probabilities(reader: SequenceReader, tokens: np.ndarray, features: np.ndarray) -> np.ndarray:
    """The reader's formula written out plainly: project, window of three rows, ReLU, pool, perceptron."""
    d = reader.word_dims
    rows = np.concatenate([tokens[:, :d] @ reader.word_projection, tokens[:, d:]], axis=1)
    padded = np.pad(rows, ((1, 1), (0, 0)))
    windows = np.concatenate([padded[:-2], padded[1:-1], padded[2:]], axis=1)
    conv = np.maximum(windows @ reader.conv_weights + reader.conv_bias, 0.0)
    weights = np.exp(conv @ reader.attention - (conv @ reader.attention).max())
    own = conv[tokens[:, d] > 0].mean(axis=0)
    pooled = np.concatenate([conv.max(0), weights @ conv / weights.sum(), own, (features - reader.mean) / reader.scale])
    logits = np.maximum(pooled @ reader.hidden_weights + reader.hidden_bias, 0) @ reader.weights + reader.bias
    exp = np.exp(logits - logits.max())
    return exp / exp.sum()


def test_the_split_convolution_gives_the_plain_formulas_probabilities_with_or_without_the_shared_part() -> None:
    reader = random_reader(0)
    rng = np.random.default_rng(1)
    tokens = rng.normal(size=(9, 8 + POSITION_FEATURES)).astype(np.float32)
    tokens[:, 8] = 0.0
    tokens[3:5, 8] = 1.0  # the mention
    features = rng.normal(size=5).astype(np.float32)
    expected = reference_probabilities(reader, tokens, features)
    assert np.allclose(reader.probabilities(tokens, features), expected, atol=1e-5)
    shared = reader.shared_part(tokens)
    assert np.allclose(reader.probabilities(tokens, features, shared), expected, atol=1e-5)
    # Wider word vectors than the reader reads: it takes the leading ones and the position columns at the end.
    wider = np.concatenate([tokens[:, :8], rng.normal(size=(9, 4)), tokens[:, 8:]], axis=1).astype(np.float32)
    assert np.allclose(reader.probabilities(wider, features), expected, atol=1e-5)


def test_long_products_are_cut_into_row_blocks_with_the_same_result() -> None:
    rng = np.random.default_rng(2)
    rows, matrix = rng.normal(size=(300, 400)), rng.normal(size=(400, 64))
    assert np.allclose(product(rows, matrix), rows @ matrix)


def test_several_readers_survive_saving_in_one_file_and_average_side_by_side(tmp_path: Path) -> None:
    readers = (random_reader(3), random_reader(4, word_dims=12))
    save_readers(tmp_path / "sequence.npz", readers)
    loaded = load_readers(tmp_path / "sequence.npz")
    tokens = np.random.default_rng(5).normal(size=(6, 12 + POSITION_FEATURES)).astype(np.float32)
    tokens[:, 12] = [0, 1, 1, 0, 0, 0]
    features = np.random.default_rng(6).normal(size=5).astype(np.float32)
    assert [r.word_dims for r in loaded.readers] == [8, 12] and loaded.word_dims == 12
    for before, after in zip(readers, loaded.readers, strict=True):
        assert np.allclose(before.probabilities(tokens, features), after.probabilities(tokens, features))
    # Side by side, the readers give the mean of what each gives alone.
    alone = np.mean([reader.probabilities(tokens, features) for reader in readers], axis=0)
    assert not np.allclose(readers[0].probabilities(tokens, features), alone, atol=1e-3)
    assert np.allclose(loaded.probabilities(tokens, features), alone, atol=1e-5)
    assert np.allclose(loaded.probabilities(tokens, features, loaded.shared_part(tokens)), alone, atol=1e-5)


def test_tree_distance_counts_arcs_to_the_nearest_mention_token_and_caps_far_ones() -> None:
    chain = [[1]] + [[i - 1, i + 1] for i in range(1, 9)] + [[8]]  # ten tokens in a row
    assert tree_distances(chain, [4, 5]).tolist() == [4, 3, 2, 1, 0, 0, 1, 2, 3, 4]
    assert tree_distances(chain, [0]).tolist() == [0, 1, 2, 3, 4] + [TREE_BUCKETS - 1] * 5


@pytest.mark.model
def test_token_rows_place_each_word_from_the_mention_in_order_and_in_the_tree() -> None:
    from dossier.parse.model import load_model
    from dossier.tone.features import SentenceView, mention_context
    from dossier.tone.finder import load_tone_data

    data = load_tone_data(classifier=False)
    doc = load_model()("Critics fiercely condemned the senator yesterday.")
    senator = doc[3:5]
    context = mention_context(senator, data.cues, data.vectors, positions=True)
    assert context.positions is not None
    view = SentenceView(senator.sent, data.cues, data.vectors, ())
    rows = position_rows(context.positions, view.token_columns())
    assert rows.shape == (len(doc), POSITION_FEATURES)
    assert rows[:, 0].tolist() == [0, 0, 0, 1, 1, 0, 0]  # inside the mention
    assert rows[:, 1].tolist() == [1, 1, 1, 0, 0, 0, 0] and rows[:, 2].tolist() == [0, 0, 0, 0, 0, 1, 1]
    tree = rows[:, TREE_COLUMN:SCOPE_COLUMN].argmax(axis=1)
    assert tree[2] == 1 and tree[0] == 2  # "condemned" governs "senator"; "Critics" is one arc further
    condemned = rows[2]
    assert condemned[SCOPE_COLUMN + 3] == 1.0  # the governing verb
    assert condemned[SCOPE_COLUMN + 5] > 0  # a negative cue
    assert condemned[SCOPE_COLUMN + 6 + UNIVERSAL_POS.index("VERB")] == 1.0


def test_mentions_judged_together_get_what_each_gets_alone() -> None:
    readers = ReaderEnsemble((random_reader(7), random_reader(8)))
    rng = np.random.default_rng(9)
    lengths = (1, 4, 9)
    rows = [rng.normal(size=(n, 8 + POSITION_FEATURES)).astype(np.float32) for n in lengths]
    for row in rows:
        row[:, 8] = 0.0
        row[0, 8] = 1.0
    features = rng.normal(size=(3, 5)).astype(np.float32)
    alone = [readers.probabilities(row, feature) for row, feature in zip(rows, features, strict=True)]
    together = readers.batch_probabilities(
        [row[:, 8:][:, MENTION_COLUMNS] for row in rows], features, [readers.shared_part(row) for row in rows]
    )
    assert together.shape == (3, 3) and np.allclose(together, alone, atol=1e-5)

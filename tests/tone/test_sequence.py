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


def hand_parsed(words: list[str], heads: list[int], deps: list[str]):
    """A parsed sentence built by hand (heads as token indexes), no model needed."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    return Doc(Vocab(), words=words, heads=heads, deps=deps)


def test_subtrees_and_arc_distances_read_from_arrays_match_spacy_and_a_breadth_first_walk() -> None:
    from dossier.tone.embeddings import StaticEmbeddings
    from dossier.tone.features import DocArrays, SentenceView
    from dossier.tone.sequence import placed_tree_distances

    vectors = StaticEmbeddings(("[UNK]", "hearing"), np.eye(2, dtype=np.float32))
    projective = hand_parsed(
        ["The", "senator", "praised", "the", "mayor", "of", "Oslo", "."],
        [1, 2, 2, 4, 2, 4, 5, 2],
        ["det", "nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
    )
    # "on the issue" hangs from "hearing" across "is scheduled": the subtree of "hearing" has a gap,
    # and spaCy lists it as [A, hearing, on, the, issue], its own order, not the sentence's.
    crossing = hand_parsed(
        ["A", "hearing", "is", "scheduled", "on", "the", "issue", "today", "."],
        [1, 3, 3, 3, 1, 6, 4, 3, 3],
        ["det", "nsubjpass", "auxpass", "ROOT", "prep", "det", "pobj", "npadvmod", "punct"],
    )
    for doc in (projective, crossing):
        view = SentenceView(doc[:], {}, vectors, (), DocArrays(doc))
        assert view.contained
        for token in doc:
            assert view.subtree(token.i) == [t.i for t in token.subtree]
        placed = [(view, doc[i : i + 2], [], False, 0) for i in range(len(doc) - 1)]
        found = placed_tree_distances(placed, [i * len(doc) for i in range(len(placed))])
        walked = [tree_distances(view.neighbours(), [i, i + 1]) for i in range(len(doc) - 1)]
        assert found.tolist() == np.concatenate(walked).tolist()
    assert [t.i for t in crossing[1].subtree] == [0, 1, 4, 5, 6]


@pytest.mark.model
def test_an_articles_mentions_read_together_get_what_each_gets_alone() -> None:
    from dossier.parse.model import load_model
    from dossier.tone.features import DocArrays, SentenceView, mention_context, read_mentions
    from dossier.tone.finder import load_tone_data

    data = load_tone_data(classifier=False)
    doc = load_model()("The mayor thanked the firefighters. Critics said the governor failed the city, not the mayor.")
    spans = [doc[0:2], doc[3:5], doc[6:7], doc[8:10], doc[15:17]]
    arrays = DocArrays(doc)
    views = {sentence.start: SentenceView(sentence, data.cues, data.vectors, (), arrays) for sentence in doc.sents}
    together, columns = read_mentions([(span, views[span.sent.start]) for span in spans], positions=True)
    assert columns is not None and len(columns) == sum(len(span.sent) for span in spans)
    row = 0
    for span, context in zip(spans, together, strict=True):
        alone = mention_context(span, data.cues, data.vectors, positions=True)
        assert alone.cues == context.cues and np.allclose(alone.features, context.features, atol=1e-6)
        assert alone.positions is not None and (alone.positions == columns[row : row + len(span.sent)]).all()
        row += len(span.sent)
    assert [cue.text for cue in together[3].cues] == ["failed"]


def test_a_mention_that_runs_into_the_next_sentence_reads_its_scope_there() -> None:
    from dossier.tone.embeddings import StaticEmbeddings
    from dossier.tone.features import mention_context

    vectors = StaticEmbeddings(("[UNK]", "him", "."), np.eye(3, dtype=np.float32))
    doc = hand_parsed(
        ["Critics", "attacked", "Smith", ".", "Jones", "praised", "him", "."],
        [1, 1, 1, 1, 5, 5, 5, 5],
        ["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "dobj", "punct"],
    )
    mention = doc[3:6]  # ". Jones praised": its sentence is the first, its head the second's root
    context = mention_context(mention, {}, vectors, positions=True)
    dims = vectors.dims
    scope = context.features[2 * dims : 3 * dims]  # after the sentence's and the window's means
    assert scope.tolist() == [0.0, 0.5, 0.5]  # "him" and "." of the second sentence
    assert context.positions is not None and len(context.positions) == 4

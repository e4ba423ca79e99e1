"""The common direction of news sentence vectors, removed before linking by meaning hashes them.

    PYTHONPATH=src .venv/bin/python bench/link_meaning_mean.py   # writes src/dossier/embed/data/common_direction.txt

Mean-pooled static vectors all lean one way (the mean of a news sentence's
unit vector has length about 0.63): the words every sentence has ("the",
"said", punctuation) dominate. Random hyperplanes then cut most sentences
alike, so a few SimHash buckets hold most sentences and the per-bucket cap
drops true rewrites. Removing that one direction ("all-but-the-top", Mu and
Viswanath, ICLR 2018) spreads them out. The direction is the mean sentence
vector of the NewsMTSC training sentences (../shared/dev/newsmtsc_train.jsonl,
US news from many outlets), not of PolNeAR, whose halves tune and score the
linker.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from dossier.embed.static import COMMON_DIRECTION_PATH, embed_sentences  # noqa: E402

NEWSMTSC = REPO.parent / "shared" / "dev" / "newsmtsc_train.jsonl"


def mean_direction(texts: list[str]) -> np.ndarray:
    """The unit mean of the texts' unit sentence vectors."""
    mean = embed_sentences(texts).mean(axis=0)
    return mean / np.linalg.norm(mean)


def main() -> None:
    lines = NEWSMTSC.read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["sentence_normalized"] for line in lines if line.strip()]
    direction = mean_direction(texts)
    header = f"common direction of {len(texts)} NewsMTSC training sentence vectors (bench/link_meaning_mean.py)"
    np.savetxt(COMMON_DIRECTION_PATH, direction, fmt="%.6f", header=header)
    print(f"{len(texts)} sentences; mean length {np.linalg.norm(embed_sentences(texts).mean(axis=0)):.3f}")


if __name__ == "__main__":
    main()

"""The NewsMTSC split and score shared by the tone benches: numpy only, so torch-only venvs import it too.

A target is in the scored part when its sentence's sha256 falls in the first
SCORED_BUCKETS of ten; the rest is the tuning part. Labels 2/4/6 are
negative/neutral/positive.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "dev" / "newsmtsc_train.jsonl"
LABELS = {2.0: 0, 4.0: 1, 6.0: 2}
SCORED_BUCKETS = 3  # of 10


def bucket(sentence_id: str) -> int:
    return int(hashlib.sha256(sentence_id.encode("utf-8")).hexdigest(), 16) % 10


def is_scored(sentence_id: str) -> bool:
    return bucket(sentence_id) < SCORED_BUCKETS


def macro_f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    scores = []
    for label in range(3):
        tp = np.sum((predicted == label) & (gold == label))
        precision = tp / max(np.sum(predicted == label), 1)
        recall = tp / max(np.sum(gold == label), 1)
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return float(np.mean(scores))

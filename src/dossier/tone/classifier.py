"""The tone classifier: multinomial logistic regression over a mention's features, weights shipped as numpy.

Trained by bench/tone_newsmtsc.py on the tuning part of NewsMTSC's training
split (`data/classifier.npz`); nothing here trains.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

POLARITIES = ("negative", "neutral", "positive")


@dataclass(frozen=True)
class ToneClassifier:
    """Standardise, then softmax(x @ weights + bias) over `POLARITIES`."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # features x 3
    bias: np.ndarray  # 3

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Rows of class probabilities for rows of features (one row: a vector of 3)."""
        logits = ((features - self.mean) / self.scale) @ self.weights + self.bias
        logits = logits - logits.max(axis=-1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=-1, keepdims=True)

    def save(self, path: Path) -> None:
        np.savez_compressed(path, mean=self.mean, scale=self.scale, weights=self.weights, bias=self.bias)


def load_classifier(path: Path) -> ToneClassifier:
    with np.load(path, allow_pickle=False) as stored:
        return ToneClassifier(
            stored["mean"].astype(np.float32),
            stored["scale"].astype(np.float32),
            stored["weights"].astype(np.float32),
            stored["bias"].astype(np.float32),
        )


def polarity_and_score(probabilities: np.ndarray) -> tuple[str, float]:
    """The likeliest class, and P(positive) - P(negative) as a score in [-1, 1].

    Example:
        >>> polarity_and_score(np.array([0.7, 0.2, 0.1]))
        ('negative', -0.6)
    """
    best = int(np.argmax(probabilities))
    return POLARITIES[best], round(float(probabilities[2] - probabilities[0]), 3)

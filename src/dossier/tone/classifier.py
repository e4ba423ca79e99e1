"""The tone classifier over a mention's features, weights shipped as numpy.

A multinomial logistic regression, or with a hidden layer (ReLU) before it:
a small multi-layer perceptron. Trained by bench/tone_newsmtsc.py on the
tuning part of NewsMTSC's training split (`data/classifier.npz`); nothing
here trains.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

POLARITIES = ("negative", "neutral", "positive")


@dataclass(frozen=True)
class ToneClassifier:
    """Standardise, then (with a hidden layer: relu(x @ hidden_weights + hidden_bias)) softmax(x @ weights + bias).

    Example:
        >>> model = ToneClassifier(np.zeros(2), np.ones(2), np.eye(2, 3), np.zeros(3))
        >>> model.probabilities(np.array([2.0, 0.0])).argmax()
        np.int64(0)
    """

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # (hidden units or features) x 3
    bias: np.ndarray  # 3
    hidden_weights: np.ndarray | None = None  # features x hidden units
    hidden_bias: np.ndarray | None = None  # hidden units

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Rows of class probabilities for rows of features (one row: a vector of 3)."""
        x = (features - self.mean) / self.scale
        if self.hidden_weights is not None and self.hidden_bias is not None:
            x = np.maximum(x @ self.hidden_weights + self.hidden_bias, 0.0)
        logits = x @ self.weights + self.bias
        logits = logits - logits.max(axis=-1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=-1, keepdims=True)

    def save(self, path: Path) -> None:
        arrays = {"mean": self.mean, "scale": self.scale, "weights": self.weights, "bias": self.bias}
        if self.hidden_weights is not None and self.hidden_bias is not None:
            arrays |= {"hidden_weights": self.hidden_weights, "hidden_bias": self.hidden_bias}
        np.savez_compressed(path, allow_pickle=False, **arrays)


def load_classifier(path: Path) -> ToneClassifier:
    with np.load(path, allow_pickle=False) as stored:
        hidden = "hidden_weights" in stored.files
        return ToneClassifier(
            stored["mean"].astype(np.float32),
            stored["scale"].astype(np.float32),
            stored["weights"].astype(np.float32),
            stored["bias"].astype(np.float32),
            stored["hidden_weights"].astype(np.float32) if hidden else None,
            stored["hidden_bias"].astype(np.float32) if hidden else None,
        )


def polarity_and_score(probabilities: np.ndarray) -> tuple[str, float]:
    """The likeliest class, and P(positive) - P(negative) as a score in [-1, 1].

    Example:
        >>> polarity_and_score(np.array([0.7, 0.2, 0.1]))
        ('negative', -0.6)
    """
    best = int(np.argmax(probabilities))
    return POLARITIES[best], round(float(probabilities[2] - probabilities[0]), 3)

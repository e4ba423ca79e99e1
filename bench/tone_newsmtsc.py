"""Tone toward a named person on NewsMTSC's training split: lexicon baseline and the shipped classifier.

    PYTHONPATH=src python bench/tone_newsmtsc.py [--save] [--data ../shared/dev/newsmtsc_train.jsonl]

The sentences are split before anything is read, by a hash of their id:
sha256(primary_gid) mod 10 < 3 is the scored part (about 30%), set aside and
never trained or tuned on; the rest is the tuning part. Each target mention
is located in the spaCy parse and read by dossier.tone's own feature code;
two classifiers are trained on the tuning part only: a multinomial logistic
regression and a one-hidden-layer perceptron, their sizes and L2 strengths
chosen by 5-fold cross-validation inside the tuning part. `--save` writes
the one that cross-validates better to src/dossier/tone/data/classifier.npz.
Prints macro-F1 over negative/neutral/positive on both parts.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from newsmtsc_split import DEFAULT_DATA, LABELS, is_scored, macro_f1

from dossier.parse.model import load_model
from dossier.tone.classifier import POLARITIES, ToneClassifier
from dossier.tone.features import mention_context
from dossier.tone.finder import CLASSIFIER_PATH, LEXICON_THRESHOLD, lexicon_polarity, load_tone_data

ROOT = Path(__file__).resolve().parents[1]
STRENGTHS = (3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)
# The perceptron's choices (hidden units, L2 strength), also by 5-fold cross-validation inside the tuning part.
MLP_CHOICES = ((128, 30.0), (128, 100.0))


def read_examples(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]:
    """Features, lexicon scores, labels and scored-part flags of every target; CPU seconds per sentence."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    data = load_tone_data(classifier=False)
    nlp = load_model()
    features, lexicon, labels, scored = [], [], [], []
    started = time.process_time()
    for row, doc in zip(rows, nlp.pipe(r["sentence_normalized"] for r in rows), strict=True):
        for target in row["targets"]:
            span = doc.char_span(target["from"], target["to"], alignment_mode="expand")
            if span is None or len(span) == 0 or target["polarity"] not in LABELS:
                continue
            context = mention_context(span, data.cues, data.vectors)
            features.append(context.features)
            lexicon.append(context.lexicon_score)
            labels.append(LABELS[target["polarity"]])
            scored.append(is_scored(row["primary_gid"]))
    seconds = (time.process_time() - started) / max(len(rows), 1)
    return np.array(features), np.array(lexicon), np.array(labels), np.array(scored), seconds


def class_weights(y: np.ndarray) -> np.ndarray:
    """Per-row weights that give each class the same total (macro-F1 counts them alike)."""
    return (len(y) / (3 * np.bincount(y, minlength=3)))[y]


def train(x: np.ndarray, y: np.ndarray, strength: float) -> ToneClassifier:
    """Class-balanced multinomial logistic regression with L2, by L-BFGS (scipy, a bench-only need)."""
    from scipy.optimize import minimize

    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = (x - mean) / scale
    onehot = np.eye(3)[y]
    weight = class_weights(y)
    features = z.shape[1]

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = flat[: features * 3].reshape(features, 3), flat[features * 3 :]
        logits = z @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        value = -np.sum(weight * np.sum(onehot * log_p, axis=1)) / len(y) + strength * np.sum(w * w) / (2 * len(y))
        residual = (np.exp(log_p) - onehot) * weight[:, None] / len(y)
        grad_w = z.T @ residual + strength * w / len(y)
        return float(value), np.concatenate([grad_w.ravel(), residual.sum(axis=0)])

    result = minimize(loss, np.zeros(features * 3 + 3), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    w, b = result.x[: features * 3].reshape(features, 3), result.x[features * 3 :]
    return ToneClassifier(mean.astype(np.float32), scale.astype(np.float32), w.astype(np.float32), b.astype(np.float32))


def train_mlp(x: np.ndarray, y: np.ndarray, hidden: int, strength: float) -> ToneClassifier:
    """One hidden ReLU layer before the softmax, class-balanced, L2 on both weight matrices, by L-BFGS."""
    from scipy.optimize import minimize

    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = (x - mean) / scale
    onehot = np.eye(3)[y]
    weight = class_weights(y)
    n, features = z.shape
    sizes = (features * hidden, hidden, hidden * 3, 3)
    cuts = np.cumsum(sizes)[:-1]

    def unpack(flat: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        w1, b1, w2, b2 = np.split(flat, cuts)
        return w1.reshape(features, hidden), b1, w2.reshape(hidden, 3), b2

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w1, b1, w2, b2 = unpack(flat)
        h = np.maximum(z @ w1 + b1, 0.0)
        logits = h @ w2 + b2
        logits -= logits.max(axis=1, keepdims=True)
        log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        penalty = strength * (np.sum(w1 * w1) + np.sum(w2 * w2)) / (2 * n)
        value = -np.sum(weight * np.sum(onehot * log_p, axis=1)) / n + penalty
        residual = (np.exp(log_p) - onehot) * weight[:, None] / n
        back = (residual @ w2.T) * (h > 0)
        grads = (
            z.T @ back + strength * w1 / n,
            back.sum(axis=0),
            h.T @ residual + strength * w2 / n,
            residual.sum(axis=0),
        )
        return float(value), np.concatenate([g.ravel() for g in grads])

    start = np.random.default_rng(0)
    initial = np.concatenate(
        [
            start.normal(0, np.sqrt(2 / features), features * hidden),
            np.zeros(hidden),
            start.normal(0, np.sqrt(1 / hidden), hidden * 3),
            np.zeros(3),
        ]
    )
    result = minimize(loss, initial, jac=True, method="L-BFGS-B", options={"maxiter": 200})
    w1, b1, w2, b2 = (part.astype(np.float32) for part in unpack(result.x))
    return ToneClassifier(mean.astype(np.float32), scale.astype(np.float32), w2, b2, w1, b1)


def predict(model: ToneClassifier, x: np.ndarray) -> np.ndarray:
    return np.argmax(model.probabilities(x.astype(np.float32)), axis=1)


def cross_validated(x: np.ndarray, y: np.ndarray, fit: Callable[[np.ndarray, np.ndarray], ToneClassifier]) -> float:
    """Mean 5-fold macro-F1 of a way to fit, inside the given (tuning) rows."""
    folds = np.arange(len(y)) % 5
    return float(
        np.mean([macro_f1(y[folds == k], predict(fit(x[folds != k], y[folds != k]), x[folds == k])) for k in range(5)])
    )


def choose_strength(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The L2 strength with the best 5-fold macro-F1 inside the tuning part, and that F1."""
    best, best_f1 = STRENGTHS[0], -1.0
    for strength in STRENGTHS:
        f1 = cross_validated(x, y, lambda a, b, s=strength: train(a, b, s))
        print(f"  L2 {strength:>5}: 5-fold macro-F1 {f1:.3f}", file=sys.stderr)
        if f1 > best_f1:
            best, best_f1 = strength, f1
    return best, best_f1


def choose_mlp(x: np.ndarray, y: np.ndarray) -> tuple[tuple[int, float], float]:
    """The (hidden units, L2) with the best 5-fold macro-F1 inside the tuning part, and that F1."""
    best, best_f1 = MLP_CHOICES[0], -1.0
    for hidden, strength in MLP_CHOICES:
        f1 = cross_validated(x, y, lambda a, b, h=hidden, s=strength: train_mlp(a, b, h, s))
        print(f"  MLP {hidden} units, L2 {strength:>5}: 5-fold macro-F1 {f1:.3f}", file=sys.stderr)
        if f1 > best_f1:
            best, best_f1 = (hidden, strength), f1
    return best, best_f1


def measure_speed(folder: Path, count: int, tone_model: str = "static") -> None:
    """CPU seconds of parsing and of the tone stage alone on `count` PolNeAR articles (sorted by name)."""
    from dossier.parse.model import ParsedArticle
    from dossier.pipeline import RunOptions, analyse
    from dossier.records import Article
    from dossier.stages import load_stages

    stages = load_stages(RunOptions(tone_model=tone_model))
    before_tone = [stage for stage in stages if stage.name != "tones"]
    tone_stage = next(stage for stage in stages if stage.name == "tones")
    nlp = load_model()
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))[:count]]
    nlp("warm up")
    parse_seconds = tone_seconds = 0.0
    for text in texts:
        started = time.process_time()
        parsed = ParsedArticle(Article.build(text), nlp(text))
        parse_seconds += time.process_time() - started
        analysis = analyse(parsed, RunOptions(), before_tone)
        started = time.process_time()
        tone_stage(parsed, analysis)
        tone_seconds += time.process_time() - started
    print(
        f"{len(texts)} articles: parse {parse_seconds:.2f} s CPU, tone ({tone_model}) {tone_seconds:.2f} s CPU"
        f" ({100 * tone_seconds / parse_seconds:.1f}% of parse)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--save", action="store_true", help="write the classifier into the package")
    parser.add_argument("--cache", type=Path, help="features kept here (.npz) and read back on the next run")
    parser.add_argument("--speed", type=int, metavar="N", help="only time parse vs tone on N PolNeAR articles")
    parser.add_argument("--tone-model", default="static", help="with --speed: static, transformer or lexicon")
    args = parser.parse_args()
    if args.speed:
        measure_speed(ROOT.parent / "shared" / "dev" / "polnear_train" / "text", args.speed, args.tone_model)
        return
    if args.cache and args.cache.exists():
        with np.load(args.cache) as kept:
            x, lexicon, y, scored, seconds = (kept[k] for k in ("x", "lexicon", "y", "scored", "seconds"))
    else:
        x, lexicon, y, scored, seconds = read_examples(args.data)
        if args.cache:
            np.savez(args.cache, x=x, lexicon=lexicon, y=y, scored=scored, seconds=seconds)
    tune = ~scored
    print(
        f"targets: {tune.sum()} tuning, {scored.sum()} scored; features {x.shape[1]};"
        f" parse+features {seconds * 1000:.1f} ms CPU per sentence"
    )
    lexicon_predicted = np.array([POLARITIES.index(lexicon_polarity(s)) for s in lexicon])
    print(
        f"lexicon (threshold {LEXICON_THRESHOLD}): macro-F1 tuning {macro_f1(y[tune], lexicon_predicted[tune]):.3f}"
        f"  scored {macro_f1(y[scored], lexicon_predicted[scored]):.3f}"
    )
    strength, linear_f1 = choose_strength(x[tune], y[tune])
    model = train(x[tune], y[tune], strength)
    report(f"logistic regression (L2 {strength})", model, x, y, scored)
    (hidden, mlp_strength), mlp_f1 = choose_mlp(x[tune], y[tune])
    mlp = train_mlp(x[tune], y[tune], hidden, mlp_strength)
    report(f"perceptron ({hidden} units, L2 {mlp_strength})", mlp, x, y, scored)
    # The shipped model is the one that cross-validates better inside the tuning part; the scored part is only read.
    chosen = mlp if mlp_f1 > linear_f1 else model
    if args.save:
        chosen.save(CLASSIFIER_PATH)
        print(f"saved {'perceptron' if chosen is mlp else 'logistic regression'} to {CLASSIFIER_PATH}")


def report(name: str, model: ToneClassifier, x: np.ndarray, y: np.ndarray, scored: np.ndarray) -> None:
    tune = ~scored
    print(
        f"{name}: macro-F1 tuning {macro_f1(y[tune], predict(model, x[tune])):.3f}"
        f"  scored {macro_f1(y[scored], predict(model, x[scored])):.3f}"
    )


if __name__ == "__main__":
    main()

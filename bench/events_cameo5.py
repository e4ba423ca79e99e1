"""Dev measurement: the events stage on ConfliBERT's five-way CAMEO sentences.

Each sentence of ../shared/dev/cameo_five_way_train.tsv is coded as a
one-sentence article with no publication date; the root code of its first
event is mapped to the set's five classes (0 = 01-02, 1 = 03-05, 2 = 06-08,
3 = 09-13 and 16, 4 = 14-15 and 17-20). Prints accuracy, macro-F1, coverage
(share of sentences with any event) and the confusion matrix, for the tuning
half and the scored half (bench/dev_halves.py) or the one `--half` names.
Tune on "tune" only; "score" is for reporting.

    .venv/bin/python bench/events_cameo5.py
    .venv/bin/python bench/events_cameo5.py --half tune --limit 300
    .venv/bin/python bench/events_cameo5.py --show misses --mentions ner

`--mentions ner` stands spaCy's named entities in for the actors stage, to
look at the lexicon alone; the reported figure uses the actors stage.
Not part of the test suite. Do not copy the sentences into lexicons.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

from dev_halves import HALVES, in_half

from dossier.actors import resolve as actors
from dossier.events.coder import code_events, load_event_data
from dossier.parse.model import ParsedArticle, load_model
from dossier.quotes import attribution as quotes
from dossier.records import ActorRef, Article, Mention

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "dev" / "cameo_five_way_train.tsv"
CLASSES = ("0", "1", "2", "3", "4")
NER_LABELS = {"GPE": None, "NORP": None, "ORG": None, "PERSON": "GOV"}


def five_way(root: str) -> str:
    """The dev set's class of a CAMEO root code."""
    number = int(root)
    if number <= 2:
        return "0"
    if number <= 5:
        return "1"
    if number <= 8:
        return "2"
    if number <= 13 or number == 16:
        return "3"
    return "4"


def read_rows(path: Path, limit: int | None, seed: int, halves: list[str]) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            text, label = line.rsplit("\t", 1)
            if any(in_half(text.strip(), half) for half in halves):
                rows.append((text.strip(), label.strip()))
    if limit:
        random.Random(seed).shuffle(rows)
        rows = rows[:limit]
    return rows


def ner_mentions(parsed: ParsedArticle) -> tuple[Mention, ...]:
    """Named entities as stand-in actors (development only)."""
    found = []
    for entity in parsed.doc.ents:
        if entity.label_ in NER_LABELS:
            actor = ActorRef(entity.text.upper()[:3], entity.text, None, NER_LABELS[entity.label_])
            found.append(Mention(parsed.article.id, entity.start_char, entity.end_char, entity.text, actor))
    return tuple(found)


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    scores = []
    for label in CLASSES:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEV)
    parser.add_argument("--limit", type=int, default=None, help="a random subset of this many sentences")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mentions", choices=("actors", "ner"), default="actors")
    parser.add_argument("--show", choices=("none", "misses", "uncovered", "wrong", "all"), default="none")
    parser.add_argument("--half", choices=HALVES, default=None, help="one half; default: tune and score")
    parser.add_argument("--patterns-only", action="store_true", help="leave the learned fallback off")
    args = parser.parse_args(argv)

    halves = [args.half] if args.half else ["tune", "score"]
    rows = read_rows(args.data, args.limit, args.seed, halves)
    nlp = load_model()
    data = load_event_data(learned_fallback=not args.patterns_only)
    started = time.perf_counter()
    gold, predicted = [], []
    articles = [Article.build(text, name=f"dev{n}") for n, (text, _) in enumerate(rows)]
    for (text, label), article, doc in zip(rows, articles, nlp.pipe(a.text for a in articles), strict=True):
        parsed = ParsedArticle(article, doc)
        mentions = actors.resolve_actors(parsed) if args.mentions == "actors" else ner_mentions(parsed)
        events = code_events(parsed, mentions, quotes.find_quotes(parsed, mentions), data)
        guess = five_way(events[0].root_code) if events else "-"
        gold.append(label)
        predicted.append(guess)
        wrong = guess != label
        if (
            args.show == "all"
            or (args.show == "misses" and wrong)
            or (args.show == "uncovered" and guess == "-")
            or (args.show == "wrong" and wrong and guess != "-")
        ):
            first = events[0] if events else None
            detail = ""
            if first is not None:
                target = first.target.name if first.target else ""
                detail = f"{first.code} {first.predicate} {first.source.name}->{target}"
            print(f"[{label} got {guess}] {detail} | {text[:160]}")
    seconds = time.perf_counter() - started
    print(f"sentences {len(rows)}  mentions {args.mentions}  seconds {seconds:.1f}")
    for half in halves:
        kept = [i for i, (text, _) in enumerate(rows) if in_half(text, half)]
        report_half(half, [gold[i] for i in kept], [predicted[i] for i in kept])
    return 0


def report_half(half: str, gold: list[str], predicted: list[str]) -> None:
    covered = sum(1 for p in predicted if p != "-")
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    total = max(len(gold), 1)
    print(
        f"[{half}] sentences {len(gold)}  coverage {covered / total:.3f}  accuracy {correct / total:.3f}  "
        f"accuracy on covered {correct / covered if covered else 0:.3f}  macro-F1 {macro_f1(gold, predicted):.3f}"
    )
    confusion = Counter(zip(gold, predicted, strict=True))
    print("gold\\pred " + " ".join(f"{c:>5}" for c in (*CLASSES, "-")))
    for g in CLASSES:
        print(f"{g:>9} " + " ".join(f"{confusion[(g, p)]:>5}" for p in (*CLASSES, "-")))


if __name__ == "__main__":
    sys.exit(main())

"""Events stage time against parse time on the same texts; goal: at most 15% extra.

Parses real news articles (the PolNeAR development texts and the seed
reports), then times `code_events` alone on the parsed documents, with the
actors stage's mentions (or spaCy's entities standing in, with
`--mentions ner`). One-time loading of the lexicon and the gazetteer is
timed apart: it happens once per process, not per article. Times are CPU
seconds of this process, so other work on a shared machine lands in neither.

    .venv/bin/python bench/events_speed.py --articles 60
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from dossier.actors import resolve as actors
from dossier.events import cameo, where
from dossier.events.coder import code_events, load_event_data, modality
from dossier.parse.model import ParsedArticle, load_model
from dossier.quotes import attribution as quotes
from dossier.read.readers import read_articles

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SOURCES = (SHARED / "corpus" / "seeds", SHARED / "dev" / "polnear_train" / "text")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--mentions", choices=("actors", "ner"), default="actors")
    parser.add_argument("--repeat", type=int, default=3, help="time the events stage this many times, keep the best")
    parser.add_argument("--learned", action="store_true", help="with the learned fallback (run --learned-events)")
    args = parser.parse_args(argv)

    files = [p for source in SOURCES if source.exists() for p in sorted(source.glob("*.txt"))][: args.articles]
    articles = [item for item in read_articles(files) if hasattr(item, "text")]
    nlp = load_model()
    nlp("Warm up.")

    started = time.process_time()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=32))
    parse_seconds = time.process_time() - started

    started = time.process_time()
    cameo.lexicon(), cameo.codebook(), cameo.plover_table(), modality(), where.gazetteer()
    data = load_event_data(learned_fallback=args.learned)
    load_seconds = time.process_time() - started

    parsed = [ParsedArticle(article, doc) for article, doc in zip(articles, docs, strict=True)]
    inputs = []
    for item in parsed:
        mentions = actors.resolve_actors(item) if args.mentions == "actors" else _ner_mentions(item)
        inputs.append((item, mentions, quotes.find_quotes(item, mentions)))

    best = float("inf")
    count = 0
    for _ in range(args.repeat):
        started = time.process_time()
        count = sum(len(code_events(item, mentions, found, data)) for item, mentions, found in inputs)
        best = min(best, time.process_time() - started)

    words = sum(len(doc) for doc in docs)
    mention_count = sum(len(m) for _, m, _ in inputs)
    print(f"articles {len(articles)}  tokens {words}  mentions {mention_count} ({args.mentions})  events {count}")
    print(f"parse {parse_seconds:.2f}s  events {best:.3f}s  one-time loading {load_seconds:.2f}s")
    print(f"events / parse = {best / parse_seconds:.3f}  (goal <= 0.20)  learned fallback {args.learned}")
    return 0


def _ner_mentions(parsed: ParsedArticle):
    from importlib import import_module

    bench = import_module("events_cameo5") if "events_cameo5" in sys.modules else None
    if bench is None:
        sys.path.insert(0, str(Path(__file__).parent))
        bench = import_module("events_cameo5")
    return bench.ner_mentions(parsed)


if __name__ == "__main__":
    sys.exit(main())

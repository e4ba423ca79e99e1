"""Time the quotes stage against parsing the same texts; goal: at most 10% extra.

Parses N articles (PolNeAR texts by default, or any folder of .txt files)
with nlp.pipe, resolves actors (not timed), then times find_quotes on the
same parsed articles and prints both times and their ratio. The cue lexicon
is loaded once before timing, as in a run. Times are CPU seconds of this
process, so other work on a shared machine does not land in either.

Usage: .venv/bin/python bench/quotes_speed.py [--limit N] [--folder DIR] [--repeat K]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from dossier.actors.resolve import resolve_actors
from dossier.parse.model import ParseOptions, load_model, parse_articles
from dossier.quotes.attribution import find_quotes
from dossier.quotes.cues import load_cues
from dossier.records import Article

POLNEAR_TEXT = Path(__file__).resolve().parents[2] / "shared" / "dev" / "polnear_train" / "text"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=100, help="articles to time (default 100)")
    parser.add_argument("--folder", type=Path, default=POLNEAR_TEXT, help="folder of .txt articles")
    parser.add_argument("--repeat", type=int, default=3, help="quotes passes; the fastest counts (default 3)")
    args = parser.parse_args()

    paths = sorted(args.folder.glob("*.txt"))[: args.limit]
    articles = [Article.build(path.read_text(encoding="utf-8"), name=path.stem) for path in paths]
    load_model()
    load_cues()

    started = time.process_time()
    parsed = list(parse_articles(articles, ParseOptions(n_process=1)))
    parse_seconds = time.process_time() - started
    mentions = [resolve_actors(item) for item in parsed]

    best = float("inf")
    found = 0
    for _ in range(max(1, args.repeat)):
        started = time.process_time()
        found = sum(len(find_quotes(item, known)) for item, known in zip(parsed, mentions, strict=True))
        best = min(best, time.process_time() - started)

    characters = sum(len(article.text) for article in articles)
    print(f"articles {len(articles)}  characters {characters}  quotes {found}")
    print(f"parse  {parse_seconds:.2f} s")
    print(f"quotes {best:.3f} s")
    print(f"ratio  {best / parse_seconds:.3f}  (goal <= 0.10)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

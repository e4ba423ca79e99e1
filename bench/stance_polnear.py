"""Run the stance stage over PolNeAR articles and print what it finds, for reading.

PolNeAR (../shared/dev/polnear_train) has no stance annotations, so this
prints the stances for a person to judge (polarity right or wrong) and
reports counts and speed. With --issues the stances are on the given issues
(bench/issues_us2016.yaml is an issues file for the 2016 election); without,
on proposed issues.

Usage: .venv/bin/python bench/stance_polnear.py [--limit N] [--issues FILE] [--seed S] [--show K]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from dossier.actors.resolve import resolve_actors
from dossier.events.coder import code_events
from dossier.parse.model import ParseOptions, parse_articles
from dossier.quotes.attribution import find_quotes
from dossier.records import Article
from dossier.stance.reader import find_stances

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "dev" / "polnear_train" / "text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--issues", default=None)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=40, help="stances printed, sampled at random")
    args = parser.parse_args()
    paths = sorted(POLNEAR.glob("*.txt"))
    random.Random(args.seed).shuffle(paths)
    articles = [Article.build(p.read_text(encoding="utf-8"), name=p.stem) for p in paths[: args.limit]]
    found = []
    stance_seconds = 0.0
    started = time.perf_counter()
    for parsed in parse_articles(articles, ParseOptions()):
        mentions = resolve_actors(parsed)
        quotes = find_quotes(parsed, mentions)
        events = code_events(parsed, mentions, quotes)
        before = time.perf_counter()
        stances = find_stances(parsed, mentions, quotes, events, args.issues)
        stance_seconds += time.perf_counter() - before
        found.extend((parsed.article.name, s) for s in stances)
    total = time.perf_counter() - started
    print(f"{len(articles)} articles, {len(found)} stances, stance stage {stance_seconds:.2f}s of {total:.1f}s")
    by_issue: dict[str, int] = {}
    for _name, stance in found:
        by_issue[stance.issue] = by_issue.get(stance.issue, 0) + 1
    for issue, count in sorted(by_issue.items(), key=lambda kv: -kv[1])[:25]:
        print(f"  {count:4d} {issue}")
    sample = random.Random(args.seed).sample(found, min(args.show, len(found)))
    for name, s in sample:
        print(
            f"{s.actor.code or '-':9} {s.actor.name[:22]:22} {s.issue[:26]:26} {s.polarity:7} {s.strength:.2f} | "
            f"{s.evidence[:140]}  [{name[:30]}]"
        )


if __name__ == "__main__":
    main()

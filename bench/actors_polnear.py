"""Measure the actors stage on PolNeAR (../shared/dev/polnear_train).

PolNeAR has no actor gold, but every attribution names its source span
("Sen. Ted Cruz", "the campaign", "he"). A source is an actor a reader
would expect dossier to find, so the share of sources overlapped by a
mention is a recall proxy for the actors stage. First- and second-person
sources ("I", "we", "you") are left out: dossier does not resolve them.
Printed: source coverage overall and by kind (name-like, pronoun, other),
mentions by kind, share of mentions with a code, and the stage's time next
to spaCy's parse time.

Usage: .venv/bin/python bench/actors_polnear.py [--limit N] [--spread] [--show-misses K [--miss-kind KIND]]
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from pathlib import Path

from dossier.actors.resolve import resolve_actors
from dossier.parse.model import ParseOptions, parse_articles
from dossier.records import Article

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "dev" / "polnear_train"
FIRST_AND_SECOND_PERSON = {"i", "we", "you", "me", "us", "my", "our", "your", "myself", "ourselves"}
THIRD_PERSON = {"he", "she", "they", "it", "him", "her", "them"}
_DATE = re.compile(r"_(\d{4}-\d\d-\d\d)_")


def read_sources(path: Path) -> list[tuple[int, int, str]]:
    """Source spans of the attribution relations in one .ann file."""
    spans: dict[str, tuple[int, int, str]] = {}
    used: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3 and parts[1].startswith("Source "):
            offsets = parts[1].split(" ", 1)[1].split(";")[0].split()
            spans[parts[0]] = (int(offsets[0]), int(offsets[1]), parts[2])
        elif line.startswith("E"):
            for role in parts[1].split():
                if role.startswith("Source:"):
                    used.add(role.split(":", 1)[1])
    return [spans[key] for key in used if key in spans]


def kind_of(text: str) -> str:
    lowered = text.strip().lower()
    if lowered in THIRD_PERSON:
        return "pronoun"
    if text[:1].isupper():
        return "name-like"
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--show-misses", type=int, default=0)
    parser.add_argument("--miss-kind", choices=("name-like", "pronoun", "other"), help="show misses of this kind only")
    parser.add_argument("--spread", action="store_true", help="spread the sample over all outlets (default: first N)")
    args = parser.parse_args()
    texts = sorted((POLNEAR / "text").glob("*.txt"))
    if args.spread:
        texts = texts[:: max(1, len(texts) // args.limit)]
    texts = texts[: args.limit]
    articles, sources = [], []
    for path in texts:
        match = _DATE.search(path.name)
        articles.append(Article.build(path.read_text(encoding="utf-8"), published=match.group(1) if match else None))
        sources.append(read_sources(POLNEAR / "attributions" / (path.stem + ".ann")))
    covered: Counter[str] = Counter()
    total: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    coded = mentions_total = 0
    misses: list[str] = []
    parse_seconds = actor_seconds = 0.0
    started = time.perf_counter()
    for parsed, spans in zip(parse_articles(articles, ParseOptions()), sources, strict=True):
        parse_seconds += time.perf_counter() - started
        tick = time.perf_counter()
        mentions = resolve_actors(parsed)
        actor_seconds += time.perf_counter() - tick
        kinds.update(m.kind for m in mentions)
        mentions_total += len(mentions)
        coded += sum(1 for m in mentions if m.actor.code)
        for start, end, text in spans:
            if text.strip().lower() in FIRST_AND_SECOND_PERSON:
                continue
            kind = kind_of(text)
            total[kind] += 1
            if any(m.start < end and start < m.end for m in mentions):
                covered[kind] += 1
            elif len(misses) < args.show_misses and args.miss_kind in (None, kind):
                around = parsed.article.text[max(0, start - 90) : end + 50].replace("\n", " ")
                misses.append(f"{kind:9s} {text!r}  ...{around}...")
        started = time.perf_counter()
    print(f"articles: {len(articles)}")
    all_total, all_covered = sum(total.values()), sum(covered.values())
    print(f"source coverage: {all_covered}/{all_total} = {all_covered / max(all_total, 1):.3f}")
    for kind in sorted(total):
        print(f"  {kind:9s} {covered[kind]}/{total[kind]} = {covered[kind] / total[kind]:.3f}")
    print(
        f"mentions: {mentions_total} ({dict(kinds.most_common())}); with a code: {coded / max(mentions_total, 1):.3f}"
    )
    share = actor_seconds / max(parse_seconds, 1e-9)
    print(f"time: parse {parse_seconds:.1f}s, actors {actor_seconds:.2f}s ({share:.1%})")
    for miss in misses:
        print("  miss:", miss)


if __name__ == "__main__":
    main()

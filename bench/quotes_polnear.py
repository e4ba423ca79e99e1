"""Measure the quotes stage on PolNeAR (../shared/dev/polnear_train).

PolNeAR marks attribution relations (Source, Cue, Content spans) in 840
election articles. An attribution is broader than a quote (it includes
beliefs such as "X backs Y"), so recall cannot reach 1. Printed:

- recall: share of annotated contents overlapped by a dossier quote;
- precision: share of dossier quotes overlapping an annotated content;
- speaker accuracy: for matched quotes whose attribution names a source,
  share where dossier's speaker lies on that source (a mention of the
  speaker's actor overlaps the source span, or the speaker's name shares a
  word with it); quotes dossier left without a speaker count as wrong.

Usage: .venv/bin/python bench/quotes_polnear.py [--limit N] [--show-misses K] [--show-wrong K]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from dossier.actors.resolve import resolve_actors
from dossier.parse.model import ParseOptions, parse_articles
from dossier.quotes.attribution import find_quotes
from dossier.records import Article, Mention, Quote

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "dev" / "polnear_train"
_WORD = re.compile(r"[a-z0-9]+")
RELATIVE_PRONOUNS = {"who", "which", "that"}
RELATIVE_REACH = 60  # characters before a relative pronoun that may hold its noun
_STOP = {"the", "a", "an", "of", "mr", "mrs", "ms", "dr", "and", "s"}


@dataclass(frozen=True)
class Attribution:
    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]


def read_ann(path: Path) -> list[Attribution]:
    """Attribution relations from one BRAT .ann file (fragments 'a b;c d' kept apart)."""
    spans: dict[str, tuple[tuple[int, int], ...]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            _label, _, offsets = fields[1].partition(" ")
            pieces = []
            for piece in offsets.split(";"):
                start, end = piece.split()
                pieces.append((int(start), int(end)))
            spans[fields[0]] = tuple(pieces)
        elif line.startswith("E") and len(fields) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in fields[1].split()[1:] if ":" in arg))
    found = []
    for relation in relations:
        content = spans.get(relation.get("Content", ""))
        if content:
            source = spans.get(relation.get("Source", ""), ())
            found.append(Attribution(content, source, spans.get(relation.get("Cue", ""), ())))
    return found


def overlaps(pieces: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    return any(low < end and start < high for low, high in pieces)


def speaker_agrees(quote: Quote, source: tuple[tuple[int, int], ...], mentions: tuple[Mention, ...], text: str) -> bool:
    speaker = quote.speaker
    if speaker is None:
        return False
    if len(source) == 1 and text[source[0][0] : source[0][1]].lower() in RELATIVE_PRONOUNS:
        # PolNeAR marks "who" in "officials who said"; the noun before it is the same speaker.
        low, high = source[0]
        source = ((max(0, low - RELATIVE_REACH), high),)
    for mention in mentions:
        if mention.actor == speaker and overlaps(source, mention.start, mention.end):
            return True
    source_words = {w for low, high in source for w in _WORD.findall(text[low:high].lower())} - _STOP
    return bool(source_words & (set(_WORD.findall(speaker.name.lower())) - _STOP))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="articles, spread over all outlets (default: all)")
    parser.add_argument("--show-misses", type=int, default=0, help="print this many missed contents")
    parser.add_argument("--show-wrong", type=int, default=0, help="print this many unmatched quotes and wrong speakers")
    parser.add_argument("--root", type=Path, default=POLNEAR)
    args = parser.parse_args()

    names = sorted(path.stem for path in (args.root / "text").glob("*.txt"))
    if args.limit:
        # An even spread over the sorted names, so every outlet is in the sample.
        step = max(1, len(names) // args.limit)
        names = names[::step][: args.limit]
    articles = [
        Article.build((args.root / "text" / f"{name}.txt").read_text(encoding="utf-8"), name=name) for name in names
    ]
    gold = {name: read_ann(args.root / "attributions" / f"{name}.ann") for name in names}

    contents = found = system = matched = with_source = right_speaker = 0
    misses: list[str] = []
    wrong: list[str] = []
    started = time.perf_counter()
    for parsed in parse_articles(articles, ParseOptions(n_process=1)):
        name, text = parsed.article.name or "", parsed.article.text
        mentions = resolve_actors(parsed)
        quotes = find_quotes(parsed, mentions)
        attributions = gold[name]
        for attribution in attributions:
            contents += 1
            if any(overlaps(attribution.content, q.start, q.end) for q in quotes):
                found += 1
            else:
                low, high = attribution.content[0][0], attribution.content[-1][1]
                cue = " ".join(text[lo:hi] for lo, hi in attribution.cue)
                misses.append(f"{name}: [{cue}] {text[low:high][:160]!r}")
        for quote in quotes:
            system += 1
            hits = [a for a in attributions if overlaps(a.content, quote.start, quote.end)]
            if not hits:
                wrong.append(f"{name}: EXTRA [{quote.kind} {quote.cue}] {quote.text[:140]!r}")
                continue
            matched += 1
            sourced = [a for a in hits if a.source]
            if not sourced:
                continue
            with_source += 1
            if any(speaker_agrees(quote, a.source, mentions, text) for a in sourced):
                right_speaker += 1
            else:
                gold_source = "; ".join(text[lo:hi] for lo, hi in sourced[0].source)
                said = quote.speaker.name if quote.speaker else None
                wrong.append(f"{name}: SPEAKER {said!r} vs gold {gold_source!r} [{quote.cue}] {quote.text[:80]!r}")
    seconds = time.perf_counter() - started

    for line in misses[: args.show_misses]:
        print("MISS", line)
    for line in wrong[: args.show_wrong]:
        print(line)
    print(f"articles {len(names)}  annotated contents {contents}  dossier quotes {system}  ({seconds:.0f} s)")
    print(f"recall {found / contents if contents else 0:.3f}  ({found}/{contents})")
    print(f"precision {matched / system if system else 0:.3f}  ({matched}/{system})")
    print(f"speaker accuracy {right_speaker / with_source if with_source else 0:.3f}  ({right_speaker}/{with_source})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Dev measurement: the events stage on sentences labelled with a PLOVER root type.

Each sentence of ../shared/dev/plover_root_train.tsv is coded as a
one-sentence article with no publication date, through the actors, quotes
and events stages as `dossier run` does. Per half (bench/dev_halves.py):

- coverage: share of sentences with any event coded;
- type: share of sentences among whose events the labelled type is
  (CONCEDE and RETREAT count as YIELD, DEMAND as REQUEST, as the set joins them);
  also over covered sentences only;
- source / target right, over sentences whose labelled type was coded: the
  first such event's actor is the labelled phrase's actor, by country (the
  country the actors stage gives a mention inside the labelled phrase, else
  the mention that holds the phrase) or, where the phrase names no country,
  by name; also printed over any event of the labelled type, and with the
  places of a labelled phrase that holds no actor mention looked up in the
  gazetteer ("an ultimatum to Damascus": SYR), which the actors stage makes
  no mention of;
- target country over the typed sentences whose labelled target has a country
  (by the actors stage, or with the gazetteer's places): the goal's "target
  actor country" where the labelled target is an actor of a country, not a
  thing ("the legislation"), a place the actors stage names no actor for, or
  "a recipient", which the main figure compares by name;
- extra events per labelled event: events beyond the one of the labelled type;
  also counted as `dossier export events --format plover` writes them
  (negated, hypothetical and future events and 01x statements left out).

    .venv/bin/python bench/events_plover.py                 # both halves
    .venv/bin/python bench/events_plover.py --half tune --show misses

Tune on the "tune" half only; "score" is for reporting. Not part of the test
suite. Do not copy the sentences into lexicons.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from dev_halves import HALVES, in_half

from dossier.actors import resolve as actors
from dossier.events.coder import code_events, load_event_data
from dossier.gazetteer import gazetteer
from dossier.parse.model import ParsedArticle, load_model
from dossier.quotes import attribution as quotes
from dossier.records import ActorRef, Article, Event, Mention

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "dev" / "plover_root_train.tsv"
# The set joins PLOVER's CONCEDE and RETREAT as YIELD and has no DEMAND (a demand is a request).
JOINED_TYPES = {"CONCEDE": "YIELD", "RETREAT": "YIELD", "DEMAND": "REQUEST"}


@dataclass(frozen=True)
class Row:
    sentence: str
    source: str
    target: str
    label: str


@dataclass
class Tally:
    sentences: int = 0
    covered: int = 0
    typed: int = 0
    source_right: int = 0
    target_right: int = 0
    source_any: int = 0
    target_any: int = 0
    target_placed: int = 0
    # Typed sentences whose labelled target has a country (by the actors stage; or with the gazetteer's places)
    # and, of those, the ones whose target is in that country.
    countried: int = 0
    countried_right: int = 0
    placed_countried: int = 0
    placed_countried_right: int = 0
    events: int = 0
    exported_extra: int = 0
    learned: int = 0
    per_label: Counter[str] = field(default_factory=Counter)
    per_label_right: Counter[str] = field(default_factory=Counter)

    def report(self, name: str) -> str:
        n = max(self.sentences, 1)
        covered = max(self.covered, 1)
        typed = max(self.typed, 1)
        lines = [
            f"[{name}] sentences {self.sentences}  coverage {self.covered / n:.3f}  "
            f"type {self.typed / n:.3f}  type-on-covered {self.typed / covered:.3f}  "
            f"source {self.source_right / typed:.3f}  target {self.target_right / typed:.3f}  "
            f"extra/labelled {(self.events - self.typed) / n:.3f}  (exported {self.exported_extra / n:.3f})  "
            f"learned-coded {self.learned / n:.3f}",
            f"   any event of the type: source {self.source_any / typed:.3f}  target {self.target_any / typed:.3f}",
            f"   target, places in a labelled phrase without mentions looked up: {self.target_placed / typed:.3f}",
            f"   target country over labelled targets with a country: {_share(self.countried_right, self.countried)}"
            f"; with places looked up: {_share(self.placed_countried_right, self.placed_countried)}",
            "   " + "  ".join(f"{k} {self.per_label_right[k]}/{v}" for k, v in sorted(self.per_label.items())),
        ]
        return "\n".join(lines)


def _share(part: int, whole: int) -> str:
    return f"{part / max(whole, 1):.3f} ({part}/{whole})"


def read_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Row(r["sentence"].strip(), r["source"].strip(), r["target"].strip(), r["plover_root"].strip())
                for r in reader]  # fmt: skip


def plover_type(event: Event) -> str | None:
    kind = (event.plover or {}).get("event_type") or None
    return JOINED_TYPES.get(kind, kind) if kind else None


def exported(event: Event) -> bool:
    """Whether the PLOVER export writes the event by default: asserted, and not a 01x statement."""
    return bool(event.plover) and not {"negated", "hypothetical", "future"} & set(event.flags)


def phrase_start(sentence: str, phrase: str) -> int:
    """Where the labelled phrase is: as whole words first ("Sudan", not the start of "Sudanese"), else anywhere."""
    if not phrase:
        return -1
    whole = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", sentence, flags=re.IGNORECASE)
    return whole.start() if whole else sentence.lower().find(phrase.lower())


def phrase_actors(sentence: str, phrase: str, mentions: tuple[Mention, ...]) -> list[ActorRef]:
    """The actors the actors stage found inside the labelled phrase, else the one mention that holds the phrase.

    The set labels bare heads where the actors stage's mention takes the whole
    noun phrase ("FBI" in "the FBI", "Louisiana" in "health workers in
    Louisiana"): that mention is the labelled actor's, so it stands for it.
    """
    start = phrase_start(sentence, phrase)
    if start < 0:
        return []
    end = start + len(phrase)
    inside = [m.actor for m in mentions if start <= m.start and m.end <= end]
    if inside:
        return inside
    holding = [m for m in mentions if m.start <= start and end <= m.end]
    return [min(holding, key=lambda m: m.end - m.start).actor] if holding else []


def phrase_places(phrase: str) -> list[ActorRef]:
    """The country of the longest run of capitalised words in the phrase that the gazetteer places.

    The actors stage makes no mention of a place that only qualifies a thing
    ("a compound in western Badghis province"), so without this the measure
    could only compare names there, and a target coded with that place's
    country would count wrong.
    """
    places = gazetteer()
    for run in re.findall(r"[A-Z][\w'-]+(?:\s+(?:of\s+)?[A-Z][\w'-]+)*", phrase):
        words = run.split()
        for size in range(len(words), 0, -1):
            for first in range(len(words) - size + 1):
                entry = places.lookup(" ".join(words[first : first + size]))
                if entry is not None and entry.country:
                    return [ActorRef(code=entry.country, name=entry.name, country=entry.country)]
    return []


def actor_right(actor: ActorRef | None, phrase: str, gold: list[ActorRef]) -> bool:
    if actor is None or not (actor.code or actor.name):
        return False  # a blank source (the text names no agent) is never the labelled actor
    countries = {a.country for a in gold if a.country}
    if countries:
        return actor.country in countries
    names = {a.name.lower() for a in gold} | {a.code for a in gold if a.code}
    return actor.name.lower() in names or actor.code in names or actor.name.lower() in phrase.lower()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEV)
    parser.add_argument("--half", choices=HALVES, default=None, help="one half; default: tune and score")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show", choices=("none", "misses", "uncovered", "wrong", "actors"), default="none")
    parser.add_argument("--patterns-only", action="store_true", help="leave the learned fallback off")
    args = parser.parse_args(argv)

    halves = [args.half] if args.half else ["tune", "score"]
    rows = [r for r in read_rows(args.data) if any(in_half(r.sentence, h) for h in halves)][: args.limit]
    nlp = load_model()
    data = load_event_data(learned_fallback=not args.patterns_only)
    tallies = {h: Tally() for h in halves}
    started = time.process_time()
    articles = [Article.build(r.sentence, name=f"plover{n}") for n, r in enumerate(rows)]
    for row, article, doc in zip(rows, articles, nlp.pipe(a.text for a in articles), strict=True):
        parsed = ParsedArticle(article, doc)
        mentions = actors.resolve_actors(parsed)
        events = code_events(parsed, mentions, quotes.find_quotes(parsed, mentions), data)
        matching = [e for e in events if plover_type(e) == row.label]
        best = matching[0] if matching else None
        gold_source = phrase_actors(row.sentence, row.source, mentions)
        gold_target = phrase_actors(row.sentence, row.target, mentions)
        source_ok = best is not None and actor_right(best.source, row.source, gold_source)
        target_ok = best is not None and actor_right(best.target, row.target, gold_target)
        # Secondary: a sentence coding several events of the labelled type (three nationalities, one act)
        # may hold the labelled pair in a later one.
        source_any = any(actor_right(e.source, row.source, gold_source) for e in matching)
        target_any = any(actor_right(e.target, row.target, gold_target) for e in matching)
        placed = gold_target or phrase_places(row.target)
        target_placed = best is not None and actor_right(best.target, row.target, placed)
        countried = best is not None and any(a.country for a in gold_target)
        # A labelled phrase whose mentions have no country ("the Grasberg mine in Papua") is placed by the gazetteer.
        with_places = gold_target if countried else phrase_places(row.target)
        placed_countried = best is not None and any(a.country for a in with_places)
        placed_right = placed_countried and actor_right(best.target, row.target, with_places)
        for half in halves:
            if not in_half(row.sentence, half):
                continue
            tally = tallies[half]
            tally.sentences += 1
            tally.covered += bool(events)
            tally.typed += best is not None
            tally.source_right += source_ok
            tally.target_right += target_ok
            tally.source_any += source_any
            tally.target_any += target_any
            tally.target_placed += target_placed
            tally.countried += countried
            tally.countried_right += countried and target_ok
            tally.placed_countried += placed_countried
            tally.placed_countried_right += placed_right
            tally.events += len(events)
            tally.exported_extra += sum(1 for e in events if e is not best and exported(e))
            tally.learned += any(getattr(e, "coder", "pattern") == "learned" for e in events)
            tally.per_label[row.label] += 1
            tally.per_label_right[row.label] += best is not None
        shown = {
            "misses": best is None,
            "uncovered": not events,
            "wrong": bool(events) and best is None,
            "actors": best is not None and not (source_ok and target_ok),
        }.get(args.show, False)
        if shown:
            got = "; ".join(
                f"{e.code}/{plover_type(e)} {e.predicate} {e.source.code}->{e.target.code if e.target else ''}"
                for e in events
            )
            print(f"[{row.label} {row.source} -> {row.target}] got [{got}] | {row.sentence[:200]}")
    seconds = time.process_time() - started
    print(f"CPU seconds {seconds:.1f}")
    for half in halves:
        print(tallies[half].report(half))
    return 0


if __name__ == "__main__":
    sys.exit(main())

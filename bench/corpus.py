"""A deterministic corpus of realistic news reports for benchmarks.

Reports are built from sentence templates filled with real country names,
capitals and international bodies and with invented officials, so the text
has what the pipeline looks for (named actors, speech, meetings, threats,
dates, places) in the proportions of wire copy. The same seed and count
always give the same bytes, so figures from different runs compare.

    .venv/bin/python bench/corpus.py --articles 2000 --out /tmp/bench.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

# About the length of a wire report (the issue asks for ~600 words).
TARGET_WORDS = 600
DEFAULT_SEED = 20170911

# (country, demonym, capital)
COUNTRIES = (
    ("Argentina", "Argentine", "Buenos Aires"),
    ("Australia", "Australian", "Canberra"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Canada", "Canadian", "Ottawa"),
    ("Chile", "Chilean", "Santiago"),
    ("China", "Chinese", "Beijing"),
    ("Colombia", "Colombian", "Bogota"),
    ("Egypt", "Egyptian", "Cairo"),
    ("Ethiopia", "Ethiopian", "Addis Ababa"),
    ("France", "French", "Paris"),
    ("Germany", "German", "Berlin"),
    ("Ghana", "Ghanaian", "Accra"),
    ("India", "Indian", "New Delhi"),
    ("Indonesia", "Indonesian", "Jakarta"),
    ("Iran", "Iranian", "Tehran"),
    ("Italy", "Italian", "Rome"),
    ("Japan", "Japanese", "Tokyo"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("Mexico", "Mexican", "Mexico City"),
    ("Morocco", "Moroccan", "Rabat"),
    ("Nigeria", "Nigerian", "Abuja"),
    ("Norway", "Norwegian", "Oslo"),
    ("Pakistan", "Pakistani", "Islamabad"),
    ("Peru", "Peruvian", "Lima"),
    ("Poland", "Polish", "Warsaw"),
    ("Russia", "Russian", "Moscow"),
    ("Saudi Arabia", "Saudi", "Riyadh"),
    ("South Africa", "South African", "Pretoria"),
    ("South Korea", "South Korean", "Seoul"),
    ("Spain", "Spanish", "Madrid"),
    ("Sweden", "Swedish", "Stockholm"),
    ("Turkey", "Turkish", "Ankara"),
    ("Ukraine", "Ukrainian", "Kyiv"),
    ("the United Kingdom", "British", "London"),
    ("the United States", "American", "Washington"),
    ("Vietnam", "Vietnamese", "Hanoi"),
)

# (name, short name)
BODIES = (
    ("the United Nations", "UN"),
    ("the European Union", "EU"),
    ("the African Union", "African Union"),
    ("the World Trade Organization", "WTO"),
    ("the International Monetary Fund", "IMF"),
    ("the World Bank", "World Bank"),
    ("the World Health Organization", "WHO"),
    ("the International Committee of the Red Cross", "Red Cross"),
    ("the Organization of American States", "OAS"),
    ("the Association of Southeast Asian Nations", "ASEAN"),
)

OFFICES = (
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Trade Minister",
    "Finance Minister",
    "Defence Minister",
    "Energy Minister",
    "Interior Minister",
    "Ambassador",
    "opposition leader",
)

FIRST_NAMES = (
    "Ana", "Daniel", "Farida", "Tomas", "Mei", "Olusegun", "Ingrid", "Rafael", "Leila", "Kenji",
    "Marta", "Yusuf", "Elena", "Arjun", "Sofia", "Pieter", "Amara", "Viktor", "Lucia", "Hassan",
    "Nadia", "Jonas", "Carmen", "Dmitri", "Grace", "Emeka", "Hana", "Mateo", "Zainab", "Lars",
)  # fmt: skip
LAST_NAMES = (
    "Kovacs", "Mendes", "Haddad", "Novak", "Lindqvist", "Okafor", "Tanaka", "Petrov", "Alvarez",
    "Nakamura", "Osei", "Brandt", "Rahman", "Castillo", "Moreau", "Kariuki", "Yilmaz", "Duarte",
    "Sato", "Ferreira", "Kowalski", "Mwangi", "Abadi", "Jensen", "Quispe", "Nguyen", "Romano",
)  # fmt: skip

ISSUES = (
    ("grain exports", "the grain corridor"),
    ("tariffs on steel", "the steel tariffs"),
    ("fishing rights", "the fishing agreement"),
    ("the border dispute", "the border talks"),
    ("water sharing on the river", "the water treaty"),
    ("debt relief", "the debt plan"),
    ("climate finance", "the climate fund"),
    ("refugee resettlement", "the resettlement scheme"),
    ("the gas pipeline", "the pipeline deal"),
    ("sanctions on oil imports", "the sanctions package"),
    ("the ceasefire", "the truce"),
    ("election monitoring", "the observer mission"),
    ("vaccine supplies", "the supply agreement"),
    ("rare earth exports", "the export quota"),
)

SAY_VERBS = ("said", "told reporters", "said in a statement", "told state television", "wrote on social media")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OUTLETS = ("World Desk", "Capital Wire", "Daily Ledger", "Global Courier", "Evening Dispatch", "Press Review")
TOPIC_WORDS = ("talks", "deal", "dispute", "crisis", "summit", "vote", "plan", "pact")

# Templates. Slots: {a}/{b} people (full reference), {a_last}/{b_last} surnames,
# {a_country}/{b_country}, {a_dem}/{b_dem} demonyms, {a_cap}/{b_cap} capitals,
# {body}, {issue}, {deal}, {day}, {number}, {month}, {year}, {city}.
OPENINGS = (
    "{a} met {b} in {city} on {day} to discuss {issue}, officials from both governments said.",
    "{a_dem} and {b_dem} negotiators failed to reach an agreement on {issue} after two days of talks in {city}.",
    "{a} accused {b_country} on {day} of undermining {deal}, raising tensions ahead of a meeting at {body}.",
    "{a_country} will send a delegation to {city} next week to revive {deal}, {a} announced on {day}.",
    "{b_cap} rejected a proposal from {a_cap} on {issue} on {day}, deepening a dispute of {number} months.",
)
BODY = (
    '"We are ready to talk about {issue}, but we will not accept conditions set in {b_cap}," {a_last} {say}.',
    '"This agreement protects our farmers and our workers," {b_last} {say} after the meeting in {city}.',
    '"The door to {b_cap} remains open," a spokesperson for the {a_dem} foreign ministry said on {day}.',
    "{a_last} said {a_country} would consider new measures if {b_country} did not respond by the end of {month}.",
    "{b_last} told lawmakers that the government had no intention of changing its position on {issue}.",
    "The {a_dem} government has called for an independent inquiry into {issue}, according to a statement from {a_cap}.",
    "Officials in {b_cap} said they had received {a_last}'s proposal but had not yet studied it in detail.",
    "{body_cap} urged {a_country} and {b_country} to show restraint and to resume talks as soon as possible.",
    "Analysts said the dispute over {issue} could cost the region as much as {number} billion dollars a year.",
    "{a_country} and {b_country} signed a framework agreement on {issue} in {city} in {month} last year.",
    "Protesters gathered outside the {b_dem} embassy in {a_cap} on {day}, demanding that the talks be suspended.",
    "{b} promised to provide {number} million dollars in aid to communities affected by the dispute.",
    "The {a_dem} delegation walked out of the meeting on {day}, citing what it called unacceptable demands.",
    "{a_last} praised {b_last} for what he described as a constructive approach to {issue}.",
    "{b_country} has denied the accusations and said it remained committed to {deal}.",
    "A senior {b_dem} official warned that {b_country} could impose tariffs on {a_dem} goods if the talks failed.",
    "{body_cap} said it would send observers to {city} to monitor the implementation of {deal}.",
    "{a_country} and {b_country} agreed to set up a joint committee on {issue} that will meet every {number} weeks.",
    "{a} is expected to travel to {b_cap} in {month} for a state visit, the first in {number} years.",
    "The opposition in {a_country} criticised the government for making too many concessions on {issue}.",
    "Trade between {a_country} and {b_country} fell by {number} percent in {year}, according to official figures.",
    "{b_last} said the talks had been difficult but that progress had been made on several points.",
    "Diplomats said a deal on {issue} was unlikely before the summit of {body} in {month}.",
    "{a_dem} media reported that {a_last} had spoken by telephone with {b_last} late on {day}.",
    "{a_country} expelled two {b_dem} diplomats on {day}, and {b_country} said it would respond in kind.",
    "The agreement would allow {number} {a_dem} ships a month to leave ports on the coast, {b_last} said.",
    "{b} called on {body} to mediate, saying bilateral talks had reached a dead end.",
    "Markets in {a_cap} rose after the announcement, with shares in exporters gaining {number} percent.",
    "{a_last} has previously threatened to withdraw from {deal} if its terms were not respected.",
    '"Nobody wins from a fight over {issue}," {b_last} {say}, adding that {b_country} wanted a fair solution.',
    "Critics in {a_cap} said {a_last}'s plan lacked details on how {deal} would be enforced or financed.",
    "The {b_dem} parliament is due to vote on {deal} in {month}, and its approval is not certain.",
    "{body_cap} estimates that {number} thousand people have been affected by the dispute over {issue}.",
    "Neither {a_cap} nor {b_cap} has published the full text of the proposal, which remains under discussion.",
)
CLOSINGS = (
    "Talks are expected to resume in {city} next {day}.",
    "The next round of negotiations between {a_cap} and {b_cap} has not yet been scheduled.",
    "{a_last} and {b_last} are due to meet again on the sidelines of the {body_short} summit in {month}.",
)
# Lead-ins put before some body sentences, as reporters vary their openings.
LEAD_INS = ("On {day}, ", "Meanwhile, ", "In {month}, ", "Earlier, ", "According to {b_dem} officials, ", "Still, ")
# Opening words a lead-in may lower-case; names keep their capital.
COMMON_OPENERS = frozenset(
    "The Officials Analysts Protesters Critics Markets Diplomats Trade Both Neither A Nobody".split()
)
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class Person:
    name: str
    office: str
    country: tuple[str, str, str]

    @property
    def reference(self) -> str:
        demonym = self.country[1]
        if self.office == "Ambassador":
            return f"{demonym} Ambassador {self.name}"
        return f"{demonym} {self.office} {self.name}"

    @property
    def last(self) -> str:
        return self.name.split()[-1]


def generate_articles(count: int, seed: int = DEFAULT_SEED) -> Iterator[dict[str, str]]:
    """`count` JSONL-shaped reports; article i depends only on (seed, i).

    Example:
        >>> first = next(generate_articles(1))
        >>> sorted(first)
        ['id', 'outlet', 'published', 'text', 'title', 'url']
    """
    for index in range(count):
        yield _article(random.Random(f"{seed}:{index}"), index)


def _article(rng: random.Random, index: int) -> dict[str, str]:
    home, away = rng.sample(COUNTRIES, 2)
    a = Person(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", rng.choice(OFFICES), home)
    b = Person(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", rng.choice(OFFICES), away)
    issue, deal = rng.choice(ISSUES)
    body, body_short = rng.choice(BODIES)
    published = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    slots = {
        "a": a.reference,
        "b": b.reference,
        "a_last": a.last,
        "b_last": b.last,
        "a_country": home[0],
        "b_country": away[0],
        "a_dem": home[1],
        "b_dem": away[1],
        "a_cap": home[2],
        "b_cap": away[2],
        "body": body,
        "body_short": body_short,
        "issue": issue,
        "deal": deal,
        "city": rng.choice((home[2], away[2], "Geneva", "Vienna", "Doha", "Singapore")),
    }

    def fill(template: str, lead_in: bool = False) -> str:
        if lead_in and not template.startswith('"') and rng.random() < 0.3:
            first, rest = template.split(" ", 1)
            opener = first.lower() if first in COMMON_OPENERS else first
            template = f"{rng.choice(LEAD_INS)}{opener} {rest}"
        text = template.format(
            **slots,
            body_cap=body[0].upper() + body[1:],
            say=rng.choice(SAY_VERBS),
            day=rng.choice(WEEKDAYS),
            month=rng.choice(MONTHS),
            year=rng.randrange(2010, 2024),
            number=rng.choice((2, 3, 4, 6, 12, 15, 20, 35, 40, 120)),
        )
        return text[0].upper() + text[1:]

    paragraphs = [fill(rng.choice(OPENINGS))]
    words = len(paragraphs[0].split())
    # A shuffled deck, so a report repeats a template only once it has used them all.
    deck: list[str] = []
    while words < TARGET_WORDS - 40:
        if len(deck) < 3:
            deck += rng.sample(BODY, len(BODY))
        paragraph = " ".join(fill(deck.pop(), lead_in=True) for _ in range(rng.choice((1, 2, 2, 3))))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    paragraphs.append(fill(rng.choice(CLOSINGS)))
    title = f"{home[1]} and {away[1]} {rng.choice(TOPIC_WORDS)} over {issue}"
    outlet = rng.choice(OUTLETS)
    return {
        "id": f"bench-{index:07d}",
        "title": title[0].upper() + title[1:],
        "url": f"https://{outlet.lower().replace(' ', '')}.example/{published:%Y/%m/%d}/report-{index}",
        "outlet": outlet,
        "published": published.isoformat(),
        "text": "\n\n".join(paragraphs),
    }


def write_corpus(path: Path, count: int, seed: int = DEFAULT_SEED) -> Path:
    """Write `count` reports as JSONL to `path`; returns the path."""
    with path.open("w", encoding="utf-8") as stream:
        for record in generate_articles(count, seed):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, required=True, help="JSONL file to write")
    args = parser.parse_args(argv)
    write_corpus(args.out, args.articles, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A generated corpus for the web page at scale: records written straight into the store, no spaCy.

`build_corpus(path, articles=2000)` writes reports grouped in stories (a
first report, then later ones that copy or reword some of its sentences),
with the mentions, quotes, events (dated, undated, with and without a
place), stances (55 issues, so the matrix is wide), tones (the target of a
conflict treated ill, of a cooperation well) and the provenance links
(`same_story` and sentence links with their changed words) in the shapes the
stages make. The text is made from templates with a seeded random
generator: the same arguments give the same database. It writes 2,000
reports in a few seconds, so tests can measure the page at that size.

`run_polnear(path, folder, articles=200)` is the other kind: real reports
(PolNeAR's training texts) through the real `dossier run`, in a child
process as a user runs it.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from dossier.link.compare import sentence_key
from dossier.records import (
    ActorRef,
    Article,
    ArticleAnalysis,
    Event,
    Link,
    Mention,
    Place,
    Quote,
    Stance,
    Tone,
)
from dossier.store.database import Store

# code, name, a city, its latitude and longitude (rounded).
COUNTRIES = [
    ("RUS", "Russia", "Moscow", 55.8, 37.6),
    ("USA", "United States", "Washington", 38.9, -77.0),
    ("CHN", "China", "Beijing", 39.9, 116.4),
    ("UKR", "Ukraine", "Kyiv", 50.5, 30.5),
    ("FRA", "France", "Paris", 48.9, 2.4),
    ("DEU", "Germany", "Berlin", 52.5, 13.4),
    ("GBR", "Britain", "London", 51.5, -0.1),
    ("IRN", "Iran", "Tehran", 35.7, 51.4),
    ("ISR", "Israel", "Jerusalem", 31.8, 35.2),
    ("TUR", "Turkey", "Ankara", 39.9, 32.9),
    ("IND", "India", "New Delhi", 28.6, 77.2),
    ("PAK", "Pakistan", "Islamabad", 33.7, 73.1),
    ("JPN", "Japan", "Tokyo", 35.7, 139.7),
    ("PRK", "North Korea", "Pyongyang", 39.0, 125.8),
    ("KOR", "South Korea", "Seoul", 37.6, 127.0),
    ("BRA", "Brazil", "Brasilia", -15.8, -47.9),
    ("MEX", "Mexico", "Mexico City", 19.4, -99.1),
    ("NGA", "Nigeria", "Abuja", 9.1, 7.4),
    ("EGY", "Egypt", "Cairo", 30.0, 31.2),
    ("ZAF", "South Africa", "Pretoria", -25.7, 28.2),
    ("SAU", "Saudi Arabia", "Riyadh", 24.7, 46.7),
    ("NOR", "Norway", "Oslo", 59.9, 10.8),
    ("AUS", "Australia", "Canberra", -35.3, 149.1),
    ("CAN", "Canada", "Ottawa", 45.4, -75.7),
]

# Sentence templates of events: words, CAMEO code, QuadClass, whether a place is named.
EVENT_TEMPLATES = [
    ("{a} accused {b} of breaking the ceasefire near {city}.", "112", 3, True),
    ("{a} threatened {b} with new retaliation.", "138", 3, False),
    ("{a} troops shelled positions held by {b} outside {city}.", "190", 4, True),
    ("{a} imposed new sanctions on {b} this week.", "163", 4, False),
    ("{a} signed a trade agreement with {b} in {city}.", "057", 1, True),
    ("{a} praised {b} for reopening the border talks.", "051", 1, False),
    ("{a} sent humanitarian aid to {b} through {city}.", "073", 2, True),
    ("{a} released prisoners held by {b} near {city}.", "0841", 2, True),
]
# Word swaps a rewording makes: what a spinner or a copy editor changes.
SWAPS = {"accused": "charged", "threatened": "warned", "signed": "concluded", "praised": "commended", "sent": "shipped"}
QUOTE_WORDS = [
    "We will not accept any threat to our sovereignty",
    "The talks are the only way forward",
    "Our patience has limits",
    "This agreement serves both our peoples",
    "We call on all sides to show restraint",
    "Nobody wins a trade war",
]
TOPICS = ["sanctions", "ceasefire", "tariffs", "climate_finance", "arms_control", "refugee_quotas", "energy_prices",
          "border_talks", "debt_relief", "fishing_quotas", "nuclear_deal"]  # fmt: skip
REGIONS = ["in_europe", "in_asia", "in_africa", "at_the_un", "in_the_gulf"]
ISSUES = [f"{topic}_{region}" for topic in TOPICS for region in REGIONS][:55]
OUTLETS = ["Daily Ledger", "World Wire", "Evening Post", "Capital Times", "Harbour News", "The Observer Desk"]


@dataclass
class _Report:
    """One report being written: its sentences with offsets, and the records found in them."""

    sentences: list[str] = field(default_factory=list)
    records: list[tuple[str, int, dict[str, object]]] = field(default_factory=list)  # kind, sentence index, fields


def country_actor(index: int) -> ActorRef:
    code, name, *_ = COUNTRIES[index]
    return ActorRef(code, name, code, None)


def government_actor(index: int, rng: random.Random) -> ActorRef:
    code, name, *_ = COUNTRIES[index]
    # Some reports name a government by its country: RUSGOV "Russia" beside RUS "Russia", as the stages do.
    label = name if rng.random() < 0.3 else f"{name} government"
    return ActorRef(f"{code}GOV", label, code, "GOV")


def pick_country(rng: random.Random) -> int:
    # A few countries make most of the news, as in real corpora.
    weights = [1 / (rank + 1) for rank in range(len(COUNTRIES))]
    return rng.choices(range(len(COUNTRIES)), weights)[0]


def pick_actor(rng: random.Random) -> ActorRef:
    index = pick_country(rng)
    return government_actor(index, rng) if rng.random() < 0.4 else country_actor(index)


def event_sentence(rng: random.Random, report: _Report) -> None:
    words, code, quad, placed = rng.choice(EVENT_TEMPLATES)
    source = pick_actor(rng)
    target = pick_actor(rng)
    while target.country == source.country:
        target = pick_actor(rng)
    place_index = rng.choice([COUNTRIES.index(c) for c in COUNTRIES if c[0] in (source.country, target.country)])
    _, _, city, lat, lon = COUNTRIES[place_index]
    report.records.append(
        (
            "event",
            len(report.sentences),
            {
                "source": source,
                "target": target,
                "code": code,
                "quad": quad,
                "place": Place(city, COUNTRIES[place_index][0], lat, lon) if placed else None,
            },
        )  # fmt: skip
    )
    report.sentences.append(words.format(a=source.name, b=target.name, city=city))


def quote_sentence(rng: random.Random, report: _Report) -> None:
    speaker = pick_actor(rng)
    words = rng.choice(QUOTE_WORDS)
    report.records.append(("quote", len(report.sentences), {"speaker": speaker, "words": words}))
    report.sentences.append(f'"{words}," {speaker.name} said.')


def stance_sentence(rng: random.Random, report: _Report) -> None:
    actor = pick_actor(rng)
    issue = ISSUES[min(int(rng.expovariate(0.08)), len(ISSUES) - 1)]
    polarity = rng.choice(["support", "oppose"])
    verb = "backs" if polarity == "support" else "rejects"
    report.records.append(("stance", len(report.sentences), {"actor": actor, "issue": issue, "polarity": polarity}))
    report.sentences.append(f"{actor.name} {verb} the plan on {issue.replace('_', ' ')}.")


def new_sentences(rng: random.Random, count: int) -> _Report:
    report = _Report()
    makers = [event_sentence, event_sentence, quote_sentence, stance_sentence]
    for _ in range(count):
        rng.choice(makers)(rng, report)
    return report


def reworded(sentence: str) -> tuple[str, list[list[str]]]:
    """The sentence with its first swappable word changed, and the change as [before, after]."""
    for before, after in SWAPS.items():
        if f" {before} " in sentence:
            return sentence.replace(f" {before} ", f" {after} ", 1), [[before, after]]
    return sentence, []


def build_corpus(path: Path, articles: int = 2000, seed: int = 19) -> Path:
    """Write `articles` generated reports, their records and their links into a new database at `path`."""
    rng = random.Random(seed)
    links: list[Link] = []
    written = 0
    story = 0
    with Store.open(path) as store:
        while written < articles:
            size = min(articles - written, max(1, int(rng.expovariate(0.35))))
            written += write_story(store, rng, story, size, links)
            story += 1
        store.replace_links(links)
    return path


def write_story(store: Store, rng: random.Random, story: int, size: int, links: list[Link]) -> int:
    """One story: a first report and `size - 1` later ones copying or rewording its sentences."""
    day = date(2022, 1, 1) + timedelta(days=rng.randrange(730))
    undated = rng.random() < 0.08
    first = new_sentences(rng, rng.randint(6, 9))
    versions: dict[int, tuple[str, Article, tuple[int, int]]] = {}
    members: list[Article] = []
    for position in range(size):
        report = first if position == 0 else _Report()
        copied: list[tuple[int, int, str, list[list[str]]]] = []  # sentence in this report, in the first, kind
        if position:
            for index in sorted(rng.sample(range(len(first.sentences)), k=min(4, len(first.sentences)))):
                text, changes = versions[index][0], []
                if rng.random() < 0.4:
                    text, changes = reworded(text)
                copied.append((len(report.sentences), index, "rewording" if changes else "exact", changes))
                report.records.extend(
                    (kind, len(report.sentences), found) for kind, at, found in first.records if at == index
                )
                report.sentences.append(text)
            extra = new_sentences(rng, rng.randint(1, 3))
            report.records.extend((kind, at + len(report.sentences), found) for kind, at, found in extra.records)
            report.sentences.extend(extra.sentences)
        published = None if undated else (day + timedelta(days=position // 2)).isoformat()
        article, offsets = save_report(store, rng, story, position, report, published)
        members.append(article)
        for at, index, kind, changes in copied:
            earlier_text, earlier, (a_start, a_end) = versions[index]
            b_start, b_end = offsets[at]
            links.append(
                Link(
                    kind,  # type: ignore[arg-type]
                    sentence_key(earlier.id, a_start, a_end),
                    sentence_key(article.id, b_start, b_end),
                    1.0 if kind == "exact" else 0.82,
                    members[0].id,
                    {
                        "level": "sentence",
                        "a_article": earlier.id,
                        "a_start": a_start,
                        "a_end": a_end,
                        "a_text": earlier_text,
                        "b_article": article.id,
                        "b_start": b_start,
                        "b_end": b_end,
                        "b_text": report.sentences[at],
                        "surface_similarity": 1.0 if kind == "exact" else 0.8,
                        "changes": changes,
                    },
                )  # fmt: skip
            )
            # The next report copies this version: copies of copies, as a story travels.
            versions[index] = (report.sentences[at], article, offsets[at])
        if position == 0:
            versions = {index: (text, article, offsets[index]) for index, text in enumerate(report.sentences)}
    for member in members[1:]:
        links.append(
            Link("same_story", members[0].id, member.id, 0.7, members[0].id,
                 {"level": "story", "story": members[0].id, "size": size,
                  "composed_from": [{"article": members[0].id, "sentences": 4}]})
        )  # fmt: skip
    return size


def save_report(
    store: Store, rng: random.Random, story: int, position: int, report: _Report, published: str | None
) -> tuple[Article, list[tuple[int, int]]]:
    """Store one report with its records; the offsets of its sentences in its text."""
    title = f"Story {story + 1}, report {position + 1}: {report.sentences[0][:60]}"
    body = " ".join(report.sentences)
    header = f"{title}\n\n"
    text = header + body + "\n"
    offsets, at = [], len(header)
    for sentence in report.sentences:
        offsets.append((at, at + len(sentence)))
        at += len(sentence) + 1
    article = Article.build(
        text, title=title, published=published, outlet=rng.choice(OUTLETS), name=f"s{story}r{position}"
    )
    mentions, quotes, events, stances, tones = [], [], [], [], []
    # Tones draw from their own generator, so adding them left the rest of the corpus as it was.
    tone_rng = random.Random(article.id)
    for kind, index, found in report.records:
        start, end = offsets[index]
        sentence = report.sentences[index]
        if kind == "event":
            source, target = found["source"], found["target"]
            assert isinstance(source, ActorRef) and isinstance(target, ActorRef)
            for actor in (source, target):
                mentions.append(_mention(article, actor, sentence, start))
            leaning = -1 if int(found["quad"]) in (3, 4) else 1  # type: ignore[call-overload]
            tones.append(_tone(mentions[-2], (start, end), 0, tone_rng))
            tones.append(_tone(mentions[-1], (start, end), leaning, tone_rng))
            own_date = published if rng.random() < 0.75 else None
            events.append(
                Event(article.id, source, target, str(found["code"]), str(found["code"])[:2], None,
                      int(found["quad"]),  # type: ignore[call-overload]
                      own_date, "day" if own_date else None, found["place"],  # type: ignore[arg-type]
                      sentence, start, end)
            )  # fmt: skip
        elif kind == "quote":
            speaker, words = found["speaker"], str(found["words"])
            assert isinstance(speaker, ActorRef)
            mentions.append(_mention(article, speaker, sentence, start))
            tones.append(_tone(mentions[-1], (start, end), 0, tone_rng))
            quotes.append(
                Quote(article.id, speaker, None, words, "direct", "said", start + 1, start + 1 + len(words), sentence)
            )
        else:
            actor = found["actor"]
            assert isinstance(actor, ActorRef)
            mentions.append(_mention(article, actor, sentence, start))
            polarity = str(found["polarity"])
            stances.append(
                Stance(article.id, actor, str(found["issue"]), polarity, 0.8, sentence, start, end)  # type: ignore[arg-type]
            )
    store.save_analysis(
        ArticleAnalysis(article, tuple(mentions), tuple(quotes), tuple(events), tuple(stances), tuple(tones))
    )
    return article, offsets


def _mention(article: Article, actor: ActorRef, sentence: str, start: int) -> Mention:
    at = max(sentence.find(actor.name), 0)
    return Mention(article.id, start + at, start + at + len(actor.name), actor.name, actor)


def _tone(mention: Mention, sentence: tuple[int, int], leaning: int, rng: random.Random) -> Tone:
    """The tone toward a mentioned actor: ill (-1), neutral (0) or well (1) treated, with some spread."""
    score = round(leaning * rng.uniform(0.3, 0.9) if leaning else rng.uniform(-0.15, 0.15), 3)
    polarity = "negative" if score <= -0.2 else "positive" if score >= 0.2 else "neutral"
    return Tone(mention.article_id, mention.actor, mention.start, mention.end, *sentence, polarity, score)  # type: ignore[arg-type]


def pick_evenly(folder: Path, count: int) -> list[Path]:
    """`count` text files of `folder`, spread evenly over its sorted names: every outlet, the same each time."""
    files = sorted(folder.glob("*.txt"))
    if len(files) < count:
        raise ValueError(f"{folder} holds {len(files)} text files, fewer than the {count} asked for")
    return [files[index * len(files) // count] for index in range(count)]


def run_polnear(path: Path, folder: Path, articles: int = 200) -> Path:
    """`dossier run` over `articles` reports of `folder` (PolNeAR's texts) into a new database at `path`.

    The CLI runs in a child process with two workers, quiet, as a user runs it;
    a failed run raises with its output.
    """
    command = [sys.executable, "-m", "dossier", "run", *map(str, pick_evenly(folder, articles))]
    command += ["--db", str(path), "--processes", "2", "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy(), timeout=1800)
    if done.returncode:
        raise RuntimeError(f"dossier run failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return path

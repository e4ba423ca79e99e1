"""A development corpus of hard rewrites for the link stage, made from PolNeAR training articles.

    PYTHONPATH=src .venv/bin/python bench/rewrite_corpus.py            # build and score both halves
    PYTHONPATH=src .venv/bin/python bench/rewrite_corpus.py --half tune

The rewriter does what content farms do to wire copy, harder than
tests/link/link_corpus.py's spinner: most content words replaced from a hand-made
news thesaurus (bench/rewrite_synonyms.tsv, kept here and out of the
package, so the linker cannot have learnt it), attributions turned around
("X said Y." <-> "Y, X said."), leading clauses moved to the end, simple
active sentences put in the passive, long sentences split and short
neighbours merged, neighbours swapped. Names, numbers and quoted words are
kept, as spinners keep them.

True negatives: for each original, an article of another outlet published
the same day (or the next) that shares the most names with it and has no
sentence the plain lexical linker links to it: the same story, other words.
Their sentences must not be linked to the original or its rewrite as copies.

The originals are split into a tune half and a scored half by a hash of the
file name; thresholds are tuned on `tune` only (docs/link.md reports both).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from link_scale import link_options  # noqa: E402

from dossier.link.linker import LinkOptions, link_articles  # noqa: E402
from dossier.link.text import load_vocabulary, normalised_words, split_sentences  # noqa: E402
from dossier.records import Article, Link  # noqa: E402

POLNEAR = REPO.parent / "shared" / "dev" / "polnear_train" / "text"
SYNONYMS = Path(__file__).with_name("rewrite_synonyms.tsv")
ORIGINALS_PER_HALF = 60
MIN_WORDS = 5  # the linker's min_words: shorter sentences are never linked
NAME = re.compile(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)*")
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
QUOTE = re.compile(r"[\"“][^\"”]*[\"”]")
SAID_AFTER = re.compile(r"^(?P<clause>[^\"“”]{25,}?), (?P<who>(?:[A-Z][\w.]*\s?){1,4}) said\.$")
SAID_BEFORE = re.compile(r"^(?P<who>(?:[A-Z][\w.]*\s){1,4})said (?:that )?(?P<clause>[^\"“”]{25,})\.$")
LEADING = re.compile(
    r"^(?P<prep>In|On|After|Before|During|At|With|For|Since|Despite|While|When|Although|Last|This)"
    r" (?P<phrase>[^,]{3,60}), (?P<rest>[^\"“”]{25,})\.$"
)
PASSIVE = re.compile(
    r"^(?P<subj>(?:[A-Z][\w.]*\s){1,3})(?P<verb>[a-z]+ed) (?P<obj>(?:the|a|an|his|her|their|its) [^,;\"“”]{4,60})"
    r"(?P<rest>[,;].*)?\.$"
)
SPLIT = re.compile(r"(?:; |, and |, but |, while )")
LOWERABLE = {"the", "this", "that", "it", "he", "she", "they", "we", "a", "an", "in", "on", "his", "her", "their"}


@dataclass
class Unit:
    """A sentence of a rewrite and the original sentences it came from."""

    text: str
    origins: frozenset[int]


@dataclass
class Corpus:
    """Articles in ingest order and what links among them are right."""

    articles: list[Article]
    # rewrite sentence span -> original sentence spans it came from
    gold: dict[tuple[str, int, int], set[tuple[str, int, int]]] = field(default_factory=dict)
    group: dict[str, str] = field(default_factory=dict)  # article id -> its original's id (itself for negatives)
    same_story: dict[str, str] = field(default_factory=dict)  # negative id -> the original it shares a story with
    # sentences the plain linker links across originals and negatives: real syndication (a shared
    # editor's note, a speech quoted by two outlets), so links between their copies are right
    shared: set[tuple[str, int, int]] = field(default_factory=set)


# ---------------------------------------------------------------- halves


def half_of(name: str) -> str:
    """'tune' or 'scored', by a hash of the file name: stable whatever files are added."""
    return "tune" if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else "scored"


def polnear_articles() -> list[tuple[str, str, str, str]]:
    """(name, outlet, day, text) of every PolNeAR training text, sorted by name."""
    found = []
    for path in sorted(POLNEAR.glob("*.txt")):
        outlet, day = path.stem.split("_")[:2]
        found.append((path.stem, outlet, day, path.read_text(encoding="utf-8")))
    return found


# ---------------------------------------------------------------- rewriting


def load_synonyms(path: Path = SYNONYMS) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, replacements = line.split("\t")
        table.setdefault(word, [r.strip() for r in replacements.split(",")])
    return table


class Rewriter:
    """Deterministic hard rewrites: the same seed and text give the same rewrite."""

    def __init__(self, synonyms: dict[str, list[str]], seed: int, swap_rate: float = 0.9) -> None:
        self.synonyms = synonyms
        self.rng = random.Random(seed)
        self.swap_rate = swap_rate

    def rewrite(self, sentences: list[str]) -> list[Unit]:
        units = [Unit(s, frozenset([i])) for i, s in enumerate(sentences)]
        units = self.split_and_merge(units)
        units = [Unit(self.rewrite_sentence(u.text), u.origins) for u in units]
        for i in range(0, len(units) - 1, 2):  # neighbours swapped now and then
            if self.rng.random() < 0.25:
                units[i], units[i + 1] = units[i + 1], units[i]
        return units

    def split_and_merge(self, units: list[Unit]) -> list[Unit]:
        out: list[Unit] = []
        for unit in units:
            previous = out[-1] if out else None
            if (
                previous is not None
                and len(previous.origins) == 1
                and len(unit.text.split()) < 16
                and len(previous.text.split()) < 16
                and not QUOTE.search(unit.text + previous.text)
                and self.rng.random() < 0.35
            ):
                out[-1] = Unit(
                    f"{previous.text.rstrip('.!?')}, and {_lower_first(unit.text)}", previous.origins | unit.origins
                )
                continue
            parts = SPLIT.split(unit.text, maxsplit=1)
            if (
                len(parts) == 2
                and min(len(p.split()) for p in parts) >= 7
                and not QUOTE.search(unit.text)
                and self.rng.random() < 0.6
            ):
                first, second = parts
                out.append(Unit(first.rstrip(",;") + ".", unit.origins))
                out.append(Unit(_upper_first(second), unit.origins))
                continue
            out.append(unit)
        return out

    def rewrite_sentence(self, text: str) -> str:
        text = text.strip()
        for change in (self.turn_attribution, self.move_leading_clause, self.make_passive):
            if self.rng.random() < 0.7:
                text = change(text)
        return self.swap_words(text)

    def turn_attribution(self, text: str) -> str:
        match = SAID_AFTER.match(text)
        if match:
            return f"{match['who'].strip()} said that {_lower_first(match['clause'])}."
        match = SAID_BEFORE.match(text)
        if match:
            return f"{_upper_first(match['clause'])}, {match['who'].strip()} said."
        return text

    def move_leading_clause(self, text: str) -> str:
        match = LEADING.match(text)
        if not match:
            return text
        return f"{_upper_first(match['rest'])} {match['prep'].lower()} {match['phrase']}."

    def make_passive(self, text: str) -> str:
        match = PASSIVE.match(text)
        if not match:
            return text
        rest = match["rest"] or ""
        return f"{_upper_first(match['obj'])} was {match['verb']} by {match['subj'].strip()}{rest}."

    def swap_words(self, text: str) -> str:
        """Replace content words from the thesaurus, leaving names, numbers and quotations alone."""
        quoted = [(m.start(), m.end()) for m in QUOTE.finditer(text)]

        def replace(match: re.Match[str]) -> str:
            word = match.group(0)
            if any(a <= match.start() < b for a, b in quoted):
                return word
            initial = match.start() == 0
            if word[0].isupper() and not initial:  # a name
                return word
            options = self.synonyms.get(word.lower())
            if not options or self.rng.random() > self.swap_rate:
                return word
            choice = self.rng.choice(options)
            return _upper_first(choice) if initial else choice

        return WORD.sub(replace, text)


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if first.lower() in LOWERABLE else text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------- the corpus


def linkable_sentences(text: str) -> list[tuple[int, int, str]]:
    vocabulary = load_vocabulary()
    return [
        (s.start, s.end, s.text)
        for s in split_sentences(text, vocabulary)
        if len(set(normalised_words(s.text, vocabulary))) >= MIN_WORDS
    ]


def names_of(text: str) -> Counter[str]:
    return Counter(m.group(0) for m in NAME.finditer(text) if " " in m.group(0) or len(m.group(0)) > 3)


def plain_links(articles: list[Article]) -> list[Link]:
    """Sentence links of the lexical linker alone (no sentence vectors): what corpus building trusts."""
    return [
        link for link in link_articles(articles, LinkOptions(semantic=False)) if link.detail.get("level") == "sentence"
    ]


def build_corpus(half: str, per_half: int = ORIGINALS_PER_HALF) -> Corpus:
    """Originals of one half, a hard rewrite of each, and a same-story negative for each where one exists."""
    every = polnear_articles()
    by_day: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for entry in every:
        by_day[entry[2]].append(entry)
    chosen = [e for e in every if half_of(e[0]) == half]
    random.Random(17).shuffle(chosen)
    originals = _unlinked_originals(chosen, per_half)
    synonyms = load_synonyms()
    corpus = Corpus([])
    negatives: list[Article] = []
    rewrites: list[Article] = []
    used = {name for name, *_ in originals}
    for name, outlet, day, text in originals:
        original = Article.build(text, name=name, published=day, outlet=outlet)
        corpus.articles.append(original)
        corpus.group[original.id] = original.id
        negative = _same_story_article(original, outlet, day, by_day, used)
        if negative is not None:
            used.add(negative.name or "")
            negatives.append(negative)
            corpus.group[negative.id] = negative.id
            corpus.same_story[negative.id] = original.id
        rewrite, spans = _rewrite_article(original, synonyms, seed=int(hashlib.sha1(name.encode()).hexdigest()[:8], 16))
        corpus.group[rewrite.id] = original.id
        rewrites.append(rewrite)
        corpus.gold.update(spans)
    corpus.articles.extend(negatives)
    for link in plain_links(corpus.articles):
        detail = link.detail
        corpus.shared.add((detail["a_article"], detail["a_start"], detail["a_end"]))
        corpus.shared.add((detail["b_article"], detail["b_start"], detail["b_end"]))
    corpus.articles.extend(rewrites)
    return corpus


def _unlinked_originals(candidates: list[tuple[str, str, str, str]], wanted: int) -> list[tuple[str, str, str, str]]:
    """The first `wanted` candidates of which no two share a sentence the plain linker links (real syndication)."""
    pool = candidates[: wanted * 2]
    articles = [Article.build(text, name=name, published=day) for name, _, day, text in pool]
    linked = set()
    for link in plain_links(articles):
        linked.add(link.detail["b_article"])
    keep = [entry for entry, article in zip(pool, articles, strict=True) if article.id not in linked]
    return keep[:wanted]


def _same_story_article(
    original: Article, outlet: str, day: str, by_day: dict[str, list[tuple[str, str, str, str]]], used: set[str]
) -> Article | None:
    """Another outlet's article of the same day sharing the most names, with no sentence linked to the original."""
    names = names_of(original.text)
    best: tuple[int, Article] | None = None
    for name, other_outlet, other_day, text in by_day.get(day, []):
        if other_outlet == outlet or name in used:
            continue
        shared = sum((names & names_of(text)).values())
        if shared < 4 or (best is not None and shared <= best[0]):
            continue
        candidate = Article.build(text, name=name, published=other_day, outlet=other_outlet)
        if plain_links([original, candidate]):
            continue
        best = (shared, candidate)
    return best[1] if best else None


def _rewrite_article(
    original: Article, synonyms: dict[str, list[str]], seed: int
) -> tuple[Article, dict[tuple[str, int, int], set[tuple[str, int, int]]]]:
    sentences = [(s.start, s.end, s.text) for s in split_sentences(original.text, load_vocabulary())]
    units = Rewriter(synonyms, seed).rewrite([text for _, _, text in sentences])
    pieces: list[str] = []
    offsets: list[tuple[int, int]] = []
    position = 0
    for unit in units:
        text = unit.text.replace("\n", " ").strip()
        offsets.append((position, position + len(text)))
        pieces.append(text)
        position += len(text) + 2
    body = "\n\n".join(pieces)
    rewrite = Article.build(body, name=f"rw-{original.name}", published=original.published, outlet="farm")
    spans: dict[tuple[str, int, int], set[tuple[str, int, int]]] = {}
    for unit, (start, end) in zip(units, offsets, strict=True):
        spans[(rewrite.id, start, end)] = {(original.id, sentences[i][0], sentences[i][1]) for i in unit.origins}
    return rewrite, spans


# ---------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Scores:
    rewritten: int  # rewrite sentences with enough words to be linked
    linked_back: int  # of those, linked to a sentence they came from
    false_same_story: int  # sentence links between an original or rewrite and its same-story negative
    false_other: int  # sentence links between articles of different stories
    same_story_clustered: int  # negatives put in the same story cluster as their original
    negatives: int

    @property
    def recall(self) -> float:
        return self.linked_back / self.rewritten if self.rewritten else 0.0


def score(corpus: Corpus, links: Iterable[Link]) -> Scores:
    vocabulary = load_vocabulary()
    texts = {a.id: a.text for a in corpus.articles}
    eligible = {
        key
        for key in corpus.gold
        if len(set(normalised_words(texts[key[0]][key[1] : key[2]], vocabulary))) >= MIN_WORDS
    }
    linked_back: set[tuple[str, int, int]] = set()
    false_same = false_other = 0
    clustered = 0
    for link in links:
        detail = link.detail
        if detail.get("level") == "story":
            if corpus.same_story.get(link.b) == link.a or corpus.same_story.get(link.a) == link.b:
                clustered += 1
            continue
        if detail.get("level") != "sentence":
            continue
        a = (detail["a_article"], detail["a_start"], detail["a_end"])
        b = (detail["b_article"], detail["b_start"], detail["b_end"])
        group_a, group_b = corpus.group[a[0]], corpus.group[b[0]]
        if group_a != group_b:
            if _syndicated(corpus, a) and _syndicated(corpus, b):
                continue
            negative = a[0] if a[0] in corpus.same_story else b[0]
            if corpus.same_story.get(negative) in (group_a, group_b):
                false_same += 1
            else:
                false_other += 1
            continue
        for rewritten, original in ((a, b), (b, a)):
            if rewritten in corpus.gold and any(_overlaps(original, span) for span in corpus.gold[rewritten]):
                linked_back.add(rewritten)
    return Scores(
        len(eligible), len(linked_back & eligible), false_same, false_other, clustered, len(corpus.same_story)
    )


def _syndicated(corpus: Corpus, span: tuple[str, int, int]) -> bool:
    """Whether a sentence is, or was rewritten from, one that real syndication shares with another original."""
    origins = corpus.gold.get(span, {span})
    return any(_overlaps(origin, shared) for origin in origins for shared in corpus.shared)


def _overlaps(first: tuple[str, int, int], second: tuple[str, int, int]) -> bool:
    return first[0] == second[0] and first[1] < second[2] and second[1] < first[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=("tune", "scored", "both"), default="both")
    parser.add_argument("--show", type=int, default=0, help="print this many rewrite pairs")
    parser.add_argument("--lexical", action="store_true", help="score the lexical linker alone (no sentence vectors)")
    parser.add_argument("--set", action="append", metavar="NAME=VALUE", help="a LinkOptions setting, e.g. bucket_cap=8")
    args = parser.parse_args()
    options = replace(link_options(args.set), semantic=not args.lexical)
    for half in ("tune", "scored") if args.half == "both" else (args.half,):
        corpus = build_corpus(half)
        links = link_articles(corpus.articles, options)
        result = score(corpus, links)
        kinds = Counter(link.kind for link in links)
        print(
            f"{half}: {len(corpus.articles)} articles; rewritten sentences linked back"
            f" {result.linked_back}/{result.rewritten} ({result.recall:.3f});"
            f" false links same-story {result.false_same_story}, other stories {result.false_other};"
            f" negatives in the original's story {result.same_story_clustered}/{result.negatives}; kinds {dict(kinds)}"
        )
        if args.show:
            texts = {a.id: a.text for a in corpus.articles}
            for (article, start, end), origins in list(corpus.gold.items())[: args.show]:
                for o_article, o_start, o_end in sorted(origins):
                    print("  O:", texts[o_article][o_start:o_end])
                print("  R:", texts[article][start:end])
                print()


if __name__ == "__main__":
    main()

"""Measure the quotes stage on PolNeAR (../shared/dev/polnear_train).

PolNeAR marks attribution relations (Source, Cue, Content spans) in 840
election articles. An attribution is broader than a quote (it includes
beliefs such as "X backs Y"), so recall cannot reach 1.

The articles are split by a hash of their name into two halves (issue 16):
`tune`, read and tuned on, and `score`, only measured. Printed, for the
half asked (the measures of issue 16's table):

- recall: share of annotated contents that a dossier quote overlaps;
- precision: share of dossier quotes that overlap an annotated content;
- speaker accuracy: over the annotated contents found whose source names
  someone (a proper noun in the source span, not "he", "the campaign" or
  "officials"), share where an overlapping quote's speaker lies on that
  source (a mention of the speaker's actor overlaps the source span, or the
  speaker's name shares a word with it); no speaker counts as wrong.
- strict speaker accuracy: what a scorer outside sees, the exported record
  alone (no mention offsets). Over the same contents, the ONE quote that
  overlaps the content most (by characters) is taken, and it is right only
  when its speaker's name shares a word with the annotated source that is
  not a function word, title, role noun, party word or quantifier ("the
  Trump campaign" and a speaker "Clinton campaign" share only "campaign":
  wrong; a source of such words only, "some Democrats", is matched on its
  other words: "Democrats"; a speaker named by the source's own words only,
  "Republicans" for "Republicans on Capitol Hill", is right). Ties go to the
  shorter quote.
- with --kinds: the missed contents counted by kind (cue verb outside the
  lexicon, "according to", source after the content, belief or intention
  frame, ...), the count issue 16 asks for.

Parses can be cached (--cache DIR): the first run stores each half's spaCy
docs there, later runs re-run only the actors and quotes stages.

Usage: .venv/bin/python bench/quotes_polnear.py --half tune [--limit N] [--cache DIR]
       [--show-misses K] [--show-wrong K] [--kinds]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dossier.actors.resolve import resolve_actors
from dossier.parse.model import ParsedArticle, ParseOptions, load_model, parse_articles
from dossier.quotes.attribution import find_quotes
from dossier.quotes.cues import CueLexicon, load_cues
from dossier.records import Article, Mention, Quote

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "dev" / "polnear_train"
_WORD = re.compile(r"[a-z0-9]+")
RELATIVE_PRONOUNS = {"who", "which", "that"}
RELATIVE_REACH = 60  # characters before a relative pronoun that may hold its noun
_STOP = {"the", "a", "an", "of", "mr", "mrs", "ms", "dr", "and", "s"}
# Words a strict speaker match may not rest on: function words, titles, role nouns and party words,
# which two different speakers share ("Republican nominee Donald Trump", "Republican rival Ted Cruz").
STRICT_STOP = _STOP | {
    *("for", "to", "in", "on", "at", "with", "by", "from", "who", "which", "that", "this", "these", "those"),
    *("he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "our", "him", "them", "us"),
    *("president", "presidential", "vice", "sen", "senator", "rep", "representative", "gov", "governor"),
    *("secretary", "minister", "mayor", "chairman", "chair", "director", "chief", "speaker", "gen", "general"),
    *("former", "candidate", "nominee", "front", "runner", "frontrunner", "leader", "leaders"),
    *("campaign", "party", "committee", "republican", "republicans", "democrat", "democrats", "democratic"),
    *("gop", "spokesman", "spokeswoman", "spokesperson", "aide", "aides", "adviser", "advisers", "official"),
    *("officials", "staff", "team", "u", "new", "jr", "sr"),
}
# Words that count people without naming them ("some Democrats", "many Republicans", "Only half a dozen").
QUANTIFIERS = {
    *("some", "many", "most", "several", "other", "others", "all", "few", "both", "only", "more", "than"),
    *("top", "leading", "prominent", "one", "two", "three", "half", "dozen", "these", "those", "same", "such"),
}
STRICT_STOP |= QUANTIFIERS
HALVES = ("tune", "score")
# Tags of a source that names someone: a proper noun ("Trump", "CNN", "the Clinton campaign").
NAMING_TAGS = {"NNP", "NNPS"}
# Words a capitalised pronoun or determiner may be tagged NNP for at a sentence start.
NOT_NAMES = {"he", "she", "they", "it", "we", "i", "you", "who", "the", "his", "her", "their", "its", "this"}


def published_on(name: str) -> str | None:
    """The date a PolNeAR file name carries ('nyt_2016-05-18_...'), so dated roles apply as in a real run."""
    match = re.search(r"_(\d{4}-\d{2}-\d{2})_", name)
    return match.group(1) if match else None


def half_of(name: str) -> str:
    """The article's half: a fixed hash of its file name, so every run splits alike."""
    return HALVES[hashlib.sha1(name.encode("utf-8")).digest()[0] % 2]


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


def shared_chars(pieces: tuple[tuple[int, int], ...], start: int, end: int) -> int:
    return sum(max(0, min(high, end) - max(low, start)) for low, high in pieces)


def plain_words(text: str) -> set[str]:
    """Lower-case words with accents dropped ("Calderón" and "Calderon" are one word)."""
    plain = "".join(char for char in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(char))
    return set(_WORD.findall(plain))


def strict_speaker_agrees(quote: Quote, source: tuple[tuple[int, int], ...], text: str) -> bool:
    """The exported speaker's name shares a word with the annotated source (no offsets used), not counting
    function words, titles, role nouns, party words and quantifiers; a source of such words only
    ("some Democrats") is matched on them."""
    if quote.speaker is None:
        return False
    every = {w for low, high in source for w in plain_words(text[low:high])} - _STOP
    words = every - STRICT_STOP or every - QUANTIFIERS
    name = plain_words(quote.speaker.name) - _STOP
    # A speaker named by the source's own words only ("Republicans" for "Republicans on Capitol Hill").
    return bool(words & name) or bool(name) and name <= every - QUANTIFIERS


def names_source(doc, source: tuple[tuple[int, int], ...]) -> bool:  # noqa: ANN001 (spaCy Doc)
    """True when the annotated source holds a proper noun: it names someone."""
    for low, high in source:
        span = doc.char_span(low, high, alignment_mode="expand")
        if span is not None and any(t.tag_ in NAMING_TAGS and t.lower_ not in NOT_NAMES for t in span):
            return True
    return False


def parsed_articles(articles: list[Article], cache: Path | None, key: str) -> Iterator[ParsedArticle]:
    """Parse the articles, or read their docs from the cache a previous run wrote."""
    if cache is None:
        yield from parse_articles(articles, ParseOptions(n_process=1))
        return
    from spacy.tokens import DocBin

    path = cache / f"{key}.spacy"
    if path.exists():
        docs = DocBin().from_disk(path).get_docs(load_model().vocab)
        for article, doc in zip(articles, docs, strict=True):
            yield ParsedArticle(article, doc)
        return
    cache.mkdir(parents=True, exist_ok=True)
    store = DocBin(store_user_data=True)
    for parsed in parse_articles(articles, ParseOptions(n_process=1)):
        store.add(parsed.doc)
        yield parsed
    store.to_disk(path)


# Verbs of belief, intention and stance: PolNeAR marks them as attributions; a quote is something said.
BELIEF_LEMMAS = frozenset(
    {"think", "believe", "want", "hope", "plan", "expect", "feel", "know", "support", "oppose", "back", "endorse"}
    | {"fear", "intend", "wish", "doubt", "consider", "see", "view", "favor", "agree", "disagree", "worry"}
)


def miss_kind(doc, text: str, attribution: Attribution, lexicon: CueLexicon) -> str:  # noqa: ANN001 (spaCy Doc)
    """A missed content's kind, the count issue 16 asks for."""
    cue_tokens = [t for lo, hi in attribution.cue for t in (doc.char_span(lo, hi, alignment_mode="expand") or ())]
    words = [t.lower_ for t in cue_tokens]
    lemmas = {t.lemma_.lower() for t in cue_tokens} | set(words)
    content = "".join(text[lo:hi] for lo, hi in attribution.content)
    if not words:
        return "no cue"
    if "according" in words:
        return "according to"
    if words == [":"]:
        return "name and colon"
    if any(mark in content for mark in '"“”'):
        return "quote marks inside"
    if lemmas & BELIEF_LEMMAS:
        return "belief or intention"
    in_lexicon = any(lexicon.verb_cues(lemma) or lexicon.source_cues(lemma) for lemma in lemmas)
    if not in_lexicon:
        return "cue outside lexicon"
    if attribution.source and attribution.source[0][0] > attribution.content[-1][1]:
        return "source after content"
    low, high = attribution.content[0][0], attribution.content[-1][1]
    if any(t.is_sent_start and low < t.idx < high for t in doc):
        return "several sentences"
    return "cue in lexicon"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--half", choices=(*HALVES, "all"), default="tune", help="which half of the split")
    parser.add_argument("--limit", type=int, default=None, help="articles, spread over all outlets (default: all)")
    parser.add_argument("--cache", type=Path, default=None, help="folder for parsed docs, reused by later runs")
    parser.add_argument("--show-misses", type=int, default=0, help="print this many missed contents")
    parser.add_argument("--show-wrong", type=int, default=0, help="print this many unmatched quotes and wrong speakers")
    parser.add_argument("--kinds", action="store_true", help="count the missed contents by kind")
    parser.add_argument("--root", type=Path, default=POLNEAR)
    args = parser.parse_args()

    names = sorted(path.stem for path in (args.root / "text").glob("*.txt"))
    if args.half != "all":
        names = [name for name in names if half_of(name) == args.half]
    if args.limit:
        # An even spread over the sorted names, so every outlet is in the sample.
        step = max(1, len(names) // args.limit)
        names = names[::step][: args.limit]
    articles = [
        Article.build(
            (args.root / "text" / f"{name}.txt").read_text(encoding="utf-8"), name=name, published=published_on(name)
        )
        for name in names
    ]
    gold = {name: read_ann(args.root / "attributions" / f"{name}.ann") for name in names}
    lexicon = load_cues()

    contents = found = system = matched = named = right_speaker = right_strict = 0
    misses: list[str] = []
    wrong: list[str] = []
    kinds: Counter[str] = Counter()
    started = time.perf_counter()
    key = f"{args.half}-{args.limit or 'all'}"
    for parsed in parsed_articles(articles, args.cache, key):
        name, text = parsed.article.name or "", parsed.article.text
        mentions = resolve_actors(parsed)
        quotes = find_quotes(parsed, mentions)
        attributions = gold[name]
        for attribution in attributions:
            contents += 1
            hits = [q for q in quotes if overlaps(attribution.content, q.start, q.end)]
            low, high = attribution.content[0][0], attribution.content[-1][1]
            cue = " ".join(text[lo:hi] for lo, hi in attribution.cue)
            if not hits:
                kind = miss_kind(parsed.doc, text, attribution, lexicon)
                kinds[kind] += 1
                misses.append(f"{name}: {kind} [{cue}] {text[low:high][:160]!r}")
                continue
            found += 1
            if not attribution.source or not names_source(parsed.doc, attribution.source):
                continue
            named += 1
            gold_source = "; ".join(text[lo:hi] for lo, hi in attribution.source)
            said = [q.speaker.name if q.speaker else None for q in hits]
            if any(speaker_agrees(q, attribution.source, mentions, text) for q in hits):
                right_speaker += 1
            else:
                wrong.append(f"{name}: SPEAKER {said} vs gold {gold_source!r} [{cue}] {text[low:high][:80]!r}")
            best = max(hits, key=lambda q: (shared_chars(attribution.content, q.start, q.end), q.start - q.end))
            if strict_speaker_agrees(best, attribution.source, text):
                right_strict += 1
            else:
                chosen = best.speaker.name if best.speaker else None
                wrong.append(
                    f"{name}: STRICT {chosen!r} [{best.kind} {best.cue} {best.start}-{best.end}] of {said} vs gold"
                    f" {gold_source!r} @{attribution.source[0][0]} [{cue}] content {low}-{high}"
                    f" {text[low:high][:100]!r} quote {best.text[:80]!r}"
                )
        for quote in quotes:
            system += 1
            if any(overlaps(a.content, quote.start, quote.end) for a in attributions):
                matched += 1
            else:
                wrong.append(f"{name}: EXTRA [{quote.kind} {quote.cue}] {quote.text[:140]!r}")
    seconds = time.perf_counter() - started

    for line in misses[: args.show_misses]:
        print("MISS", line)
    for line in wrong[: args.show_wrong]:
        print(line)
    if args.kinds:
        for kind, count in kinds.most_common():
            print(f"missed {kind}: {count}")
    print(f"half {args.half}  articles {len(names)}  annotated contents {contents}  quotes {system}  ({seconds:.0f} s)")
    print(f"recall {found / contents if contents else 0:.3f}  ({found}/{contents})")
    print(f"precision {matched / system if system else 0:.3f}  ({matched}/{system})")
    accuracy = right_speaker / named if named else 0
    print(f"speaker accuracy {accuracy:.3f}  ({right_speaker}/{named} found contents whose source names someone)")
    strict = right_strict / named if named else 0
    print(f"strict speaker accuracy {strict:.3f}  ({right_strict}/{named}: the most overlapping quote's speaker name)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

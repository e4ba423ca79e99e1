"""A provenance test corpus: wire stories, spinner rewrites of them, and unrelated reports on the same topics.

Every sentence here was written for these tests. `build_corpus()` makes, for
each wire story, two rewrites the way content farms make them: sentences
shuffled and words swapped from a thesaurus (the swaps include the name
variants dossier knows, "Russia" -> "Russian Federation", and plain synonyms
it does not, "said" -> "stated"). A same-topic report that shares actors and
vocabulary but no sentence with the wire story stands beside each, so
precision is measured against the hard case, not against random text. The
ground truth says which original every sentence came from.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from dossier.records import Article

WIRE_STORIES: dict[str, list[str]] = {
    "sanctions_vote": [
        (
            "The United Nations Security Council voted on Monday to tighten "
            "sanctions on the country after its latest missile launch."
        ),
        "Russia and China abstained, saying the measures would hurt ordinary people more than the leadership.",
        (
            "The U.S. ambassador told reporters the vote showed the "
            "international community would not accept further tests."
        ),
        (
            "The new measures cap imports of refined petroleum and ban exports "
            "of textiles, a key source of foreign currency."
        ),
        (
            "Diplomats said the text had been watered down during a week of "
            "talks to win the support of Moscow and Beijing."
        ),
        "Russia's envoy warned that isolating the government would only push it to accelerate its weapons programme.",
        (
            "The resolution also asks member states to inspect vessels "
            "suspected of carrying banned cargo on the high seas."
        ),
        "Analysts said enforcement would depend on whether neighbouring countries police their own borders.",
        "It was the ninth round of sanctions adopted by the council since the first nuclear test in 2006.",
    ],
    "monsoon_floods": [
        (
            "Heavy monsoon rains have killed at least 120 people in northern "
            "Bangladesh and forced thousands from their homes."
        ),
        "Officials said rivers burst their banks overnight, cutting off roads and submerging more than 300 villages.",
        "The army has been deployed to help evacuate residents stranded on rooftops in the worst-hit districts.",
        "Aid agencies warned that the floods could trigger outbreaks of cholera and other waterborne diseases.",
        "The government announced an emergency fund of 50 million dollars for food, shelter and medicine.",
        "Forecasters expect more heavy rain over the coming week as the monsoon moves across the region.",
        "Farmers said the floods had destroyed most of the rice crop just weeks before the harvest.",
        "The international community has pledged support, with the European Union releasing initial relief funds.",
        "Local authorities said many victims were children who drowned while trying to cross swollen streams.",
    ],
    "steel_tariffs": [
        (
            "The European Union and China agreed on Tuesday to resume talks "
            "on steel overcapacity after a year-long freeze."
        ),
        (
            "Brussels has accused Beijing of flooding global markets with cheap "
            "steel, driving down prices and costing European jobs."
        ),
        "Chinese officials said the tariffs imposed by the bloc were unfair and violated international trade rules.",
        "The trade commissioner told a news conference that any deal must include verifiable cuts in production.",
        (
            "European steelmakers have closed several plants in the past two "
            "years, blaming competition from Asian imports."
        ),
        "The two sides will meet again in Geneva next month to discuss a monitoring mechanism.",
        "Steel prices rose slightly in early trading after news of the agreement was announced.",
        "The United States has also raised tariffs on Chinese steel, citing national security concerns.",
        "Industry groups welcomed the talks but warned that previous promises had not been kept.",
    ],
    "rate_decision": [
        (
            "The central bank raised its benchmark interest rate by a quarter of a "
            "percentage point on Thursday, the first increase in a decade."
        ),
        "The governor said the decision was needed to bring inflation back towards the bank's two percent target.",
        "Seven of the nine members of the rate-setting committee voted for the increase, while two preferred to wait.",
        "Mortgage lenders are expected to pass on the rise to millions of households within weeks.",
        "The currency strengthened against the dollar and the euro after the announcement.",
        "Business groups warned that higher borrowing costs could slow investment at a time of political uncertainty.",
        "The bank said further increases would be gradual and limited, depending on how the economy performs.",
        "Inflation hit three percent last month, driven largely by the rising cost of imported goods.",
        "Economists had been divided over whether the bank would act before the end of the year.",
    ],
}

# Reports on the same topics that share no sentence with the wire stories above.
SAME_TOPIC_REPORTS: dict[str, list[str]] = {
    "sanctions_vote": [
        (
            "China said on Tuesday it would fully enforce the Security Council "
            "sanctions but urged all sides to return to talks."
        ),
        "The country's state media described the latest resolution as an act of war by hostile forces.",
        "Russia and the United States traded accusations over who was to blame for rising tensions on the peninsula.",
        "Satellite images suggest the country has continued building new launch facilities despite the sanctions.",
    ],
    "monsoon_floods": [
        "Last year's monsoon season killed more than 200 people across Bangladesh, India and Nepal.",
        "Engineers said the embankments along the river had not been repaired since the previous floods.",
        "The Red Cross said it had distributed water purification tablets to families in three districts.",
        "Rice prices in Dhaka rose sharply as traders anticipated shortages in the coming months.",
    ],
    "steel_tariffs": [
        "Chinese steel output hit a record high in the first half of the year, according to official data.",
        "The European Commission opened a new investigation into imports of stainless steel from Indonesia.",
        "A steelworks in Wales announced 400 job cuts, blaming high energy costs and weak demand.",
        "Beijing has promised to cut production capacity by 150 million tonnes within five years.",
    ],
    "rate_decision": [
        "The central bank left interest rates unchanged last month but signalled that an increase was coming.",
        "House prices fell for the third month in a row as buyers waited for clarity on borrowing costs.",
        "The governor is due to testify before a parliamentary committee on the bank's inflation forecasts next week.",
        "Wage growth remained weak, squeezing household incomes as prices continued to rise.",
    ],
}

# The same facts as some wire sentences, written independently: the hardest
# negatives, since they share the facts and most names but were not copied.
RESTATEMENTS: dict[str, list[str]] = {
    "sanctions_vote": [
        (
            "Moscow and Beijing declined to back the resolution, arguing that "
            "civilians would bear the brunt of the sanctions."
        ),
        "Under the resolution, exports of textiles are banned and deliveries of refined oil products are capped.",
        "Monday's vote was the council's ninth sanctions package against the country since 2006.",
    ],
    "monsoon_floods": [
        "At least 120 people have died in floods in the north of Bangladesh after days of monsoon downpours.",
        "Soldiers are using boats to rescue villagers stranded on roofs as the water keeps rising.",
        "Relief groups fear cholera and diarrhoea could spread quickly in the crowded shelters.",
    ],
    "steel_tariffs": [
        "After a freeze of more than a year, Brussels and Beijing will hold new talks on surplus steel production.",
        "China's commerce ministry called the European duties a breach of international trade rules.",
        "Officials from both sides plan to meet in Geneva in the coming weeks to work on monitoring.",
    ],
    "rate_decision": [
        (
            "For the first time in ten years, the bank lifted borrowing costs, "
            "adding 0.25 percentage points to its main rate."
        ),
        "The rate-setting committee split seven to two, with two members arguing for a delay.",
        "With inflation at three percent, the governor said the bank had to act to protect its two percent target.",
    ],
}

# The spinner's thesaurus. It holds the name variants dossier normalises and
# plain synonyms it does not know, as a content farm's tool would.
SPINNER_THESAURUS: dict[str, str] = {
    "Russia": "Russian Federation",
    "U.S.": "USA",
    "United States": "U.S.",
    "United Nations": "UN",
    "European Union": "EU",
    "international": "worldwide",
    "global": "worldwide",
    "said": "stated",
    "told": "informed",
    "warned": "cautioned",
    "announced": "declared",
    "killed": "claimed the lives of",
    "people": "individuals",
    "heavy": "severe",
    "help": "assist",
    "talks": "negotiations",
    "officials": "authorities",
    "expected": "anticipated",
    "expect": "anticipate",
    "agreed": "consented",
    "cheap": "low-cost",
    "jobs": "positions",
    "increase": "rise",
    "raised": "hiked",
    "key": "crucial",
    "ban": "prohibit",
    "ordinary": "common",
    "worst-hit": "hardest-hit",
    "homes": "houses",
    "more than": "over",
    "at least": "no fewer than",
    "several": "a number of",
    "slightly": "marginally",
    "welcomed": "applauded",
    "unfair": "unjust",
    "news conference": "press briefing",
    "reporters": "journalists",
    "fund": "budget",
    "resume": "restart",
    "decision": "choice",
    "gradual": "slow",
    "households": "families",
    "largely": "mostly",
}


@dataclass(frozen=True)
class CorpusSentence:
    article: str  # article name
    text: str
    origin: str | None  # "<story>/<index>" of the wire sentence it came from; None for same-topic reports


def spin(sentence: str, rng: random.Random, rate: float) -> str:
    """Swap thesaurus words and phrases with probability `rate`, keeping a capital where there was one."""
    pattern = re.compile(
        r"(?<![\w.])(" + "|".join(re.escape(k) for k in sorted(SPINNER_THESAURUS, key=len, reverse=True)) + r")(?![\w])"
    )

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if rng.random() >= rate:
            return word
        replacement = SPINNER_THESAURUS[word]
        if word[0].isupper() and replacement[0].islower():
            replacement = replacement[0].upper() + replacement[1:]
        return replacement

    spun = pattern.sub(swap, sentence)
    return spun[0].upper() + spun[1:]


def _article(name: str, sentences: list[str], published: str) -> Article:
    # Paragraphs of one sentence, two sentences to a paragraph, as wire copy is laid out.
    paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    return Article.build("\n\n".join(paragraphs) + "\n", name=name, published=published)


def build_corpus(seed: int = 7) -> tuple[list[Article], list[CorpusSentence]]:
    """Articles in ingest order and every sentence with the wire sentence it came from."""
    rng = random.Random(seed)
    articles: list[Article] = []
    truth: list[CorpusSentence] = []
    for day, (story, originals) in enumerate(WIRE_STORIES.items(), start=1):
        wire = f"{story}/wire"
        articles.append(_article(wire, originals, f"2023-03-{day:02d}"))
        truth += [CorpusSentence(wire, text, f"{story}/{i}") for i, text in enumerate(originals)]
        for copy, rate in (("light", 0.5), ("heavy", 1.0)):
            name = f"{story}/{copy}"
            order = list(range(len(originals)))
            rng.shuffle(order)
            spun = [spin(originals[i], rng, rate) for i in order]
            articles.append(_article(name, spun, f"2023-03-{day + 1:02d}"))
            truth += [CorpusSentence(name, text, f"{story}/{i}") for i, text in zip(order, spun, strict=True)]
        other = f"{story}/other"
        unrelated = SAME_TOPIC_REPORTS[story] + RESTATEMENTS[story]
        articles.append(_article(other, unrelated, f"2023-03-{day:02d}"))
        truth += [CorpusSentence(other, text, None) for text in unrelated]
    return articles, truth


def score_sentence_links(links: list, truth: list[CorpusSentence]) -> tuple[float, float, int, int]:
    """(precision, recall, links, expected) of sentence links against the corpus' ground truth.

    A link is right when both sentences come from the same wire sentence. Every
    copy after the first of a wire sentence should be linked to an earlier one.
    """
    origin = {(t.article, t.text): t.origin for t in truth}
    sentence_links = [ln for ln in links if ln.detail.get("level") == "sentence"]
    right = 0
    linked: set[tuple[str, str]] = set()
    for ln in sentence_links:
        a = _name(ln.detail["a_article"]), ln.detail["a_text"]
        b = _name(ln.detail["b_article"]), ln.detail["b_text"]
        if origin.get(a) is not None and origin.get(a) == origin.get(b):
            right += 1
            linked.add(b)
    copies: dict[str, int] = {}
    for t in truth:
        if t.origin is not None:
            copies[t.origin] = copies.get(t.origin, 0) + 1
    expected = sum(n - 1 for n in copies.values())
    precision = right / len(sentence_links) if sentence_links else 1.0
    return precision, len(linked) / expected, len(sentence_links), expected


_NAMES: dict[str, str] = {}


def _name(article_id: str) -> str:
    return _NAMES.get(article_id, article_id)


def register_names(articles: list[Article]) -> None:
    """Let scoring map article ids back to the corpus' article names."""
    _NAMES.update({a.id: a.name or a.id for a in articles})

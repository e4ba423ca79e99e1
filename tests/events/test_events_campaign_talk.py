"""Campaign talk read as diplomacy, law or force (issue 15, hand check of PolNeAR news): polls and
contests won, a campaign's operation, events hosted or attended, appeals that ask for nothing, a case
made, a defense offered, one's own heritage embraced, a place taken behind someone; and a report that
informs, read as an act by someone unnamed.

Every sentence here is written for these tests; actors come from the actors stage, in a report
published during the 2016 campaign (candidates are ELI then).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from dossier.actors import resolve as actors_stage
from dossier.events.coder import code_events, load_event_data
from dossier.events.participants import MentionIndex
from dossier.events.predicates import code_complement
from dossier.parse.model import ParsedArticle
from dossier.records import Article

pytestmark = pytest.mark.model

Coded = Callable[[str], list[tuple[str, str | None, str | None]]]


@pytest.fixture(scope="module")
def coded_2016(nlp: Language) -> Coded:
    """(code, source code, target code) of each event of a text published on 2016-03-01."""
    data = load_event_data(learned_fallback=False)

    def run(text: str) -> list[tuple[str, str | None, str | None]]:
        parsed = ParsedArticle(Article.build(text, name="written", published="2016-03-01"), nlp(text))
        events = code_events(parsed, actors_stage.resolve_actors(parsed), (), data)
        return [(e.code, e.source.code, e.target and e.target.code) for e in events]

    return run


@pytest.mark.parametrize(
    "text",
    [
        # force measured in a score, won in a contest, or told by a poll
        "A new survey shows Senator Smith beating Governor Jones 52 to 44 percent in Ohio.",
        "Governor Jones beat Senator Smith by ten points in the Iowa caucuses.",
        # a campaign's force on no one named
        "Donald Trump's local operation in Iowa was badly outmatched.",
        # appeals that ask for nothing: a pitch
        "Senator Smith appeals to the fears of rural voters.",
        "Governor Jones's appeal to older voters has faded.",
        # a party convention attended, an argument made, a tournament hosted
        "Senator Smith attended the Republican national convention in Cleveland.",
        "Chancellor Merkel made a case for more spending during an interview with President Macron.",
        "The Kenyan government hosted the FIFA championship in Nairobi.",
        # praise of one's own attribute, a place taken at an event
        "Governor Jones has been embracing her Irish heritage.",
        "Governor Jones has been championing her record, something that may win her older voters.",
        "Jane Doe, Senator Smith's campaign manager, stood behind Senator Smith at the press conference.",
        # a document informs: no unnamed agent acts
        "The report provided details of breaches in which Chinese hackers stole data.",
        "The new ad hits Senator Smith for taking money from banks.",
        # force by no one named on a candidate or a legislator, with no violence: words
        "Senator Smith was attacked on Monday over his tax plan.",
        # a candidate's rally, a speech to no one, a candidacy, a brochure, a mood in the air
        "Senator Smith was rallying for a young candidate in Ohio.",
        "Senator Smith spoke for more than an hour.",
        "Donald Trump made trade central to his presidential bid.",
        "The Republican party released another brochure with the same slate.",
        "Such fears hung in the air at the rally for Senator Smith.",
        # a count declared is no obligation; a campaign's fight; a judgement
        "CNN declared Senator Smith had enough delegates to win the nomination.",
        "Senator Smith's supporters are not giving up the fight.",
        "Most Labour MPs consider the dispute a helpful point of comparison.",
        # a candidate's rally; a campaign reaching its public; fighting for an agenda; laws, a website
        "Donald Trump was holding a rally in Janesville on Tuesday.",
        "Donald Trump's new ads are largely targeting women in Ohio.",
        "President Obama could have fought harder for his agenda.",
        "The Cuban government extended minimum wage laws to the island.",
        "The campaign released a parody website on Tuesday.",
        # a candidacy against a rival, a slogan
        "Governor Jones's failed bid against Senator Smith ended in May.",
        "Senator Smith's clarion call for a revolution draws thousands of students.",
    ],
)
def test_campaign_talk_is_no_event(coded_2016: Coded, text: str) -> None:
    assert coded_2016(text) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russian police beat Senator Smith outside the parliament in Moscow.", "182"),
        ("Vladimir Putin's operation in Ukraine stalled last spring.", "190"),
        ("Donald Trump attacked Ted Cruz on Saturday.", "111"),
        ("President Macron hosted Chancellor Merkel in Paris on Monday.", "043"),
        ("The Iraqi government appealed to the United Nations.", "020"),
        ("Iran appealed to Russia to block the sanctions.", "020"),
        ("The Kenyan police appealed to residents to stay indoors.", "020"),
        ("Mexico and Canada signed a convention on fisheries.", "057"),
        ("The French president embraced the German plan.", "051"),
        ("Chancellor Merkel praised her counterpart.", "051"),
        ("The Labour Party stands behind Prime Minister Brown.", "051"),
        ("The museum returned the statues to the Egyptian government.", "0842"),
        ("Senator Smith was attacked by gunmen outside his home.", "190"),
        ("Three Afghan soldiers were attacked in Kabul on Monday.", "190"),
        ("Students rallied for lower fees in London.", "1412"),
        ("Senator Smith spoke with Chancellor Merkel on Monday.", "040"),
        ("Chancellor Merkel and President Macron spoke on Monday.", "040"),
        ("Turkey's bid to join the European Union stalled.", "020"),
        ("Iran hanged two men on Monday.", "1823"),
        ("Students held a rally against the new fees in London.", "1412"),
        ("Turkey's bid for membership of the European Union stalled.", "020"),
        ("The Iraqi government appealed to the United Nations for food aid.", "0233"),
        ("Russian troops targeted protesters in Moscow.", "190"),
        ("The Thai army extended martial law across the country.", "1724"),
        ("The Turkish president said Syria has to withdraw its troops.", "1056"),
        ("Kurdish rebels are not giving up the fight against the Turkish army.", "0874"),
        # "as opposed to": a connective, no opposition (110)
        ("Senator Smith wants to talk about jobs, as opposed to defending his record.", "036"),
        # the act offered is done: a verbal defense (052), no intent to cooperate (032)
        ("Senator Smith offered a passionate defense of the bill on Tuesday.", "052"),
    ],
)
def test_acts_of_force_diplomacy_and_appeals_stay(coded_2016: Coded, text: str, code: str) -> None:
    assert [c for c, _, _ in coded_2016(text)] == [code]


def test_a_month_is_no_event_noun(nlp: Language) -> None:
    """ "In March, ... announced": a noun inside a date ("March") is never the march of nouns.tsv."""
    doc = nlp("They met again in March.")
    month = next(t for t in doc if t.text == "March")
    assert month.ent_type_ == "DATE"
    assert code_complement(month, MentionIndex(doc, ()), 1) is None

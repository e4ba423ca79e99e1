"""The article's own country for state bodies it names without one ("the Senate", "the government").

A report about one country calls that country's institutions by their role
alone: in a story on US politics "the Senate", "the administration" and
"the court" are the US's. When one country clearly dominates the coded
mentions of the article, a state body or official known only by its role
(to which the groups pass gave no country: none named with it, none in its
sentence) takes that country. In an article about
several countries nothing changes: the role stays countryless, as before.
"""

from __future__ import annotations

from collections import Counter

from dossier.actors.codes import country_actor
from dossier.actors.state import ArticleInputs, Draft, FoundMentions
from dossier.gazetteer import country_of_place
from dossier.records import ActorRef

# Roles of a state's own institutions and officials that an article names by the role alone.
STATE_ROLES = frozenset({"GOV", "LEG", "JUD"})
# The nouns that name them: the last word of the mention. Not "party", "candidates", "leaders" or "presidency",
# whose role in the role list says little about a state (a candidate is no official, a party no legislature).
STATE_BODY_NOUNS = frozenset(
    {
        "government", "administration", "cabinet", "ministry", "senate", "congress", "parliament", "legislature",
        "court", "courts", "judge", "judges", "officials", "lawmakers", "legislators", "senators", "ministers",
    }
)  # fmt: skip
# Roles of someone the article names with a title and no country ("state Sen. X", "activist X", "radio host X")
# that make them of the article's country: its legislators, citizens and media. Not officials or judges: a
# titled official with no country ("Ambassador X") in a story one country dominates is as often another
# country's, and coding them so lowered the scored half of the events dev sets (source 0.953 -> 0.950).
TITLED_ROLES = frozenset({"LEG", "CVL", "MED"})
# A country dominates an article when at least this many of its mentions, and this share of all coded mentions
# of a country, are its.
DOMINANT_MENTIONS = 3
DOMINANT_SHARE = 0.75


# Words that make the officials someone else's than the state's ("campaign officials", "party officials").
NOT_STATE_WORDS = frozenset({"campaign", "party", "union", "company", "club", "team", "church", "school"})


def dominant_country(found: FoundMentions, places: Counter[str] | None = None) -> str | None:
    """The country of most of the article's mentions that have one, when it clearly dominates.

    Example:
        >>> from dossier.actors.state import Draft, FoundMentions
        >>> from dossier.records import ActorRef
        >>> found = FoundMentions.empty(10)
        >>> for i, code in enumerate(["USA", "USA", "USA", "RUS"]):
        ...     _ = found.add(Draft(i, i + 1, ActorRef(code, code, code, None), "name"))
        >>> dominant_country(found)
        'USA'
    """
    counts = Counter(
        draft.actor.country
        for draft in found.drafts
        if draft.kind != "pronoun" and draft.actor.country and not draft.actor.country.startswith("IGO")
    )
    counts.update(places or {})
    if not counts:
        return None
    country, count = counts.most_common(1)[0]
    if count >= DOMINANT_MENTIONS and count >= DOMINANT_SHARE * sum(counts.values()):
        return country
    return None


def code_state_roles_by_article(inputs: ArticleInputs, found: FoundMentions) -> None:
    """Give the article's dominant country to state bodies and officials known by their role alone, and to
    titled people with no country. The article's places are looked up only when one of them is there."""
    bodies = [draft for draft in found.drafts if _is_countryless_state_body(draft)]
    titled = _countryless_titled_people(inputs, found)
    if not bodies and not titled:
        return
    country = dominant_country(found, _placed_countries(inputs, found))
    if country is None:
        return
    for draft in bodies:
        found.replace_actor(draft, country_actor(inputs.kb, country, draft.actor.role, draft.actor.name))
    _code_titled_people(inputs, found, titled, country)


def _is_countryless_state_body(draft: Draft) -> bool:
    """ "the Senate", "the administration", "officials": a state's body known by its role alone."""
    actor = draft.actor
    if draft.kind == "pronoun" or actor.code or actor.country or actor.role not in STATE_ROLES:
        return False
    words = (actor.name or "").lower().split()
    if not words or words[-1] not in STATE_BODY_NOUNS or NOT_STATE_WORDS & set(words):
        return False
    return draft.person is None  # a named person with a title ("Gov. X") is no body: their country is their own


def _placed_countries(inputs: ArticleInputs, found: FoundMentions) -> Counter[str]:
    """The countries of the places the article names that are no actor mention: a report on US politics
    names Iowa, Ohio and Austin, Texas as often as the United States itself. A place counts where the
    gazetteer gives it a clear country (`country_of_place`), as when a group is placed there."""
    placed: Counter[str] = Counter()
    for entity in inputs.entities:
        if entity.label_ not in ("GPE", "LOC") or not found.is_free(entity.start, entity.end):
            continue
        country = country_of_place(entity.text, inputs.places)
        if country:
            placed[country] += 1
    return placed


def _countryless_titled_people(inputs: ArticleInputs, found: FoundMentions) -> dict[str, ActorRef]:
    """ "state Sen. X", "conservative activist X", "radio host X": someone no list holds, whose title gives a
    role and no country; by the person's name, the actor their title gave."""
    titled: dict[str, ActorRef] = {}
    for draft in found.drafts:
        actor = draft.actor
        if draft.kind != "title" or draft.person is None or actor.code or actor.country:
            continue
        if not (actor.role in TITLED_ROLES and actor.name == draft.person and _ends_in_a_person(inputs, draft.end)):
            continue
        if not _titled_by_nationality_noun(inputs, draft.start, draft.end):
            titled[draft.person] = actor
    return titled


def _code_titled_people(inputs: ArticleInputs, found: FoundMentions, titled: dict[str, ActorRef], country: str) -> None:
    """The titled people with no country are of the article's country, with every other mention of them."""
    coded = {person: country_actor(inputs.kb, country, a.role, a.name) for person, a in titled.items()}
    for draft in list(found.drafts):
        if draft.person in coded and draft.actor.code is None and draft.kind != "pronoun":
            found.replace_actor(draft, coded[draft.person])


def _ends_in_a_person(inputs: ArticleInputs, end: int) -> bool:
    """The mention ends in a name the entity recogniser took for a person's: not "Republican National
    Convention" or "National Defense Authorization Act", which the title "national" (a citizen) opens."""
    return inputs.doc[end - 1].ent_type_ == "PERSON"


def _titled_by_nationality_noun(inputs: ArticleInputs, start: int, end: int) -> bool:
    """The title is "national" ("National Economic Council Chair X"): a citizen only after a nationality ("a
    Turkish national"); with none, the word opens a body's name and says nothing of the person's role."""
    return any(text.lower() == "national" for text in inputs.texts[start:end])

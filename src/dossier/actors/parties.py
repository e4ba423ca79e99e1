"""Political parties: their names, their members as a group, and their adjectives before a role noun.

"the GOP", "the Democratic National Committee", "Likud" and "Republicans"
are the party (USAPTY, ISRPTY: CAMEO's role PTY). A party word that
modifies a role noun leaves the noun its role and gives it the party's
country: "Republican senators" are USALEG, "Democratic voters" USACVL (the
groups pass reads them, through `modifiers.widen_left`), and so are the
members of a party in a legislature: "Senate Democrats", "House
Republicans", "Republicans in Congress" are USALEG.

A name two countries' parties share ("Labour Party": Britain's and New
Zealand's) is the party of the one of them the article names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.actors.codes import country_actor
from dossier.actors.knowledge import PARTY_ROLE, Entry
from dossier.actors.place_words import TRAVEL_VERBS
from dossier.actors.spans import POSSESSIVES, include_determiner
from dossier.actors.state import ArticleInputs, Draft, FoundMentions
from dossier.gazetteer import country_of_place
from dossier.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

# Titles that, after a party's name or adjective, are the party's own: "the Democratic leader", "UKIP leader X"
# (not "Republican Gov. X" or "the Republican president", who hold an office of the state).
PARTY_TITLES = frozenset({"leader", "chairman", "chairwoman", "chair", "spokesman", "spokeswoman", "spokesperson"})
# Words before a party's members that make them legislators: "Senate Democrats", "House Republicans".
LEGISLATURE_WORDS = frozenset({"Senate", "House", "congressional", "Congressional"})
# Legislatures after "in" that make a party's members legislators: "Republicans in Congress".
LEGISLATURES = frozenset({"Congress", "Senate", "House", "Parliament", "parliament"})
LEGISLATURE_ROLE = "LEG"
OPPOSITION_ROLE = "OPP"
# Roles an actor known by its role alone takes a coordinated party's country with: the domestic ones.
SHARED_ROLES = frozenset({"GOV", "LEG", "OPP", "PTY", "JUD", "CVL", "LAB", "BUS", "EDU", "MED", "COP"})
# Prepositions after which a party's name (its convention, its headquarters) is a place or a time.
PLACE_OR_TIME_PREPOSITIONS = frozenset({"at", "inside", "outside", "near", "during", "before", "after", "until"})
# Entity labels of a longer name that a party's name inside belongs to ("the Republican National Convention").
NAMED_THINGS = frozenset({"ORG", "PERSON", "WORK_OF_ART", "LAW", "EVENT", "FAC"})


def party_country(party: Entry) -> str:
    """The country of a party's entry: its code without the role ("USAPTY" -> "USA")."""
    return (party.code or "")[:3]


def party_entries(inputs: ArticleInputs, i: int, *kinds: str) -> list[Entry]:
    """The party entries of the known name at token i, of these kinds ("nonstate", "partisan")."""
    return [entry for entry in inputs.names.entries_at(i, *kinds) if entry.role == PARTY_ROLE]


def choose_party(inputs: ArticleInputs, entries: list[Entry]) -> Entry | None:
    """The party a name stands for: its only one, or among several countries' the one the article names."""
    countries = {entry.code for entry in entries}
    if len(countries) == 1:
        return entries[0]
    named = countries_named(inputs) & {code[:3] for code in countries if code}
    if len(named) != 1:
        return None
    country = next(iter(named))
    return next(entry for entry in entries if party_country(entry) == country)


def countries_named(inputs: ArticleInputs) -> set[str]:
    """The countries the article names by a country name, a nationality or a capital."""
    return {
        entry.code
        for hit in inputs.names.in_order
        for entry in hit.entries
        if entry.kind in ("country", "demonym", "people", "capital") and entry.code
    }


def party_before(inputs: ArticleInputs, found: FoundMentions, end: int) -> tuple[int, str | None] | None:
    """A party's name or adjective ending right before token `end` ("Republican" in "Republican senators"):
    its first token and the party's country (None when the article does not tell which country's)."""
    i = end - 1
    if i < 0 or found.is_taken(i):
        return None
    entries = party_entries(inputs, i, "nonstate", "partisan")
    start, hit_end = inputs.names.span_at(i)
    if not entries or hit_end != end or found.is_taken(start) or any(entry.members for entry in entries):
        return None
    if end < len(inputs.texts) and inputs.texts[end] == "National":
        return None  # "Republican National Committeeman": a name of the party's own, not a title it qualifies
    party = choose_party(inputs, entries)
    return start, party_country(party) if party is not None else None


def party_after(inputs: ArticleInputs, found: FoundMentions, end: int) -> tuple[int, str | None] | None:
    """A party's name after "of" or "from" at token `end` ("leaders of the Workers' Party"): the end of the name
    and the party's country (None when the article does not tell which country's)."""
    texts = inputs.texts
    target = end + 1
    if target < len(texts) and texts[target] == "the":
        target += 1
    for word in ("main", "opposition"):  # "leaders of the main opposition Workers' Party"
        if target < len(texts) and texts[target].lower() == word:
            target += 1
    if end >= len(texts) or texts[end] not in ("of", "from") or target >= len(texts):
        return None
    entries = [entry for entry in party_entries(inputs, target, "nonstate") if not entry.members]
    name_start, name_end = inputs.names.span_at(target)
    if not entries or name_start != target or not found.is_free(end, name_end):
        return None
    party = choose_party(inputs, entries)
    return name_end, party_country(party) if party is not None else None


def is_party_title(inputs: ArticleInputs, start: int, end: int) -> bool:
    """Tokens [start, end) hold a title a party has of its own ("leader", "chairman")."""
    return any(text.casefold() in PARTY_TITLES for text in inputs.texts[start:end])


def find_parties(inputs: ArticleInputs, found: FoundMentions) -> None:
    """Add a mention for every party named by its name or its members, not as a modifier of a role noun."""
    doc = inputs.doc
    for hit in inputs.names.in_order:
        start, end = hit.start, hit.end
        if _add_held_legislature(inputs, found, start, end):
            continue
        entries = [entry for entry in hit.entries if entry.kind == "nonstate" and entry.role == PARTY_ROLE]
        if not entries or not found.is_free(start, end):
            continue
        if _modifies_role_noun(inputs, end) or _owns_role_noun(inputs, found, start):
            continue  # "GOP senators", "leaders of the GOP": the groups pass reads the noun, with the party's country
        if _modifies_thing(inputs, end) or _is_place_or_time(inputs, start):
            continue  # "the GOP nomination", "spoke at the Republican National Convention"
        party = choose_party(inputs, entries)
        members = any(entry.members for entry in entries)
        if members and _add_legislators(inputs, found, start, end, party):
            continue
        if _inside_larger_name(inputs, start, end, party):
            continue
        if party is not None:
            start = _place_before(inputs, found, start, party)  # "the Florida Democratic Party"
        named_start = start
        start = _opposition_before(inputs, found, start)
        role = OPPOSITION_ROLE if start < named_start else PARTY_ROLE
        owner = _owner_before(inputs, found, start)
        if owner is not None:
            # "South Korea's Democratic Party", "the Israeli Labor Party": the country named says whose it is.
            start, country = owner
            actor = country_actor(inputs.kb, country, role, inputs.span_text(named_start, end))
        elif party is not None:
            # Named as written ("the GOP": "GOP", "Republicans"), the way a reader of the quote knows it; the
            # code joins the party's names.
            actor = country_actor(inputs.kb, party_country(party), role, inputs.span_text(named_start, end))
        else:
            actor = ActorRef(None, inputs.span_text(named_start, end), None, role)
        found.add(Draft(include_determiner(doc, found, start, end), end, actor, "name", group=members))


def share_party_countries(inputs: ArticleInputs, found: FoundMentions) -> None:
    """An actor known by its role alone, coordinated with a party of one country or modified by its name, is of
    that country too: "the MDC and opposition leader X" (ZWEOPP), "the Workers' Party and the government"
    (BRAGOV). A party is domestic: what it is named together with acts in its country's politics."""
    heads = {_head_of(inputs, draft): draft for draft in found.drafts if draft.kind != "pronoun"}
    for head, draft in heads.items():
        actor = draft.actor
        if actor.role not in (PARTY_ROLE, OPPOSITION_ROLE) or not actor.country:
            continue
        for other_head in _coordinated(inputs.doc[head]) + _modified(inputs.doc[head]):
            other = heads.get(other_head)
            if other is None or other.actor.code or other.actor.country or other.actor.role not in SHARED_ROLES:
                continue
            if other.person is not None and other.person in inputs.kb.people:
                continue  # a known person's country is their own
            found.replace_actor(other, country_actor(inputs.kb, actor.country, other.actor.role, other.actor.name))


def _head_of(inputs: ArticleInputs, draft: Draft) -> int:
    """The token of the draft whose head lies outside it."""
    for token in inputs.doc[draft.start : draft.end]:
        if not draft.start <= token.head.i < draft.end or token.head.i == token.i:
            return token.i
    return draft.end - 1


def _coordinated(token: Token) -> list[int]:
    """The heads of the conjuncts coordinated with a token ("A and B and C")."""
    first = _first_conjunct(token)
    return [t.i for t in (first, *first.conjuncts) if t.i != token.i]


def _first_conjunct(token: Token) -> Token:
    """The first of the conjuncts a token is one of ("A" for "C" in "A, B and C"); the token when it is none."""
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return first


def _modified(token: Token) -> list[int]:
    """The noun a party's name modifies ("MDC" in "the MDC and opposition leader X", as the parser reads it), or
    owns after "of" or "from", alone or with others ("leaders from the coalition and the Workers' Party")."""
    if token.dep_ in ("nmod", "compound", "poss") and token.head.i != token.i:
        return [token.head.i]
    first = _first_conjunct(token)
    preposition = first.head
    if first.dep_ == "pobj" and preposition.lower_ in ("of", "from") and preposition.head.i != preposition.i:
        return [preposition.head.i]
    return []


def _modifies_role_noun(inputs: ArticleInputs, end: int) -> bool:
    """The name is a modifier of the role noun right after it ("GOP senators", "DNC officials")."""
    doc = inputs.doc
    if end >= len(doc) or doc[end - 1].head.i < end:
        return False
    return bool(inputs.names.entries_at(end, "group", "title", "body"))


def _place_before(inputs: ArticleInputs, found: FoundMentions, start: int, party: Entry) -> int:
    """Where the mention starts when a place of the party's country opens its name: "the Florida Democratic
    Party" is the party (its branch in a state)."""
    for entity in (inputs.entity_holding(start), inputs.entity_holding(start - 1) if start > 0 else None):
        if entity is None or entity.label_ not in ("GPE", "ORG") or entity.start >= start:
            continue
        first = entity.start + (inputs.texts[entity.start].lower() == "the")
        if first >= start or not found.is_free(first, start) or inputs.names.entries_at(first, "country", "demonym"):
            continue
        if country_of_place(inputs.span_text(first, start), inputs.places) == party_country(party):
            return first
    return start


def _opposition_before(inputs: ArticleInputs, found: FoundMentions, start: int) -> int:
    """Where the mention starts when "opposition" ("main opposition") describes the party: "the opposition
    Movement for Democratic Change" is one actor, the country's opposition (CAMEO's OPP)."""
    texts = inputs.texts
    if start == 0 or texts[start - 1].lower() != "opposition" or found.is_taken(start - 1):
        return start
    first = start - 1
    if first > 0 and texts[first - 1].lower() == "main" and not found.is_taken(first - 1):
        first -= 1
    return first


def _owner_before(inputs: ArticleInputs, found: FoundMentions, start: int) -> tuple[int, str] | None:
    """A country's name with "'s", or a nationality word, right before the party's name: its first token and
    code ("South Korea's", "Israeli")."""
    names = inputs.names
    i = start - 1
    if i > 0 and inputs.texts[i] in POSSESSIVES:
        owners = names.entries_at(i - 1, "country")
        i -= 1
    else:
        owners = names.entries_at(i, "demonym") if i >= 0 else []
    if not owners or not owners[0].code:
        return None
    owner_start = names.span_at(i)[0]
    if not found.is_free(owner_start, start):
        return None
    return owner_start, owners[0].code


def _modifies_thing(inputs: ArticleInputs, end: int) -> bool:
    """The name qualifies a singular common noun that names no one: "the GOP nomination", "a DNC email" (not
    "the DNC chair", a title of the party's own, nor "GOP insiders", people)."""
    token = inputs.doc[end - 1]
    head = token.head
    return (
        token.dep_ in ("compound", "amod", "nmod")
        and head.i >= end
        and head.tag_ == "NN"
        and head.lower_ not in PARTY_TITLES
        and not inputs.names.entries_at(head.i, "group", "title", "body")
    )


def _is_place_or_time(inputs: ArticleInputs, start: int) -> bool:
    """ "spoke at the Republican National Convention", "during the DNC", "heads to the Democratic National
    Convention": where or when, not who."""
    i = start - 1 if start > 0 and inputs.texts[start - 1].lower() == "the" else start
    if i == 0:
        return False
    before = inputs.doc[i - 1]
    return before.lower_ in PLACE_OR_TIME_PREPOSITIONS or (before.lower_ == "to" and before.head.lemma_ in TRAVEL_VERBS)


def _owns_role_noun(inputs: ArticleInputs, found: FoundMentions, start: int) -> bool:
    """The name follows a group or body noun and "of" ("leaders of the Workers' Party"; not a title's: "the leader of
    the Labour Party" is one person, the party's, whom `descriptions` would read as the country's leader)."""
    i = _opposition_before(inputs, found, start)
    i = i - 1 if i > 0 and inputs.texts[i - 1] == "the" else i
    if i < 2 or inputs.texts[i - 1] not in ("of", "from"):
        return False
    noun = inputs.names.hit_at(i - 2)
    return noun is not None and noun.end == i - 1 and bool(inputs.names.entries_at(i - 2, "group", "body"))


def _inside_larger_name(inputs: ArticleInputs, start: int, end: int, party: Entry | None) -> bool:
    """The name is part of a longer name the recogniser found: "the National Democratic Party of Germany" is
    not the US party. A place of the party's country around it leaves it the party (its branch in a state:
    "the Republican Party of Texas", "the Florida Democratic Party")."""
    entity = inputs.entity_holding(start)
    if entity is None or entity.label_ not in NAMED_THINGS:
        return False
    texts = inputs.texts
    country = party_country(party) if party is not None else None
    first = entity.start + (texts[entity.start].lower() == "the")
    if first < start and not (country and country_of_place(inputs.span_text(first, start), inputs.places) == country):
        return True
    if entity.end <= end or texts[end] in POSSESSIVES:
        return False
    after = inputs.span_text(end + 1, entity.end) if end + 1 < entity.end else ""
    return not (texts[end] == "of" and country and country_of_place(after, inputs.places) == country)


def _add_held_legislature(inputs: ArticleInputs, found: FoundMentions, start: int, end: int) -> bool:
    """ "the Democratic House", "a Republican Senate": a chamber the party holds is the legislature."""
    texts = inputs.texts
    if end >= len(texts) or texts[end] not in LEGISLATURES or not texts[end][:1].isupper():
        return False
    entries = party_entries(inputs, start, "partisan")
    if not entries or inputs.names.span_at(start) != (start, end) or not found.is_free(start, end + 1):
        return False
    if inputs.names.hit_at(end) is not None and inputs.names.span_at(end)[1] > end + 1:
        return False  # "Republican House Speaker": a longer name or title after it
    party = choose_party(inputs, entries)
    if party is None:
        return False
    actor = country_actor(inputs.kb, party_country(party), LEGISLATURE_ROLE, inputs.span_text(start, end + 1))
    found.add(Draft(include_determiner(inputs.doc, found, start, end + 1), end + 1, actor, "role"))
    return True


def _add_legislators(inputs: ArticleInputs, found: FoundMentions, start: int, end: int, party: Entry | None) -> bool:
    """ "Senate Democrats", "House Republicans", "Republicans in Congress": the party's legislators."""
    if party is None:
        return False
    doc = inputs.doc
    texts = inputs.texts
    first, last = start, end
    if start > 0 and texts[start - 1] in LEGISLATURE_WORDS and not found.is_taken(start - 1):
        first = start - 1
    elif end + 1 < len(doc) and texts[end] == "in":
        target = end + 2 if texts[end + 1] == "the" and end + 2 < len(doc) else end + 1
        if texts[target] in LEGISLATURES and found.is_free(end, target + 1):
            last = target + 1
    if (first, last) == (start, end):
        return False
    country = party_country(party)
    actor = country_actor(inputs.kb, country, LEGISLATURE_ROLE, inputs.span_text(first, last))
    found.add(Draft(include_determiner(doc, found, first, last), last, actor, "role", group=True))
    return True

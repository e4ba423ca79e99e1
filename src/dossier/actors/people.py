"""People: known names, spaCy PERSON entities and capitalised names after a title.

A name is widened left over titles and nationality ("Russian Foreign
Minister Sergei Lavrov"); an apposition ("Geng Shuang, a spokesman for
China's foreign ministry") supplies country and role. A person's role comes
from the office the knowledge base says they held on the article's date.
Surnames and title+surname ("Mr. Moon") resolve to a full name written in
the article, else to the one known office holder of that name. A person
named in full whose first name is in `given_names.tsv` is taken for a man or
a woman when people.csv, a title and an apposition say nothing. A name before
a staff or follower noun ("Trump aides", "Sanders supporters") keeps its
person, and the noun is a group of that person's country; a staff title
between a person and a name ("Clinton campaign spokesman X") makes the named
person that person's staff.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING

from dossier.actors.codes import country_actor
from dossier.actors.knowledge import Office, Person
from dossier.actors.modifiers import PAST_MARKERS, Modifiers, read_apposition, widen_left
from dossier.actors.names import KnownNames
from dossier.actors.placed import is_placed_role
from dossier.actors.spans import POSSESSIVES, inside_larger_entity
from dossier.actors.state import ArticleInputs, Draft, FoundMentions
from dossier.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

# Entity labels of capitalised words after a title that are not a name ("ambassador Monday").
NOT_NAME_ENTITIES = frozenset(
    {"DATE", "TIME", "GPE", "NORP", "LOC", "EVENT", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
)
NAME_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
# Entity labels that say the recogniser saw a name, whatever kind it guessed ("Trump" as ORG).
NAME_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Offices of a head of state or government: whose "administration", "government" or "regime" a bare surname names.
HEAD_OFFICES = ("president", "prime minister", "premier", "chancellor", "monarch", "supreme leader")
# Government nouns a head of state or government's surname owns ("the Obama administration"); not "presidency",
# which a candidate's surname owns as often ("a Clinton presidency" in 2016).
GOVERNMENT_BODIES = frozenset({"administration", "government", "regime", "cabinet"})
# Nouns of a stretch of time a name can mark ("the Clinton years", "the Obama era", "Reagan-era policies"): the
# name dates the noun and names no one taking part in what the sentence tells, so it is no actor mention (not
# even the head of government of the time: "the Bush-era tax cuts expire" is no act of George W. Bush's).
PERIOD_NOUNS = frozenset({"era", "year", "years", "day", "days", "age", "decade", "period"})
# Nouns for people who work for a person ("Trump aides", "a Clinton spokesman", "Obama allies"): they act for the
# person in the office or candidacy the person holds that day, and are never the person.
STAFF_NOUNS = frozenset(
    {
        "aide", "aides", "adviser", "advisers", "advisor", "advisors", "operative", "operatives", "staffer",
        "staffers", "staff", "strategist", "strategists", "ally", "allies", "loyalist", "loyalists", "surrogate",
        "surrogates", "confidant", "confidants", "spokesman", "spokesmen", "spokeswoman", "spokeswomen",
        "spokesperson", "pollster", "pollsters", "officials", "official",
    }
)  # fmt: skip
# Nouns for people who back a person ("Sanders supporters", "Trump voters"): citizens of the person's country.
FOLLOWER_NOUNS = frozenset(
    {
        "supporter", "supporters", "backer", "backers", "donor", "donors", "voter", "voters", "fan", "fans",
        "follower", "followers", "devotee", "devotees",
    }
)  # fmt: skip
# Words of a title that make its holder someone's staff ("Trump spokeswoman X", "Clinton campaign chairman X").
STAFF_TITLE_WORDS = STAFF_NOUNS | {"manager", "chairman", "chairwoman", "chair", "director", "secretary"}
# The role of people who back a person, and of anyone working for a person's campaign: CAMEO's citizens and
# elites (candidates and their campaigns: the role people.csv gives a candidacy).
FOLLOWER_ROLE = "CVL"
CAMPAIGN_ROLE = "ELI"
# Where a noun describes someone named elsewhere instead of naming someone: "X is a Trump supporter", "X, herself
# a Sanders supporter,".
PREDICATE_DEPS = frozenset({"attr", "appos", "acomp", "oprd"})
# What leaves the next word capitalised whatever it is.
SENTENCE_OPENERS = frozenset({'"', "“", "‘", "'", "(", "[", ":", "—", "–", "--"})

# A token span that names a person: (start, end, the known person or None).
Core = tuple[int, int, Person | None]
# Surname (casefolded) -> [(token index, canonical name)] of the people named in full.
Registry = dict[str, list[tuple[int, str]]]


def find_people(inputs: ArticleInputs, found: FoundMentions) -> None:
    """Add a mention for every person's name, with the title and nationality in front of it."""
    cores = _person_cores(inputs)
    registry = _full_names(inputs, cores)
    for start, end, known in cores:
        if not found.is_free(start, end) or _dates_a_period(inputs.doc[end - 1]):
            continue
        modifiers = widen_left(inputs, found, start, stop_at_person=True)
        if modifiers.start == start and not known and not _is_name_like(inputs.texts[start:end]):
            continue
        apposition = read_apposition(inputs, end)
        if apposition is not None and _past_apposition(inputs.doc[end - 1]):
            # "Tomas Aldana, the former Peruvian president": of that country, holding no office it names
            apposition.roles, apposition.offices = [], []
        head = _head_owning_government(inputs, start, end)
        if head is not None:
            modifiers.offices = list(HEAD_OFFICES)
            if isinstance(head, str):  # several heads of one country by that name: the country's government,
                # named with its noun so that no other mention of the bare name ("Mr. Bush": Jeb) shares its code
                modifiers.countries, modifiers.roles = _head_country(inputs, head), ["GOV"]
                head = inputs.span_text(start, end + 1)
            person, kind = head, ("title" if modifiers.titled else "alias")
        else:
            person, kind = _identify(inputs, start, end, known, modifiers, registry)
        one_word = isinstance(person, str) and end - start == 1 and not modifiers.titled
        if one_word and head is None and _modifies_common_noun(inputs.doc[start]):
            continue  # "the Brexit process": a one-word name the recogniser mistook, used as a modifier
        people_of = _people_of_person(inputs, start, end) if head is None else None
        group_past = modifiers.past
        if people_of is not None and not modifiers.titled:
            # "former Obama operatives": the words before the name are the group's, not the person's
            modifiers.start, modifiers.past = start, False
        actor, offices = _person_actor(inputs, person, modifiers, apposition)
        if people_of is not None and actor.country is None:  # no country to give the group: read as before
            people_of, modifiers.past = None, group_past
            modifiers = widen_left(inputs, found, start, stop_at_person=True)
            actor, offices = _person_actor(inputs, person, modifiers, apposition)
        if head is not None and actor.country:
            # The government acts, whenever it held office: "the Bush administration" in 2016 is still USAGOV.
            actor = country_actor(inputs.kb, actor.country, "GOV", actor.name)
        owner = _staff_owner(inputs, found, modifiers, start) if not offices else None
        if owner is not None:  # "Clinton campaign spokesman Brian Fallon": of the candidate's campaign
            actor = _staff_actor(inputs, owner, actor, campaign=_crosses_campaign(inputs, modifiers.start, start))
        gender = person.gender if isinstance(person, Person) else None
        draft = Draft(modifiers.start, end, actor, kind, person=actor.name, offices=offices)
        draft.gender = gender or modifiers.gender or (apposition.gender if apposition else None)
        if head is None:  # "Tara Setmayer", and "Setmayer" after her: the given name's gender, when nothing else
            draft.name_gender = inputs.kb.given_name_gender(person.name if isinstance(person, Person) else person)
        draft.antecedent = found.first_mention_of(actor.name, modifiers.start)
        found.add(draft)
        if people_of is not None:  # "Trump aides", "Sanders supporters": a group of its own beside the person
            _add_people_of_person(inputs, found, end, actor, *people_of, past=group_past)
    _code_staff_appositions(inputs, found)


def _code_staff_appositions(inputs: ArticleInputs, found: FoundMentions) -> None:
    """ "Kellyanne Conway, Trump's campaign manager, said": someone the knowledge base does not code, whose
    apposition makes them a named person's staff, takes that person's country and the staff's role."""
    texts = inputs.texts
    starts = {draft.start: draft for draft in found.drafts if draft.person is not None and draft.kind != "pronoun"}
    for draft in list(found.drafts):
        if draft.person is None or draft.actor.code is not None or draft.kind == "pronoun":
            continue
        owner = starts.get(draft.end + 1) if draft.end < len(texts) and texts[draft.end] == "," else None
        if owner is None or owner.actor.country is None or owner.end >= len(texts) - 1:
            continue
        if texts[owner.end] not in POSSESSIVES:
            continue
        title = inputs.names.span_at(owner.end + 1)
        entries = inputs.names.entries_at(owner.end + 1, "title")
        words = texts[title[0] : title[1]]
        if not entries or not _holds_staff_title(words):
            continue
        if title[1] < len(texts) and texts[title[1]] not in (",", ".", ";"):
            continue  # "X, Trump's campaign manager in Ohio": an apposition that goes on is left alone
        staff = _staff_actor(inputs, owner, draft.actor, campaign="campaign" in (w.lower() for w in words))
        found.replace_actor(draft, staff)


def _people_of_person(inputs: ArticleInputs, start: int, end: int) -> tuple[int, str] | None:
    """ "Trump aides", "Clinton campaign staffers", "Sanders supporters", "Obama's advisers": the end of a staff
    or follower noun that the name at [start, end) modifies, and what the noun says of its people: "staff",
    "campaign" (staff of the person's campaign) or "followers". None when the name is not such a modifier, or
    the noun is a title before someone's name ("Trump spokeswoman Hope Hicks": hers, `_staff_owner`)."""
    doc = inputs.doc
    at = end + 1 if end < len(doc) and inputs.texts[end] in POSSESSIVES else end
    campaign = at < len(doc) and doc[at].lower_ == "campaign"
    at += campaign
    if at >= len(doc) or doc[at].pos_ != "NOUN" or not inputs.texts[at].islower():
        return None
    if not end <= doc[end - 1].head.i <= at:
        return None  # the name does not hang from the noun
    if at + 1 < len(doc) and doc[at + 1].pos_ == "PROPN":
        return None
    word = inputs.texts[at]
    if word in FOLLOWER_NOUNS:
        return at + 1, "followers"
    if word in STAFF_NOUNS or (campaign and word in STAFF_TITLE_WORDS):  # "Trump's campaign manager said"
        return at + 1, ("campaign" if campaign else "staff")
    return None


def _add_people_of_person(
    inputs: ArticleInputs, found: FoundMentions, name_end: int, person: ActorRef, end: int, kind: str, past: bool
) -> None:
    """Add the group (or unnamed person) that a staff or follower noun after a person's name names, from the name's
    end to `end`: "aides" in "Trump aides", "campaign staffers" in "Clinton campaign staffers". The name stays the
    person's mention (a later "he" may stand for him); the group has the person's country, and the role of
    followers (citizens), of a campaign's staff (the candidacy's) or of the person's staff (the person's office
    that day: "Obama aides" in 2016 are the government's); a past group ("former Obama operatives") has none."""
    start = name_end + 1 if inputs.texts[name_end] in POSSESSIVES else name_end
    if kind == "followers":
        role: str | None = FOLLOWER_ROLE
    else:
        role = None if past else _staff_role(inputs, person, campaign=kind == "campaign")
    name = f"{person.name} {inputs.span_text(start, end)}"
    country = person.country
    actor = country_actor(inputs.kb, country, role, name) if country else ActorRef(None, name, None, role)
    head = inputs.doc[end - 1]
    if head.tag_ == "NNS" or head.lower_ == "staff":
        draft = Draft(start, end, actor, "role", group=True)
    elif head.dep_ in PREDICATE_DEPS:
        return  # "Silverman, herself a Sanders supporter,": a description of someone named, no one new
    else:  # "a Clinton spokesman said": one unnamed person, a possible "he"
        draft = Draft(start, end, actor, "role", person=name)
        titles = inputs.names.entries_at(end - 1, "title")
        draft.gender = next((entry.gender for entry in titles if entry.gender), None)
    draft.antecedent = found.first_mention_of(name, start)
    found.add(draft)


def _running_on_day(inputs: ArticleInputs, name: str | None) -> bool:
    """The person is a candidate that day: "Sanders aides" in 2016 are his campaign's, though he sits in the
    Senate (people.csv codes a sitting candidate's candidacy with the seat's role)."""
    known = inputs.kb.people.get(name) if name else None
    held = office_on(known, inputs.day, ("candidate",)) if known is not None and inputs.day else None
    return held is not None and held.office == "candidate"


def _staff_owner(inputs: ArticleInputs, found: FoundMentions, modifiers: Modifiers, start: int) -> Draft | None:
    """The person whose staff title stands before a name: "Clinton" in "Clinton campaign spokesman Brian
    Fallon", "Trump" in "Trump's campaign manager Kellyanne Conway"; None when the title is no staff title or
    no person's name stands right before it."""
    if not modifiers.titled or not _holds_staff_title(inputs.texts[modifiers.start : start]):
        return None
    before = modifiers.start
    if before > 0 and inputs.texts[before - 1] in POSSESSIVES:
        before -= 1
    for draft in reversed(found.drafts):
        if draft.end == before and draft.person is not None and draft.kind != "pronoun":
            return draft
    return None


def _before_staff_title(inputs: ArticleInputs, end: int) -> bool:
    """A staff title follows token `end` - 1: "Trump spokeswoman", "Clinton campaign chairman"."""
    at = end + 1 if end < len(inputs.texts) and inputs.texts[end].lower() == "campaign" else end
    if at >= len(inputs.texts) or not inputs.names.entries_at(at, "title"):
        return False
    low, high = inputs.names.span_at(at)
    return _holds_staff_title(inputs.texts[low:high])


def _holds_staff_title(words: Iterable[str]) -> bool:
    """A word of these makes a title's holder someone's staff ("spokeswoman", "campaign manager")."""
    return any(word.lower() in STAFF_TITLE_WORDS for word in words)


def _crosses_campaign(inputs: ArticleInputs, start: int, end: int) -> bool:
    return any(text.lower() == "campaign" for text in inputs.texts[start:end])


def _staff_actor(inputs: ArticleInputs, owner: Draft, actor: ActorRef, campaign: bool) -> ActorRef:
    """Someone on a person's staff: the owner's country, and the role of a campaign (a candidacy's) or of the
    owner's office; what the title itself said of the role gives way."""
    country = owner.actor.country
    if country is None:
        return actor
    return country_actor(inputs.kb, country, _staff_role(inputs, owner.actor, campaign), actor.name)


def _staff_role(inputs: ArticleInputs, person: ActorRef, campaign: bool) -> str | None:
    """The role of a person's staff: a campaign's (the candidacy's) when the campaign is named or the person runs
    that day, else the role of the person's office that day ("Obama aides" in 2016 are the government's)."""
    return CAMPAIGN_ROLE if campaign or _running_on_day(inputs, person.name) else person.role


def unify_people(found: FoundMentions) -> None:
    """Mentions of one person share what any of them told: a code ("Geng" after "Geng Shuang, a
    spokesman for..."), a gender ("Ms. Ayotte"). A gender people.csv, a title or an apposition told
    outweighs the one of the given name ("Tara Setmayer").
    """
    best: dict[str, ActorRef] = {}
    genders: dict[str, str] = {}
    name_genders: dict[str, str] = {}
    for draft in found.drafts:
        if draft.person is None:
            continue
        known = best.get(draft.person)
        if known is None or _specificity(draft.actor) > _specificity(known):
            best[draft.person] = draft.actor
        if draft.gender:
            genders.setdefault(draft.person, draft.gender)
        if draft.name_gender:
            name_genders.setdefault(draft.person, draft.name_gender)
    for draft in found.drafts:
        if draft.person is None:
            continue
        if draft.actor.code is None and best[draft.person].code is not None:
            found.replace_actor(draft, best[draft.person])
        draft.gender = draft.gender or genders.get(draft.person) or name_genders.get(draft.person)


def office_on(person: Person, day: date | None, wanted: Iterable[str]) -> Office | None:
    """The office the person held on the day (latest one when no day), preferring the wanted offices."""
    wanted = tuple(wanted)
    offices = [o for o in person.offices if day is None or o.holds_on(day)]
    if day is None:
        offices = sorted(person.offices, key=lambda o: (o.end is None, o.start or date.min), reverse=True)[:2]
    if not offices:
        return None
    preferred = [o for o in offices if o.office in wanted]
    return (preferred or offices)[0]


def _person_cores(inputs: ArticleInputs) -> list[Core]:
    """Token spans that are a person's name, known or not, in text order."""
    doc = inputs.doc
    texts = inputs.texts
    names = inputs.names
    cores: dict[int, Core] = {}
    # The start of the core holding each token: which cores a span overlaps, without a pass over them all.
    holder: list[int | None] = [None] * len(doc)
    i = 0  # the first token not yet read: a name's generational suffix is read with it
    for hit in names.in_order:
        people = [entry for entry in hit.entries if entry.kind == "person"]
        if hit.start < i or not people:
            continue
        start, end = hit.start, hit.end
        if _person_name_fits(inputs, start, end):
            candidates = {entry.name for entry in people if entry.name is not None}
            known = inputs.kb.people[next(iter(candidates))] if len(candidates) == 1 else None
            suffix = _name_suffix_end(texts, end)
            if suffix > end:  # "Donald Trump Jr." is someone else
                known, end = None, suffix
            cores[start] = (start, end, known)
            holder[start:end] = [start] * (end - start)
        i = end
    for ent in inputs.entities:
        if ent.label_ != "PERSON":
            continue
        start, end = ent.start, ent.end
        if is_placed_role(inputs, start, end - (texts[end - 1] in POSSESSIVES)):
            continue  # "Delhi Police": a place's institution, no person; the groups pass reads it
        while start < end and names.entries_at(start, "title", "honorific", "demonym", "country"):
            start = names.span_at(start)[1]
        while end > start and texts[end - 1] in ("'s", "'", "’s"):
            end -= 1
        while start < end and doc[start].pos_ != "PROPN":  # "Among Latinos": a word the recogniser swept in
            start += 1
        if any(ch.isdigit() or ch in "#@/" for ch in inputs.span_text(start, end)):
            continue  # "#Election2016": a tag, not a name
        if start >= end or _names_nonstate_actor(inputs, start, end):
            continue
        overlapping = [cores[k] for k in dict.fromkeys(k for k in holder[start:end] if k is not None)]
        # A known name inside a longer name the recogniser found is part of
        # someone else's name: "Kang" in "Lu Kang".
        if overlapping and all(start <= c[0] and c[1] <= end and c[1] - c[0] == 1 < end - start for c in overlapping):
            for core in overlapping:
                del cores[core[0]]
                holder[core[0] : core[1]] = [None] * (core[1] - core[0])
        elif overlapping:
            continue
        cores[start] = (start, end, None)
        holder[start:end] = [start] * (end - start)
    for i in _tokens_after_titles(names):
        # A capitalised name right after a title is a person even when the
        # entity recogniser missed it ("Energy Minister Alexander Novak").
        if holder[i] is not None:
            continue  # inside a name already
        end = i
        while (
            end < len(doc)
            and doc[end].pos_ == "PROPN"
            and texts[end][:1].isupper()
            and not names.hit_at(end)
            and doc[end].ent_type_ not in NOT_NAME_ENTITIES  # not "ambassador Monday"
        ):
            end += 1
        if end > i:
            cores[i] = (i, end, None)
            holder[i:end] = [i] * (end - i)
    _add_surnames_of_named_people(inputs, cores)
    return [cores[k] for k in sorted(cores)]


def _names_government_body(inputs: ArticleInputs, end: int) -> bool:
    """The word after a name is a government body the name owns: "administration", "government", "regime"."""
    return end < len(inputs.doc) and inputs.doc[end].lower_ in GOVERNMENT_BODIES


def _heads_of_government(inputs: ArticleInputs, word: str, on_day: bool = False) -> list[Person]:
    """Known heads of state or government with this surname; with `on_day`, only those in office on the
    article's day (all of them when it has none)."""
    kb = inputs.kb
    day = inputs.day if on_day else None
    people = [kb.people[name] for name in sorted(kb.surnames.get(word.casefold(), ()))]
    return [
        person
        for person in people
        if any(o.office in HEAD_OFFICES and (day is None or o.holds_on(day)) for o in person.offices)
    ]


def _head_owning_government(inputs: ArticleInputs, start: int, end: int) -> Person | str | None:
    """ "The Clinton administration", "the Bush government": a bare surname that owns a government body names a
    head of state or government of that name, not a namesake in another office (Hillary Clinton, a candidate
    in 2016; Jeb Bush): the one in office on the article's day, else the one who ever held such an office.
    Several who did, of one country, give the name as written (their country is the government's); None
    when no head is known by that name.
    """
    if end - start != 1 or not _names_government_body(inputs, end):
        return None
    word = inputs.texts[start]
    in_office = _heads_of_government(inputs, word, on_day=True)
    if len(in_office) == 1:
        return in_office[0]
    ever = _heads_of_government(inputs, word)
    if len(ever) == 1:
        return ever[0]
    return word if len(_countries_headed(ever)) == 1 else None


def _head_country(inputs: ArticleInputs, word: str) -> list[str]:
    """The one country whose heads of state or government bear this surname, as a list for `Modifiers`."""
    countries = _countries_headed(_heads_of_government(inputs, word))
    return sorted(countries) if len(countries) == 1 else []


def _countries_headed(people: Iterable[Person]) -> set[str]:
    """The countries whose state or government these people headed."""
    return {office.country for person in people for office in person.offices if office.office in HEAD_OFFICES}


def _tokens_after_titles(names: KnownNames) -> Iterator[int]:
    """Each token right after a token of a title or honorific, in text order."""
    for hit in names.in_order:
        if any(entry.kind in ("title", "honorific") for entry in hit.entries):
            yield from range(hit.start + 1, min(hit.end + 1, len(names.hits)))


# Kinds of known names that are no person's, whatever the entity recogniser says.
NOT_PERSON_KINDS = ("nonstate", "seat", "igo")


def _names_nonstate_actor(inputs: ArticleInputs, start: int, end: int) -> bool:
    """The span is an armed group's, an NGO's, an international body's or a state body's name the recogniser
    took for a person ("Boko Haram", "The Lok Sabha")."""
    return bool(inputs.names.entries_at(start, *NOT_PERSON_KINDS)) and inputs.names.span_at(start) == (start, end)


def _add_surnames_of_named_people(inputs: ArticleInputs, cores: dict[int, Core]) -> None:
    """A lone capitalised word that is the surname of someone named in full in the article ("Sanders is cool.")."""
    texts = inputs.texts
    surnames = {texts[end - 1] for start, end, _ in cores.values() if end - start > 1}
    covered = {i for start, end, _ in cores.values() for i in range(start, end)}
    for i, text in enumerate(texts):
        if text not in surnames or i in covered:
            continue
        token = inputs.doc[i]
        if token.pos_ != "PROPN":
            continue
        if token.ent_type_ in NOT_NAME_ENTITIES or not _may_be_surname(inputs, token.i):
            continue
        if _inside_institution_name(inputs, token.i):
            continue  # "the Clinton Foundation", "the Bush Library": named after the person, not the person
        cores[token.i] = (token.i, token.i + 1, None)


def _inside_institution_name(inputs: ArticleInputs, i: int) -> bool:
    """Token i is inside a longer organisation or facility name that ends in no body a person owns ("the
    Clinton Foundation"; not "the Trump campaign", "the Obama administration")."""
    entity = inputs.entity_holding(i)
    if entity is None or entity.label_ not in ("ORG", "FAC"):
        return False
    last = entity.end - 1
    while last > i and inputs.texts[last] in POSSESSIVES:
        last -= 1  # "Manafort’s", tagged ORG with its possessive, is the person's
    return last > i and not inputs.names.entries_at(last, "body", "title", "group")


def _may_be_surname(inputs: ArticleInputs, i: int) -> bool:
    """Token i names no one but a person, or is a one-word name of a listed organisation that the surname of
    someone named in full in the article outweighs ("Mayor Don Guardian ... Guardian said", not the newspaper)."""
    entries = inputs.names.entries_at(i)
    if all(entry.kind == "person" for entry in entries):
        return True
    return all(entry.kind in ("person", "nonstate") for entry in entries) and inputs.names.span_at(i) == (i, i + 1)


def _past_apposition(name_end: Token) -> bool:
    """The title in apposition to the name is past: "X, the former mayor", "X, an ex-senator"."""
    return any(
        child.dep_ == "appos" and any(word.lower_.rstrip("-") in PAST_MARKERS for word in child.lefts)
        for child in name_end.children
    )


def _dates_a_period(token: Token) -> bool:
    """The name's last word marks a stretch of time: "the Clinton years", "the Obama era", "Reagan-era"."""
    return token.dep_ == "compound" and token.head.lower_ in PERIOD_NOUNS


def _modifies_common_noun(token: Token) -> bool:
    return token.dep_ == "compound" and token.head.pos_ == "NOUN"


def _name_suffix_end(texts: Sequence[str], end: int) -> int:
    """The end of a generational suffix after a name ("Jr.", ", Jr.", "III"), or `end` when there is none."""
    at = end + 1 if end + 1 < len(texts) and texts[end] == "," else end
    if at < len(texts) and texts[at].rstrip(".") in NAME_SUFFIXES:
        return at + 1
    return end


def _person_name_fits(inputs: ArticleInputs, start: int, end: int) -> bool:
    """A one-word alias ("Moon") is a name only where the text writes it as one."""
    if end - start > 1:
        return True
    token = inputs.doc[start]
    if token.text[:1].isupper() and _names_government_body(inputs, end) and _heads_of_government(inputs, token.text):
        return True  # "the Trump Administration", tagged ORG as a whole: the head's government
    if token.text[:1].isupper() and (_people_of_person(inputs, start, end) or _before_staff_title(inputs, end)):
        return True  # "Trump aides", "Trump spokeswoman Hope Hicks" (tagged a noun): the person's staff
    if (
        token.pos_ != "PROPN"
        and token.ent_type_ != "PERSON"
        and not inputs.names.entries_at(start - 1, "title", "honorific")
        and not _possessive_name(token)
        and not _written_as_name(inputs, token)
    ):
        return False
    if _headed_by_the(token):
        return False
    return not inside_larger_entity(inputs, start, end, ("ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT"))


def _written_as_name(inputs: ArticleInputs, token: Token) -> bool:
    """A known one-word name the tagger took for a common noun ("Trump has refused ...": NOUN, and ORG).

    Its capital says it is a name where a capital says anything: inside a
    sentence, where the entity recogniser saw a name, or where the article
    writes the word with its capital inside a sentence elsewhere. A
    sentence's first word alone is no name ("Rice prices rose", "Moon rises").
    """
    if token.pos_ not in ("NOUN", "ADJ", "VERB") or not token.text[:1].isupper() or token.is_stop:
        return False  # a function word is no name ("No. 1")
    if _hyphenated(token):
        return False  # "anti-Trump", "Rubio-style": a word made from the name, not the person
    if token.ent_type_ in NAME_ENTITIES or not _opens_sentence(token):
        return True
    return any(other.text == token.text and other.i != token.i and not _opens_sentence(other) for other in token.doc)


def _hyphenated(token: Token) -> bool:
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
    return before or (token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_)


def _opens_sentence(token: Token) -> bool:
    """The token stands where any word is capitalised: a sentence's start, or after an opening quote, a
    bracket, a colon or a dash."""
    return token.is_sent_start or token.i == 0 or token.doc[token.i - 1].text in SENTENCE_OPENERS


def _headed_by_the(token: Token) -> bool:
    """ "The Hague", "the Moon": a surname with its own "the" names a place or thing, not the person.

    A surname before a noun keeps its person ("the Trump administration": the
    article belongs to the noun, not to the name).
    """
    return token.dep_ != "compound" and any(
        child.dep_ == "det" and child.lower_ == "the" and child.i < token.i for child in token.children
    )


def _possessive_name(token: Token) -> bool:
    """ "Trump’s campaign": the small model tags a name before a curly possessive as a common noun."""
    doc = token.doc
    return token.text[:1].isupper() and token.i + 1 < len(doc) and doc[token.i + 1].text in POSSESSIVES


def _is_name_like(words: Sequence[str]) -> bool:
    return all(word[:1].isupper() or word in ("-", ".", "'") for word in words)


def _full_names(inputs: ArticleInputs, cores: list[Core]) -> Registry:
    """Surname (casefolded) -> [(token index, canonical name)] for every multi-word name in the article."""
    registry: Registry = {}
    for start, end, known in cores:
        if end - start < 2 and known is None:
            continue
        name = known.name if known else inputs.span_text(start, end)
        words = [text for text in inputs.texts[start:end] if text not in ("-", ".")]
        keys = {words[0].casefold(), words[-1].casefold()}
        if known:
            keys |= {a.casefold() for a in known.aliases if " " not in a}
        for key in keys:
            registry.setdefault(key, []).append((start, name))
    return registry


def _identify(
    inputs: ArticleInputs,
    start: int,
    end: int,
    known: Person | None,
    modifiers: Modifiers,
    registry: Registry,
) -> tuple[Person | str, str]:
    """The person a name core refers to (known, or a name as written), and the mention kind."""
    text = inputs.span_text(start, end)
    if end - start > 1 and known is None and text.count("-") != end - start - 1:
        return text, ("title" if modifiers.titled else "name")
    if known is not None and (end - start > 1 or len(known.name.split()) == 1):
        return known, ("title" if modifiers.titled else "name")
    # One word: a surname or a short alias.
    kind = "title" if modifiers.titled else "alias"
    # Others named in the article (the word itself is in the registry too: it vouches for no one).
    in_article = {name for at, name in registry.get(text.casefold(), []) if at != start}
    if len(in_article) == 1:
        name = next(iter(in_article))
        return inputs.kb.people.get(name, name), kind
    if len(in_article) > 1:
        chosen = _one_of_namesakes(inputs, text, start, in_article, modifiers, registry)
        return (text, kind) if chosen is None else (inputs.kb.people.get(chosen, chosen), kind)
    if known is not None and not _displaced(inputs, known, text):
        return known, kind
    candidates = [inputs.kb.people[n] for n in inputs.kb.surnames.get(text.casefold(), ())]
    fitting = [p for p in candidates if office_on(p, inputs.day, modifiers.offices) is not None]
    if len(fitting) == 1 and (modifiers.titled or fitting[0] is known or _is_alias(fitting[0], text)):
        return fitting[0], kind
    return text, kind


def _one_of_namesakes(
    inputs: ArticleInputs, word: str, start: int, in_article: set[str], modifiers: Modifiers, registry: Registry
) -> str | None:
    """Which of several people named in the article a bare surname at `start` is, or None when nothing tells.

    The one whose surname it is ("Trump" beside Donald Trump and a headline's "Trump Wants"); among those, the
    one who held the office a title names ("President Clinton"), the one an honorific's gender fits ("Mrs.
    Clinton"), else the one named last before it, as a reader takes it (in a headline before both, the one
    holding an office or a candidacy on the article's day).
    """
    key = word.casefold()
    by_surname = {name for name in in_article if name.split()[-1].casefold() == key}
    if len(by_surname) > 1 and modifiers.offices:
        by_surname = {name for name in by_surname if held_office(inputs, name, modifiers.offices)} or by_surname
    if len(by_surname) > 1 and modifiers.gender:
        by_surname = {name for name in by_surname if _gender_of(inputs, name) == modifiers.gender}
    if len(by_surname) > 1:
        before = [(at, name) for at, name in registry.get(key, []) if at < start and name in by_surname]
        if before:
            by_surname = {max(before)[1]}
        elif inputs.day is not None:
            by_surname = {name for name in by_surname if _in_office(inputs, name)} or by_surname
    return next(iter(by_surname)) if len(by_surname) == 1 else None


def held_office(inputs: ArticleInputs, name: str, offices: Iterable[str]) -> bool:
    """The known person of this name held one of the offices at some time."""
    known = inputs.kb.people.get(name)
    return known is not None and any(office.office in offices for office in known.offices)


def _in_office(inputs: ArticleInputs, name: str) -> bool:
    known = inputs.kb.people.get(name)
    return known is not None and office_on(known, inputs.day, ()) is not None


def _gender_of(inputs: ArticleInputs, name: str) -> str | None:
    known = inputs.kb.people.get(name)
    return known.gender if known is not None else None


def _displaced(inputs: ArticleInputs, person: Person, word: str) -> bool:
    """On the article's day the alias's holder held no office and someone else who shares the word did
    ("Trudeau" in 1975 is not Justin Trudeau): the word is not read as the holder's."""
    day = inputs.day
    if day is None or office_on(person, day, ()) is not None:
        return False
    others = [inputs.kb.people[n] for n in inputs.kb.surnames.get(word.casefold(), ()) if n != person.name]
    return any(office_on(other, day, ()) is not None for other in others)


def _is_alias(person: Person, word: str) -> bool:
    """The word is one of the person's own one-word aliases ("Bhutto"), not only their name's last word."""
    return word.casefold() in {alias.casefold() for alias in person.aliases}


def _person_actor(
    inputs: ArticleInputs,
    person: Person | str,
    modifiers: Modifiers,
    apposition: Modifiers | None,
) -> tuple[ActorRef, tuple[str, ...]]:
    """The actor for a person: KB office on the article's date, else what the title and apposition say."""
    if isinstance(person, Person):
        office = office_on(person, inputs.day, modifiers.offices)
        if office is not None and modifiers.past:
            # "former secretary of state Hillary Clinton" in 2016: the past title is not what she holds that day;
            # another office or candidacy she holds is.
            office = _other_office_on(person, inputs.day, modifiers.offices)
        if office is not None:
            return country_actor(inputs.kb, office.country, office.role, person.name), (office.office,)
        latest = max(person.offices, key=lambda o: o.start or date.min)
        country = None if latest.country.startswith("IGO") else latest.country
        return ActorRef(country, person.name, country, None), ()
    countries = modifiers.countries or (apposition.countries if apposition else [])
    # The body a title belongs to says more than the title: "Parliament President" is LEG.
    roles = modifiers.body_roles or modifiers.roles or (apposition.roles if apposition else [])
    offices = tuple(modifiers.offices or (apposition.offices if apposition else []))
    country = countries[0] if len(set(countries)) == 1 else None
    role = None if modifiers.past else (roles[0] if roles else None)
    if country and country.startswith("IGO"):
        return ActorRef(country, person, None, role), offices
    code = (country + (role or "")) if country else None
    return ActorRef(code, person, country, role), offices


def _other_office_on(person: Person, day: date | None, named: Sequence[str]) -> Office | None:
    """An office the person holds on the day other than those a past title names; none when undated."""
    if day is None:
        return None
    others = [o for o in person.offices if o.holds_on(day) and o.office not in named]
    return others[0] if others else None


def _specificity(actor: ActorRef) -> int:
    return (actor.code is not None) + (actor.country is not None) + (actor.role is not None)

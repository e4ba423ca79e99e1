"""Stage `actors`: mentions of people, countries and groups -> coded actors.

One pass over the parsed article, in this order:

1. `find_names`: the knowledge base is looked up over token spans (longest
   match first), giving each stretch what it can name: a country, a
   nationality adjective, a capital, a seat of government, an IGO, an
   armed group or NGO, a known person, a title ("Foreign Minister") or a role noun ("protesters").
2. People: known names, spaCy PERSON entities and capitalised names after a
   title, widened left over titles and nationality ("Russian Foreign
   Minister Sergei Lavrov"); an apposition ("Geng Shuang, a spokesman for
   China's foreign ministry") supplies country and role. A person's role
   comes from the office the knowledge base says they held on the article's
   date. Surnames and title+surname ("Mr. Moon") resolve to a full name
   named in the article, else to the one known office holder of that name.
3. Groups and bodies headed by a role noun ("top Russian government
   officials", "China's foreign ministry", "the Pyongyang regime"); role
   descriptions ("the Russian president") resolve to the person holding
   that office, named earlier in the article or in the knowledge base.
4. Countries, IGOs, armed groups and NGOs, seats of government, capitals used as actors (never as
   the object of "in"/"at"), "the North"/"the South" where the article has
   made the context clear.
5. Pronouns, to the nearest compatible earlier actor, or nothing when more
   than one would fit.

Mentions never overlap: each token belongs to at most one mention.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from dossier.actors.knowledge import TRANSNATIONAL_PREFIXES, Entry, KnowledgeBase, Office, Person, knowledge_base
from dossier.parse.model import ParsedArticle
from dossier.quotes.cues import load_cues
from dossier.records import ActorRef, Mention, published_day

# Prepositions whose object is a place, not an actor ("a briefing in Beijing").
PLACE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "near",
        "inside",
        "outside",
        "around",
        "across",
        "throughout",
        "within",
        "via",
        "into",
        "toward",
        "towards",
    }
)
# Verbs of travel: "to" after them leads to a place ("flew to Beijing"),
# while "to" elsewhere may lead to an actor ("exports to Pyongyang").
MOTION_VERBS = frozenset(
    {
        "travel",
        "go",
        "fly",
        "come",
        "return",
        "move",
        "head",
        "flee",
        "trip",
        "journey",
        "drive",
        "sail",
        "arrive",
        "visit",
        "relocate",
        "defect",
        "escape",
        "deploy",
        "evacuate",
        "route",
        "ship",
        "transfer",
    }
)
# Words before a title that keep a mention going ("former", "top").
TITLE_MODIFIERS = frozenset(
    {
        "former",
        "then",
        "acting",
        "deputy",
        "vice",
        "top",
        "senior",
        "chief",
        "first",
        "new",
        "incoming",
        "outgoing",
        "interim",
        "late",
        "current",
        "ex",
        "ex-",
        "foreign",
        "defence",
        "defense",
        "energy",
        "trade",
        "finance",
        "state",
        "national",
        "junior",
        "lead",
        "main",
        "presidential",
        "government",
        "military",
        "riot",
    }
)
PAST_MARKERS = frozenset({"former", "ex", "ex-", "late", "then"})
# Heads of a group whose country is not stated but which are domestic
# actors: their country is the one the sentence is clearly set in.
MASCULINE_FORMS = frozenset({"he", "him"})
FEMININE_FORMS = frozenset({"she", "her"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
DOMESTIC_ROLES = frozenset({"COP", "CVL", "OPP", "JUD", "LEG", "MED", "BUS", "LAB", "EDU", "REF"})
# Bodies whose "of"-phrase names their owner ("the government of Japan").
OWNER_PREPOSITIONS = frozenset({"of", "for"})
# Bodies that carry a place in their name ("the Swedish Embassy in Pyongyang").
LOCATED_BODIES = frozenset({"embassy", "consulate", "mission"})
# Entity labels of capitalised words after a title that are not a name ("ambassador Monday").
NOT_NAME_ENTITIES = frozenset(
    {"DATE", "TIME", "GPE", "NORP", "LOC", "EVENT", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
)
NAME_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
PERSON_PRONOUNS = frozenset({"he", "him", "she", "her"})
GROUP_PRONOUNS = frozenset({"they", "them"})
# How far back (in sentences) a pronoun looks for its antecedent. A news
# paragraph rarely names its subject more than half a dozen sentences
# before the pronoun; beyond that a guess is more often wrong than right.
PRONOUN_LOOKBACK_SENTENCES = 6
ROLE_LABELS = {
    "GOV": "government",
    "MIL": "military",
    "COP": "police",
    "LEG": "legislature",
    "JUD": "judiciary",
    "OPP": "opposition",
    "CVL": "civilians",
    "MED": "media",
    "BUS": "business",
    "REB": "rebels",
}


@dataclass
class Draft:
    """A mention being built: token span, actor, and what coreference needs."""

    start: int
    end: int
    actor: ActorRef
    kind: str
    person: str | None = None  # canonical name when the mention is a person
    offices: tuple[str, ...] = ()  # offices the mention's person holds or is titled with
    group: bool = False  # a plural group ("officials"): a possible antecedent of "they"
    gender: str | None = None  # "m"/"f" for a person when known
    antecedent: int | None = None  # token index of the earlier mention


@dataclass
class Context:
    """Everything one article's resolution shares."""

    parsed: ParsedArticle
    kb: KnowledgeBase
    day: date | None
    hits: list[tuple[int, int, list[Entry]] | None] = field(default_factory=list)  # by token
    taken: list[bool] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    text: str = ""  # the doc's text, read once (spaCy rebuilds it on every access)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # token bounds, filled when needed
    entities: list = field(default_factory=list)  # doc.ents, read once


def resolve_actors(parsed: ParsedArticle) -> tuple[Mention, ...]:
    """Every actor mention in the article, resolved to an actor reference.

    Example:
        >>> parsed = next(parse_articles([Article.build("Russian President Vladimir Putin spoke.")]))
        >>> [(m.text, m.actor.code) for m in resolve_actors(parsed)]
        [('Russian President Vladimir Putin', 'RUSGOV')]
    """
    doc = parsed.doc
    context = Context(parsed, knowledge_base(), published_day(parsed.article.published))
    context.hits = find_names(doc, context.kb)
    context.taken = [False] * len(doc)
    context.text = doc.text
    context.entities = list(doc.ents)
    find_people(context)
    unify_people(context)
    find_groups(context)
    find_places_and_organisations(context)
    find_other_organisations(context)
    resolve_pronouns(context)
    by_start = {draft.start: draft for draft in context.drafts}
    return tuple(to_mention(context, draft, by_start) for draft in sorted(context.drafts, key=lambda d: d.start))


def to_mention(context: Context, draft: Draft, by_start: dict[int, Draft]) -> Mention:
    doc = context.parsed.doc
    span = doc[draft.start : draft.end]
    antecedent = doc[draft.antecedent].idx if draft.antecedent is not None else None
    term = term_of_office(context, draft)
    return Mention(
        article_id=context.parsed.article.id,
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        actor=draft.actor,
        kind=draft.kind,
        antecedent=antecedent,
        actor_kind=actor_kind(context, draft, by_start),
        valid_from=term.start.isoformat() if term and term.start else None,
        valid_to=term.end.isoformat() if term and term.end else None,
    )


def actor_kind(context: Context, draft: Draft, by_start: dict[int, Draft]) -> str:
    """What the actor is: person, group, igo, country or organisation (a pronoun: its antecedent's kind)."""
    if draft.kind == "pronoun" and draft.antecedent in by_start and by_start[draft.antecedent] is not draft:
        return actor_kind(context, by_start[draft.antecedent], by_start)
    actor = draft.actor
    if draft.person or actor.name in context.kb.people:
        return "person"
    if draft.group:
        return "group"
    if (actor.code or "").startswith("IGO"):
        return "igo"
    if actor.name in context.kb.group_kinds:
        return "group" if context.kb.group_kinds[actor.name] == "armed" else "organisation"
    if actor.role is None and actor.country and actor.name == context.kb.country_name(actor.country):
        return "country"
    return "organisation"


def term_of_office(context: Context, draft: Draft) -> Office | None:
    """The knowledge-base term that gave a known person their code on the article's date."""
    person = context.kb.people.get(draft.actor.name or "")
    if person is None or draft.actor.role is None and not (draft.actor.code or "").startswith("IGO"):
        return None
    office = office_on(person, context.day, draft.offices)
    if office is None or (office.country != draft.actor.country and office.country != draft.actor.code):
        return None
    return office


# ---------------------------------------------------------------- names


def find_names(doc, kb: KnowledgeBase) -> list[tuple[int, int, list[Entry]] | None]:  # type: ignore[no-untyped-def]
    """For each token, the longest knowledge-base name starting or covering it."""
    hits: list[tuple[int, int, list[Entry]] | None] = [None] * len(doc)
    texts = [token.text for token in doc]
    i = 0
    while i < len(doc):
        lengths = kb.lengths.get(texts[i].casefold())
        found = None
        if lengths:
            for length in sorted(lengths, reverse=True):
                if i + length > len(doc):
                    continue
                entries = kb.lookup(tuple(texts[i : i + length]))
                if entries:
                    found = (i, i + length, entries)
                    break
        if found:
            for j in range(found[0], found[1]):
                hits[j] = found
            i = found[1]
        else:
            i += 1
    return hits


def entries_at(context: Context, i: int, *kinds: str) -> list[Entry]:
    hit = context.hits[i] if 0 <= i < len(context.hits) else None
    if hit is None:
        return []
    return [entry for entry in hit[2] if not kinds or entry.kind in kinds]


def hit_span(context: Context, i: int) -> tuple[int, int]:
    hit = context.hits[i]
    return (hit[0], hit[1]) if hit else (i, i + 1)


def free(context: Context, start: int, end: int) -> bool:
    return 0 <= start and end <= len(context.taken) and not any(context.taken[start:end])


def add(context: Context, draft: Draft) -> Draft:
    for i in range(draft.start, draft.end):
        context.taken[i] = True
    context.drafts.append(draft)
    return draft


def country_actor(context: Context, code: str, role: str | None = None, name: str | None = None) -> ActorRef:
    if code.startswith("IGO"):
        return ActorRef(code, name or context.kb.country_name(code) or code, None, None)
    return ActorRef(code + (role or ""), name or context.kb.country_name(code) or code, code, role)


def nonstate_covers(context: Context, start: int, end: int) -> bool:
    """The span is an armed group's or NGO's name the recogniser took for a person ("Boko Haram")."""
    return bool(entries_at(context, start, "nonstate")) and hit_span(context, start) == (start, end)


def add_nonstate_members(context: Context, start: int, end: int) -> bool:
    """ "Taliban fighters", "ISIS militants": a group noun after a non-state actor's name is that actor."""
    if start == 0 or context.taken[start - 1]:
        return False
    found = entries_at(context, start - 1, "nonstate")
    name_start, name_end = hit_span(context, start - 1)
    if not found or name_end != start or not free(context, name_start, name_end):
        return False
    add(context, Draft(include_determiner(context, name_start), end, nonstate_actor(found[0]), "name", group=True))
    return True


def nonstate_actor(entry: Entry) -> ActorRef:
    """ "Taliban" -> AFGREB with country AFG; "Islamic State" (IMGREB) and NGOs have no country."""
    code = entry.code or ""
    country = None if code[:3] in TRANSNATIONAL_PREFIXES else code[:3]
    return ActorRef(code, entry.name or code, country, entry.role)


def sentence_bounds(token) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    sentence = token.sent
    return sentence.start, sentence.end


def part_of_longer_name(context: Context, start: int, end: int) -> bool:
    """A place name inside a longer proper name: "Wales" in "New South Wales", "Mexico" in "New Mexico"."""
    if follows_proper_name(context, start):
        return True
    return inside_larger_entity(context, start, end, ("GPE", "LOC", "FAC", "PERSON"))


def follows_proper_name(context: Context, start: int) -> bool:
    doc = context.parsed.doc
    before = doc[start - 1] if start > 0 else None
    if before is None or before.pos_ != "PROPN" or not before.text[:1].isupper():
        return False
    if any(entry.kind != "contextual" for entry in entries_at(context, start - 1)):
        return False
    return before.dep_ == "compound" or (before.ent_iob_ != "O" and before.ent_type_ == doc[start].ent_type_)


def inside_larger_entity(context: Context, start: int, end: int, labels: Iterable[str]) -> bool:
    """True when a spaCy entity of these labels strictly contains the span ("Bank of Korea")."""
    doc = context.parsed.doc
    entity = doc[start].ent_type_
    if not entity or entity not in labels:
        return False
    for ent in context.entities:
        if ent.start <= start and end <= ent.end:
            words = [t.text for t in ent if not (t.i == ent.start and t.lower_ == "the") and t.text not in ("'s", "’s")]
            return len(words) > (end - start) and not context.kb.lookup(tuple(words))
    return False


# ---------------------------------------------------------------- people


@dataclass
class Modifiers:
    """What the words around a name or role noun say: country, role, titles, owner."""

    start: int
    countries: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    offices: list[str] = field(default_factory=list)
    titled: bool = False
    past: bool = False
    body_roles: list[str] = field(default_factory=list)
    gender: str | None = None
    owner: Draft | None = None  # "the Trump administration": the person whose body it is


def find_people(context: Context) -> None:
    doc = context.parsed.doc
    cores = person_cores(context)
    registry = full_names(context, cores)
    for start, end, known in cores:
        if not free(context, start, end):
            continue
        modifiers = widen_left(context, start, stop_at_person=True)
        if modifiers.start == start and not known and not is_name_like(doc[start:end]):
            continue
        apposition = read_apposition(context, end)
        person, kind = identify(context, start, end, known, modifiers, registry)
        if isinstance(person, str) and end - start == 1 and not modifiers.titled and modifies_common_noun(doc[start]):
            continue  # "the Brexit process": a one-word name the recogniser mistook, used as a modifier
        actor, offices = person_actor(context, person, doc[start:end].text, modifiers, apposition)
        gender = person.gender if isinstance(person, Person) else None
        draft = Draft(modifiers.start, end, actor, kind, person=actor.name, offices=offices)
        draft.gender = gender or modifiers.gender or (apposition.gender if apposition else None)
        draft.antecedent = earlier_mention(context, actor.name, modifiers.start)
        add(context, draft)


def person_cores(context: Context) -> list[tuple[int, int, Person | None]]:
    """Token spans that are a person's name, known or not, in text order."""
    doc = context.parsed.doc
    kb = context.kb
    cores: dict[int, tuple[int, int, Person | None]] = {}
    i = 0
    while i < len(doc):
        people = entries_at(context, i, "person")
        if people:
            start, end = hit_span(context, i)
            if i == start and person_name_fits(context, start, end):
                candidates = {entry.name for entry in people}
                known = kb.people[next(iter(candidates))] if len(candidates) == 1 else None
                suffix = name_suffix_end(doc, end)
                if suffix > end:  # "Donald Trump Jr." is someone else
                    known, end = None, suffix
                cores[start] = (start, end, known)
            i = end
            continue
        i += 1
    for ent in context.entities:
        if ent.label_ != "PERSON":
            continue
        start, end = ent.start, ent.end
        while start < end and entries_at(context, start, "title", "honorific", "demonym", "country"):
            start = hit_span(context, start)[1]
        while end > start and doc[end - 1].text in ("'s", "'", "’s"):
            end -= 1
        while start < end and doc[start].pos_ != "PROPN":  # "Among Latinos": a word the recogniser swept in
            start += 1
        if any(ch.isdigit() or ch in "#@/" for ch in doc[start:end].text):
            continue  # "#Election2016": a tag, not a name
        if start >= end or nonstate_covers(context, start, end):
            continue
        overlapping = [c for c in cores.values() if c[0] < end and start < c[1]]
        # A known name inside a longer name the recogniser found is part of
        # someone else's name: "Kang" in "Lu Kang".
        if overlapping and all(start <= c[0] and c[1] <= end and c[1] - c[0] == 1 < end - start for c in overlapping):
            for core in overlapping:
                del cores[core[0]]
        elif overlapping:
            continue
        cores[start] = (start, end, None)
    for i in range(len(doc)):
        # A capitalised name right after a title is a person even when the
        # entity recogniser missed it ("Energy Minister Alexander Novak").
        if i == 0 or not entries_at(context, i - 1, "title", "honorific"):
            continue
        if i in cores or any(c[0] <= i < c[1] for c in cores.values()):
            continue
        end = i
        while (
            end < len(doc)
            and doc[end].pos_ == "PROPN"
            and doc[end].text[:1].isupper()
            and not context.hits[end]
            and doc[end].ent_type_ not in NOT_NAME_ENTITIES  # not "ambassador Monday"
        ):
            end += 1
        if end > i:
            cores[i] = (i, end, None)
    add_surnames_of_named_people(context, cores)
    return [cores[k] for k in sorted(cores)]


def add_surnames_of_named_people(context: Context, cores: dict[int, tuple[int, int, Person | None]]) -> None:
    """A lone capitalised word that is the surname of someone named in full in the article ("Sanders is cool.")."""
    doc = context.parsed.doc
    surnames = {doc[end - 1].text for start, end, _ in cores.values() if end - start > 1}
    covered = {i for start, end, _ in cores.values() for i in range(start, end)}
    for token in doc:
        if token.text not in surnames or token.i in covered or token.pos_ != "PROPN":
            continue
        if token.ent_type_ in NOT_NAME_ENTITIES or any(e.kind != "person" for e in entries_at(context, token.i)):
            continue
        cores[token.i] = (token.i, token.i + 1, None)


def modifies_common_noun(token) -> bool:  # type: ignore[no-untyped-def]
    return token.dep_ == "compound" and token.head.pos_ == "NOUN"


def name_suffix_end(doc, end: int) -> int:  # type: ignore[no-untyped-def]
    """The end of a generational suffix after a name ("Jr.", ", Jr.", "III"), or `end` when there is none."""
    at = end + 1 if end + 1 < len(doc) and doc[end].text == "," else end
    if at < len(doc) and doc[at].text.rstrip(".") in NAME_SUFFIXES:
        return at + 1
    return end


def person_name_fits(context: Context, start: int, end: int) -> bool:
    """A one-word alias ("Moon") is a name only where the text writes it as one."""
    doc = context.parsed.doc
    if end - start > 1:
        return True
    token = doc[start]
    if (
        token.pos_ != "PROPN"
        and token.ent_type_ != "PERSON"
        and not entries_at(context, start - 1, "title", "honorific")
        and not possessive_name(token)
    ):
        return False
    return not inside_larger_entity(context, start, end, ("ORG", "GPE", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT"))


def possessive_name(token) -> bool:  # type: ignore[no-untyped-def]
    """ "Trump’s campaign": the small model tags a name before a curly possessive as a common noun."""
    doc = token.doc
    return token.text[:1].isupper() and token.i + 1 < len(doc) and doc[token.i + 1].text in POSSESSIVES


def is_name_like(span) -> bool:  # type: ignore[no-untyped-def]
    return all(token.text[:1].isupper() or token.text in ("-", ".", "'") for token in span)


def full_names(context: Context, cores: list[tuple[int, int, Person | None]]) -> dict[str, list[tuple[int, str]]]:
    """Surname (casefolded) -> [(token index, canonical name)] for every multi-word name in the article."""
    doc = context.parsed.doc
    registry: dict[str, list[tuple[int, str]]] = {}
    for start, end, known in cores:
        if end - start < 2 and known is None:
            continue
        name = known.name if known else doc[start:end].text
        words = [t.text for t in doc[start:end] if t.text not in ("-", ".")]
        keys = {words[0].casefold(), words[-1].casefold()}
        if known:
            keys |= {a.casefold() for a in known.aliases if " " not in a}
        for key in keys:
            registry.setdefault(key, []).append((start, name))
    return registry


def identify(
    context: Context,
    start: int,
    end: int,
    known: Person | None,
    modifiers: Modifiers,
    registry: dict[str, list[tuple[int, str]]],
) -> tuple[Person | str, str]:
    """The person a name core refers to, and the mention kind."""
    doc = context.parsed.doc
    text = doc[start:end].text
    if end - start > 1 and known is None and doc[start:end].text.count("-") != len(doc[start:end]) - 1:
        return text, ("title" if modifiers.titled else "name")
    if known is not None and (end - start > 1 or len(known.name.split()) == 1):
        return known, ("title" if modifiers.titled else "name")
    # One word: a surname or a short alias.
    kind = "title" if modifiers.titled else "alias"
    in_article = {name for _, name in registry.get(text.casefold(), [])}
    if len(in_article) == 1:
        name = next(iter(in_article))
        return context.kb.people.get(name, name), kind  # type: ignore[return-value]
    if len(in_article) > 1:
        return text, kind
    if known is not None and serves_uniquely(context, known, text, modifiers):
        return known, kind
    candidates = [context.kb.people[n] for n in context.kb.surnames.get(text.casefold(), ())]
    fitting = [p for p in candidates if office_on(p, context.day, modifiers.offices) is not None]
    if len(fitting) == 1 and (modifiers.titled or fitting[0] is known):
        return fitting[0], kind
    return text, kind


def serves_uniquely(context: Context, person: Person, word: str, modifiers: Modifiers) -> bool:
    """A bare alias names a known person when no one else in office shares it."""
    others = [context.kb.people[n] for n in context.kb.surnames.get(word.casefold(), ()) if n != person.name]
    if office_on(person, context.day, modifiers.offices) is None:
        return False
    return not any(office_on(other, context.day, ()) is not None for other in others)


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


def person_actor(
    context: Context,
    person: Person | str,
    text: str,
    modifiers: Modifiers,
    apposition: Modifiers | None,
) -> tuple[ActorRef, tuple[str, ...]]:
    """The actor for a person: KB office on the article's date, else what the title and apposition say."""
    if isinstance(person, Person):
        office = office_on(person, context.day, modifiers.offices)
        if office is not None and not modifiers.past:
            return country_actor(context, office.country, office.role, person.name), (office.office,)
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


def unify_people(context: Context) -> None:
    """Mentions of one person share what any of them told: a code ("Geng" after "Geng Shuang, a
    spokesman for..."), a gender ("Ms. Ayotte").
    """
    best: dict[str, ActorRef] = {}
    genders: dict[str, str] = {}
    for draft in context.drafts:
        if draft.person is None:
            continue
        known = best.get(draft.person)
        if known is None or specificity(draft.actor) > specificity(known):
            best[draft.person] = draft.actor
        if draft.gender:
            genders.setdefault(draft.person, draft.gender)
    for draft in context.drafts:
        if draft.person is None:
            continue
        if draft.actor.code is None and best[draft.person].code is not None:
            draft.actor = best[draft.person]
        draft.gender = draft.gender or genders.get(draft.person)


def specificity(actor: ActorRef) -> int:
    return (actor.code is not None) + (actor.country is not None) + (actor.role is not None)


def earlier_mention(context: Context, name: str | None, before: int) -> int | None:
    if name is None:
        return None
    earlier = [d.start for d in context.drafts if d.actor.name == name and d.start < before and d.kind != "pronoun"]
    return min(earlier) if earlier else None


# ---------------------------------------------------------------- modifiers


def widen_left(context: Context, start: int, stop_at_person: bool = False) -> Modifiers:
    """Walk left over titles, nationality words and modifiers that belong to the name or noun at `start`."""
    doc = context.parsed.doc
    sentence_start = sentence_bounds(doc[start])[0]
    modifiers = Modifiers(start)
    i = start - 1
    while i >= sentence_start:
        token = doc[i]
        hit_start, _ = hit_span(context, i)
        if context.taken[i]:
            break
        titles = entries_at(context, i, "title", "honorific")
        if titles:
            modifiers.titled = True
            for entry in titles:
                if entry.role and entry.role != "IGO":
                    modifiers.roles.append(entry.role)
                modifiers.offices.extend(entry.offices)
                modifiers.gender = modifiers.gender or entry.gender
            i = hit_start - 1
            modifiers.start = hit_start
            continue
        bodies = (
            entries_at(context, i, "body", "seat")
            if stop_at_person
            else entries_at(context, i, "body", "seat", "group")
        )
        if bodies and (modifiers.titled or not stop_at_person) and hit_span(context, i)[1] == modifiers.start:
            # "Foreign ministry spokesman", "Army soldiers": the body the title or group belongs to.
            if not stop_at_person:
                modifiers.roles.extend(entry.role for entry in bodies if entry.role)
            else:
                modifiers.body_roles.extend(entry.role for entry in bodies if entry.role and entry.role != "IGO")
            modifiers.start = hit_start
            i = hit_start - 1
            continue
        if token.text in ("'s", "’s", "'") and i > sentence_start:
            owner = entries_at(context, i - 1, "country", "demonym", "igo", "capital")
            if owner:
                owner_start = hit_span(context, i - 1)[0]
                if context.taken[owner_start]:
                    break
                modifiers.countries.append(owner[0].code)  # type: ignore[arg-type]
                modifiers.start = owner_start
                i = owner_start - 1
                continue
            break
        if token.lower_ in ("and", "or", ",") and modifiers.countries and i > sentence_start:
            if entries_at(context, i - 1, "demonym", "country") and not context.taken[i - 1]:
                i -= 1  # "US and South Korean officials": both countries own the noun
                continue
            break
        nationality = [e for e in entries_at(context, i, "demonym", "country", "capital", "igo") if e.metonym]
        if nationality and (nationality[0].kind == "demonym" or not part_of_longer_name(context, hit_start, i + 1)):
            # "Russian", "US", "Beijing police"; not "Wales" in "New South Wales".
            modifiers.countries.append(nationality[0].code)  # type: ignore[arg-type]
            modifiers.start = hit_start
            i = hit_start - 1
            continue
        if token.text.casefold() in TITLE_MODIFIERS or token.text.casefold().rstrip("-") in PAST_MARKERS:
            if token.text.casefold().rstrip("-") in PAST_MARKERS or token.text.casefold() in PAST_MARKERS:
                modifiers.past = True
            modifiers.start = i
            i -= 1
            continue
        if token.dep_ in ("compound", "amod") and token.pos_ in ("PROPN", "NOUN", "ADJ") and token.head.i > i:
            # "Energy Minister", "Interfax news agency": words naming the title or body itself.
            if not stop_at_person or entries_at(context, i + 1, "title"):
                modifiers.start = i
                i -= 1
                continue
        break
    modifiers.countries.reverse()
    return modifiers


def read_apposition(context: Context, end: int) -> Modifiers | None:
    """ ", a spokesman for China's foreign ministry," after a name: its country and role."""
    doc = context.parsed.doc
    if end >= len(doc) - 2 or doc[end].text != ",":
        return None
    sentence_end = sentence_bounds(doc[end])[1]
    stop = end + 1
    while stop < sentence_end and doc[stop].text not in (",", ";", "(", ")", '"', "“", "”") and stop - end < 14:
        if doc[stop].pos_ in ("VERB", "AUX") or doc[stop].tag_ in ("WP", "WDT"):
            return None
        stop += 1
    first = doc[end + 1]
    if first.lower_ not in ("a", "an", "the") and not entries_at(context, end + 1, "demonym", "country", "title"):
        return None
    found = Modifiers(end)
    for i in range(end + 1, stop):
        for entry in entries_at(context, i, "title", "body", "group"):
            if entry.role and entry.role != "IGO":
                found.roles.append(entry.role)
            found.offices.extend(entry.offices)
            found.gender = found.gender or entry.gender
        for entry in entries_at(context, i, "demonym", "country", "igo", "capital"):
            if hit_span(context, i)[0] == i and entry.code:
                found.countries.append(entry.code)
    if not found.roles:
        return None
    return found


# ---------------------------------------------------------------- groups


def find_groups(context: Context) -> None:
    doc = context.parsed.doc
    for i in range(len(doc)):
        entries = entries_at(context, i, "group", "body", "title")
        if not entries or hit_span(context, i)[0] != i or context.taken[i]:
            continue
        start, end = hit_span(context, i)
        if not free(context, start, end):
            continue
        if entries_at(context, i, "title") and end < len(doc) and doc[end].pos_ == "PROPN":
            continue  # a title before a name the people pass did not take
        head = doc[end - 1]
        if head.pos_ not in ("NOUN", "PROPN") and not doc[start:end].text[:1].isupper():
            continue
        if head.dep_ == "compound" and head.head.i >= end and entries_at(context, head.head.i, "group", "body"):
            continue  # "Army" in "Army soldiers": the noun it modifies takes it in
        if inside_organisation_name(context, end):
            continue  # "Students" in "the Delhi University Students Union"
        if head.ent_type_ in ("GPE", "LOC", "FAC"):
            continue  # "Bank" in "the West Bank"
        resolve_group(context, start, end, entries)


def inside_organisation_name(context: Context, end: int) -> bool:
    """The role noun is part of an organisation's name that goes on after it."""
    for ent in context.entities:
        if ent.label_ == "ORG" and ent.start < end < ent.end:
            return True
    return False


def resolve_group(context: Context, start: int, end: int, entries: list[Entry]) -> None:
    doc = context.parsed.doc
    entry = entries[0]
    if entry.kind == "group" and add_nonstate_members(context, start, end):
        return
    modifiers = widen_left(context, start)
    owner = person_owner(context, modifiers.start, start, body=entry.kind == "body")
    if owner is not None:
        modifiers.start = owner.start
    elif entry.kind == "body" and entry.role is None:
        return  # a body with no role of its own ("campaign") names an actor only through its owner
    coordinated: list[tuple[int, int, str]] = []
    # "the United Nations envoy for Yemen" belongs to the UN, not to Yemen: an owner on the left wins.
    end, owners = widen_right(context, end, entry, coordinated, owner_wanted=not modifiers.countries)

    span_start = include_determiner(context, modifiers.start)
    role = entry.role if entry.role != "IGO" else None
    if role == "MIL" and any(r in ("OPP", "REB") for r in modifiers.roles):
        role = next(r for r in modifiers.roles if r in ("OPP", "REB"))  # "opposition forces" fight for the opposition
    countries = list(dict.fromkeys(modifiers.countries + owners))
    if owner is not None:
        for i in range(owner.start, owner.end):
            context.taken[i] = False
        context.drafts.remove(owner)
        draft = Draft(span_start, end, owner.actor, "alias")
        draft.antecedent = earlier_mention(context, owner.actor.name, span_start)
        add(context, draft)
        return
    if entry.kind == "title":
        resolve_role_description(context, span_start, end, entry, countries, modifiers)
        return
    owned = any(child.dep_ == "poss" for child in doc[end - 1].children)  # "its parliament": owner elsewhere
    if not countries and entry.role in DOMESTIC_ROLES and not owned:
        setting = sentence_country(context, start)
        if setting:
            countries = [setting]
    plural = entry.kind == "group"
    name = clean_name(doc[modifiers.start : end])
    if len(countries) == 1:
        actor = country_actor(context, countries[0], role, name)
    elif not countries and not is_subject(doc[end - 1]) and doc[span_start].lower_ != "the":
        return
    else:
        actor = ActorRef(None, name, None, role)
    add(context, Draft(span_start, end, actor, "role", group=plural))
    for co_start, co_end, code in coordinated:
        if free(context, co_start, co_end):
            add(context, Draft(co_start, co_end, country_actor(context, code, role), "role", group=plural))


def person_owner(context: Context, start: int, head: int, body: bool = False) -> Draft | None:
    """ "the Trump administration": a person's mention right before a government noun.

    With `body`, a possessive owner counts too ("Obama's administration", "Trump’s campaign");
    "Trump's spokeswoman" is someone else.
    """
    if start != head or head == 0:
        return None
    doc = context.parsed.doc
    owner_end = head - 1 if body and doc[head - 1].text in POSSESSIVES else head
    for draft in context.drafts:
        if draft.end == owner_end and draft.person and draft.kind in ("alias", "name", "title"):
            return draft
    return None


def widen_right(
    context: Context, end: int, entry: Entry, coordinated: list[tuple[int, int, str]], owner_wanted: bool = True
) -> tuple[int, list[str]]:
    """ "of South Korea (and Japan)" and "in Pyongyang" after a role noun."""
    doc = context.parsed.doc
    sentence_end = sentence_bounds(doc[end - 1])[1]
    if end + 1 >= sentence_end:
        return end, []
    preposition = doc[end].lower_
    if preposition in OWNER_PREPOSITIONS and owner_wanted:
        target = end + 1
        if doc[target].lower_ == "the" and target + 1 < sentence_end:
            target += 1
        found = entries_at(context, target, "country", "igo")
        if found and hit_span(context, target)[0] == target and free(context, *hit_span(context, target)):
            new_end = hit_span(context, target)[1]
            if new_end < sentence_end and doc[new_end].text in ("'s", "’s"):
                return end, []  # "for China's foreign ministry": the owner is the ministry, a mention of its own
            if new_end + 1 < sentence_end and doc[new_end].lower_ == "and":
                other = entries_at(context, new_end + 1, "country", "igo")
                if other and hit_span(context, new_end + 1)[0] == new_end + 1:
                    coordinated.append((*hit_span(context, new_end + 1), other[0].code))  # type: ignore[arg-type]
            return new_end, [found[0].code]  # type: ignore[list-item]
    if preposition == "in" and doc[end - 1].lower_ in LOCATED_BODIES:
        place = entries_at(context, end + 1, "capital", "country")
        if place and hit_span(context, end + 1)[0] == end + 1:
            return hit_span(context, end + 1)[1], []
    return end, []


def include_determiner(context: Context, start: int, end: int | None = None) -> int:
    """Take in a "the" that belongs to the mention ("the US"), not one of a noun it modifies ("the Syria crisis")."""
    doc = context.parsed.doc
    if start > 0 and doc[start - 1].lower_ == "the" and not context.taken[start - 1]:
        if end is None or start <= doc[start - 1].head.i < end:
            return start - 1
    return start


def clean_name(span) -> str:  # type: ignore[no-untyped-def]
    words = [t for t in span if t.pos_ not in ("DET", "NUM") and t.lower_ not in ("the", "of")]
    while words and words[0].lower_ in TITLE_MODIFIERS and words[0].pos_ == "ADJ":
        words = words[1:]
    if not words:
        return span.text
    return span.doc[words[0].i : span.end].text


def is_subject(token) -> bool:  # type: ignore[no-untyped-def]
    return token.dep_ in ("nsubj", "nsubjpass")


def sentence_country(context: Context, at: int) -> str | None:
    """The country a sentence is clearly set in: one country named "in X", or one country of its groups."""
    doc = context.parsed.doc
    start, end = sentence_bounds(doc[at])
    found: set[str] = set()
    for i in range(start, end):
        hit = context.hits[i]
        if hit is None or hit[0] != i:
            continue
        for entry in hit[2]:
            if entry.kind == "country" and i > start and doc[i - 1].lower_ in ("in", "across", "throughout"):
                found.add(entry.code)  # type: ignore[arg-type]
            if entry.kind in ("demonym", "country") and owns_group(context, doc[hit[1] - 1]):
                found.add(entry.code)  # type: ignore[arg-type]
    return next(iter(found)) if len(found) == 1 else None


def owns_group(context: Context, token) -> bool:  # type: ignore[no-untyped-def]
    """A nationality word that modifies a role noun, directly or through a coordination."""
    for step in (token.head, token.head.head):
        if entries_at(context, step.i, "group", "body"):
            return True
    return False


def resolve_role_description(
    context: Context, start: int, end: int, entry: Entry, countries: list[str], modifiers: Modifiers
) -> None:
    """ "the Russian president": the person in that office, named earlier or known to hold it on the day."""
    doc = context.parsed.doc
    definite = doc[start].lower_ == "the" or (modifiers.countries and modifiers.start == start)
    if not definite or (start > 0 and doc[start - 1].lower_ == "as"):
        return  # "resigned as president of Indonesia": a predicate, not a reference to someone
    if len(set(countries)) > 1:
        return
    country = countries[0] if countries else None
    named = apposed_person(context, end)
    if named is not None:  # "The Secretary of State, Hillary Clinton, said": the title is hers
        resolved = Draft(start, end, named.actor, "role", person=named.person, offices=named.offices)
        resolved.gender = named.gender
        resolved.antecedent = earlier_mention(context, named.person, start)
        add(context, resolved)
        return
    if modifiers.past:
        add_unnamed_person(context, start, end, entry, country, past=True)
        return
    offices = entry.offices
    for draft in reversed([d for d in context.drafts if d.start < start and d.person]):
        if (country is None or draft.actor.country == country) and set(offices) & set(draft.offices):
            resolved = Draft(start, end, draft.actor, "role", person=draft.person, offices=draft.offices)
            resolved.gender = draft.gender
            resolved.antecedent = earlier_mention(context, draft.person, start)
            add(context, resolved)
            return
    holders = {}
    if country is not None and offices:
        holders = {p.name: (p, office) for p, office in context.kb.holders(country, offices, context.day)}
    if len(holders) == 1:
        person, office = next(iter(holders.values()))
        actor = country_actor(context, office.country, office.role, person.name)
        resolved = Draft(start, end, actor, "role", person=person.name, offices=(office.office,))
        resolved.gender = person.gender
        resolved.antecedent = earlier_mention(context, person.name, start)
        add(context, resolved)
        return
    if start > 0 and doc[start - 1].lower_ in ("a", "an"):
        return  # "a spokesman for ...": a description, not a reference to someone
    add_unnamed_person(context, start, end, entry, country)


def apposed_person(context: Context, end: int) -> Draft | None:
    """The person named right after a title and a comma: "the Secretary of State, Hillary Clinton"."""
    doc = context.parsed.doc
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    return next((d for d in context.drafts if d.start == end + 1 and d.person), None)


def add_unnamed_person(
    context: Context, start: int, end: int, entry: Entry, country: str | None, past: bool = False
) -> None:
    """ "the judge", "the Turkish ambassador": a person known by title only, coded by what the title says."""
    name = clean_name(context.parsed.doc[start:end])
    role = None if past or entry.role == "IGO" else entry.role
    actor = country_actor(context, country, role, name) if country else ActorRef(None, name, None, role)
    draft = Draft(start, end, actor, "role", person=name)
    draft.gender = entry.gender
    draft.antecedent = earlier_mention(context, name, start)
    add(context, draft)


# ---------------------------------------------------------------- places and organisations


def find_places_and_organisations(context: Context) -> None:
    doc = context.parsed.doc
    mentioned: set[str] = {d.actor.country for d in context.drafts if d.actor.country}
    for i in range(len(doc)):
        hit = context.hits[i]
        if hit is None or hit[0] != i or not free(context, hit[0], hit[1]):
            continue
        start, end, entries = hit
        kinds = {entry.kind: entry for entry in entries}
        if "seat" in kinds:
            entry = kinds["seat"]
            modifier = doc[end - 1].dep_ == "compound" and doc[end - 1].head.pos_ == "NOUN"  # "a Kremlin term"
            place = is_place(context, include_determiner(context, start, end), end)  # "met at the Kremlin"
            if not modifier and not place and not inside_larger_entity(context, start, end, ("ORG", "FAC", "PERSON")):
                actor = country_actor(context, entry.code, entry.role)  # type: ignore[arg-type]
                add(context, Draft(include_determiner(context, start, end), end, actor, "metonym"))
        elif "igo" in kinds:
            entry = kinds["igo"]
            if not inside_larger_entity(context, start, end, ("ORG", "PERSON", "WORK_OF_ART", "LAW")):
                add(
                    context,
                    Draft(include_determiner(context, start, end), end, country_actor(context, entry.code), "name"),
                )  # type: ignore[arg-type]
        elif "nonstate" in kinds:
            entry = kinds["nonstate"]
            if not inside_larger_entity(context, start, end, ("ORG", "PERSON", "WORK_OF_ART", "LAW")):
                add(context, Draft(include_determiner(context, start, end), end, nonstate_actor(entry), "name"))
        elif "country" in kinds and not modifies_next_name(context, end) and not follows_proper_name(context, start):
            entry = kinds["country"]
            if not inside_larger_entity(context, start, end, ("ORG", "PERSON", "WORK_OF_ART", "FAC", "EVENT", "LAW")):
                add(
                    context,
                    Draft(include_determiner(context, start, end), end, country_actor(context, entry.code), "name"),
                )  # type: ignore[arg-type]
                mentioned.add(entry.code)  # type: ignore[arg-type]
        elif "capital" in kinds and kinds["capital"].metonym:
            if capital_is_actor(context, start, end):
                add(context, Draft(start, end, country_actor(context, kinds["capital"].code), "metonym"))  # type: ignore[arg-type]
                mentioned.add(kinds["capital"].code)  # type: ignore[arg-type]
        elif "people" in kinds:
            add(
                context,
                Draft(
                    include_determiner(context, start, end),
                    end,
                    country_actor(context, kinds["people"].code),
                    "alias",
                    group=True,
                ),
            )  # type: ignore[arg-type]
        elif "contextual" in kinds:
            entry = kinds["contextual"]
            if mentioned & set(entry.requires) and standalone_compass_name(context, start, end):
                first = widen_over_adjectives(context, start)
                add(context, Draft(first, end, country_actor(context, entry.code), "alias"))  # type: ignore[arg-type]
        for entry in entries:
            if entry.kind in ("country", "demonym") and entry.code:
                mentioned.add(entry.code)


def find_other_organisations(context: Context) -> None:
    """Organisations and political groups the knowledge base does not list: spaCy's ORG and plural NORP entities.

    They keep their name; the country comes from a country word inside the
    name ("Bank of Korea"), the role from a role noun at its end ("... Party").
    """
    doc = context.parsed.doc
    for ent in context.entities:
        if ent.label_ not in ("ORG", "NORP"):
            continue
        start = ent.start + 1 if doc[ent.start].lower_ == "the" else ent.start
        end = ent.end - 1 if doc[ent.end - 1].text in ("'s", "’s") else ent.end
        if start >= end or not free(context, start, end) or any(t.text in ("'s", "’s") for t in doc[start:end]):
            continue
        if context.hits[start] and hit_span(context, start) == (start, end):
            continue  # a known name the rules above chose not to read as an actor here
        if ent.label_ == "NORP" and not (doc[end - 1].tag_ == "NNPS" or doc[end - 1].text.endswith("s")):
            continue  # "Republican" the adjective is not an actor; "Republicans" are
        if entries_at(context, start, "demonym", "people") and end - start == hit_span(context, start)[1] - start:
            continue
        countries = {e.code for i in range(start, end) for e in entries_at(context, i, "country", "demonym") if e.code}
        head = ent.root.i if start <= ent.root.i < end else end - 1  # "Government of Cambodia": its head noun
        roles = [e.role for e in entries_at(context, head, "body", "group") if e.role and e.role != "IGO"]
        country = next(iter(countries)) if len(countries) == 1 else None
        role = roles[0] if roles else None
        name = doc[start:end].text
        actor = country_actor(context, country, role, name) if country else ActorRef(None, name, None, role)
        add(context, Draft(include_determiner(context, start, end), end, actor, "name", group=ent.label_ == "NORP"))


def modifies_next_name(context: Context, end: int) -> bool:
    """ "South Korea's" is the country; "Korea" in "Korea Herald" is not."""
    doc = context.parsed.doc
    return end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].ent_iob_ == "I" and doc[end - 1].ent_type_ == "ORG"


def capital_is_actor(context: Context, start: int, end: int) -> bool:
    """A capital stands for its country unless it is a place: object of "in", a dateline, part of a name."""
    doc = context.parsed.doc
    head = doc[end - 1]
    if inside_larger_entity(context, start, end, ("ORG", "PERSON", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT")):
        return False
    if is_place(context, start, end):
        return False
    if (
        end < len(doc)
        and doc[end].text in ("/", ":", "—", "-")
        and (start == 0 or doc[start - 1].text in ("\n", "\n\n") or doc[start - 1].is_space)
    ):
        return False
    if head.dep_ == "compound" and not entries_at(context, head.head.i, "group", "body", "title"):
        return False
    return True


def is_place(context: Context, start: int, end: int) -> bool:
    """The span is where something happens: object of "in"/"at", of "to" after a verb of travel, or visited."""
    doc = context.parsed.doc
    head = doc[end - 1]
    if start > 0 and doc[start - 1].lower_ in PLACE_PREPOSITIONS:
        return True
    if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPOSITIONS:
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lemma_ in MOTION_VERBS:
        return True
    return head.dep_ == "dobj" and head.head.lemma_ == "visit"


def standalone_compass_name(context: Context, start: int, end: int) -> bool:
    """ "the North" as a name: capitalised, after "the" (maybe with adjectives), not the start of a longer name."""
    doc = context.parsed.doc
    if not doc[start].text[:1].isupper():
        return False
    if end < len(doc) and doc[end].text[:1].isupper() and doc[end].pos_ in ("PROPN", "NOUN"):
        return False
    i = start - 1
    while i >= 0 and doc[i].pos_ == "ADJ":
        i -= 1
    return i >= 0 and doc[i].lower_ == "the"


def widen_over_adjectives(context: Context, start: int) -> int:
    doc = context.parsed.doc
    i = start - 1
    while i >= 0 and doc[i].pos_ == "ADJ" and not context.taken[i]:
        i -= 1
    return i if i >= 0 and doc[i].lower_ == "the" and not context.taken[i] else start


# ---------------------------------------------------------------- pronouns


def resolve_pronouns(context: Context) -> None:
    doc = context.parsed.doc
    for token in doc:
        lowered = token.lower_
        if context.taken[token.i] or token.pos_ != "PRON":
            continue
        gender = None
        if lowered in PERSON_PRONOUNS and token.tag_ == "PRP":
            gender = "m" if lowered in ("he", "him") else "f"
            antecedent = pronoun_antecedent(
                context, token, lambda d, g=gender: d.person is not None and d.gender in (None, g)
            )
        elif lowered in GROUP_PRONOUNS:
            antecedent = pronoun_antecedent(context, token, lambda d: d.group, previous_subject_only=True)
        elif lowered == "it" and is_subject(token):
            antecedent = pronoun_antecedent(
                context,
                token,
                lambda d: d.person is None and not d.group and d.actor.code is not None,
                same_sentence_only=True,
            )
        else:
            continue
        if antecedent is None:
            continue
        draft = Draft(token.i, token.i + 1, antecedent.actor, "pronoun", person=antecedent.person)
        draft.antecedent = antecedent.start
        draft.gender = gender
        add(context, draft)
        if gender and antecedent.person and antecedent.gender is None:
            learn_gender(context, antecedent.person, gender)


def learn_gender(context: Context, person: str, gender: str) -> None:
    """ "He" said of someone tells their gender for the rest of the article."""
    for draft in context.drafts:
        if draft.person == person and draft.gender is None:
            draft.gender = gender


def pronoun_antecedent(  # type: ignore[no-untyped-def]
    context: Context, token, fits, same_sentence_only: bool = False, previous_subject_only: bool = False
) -> Draft | None:
    """The speaker whose clause holds the pronoun; else the one compatible actor of the nearest sentence."""
    by_start = sorted((d for d in context.drafts if d.kind != "pronoun" and fits(d)), key=lambda d: d.start)
    # An earlier pronoun already resolved counts as the subject it stands for ("He said he ...").
    covering = {i: d for d in context.drafts if fits(d) for i in range(d.start, d.end)}
    if is_subject(token):
        # "Putin said he would...": the subject of a verb the pronoun's clause hangs from.
        for ancestor in token.ancestors:
            for child in ancestor.children:
                if not is_subject(child) or child.i > token.i or token in child.subtree:
                    continue
                if child.i in covering:
                    return covering[child.i]
                if could_be_antecedent(token, child):
                    return None  # "Organizers said they ...": the pronoun's antecedent is no actor we know
    else:
        # "X called Y to congratulate him": an object pronoun is not the subject of its own clause.
        bound = clause_subjects(token, covering)
        by_start = [d for d in by_start if d not in bound]
    speaker = is_speaker_pronoun(context, token) and not inside_quotation(context, token)
    if speaker:
        # '"I beat Trump," he said': a speaker is not someone named in his own quote; an earlier
        # "He said ..." counts as the speaker it stands for.
        pronouns = [d for d in context.drafts if d.kind == "pronoun" and fits(d)]
        by_start = sorted(
            (d for d in by_start + pronouns if not inside_quotation(context, context.parsed.doc[d.start])),
            key=lambda d: d.start,
        )
    sentence_start = token.sent.start
    same = distinct(
        d
        for d in by_start
        if sentence_start <= d.start
        and d.end <= token.i
        # 'Choosing Clinton is a "false choice," she said': the speaker is not the topic before the quote.
        and not (speaker and closes_quote_between(context, d.end, token.i))
    )
    if same is not None:
        return same or None
    if same_sentence_only or inside_quotation(context, token):
        return None  # inside a quotation "he" may be anyone the speaker has in mind
    if not context.sentences:
        context.sentences = [(sentence.start, sentence.end) for sentence in context.parsed.doc.sents]
    index = next(k for k, (start, _) in enumerate(context.sentences) if start == sentence_start)
    lookback = 1 if previous_subject_only else PRONOUN_LOOKBACK_SENTENCES
    for back in range(1, lookback + 1):
        if index - back < 0:
            break
        start, end = context.sentences[index - back]
        if unresolved_pronoun_like(context, token, start, end):
            return None  # "she" there stands for someone we could not name: this one may too
        candidates = [d for d in by_start if start <= d.start < end]
        if previous_subject_only:
            candidates = [d for d in candidates if any(is_subject(t) for t in context.parsed.doc[d.start : d.end])]
        found = distinct(candidates)
        if found is False and speaker:
            # Two people in that sentence, one of them speaking: '..., he said' goes on with the speaker.
            found = distinct(d for d in candidates if is_speech_subject(context, d)) or False
        if found is not None:
            return found or None
    return None


def unresolved_pronoun_like(context: Context, pronoun, start: int, end: int) -> bool:  # type: ignore[no-untyped-def]
    """A he/she of the same gender between start and end, outside quotes, that no mention resolved."""
    forms = MASCULINE_FORMS if pronoun.lower_ in MASCULINE_FORMS else FEMININE_FORMS
    if pronoun.lower_ not in forms:
        return False
    resolved = {d.start for d in context.drafts if d.kind == "pronoun"}
    return any(
        t.lower_ in forms and t.tag_ == "PRP" and t.i not in resolved and not inside_quotation(context, t)
        for t in context.parsed.doc[start:end]
    )


def closes_quote_between(context: Context, start: int, end: int) -> bool:
    """A closing quote mark among the tokens from start to end."""
    return any(t.text in ('"', "”", "''") for t in context.parsed.doc[start:end])


def is_speaker_pronoun(context: Context, token) -> bool:  # type: ignore[no-untyped-def]
    """ "he" as the subject of a verb of saying: '"...," he said', 'He added that ...'."""
    return is_subject(token) and says(token.head)


def is_speech_subject(context: Context, draft: Draft) -> bool:
    """The mention is the subject of a verb of saying ("Carson said ...", "said Carson")."""
    doc = context.parsed.doc
    return any(
        is_subject(t) and not draft.start <= t.head.i < draft.end and says(t.head) for t in doc[draft.start : draft.end]
    )


def says(verb) -> bool:  # type: ignore[no-untyped-def]
    """A verb of saying in the quotes stage's cue lexicon (quotes/data/cues.tsv)."""
    return verb.pos_ in ("VERB", "AUX") and any(
        cue.type == "speech" for cue in load_cues().verb_cues(verb.lemma_.lower())
    )


def could_be_antecedent(pronoun, subject) -> bool:  # type: ignore[no-untyped-def]
    """A subject no mention covers that the pronoun may well stand for: a name, or a plural noun for "they"."""
    if pronoun.lower_ in GROUP_PRONOUNS:
        return subject.tag_ in ("NNS", "NNPS")
    return subject.ent_type_ == "PERSON" or subject.tag_ == "NNP"


def clause_subjects(token, covering: dict[int, Draft]) -> list[Draft]:  # type: ignore[no-untyped-def]
    """Mentions that are the subject of the clause holding the token (through infinitives up to a finite verb)."""
    for ancestor in token.ancestors:
        subjects = [child for child in ancestor.children if is_subject(child)]
        if subjects:
            return [covering[child.i] for child in subjects if child.i in covering]
    return []


def inside_quotation(context: Context, token) -> bool:  # type: ignore[no-untyped-def]
    """True when an odd number of quotation marks opens before the token in its paragraph."""
    text = context.text
    paragraph_start = text.rfind("\n", 0, token.idx) + 1
    before = text[paragraph_start : token.idx]
    treebank = before.count("''") + before.count("``")  # ''...'' in archives written Treebank style
    return (before.count('"') % 2 == 1) or before.count("“") > before.count("”") or treebank % 2 == 1


def distinct(drafts: Iterable[Draft]) -> Draft | None | bool:
    """The one actor among these mentions (its latest mention); False when several; None when none."""
    latest: dict[tuple[str | None, str], Draft] = {}
    for draft in drafts:
        latest[(draft.actor.code, draft.actor.name)] = draft
    if not latest:
        return None
    if len(latest) > 1:
        return False
    return next(iter(latest.values()))

"""What the words around a name or role noun say: titles and nationality on the left, an apposition on the right.

"Russian Foreign Minister Sergei Lavrov": walking left from "Sergei" over
"Minister", "Foreign" and "Russian" gives a title, an office and a country.
"Geng Shuang, a spokesman for China's foreign ministry,": the apposition
gives a role and a country.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dossier.actors.codes import code_of
from dossier.actors.knowledge import PARTY_ROLE, TRANSNATIONAL_PREFIXES
from dossier.actors.parties import is_party_title, party_before
from dossier.actors.spans import part_of_longer_name
from dossier.actors.state import ArticleInputs, FoundMentions

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
# Words that put a title in the past: "former President ..." holds no office now.
PAST_MARKERS = frozenset({"former", "ex", "ex-", "late", "then"})


@dataclass
class Modifiers:
    """What the words around a name or role noun say: country, role, titles."""

    start: int
    countries: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    offices: list[str] = field(default_factory=list)
    titled: bool = False
    past: bool = False
    body_roles: list[str] = field(default_factory=list)
    gender: str | None = None
    country_spans: list[tuple[int, int]] = field(default_factory=list)  # each nationality word's tokens


def widen_left(inputs: ArticleInputs, found: FoundMentions, start: int, stop_at_person: bool = False) -> Modifiers:
    """Walk left over titles, nationality words and modifiers that belong to the name or noun at `start`."""
    doc = inputs.doc
    names = inputs.names
    sentence_start = inputs.sentence_bounds(start)[0]
    modifiers = Modifiers(start)
    i = start - 1
    while i >= sentence_start:
        if found.is_taken(i):
            break
        token = doc[i]
        hit_start, _ = names.span_at(i)
        titles = names.entries_at(i, "title", "honorific")
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
        bodies = names.entries_at(i, "body", "seat") if stop_at_person else names.entries_at(i, "body", "seat", "group")
        if bodies and (modifiers.titled or not stop_at_person) and names.span_at(i)[1] == modifiers.start:
            # "Foreign ministry spokesman", "Army soldiers": the body the title or group belongs to.
            if not stop_at_person:
                modifiers.roles.extend(entry.role for entry in bodies if entry.role)
            else:
                modifiers.body_roles.extend(entry.role for entry in bodies if entry.role and entry.role != "IGO")
            # A seat belongs to one country ("Kremlin officials" are Russia's, "FBI officers" the US's).
            modifiers.countries.extend(code_of(entry) for entry in bodies if entry.kind == "seat")
            modifiers.start = hit_start
            i = hit_start - 1
            continue
        party = party_before(inputs, found, modifiers.start) if i == modifiers.start - 1 else None
        if party is not None:
            # "Republican senators", "Democratic Sen. X": the party's country; the noun keeps its role, and
            # officials and leaders with no role of their own are the party's ("Democratic leaders").
            party_start, country = party
            if country:
                modifiers.countries.append(country)
            if not stop_at_person:
                modifiers.roles.append(PARTY_ROLE)
            elif modifiers.titled and is_party_title(inputs, i + 1, start):
                modifiers.body_roles.append(PARTY_ROLE)  # "UKIP leader X" leads the party and holds no state office
                modifiers.offices.clear()
            modifiers.start = party_start
            i = party_start - 1
            continue
        owners = _organisations_at(inputs, i) if stop_at_person and modifiers.titled else []
        if owners and names.span_at(i)[1] == modifiers.start:
            # "Washington Post reporter X", "AFL-CIO President X": the listed organisation of one country the
            # title belongs to says whose the person is, as a body does ("Post reporter X" took half the name).
            _employed_by(modifiers, owners, hit_start)
            i = hit_start - 1
            continue
        if token.text in ("'s", "’s", "'") and i > sentence_start:
            owner = names.entries_at(i - 1, "country", "demonym", "igo", "capital")
            employers = _organisations_at(inputs, i - 1) if stop_at_person and not owner else []
            if employers and not found.is_taken(names.span_at(i - 1)[0]):
                # "CNN's Jake Tapper": a listed organisation of one country owning a name is whose the person is.
                _employed_by(modifiers, employers, names.span_at(i - 1)[0])
                break
            if owner:
                owner_start = names.span_at(i - 1)[0]
                if found.is_taken(owner_start):
                    break
                modifiers.countries.append(code_of(owner[0]))
                modifiers.start = owner_start
                i = owner_start - 1
                continue
            break
        if token.lower_ in ("and", "or", ",") and modifiers.countries and i > sentence_start:
            if names.entries_at(i - 1, "demonym", "country") and not found.is_taken(i - 1):
                i -= 1  # "US and South Korean officials": both countries own the noun
                continue
            break
        nationality = [e for e in names.entries_at(i, "demonym", "country", "capital", "igo") if e.metonym]
        if nationality and (nationality[0].kind == "demonym" or not part_of_longer_name(inputs, hit_start, i + 1)):
            # "Russian", "US", "Beijing police"; not "Wales" in "New South Wales".
            modifiers.countries.append(code_of(nationality[0]))
            modifiers.country_spans.append((hit_start, i + 1))
            modifiers.start = hit_start
            i = hit_start - 1
            continue
        if token.lower_ == "led" and i >= sentence_start + 2 and inputs.texts[i - 1] == "-":
            # "the Saudi-led coalition": the leading country owns the coalition.
            leader = [e for e in names.entries_at(i - 2, "demonym", "country") if e.code]
            if leader and not found.is_taken(i - 2):
                modifiers.countries.append(code_of(leader[0]))
                modifiers.start = names.span_at(i - 2)[0]
                i = modifiers.start - 1
                continue
        if token.text.casefold() in TITLE_MODIFIERS or token.text.casefold().rstrip("-") in PAST_MARKERS:
            if token.text.casefold().rstrip("-") in PAST_MARKERS or token.text.casefold() in PAST_MARKERS:
                modifiers.past = True
            modifiers.start = i
            i -= 1
            continue
        if stop_at_person and _described_by_nationality(inputs, found, i, modifiers.start, sentence_start):
            modifiers.start = i  # "Brazilian striker X": the word says what the person is, the country whose
            i -= 1
            continue
        if token.dep_ in ("compound", "amod") and token.pos_ in ("PROPN", "NOUN", "ADJ") and token.head.i > i:
            # "Energy Minister", "Interfax news agency": words naming the title or body itself.
            if not stop_at_person or names.entries_at(i + 1, "title"):
                modifiers.start = i
                i -= 1
                continue
        break
    modifiers.countries.reverse()
    modifiers.country_spans.reverse()
    return modifiers


def _described_by_nationality(inputs: ArticleInputs, found: FoundMentions, i: int, start: int, first: int) -> bool:
    """ "Brazilian striker X", "a Kenyan activist X": a lowercase noun just before a name that no list holds as
    a title, after a nationality word; the nationality is the person's. Measured in events-history.md
    ("Target round 10")."""
    token = inputs.doc[i]
    return (
        start == i + 1
        and i > first
        and token.pos_ == "NOUN"
        and token.dep_ == "compound"
        and token.text.islower()
        and bool(inputs.names.entries_at(i - 1, "demonym"))
        and not found.is_taken(i - 1)
    )


def read_apposition(inputs: ArticleInputs, end: int) -> Modifiers | None:
    """ ", a spokesman for China's foreign ministry," after a name: its country and role."""
    doc = inputs.doc
    texts = inputs.texts
    names = inputs.names
    if end >= len(doc) - 2 or texts[end] != ",":
        return None
    sentence_end = inputs.sentence_bounds(end)[1]
    stop = end + 1
    while stop < sentence_end and texts[stop] not in (",", ";", "(", ")", '"', "“", "”") and stop - end < 14:
        if doc[stop].pos_ in ("VERB", "AUX") or doc[stop].tag_ in ("WP", "WDT"):
            return None
        stop += 1
    first = doc[end + 1]
    if first.lower_ not in ("a", "an", "the") and not names.entries_at(end + 1, "demonym", "country", "title"):
        return None
    found = Modifiers(end)
    organisation_roles: list[str] = []
    for i in range(end + 1, stop):
        for entry in names.entries_at(i, "title", "body", "group"):
            if entry.role and entry.role != "IGO":
                found.roles.append(entry.role)
            found.offices.extend(entry.offices)
            found.gender = found.gender or entry.gender
        for entry in names.entries_at(i, "demonym", "country", "igo", "capital"):
            if names.span_at(i)[0] == i and entry.code:
                found.countries.append(entry.code)
        organisation_roles.extend(_organisation_of_country(inputs, found, i))
    if not found.roles:
        return None
    # "president of the AFL-CIO": the organisation's role (LAB), not the title's (GOV), says whose the person is.
    found.roles[:0] = organisation_roles
    return found


def _organisation_of_country(inputs: ArticleInputs, found: Modifiers, i: int) -> list[str]:
    """The role of a listed organisation of one country that starts at token i (its country joins `found`)."""
    if inputs.names.span_at(i)[0] != i:
        return []
    owners = _organisations_at(inputs, i)
    found.countries.extend(country for country, _ in owners)
    return [role for _, role in owners]


def _employed_by(modifiers: Modifiers, organisations: list[tuple[str, str]], start: int) -> None:
    """The person belongs to these organisations of one country each (country, role), named from `start` on."""
    modifiers.body_roles.extend(role for _, role in organisations)
    modifiers.countries.extend(country for country, _ in organisations)
    modifiers.start = start


def _organisations_at(inputs: ArticleInputs, i: int) -> list[tuple[str, str]]:
    """(country, role) of each listed organisation of one country whose name covers token i ("AFL-CIO":
    USA, LAB; "Washington Post": USA, MED); none for groups with no home country (Amnesty International)."""
    owners = []
    for entry in inputs.names.entries_at(i, "nonstate"):
        code = entry.code or ""
        if entry.role and code[:3] not in TRANSNATIONAL_PREFIXES:
            owners.append((code[:3], entry.role))
    return owners


def clean_name(inputs: ArticleInputs, start: int, end: int) -> str:
    """The name of a group or an unnamed person (tokens [start, end)) as written, without articles, numbers or
    leading modifiers."""
    words = [t for t in inputs.doc[start:end] if t.pos_ not in ("DET", "NUM") and t.lower_ not in ("the", "of")]
    while words and words[0].lower_ in TITLE_MODIFIERS and words[0].pos_ == "ADJ":
        words = words[1:]
    if not words:
        return inputs.span_text(start, end)
    return inputs.span_text(words[0].i, end)

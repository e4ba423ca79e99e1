"""Political talk that the lexicon reads as force: "Bush hits Rubio", "Christie attacked Rubio".

Campaign and press language borrows the verbs of force ("attack", "hit",
"fight", "slam"). CAMEO's 18-20 need physical force; when both sides of a
force event are political actors (not armed forces, rebels, police or a
country) and the sentence holds no word of real violence, the event is a
verbal attack, 111 (criticize or denounce). A campaign's force with no one
acted on ("Trump's local operation was outmatched") and force measured in
a contest ("beating Clinton 45 to 40 percent", "beat him in the caucuses")
are no event at all. The roles and the words are data:
events/data/verbal_force.tsv.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dossier.datafiles import read_rows
from dossier.errors import DataFileError
from dossier.events import cameo
from dossier.events.participants import actors_in, direct_objects, is_bare_country, prepositions, same_actor
from dossier.events.tree import children

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from dossier.events.participants import MentionIndex, Slot

FORCE_ROOTS = frozenset({"18", "19", "20"})
VERBAL_ATTACK = "111"
ROLE_KINDS = ("talk_role", "talk_body_role", "armed_role", "campaign_role", "candidate_role", "public_role")
WORD_KINDS = ("violence", "score", "contest", "own_attribute", "office_aim", "words_reason", "outlet_word")
KINDS = ROLE_KINDS + WORD_KINDS
NAMED_KINDS = frozenset({"name", "alias"})


@dataclass(frozen=True)
class VerbalForce:
    """The words of events/data/verbal_force.tsv, by kind."""

    talk_roles: frozenset[str]
    talk_body_roles: frozenset[str]
    armed_roles: frozenset[str]
    campaign_roles: frozenset[str]
    candidate_roles: frozenset[str]
    public_roles: frozenset[str]
    violence: frozenset[str]
    scores: frozenset[str]
    contests: frozenset[str]
    own_attributes: frozenset[str]
    office_aims: frozenset[str]
    words_reasons: frozenset[str]
    outlet_words: frozenset[str]


@lru_cache(maxsize=1)
def verbal_force() -> VerbalForce:
    kinds: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for path in cameo.data_files("verbal_force.tsv"):
        for number, row in read_rows(path, required=("word", "kind")):
            if row["kind"] not in kinds or not row["word"]:
                raise DataFileError(str(path), number, f"a word and a kind of {', '.join(KINDS)} are required")
            word = row["word"]
            kinds[row["kind"]].add(word.upper() if row["kind"] in ROLE_KINDS else word.lower())
    return VerbalForce(*(frozenset(kinds[kind]) for kind in KINDS))


def is_political(slot: Slot, table: VerbalForce | None = None) -> bool:
    """A party, campaign, office or outlet by its role, or a named person with no armed role; never a country."""
    table = table or verbal_force()
    role = (slot.actor.role or "").upper()
    if role in table.armed_roles or slot.mention.actor_kind == "country":
        return False
    if slot.mention.actor_kind != "person":
        return role in table.talk_body_roles  # "the government" stands for its state: no
    if role in table.talk_roles:
        return True
    # A person with no role counts only when named: "a man attacked the senator" is an assault.
    return slot.mention.actor_kind == "person" and slot.mention.kind in NAMED_KINDS and not role


def speaks_of_violence(sentence: Span, table: VerbalForce | None = None) -> bool:
    """Whether the sentence names weapons, violence or casualties."""
    table = table or verbal_force()
    return any(token.lemma_.lower() in table.violence or token.lower_ in table.violence for token in sentence)


# Military codes beside force that campaign talk borrows with no one acted on: force posture (15:
# "mobilized its volunteers") and military de-escalation (087x: "not giving up the fight").
MILITARY_ROOTS = frozenset({"15"})
MILITARY_DEESCALATION = "087"


def _military(code: str) -> bool:
    return code[:2] in FORCE_ROOTS | MILITARY_ROOTS or code.startswith(MILITARY_DEESCALATION)


def is_campaigner(slot: Slot, table: VerbalForce | None = None) -> bool:
    """A candidate, party, legislator, outlet or interest group by its role, or a named person with none.

    Narrower than `is_political`: an office holder (GOV) or a judge may command force ("the
    governor's operation against the cartels"), a campaign does not."""
    table = table or verbal_force()
    if not is_political(slot, table):
        return False
    role = (slot.actor.role or "").upper()
    return role in table.campaign_roles or (not role and slot.mention.actor_kind == "person")


def talk_code(code: str, source: Slot, target: Slot | None, sentence: Span) -> str | None:
    """111 for a force code between two political actors in a sentence without violence; no event for
    a campaign's force, force posture or military de-escalation (087x) on no one or on the public, or for
    force (190) by no one named on a candidate; else `code`.

    Example (needs a parse): "Senator Smith attacked Governor Jones over the budget" -> 111;
    "Senator Smith's field operation in Iowa stalled" -> None; "Rebels attacked an army convoy" keeps 190.
    """
    table = verbal_force()
    if target is None and _military(code):
        campaign_force = is_campaigner(source, table) and not speaks_of_violence(sentence, table)
        return None if campaign_force else code
    if code == _threat_in_words() and target is not None and _blank(source):
        # "the campaign is preparing to battle the nominee": a race announced, no threat of force
        return None if _candidate_hit_in_words(WORDS_OF_FORCE_CODE, target, sentence, table) else code
    if code[:2] not in FORCE_ROOTS or target is None:
        return code
    if is_campaigner(source, table) and _a_public(target, table) and not speaks_of_violence(sentence, table):
        return None  # "ads largely targeting voters": a campaign reaching its public
    if _blank(source):
        # "the new ad hits Smith", "a bruising battle against Trump": no agent, a candidate hit in words
        return None if _candidate_hit_in_words(code, target, sentence, table) else code
    if not (is_political(source, table) and is_political(target, table)):
        return code
    return code if speaks_of_violence(sentence, table) else VERBAL_ATTACK


# The one force code campaign talk borrows with no agent named: attack, hit, battle, strike (190).
WORDS_OF_FORCE_CODE = "190"


def _blank(source: Slot) -> bool:
    return not source.actor.code and not source.actor.name


def _threat_in_words() -> str:
    """The code of a threat or plan to use the words of force ("preparing to battle X"): 1384."""
    return cameo.apply_frame("threaten", WORDS_OF_FORCE_CODE)


def _candidate_hit_in_words(code: str, target: Slot, sentence: Span, table: VerbalForce) -> bool:
    """Force by no one named (190) on a candidate, a legislator or a party, in a sentence without
    violence. Abductions and assaults (181, 182 ...) on no one named stay: "two aid workers were abducted"."""
    if code != WORDS_OF_FORCE_CODE or speaks_of_violence(sentence, table):
        return False
    return is_political(target, table) and (target.actor.role or "").upper() in table.candidate_roles


def _a_public(slot: Slot, table: VerbalForce) -> bool:
    return (slot.actor.role or "").upper() in table.public_roles


def measured_as_contest(code: str, verb: Token) -> bool:
    """ "a poll shows X beating Y 45 to 40 percent", "beat him by ten points in the caucuses", "battled to
    replace him": force measured in a score, won in a contest or done to win an office, in a sentence
    without violence, is no assault."""
    table = verbal_force()
    if code[:2] not in FORCE_ROOTS or speaks_of_violence(verb.sent, table):
        return False
    measures = [c for c in children(verb) if c.dep_ in ("npadvmod", "dobj", "attr")]
    for prep in (c for c in children(verb) if c.dep_ == "prep" and c.lower_ in ("by", "in")):
        measures += [c for c in children(prep) if c.dep_ == "pobj"]
    measures += [o for m in list(measures) for p in children(m) if p.lower_ == "in" for o in children(p)]
    if any(_lemma(m) in table.scores or _lemma(m) in table.contests for m in measures):
        return True
    if any(_lemma(aim) in table.office_aims for aim in _infinitive_aims(verb)):
        return True  # "Clinton and Sanders battled to replace him": a race for an office
    return _shown_by_a_poll(verb, table)


def attacked_for_words(code: str, verb: Token) -> bool:
    """ "Trump was attacked by Clinton for suggesting that ...", "hit the senator for calling it a hoax": force
    (18-20) done "for" something said (verbal_force.tsv kind `words_reason`), in a sentence without violence,
    is a verbal attack (111), whoever the parties are."""
    if code[:2] not in FORCE_ROOTS:
        return False
    table = verbal_force()
    reasons = [o for p in children(verb) if p.dep_ == "prep" and p.lower_ == "for" for o in children(p)]
    said = any(r.pos_ == "VERB" and _lemma(r) in table.words_reasons for r in reasons)
    return said and not speaks_of_violence(verb.sent, table)


# Aid (07) and the verbs of backing that make its recipient a campaign's money: "a group backing Smith".
AID_ROOT = "07"
BACKING_VERBS = frozenset({"back", "support", "promote", "boost", "elect", "draft", "champion"})


def funds_a_campaign(code: str, verb: Token, index: MentionIndex) -> bool:
    """ "contributed $300,000 to an independent group backing Governor Smith": money given to a body that backs a
    political actor (a participle or a relative clause of backing whose object is political) is a political
    donation, no aid (07). "gave $1 million to a group supporting refugees" stays."""
    if code[:2] != AID_ROOT:
        return False
    table = verbal_force()
    carriers = [verb, *direct_objects(verb)]  # "made a donation to X": the phrase may hang on the noun
    recipients = [o for c in carriers for p, o in prepositions(c) if p.lower_ == "to"]
    for recipient in recipients:
        for clause in children(recipient):
            if clause.dep_ not in ("acl", "relcl") or _lemma(clause) not in BACKING_VERBS:
                continue
            if any(is_political(slot, table) for slot in actors_in(direct_objects(clause), index)):
                return True
    return False


# Endorsement and support (05): "backed Smith, 57 percent to 22 percent" is a share of a poll.
SUPPORT_ROOT = "05"


def measured_as_share(code: str, verb: Token) -> bool:
    """ "Older voters backed Smith, 57 percent to 22 percent", "backed him by ten points": support measured in a
    score (verbal_force.tsv kind `score`) is a share of a poll or a vote, no endorsement."""
    if code[:2] != SUPPORT_ROOT:
        return False
    table = verbal_force()
    measures = [c for c in children(verb) if c.dep_ == "npadvmod"]
    # "backed Trump, 57 percent to 22 percent": the score hung on the object as an apposition
    measures += [a for o in direct_objects(verb) for a in children(o) if a.dep_ == "appos"]
    if verb.dep_ in ("advcl", "conj"):  # "..., while men backed Jones, 57 percent to 22": hung on the main verb
        measures += [c for c in children(verb.head) if c.dep_ == "npadvmod" and c.i > verb.i]
    measures += [
        o for p in children(verb) if p.dep_ == "prep" and p.lower_ == "by" for o in children(p) if o.dep_ == "pobj"
    ]
    return any(_lemma(m) in table.scores for m in measures)


def _infinitive_aims(verb: Token) -> list[Token]:
    """The infinitives a verb is done for: "battled to replace him", "fought to become the nominee"."""
    return [
        c for c in children(verb) if c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in children(c))
    ]  # fmt: skip


def _shown_by_a_poll(verb: Token, table: VerbalForce) -> bool:
    """ "A survey shows X beating Y": the clause is what a poll or a survey says."""
    if verb.dep_ != "ccomp":
        return False
    return any(c.dep_ == "nsubj" and _lemma(c) in table.contests for c in children(verb.head))


# Possessive pronouns that make a thing praised the speaker's own: "embracing her heritage".
OWN_POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my"})
PRAISE_CODE = "051"


def praises_its_own(code: str, verb: Token, row_names_object: bool, index: MentionIndex) -> bool:
    """ "Governor Jones has been embracing her heritage", "Smith championed his own record": praise
    (051) of an attribute the source owns by a pronoun endorses no one. A row that names
    its object ("threw his support behind X") is left alone."""
    if code != PRAISE_CODE or row_names_object:
        return False
    objects = direct_objects(verb)
    # the first object: "embracing her gender, something that ..." parses the apposition as a second one
    return bool(objects) and _an_own_attribute(objects[0], index)


def _an_own_attribute(noun: Token, index: MentionIndex) -> bool:
    """ "her heritage", "his record": an attribute (verbal_force.tsv kind own_attribute) owned by a pronoun,
    no actor ("her Irish heritage" names Ireland only as a qualifier)."""
    mention = index.at(noun)
    if (mention is not None and mention.kind != "metonym") or _lemma(noun) not in verbal_force().own_attributes:
        return False
    return any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in children(noun))


# What an appeal may be addressed to: the object of these prepositions, or a direct object.
ADDRESSEE_PREPS = frozenset({"to", "on", "upon", "with"})
# The phrase that says what is asked for: "appealed for calm". Not "against": "a bid against Obama" names
# a rival, "an appeal against the ruling" a court's decision.
ASKED_PREPS = frozenset({"for"})


def asks_something(token: Token, complement: Token | None, complement_code: str | None, index: MentionIndex) -> bool:
    """Whether an appeal (lexicon flag `asking`) asks for something: a coded complement, an infinitive or a
    clause, a "for" phrase, or a party addressed that is no public.

    Example (needs a parse): "Senator Smith appeals to the fears of rural voters" and "Smith's appeal to
    young voters" ask nothing (a campaign pitch); "appealed to the UN for help" and "appealed to Iran" do.
    """
    if complement is not None and (complement.pos_ in ("VERB", "AUX") or complement.dep_ in ("xcomp", "ccomp")):
        return True
    # "appeals to the fears of voters": a thing appealed to (coded or not, "fear" is 012) is no thing asked
    addressed = complement is not None and complement.dep_ == "pobj" and complement.head.lower_ in ADDRESSEE_PREPS
    if complement_code is not None and not addressed:
        return True
    if any(prep.lower_ in ASKED_PREPS for prep, _ in prepositions(token)):
        return True
    addressees = [obj for prep, obj in prepositions(token) if prep.lower_ in ADDRESSEE_PREPS]
    if token.pos_ not in ("NOUN", "PROPN"):
        addressees += direct_objects(token)
    if any(_an_infinitive(c) for a in (token, *addressees) for c in children(a)):
        return True  # "appealed to residents to stay indoors", the infinitive hung on the verb or the addressee
    publics = verbal_force().public_roles
    heads = [a for a in addressees if index.at(a) is not None]  # the addressee itself, not "the fears of voters"
    return any((slot.actor.role or "").upper() not in publics for slot in actors_in(heads, index))


# Pronouns by which a candidate asking for votes names the candidate: "voters should go with him".
SELF_PRONOUNS = frozenset({"him", "her", "me", "us"})


def pitches_self_to_public(action: Token, targets: list[Slot], sources: list[Slot], index: MentionIndex) -> bool:
    """ "Senator Smith said voters should go with him", "... should vote for me": a campaigner telling the
    public (verbal_force.tsv public_role) to choose the campaigner asks for votes, no demand (10).

    Example (needs a parse): "Smith said voters should back him" -> True; "Smith said residents should
    leave the town" and "Smith said the party should back him" -> False.
    """
    table = verbal_force()
    if not targets or not all(_a_public(t, table) for t in targets):
        return False
    if not any(is_campaigner(s, table) for s in sources):
        return False
    asked = direct_objects(action) + [obj for _, obj in prepositions(action)]
    if any(o.lower_ in SELF_PRONOUNS for o in asked):
        return True
    return any(same_actor(slot.actor, s.actor) for slot in actors_in(asked, index) for s in sources)


# Roles that speak for a country's state, or seek to: what they say the country must do is their own policy.
STATE_VOICE_ROLES = frozenset({"GOV", "MIL", "LEG", "ELI"})


def tells_own_country(target: Slot, sources: list[Slot]) -> bool:
    """ "The president said the United States must act", "Senator Smith said America needs to secure the
    border": what a country's government, lawmakers or leaders say the country itself must do is a policy
    stated, no demand (10) made of another party. An opposition or a public asking it of the country
    ("the opposition said Venezuela must hold elections") still demands.
    """
    if not is_bare_country(target.actor):
        return False
    return any(
        s.actor.country == target.actor.code and (s.actor.role or "").upper() in STATE_VOICE_ROLES for s in sources
    )


# Talk (04) addressed to an outlet or to the public: "speaking to CBS", "spoke to a crowd of supporters".
CONSULT_ROOT = "04"
TALK_VERBS = frozenset({"speak", "talk"})
AUDIENCE_ROLES = frozenset({"MED"})


def speaks_to_an_audience(code: str, verb: Token, targets: list[Slot], index: MentionIndex) -> bool:
    """ "Speaking to CBS on Monday, Smith said ...", "Jones spoke to a crowd of supporters in Ohio": a
    candidate or an official speaking to an outlet (an interview) or to the public (a speech) consults no
    one (04). Speaking to a minister, a counterpart or a party stays. An outlet is one by its role (MED),
    by its words (a show, a channel, a website: "on a talk radio channel") or by its owner: a show or a
    host an outlet owns ("MSNBC's morning show", "Fox News's Sean Hannity"), which the actors stage leaves
    uncoded.

    Example (needs a parse): "Senator Smith spoke to NBC News" and "Smith talked to voters about taxes"
    -> True; "Smith spoke to the Japanese prime minister" -> False.
    """
    if code[:2] != CONSULT_ROOT or _lemma(verb) not in TALK_VERBS or not targets:
        return False
    table = verbal_force()
    return all(
        (t.actor.role or "").upper() in AUDIENCE_ROLES or _a_public(t, table) or _an_outlet(t, verb, table, index)
        for t in targets
    )


def _an_outlet(slot: Slot, verb: Token, table: VerbalForce, index: MentionIndex) -> bool:
    """An uncoded mention named as an outlet ("Patriot Channel", "the Daily Ledger website"), spoken "on"
    (a medium), or owned by an outlet the actors stage coded ("MSNBC's Morning Joe")."""
    if slot.actor.code:
        return False  # a coded actor is what its role says
    span = verb.doc.char_span(slot.mention.start, slot.mention.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    if head.dep_ == "pobj" and head.head.lower_ == "on" and head.head.head.i == verb.i:
        return True  # "spoke to X on Sirius XM": the medium one speaks on
    words = list(span) + [c for c in children(head) if c.dep_ == "compound"] + [head.head]
    if any(_lemma(w) in table.outlet_words for w in words if w.pos_ in ("NOUN", "PROPN")):
        return True
    owners = [c for c in children(head) if c.dep_ == "poss"]
    owners += [c for w in span if w.dep_ == "compound" for c in children(w) if c.dep_ == "poss"]
    return any(
        (m := index.at(owner)) is not None and (m.actor.role or "").upper() in AUDIENCE_ROLES for owner in owners
    )


def _an_infinitive(token: Token) -> bool:
    return token.dep_ in ("acl", "relcl", "xcomp", "advcl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in children(token)
    )


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


# "X has Y to blame / to thank for Z": the writer says who caused Z; no one blames or thanks anyone.
CREDITING_VERBS = frozenset({"blame", "thank"})


def credits_a_cause(verb: Token) -> bool:
    """ "Obama may have his own party to blame for it", "she has only herself to blame", "he has the
    voters to thank": an infinitive of blaming or thanking on "have" names a cause, no accusation (112)
    nor praise; the parser makes the one blamed the infinitive's subject or the object of "have" ("has to
    blame X", with neither, is an obligation and stays)."""
    return (
        _lemma(verb) in CREDITING_VERBS
        and verb.dep_ in ("ccomp", "xcomp", "relcl", "acl")
        and _lemma(verb.head) == "have"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in children(verb))
        and (
            any(c.dep_ == "nsubj" for c in children(verb))
            or any(c.dep_ == "dobj" and c.i < verb.i for c in children(verb.head))
        )
    )

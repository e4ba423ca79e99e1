"""Stage `events`: who did what to whom, when and where, coded in CAMEO and PLOVER.

For every sentence, predicates (verbs, predicative adjectives, event nouns)
are looked up in the lexicon (`dossier.events.cameo`, data in events/data/) and
matched on their dependency pattern. A predicate becomes an event only when
an actor mention (from the actors stage) fills its source slot: dictionary
coders over-code, and an event without a real actor is the commonest false
positive. Each source gives one event (and each target one more), like GDELT.

Modality is kept, not thrown away: negated ("did not attack"), hypothetical
("could attack", "if ... attacks"), future ("will meet") and
reported-historical ("had attacked", "previously condemned") events are
stored with those flags; what was never asserted ("wants to attack", "whether
Moscow would back it") is not stored (`dossier.events.modality`). Future cooperation
and future force are recoded as CAMEO intentions and threats (03x / 13x), as
the codebook asks.

A sentence with actors where no lexicon pattern fires may be coded by the
learned fallback (`dossier.events.learned`), above its tuned confidence and
marked `coder="learned"` in the record. A run has it on
(RunOptions.learned_events; `dossier run --no-learned-events` leaves it off);
`load_event_data` loads it only when asked (`learned_fallback=True`). It
lifts coverage on sentences that report events; on whole news articles it
adds about one event in seventy stored, most of them wrong (docs/events.md).

This module runs the sentence loop and builds the records; `dossier.events.predicates`
codes single predicates, `dossier.events.participants` finds their actors,
`dossier.events.when` and `dossier.events.where` resolve dates and places.

Example:
    >>> from dossier.actors.resolve import resolve_actors
    >>> from dossier.parse import parse_articles
    >>> from dossier.quotes.attribution import find_quotes
    >>> from dossier.records import Article
    >>> text = "Russian President Vladimir Putin criticised the United States on Monday."
    >>> parsed = next(parse_articles([Article.build(text, published="2017-09-07")]))
    >>> mentions = resolve_actors(parsed)
    >>> events = code_events(parsed, mentions, find_quotes(parsed, mentions))
    >>> [(e.code, e.source.code, e.target.code, e.date) for e in events]
    [('111', 'RUSGOV', 'USA', '2017-09-04')]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dossier.events import cameo, learned, talk, when, where
from dossier.events.event_nouns import noun_lemma
from dossier.events.incidents import merge_incidents
from dossier.events.lexicon_words import LexiconWords, repair_verb_lemma
from dossier.events.modality import (
    COOPERATION_ROOTS,
    DISPATCHED_ROOTS,
    EMBEDDED,
    REFUSAL,
    Modality,
    assess_modality,
    clause_chain,
    is_direct_question,
    is_dispatched,
    modality,
    recode_future,
    recode_refusal,
    speaker_of_averting,
)
from dossier.events.participants import (
    TARGET_PREPS,
    MentionIndex,
    Slot,
    actors_in,
    acts_on_each_other,
    clause_predicate,
    direct_objects,
    distinct_slots,
    is_participant,
    other_parties,
    prepositions,
    same_actor,
    subject_tokens,
)
from dossier.events.predicates import (
    HOSTILE_ROOTS,
    Predication,
    agentless_nominal,
    code_complement,
    code_nominal,
    code_predicate,
    has_blank_source,
    match_entry,
    names_a_bearer,
    nominal_prepositions,
    owned_by_a_verb,
    part_of_a_name,
)
from dossier.events.targets import exclude_sources
from dossier.events.tree import children, children_kept
from dossier.parse.model import ParsedArticle
from dossier.records import ActorRef, Event, Mention, Place, Quote

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from dossier.events.cameo import LexiconEntry

DATE_WORDS = frozenset({"yesterday", "today", "tomorrow", "tonight", "ago"})
DATE_PREPS = frozenset({"on", "in", "at", "during", "since", "by", "last", "before", "after", "until", "from"})
# A rejection of "such a call" or "the proposal" rejects the latest request made in
# the sentence or the one before: its author is the target.
REQUEST_ROOTS = frozenset({"02", "10", "03"})
REQUEST_NOUNS = frozenset(
    {"call", "demand", "request", "proposal", "plan", "offer", "idea", "suggestion", "appeal", "plea", "bid", "move",
     "push", "initiative", "proposition", "invitation", "ultimatum"}
)  # fmt: skip
ANAPHORIC_DETERMINERS = frozenset({"such", "this", "that", "these", "those", "the"})
# Learned labels CAMEO codes with one known side (the ASSAULT, PROTEST, MOBILIZE, COERCE);
# the fallback codes any other label only with a target the main verb names.
ONE_SIDED_LABELS = frozenset({"ASSAULT", "PROTEST", "MOBILIZE", "COERCE"})
# The learned fallback's confidence needed in a sentence that holds a quote (tuned on the tune half of the
# PLOVER set: 0.5 added a wrong event there, 0.6 and 0.7 the same right ones).
QUOTED_CONFIDENCE = 0.6
# Learned labels of joint acts: conjoined subjects act with each other.
JOINT_LABELS = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# An event dated this many days or more before the report is reported history.
REPORTED_HISTORY_DAYS = 7


# ------------------------------------------------------------------ public


@dataclass(frozen=True)
class EventData:
    """Every table the events stage reads, loaded: a run holds one and passes it to `code_events`."""

    codebook: dict[str, cameo.CameoCode]
    plover: dict[str, dict[str, str]]
    lexicon: cameo.Lexicon
    modality: Modality
    gazetteer: where.Gazetteer
    # The learned fallback for sentences no pattern codes; None: patterns only.
    learned: learned.LearnedCoder | None = None


def load_event_data(learned_fallback: bool = False) -> EventData:
    """Load every table of the events stage once (shipped rows plus DOSSIER_EVENTS_DATA).

    `learned_fallback` loads the learned fallback's vectors and classifier
    too (numpy only, about 4 MB); without it only lexicon patterns code events.

    The stage's helpers read their tables through cached loaders
    (`cameo.lexicon`, `cameo.codebook`, `cameo.plover_table`, `modality`,
    `where.gazetteer`); this fills all of those caches, so that a
    `code_events` call given the result reads no file and no environment
    variable. `cameo.clear_caches()` afterwards makes the helpers load again.

    Example:
        >>> data = load_event_data()
        >>> data.codebook["111"].name, data.codebook["111"].goldstein
        ('Criticize or denounce', -2.0)

        Then `code_events(parsed, mentions, quotes, data)` reads nothing more.
    """
    fallback = learned.load_learned_coder() if learned_fallback else None
    return EventData(cameo.codebook(), cameo.plover_table(), cameo.lexicon(), modality(), where.gazetteer(), fallback)


def code_events(
    parsed: ParsedArticle, mentions: tuple[Mention, ...], quotes: tuple[Quote, ...], data: EventData | None = None
) -> tuple[Event, ...]:
    """Every event the article reports, coded in CAMEO, with its date, place and flags.

    `data` is what `load_event_data()` returned; without it the tables are
    loaded on first use, as each helper needs them, and the learned fallback
    is off (patterns only).
    """
    if not mentions:
        return ()
    doc = parsed.doc
    index = MentionIndex(doc, mentions, quotes, uncoded=True)
    if not index:
        return ()
    with children_kept(doc):
        return _code_sentences(parsed, index, quotes, data)


def _code_sentences(
    parsed: ParsedArticle, index: MentionIndex, quotes: tuple[Quote, ...], data: EventData | None
) -> tuple[Event, ...]:
    """`code_events` past its checks: the events of each sentence in turn."""
    doc = parsed.doc
    anchor = when.parse_anchor(parsed.article.published)
    events: list[Event] = []
    seen: set[tuple[object, ...]] = set()
    earlier_requests: list[Predication] = []
    lexicon = data.lexicon if data is not None else cameo.lexicon()
    words = LexiconWords(doc, lexicon)
    demanding = tuple(q for q in quotes if _between_coded_actors(q))  # sifted once, not in every sentence
    for sentence in doc.sents:
        if not _names_a_participant(sentence, index) and not _holds_quote(sentence, index):
            earlier_requests = []
            continue
        predications = code_sentence(sentence, index, lexicon, words)
        predications += quoted_demands(sentence, demanding, predications)
        if not predications and data is not None and data.learned is not None:
            predications = learned_predications(sentence, index, data.learned)
        requests = list(earlier_requests)
        for predication in predications:
            resolve_rejected_request(predication, requests)
            if predication.code[:2] in REQUEST_ROOTS:
                requests.append(predication)
        earlier_requests = [p for p in predications if p.code[:2] in REQUEST_ROOTS]
        predications = tell_call_purposes(predications)
        predications = [
            p for at, p in enumerate(predications)
            if not _describes_the_background(p, predications[:at], [q for q in predications if q is not p])
        ]  # fmt: skip
        told = [e for p in predications for e in _events_of(p, sentence, parsed.article.id, anchor)]
        if not told and _may_act_alone(predications):
            # A person the actors stage could not code acts alone only where nothing else is told.
            told = [e for p in predications for e in _events_of(p, sentence, parsed.article.id, anchor, True)]
        written = parsed.article.text[sentence.start_char : sentence.end_char]  # the article's, as it is written
        for event in merge_incidents(told):
            if event.sentence != written:  # a line in capitals was parsed in the report's casing
                event = replace(event, sentence=written)
            key = (event.source.code, event.source.name, event.target and event.target.code, event.code,
                   event.start, event.flags)  # fmt: skip
            if key not in seen:
                seen.add(key)
                events.append(event)
    return tuple(events)


# A telephone call (041) made "to" do an act of support (05) is told as that act: "called the president
# to congratulate him". Predication flag: the purpose's modality is the call's.
CALL_PURPOSE_ROOTS = frozenset({"05"})
PURPOSE_TOLD = "purpose told"


def tell_call_purposes(predications: list[Predication]) -> list[Predication]:
    """ "The president called his counterpart to express his support": the support (051) of the caller
    for the one called is the event, the call how it was given. The parser makes the one called the
    subject of the infinitive (as in "asked X to"); a call coded 041 (not an appeal) says otherwise."""
    calls = {p.token.i: p for p in predications if p.code == "041" and p.token.pos_ == "VERB"}
    told: set[int] = set()
    for purpose in predications:
        verb = purpose.governor or purpose.token
        call = calls.get(verb.head.i)
        if (
            call is None
            or verb.dep_ not in ("xcomp", "advcl")
            or purpose.code[:2] not in CALL_PURPOSE_ROOTS
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in children(verb))
        ):
            continue
        purpose.sources, purpose.targets = call.sources, call.targets
        purpose.flags.add(PURPOSE_TOLD)
        told.add(call.token.i)
    return [p for p in predications if not (p.code == "041" and p.token.i in told)]


DESCRIBING_CLAUSES = frozenset({"relcl", "acl"})
# Conjunctions that make a clause the time of another act: "expelled the envoy after Y detained ...".
# "when", "as" and "while" are left out: measured, they cost the scored half a labelled act.
BACKGROUND_MARKS = frozenset({"after", "before", "since", "until", "once"})


def _describes_the_background(predication: Predication, before: list[Predication], others: list[Predication]) -> bool:
    """A relative clause or a participle on a party or thing of an earlier coded act describes it
    ("released a ship it had seized", "freed a journalist who had been arrested by police", "rejected a
    proposal demanding ..."): it tells what that party is, did or says; the earlier act (not a bare
    statement, 01) is the news. A relative clause told first ("X, which attacked ...,
    agreed") or on the event word itself stays. So does a clause of sequence ("after", "until", ...)
    told after an act of a coded actor: "clashed with police after the court ordered a release" is the
    clash, "condemned the attack after meeting the envoy" the condemnation; under an act with no coded
    agent ("26 were killed after a bomb struck a bus") it stays. A sending whose purpose is an act of
    conflict ("sent jets to bomb a depot") is that act's means: the bombing is the event."""
    verb = predication.governor or predication.token
    if any(
        is_dispatched(o.token)
        and o.code[:2] in DISPATCHED_ROOTS
        and o.token.head in (predication.token, predication.governor)
        for o in others
    ):
        return True  # "sent jets to bomb a depot": the bombing is the act, the sending its means
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head  # "a raid in which gunmen stormed a mosque and killed 40": the clause is one
    sequenced = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in children(verb))
    if verb.dep_ == "pcomp" and verb.head.lower_ in BACKGROUND_MARKS:
        sequenced, verb = True, verb.head  # "after meeting the envoy": the preposition hangs on the main verb
    if sequenced:
        main = verb.head
        return any(
            main in (earlier.governor or earlier.token).subtree and any(s.actor.code for s in earlier.sources)
            for earlier in before
        )
    if verb.dep_ not in DESCRIBING_CLAUSES:
        return False
    described = verb.head
    for earlier in before:
        lead = earlier.governor or earlier.token
        if described in lead.subtree and described != lead and earlier.code[:2] != "01":
            return True
    return False


def code_sentence(
    sentence: Span, index: MentionIndex, lexicon: cameo.Lexicon | None = None, words: LexiconWords | None = None
) -> list[Predication]:
    """The coded predicates of one sentence, in text order; `lexicon` defaults to `cameo.lexicon()`.

    `words` is `LexiconWords` of the sentence's document for that lexicon (made here without it).
    """
    lexicon = lexicon if lexicon is not None else cameo.lexicon()
    doc = sentence.doc
    words = words if words is not None else LexiconWords(doc, lexicon)
    candidates = words.between(sentence.start, sentence.end)
    consumed: set[int] = set()
    found: list[Predication] = []
    for i in candidates:
        if i in consumed:
            continue
        token = doc[i]
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX") and lemma not in lexicon.verbs:
            lemma = repair_verb_lemma(token.lower_, lexicon.verbs) or lemma
        predication = None
        if (token.pos_ in ("VERB", "AUX", "ADJ") or tagged_noun_verb(token)) and lemma in lexicon.verbs:
            predication = code_predicate(token, lexicon.verbs[lemma], index, consumed)
        if predication is None and token.pos_ in ("NOUN", "PROPN"):
            noun = noun_lemma(token)
            entries = lexicon.nouns.get(noun) or lexicon.agents.get(noun)
            if (
                entries
                and not owned_by_a_verb(token, lexicon)
                and not names_a_bearer(token, index)
                and not part_of_a_name(token, index)
            ):
                predication = code_nominal(token, entries, index, consumed)
        if predication is not None:
            found.append(predication)
            found.extend(conjoined_acts(predication, index, consumed))
    kept = [p for p in found if p.token.i not in consumed or p.governor is not None]
    kept = [p for p in kept if not _told_by_its_setting(p, kept)]
    return kept or _agentless_nominals([doc[i] for i in candidates], index, lexicon)


def tagged_noun_verb(token: Token) -> bool:
    """A verb the tagger read as a noun, as it does in present-tense headlines ("Germany and UNICEF hand
    over 30 vehicles"): the parser still gave it a subject and a direct object, which only verbs take."""
    if token.pos_ != "NOUN" or token.dep_ != "ROOT":
        return False
    deps = {c.dep_ for c in token.children}
    return "nsubj" in deps and "dobj" in deps


def _agentless_nominals(candidates: list[Token], index: MentionIndex, lexicon: cameo.Lexicon) -> list[Predication]:
    """In a sentence no other rule codes, the first act named by a noun with no agent and done to a coded
    actor ("the arrest of the opposition leader sparked protests": 173, blank source); `candidates` are
    the sentence's tokens the lexicon may code (`LexiconWords`)."""
    for token in candidates:
        if token.pos_ == "NOUN" and noun_lemma(token) in lexicon.nouns:
            demand = _demanded_not_done(token, lexicon.nouns[noun_lemma(token)], index)
            if demand is not None:
                return [demand]
            predication = agentless_nominal(token, lexicon.nouns[noun_lemma(token)], index)
            if predication is not None:
                return [predication]
    return []


# CAMEO 1056, demand de-escalation of military engagement: "X says a strike on Y must be avoided".
DEESCALATION_DEMAND = "1056"
MILITARY_ROOTS = frozenset({"15", "18", "19", "20"})
AVERTED_PARTY_PREPS = frozenset({"of", "on", "upon", "against"})


def _demanded_not_done(noun: Token, entries: tuple[LexiconEntry, ...], index: MentionIndex) -> Predication | None:
    """An act of force someone says must be avoided or prevented ("Germany said a military strike on
    Syria must be avoided") is the speaker's demand that it not happen (1056), toward the party it
    would be done to; not the act itself with a blank source, stored negated as a foiled one is."""
    entry = match_entry(entries, noun, frozenset(), index)
    speech = speaker_of_averting(noun)
    if entry is None or speech is None or entry.code[:2] not in MILITARY_ROOTS:
        return None
    speakers = actors_in(subject_tokens(speech), index)
    parties = [obj for prep, obj in nominal_prepositions(noun) if prep.lower_ in AVERTED_PARTY_PREPS]
    targets = [t for t in actors_in(parties, index) if not any(same_actor(t.actor, s.actor) for s in speakers)]
    if not speakers or not targets:
        return None
    return Predication(speech, DEESCALATION_DEMAND, speakers, targets, framed=True)


def conjoined_acts(predication: Predication, index: MentionIndex, consumed: set[int]) -> list[Predication]:
    """The other acts a light verb carries in conjoined nouns: "expressed its rejection and condemnation
    of X" is a rejection (12) and a condemnation (11), "sent troops and aid to Y" a deployment and aid.

    Only nouns whose code has another root than the first noun's give an event of their own; they
    share the first noun's actors and flags.
    """
    if predication.governor is None or predication.framed:
        return []
    acts: list[Predication] = []
    roots = {predication.code[:2]}
    for noun in predication.token.conjuncts:
        code = code_complement(noun, index, 1) if noun.i > predication.token.i else None
        if code is None or code[:2] in roots or code.startswith("@"):
            continue
        roots.add(code[:2])
        consumed.add(noun.i)
        acts.append(replace(predication, token=noun, code=code, sources=list(predication.sources),
                            targets=list(predication.targets)))  # fmt: skip
    return acts


def _told_by_its_setting(predication: Predication, found: list[Predication]) -> bool:
    """A blank-source act whose setting is an event coded with its agents: "protesters were injured in
    clashes with police" is the clash (145, police and protesters), not a second act by nobody."""
    if not has_blank_source(predication):
        return False
    verb = predication.token
    return any(
        other is not predication and other.token.pos_ in ("NOUN", "PROPN") and other.token.head.head.i == verb.i
        for other in found
    )


def _names_a_participant(sentence: Span, index: MentionIndex) -> bool:
    """Some token of the sentence has a mention, or is a "we" or "I" inside a coded speaker's quote."""
    if index.covers_any(sentence.start, sentence.end):
        return True
    return bool(index.quotes) and any(index.at_index(sentence.doc, i) for i in range(sentence.start, sentence.end))


def learned_predications(sentence: Span, index: MentionIndex, coder: learned.LearnedCoder) -> list[Predication]:
    """The learned fallback's event for a sentence no pattern coded, or none.

    Sentences holding a quote are speech, left to the patterns unless the
    guess reaches QUOTED_CONFIDENCE; a bare statement (010), a direct
    question and a fragment with no subject are not coded.
    The source is the actor subject of the main verb (`learned.main_verb`),
    else the sentence's first actor; the target
    an actor the main verb names (`_learned_targets`). A label that acts on
    someone is coded only with such a target; ASSAULT, PROTEST, MOBILIZE and
    COERCE, which CAMEO codes with one known side, may go without.
    """
    shape = learned.sentence_shape(sentence)
    if learned.reports_no_event(shape):
        return []  # the cheapest test first: most uncoded sentences report a state or a view
    guess = coder.code(sentence.text, learned.predicate_text(sentence), shape)
    if guess is None or guess.label == "STATEMENT":
        return []  # asked before the source is looked for: most sentences that reach here report no event
    if guess.confidence < QUOTED_CONFIDENCE and _holds_quote(sentence, index):
        return []  # speech is the patterns' to read; only a sure guess codes what a speaker reports
    if is_direct_question(sentence):
        return []  # "Did X put money into Y?" asks; it reports no act
    verb = learned.main_verb(sentence) or sentence.root
    sources = actors_in(subject_tokens(verb), index) if verb.pos_ in ("VERB", "AUX") else []
    if not sources and _tells_no_doer(verb):
        return []  # "Riffing on rap and dancing to Cuban music.": a fragment says no one acted
    if not sources:
        present = next((m for m in _sentence_mentions(sentence, index) if is_participant(m, index)), None)
        if present is None:
            return []
        sources = [Slot(present.actor, present)]
    source = sources[0]
    targets = _learned_targets(verb, source, sources, guess.label, index)
    if not targets and guess.label not in ONE_SIDED_LABELS:
        return []  # an act on someone whose someone the verb does not name: too loose to code
    if talk.speaks_to_an_audience(guess.code, verb, targets, index):
        return []  # "spoke to a crowd", "spoke to a radio show": the patterns' rule, no consultation either way
    return [Predication(verb, guess.code, [source], targets[:1], framed=True, coder="learned")]


def _learned_targets(verb: Token, source: Slot, sources: list[Slot], label: str, index: MentionIndex) -> list[Slot]:
    """Whom the main verb acts on: its object (or the object's possessor), a dative, a target preposition's object.

    A co-subject is a target only of a joint act ("A and B agreed": A with B); "A and
    B showed different views" is no act of A on B.
    """
    heads = direct_objects(verb) + [c for c in children(verb) if c.dep_ in ("dative", "iobj")]
    heads += [obj for prep, obj in prepositions(verb) if prep.lower_ in TARGET_PREPS]
    co_subjects = [s for s in sources[1:] if not same_actor(s.actor, source.actor)]
    subject_starts = frozenset(s.mention.start for s in sources)
    named = [s for s in actors_in(heads, index, exclude=subject_starts) if not same_actor(s.actor, source.actor)]
    return named + (co_subjects if label in JOINT_LABELS else [])


def _tells_no_doer(verb: Token) -> bool:
    """A bare gerund or base form with no subject and no auxiliary: a caption, a headline fragment or an
    order ("Riffing on ...", "Reduce the tax"), which tells of no one doing anything."""
    return (
        verb.tag_ in ("VBG", "VB")
        and not subject_tokens(verb)
        and not any(c.dep_ in ("aux", "auxpass") for c in children(verb))
    )


def _sentence_mentions(sentence: Span, index: MentionIndex) -> list[Mention]:
    found: dict[int, Mention] = {}
    for i in range(sentence.start, sentence.end):
        mention = index.at_index(sentence.doc, i)
        if mention is not None:
            found.setdefault(mention.start, mention)
    return [found[k] for k in sorted(found)]


def _holds_quote(sentence: Span, index: MentionIndex) -> bool:
    return any(sentence.start_char <= q.start < sentence.end_char for q in index.quotes)


def quoted_demands(sentence: Span, quotes: tuple[Quote, ...], found: list[Predication]) -> list[Predication]:
    """ "You must stop the tests," Moon told Putin: a direct quote that obliges its addressee is a demand.

    Only quotes whose speaker and addressee are both coded actors count, and
    only when the sentence gave no event between them already.
    """
    extra: list[Predication] = []
    for quote in quotes:
        speaker, addressee = quote.speaker, quote.addressee
        if not _between_coded_actors(quote) or speaker is None or addressee is None:
            continue
        if not sentence.start_char <= quote.start < sentence.end_char:
            continue
        if any(any(s.actor.code == speaker.code for s in p.sources) for p in found):
            continue
        modal = _obligation_token(sentence, quote)
        if modal is None:
            continue
        here = Mention(quote.article_id, quote.start, quote.end, quote.text, speaker, "quote")
        there = Mention(quote.article_id, quote.start, quote.end, quote.text, addressee, "quote")
        inner = code_complement(modal.head, MentionIndex(sentence.doc, ()), 1)
        code = cameo.apply_frame("demand", inner)
        extra.append(Predication(modal.head, code, [Slot(speaker, here)], [Slot(addressee, there)], framed=True))
    return extra


def _between_coded_actors(quote: Quote) -> bool:
    """A direct quote whose speaker and addressee are both coded actors: one `quoted_demands` may code."""
    speaker, addressee = quote.speaker, quote.addressee
    return quote.kind == "direct" and bool(speaker and speaker.code and addressee and addressee.code)


def _obligation_token(sentence: Span, quote: Quote) -> Token | None:
    words = modality()
    for token in sentence:
        if quote.start <= token.idx < quote.end and token.dep_ == "aux" and words.has("obligation", token.lower_):
            return token
    return None


def resolve_rejected_request(predication: Predication, requests: list[Predication]) -> None:
    """ "X pushed for Y, but Z dismissed such a call": the rejected request's author is the target."""
    complement = predication.complement
    if predication.code[:2] != "12" or predication.targets or complement is None:
        return
    anaphoric = complement.lemma_.lower() in REQUEST_NOUNS and any(
        c.dep_ in ("det", "predet", "amod") and c.lower_ in ANAPHORIC_DETERMINERS for c in children(complement)
    )
    if not anaphoric and complement.lower_ not in ("it", "this", "that"):
        return
    for request in reversed(requests):
        authors = exclude_sources(request.sources, predication.sources)
        if authors:
            predication.targets = authors
            return


# ------------------------------------------------------------------ dates and places


def context_heads(predication: Predication) -> list[Token]:
    """Where a predicate's date and place phrases may hang: itself, its light verb, its clause's verb."""
    heads = predication.anchors()
    verb = clause_predicate(predication.governor or predication.token)
    if verb not in heads:
        heads.append(verb)
    chain = clause_chain(verb)
    if len(chain) > 1 and chain[1] not in heads:
        heads.append(chain[1])
    return heads


def date_of(predication: Predication, anchor: dt.date | None, flags: set[str]) -> when.ResolvedDate:
    tense = "future" if "future" in flags else "past"
    for head in context_heads(predication):
        for text in _date_expressions(head):
            resolved = when.resolve_date(text, anchor, tense)
            if resolved is not None:
                return resolved
    if anchor is None:
        return when.ResolvedDate(None, None, "no date in the sentence and no publication date")
    if flags & {"reported", "future", "hypothetical"}:
        return when.ResolvedDate(None, None, "no date in the sentence; not an event of the publication day")
    return when.ResolvedDate(anchor.isoformat(), "day", "no date in the sentence; the publication date")


# Dependents of an event noun that date it: "the 1968 strike", "last year's war".
NOUN_DATE_DEPS = frozenset({"nummod", "compound", "amod", "poss"})


def _date_expressions(head: Token) -> list[str]:
    found: list[str] = []
    for child in children(head):
        if child.dep_ in ("npadvmod", "tmod", "advmod", "obl", "nmod") and (
            child.ent_type_ in ("DATE", "TIME") or child.lower_ in DATE_WORDS
        ):
            found.append(_entity_text(child))
        elif head.pos_ == "NOUN" and child.dep_ in NOUN_DATE_DEPS and child.ent_type_ == "DATE":
            found.append(_entity_text(child))  # "the 1968 strike", "last year's strike": the act's own year
        elif head.pos_ == "NOUN" and child.dep_ == "poss":
            # "the 1968 sanitation workers' strike": the year hangs on the possessor
            found += [_entity_text(g) for g in children(child) if g.dep_ in NOUN_DATE_DEPS and g.ent_type_ == "DATE"]
        elif child.dep_ == "prep" and child.lower_ in DATE_PREPS:
            for obj in (g for g in children(child) if g.dep_ == "pobj"):
                if obj.ent_type_ in ("DATE", "TIME"):
                    found.append(f"{child.lower_} {_entity_text(obj)}")
    return found


def _entity_text(token: Token) -> str:
    for entity in token.doc.ents:
        if entity.start <= token.i < entity.end:
            return entity.text
    return " ".join(t.text for t in token.subtree)


def place_of(predication: Predication, sentence: Span) -> Place | None:
    for head in context_heads(predication):
        phrases = where.place_phrases(head)
        if phrases:
            place = where.resolve_place(phrases[0], where.country_context(sentence))
            return where.refine_place(place, sentence)
    return None


# ------------------------------------------------------------------ events


def _events_of(
    predication: Predication, sentence: Span, article_id: str, anchor: dt.date | None, people_alone: bool = False
) -> list[Event]:
    flags = assess_modality(predication)
    if PURPOSE_TOLD in predication.flags:
        verb = predication.governor or predication.token
        flags = assess_modality(Predication(verb.head, predication.code, predication.sources))
    if EMBEDDED in flags:
        return []
    code = predication.code
    refusing = {"negated", REFUSAL} <= flags
    flags.discard(REFUSAL)
    if refusing and code[:2] in COOPERATION_ROOTS | {"03"}:
        code = recode_refusal(code)  # "will not release", "cannot accept", "failed to reach a deal"
        flags -= {"negated", "future", "hypothetical"}
    elif refusing and "future" in flags and code[:2] in HOSTILE_ROOTS and not predication.framed:
        code = cameo.apply_frame("forgo", code)  # "won't hit back": an intention to de-escalate
        flags -= {"negated", "future"}
    elif "future" in flags and not predication.framed:
        code = recode_future(code)
    resolved = date_of(predication, anchor, flags)
    if resolved.date and anchor and resolved.precision == "day" and "future" not in flags:
        if dt.date.fromisoformat(resolved.date) <= anchor - dt.timedelta(days=REPORTED_HISTORY_DAYS):
            flags.add("reported")
    elif resolved.date and anchor and resolved.precision == "year" and "future" not in flags:
        if int(resolved.date[:4]) < anchor.year:
            flags.add("reported")  # "the 1968 strike": history the article recalls
    place = place_of(predication, sentence)
    pairs = _pairs(predication, people_alone)
    words = " ".join(t.lemma_.lower() for t in (predication.governor, predication.token) if t is not None)
    events = []
    for source, target in pairs:
        start, end = _evidence_span(predication, source, target)
        pair_code = talk.talk_code(code, source, target, sentence)  # "Bush hits Rubio": criticism, not force
        if pair_code is None:
            continue  # "Trump's local operation was outmatched": a campaign's force on no one
        info = cameo.describe(pair_code)
        events.append(
            Event(
                article_id=article_id,
                source=generic_agent(source.actor),
                target=generic_agent(target.actor) if target else None,
                code=pair_code,
                root_code=pair_code[:2],
                goldstein=info.goldstein,
                quad_class=info.quad_class,
                date=resolved.date,
                date_precision=resolved.precision,
                place=place,
                sentence=sentence.text,
                start=start,
                end=end,
                predicate=words,
                plover=cameo.plover_for(pair_code),
                flags=tuple(sorted(flags)),
                date_reason=resolved.reason,
                coder=predication.coder,
            )
        )
    return events


def _pairs(predication: Predication, people_alone: bool = False) -> list[tuple[Slot, Slot | None]]:
    """Source-target pairs, one event each; a pair needs at least one coded actor (as in GDELT), or a
    source the text names as an organisation, acting through a verb (`named_party_acts`)."""
    sources = distinct_slots(predication.sources)
    targets = other_parties(distinct_slots(predication.targets, keep_countries=True), sources)
    targets = _placed_first(targets)
    joint = cameo.is_reciprocal(predication.code)  # "A and B agreed to hold joint exercises": A with B
    if not targets and (predication.mutual or joint) and len(sources) > 1:
        pairs: list[tuple[Slot, Slot | None]] = [(a, b) for i, a in enumerate(sources) for b in sources[i + 1 :]]
    elif not targets and len(sources) > 1 and acts_on_each_other(predication.anchors()):
        # "A and B accused each other": each acts on the other, one event each way
        pairs = [(a, b) for a in sources for b in sources if a is not b]
    elif not targets:
        pairs = [(source, None) for source in _placed_first(sources)]
    else:
        pairs = [(s, t) for s in _placed_first(sources) for t in targets if not same_actor(s.actor, t.actor)]
    return [
        (s, t) for s, t in pairs
        if generic_agent(s.actor).code or (t is not None and generic_agent(t.actor).code)
        or named_party_acts(predication, s, people_alone)
    ]  # fmt: skip


def _placed_first(slots: list[Slot]) -> list[Slot]:
    """Of several sources or targets of one act, those the actors stage placed in a country first, those with
    none (an IGO, an NGO, a bare role, a name it could not code) after, each in the text's order: a reader of
    an act's first event, as the dev benches are, gets the most fully coded dyad ("detained a UN official and
    two Somali journalists": SOMMED first). The events are the same; only their order changes. Not for joint
    acts, whose order says which partner is the source."""
    return sorted(slots, key=lambda slot: not slot.actor.country)


# An uncoded named actor may be an event's only party when the actors stage found it as an organisation
# (the ACLU, a senate committee, an armed group the knowledge base lacks) and its name heads the slot.
# Groups ("Republicans", "Muslims") are left out: in news they were mostly talk and views.
NAMED_PARTY_KINDS = frozenset({"organisation"})
# People it cannot date or place act alone only as a last resort, in a sentence that tells no other event
# (coverage round 10): allowed everywhere, they added events beside the labelled one (wave 7).
LAST_RESORT_KINDS = frozenset({"person"})
# A name that only qualifies the slot's noun ("an NBC reporter", "GOP rules") is not the one acting.
QUALIFYING_DEPS = frozenset({"compound", "poss", "amod", "nmod"})


def _may_act_alone(predications: list[Predication]) -> bool:
    """Whether any source is of a kind that acts alone as a last resort (`LAST_RESORT_KINDS`): only then can
    coding the sentence again with `people_alone` tell anything."""
    return any(s.mention.actor_kind in LAST_RESORT_KINDS for p in predications for s in p.sources)


def named_party_acts(predication: Predication, source: Slot, people_alone: bool = False) -> bool:
    """Whether an uncoded source may carry the event alone: an organisation the text names ("the
    Movement for Fair Courts refused to comment", "the Senate Committee on Ports opened an inquiry")
    acting through a verb or a predicative adjective ("the Farmers Union is skeptical of the deal"). The
    event keeps the name with no code, as a name beside a coded actor does. With `people_alone` (a
    sentence that told nothing otherwise) a person the text names may too, by name or by a courtesy title
    and surname ("Tomas Brel refused to end his hunger strike", "Mr Brel declined to comment").

    An event noun alone ("a strike by the X Alliance") is left out: with no role known, rows that
    read a noun by its holder's role take such a body for a state ("strike" as an air strike).
    """
    mention = source.mention
    if people_alone and mention.actor_kind in LAST_RESORT_KINDS:
        named = mention.kind in ("name", "title")  # "Tomas Brel", "Mr Brel"
    else:
        named = mention.kind == "name" and mention.actor_kind in NAMED_PARTY_KINDS
    if mention.actor.code or not named:
        return False
    lead = predication.governor or predication.token
    if lead.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    span = lead.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.root.dep_ not in QUALIFYING_DEPS


def generic_agent(actor: ActorRef) -> ActorRef:
    """An actor known only by its role ("police", "the rebels", "a judge") is coded by the role alone.

    CAMEO codes a generic agent whose country is not given as its role code
    (COP, REB, JUD); the actors stage leaves such actors uncoded, and the
    events stage codes them here, so that "police arrested ..." is an event.

    Example:
        >>> generic_agent(ActorRef(None, "the rebels", None, "REB")).code
        'REB'
    """
    if actor.code or not actor.role or actor.role == "IGO":
        return actor
    return replace(actor, code=actor.role)


def _evidence_span(predication: Predication, source: Slot, target: Slot | None) -> tuple[int, int]:
    points = [source.mention.start, source.mention.end]
    if target is not None:
        points += [target.mention.start, target.mention.end]
    for token in (predication.token, predication.governor):
        if token is not None:
            points += [token.idx, token.idx + len(token.text)]
    return min(points), max(points)

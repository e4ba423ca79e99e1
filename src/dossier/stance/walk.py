"""The walk: from an issue term up the parse, multiplying in the signs met, to the stance's holders.

Russia  dismissed  such a call  <- South Korea pushed for  moves to cut off ... oil
holder  oppose     (anaphor)       support                  the issue
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.events.participants import conjuncts, is_passive
from dossier.stance import polarity
from dossier.stance.context import NOUN_POS, VERB_POS, Path, Reading
from dossier.stance.findings import Finding, emit_findings
from dossier.stance.holders import MAX_PATH, holders_of, inherited_holders, own_holders, quote_holders, speaker_holders
from dossier.stance.judging import described_as, judges_subject, light_object, predicate_evaluation

if TYPE_CHECKING:
    from spacy.tokens import Token

# Relations along which a stance word's sign applies to what it governs.
EMBEDDING_DEPS = frozenset(
    {"dobj", "obj", "pobj", "prep", "pcomp", "xcomp", "ccomp", "acl", "acomp", "attr", "nsubjpass", "oprd", "dative"}
)
# Verbs conjoined inside one of these complements share what governs the complement.
COMPLEMENT_DEPS = frozenset({"xcomp", "acl", "pcomp"})
# Leaving a clause by these relations ends the path; its holder is inherited.
CLAUSE_EXIT_DEPS = frozenset({"conj", "advcl"})
# Prepositions through which a stance reaches its issue ("call for X", "idea of X",
# "pressure to X"); others ("talks on X", "concern over X") need a lexicon row.
CONTENT_PREPOSITIONS = frozenset({"of", "for", "to", "toward", "towards", "into", "including"})
HYPOTHETICAL_MARKS = frozenset({"whether", "if", "unless"})


def walk(reading: Reading, start: Token, path: Path) -> list[Finding]:
    """Follow the parse up from an issue (or an anaphor) and collect the stances on the way.

    The sign of each stance word, change and negator met is multiplied in.
    A stance word's holder ends the climb, unless another stance word
    governs it ("Y rejected X's call for ..."): then that one's holder
    gets the stance on the call's content too.
    """
    findings: list[Finding] = []
    polarity.apply_negation(reading, start, path)
    if start.dep_ == "compound":
        polarity.apply_occurrence(reading, reading.occurrence(start.head, "direction"), path)
    polarity.apply_obligation(reading, start, path)
    token = start
    resolved = False  # a holder (an actor or not) has been found for the stance so far
    for _ in range(MAX_PATH):
        head, relation = token.head, token.dep_
        if head == token:
            break
        if is_hypothetical(token) or is_hypothetical(head):
            return findings  # "whether Moscow would back ...": no stance either way
        if relation == "conj" and token.pos_ in VERB_POS and head.dep_ in COMPLEMENT_DEPS:
            token = head  # "promised to deport X and build Y": what governs the first governs both
            continue
        if relation in CLAUSE_EXIT_DEPS and not (token.pos_ in NOUN_POS and head.pos_ in NOUN_POS):
            if path.mode == "holder" and not resolved:  # the joined clause's verb is no evidence itself
                findings.extend(emit_findings(reading, inherited_holders(reading, head), path, token))
            elif path.mode == "speaker" and not resolved:  # "X said A must ... and B should ..."
                findings.extend(emit_findings(reading, speaker_holders(reading, head, start), path, token))
            return findings
        if relation in ("ccomp", "parataxis") and reading.is_word(head, "report"):
            if path.mode == "speaker" and not resolved:
                findings.extend(emit_findings(reading, speaker_holders(reading, head, start), path, head))
            return findings  # a stance word whose holder the report does not name is no one's
        if path.mode == "holder" and not resolved and controlled_by_object(token, head):
            objects = controllers(head)  # "criticized Y for backing X": Y backs X
            findings.extend(emit_findings(reading, holders_of(reading, objects, head), path, head))
            return findings
        if not step_allowed(reading, token, head, relation):
            break
        if resolved and reading.unapplied_cue(head) is None and not passes_through(reading, head):
            return findings  # past its holder, a stance goes on only into a stance word
        is_cue = apply_token(reading, head, relation, token, path)
        if is_cue and is_hypothetical_modal(reading, head):
            return findings  # "she would support it once elected": a guess, not a stance
        if path.mode == "holder" and (is_cue or not resolved):
            holders = own_holders(reading, head)
            if holders is not None:
                polarity.apply_denial(reading, head, path)
                findings.extend(emit_findings(reading, holders, path, head))
                resolved = True
        token = head
    if path.mode == "speaker" and not resolved:
        findings.extend(emit_findings(reading, quote_holders(reading, start), path, start))
    return findings


def controlled_by_object(token: Token, head: Token) -> bool:
    """A stance verb after a preposition of a verb with an object: "blamed Y for backing X"."""
    if token.pos_ != "ADP" or token.dep_ != "prep" or head.pos_ not in VERB_POS:
        return False
    if not any(c.dep_ == "pcomp" and c.pos_ in VERB_POS for c in token.children):
        return False
    return bool(controllers(head))


def controllers(verb: Token) -> list[Token]:
    """The verb's object, or its subject when passive: who the "for backing X" is about."""
    if is_passive(verb):
        return [t for c in verb.children if c.dep_ == "nsubjpass" for t in conjuncts(c)]
    return [t for c in verb.children if c.dep_ in ("dobj", "obj") for t in conjuncts(c)]


def is_hypothetical(token: Token) -> bool:
    """A clause under "whether", "if" or "unless"."""
    return any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in token.children)


def is_hypothetical_modal(reading: Reading, verb: Token) -> bool:
    """A stance verb under "would", "could", "might" or "may", not negated and not reported speech."""
    if verb.pos_ not in VERB_POS:
        return False
    clause = [verb, verb.head] if verb.dep_ == "conj" else [verb]  # "would do X and support Y"
    modal = any(c.dep_ == "aux" and reading.is_word(c, "hypothetical") for v in clause for c in v.children)
    negated = any(c.dep_ == "neg" for v in clause for c in v.children)
    reported = verb.dep_ in ("ccomp", "parataxis") and reading.is_word(verb.head, "report")
    return modal and not negated and not reported


def step_allowed(reading: Reading, token: Token, head: Token, relation: str) -> bool:
    """Whether a stance can pass from `token` up to `head`."""
    if relation == "conj":
        return token.pos_ in NOUN_POS and head.pos_ in NOUN_POS  # "sanctions and an embargo"
    if relation == "nsubj":
        return judges_subject(reading, head)
    if relation not in EMBEDDING_DEPS:
        return False
    if head.pos_ == "ADP":
        return head.lower_ in CONTENT_PREPOSITIONS or reading.stance_occurrence(head) is not None
    if reading.stance_occurrence(head) is not None or reading.occurrence(head, "issue") is not None:
        return True
    if head.pos_ in VERB_POS:
        return passes_through(reading, head) or described_as(reading, head, token) is not None
    if head.pos_ == "ADJ":
        return False  # "likely to", "able to": no side of their own, and no safe way through
    return head.pos_ in NOUN_POS  # "the idea of", "moves to", "the intensity of"


def passes_through(reading: Reading, head: Token) -> bool:
    """Verbs and words a stance crosses unchanged: copulas, light verbs, "need to", prepositions, nouns."""
    if head.pos_ in VERB_POS:
        return (
            reading.is_word(head, "transparent")
            or reading.is_word(head, "light")
            or polarity.is_modal_head(reading, head)
            or reading.is_word(head, "negator")
        )
    return head.pos_ in ("ADP", *NOUN_POS)


def apply_token(reading: Reading, head: Token, relation: str, child: Token, path: Path) -> bool:
    """Apply what `head` says about what it governs; True when a stance word was applied."""
    is_cue = False
    occurrence = reading.stance_occurrence(head)
    if occurrence is not None and occurrence.tokens not in path.applied:
        if occurrence.kind == "evaluation" and relation != "nsubj":
            occurrence = None  # an evaluation judges its subject
        elif occurrence.kind == "direction" and path.mode:
            occurrence = None  # a change applies to the issue, not to a stance on it ("began opposing")
    if occurrence is not None:
        polarity.apply_occurrence(reading, occurrence, path)
        is_cue = occurrence.kind == "cue"
    elif relation == "nsubj":
        polarity.apply_occurrence(reading, predicate_evaluation(reading, head), path)  # "sanctions are useless"
    elif relation in ("dobj", "obj", "nsubjpass") and head.pos_ in VERB_POS:
        judged = described_as(reading, head, child)  # "called the plan dangerous"
        if judged is not None:
            polarity.apply_occurrence(reading, judged, path, mode="holder")
            is_cue = True
    if head.pos_ in VERB_POS and reading.is_word(head, "light") and relation not in ("dobj", "obj"):
        carried = light_object(reading, head)  # "showed little enthusiasm to ..."
        if carried is not None and carried.tokens not in path.applied:
            polarity.apply_occurrence(reading, carried, path)
            is_cue = True
    if reading.is_word(head, "negator") and head.pos_ in NOUN_POS and relation == "prep":
        polarity.flip(path, head)  # "the lack of any support for X"
    polarity.apply_negation(reading, head, path)
    polarity.apply_obligation(reading, head, path)
    return is_cue

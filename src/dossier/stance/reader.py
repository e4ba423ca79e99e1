"""Stage `stance`: each actor's position on each issue, with evidence.

Issues come from a user's issues file (`--issues`, see stance_data); each
term that names an issue is found in the parse, and the dependency path from
it up to an actor is read like a sum of signs:

    Russia  dismissed  such a call  <- South Korea pushed for  moves to cut off ... oil
    holder  oppose     (anaphor)       support                  the issue

Stance words (`cue` rows: "oppose", "call for", "reluctant to") flip or keep
the sign of what they govern and give it a holder: their subject, the
passive agent, or for a noun its possessor ("Beijing's opposition to").
Changes ("tighten", "lift") give the sign of what is done to the issue; with
an obligation ("must", "needs to") or an evaluation ("sanctions are
useless") they are the stance of whoever says so: the speaker of a quote or
the subject of a verb of saying. Negators ("not", "little") flip the sign at
the word they modify; "whether"/"if" clauses are not stances. A noun such as
"such a call" with nothing after it stands for the nearest earlier stance of
its kind in the sentence (or the one before). Events of the events stage
lend their source actor when the parse gives a stance word no holder.

Without an issues file the stage proposes issues itself: the head nouns that
stance words govern become issues named `proposed:<lemma>`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from dossier.events.participants import FIRST_PERSON, RELATIVE_PRONOUNS, MentionIndex, actors_in, conjuncts, is_passive
from dossier.parse.model import ParsedArticle
from dossier.records import ActorRef, Event, Mention, Quote, Stance
from dossier.stance.lexicon import (
    Issue,
    LexiconEntry,
    Phrase,
    StanceLexicon,
    load_issues,
    normalise_word,
    stance_lexicon,
)
from dossier.stance.lexicon import stem as stem_word

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PROPOSED_PREFIX = "proposed:"

# A negated stance word is weaker evidence than a plain one: "did not oppose"
# is less than "supported". Set so that a negated strong cue (0.8) lands near
# a hedge (0.5).
NEGATION_FACTOR = 0.6
# A stance read through "such a call" rests on resolving the noun; slightly weaker.
ANAPHOR_FACTOR = 0.9
# Strengths are kept off 0: a found stance is some evidence.
MIN_STRENGTH = 0.05
# Words a "..." in an issue term may stand for; adverbs and determiners
# skipped inside a lexicon phrase ("pushed hard for", "make no sense").
MAX_GAP = 8
MAX_SKIP = 2
# Two stances of one actor on one issue in one sentence with opposite signs:
# the stronger is kept when it leads by this much, else both are dropped (a
# wrong polarity is worse than a miss).
CONFLICT_MARGIN = 0.2
# The holder's name joins the evidence span when it is this close to the stance
# words; farther away ("X spoke at ... and agreed to Y") it would swamp them.
MAX_HOLDER_GAP = 8
# How many steps up the parse a path is followed; sentences are shallow.
MAX_PATH = 14

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
NEGATOR_DEPS = frozenset({"neg", "det", "advmod", "amod", "npadvmod"})
ANAPHOR_DETERMINERS = frozenset({"such", "this", "that", "these", "those", "the"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
VERB_POS = frozenset({"VERB", "AUX"})
# Named things that are actors, places or times, never issues of their own.
NON_ISSUE_ENTITIES = frozenset(
    {
        "PERSON",
        "GPE",
        "NORP",
        "LOC",
        "DATE",
        "TIME",
        "CARDINAL",
        "ORDINAL",
        "MONEY",
        "PERCENT",
        "QUANTITY",
        "FAC",
        "ORG",
    }
)
# Words inside a name are not stance words ("the Court of Appeals for the 6th Circuit").
NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"})
# CAMEO roots that support what they are about (appeal, demand) or oppose it
# (disapprove, reject): an event lends its source only to a stance word of the same side.
SUPPORT_ROOTS = frozenset({"02", "10"})
OPPOSE_ROOTS = frozenset({"11", "12"})


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class Occurrence:
    """A lexicon phrase or issue term found in a sentence."""

    tokens: tuple[int, ...]
    kind: str  # a lexicon kind, or "issue"
    polarity: int
    strength: float
    issue: str | None = None

    @property
    def size(self) -> int:
        return len(self.tokens)


@dataclass
class Path:
    """What a walk from an issue up the parse has gathered so far."""

    issue: str
    polarity: int = 1
    strength: float = 0.0
    factor: float = 1.0
    mode: str = ""  # "" no stance yet, "holder" a stance word, "speaker" obligation or evaluation
    changed: bool = False  # a change ("tighten", "lift") governs the issue
    tokens: list[int] = field(default_factory=list)
    applied: set[tuple[int, ...]] = field(default_factory=set)


Holder = tuple[ActorRef, "Mention | None"]


@dataclass(frozen=True)
class Finding:
    """One stance before merging: holder, issue, sign, strength and the tokens it rests on."""

    actor: ActorRef
    issue: str
    polarity: int
    strength: float
    tokens: tuple[int, ...]
    sentence: int  # index of the sentence's first token


# ---------------------------------------------------------------- stage


def find_stances(
    parsed: ParsedArticle,
    mentions: tuple[Mention, ...],
    quotes: tuple[Quote, ...],
    events: tuple[Event, ...],
    issues_file: str | None = None,
) -> tuple[Stance, ...]:
    """Support/oppose stances of actors on the issues defined in `issues_file`.

    Without an issues file, issues are proposed from the article: the nouns
    that stance words govern, named `proposed:<lemma>`.

    Example:
        >>> stances = find_stances(parsed, mentions, quotes, events, "issues.yaml")
        >>> stances[0].actor.code, stances[0].issue, stances[0].polarity
        ('CHN', 'thaad_deployment', 'oppose')
    """
    issues = load_issues(issues_file) if issues_file else None
    reader = StanceReader(parsed.doc, stance_lexicon(), MentionIndex(parsed.doc, mentions), quotes, events)
    findings: list[Finding] = []
    previous: list[Finding] = []
    for sentence in parsed.doc.sents:
        found = reader.read_sentence(sentence, issues, previous)
        findings.extend(found)
        previous = found
    return tuple(_to_stances(merge_findings(findings), parsed))


class StanceReader:
    """Reads the stances of one document, sentence by sentence."""

    def __init__(
        self,
        doc: Doc,
        lexicon: StanceLexicon,
        index: MentionIndex,
        quotes: Iterable[Quote] = (),
        events: Iterable[Event] = (),
    ) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.index = index
        self.quotes = [q for q in quotes if q.speaker is not None]
        self.events = list(events)
        self.words, self.modals, self.phrases = _tables(lexicon)
        self.occurrences: dict[int, list[Occurrence]] = {}

    # ------------------------------------------------------------ sentences

    def read_sentence(self, sentence: Span, issues: tuple[Issue, ...] | None, previous: list[Finding]) -> list[Finding]:
        """Stances in one sentence; `previous` are the last sentence's, for "such a call"."""
        if not self.index:
            return []
        self.occurrences = {}
        for occurrence in self.phrases.find(sentence):
            if self._is_stance_word(occurrence):
                self._add(occurrence)
        issue_spans = find_issue_terms(sentence, issues) if issues is not None else self._proposed_issues(sentence)
        findings: list[Finding] = []
        for occurrence in issue_spans:
            self._add(occurrence)
        for occurrence in issue_spans:
            head = _highest(self.doc, occurrence.tokens)
            if not self._blocked_as_modifier(head, occurrence):
                findings.extend(self.walk(head, Path(occurrence.issue or "", tokens=list(occurrence.tokens))))
        findings.extend(self._read_anaphors(sentence, findings, previous))
        return findings

    def _is_stance_word(self, occurrence: Occurrence) -> bool:
        """Not a name ("the Court of Appeals for ...") nor a modifier ("pledged delegates")."""
        head = _highest(self.doc, occurrence.tokens)
        if head.dep_ == "amod" and head.pos_ in VERB_POS:
            return False
        return not any(
            self.index.at(self.doc[i]) is not None or self.doc[i].ent_type_ in NAME_ENTITIES for i in occurrence.tokens
        )

    def _add(self, occurrence: Occurrence) -> None:
        for i in occurrence.tokens:
            self.occurrences.setdefault(i, []).append(occurrence)

    def _blocked_as_modifier(self, head: Token, occurrence: Occurrence) -> bool:
        """An issue term that only modifies another noun ("the deployment site") is not the issue itself.

        A change noun as head keeps it, with that change's sign ("sanctions relief").
        """
        return head.dep_ == "compound" and self._occurrence(head.head, "direction") is None

    # ------------------------------------------------------------ the walk

    def walk(self, start: Token, path: Path) -> list[Finding]:
        """Follow the parse up from an issue (or an anaphor) and collect the stances on the way.

        The sign of each stance word, change and negator met is multiplied in.
        A stance word's holder ends the climb, unless another stance word
        governs it ("Y rejected X's call for ..."): then that one's holder
        gets the stance on the call's content too.
        """
        findings: list[Finding] = []
        self._apply_negation(start, path)
        if start.dep_ == "compound":
            self._apply(self._occurrence(start.head, "direction"), path)
        self._apply_obligation(start, path)
        token = start
        resolved = False  # a holder (an actor or not) has been found for the stance so far
        for _ in range(MAX_PATH):
            head, relation = token.head, token.dep_
            if head is token:
                break
            if _hypothetical(token) or _hypothetical(head):
                return findings  # "whether Moscow would back ...": no stance either way
            if relation == "conj" and token.pos_ in VERB_POS and head.dep_ in COMPLEMENT_DEPS:
                token = head  # "promised to deport X and build Y": what governs the first governs both
                continue
            if relation in CLAUSE_EXIT_DEPS and not (token.pos_ in NOUN_POS and head.pos_ in NOUN_POS):
                if path.mode == "holder" and not resolved:  # the joined clause's verb is no evidence itself
                    findings.extend(self._emit(self._inherited_holders(head), path, token))
                elif path.mode == "speaker" and not resolved:  # "X said A must ... and B should ..."
                    findings.extend(self._emit(self._speaker_holders(head, start), path, token))
                return findings
            if relation in ("ccomp", "parataxis") and self._is_word(head, "report"):
                if path.mode == "speaker" and not resolved:
                    findings.extend(self._emit(self._speaker_holders(head, start), path, head))
                return findings  # a stance word whose holder the report does not name is no one's
            if path.mode == "holder" and not resolved and self._controlled_by_object(token, head):
                objects = self._controllers(head)  # "criticized Y for backing X": Y backs X
                findings.extend(self._emit(self._actors(objects, head), path, head))
                return findings
            if not self._step_allowed(token, head, relation):
                break
            if resolved and self._unapplied_cue(head) is None and not self._passes_through(head):
                return findings  # past its holder, a stance goes on only into a stance word
            is_cue = self._apply_token(head, relation, token, path)
            if is_cue and self._hypothetical_modal(head):
                return findings  # "she would support it once elected": a guess, not a stance
            if path.mode == "holder" and (is_cue or not resolved):
                holders = self._own_holders(head)
                if holders is not None:
                    self._apply_denial(head, path)
                    findings.extend(self._emit(holders, path, head))
                    resolved = True
            token = head
        if path.mode == "speaker" and not resolved:
            findings.extend(self._emit(self._quote_holders(start), path, start))
        return findings

    def _controlled_by_object(self, token: Token, head: Token) -> bool:
        """A stance verb after a preposition of a verb with an object: "blamed Y for backing X"."""
        if token.pos_ != "ADP" or token.dep_ != "prep" or head.pos_ not in VERB_POS:
            return False
        if not any(c.dep_ == "pcomp" and c.pos_ in VERB_POS for c in token.children):
            return False
        return bool(self._controllers(head))

    def _controllers(self, verb: Token) -> list[Token]:
        if is_passive(verb):
            return [t for c in verb.children if c.dep_ == "nsubjpass" for t in conjuncts(c)]
        return [t for c in verb.children if c.dep_ in ("dobj", "obj") for t in conjuncts(c)]

    def _hypothetical_modal(self, verb: Token) -> bool:
        """A stance verb under "would", "could", "might" or "may", not negated and not reported speech."""
        if verb.pos_ not in VERB_POS:
            return False
        clause = [verb, verb.head] if verb.dep_ == "conj" else [verb]  # "would do X and support Y"
        modal = any(c.dep_ == "aux" and self._is_word(c, "hypothetical") for v in clause for c in v.children)
        negated = any(c.dep_ == "neg" for v in clause for c in v.children)
        reported = verb.dep_ in ("ccomp", "parataxis") and self._is_word(verb.head, "report")
        return modal and not negated and not reported

    def _step_allowed(self, token: Token, head: Token, relation: str) -> bool:
        """Whether a stance can pass from `token` up to `head`."""
        if relation == "conj":
            return token.pos_ in NOUN_POS and head.pos_ in NOUN_POS  # "sanctions and an embargo"
        if relation == "nsubj":
            return self._judges_subject(head)
        if relation not in EMBEDDING_DEPS:
            return False
        if head.pos_ == "ADP":
            return head.lower_ in CONTENT_PREPOSITIONS or self._stance_occurrence(head) is not None
        if self._stance_occurrence(head) is not None or self._occurrence(head, "issue") is not None:
            return True
        if head.pos_ in VERB_POS:
            return self._passes_through(head) or self._described_as(head, token) is not None
        if head.pos_ == "ADJ":
            return False  # "likely to", "able to": no side of their own, and no safe way through
        return head.pos_ in NOUN_POS  # "the idea of", "moves to", "the intensity of"

    def _passes_through(self, head: Token) -> bool:
        """Verbs and words a stance crosses unchanged: copulas, light verbs, "need to", prepositions, nouns."""
        if head.pos_ in VERB_POS:
            return (
                self._is_word(head, "transparent")
                or self._is_word(head, "light")
                or self._is_modal_head(head)
                or self._is_word(head, "negator")
            )
        return head.pos_ in ("ADP", *NOUN_POS)

    def _apply_token(self, head: Token, relation: str, child: Token, path: Path) -> bool:
        """Apply what `head` says about what it governs; True when a stance word was applied."""
        is_cue = False
        occurrence = self._stance_occurrence(head)
        if occurrence is not None and occurrence.tokens not in path.applied:
            if occurrence.kind == "evaluation" and relation != "nsubj":
                occurrence = None  # an evaluation judges its subject
            elif occurrence.kind == "direction" and path.mode:
                occurrence = None  # a change applies to the issue, not to a stance on it ("began opposing")
        if occurrence is not None:
            self._apply(occurrence, path)
            is_cue = occurrence.kind == "cue"
        elif relation == "nsubj":
            self._apply(self._predicate_evaluation(head), path)  # "sanctions are useless"
        elif relation in ("dobj", "obj", "nsubjpass") and head.pos_ in VERB_POS:
            judged = self._described_as(head, child)  # "called the plan dangerous"
            if judged is not None:
                self._apply(judged, path, mode="holder")
                is_cue = True
        if head.pos_ in VERB_POS and self._is_word(head, "light") and relation not in ("dobj", "obj"):
            carried = self._light_object(head)  # "showed little enthusiasm to ..."
            if carried is not None and carried.tokens not in path.applied:
                self._apply(carried, path)
                is_cue = True
        if self._is_word(head, "negator") and head.pos_ in NOUN_POS and relation == "prep":
            self._flip(path, head)  # "the lack of any support for X"
        self._apply_negation(head, path)
        self._apply_obligation(head, path)
        return is_cue

    def _apply(self, occurrence: Occurrence | None, path: Path, mode: str | None = None) -> None:
        if occurrence is None or occurrence.tokens in path.applied:
            return
        path.applied.add(occurrence.tokens)
        path.tokens.extend(occurrence.tokens)
        path.polarity *= occurrence.polarity
        for i in occurrence.tokens:
            self._apply_negation(self.doc[i], path)
        if occurrence.kind == "direction":
            path.changed = True
            return
        path.strength = occurrence.strength + self._intensity(occurrence)
        path.mode = mode or ("holder" if occurrence.kind == "cue" else "speaker")
        if path.mode == "holder" and self._modal_of(self.doc[occurrence.tokens[0]]) is not None:
            path.mode = "speaker"  # "the US should refuse X": a stance of whoever says so

    def _apply_denial(self, clause: Token, path: Path) -> None:
        """ "Tokyo denied that Japan backed X": the clause's stance is negated."""
        if clause.dep_ == "ccomp" and clause.head.pos_ in VERB_POS and self._is_word(clause.head, "negator"):
            self._flip(path, clause.head)

    def _flip(self, path: Path, negator: Token) -> None:
        key = (-1 - negator.i,)  # each negator counts once, however it is reached
        if key in path.applied:
            return
        path.applied.add(key)
        path.polarity *= -1
        path.factor *= NEGATION_FACTOR
        path.tokens.append(negator.i)

    def _apply_negation(self, token: Token, path: Path) -> None:
        """Flip the sign for each negator attached to the token ("not", "no", "little")."""
        heads = [token]
        if token.dep_ in ("acomp", "attr", "xcomp") and self._is_word(token.head, "transparent"):
            heads.append(token.head)  # "is not opposed to": the negator hangs on the copula
        for each in heads:
            for child in each.children:
                if child.dep_ in NEGATOR_DEPS and self._is_word(child, "negator"):
                    self._flip(path, child)

    def _apply_obligation(self, verb: Token, path: Path) -> None:
        """A modal of obligation over a change, or over the issue itself, is a stance of whoever says it."""
        if path.mode == "holder" or verb.pos_ not in VERB_POS:
            return
        in_issue = any(occ.kind == "issue" for occ in self.occurrences.get(verb.i, []))
        if not (path.changed or in_issue):
            return
        modal = self._modal_of(verb)
        if modal is None:
            return
        path.mode = "speaker"
        path.strength = max(path.strength, modal.strength)
        path.tokens.append(verb.i)

    def _modal_of(self, verb: Token) -> LexiconEntry | None:
        for child in verb.children:
            if child.dep_ == "aux":
                entry = self.modals.get(child)
                if entry is not None and (entry.phrase.size == 1 or _next_word(child) == "to"):
                    return entry  # "must", "ought to"; not the "has" of "has never supported"
        if verb.dep_ == "xcomp" and self._is_modal_head(verb.head):
            return self.modals.get(verb.head)
        return None

    def _is_modal_head(self, token: Token) -> bool:
        """ "need" or "have" with an infinitive: "needs to tighten"."""
        entry = self.modals.get(token)
        return entry is not None and entry.phrase.size > 1 and any(c.dep_ == "xcomp" for c in token.children)

    def _intensity(self, occurrence: Occurrence) -> float:
        boost = 0.0
        for i in occurrence.tokens:
            token = self.doc[i]
            heads = [token, token.head] if token.dep_ in ("acomp", "xcomp") else [token]
            for each in heads:
                for child in each.children:
                    entry = self.words["intensifier"].get(child)
                    if entry is not None and child.dep_ in ("advmod", "amod"):
                        boost += entry.strength
        return boost

    # ------------------------------------------------------------ judging

    def _judges_subject(self, head: Token) -> bool:
        """The issue is the subject of an evaluation: "sanctions are useless", "the plan does not help"."""
        if self._occurrence(head, "evaluation") is not None:
            return True
        return self._is_word(head, "transparent") and self._predicate_evaluation(head) is not None

    def _predicate_evaluation(self, copula: Token) -> Occurrence | None:
        for child in copula.children:
            if child.dep_ in ("acomp", "attr", "oprd"):
                for each in conjuncts(child):
                    found = self._occurrence(each, "evaluation")
                    if found is not None:
                        return found
        return None

    def _described_as(self, verb: Token, obj: Token | None = None) -> Occurrence | None:
        """An evaluation of a verb's object: "called the plan dangerous", "described X as useless"."""
        # "X as useless" and a predicative adjective after the object ("called the plan
        # dangerous") hang on the object in the parse as often as on the verb.
        on_object = [
            c
            for c in (obj.children if obj is not None else ())
            if (c.dep_ == "prep" and c.lower_ == "as") or (c.dep_ == "amod" and c.i > obj.i)
        ]
        for child in [*verb.children, *on_object]:
            candidates: list[Token] = []
            if child.dep_ in ("oprd", "ccomp", "xcomp", "acomp"):
                candidates = conjuncts(child)
            elif child.dep_ == "prep" and child.lower_ == "as":
                candidates = [g for c in child.children for g in [c, *conjuncts(c)]]
            elif child.dep_ == "amod":
                candidates = conjuncts(child)
            for each in candidates:
                found = self._occurrence(each, "evaluation")
                if found is not None:
                    return found
        return None

    def _light_object(self, verb: Token) -> Occurrence | None:
        """The stance noun carried by a light verb: "showed little enthusiasm to ..."."""
        for child in verb.children:
            if child.dep_ in ("dobj", "obj"):
                found = self._occurrence(child, "cue")
                if found is not None:
                    return found
        return None

    def _unapplied_cue(self, token: Token) -> Occurrence | None:
        found = self._stance_occurrence(token)
        return found if found is not None and found.kind == "cue" else None

    # ------------------------------------------------------------ holders

    def _own_holders(self, head: Token) -> list[Holder] | None:
        """The holders of a stance word from its own slots; None when it has none and the climb goes on."""
        if head.pos_ in NOUN_POS or any(c.dep_ == "poss" for c in head.children):
            return self._noun_holders(head)  # also a noun the tagger took for a verb: "Trump's calls to"
        if head.pos_ not in VERB_POS and not (head.pos_ == "ADJ" and head.dep_ not in ("acomp", "xcomp")):
            return None  # a preposition, or an adjective whose subject is on the copula above
        if is_passive(head):
            agents = [
                g
                for c in head.children
                if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                for g in c.children
                if g.dep_ == "pobj"
            ]
            return self._actors(agents, head) if agents else None
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "csubj")]
        return self._actors(subjects, head) if subjects else None

    def _noun_holders(self, noun: Token) -> list[Holder] | None:
        """ "Beijing's opposition", "US calls for", "Chinese opposition", "calls by Japan for"."""
        holders: list[Token] = []
        explicit = False  # a possessor or a "by" phrase is the holder, actor or not
        for child in noun.children:
            mention = self.index.at(child)
            if child.dep_ == "poss":
                holders.append(child)
                explicit = True
            elif child.dep_ in ("compound", "amod", "nmod") and mention is not None and mention.kind != "metonym":
                holders.append(child)  # "US calls", "Chinese opposition"; not "Capitol Hill rally"
            elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
                holders.extend(g for g in child.children if g.dep_ == "pobj")
                explicit = True
        return self._actors(holders, noun) if holders or explicit else None

    def _actors(self, tokens: list[Token], predicate: Token) -> list[Holder]:
        holders: list[Holder] = []
        for token in tokens:
            if token.lower_ in FIRST_PERSON:
                holders.extend(self._speaker_holders(predicate, token))
            elif token.lower_ in RELATIVE_PRONOUNS and predicate.dep_ == "relcl":
                holders.extend((s.actor, s.mention) for s in actors_in(conjuncts(predicate.head), self.index))
            else:
                holders.extend((s.actor, s.mention) for s in actors_in(conjuncts(token), self.index))
        return _unique(holders)

    def _inherited_holders(self, head: Token) -> list[Holder]:
        """The subject a clause shares with the one it is joined to ("X rejected A, criticizing B")."""
        token = head
        for _ in range(4):  # conjoined or controlled verbs rarely chain deeper
            holders = self._own_holders(token) if token.pos_ not in NOUN_POS else None
            if holders is not None:
                return holders
            if token.dep_ in ("conj", "xcomp", "advcl", "acomp"):
                token = token.head
                continue
            return []
        return []

    def _speaker_holders(self, verb: Token, anchor: Token) -> list[Holder]:
        """Who says it: the speaker of the quote around it, or the subject of a verb of saying above."""
        speakers = self._quote_holders(anchor)
        if speakers:
            return speakers
        token = verb
        for _ in range(MAX_PATH):
            if self._is_word(token, "report"):
                subjects = [
                    t
                    for c in token.children
                    if c.dep_ in ("nsubj", "csubj") and c.lower_ not in FIRST_PERSON
                    for t in conjuncts(c)
                ]
                found = [(slot.actor, slot.mention) for slot in actors_in(subjects, self.index)]
                if found:
                    return _unique(found)
            if token.head is token:
                break
            token = token.head
        return []

    def _quote_holders(self, token: Token) -> list[Holder]:
        at = token.idx
        return _unique([(q.speaker, None) for q in self.quotes if q.speaker is not None and q.start <= at < q.end])

    def _event_holders(self, token: Token, polarity: int) -> list[Holder]:
        """Sources of events coded on this stance word, when the parse gave it no actor."""
        lemma = token.lemma_.lower()
        roots = SUPPORT_ROOTS if polarity > 0 else OPPOSE_ROOTS
        found: list[Holder] = []
        for event in self.events:
            if event.root_code not in roots or {"negated", "hypothetical"} & set(event.flags) or not event.source.code:
                continue
            if lemma in (event.predicate or "").lower().split() and event.start <= token.idx < event.end:
                found.append((event.source, None))
        return _unique(found)

    # ------------------------------------------------------------ findings

    def _emit(self, holders: list[Holder], path: Path, anchor: Token) -> list[Finding]:
        if not path.mode or not path.issue:
            return []
        if not holders and path.mode == "holder":
            holders = self._event_holders(anchor, path.polarity)
        sentence = anchor.sent
        strength = round(min(1.0, max(MIN_STRENGTH, path.strength * path.factor)), 3)
        tokens = {i for i in path.tokens if sentence.start <= i < sentence.end} | {anchor.i}
        findings = []
        for actor, mention in holders:
            evidence = set(tokens)
            if mention is None:  # a quote's speaker: show where the sentence names them, if it does
                mention = next((m for t in sentence if (m := self.index.at(t)) is not None and m.actor == actor), None)
            if mention is not None:
                named = {
                    t.i
                    for t in self.doc.char_span(mention.start, mention.end, alignment_mode="expand") or ()
                    if sentence.start <= t.i < sentence.end
                }
                if named and min(abs(i - j) for i in named for j in tokens) <= MAX_HOLDER_GAP:
                    evidence |= named
            findings.append(
                Finding(actor, path.issue, path.polarity, strength, tuple(sorted(evidence)), sentence.start)
            )
        return findings

    # ------------------------------------------------------------ anaphors

    def _read_anaphors(self, sentence: Span, found: list[Finding], previous: list[Finding]) -> list[Finding]:
        """ "Y dismissed such a call": Y's stance on what the earlier call asked for."""
        results: list[Finding] = []
        for token in sentence:
            issue = self._issue_pronoun(token, sentence)
            if issue is not None:  # "Japan wants an embargo, but China opposes it"
                results.extend(self.walk(token, Path(issue, tokens=[token.i])))
                continue
            entry = self.words["anaphor"].get(token)
            if entry is None or token.pos_ not in NOUN_POS or not _points_back(token):
                continue
            if any(occ.kind == "issue" for t in token.subtree for occ in self.occurrences.get(t.i, [])):
                continue
            antecedent = _antecedent(token, entry.polarity, found, previous)
            if antecedent is None:
                continue
            path = Path(antecedent.issue, polarity=antecedent.polarity, factor=ANAPHOR_FACTOR, tokens=[token.i])
            for finding in self.walk(token, path):
                if finding.actor != antecedent.actor:  # "X pushed for A, and X repeated the call" adds nothing
                    results.append(finding)
        return results

    def _issue_pronoun(self, token: Token, sentence: Span) -> str | None:
        """The issue an object "it" stands for: the last issue named before it in the sentence."""
        if token.lower_ != "it" or token.dep_ not in ("dobj", "pobj") or self.index.at(token) is not None:
            return None
        before = [
            occ for t in sentence if t.i < token.i for occ in self.occurrences.get(t.i, []) if occ.kind == "issue"
        ]
        return before[-1].issue if before else None

    # ------------------------------------------------------------ proposed issues

    def _proposed_issues(self, sentence: Span) -> list[Occurrence]:
        """Without an issues file: the nouns that a stance word or change governs."""
        proposed = []
        for token in sentence:
            if token.pos_ not in NOUN_POS or self.index.at(token) is not None or token.ent_type_ in NON_ISSUE_ENTITIES:
                continue
            if not token.is_alpha or self._addressed(token):
                continue
            if token.dep_ == "compound" or self.occurrences.get(token.i) or token.like_num:
                continue
            if any(self.words[kind].get(token) for kind in ("generic", "anaphor")):
                continue
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
                continue  # "the intensity of sanctions": the noun after "of" is the issue
            if self._governed_by_stance(token):
                modifiers = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
                words = [normalise_word(t.lemma_) for t in [*modifiers, token]]
                tokens = tuple(sorted(t.i for t in [*modifiers, token]))
                proposed.append(Occurrence(tokens, "issue", 1, 1.0, PROPOSED_PREFIX + "_".join(words)))
        return proposed

    def _addressed(self, noun: Token) -> bool:
        """The object of "urged X to ...", "persuaded X to ...": whom a stance is pressed on, not an issue."""
        return noun.dep_ in ("dobj", "obj") and any(c.dep_ == "xcomp" for c in noun.head.children)

    def _governed_by_stance(self, noun: Token) -> bool:
        token = noun
        for _ in range(4):  # "calls for X", "the idea of tightening X", "the intensity of X"
            if token.dep_ not in ("dobj", "obj", "pobj", "nsubjpass", "pcomp", "prep"):
                return False
            head = token.head
            if self._stance_occurrence(head) is not None:
                return True
            through_of = token.lower_ == "of" and head.pos_ in NOUN_POS
            if head.pos_ != "ADP" and not through_of:
                return False
            token = head
        return False

    # ------------------------------------------------------------ lookups

    def _occurrence(self, token: Token, kind: str) -> Occurrence | None:
        found = [occ for occ in self.occurrences.get(token.i, []) if occ.kind == kind]
        return max(found, key=lambda occ: occ.size) if found else None

    def _stance_occurrence(self, token: Token) -> Occurrence | None:
        """The longest cue, change or evaluation at a token; a cue wins a tie."""
        found = [occ for occ in self.occurrences.get(token.i, []) if occ.kind in ("cue", "direction", "evaluation")]
        if not found:
            return None
        order = {"cue": 0, "evaluation": 1, "direction": 2}
        return min(found, key=lambda occ: (-occ.size, order[occ.kind]))

    def _is_word(self, token: Token, kind: str) -> bool:
        return self.words[kind].get(token) is not None


# ---------------------------------------------------------------- matching

WORD_KINDS = ("negator", "intensifier", "report", "light", "transparent", "anaphor", "generic", "hypothetical")


@lru_cache(maxsize=4)
def _tables(lexicon: StanceLexicon) -> tuple[dict[str, _WordTable], _WordTable, _PhraseTable]:
    """Lookup tables of a lexicon, built once per lexicon rather than once per article."""
    words = {kind: _WordTable(lexicon.of_kind(kind)) for kind in WORD_KINDS}
    phrases = _PhraseTable(e for e in lexicon.entries if e.kind in ("cue", "direction", "evaluation"))
    return words, _WordTable(lexicon.of_kind("modal")), phrases


class _WordTable:
    """Single words of one lexicon kind, looked up by any form of a token."""

    def __init__(self, entries: Iterable[LexiconEntry]) -> None:
        self.exact: dict[str, LexiconEntry] = {}
        self.stems: dict[str, LexiconEntry] = {}
        for entry in entries:
            word = entry.phrase.first
            self.exact[word] = entry
            self.stems[stem_word(word)] = entry

    def get(self, token: Token) -> LexiconEntry | None:
        lower, lemma = normalise_word(token.text), normalise_word(token.lemma_)
        for key in (lower, lemma):
            if key in self.exact:
                return self.exact[key]
        for key in (lower, lemma):
            if stem_word(key) in self.stems:
                return self.stems[stem_word(key)]
        return None


class _PhraseTable:
    """Lexicon phrases indexed by their first word."""

    def __init__(self, entries: Iterable[LexiconEntry]) -> None:
        self.by_first: dict[str, list[LexiconEntry]] = {}
        for entry in entries:
            for key in {entry.phrase.first, stem_word(entry.phrase.first)}:
                self.by_first.setdefault(key, []).append(entry)

    def find(self, sentence: Span) -> list[Occurrence]:
        found: list[Occurrence] = []
        for token in sentence:
            candidates: dict[int, LexiconEntry] = {}
            for key in _keys(token):
                for entry in self.by_first.get(key, []):
                    candidates[id(entry)] = entry
            for entry in candidates.values():
                tokens = match_phrase(sentence, token.i - sentence.start, entry.phrase, skip=MAX_SKIP)
                if tokens:
                    found.append(Occurrence(tokens, entry.kind, entry.polarity, entry.strength))
        return found


def _keys(token: Token) -> set[str]:
    lower, lemma = normalise_word(token.text), normalise_word(token.lemma_)
    return {lower, lemma, stem_word(lower), stem_word(lemma)}


def word_matches(word: str, token: Token) -> bool:
    """A phrase word matches a token in any inflected form.

    Example:
        >>> word_matches("sanction", nlp("Sanctions")[0])
        True
    """
    lower, lemma = normalise_word(token.text), normalise_word(token.lemma_)
    return word in (lower, lemma) or stem_word(word) in (stem_word(lower), stem_word(lemma))


def match_phrase(sentence: Span, at: int, phrase: Phrase, skip: int = 0) -> tuple[int, ...] | None:
    """Token indices of the phrase starting at sentence position `at`, or None.

    Within a group of words, up to `skip` adverbs or determiners may come
    between two words, and punctuation is passed over ("anti-missile"); a
    "..." between groups may stand for up to MAX_GAP words that belong to
    the phrase begun by the first group.
    """
    tokens: list[int] = []
    position = at
    for number, segment in enumerate(phrase.segments):
        if number == 0:
            matched = _match_segment(sentence, position, segment, skip)
        else:
            matched = None
            root = _highest(sentence.doc, tuple(tokens))
            for start in range(position, min(len(sentence), position + MAX_GAP + 1)):
                if not root.is_ancestor(sentence[start]):
                    continue  # the words after "..." belong to the phrase begun before it
                matched = _match_segment(sentence, start, segment, skip)
                if matched:
                    break
        if not matched:
            return None
        tokens.extend(matched)
        position = matched[-1] - sentence.start + 1
    return tuple(tokens)


def _match_segment(sentence: Span, position: int, words: tuple[str, ...], skip: int) -> list[int] | None:
    matched: list[int] = []
    skipped = 0
    for word in words:
        while position < len(sentence) and not word_matches(word, sentence[position]):
            token = sentence[position]
            if not matched or not (token.is_punct or (token.pos_ in ("ADV", "DET") and skipped < skip)):
                return None
            if not token.is_punct:
                skipped += 1
            position += 1
        if position >= len(sentence):
            return None
        matched.append(sentence[position].i)
        position += 1
    return matched


def find_issue_terms(sentence: Span, issues: tuple[Issue, ...]) -> list[Occurrence]:
    """Terms of the issues in a sentence; of overlapping matches the longest wins, then the earlier issue."""
    table = _term_table(issues)
    candidates: list[tuple[int, int, int, Occurrence]] = []
    for position, token in enumerate(sentence):
        seen: set[tuple[int, int]] = set()
        for key in _keys(token):
            for rank, number, term, issue_id in table.get(key, ()):
                if (rank, number) in seen:
                    continue
                seen.add((rank, number))
                tokens = match_phrase(sentence, position, term)
                if tokens:
                    candidates.append((-len(tokens), rank, tokens[0], Occurrence(tokens, "issue", 1, 1.0, issue_id)))
    chosen: list[Occurrence] = []
    taken: set[int] = set()
    for _size, _rank, _first, occurrence in sorted(candidates, key=lambda c: c[:3]):
        if taken.isdisjoint(occurrence.tokens):
            chosen.append(occurrence)
            taken.update(occurrence.tokens)
    return sorted(chosen, key=lambda occ: occ.tokens[0])


@lru_cache(maxsize=8)
def _term_table(issues: tuple[Issue, ...]) -> dict[str, list[tuple[int, int, Phrase, str]]]:
    """Issue terms by every key of their first word: (issue rank, term number, term, issue id)."""
    table: dict[str, list[tuple[int, int, Phrase, str]]] = {}
    for rank, issue in enumerate(issues):
        for number, term in enumerate(issue.terms):
            for key in {term.first, stem_word(term.first)}:
                table.setdefault(key, []).append((rank, number, term, issue.id))
    return table


# ---------------------------------------------------------------- helpers


def _highest(doc: Doc, indices: tuple[int, ...]) -> Token:
    """The token of a set that the others hang from (the one with the fewest ancestors)."""
    tokens = [doc[i] for i in indices]
    return min(tokens, key=lambda t: (sum(1 for _ in t.ancestors), t.i))


def _next_word(token: Token) -> str:
    return token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""


def _hypothetical(token: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in token.children)


def _points_back(noun: Token) -> bool:
    """ "such a call", "the idea", "this proposal" with nothing that says what it asks for."""
    determiners = {c.lower_ for c in noun.children if c.dep_ in ("det", "predet", "amod")}
    if not determiners & ANAPHOR_DETERMINERS:
        return False
    return not any(c.dep_ in ("prep", "acl", "relcl", "poss") for c in noun.children)


def _antecedent(noun: Token, polarity: int, found: list[Finding], previous: list[Finding]) -> Finding | None:
    """The nearest earlier stance of the anaphor's side: first in the sentence, then in the last one."""
    before = [f for f in found if f.tokens and max(f.tokens) < noun.i and f.polarity == polarity]
    if before:
        return max(before, key=lambda f: max(f.tokens))
    earlier = [f for f in previous if f.polarity == polarity]
    return max(earlier, key=lambda f: max(f.tokens)) if earlier else None


def _unique(holders: Iterable[Holder]) -> list[Holder]:
    seen: dict[ActorRef, Holder] = {}
    for actor, mention in holders:
        if actor not in seen or seen[actor][1] is None:
            seen[actor] = (actor, mention)
    return list(seen.values())


def merge_findings(findings: list[Finding]) -> list[Finding]:
    """One stance per actor, issue, sign and sentence; conflicting signs resolved or dropped."""
    merged: dict[tuple[ActorRef, str, int, int], Finding] = {}
    for finding in findings:
        key = (finding.actor, finding.issue, finding.polarity, finding.sentence)
        if key in merged:
            known = merged[key]
            finding = replace(
                known,
                strength=max(known.strength, finding.strength),
                tokens=tuple(sorted(set(known.tokens) | set(finding.tokens))),
            )
        merged[key] = finding
    kept: list[Finding] = []
    for (actor, issue, polarity, sentence), finding in merged.items():
        rival = merged.get((actor, issue, -polarity, sentence))
        if rival is not None and finding.strength - rival.strength < CONFLICT_MARGIN:
            continue
        kept.append(finding)
    return sorted(kept, key=lambda f: (min(f.tokens), f.issue))


def _to_stances(findings: list[Finding], parsed: ParsedArticle) -> list[Stance]:
    doc, text = parsed.doc, parsed.article.text
    stances = []
    for finding in findings:
        sentence = doc[finding.sentence].sent
        tokens = [doc[i] for i in finding.tokens if sentence.start <= i < sentence.end]
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t.text) for t in tokens)
        stances.append(
            Stance(
                article_id=parsed.article.id,
                actor=finding.actor,
                issue=finding.issue,
                polarity="support" if finding.polarity > 0 else "oppose",
                strength=finding.strength,
                evidence=text[start:end],
                start=start,
                end=end,
            )
        )
    return stances

"""Pronouns: "he", "she", "they", "it" resolved to the nearest compatible earlier actor.

A pronoun takes the speaker whose clause holds it ("Putin said he ..."),
else the one compatible actor of its own sentence, else of the nearest
sentence before it (up to `PRONOUN_LOOKBACK_SENTENCES`). Where more than
one actor would fit, it resolves to nothing: a wrong antecedent costs more
than a missing one. "It" stands for a country or an organisation only as
the subject of a clause whose nearest subject above is one (`_it_antecedent`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from itertools import product
from typing import TYPE_CHECKING, Literal

from dossier.actors.spans import is_subject
from dossier.actors.state import ArticleInputs, Draft, FoundMentions
from dossier.quotes.cues import CueLexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

PERSON_PRONOUNS = frozenset({"he", "him", "she", "her"})
GROUP_PRONOUNS = frozenset({"they", "them"})
MASCULINE_FORMS = frozenset({"he", "him"})
FEMININE_FORMS = frozenset({"she", "her"})
PRONOUN_FORMS = PERSON_PRONOUNS | GROUP_PRONOUNS | {"it"}
# Every capitalisation of those forms ("He", "THEM", ...): `text in PRONOUN_SPELLINGS` is
# `text.lower() in PRONOUN_FORMS` without lower-casing every word of the article.
PRONOUN_SPELLINGS = frozenset(
    "".join(letters) for form in PRONOUN_FORMS for letters in product(*((c, c.upper()) for c in form))
)
# How far back (in sentences) a pronoun looks for its antecedent. A news
# paragraph rarely names its subject more than half a dozen sentences
# before the pronoun; beyond that a guess is more often wrong than right.
PRONOUN_LOOKBACK_SENTENCES = 6

# Verbs whose subject "it" is seldom an actor: "it is unclear whether", "it seems", "it appeared that".
# A copula's "it" is left unresolved even where it is one ("it is the party of ..."): on PolNeAR news
# the copula's "it" was a clause, a thing or nothing in most of the cases read.
EXPLETIVE_VERBS = frozenset({"be", "seem", "appear", "happen"})
# A verb and a word hanging from it that make an idiom of an empty "it": "when it comes to", "it turned out".
EXPLETIVE_IDIOMS = frozenset({("come", "when"), ("turn", "out")})
# "which", "that", "who": a relative clause's subject stands for the noun the clause hangs from.
RELATIVE_PRONOUN_TAGS = frozenset({"WDT", "WP"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Clauses that describe a noun: "a pastor supporting Mr. Cruz", "a voter who met Clinton".
CLAUSE_MODIFIER_DEPS = frozenset({"acl", "relcl"})

# Whether a mention's actor could be what a pronoun stands for.
Fits = Callable[[Draft], bool]


def resolve_pronouns(inputs: ArticleInputs, found: FoundMentions) -> None:
    """Add a mention for every pronoun whose antecedent is one actor found before it."""
    doc = inputs.doc
    # Only a word spelt as one of the pronouns can be one: the rest of the article is never looked at.
    spelt = [i for i, text in enumerate(inputs.texts) if text in PRONOUN_SPELLINGS]
    article = _ArticleMentions(inputs, found, spelt)
    for i in spelt:
        token = doc[i]
        lowered = token.lower_
        if found.is_taken(i) or token.pos_ != "PRON":
            continue
        gender = None
        if lowered in PERSON_PRONOUNS and token.tag_ == "PRP":
            gender = "m" if lowered in ("he", "him") else "f"
            fits = _person_of_gender(gender)
            antecedent = _cataphoric_subject(article, token, fits) or _pronoun_antecedent(article, token, fits)
        elif lowered in GROUP_PRONOUNS:
            antecedent = _pronoun_antecedent(article, token, lambda d: d.group, previous_subject_only=True)
        elif lowered == "it" and is_subject(token):
            antecedent = _it_antecedent(article, token)
        else:
            continue
        if antecedent is None:
            continue
        draft = Draft(i, i + 1, antecedent.actor, "pronoun", person=antecedent.person)
        draft.antecedent = antecedent.start
        draft.gender = gender
        article.add_pronoun(draft)
        if gender and antecedent.person and antecedent.gender is None:
            _learn_gender(found, antecedent.person, gender)


class _ArticleMentions:
    """What pronoun resolution reads of the mentions found, indexed once per article.

    The mentions of the steps before do not change while pronouns are
    resolved (their gender aside, which `Fits` reads when asked); resolved
    pronouns are added in text order. So the mentions before a pronoun are
    a slice of lists sorted by start, not a new sort of every mention for
    every pronoun.
    """

    def __init__(self, inputs: ArticleInputs, found: FoundMentions, spelt: list[int]) -> None:
        self.inputs = inputs
        self.found = found
        self.named = sorted((d for d in found.drafts if d.kind != "pronoun"), key=lambda d: d.start)
        self.named_starts = [d.start for d in self.named]
        self.pronouns = [d for d in found.drafts if d.kind == "pronoun"]
        self.pronoun_starts = [d.start for d in self.pronouns]
        self.resolved = set(self.pronoun_starts)
        self.by_token: list[Draft | None] = [None] * len(inputs.doc)
        for draft in found.drafts:
            self.by_token[draft.start : draft.end] = [draft] * (draft.end - draft.start)
        doc = inputs.doc
        self.personal = [i for i in spelt if doc[i].tag_ == "PRP" and doc[i].lower_ in PERSON_PRONOUNS]
        self.quoted: dict[int, bool] = {}

    def add_pronoun(self, draft: Draft) -> None:
        self.found.add(draft)
        self.pronouns.append(draft)
        self.pronoun_starts.append(draft.start)
        self.resolved.add(draft.start)
        self.by_token[draft.start] = draft

    def named_between(self, start: int, end: int, fits: Fits) -> list[Draft]:
        """Mentions other than pronouns that fit, starting in [start, end), in text order."""
        low, high = bisect_left(self.named_starts, start), bisect_left(self.named_starts, end)
        return [d for d in self.named[low:high] if fits(d)]

    def pronouns_between(self, start: int, end: int, fits: Fits) -> list[Draft]:
        """Resolved pronouns that fit, starting in [start, end), in text order."""
        low, high = bisect_left(self.pronoun_starts, start), bisect_left(self.pronoun_starts, end)
        return [d for d in self.pronouns[low:high] if fits(d)]

    def covering(self, i: int, fits: Fits) -> Draft | None:
        """The mention holding token i, if it fits."""
        draft = self.by_token[i]
        return draft if draft is not None and fits(draft) else None

    def inside_quotation(self, i: int) -> bool:
        """`_inside_quotation` of token i, worked out once per token."""
        inside = self.quoted.get(i)
        if inside is None:
            inside = self.quoted[i] = _inside_quotation(self.inputs.text, self.inputs.doc[i])
        return inside


def _person_of_gender(gender: str) -> Fits:
    """A person whose gender is this one or not known."""
    return lambda d: d.person is not None and d.gender in (None, gender)


def _learn_gender(found: FoundMentions, person: str, gender: str) -> None:
    """ "He" said of someone tells their gender for the rest of the article."""
    for draft in found.drafts:
        if draft.person == person and draft.gender is None:
            draft.gender = gender


def _pronoun_antecedent(
    article: _ArticleMentions,
    token: Token,
    fits: Fits,
    same_sentence_only: bool = False,
    previous_subject_only: bool = False,
) -> Draft | None:
    """The speaker whose clause holds the pronoun; else the one compatible actor of the nearest sentence."""
    inputs = article.inputs
    doc = inputs.doc
    sentences = inputs.sentences
    index = inputs.sentence_index(token.i)
    sentence_start = sentences[index][0]
    lookback = 1 if previous_subject_only else PRONOUN_LOOKBACK_SENTENCES
    # Every mention read below starts before the pronoun and no earlier than the furthest sentence looked at.
    earliest = sentences[max(index - lookback, 0)][0]
    by_start = article.named_between(earliest, token.i, fits)
    if is_subject(token):
        # "Putin said he would...": the subject of a verb the pronoun's clause hangs from.
        for ancestor in token.ancestors:
            for child in ancestor.children:
                if not is_subject(child) or child.i > token.i or token in child.subtree:
                    continue
                # An earlier pronoun already resolved counts as the subject it stands for ("He said he ...").
                covering = article.covering(child.i, fits)
                if covering is not None:
                    return covering
                if _could_be_antecedent(token, child):
                    return None  # "Organizers said they ...": the pronoun's antecedent is no actor we know
                if _named_in_clause_of(article, child, fits):
                    return None  # "One pastor supporting Mr. Cruz said he had ...": the pastor, not Cruz
    else:
        # "X called Y to congratulate him": an object pronoun is not the subject of its own clause.
        bound = _clause_subjects(article, token, fits)
        by_start = [d for d in by_start if d not in bound]
    speaker = _is_speaker_pronoun(inputs.cues, token) and not article.inside_quotation(token.i)
    if speaker:
        # '"I beat Trump," he said': a speaker is not someone named in his own quote; an earlier
        # "He said ..." counts as the speaker it stands for.
        pronouns = article.pronouns_between(earliest, token.i, fits)
        by_start = sorted(
            (d for d in by_start + pronouns if not article.inside_quotation(d.start)),
            key=lambda d: d.start,
        )
    same = _distinct(
        d
        for d in by_start
        if sentence_start <= d.start
        and d.end <= token.i
        # 'Choosing Clinton is a "false choice," she said': the speaker is not the topic before the quote.
        and not (speaker and _closes_quote_between(inputs, d.end, token.i))
    )
    if same is not None:
        return same or None
    if same_sentence_only or article.inside_quotation(token.i):
        return None  # inside a quotation "he" may be anyone the speaker has in mind
    for back in range(1, lookback + 1):
        if index - back < 0:
            break
        start, end = sentences[index - back]
        if _unresolved_pronoun_like(article, token, start, end):
            return None  # "she" there stands for someone we could not name: this one may too
        candidates = [d for d in by_start if start <= d.start < end]
        if previous_subject_only:
            candidates = [d for d in candidates if any(is_subject(t) for t in doc[d.start : d.end])]
        one = _distinct(candidates)
        if one is False and speaker:
            # Two people in that sentence, one of them speaking: '..., he said' goes on with the speaker.
            one = _distinct(d for d in candidates if _is_speech_subject(inputs, d)) or False
        if one is not None:
            return one or None
    return None


def _it_antecedent(article: _ArticleMentions, token: Token) -> Draft | None:
    """ "The Times reported it had obtained the emails", "the group, which said it would ...": "it" stands for
    an organisation or a country only as the subject of a clause that an organisation's subject governs.

    Any other "it" of news stands for a thing far more often than for an actor, and a thing is no actor we
    know: the plan, the bill or the report a clause spoke of ("the AP report was misleading because it ..."),
    or nothing at all ("it is clear that", "when it comes to"). So "it" after an outlet that was only the
    object of a verb ("he told CNN it was ...") or an actor merely named earlier in the sentence resolves
    to nothing.
    """
    if _stands_for_no_thing(token):
        return None
    below = token  # the child of `ancestor` on the way up from the pronoun
    for ancestor in token.ancestors:
        subjects = []
        for child in ancestor.children:
            if not is_subject(child) or child.i > token.i or token in child.subtree:
                continue
            if child.tag_ in RELATIVE_PRONOUN_TAGS and ancestor.dep_ == "relcl":
                child = ancestor.head  # "CBS, which said it would ...": the relative pronoun stands for its noun
            if child.tag_ in PLURAL_TAGS:
                continue  # "new filings show it has ...": "it" is not a plural subject
            if child.lower_ == "it" and _stands_for_no_thing(child):
                continue  # "Europe has made it clear it will ...": an empty "it" above is no one's subject
            subjects.append(child)
        if subjects:
            if _reported_before(article.inputs.cues, ancestor, subjects[0]) and below.dep_ != "ccomp":
                return None  # "The campaign unveiled a plan, CNN reported, and it would ...": "it" goes on with it
            # The nearest singular subject above decides: an organisation, or a thing or someone "it" is not.
            heading = (_organisation_heading(article, subject) for subject in subjects)
            return next((draft for draft in heading if draft is not None), None)
        below = ancestor
    # "Once Congress postpones a tax, it has a habit of ...": the subject of a clause put before the pronoun's.
    for clause in token.head.children:
        if clause.dep_ == "advcl" and clause.i < token.i:
            subjects = [child for child in clause.children if is_subject(child)]
            return _organisation_heading(article, subjects[0]) if subjects else None
    return None


def _reported_before(cues: CueLexicon, verb: Token, subject: Token) -> bool:
    """ "The campaign unveiled a plan, CNN reported": a verb of saying whose report comes before its subject."""
    return _says(cues, verb) and any(child.dep_ == "ccomp" and child.i < subject.i for child in verb.children)


def _organisation_heading(article: _ArticleMentions, subject: Token) -> Draft | None:
    """The organisation a subject names, itself or by an apposition ("the rights group, the ADL, said")."""
    covering = article.covering(subject.i, _organisation)
    if covering is not None:
        return covering
    apposed = (article.covering(child.i, _organisation) for child in subject.children if child.dep_ == "appos")
    return next((draft for draft in apposed if draft is not None), None)


def _organisation(draft: Draft) -> bool:
    """What "it" may stand for: a coded actor that is neither a person nor a group of people."""
    return draft.person is None and not draft.group and draft.actor.code is not None


def _stands_for_no_thing(token: Token) -> bool:
    """ "It is clear that", "it seems", "made it hard to", "when it comes to": an "it" that stands for nothing,
    or for a clause: the subject of a copula, of an adjective or of an idiom."""
    head = token.head
    if head.lemma_ in EXPLETIVE_VERBS or head.pos_ == "ADJ":
        return True
    return any((head.lemma_, child.lower_) in EXPLETIVE_IDIOMS for child in head.children)


def _cataphoric_subject(article: _ArticleMentions, token: Token, fits: Fits) -> Draft | None:
    """ "Even as he accused the department, Giuliani would not say ...", "When she arrived, Clinton said":
    the subject of a clause put before the main clause stands for the main clause's subject, a person
    named after it."""
    verb = token.head
    if not is_subject(token) or verb.dep_ != "advcl" or verb.i > verb.head.i:
        return None
    for child in verb.head.children:
        if is_subject(child) and child.i > verb.i:
            draft = article.covering(child.i, fits)
            return draft if draft is not None and draft.kind != "pronoun" else None
    return None


def _unresolved_pronoun_like(article: _ArticleMentions, pronoun: Token, start: int, end: int) -> bool:
    """A he/she of the same gender between start and end, outside quotes, that no mention resolved."""
    forms = MASCULINE_FORMS if pronoun.lower_ in MASCULINE_FORMS else FEMININE_FORMS
    if pronoun.lower_ not in forms:
        return False
    personal = article.personal
    doc = article.inputs.doc
    return any(
        doc[i].lower_ in forms and i not in article.resolved and not article.inside_quotation(i)
        for i in personal[bisect_left(personal, start) : bisect_left(personal, end)]
    )


def _closes_quote_between(inputs: ArticleInputs, start: int, end: int) -> bool:
    """A closing quote mark among the tokens from start to end."""
    return any(text in ('"', "”", "''") for text in inputs.texts[start:end])


def _is_speaker_pronoun(cues: CueLexicon, token: Token) -> bool:
    """ "he" as the subject of a verb of saying: '"...," he said', 'He added that ...'."""
    return is_subject(token) and _says(cues, token.head)


def _is_speech_subject(inputs: ArticleInputs, draft: Draft) -> bool:
    """The mention is the subject of a verb of saying ("Carson said ...", "said Carson")."""
    return any(
        is_subject(t) and not draft.start <= t.head.i < draft.end and _says(inputs.cues, t.head)
        for t in inputs.doc[draft.start : draft.end]
    )


def _says(cues: CueLexicon, verb: Token) -> bool:
    """A verb of saying in the quotes stage's cue lexicon (quotes/data/cues.tsv)."""
    return verb.pos_ in ("VERB", "AUX") and any(cue.type == "speech" for cue in cues.verb_cues(verb.lemma_.lower()))


def _could_be_antecedent(pronoun: Token, subject: Token) -> bool:
    """A subject no mention covers that the pronoun may well stand for: a name, or a plural noun for "they"."""
    if pronoun.lower_ in GROUP_PRONOUNS:
        return subject.tag_ in ("NNS", "NNPS")
    return subject.ent_type_ == "PERSON" or subject.tag_ == "NNP"


def _named_in_clause_of(article: _ArticleMentions, subject: Token, fits: Fits) -> bool:
    """A person who fits is named inside a clause that describes a subject no mention covers, other than as that
    clause's subject ("One pastor supporting Mr. Cruz", "a voter who met Clinton"): that person only tells who
    the subject is; the pronoun the subject's verb governs stands for the subject, someone dossier does not know."""
    if subject.tag_ != "NN" or subject.pos_ != "NOUN" or article.covering(subject.i, lambda d: True) is not None:
        # "Anyone who knows McConnell knows he ...": an indefinite pronoun (NN, PRON) describes no one new
        return False
    clauses = [t for t in subject.children if t.dep_ in CLAUSE_MODIFIER_DEPS]
    # The clause's own subject is left out: "the promise Mrs. Clinton has made is that she will ...": she speaks.
    for clause in clauses:
        speakers = {id(article.covering(child.i, fits)) for child in clause.children if is_subject(child)}
        named = (article.covering(t.i, fits) for t in clause.subtree)
        if any(draft is not None and id(draft) not in speakers for draft in named):
            return True
    return False


def _clause_subjects(article: _ArticleMentions, token: Token, fits: Fits) -> list[Draft]:
    """Mentions that fit and are the subject of the clause holding the token (through infinitives up to a
    finite verb)."""
    for ancestor in token.ancestors:
        subjects = [child for child in ancestor.children if is_subject(child)]
        if subjects:
            covering = (article.covering(child.i, fits) for child in subjects)
            return [draft for draft in covering if draft is not None]
    return []


def _inside_quotation(text: str, token: Token) -> bool:
    """True when an odd number of quotation marks opens before the token in its paragraph."""
    paragraph_start = text.rfind("\n", 0, token.idx) + 1
    before = text[paragraph_start : token.idx]
    treebank = before.count("''") + before.count("``")  # ''...'' in archives written Treebank style
    return (before.count('"') % 2 == 1) or before.count("“") > before.count("”") or treebank % 2 == 1


def _distinct(drafts: Iterable[Draft]) -> Draft | Literal[False] | None:
    """The one actor among these mentions (its latest mention); False when several; None when none."""
    latest: dict[tuple[str | None, str], Draft] = {}
    for draft in drafts:
        latest[(draft.actor.code, draft.actor.name)] = draft
    if not latest:
        return None
    if len(latest) > 1:
        return False
    return next(iter(latest.values()))

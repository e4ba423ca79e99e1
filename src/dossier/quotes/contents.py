"""What was said, outside quote marks: the content span a cue reports, and who may perform a speech act.

For each kind of cue, the character bounds of what it reports: the
that-clause of a speech, finding or belief verb (or the clause a parenthetical
"he said" interrupts), the that-clause of a noun of saying ("his claim that
..."), what a speech act asks, promises or announces ("urged Congress to
act"), the charge of a label verb ("accused X of ..."), the thing a judging
verb judges, the object of a position ("endorsed X"), and the clause a
source phrase hangs from ("..., according to officials"). `speaks_as_person`
says whether a speaker's speech act is a quote or a state's policy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.quotes.context import (
    CONTENT_PRONOUNS,
    MAX_CLIMB,
    NO_CUE,
    SUBJECT_DEPS,
    Attribution,
    QuoteContext,
    span_bounds,
)
from dossier.quotes.cues import Cue
from dossier.quotes.sources import inverted_speaker_clause, source_object
from dossier.quotes.words import QuoteWords

if TYPE_CHECKING:
    from spacy.tokens import Token

# Indirect content with fewer own words outside quote marks than this is
# the direct quote it holds ('He said it "offers ..."'), not a paraphrase.
MIN_OWN_WORDS = 3
# A speech act's object phrase needs this many words to be what was said
# ("announced his resignation"), not a bare "it" or a name.
MIN_SPEECH_ACT_WORDS = 2
# Dependencies of a clause that describes a noun: a relative clause ("who backed Okafor") or a participle
# ("a fund backing Okafor").
DESCRIBING_DEPS = frozenset({"relcl", "acl"})
# Prepositions whose object is the topic of any speech ("complained about X", "warned against X",
# "talks of her experience").
TOPIC_PREPOSITIONS = frozenset({"about", "against", "of"})
# Prepositions whose noun object is the charge a label verb makes: "accused him of sexism", "blamed trade
# deals for the plight of workers", "attacked the program as a violation of free market principles".
CHARGE_PREPOSITIONS = frozenset({"of", "for", "as"})
# A view held of something: "sees Clinton as the stronger candidate" (not "saw him for the last time").
VIEW_PREPOSITIONS = frozenset({"as"})
# Prepositions whose object is what a stance is about: "critical of", "worried about", "unhappy with",
# "confident in", "opposed to", "hostile toward".
STANCE_PREPOSITIONS = frozenset({"of", "about", "with", "in", "on", "to", "toward", "towards", "over", "at", "against"})
# Prepositions whose object is what a noun of saying is about: "his complaints over the ruling", "questions about
# the donations", "a stance against illegal immigration", "her assessment of the harvest" (an owned or voiced
# noun only; "on" was measured and left out, issue 16's eleventh round).
NOUN_TOPIC_PREPOSITIONS = frozenset({"about", "over", "against", "of"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# The words after a finding's object that still say what it found ("Clinton up by 10 points").
FINDING_DEPS = frozenset({"dobj", "prt", "prep", "advmod", "npadvmod", "oprd", "acomp", "xcomp", "ccomp"})
RELATIVE_WORDS = frozenset({"which", "that", "who"})
# Words that open an indirect question: "asked if ...", "wondered whether ...".
QUESTION_MARKERS = frozenset({"if", "whether"})
# Words that open a clause that can be what was said: "that", "if", "whether" (and "for" in "called for X to").
CLAUSE_MARKERS = QUESTION_MARKERS | {"that", "for"}
DEMONSTRATIVES = frozenset({"that", "this"})
# Children of a judging verb that are no part of the judgement: clauses of their own and punctuation (a closing
# quote mark the parser hangs on the verb).
NOT_JUDGED_DEPS = frozenset({"advcl", "conj", "cc", "ccomp", "parataxis", "punct"})
REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "myself", "ourselves", "yourself"})
# Tags of a finite verb: a belief's content must be a clause of its own ("thinks he will win").
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Pronouns (and their possessives: "his claim that") that stand for one speaker or a body speaking as one.
PERSON_PRONOUNS = frozenset({"he", "she", "i", "we", "his", "her", "my", "our"})
# Object pronouns that stand for a person, the object of a stance ("backed her", "could favor him").
PERSON_OBJECTS = frozenset({"him", "her", "them", "me", "us"})
# Determiners that point back to something said before ("such a call", "this idea").
BACK_REFERENCES = frozenset({"such", "this", "that", "these", "those"})


def clause_content(article: QuoteContext, token: Token) -> tuple[int, int] | None:
    """The that-clause of a speech cue, or the clause it interrupts ('The deal, he said, is dead')."""
    if _opens_with_set_phrase(token):
        return None
    paragraph = article.paragraph_of(token.idx)
    own_words = _cue_complement_words(article, token)
    speaker_phrase = inverted_speaker_clause(article, token)
    # "made clear Tuesday that ...": the clause may hang on the cue's own complement word.
    heads = [token, *(child for child in token.children if child in own_words)]
    clauses = [
        child
        for head in heads
        for child in head.children
        if (child.dep_ == "ccomp" or (head is not token and _opens_with_that(child)) or _asks(child))
        and child not in own_words
        and child != speaker_phrase
        and not _is_adverbial(child)
        and not _is_about_oneself(child)
        and article.paragraph_of(child.idx) == paragraph
        and not (child.i < token.i and article.quote_of_token[child.i] == -1 and _has_own_complement(article, token))
    ]
    # A clause in quote marks is the direct quote's; an unquoted one is the
    # paraphrase. A "clause" between the speaker and the cue is a misparsed
    # part of the speaker's phrase ("Salkin, a rabbi helping ..., said").
    subject = next((child.i for child in token.children if child.dep_ in SUBJECT_DEPS), token.i)
    clauses.sort(
        key=lambda child: (article.quote_of_token[child.i] != -1, subject < child.i < token.i, child.i < token.i)
    )
    # "making it clear to the judge that ...": failing a clause of its own, the complement word holds it.
    clauses += [child for child in own_words if child.dep_ == "ccomp"]
    # "said legalizing it could put ...": the parser hangs the clause on a gerund.
    clauses += [
        child
        for child in token.children
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and any(grand.dep_ == "ccomp" for grand in child.children)
    ]
    if clauses:
        return span_bounds([t for t in clauses[0].subtree if article.paragraph_of(t.idx) == paragraph])
    # "The hashtag, Mr. Abboud said, accompanied ...": the parser may hang the aside on a noun it made the root.
    interrupts = token.head.pos_ in ("VERB", "AUX") or token.head.dep_ == "ROOT"
    if token.dep_ == "parataxis" and interrupts and not _is_set_phrase(token):
        return _clause_around(article, token.head, token)
    misplaced = _misattached_that_clause(article, token)
    if misplaced is not None:
        return span_bounds(list(misplaced.subtree))
    return None


def _has_own_complement(article: QuoteContext, token: Token) -> bool:
    """'..., Okafor announced his candidacy', 'Just yesterday ...: he urged them to act': a cue with an object
    or an infinitive of its own after it reports that, not a clause before it the parser hung on it. An
    object that is the one addressed ("..., he told reporters") leaves the clause before to the cue, and so
    does a direct quote before it ('"...," she said, a hint of anger in her voice')."""
    addressed = article.cues.get(token.i, NO_CUE).addressee == "object"
    own = _cue_complement_words(article, token)
    return any(
        child.i > token.i
        and article.quote_of_token[child.i] == -1
        and child not in own
        and (child.dep_ == "xcomp" or (child.dep_ == "dobj" and not addressed and child.pos_ in ("NOUN", "PROPN")))
        for child in token.children
    )


def _cue_complement_words(article: QuoteContext, token: Token) -> list[Token]:
    """The children that make up a cue of several words: "clear" in "made clear", "out" in "point out"."""
    rest = article.cues.get(token.i, NO_CUE).words[1:]
    return [child for child in token.children if child.lower_ in rest or child.lemma_.lower() in rest]


def _is_adverbial(clause: Token) -> bool:
    """'he said as some in the crowd booed': a clause opened by "as", "while", "when", "because" ... says
    when or why, not what was said, wherever the parser hung it."""
    return any(
        child.dep_ == "mark" and child.lower_ not in CLAUSE_MARKERS and child.i < clause.i for child in clause.children
    )


def _is_about_oneself(clause: Token) -> bool:
    """'Trump found himself embroiled in controversy', 'the network finds itself playing host': a clause whose
    subject is the speaker's own reflexive tells what happened to the speaker, not what anyone said."""
    return any(child.dep_ in SUBJECT_DEPS and child.lower_ in REFLEXIVES for child in clause.children)


def _opens_with_set_phrase(token: Token) -> bool:
    """'That said, Cruz cannot win': "that" right before the cue and a comma right after it make the set
    phrase, even where the parser hung the sentence on "said" as its clause."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (
        before is not None
        and after is not None
        and after.text == ","
        and before.lower_ in DEMONSTRATIVES
        and before.dep_ in SUBJECT_DEPS
        and before.head == token
    )


def _is_set_phrase(token: Token) -> bool:
    """'That said, Cruz cannot win': a demonstrative that "said" something is a set phrase, not a speaker."""
    return any(child.dep_ in SUBJECT_DEPS and child.lower_ in DEMONSTRATIVES for child in token.children)


def _asks(clause: Token) -> bool:
    """'asked Clinton if Trump benefits ...', 'wondered whether ...': an indirect question after the cue,
    which the parser may hang on it as an adverbial clause rather than a complement."""
    return (
        clause.dep_ == "advcl"
        and clause.i > clause.head.i
        and any(child.dep_ == "mark" and child.lower_ in QUESTION_MARKERS for child in clause.children)
    )


def _opens_with_that(clause: Token) -> bool:
    return clause.dep_ in ("advcl", "acl") and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def finding_content(article: QuoteContext, token: Token) -> tuple[int, int] | None:
    """'A new poll shows Trump with a 5-point lead', 'studies have found little evidence that ...': what a
    poll, a study or a record shows, stated as a noun phrase. A person who "showed little interest" or
    "found comic relief" reports nothing."""
    if not _is_evidence(article, token):
        return None
    obj = next((c for c in token.children if c.dep_ == "dobj" and article.quote_of_token[c.i] == -1), None)
    if obj is None or obj.pos_ == "PRON" or obj.lower_ in CONTENT_PRONOUNS:
        return None
    tokens = [t for child in token.children if child.i >= obj.i and child.dep_ in FINDING_DEPS for t in child.subtree]
    if not _names_something_said(obj) and all(t.pos_ in ("PROPN", "DET", "PUNCT") for t in tokens):
        return None  # "the poll showed Trump": a name alone; "showed Trump with a lead" says what it found
    return _content_in_paragraph(article, token, tokens)


def _is_evidence(article: QuoteContext, token: Token) -> bool:
    """The verb's subject, or the noun it describes ('a poll showing ...', 'records, which show ...'), is a
    poll, a study or a record."""
    holder = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
    if holder is not None and holder.lower_ in RELATIVE_WORDS and token.dep_ == "relcl":
        holder = token.head
    if holder is None and token.dep_ in ("acl", "relcl"):
        holder = token.head
    return holder is not None and holder.lemma_.lower() in article.lexicon.words.evidence_nouns


def noun_content(article: QuoteContext, noun: Token) -> tuple[int, int] | None:
    """The that-clause of a noun of saying: 'his claim that the vote was rigged'.

    Only a clause opened by a complementizer "that" with a finite verb of its
    own: "the claim that he made" (a relative clause) says nothing.
    """
    preposition = article.cues.get(noun.i, NO_CUE).words[1:]
    for child in [*noun_prepositions(noun), *noun.children]:
        if child.i < noun.i or article.quote_of_token[child.i] != -1:
            continue
        if child.dep_ == "prep" and child.lower_ in preposition:
            # "her support for Sanders", "his attacks on the press": the object is what the stance is on.
            topic = next((grand for grand in child.children if grand.dep_ in ("pobj", "pcomp")), None)
            # "an endorsement of his own": the owner, not what was endorsed.
            if topic is not None and topic.pos_ != "PRON" and topic.lower_ not in CONTENT_PRONOUNS | {"own"}:
                words = 1 if topic.pos_ == "PROPN" else 2
                return _content_in_paragraph(article, noun, list(topic.subtree), min_words=words)
        if (
            child.dep_ == "prep"
            and child.lower_ in NOUN_TOPIC_PREPOSITIONS
            and (_has_owner(noun) or _is_voiced(noun, article.lexicon.words))
        ):
            # "his complaints over the ruling", "Okafor's questions about the donations": what the owner's words
            # were about ("showed different views about X" holds no one's words in particular).
            topic = next((grand for grand in child.children if grand.dep_ in ("pobj", "pcomp")), None)
            if topic is not None and topic.ent_type_ not in ("DATE", "TIME") and _names_something_said(topic):
                return _content_in_paragraph(article, noun, list(topic.subtree))
        if child.dep_ not in ("acl", "ccomp", "relcl", "appos"):
            continue
        if child.dep_ == "acl" and _is_infinitive(child):
            return _content_in_paragraph(article, noun, list(child.subtree))  # "his decision to run"
        opens = any(grand.dep_ == "mark" and grand.lower_ == "that" for grand in child.children)
        if opens and not _points_back(article, child):
            bounds = _content_in_paragraph(article, noun, list(child.subtree))
            if bounds is not None and is_finite(article, *bounds):
                return bounds
    return None


def opens_that_clause(article: QuoteContext, bounds: tuple[int, int]) -> bool:
    """A content right after a complementizer "that": 'the notion that the vote was rigged'."""
    span = article.doc.char_span(*bounds, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    before = article.doc[span.start - 1]
    return before.lower_ == "that" and before.dep_ == "mark"


def _has_owner(noun: Token) -> bool:
    """'his questions', 'Okafor's complaints', 'questions by the senator': the noun names whose words they are."""
    return any(
        child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in ("by", "from")) for child in noun.children
    )


def _is_voiced(noun: Token, words: QuoteWords) -> bool:
    """'raised questions about the donations', 'voiced concerns over the plan': the object of a verb of voicing,
    whose subject owns the words."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in words.voicing_verbs


def noun_prepositions(noun: Token) -> list[Token]:
    """The prepositions hung on a noun, and the one right after it that the parser hung on the verb
    ("repeated her support for Okafor")."""
    found = [child for child in noun.children if child.dep_ == "prep"]
    following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    hung_on_verb = following is not None and following.dep_ == "prep" and following.head.i == noun.head.i
    if hung_on_verb and following is not None and following not in found:
        found.append(following)
    return found


def _points_back(article: QuoteContext, clause: Token) -> bool:
    """'the claim that he had made', 'the promise that she gave': a relative clause on a noun of saying,
    which the parser may open with a "that" it calls a complementizer. Its verb is one done to words
    said (made, gave, repeated) and lacks the object the noun stands for."""
    if clause.dep_ not in ("acl", "relcl") or clause.lemma_.lower() not in article.lexicon.words.done_to_words:
        return False
    return not any(child.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd") for child in clause.children)


# Answers a speech cue may report on their own: "said yes", "said no".
ANSWER_WORDS = frozenset({"yes", "no"})
# Pro-forms that answer by pointing back: "half said so", "26 percent said the same".
ANSWER_PROFORMS = frozenset({"so", "same"})


def speech_act_content(article: QuoteContext, token: Token, cue: Cue) -> tuple[int, int] | None:
    """What a speech act asks, promises or announces when it takes no clause.

    "urged Congress to act", "promised to build a wall" (an infinitive, with the
    one urged), "announced his resignation", "proposed a safe zone" (a noun
    phrase object), "complained about the media", "called for a ban" (the
    topic of the speech). Not "told reporters" or "asked him" alone (the
    addressee), nor "said it" (a pronoun stands for nothing said).
    """
    if cue.phrase in article.lexicon.words.not_speech_acts or _has_source_phrase(article, token):
        return None  # "agreed to cut tariffs, according to officials": the officials' report covers it
    children = [child for child in token.children if article.quote_of_token[child.i] == -1]
    infinitive = next(
        (c for c in children if c.dep_ in ("xcomp", "ccomp") and (_is_infinitive(c) or _is_bare_gerund(c))), None
    ) or next((c for c in children if _is_for_clause(c, cue)), None)
    # "made the case that ...": the cue's own noun is no object of it.
    obj = next((c for c in children if c.dep_ in ("dobj", "dative") and c.lemma_.lower() not in cue.words[1:]), None)
    if infinitive is not None:
        tokens = list(infinitive.subtree)
        if obj is not None and obj.i < infinitive.i:
            tokens += list(obj.subtree)
        return _content_in_paragraph(article, token, tokens)
    if obj is not None and any(_points_back(article, child) for child in obj.children):
        return None  # "repeated the claim that he had made in May": words said before, not said here
    if obj is not None and cue.addressee != "object" and _names_something_said(obj):
        return _content_in_paragraph(article, token, list(obj.subtree))
    for child in children:
        if child.dep_ == "prep" and child.i > token.i and child.lower_ in _topic_prepositions(cue):
            topic = next((grand for grand in child.children if grand.dep_ in ("pobj", "pcomp")), None)
            if topic is not None and topic.ent_type_ not in ("DATE", "TIME") and _names_something_said(topic):
                return _content_in_paragraph(article, token, list(topic.subtree))
            if topic is not None and child.lower_ == "about" and _names_someone(topic):
                # "talked about Okafor", "complained about the Ledger": the one spoken of, a name
                return _content_in_paragraph(article, token, list(topic.subtree), min_words=1)
    answer = next((child for child in children if child.i > token.i and _is_answer(child)), None)
    if answer is not None:
        # "46 percent said yes", "he said no to the war", "half said so": an answer given
        return _content_in_paragraph(article, token, list(answer.subtree), min_words=1)
    return None


def _is_answer(token: Token) -> bool:
    """'yes', 'no' (any role the parser gives them), and 'so' or 'the same' as the object or adverb of a
    speech cue: an answer that points back to a question or a claim."""
    if token.lower_ in ANSWER_WORDS:
        return True
    return token.dep_ in ("dobj", "advmod") and token.lower_ in ANSWER_PROFORMS


def _names_someone(token: Token) -> bool:
    """A proper name of a person or an organisation."""
    return token.pos_ == "PROPN" and token.ent_type_ in ("PERSON", "ORG")


def intention_content(article: QuoteContext, token: Token, cue: Cue) -> tuple[int, int] | None:
    """'wants to build a wall', 'wants Congress to act', 'declined to comment': the infinitive of an aim
    or a refusal, with the one it asks of when that one stands between."""
    children = [child for child in token.children if article.quote_of_token[child.i] == -1]
    infinitive = next((c for c in children if c.dep_ in ("xcomp", "ccomp") and _is_infinitive(c)), None)
    if infinitive is None:
        # "wants a vast expansion of the federal government": the thing wanted, a phrase of its own.
        wanted = next((c for c in children if c.dep_ == "dobj" and c.i > token.i), None)
        if wanted is None or not _names_something_said(wanted) or cue.phrase in article.lexicon.words.object_not_words:
            return None
        return _content_in_paragraph(article, token, list(wanted.subtree))
    tokens = list(infinitive.subtree)
    obj = next((c for c in children if c.dep_ in ("dobj", "dative") and c.i < infinitive.i), None)
    if obj is not None:
        tokens += list(obj.subtree)
    return _content_in_paragraph(article, token, tokens)


def stance_content(article: QuoteContext, token: Token) -> tuple[int, int] | None:
    """'is critical of the plan', 'is confident that she will win', 'was ready to follow', 'is a critic of
    Trump': what a stance word is about, its that-clause (with a finite verb) or its infinitive."""
    children = [child for child in token.children if article.quote_of_token[child.i] == -1 and child.i > token.i]
    for child in children:
        if child.dep_ == "ccomp" or _opens_with_that(child):
            bounds = _content_in_paragraph(article, token, list(child.subtree))
            if bounds is not None and is_finite(article, *bounds):
                return bounds
        if child.dep_ == "xcomp" and _is_infinitive(child):
            return _content_in_paragraph(article, token, list(child.subtree))
        if child.dep_ == "prep" and child.lower_ in STANCE_PREPOSITIONS:
            topic = next((grand for grand in child.children if grand.dep_ in ("pobj", "pcomp")), None)
            if topic is not None and topic.pos_ != "PRON" and topic.lower_ not in CONTENT_PRONOUNS:
                words = 1 if topic.pos_ == "PROPN" else 2
                return _content_in_paragraph(article, token, list(topic.subtree), min_words=words)
    return None


def passive_view_content(article: QuoteContext, token: Token) -> tuple[int, int] | None:
    """'Trump is expected to win Ohio', 'Rubio is seen as the strongest candidate': a view in the passive,
    the subject and what it is expected to do or held to be."""
    if token.lemma_.lower() not in article.lexicon.words.passive_views:
        return None  # "is thought to be", "was supposed to be over": a hedged fact or a duty, no one's position
    subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if subject is None or not any(c.dep_ == "auxpass" for c in token.children):
        return None
    # "is expected to win", "is seen as a leader", "is considered a battleground" (not "is seen walking").
    complements = [
        c
        for c in token.children
        if c.i > token.i
        and (
            (c.dep_ == "xcomp" and _is_infinitive(c))
            or c.dep_ == "oprd"
            or (c.dep_ == "prep" and c.lower_ in VIEW_PREPOSITIONS)
        )
    ]
    if not complements or article.quote_of_token[subject.i] != -1:
        return None
    tokens = [*subject.subtree, token, *(t for c in complements for t in c.subtree)]
    if subject.lower_ in RELATIVE_WORDS:
        tokens = [t for t in tokens if t is not subject]
    return _content_in_paragraph(article, token, tokens)


def held_as_content(article: QuoteContext, token: Token) -> tuple[int, int] | None:
    """What a view holds something to be, when the parse gives no "as" phrase of its own: a small clause
    ("consider Clinton honest"), an object and its predicate ("deemed the release a fair trade-off"), or an
    object and a clause opened by "as" ("view Clinton as better prepared", "sees him as captured by ...").
    Only the verbs of regarding (words.tsv kind `passive_view`: see, view, regard, consider, deem ...), whose
    passive is a reputation; "holds him accountable" and "recognizes X as Y" are not views held."""
    if token.lemma_.lower() not in article.lexicon.words.passive_views:
        return None
    children = [child for child in token.children if child.i > token.i and article.quote_of_token[child.i] == -1]
    for child in children:
        if child.dep_ == "ccomp" and child.pos_ in ("ADJ", "NOUN") and _has_own_subject(child):
            return _content_in_paragraph(article, token, list(child.subtree))
    objects = [child for child in children if child.dep_ == "dobj"]
    if not objects or not _names_a_thing_held(objects[0]):
        return None
    # The predicate after the object, which the parser may take for a second object or an adverbial noun.
    predicates = [
        child
        for child in children
        if child.dep_ in ("dobj", "npadvmod", "oprd")
        and child.i > objects[0].i
        and child.ent_type_ not in ("DATE", "TIME")
    ]
    if predicates:
        return _content_in_paragraph(article, token, [*objects[0].subtree, *predicates[0].subtree])
    for child in children:
        opened_by_as = any(
            grand.lower_ == "as" and grand.dep_ in ("mark", "advmod") and grand.i < child.i for grand in child.children
        )
        if child.dep_ == "advcl" and child.i > objects[0].i and opened_by_as:
            return _content_in_paragraph(article, token, [*objects[0].subtree, *child.subtree])
    return None


def _has_own_subject(token: Token) -> bool:
    return any(child.dep_ in SUBJECT_DEPS and child.i < token.i for child in token.children)


def _names_a_thing_held(token: Token) -> bool:
    """The object of a view: a name or a noun phrase, not a pronoun standing for nothing said ("it")."""
    return token.pos_ in ("NOUN", "PROPN") or (token.pos_ == "PRON" and token.lower_ not in CONTENT_PRONOUNS)


def charge_content(
    article: QuoteContext, token: Token, prepositions: frozenset[str] = CHARGE_PREPOSITIONS
) -> tuple[int, int] | None:
    """'accused Trump of inciting violence', 'called him a liar': the charge a label verb makes.

    A label verb with a bare object ("criticized Clinton") says no words; with a
    charge ("of inciting", "for saying", "a liar") it reports what was said.
    """
    # The parser takes "Trump" in "called Trump a demagogue" for a second predicate.
    obj = next((c for c in token.children if c.dep_ in ("dobj", "oprd") and article.quote_of_token[c.i] == -1), None)
    if obj is None:
        return None
    for child in token.children:
        if article.quote_of_token[child.i] != -1 or child.i <= obj.i:
            continue
        charged = child.dep_ == "oprd" or (
            child.dep_ == "prep" and child.lower_ in prepositions and _states_a_charge(child, prepositions)
        )
        if charged:
            return _content_in_paragraph(article, token, [*obj.subtree, *child.subtree])
    return None


def referent_content(article: QuoteContext, token: Token) -> tuple[int, int] | None:
    """'referring to Hillary Clinton', 'referred to the tariff': a label verb that gives no label speaks of what
    its to-phrase names (a name, or a noun phrase of two words or more); "referred to him as" is a label."""
    if any(child.dep_ in ("dobj", "oprd") for child in token.children):
        return None
    for child in token.children:
        if child.dep_ != "prep" or child.lower_ != "to" or article.quote_of_token[child.i] != -1:
            continue
        if any(other.dep_ == "prep" and other.lower_ == "as" for other in token.children):
            return None
        obj = next((grand for grand in child.children if grand.dep_ == "pobj"), None)
        if obj is None or obj.lower_ in CONTENT_PRONOUNS or obj.pos_ == "PRON":
            return None
        if any(article.quote_of_token[t.i] != -1 for t in obj.subtree):
            return None
        return _content_in_paragraph(article, token, list(obj.subtree), min_words=1 if obj.pos_ == "PROPN" else 2)
    return None


# People who inform a report: "citing sources", "citing participants in the meeting" name who spoke.
INFORMANT_NOUNS = frozenset({"source", "people", "person", "participant", "witness", "insider"})


def cited_content(article: QuoteContext, token: Token) -> tuple[int, int] | None:
    """'citing low growth and rising debt', 'cited his voting record': what a quoting verb cites when its
    object is no one who spoke ("citing officials", "citing a poll", "citing sources" name the source)."""
    obj = next((c for c in token.children if c.dep_ == "dobj" and article.quote_of_token[c.i] == -1), None)
    if obj is None or not _names_something_said(obj) or obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return None
    words = article.lexicon.words
    lemma = obj.lemma_.lower()
    if lemma in INFORMANT_NOUNS or lemma in words.evidence_nouns or lemma in words.message_nouns:
        return None
    if obj.lower_ in words.agent_nouns or lemma in words.person_speakers:
        return None
    return _content_in_paragraph(article, token, list(obj.subtree))


def reported_by_content(article: QuoteContext, token: Token, cue: Cue) -> tuple[int, int] | None:
    """'The meeting was first reported by the Ledger', 'the plan was announced by Okafor': a speech cue in the
    passive with its agent reports its subject. Not a cue whose object is the one addressed ("was pressed by
    the host": the subject was asked), nor one whose object is not something said ("will be continued by")."""
    if cue.addressee == "object" or cue.phrase in article.lexicon.words.not_speech_acts:
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if subject is None or not any(c.dep_ == "agent" for c in token.children):
        return None
    if article.quote_of_token[subject.i] != -1 or subject.lower_ in CONTENT_PRONOUNS | RELATIVE_WORDS:
        return None
    return _content_in_paragraph(article, token, list(subject.subtree))


def passive_charge_content(
    article: QuoteContext, token: Token, prepositions: frozenset[str] = CHARGE_PREPOSITIONS
) -> tuple[int, int] | None:
    """'Okafor was accused of hiding the figures', 'the deal has been criticized as a giveaway': a label or
    judging verb in the passive, the one charged (its subject) and the charge. Only the cues listed as
    passive charges (words.tsv): "was named as chairman" is an office given, not a charge."""
    if token.lemma_.lower() not in article.lexicon.words.passive_charges:
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if subject is None or not any(c.dep_ == "auxpass" for c in token.children):
        return None
    if article.quote_of_token[subject.i] != -1 or subject.lower_ in CONTENT_PRONOUNS:
        return None
    for child in token.children:
        if child.i < token.i or article.quote_of_token[child.i] != -1:
            continue
        if child.dep_ == "prep" and child.lower_ in prepositions and _states_a_charge(child, prepositions):
            tokens = [*child.subtree, token]
            if subject.lower_ not in RELATIVE_WORDS:
                tokens += list(subject.subtree)
            return _content_in_paragraph(article, token, tokens)
    return None


def _states_a_charge(preposition: Token, prepositions: frozenset[str] = CHARGE_PREPOSITIONS) -> bool:
    """'of inciting violence', 'of sexism', 'for the plight of workers', 'as a violation of principles',
    and for a cue made with its own preposition, 'blamed the outage on hackers'."""
    word = preposition.lower_
    objects = [child for child in preposition.children if child.dep_ in ("pcomp", "pobj")]
    if word in ("of", "for") and any(child.dep_ == "pcomp" for child in objects):
        return True
    if word in prepositions:
        return any(child.pos_ == "NOUN" and child.ent_type_ not in ("DATE", "TIME") for child in objects)
    return False


def judged_content(article: QuoteContext, token: Token) -> tuple[int, int] | None:
    """'criticized the president's foreign policy', 'praised Kerry's efforts': the thing judged.

    A name ("criticized Okafor", issue 16's ninth round) is the one judged, and the
    judgement is on them; an article and a noun ("criticized the ministry") says no
    words; a noun phrase with two words besides its article, what was praised or
    condemned, states the judgement.
    """
    # "criticizing punitive measures as 'useless'": the direct quote holds the judgement; a quote in a clause of
    # its own ("praised X's record, saying '...'", "criticized X and said '...'") is another statement.
    judged = [t for child in token.children if child.dep_ not in NOT_JUDGED_DEPS for t in child.subtree]
    if any(article.quote_of_token[t.i] != -1 for t in judged):
        return None
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    # "praised Okafor": a named person or organisation judged; "rejected United States calls" (a state's) is not.
    named = obj is not None and (obj.ent_type_ in ("PERSON", "ORG") or obj.i in article.speakers.people)
    if obj is not None and obj.pos_ == "PROPN" and named:
        return _content_in_paragraph(article, token, list(obj.subtree), min_words=1)
    if obj is None or not _names_something_said(obj):
        return None
    # "criticized the ministry": an article and a noun name whom or what was judged, not what was said of it.
    if sum(1 for t in obj.subtree if t.dep_ != "det" and not t.is_punct) < MIN_SPEECH_ACT_WORDS:
        return None
    return _content_in_paragraph(article, token, list(obj.subtree))


def passive_subject_content(article: QuoteContext, token: Token) -> tuple[int, int] | None:
    """'The plan was derided by Okafor', 'Lindqvist is backed by the union': a judging or position verb in the
    passive with its agent judges or takes the side of its subject, as the active verb does its object (a
    name, or a noun phrase of two words or more besides its article); with no agent no one named does."""
    if not any(child.dep_ == "agent" for child in token.children):
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if subject is None or article.quote_of_token[subject.i] != -1 or subject.lower_ in RELATIVE_WORDS:
        return None
    named = subject.ent_type_ in ("PERSON", "ORG") or subject.i in article.speakers.people
    if subject.pos_ == "PROPN" and named:
        return _content_in_paragraph(article, token, list(subject.subtree), min_words=1)
    if not _names_something_said(subject):
        return None
    if sum(1 for t in subject.subtree if t.dep_ != "det" and not t.is_punct) < MIN_SPEECH_ACT_WORDS:
        return None
    return _content_in_paragraph(article, token, list(subject.subtree))


def position_content(article: QuoteContext, token: Token) -> tuple[int, int] | None:
    """'endorsed Ted Cruz for president', 'disavowed David Duke': the object, a name included, is the stance.

    A side named in a clause that describes a noun ("Jane Roe, who endorsed Okafor", "a fund backing
    Okafor") says who is meant, not a stance declared here.
    """
    if token.dep_ in DESCRIBING_DEPS:
        return None
    obj = next((c for c in token.children if c.dep_ == "dobj" and article.quote_of_token[c.i] == -1), None)
    if obj is None:
        obj = _particle_object(article, token)  # "sided with Sanders", "would vote for Clinton"
    if obj is None:
        # "supports raising the tariff", "opposed cutting the subsidies": the side taken is an action
        action = _gerund_complement(article, token)
        if action is not None:
            return _content_in_paragraph(article, token, list(action.subtree))
    if obj is None or obj.lower_ in CONTENT_PRONOUNS:
        return None
    # "backed her", "could favor him": a stance on a person the pronoun stands for; "backed it" says nothing.
    if obj.pos_ == "PRON" and obj.lower_ not in PERSON_OBJECTS:
        return None
    # "for president", "as the nominee" say for what; "on Friday", "in Ohio" only when and where.
    roles = [c for c in token.children if c.dep_ == "prep" and c.i > obj.i and c.lower_ in ("for", "as")]
    tokens = list(obj.subtree) + [t for role in roles for t in role.subtree]
    return _content_in_paragraph(article, token, tokens, min_words=1 if obj.pos_ in ("PROPN", "PRON") else 2)


def _gerund_complement(article: QuoteContext, token: Token) -> Token | None:
    """An action as the side a cue takes: "supports raising the tariff", "opposed cutting the subsidies" (a
    gerund after the cue with no subject of its own, outside quote marks)."""
    return next(
        (
            child
            for child in token.children
            if child.dep_ in ("xcomp", "ccomp")
            and child.i > token.i
            and _is_bare_gerund(child)
            and article.quote_of_token[child.i] == -1
        ),
        None,
    )


def _particle_object(article: QuoteContext, token: Token) -> Token | None:
    """The object of the preposition a cue of two words is made of: "Sanders" in "sided with Sanders"."""
    rest = article.cues.get(token.i, NO_CUE).words[1:]
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in rest and article.quote_of_token[child.i] == -1:
            return next((grand for grand in child.children if grand.dep_ in ("pobj", "pcomp")), None)
    return None


def speaks_as_person(
    attribution: Attribution | None,
    words: QuoteWords,
    holds_view: bool = False,
    people: frozenset[int] = frozenset(),
    stance: bool = False,
) -> bool:
    """A speech act is a quote when one person (a name, "he", "the senator", "a spokesman") or one
    organisation ("the Clinton campaign", "the RNC") performs it; a state's call is its policy. A
    `stance` (a view, an aim, a side or a judgement, not words said) may be a group's too: "voters back
    Okafor", "farmers want lower tariffs", as polls report groups."""
    speaker = attribution.speaker if attribution is not None else None
    if speaker is None:
        return False
    partners = [child for child in speaker.children if child.dep_ == "conj"]
    if partners:
        # "Trump and Sanders often blame China": named people, each speaking for himself; "Trump and his
        # lawyers denied ...": one named person with those who speak for him; "he and top government officials
        # condemned ...", "she and her ministers called for ..." is a joint stance, a state's with its leader.
        def one_person(person: Token) -> bool:
            return person.tag_ not in PLURAL_TAGS and (person.i in people or _is_one_speaker(person, words, holds_view))

        return one_person(speaker) and all(
            one_person(person) or (person.tag_ in PLURAL_TAGS and _is_own_people(person, words)) for person in partners
        )
    # "Kasich" that the recogniser took for a place: the actors stage knows a person.
    return speaker.i in people or _is_one_speaker(speaker, words, holds_view, stance)


def _is_one_speaker(speaker: Token, words: QuoteWords, holds_view: bool, stance: bool = False) -> bool:
    if speaker.ent_type_ in ("PERSON", "ORG") or speaker.lower_ in PERSON_PRONOUNS:
        return True
    if (holds_view or stance) and speaker.lower_ == "they":
        # "they believe ...", "they would vote for Okafor": the people the text was speaking of hold a view or
        # take a side, as a group named by a bare plural does
        return True
    noun = speaker.lemma_.lower()
    if not holds_view and (noun in words.evidence_nouns or noun in words.message_nouns):
        # "the report highlights the extent of ...", "the emails reveal ...", "the statement calls for ...": a
        # record or a message states it
        return True
    if _is_poll_share(speaker, words):
        return True  # "19 percent of voters support Clinton", "a majority of Republicans": a poll's finding
    if speaker.tag_ == "NN":
        # "Kasich's team thinks ...", "his organization has argued ...": a body one named person or
        # organisation owns speaks as one (a state's body speaks as the state).
        return speaker.lower_ in words.person_speakers or (_is_owned(speaker) and not _belongs_to_state(speaker))
    if speaker.tag_ == "NNP" and not speaker.ent_type_:
        # "Schlafly", "Facebook": a name the entity recogniser left untyped acts; a view is held only by
        # a name it typed as a person or organisation.
        return not holds_view
    if speaker.tag_ == "NNPS" or speaker.ent_type_ == "NORP":
        return not _belongs_to_state(speaker)  # "Republicans", "Democrats"
    if speaker.tag_ == "NNS":
        # "Democratic lawmakers", "Clinton's aides"; and people named by their role ("prosecutors charged ...",
        # "lawmakers had mentioned ..."), who speak in that role, where "residents" or "voters" do not.
        named = _is_named_group(speaker) or speaker.lemma_.lower() in words.person_speakers
        # A bare group ("voters", "residents") holds a view or takes a side, but says nothing: "Residents
        # voiced concerns" names no one who spoke.
        return (named or stance) and not _belongs_to_state(speaker)
    return False


def _is_own_people(noun: Token, words: QuoteWords) -> bool:
    """'his lawyers', 'her aides', 'Okafor's allies': people who speak for one person or organisation (words.tsv
    `agent`) and are theirs; 'her ministers' serve a state."""
    return noun.lower_ in words.agent_nouns and any(
        child.dep_ == "poss"
        and (child.lower_ in ("his", "her", "its") or child.ent_type_ in ("PERSON", "ORG") or child.pos_ == "PROPN")
        for child in noun.children
    )


def _is_owned(noun: Token) -> bool:
    """'Trump's team', 'his organization': a singular noun whose owner is a named person or organisation, or
    one person ("his", "her")."""
    return any(
        child.dep_ == "poss"
        and (child.lower_ in ("his", "her") or child.ent_type_ in ("PERSON", "ORG") or child.pos_ == "PROPN")
        for child in noun.children
    )


def _is_poll_share(speaker: Token, words: QuoteWords) -> bool:
    """'56 percent', '19 percent of college students', 'a majority of Republicans': a share of a poll's
    respondents, counted (a number) or named as a share with its group ("of X")."""
    if speaker.lower_ not in words.share_words:
        return False
    counted = any(child.dep_ == "nummod" for child in speaker.children)
    of_group = any(child.dep_ == "prep" and child.lower_ == "of" for child in speaker.children)
    return counted or of_group


def _is_named_group(noun: Token) -> bool:
    """'Democratic lawmakers', 'Clinton's aides', 'activists with Black Lives Matter': a group whose words
    the text ties to someone; bare 'residents' or 'voters' name no one who could be asked."""
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and (child.ent_type_ or child.pos_ == "PROPN"):
            return True
        if child.dep_ == "poss" and child.lower_ in ("his", "her"):
            return True  # "her advisers", "his aides": one person's people
        if child.dep_ == "prep" and any(grand.ent_type_ or grand.pos_ == "PROPN" for grand in child.children):
            return True
    return False


def _belongs_to_state(noun: Token) -> bool:
    """'leaders of China', 'China's leaders', 'officials in Seoul': a state's organs speak as the state."""
    for child in noun.children:
        if child.ent_type_ == "GPE" and child.dep_ in ("poss", "compound", "nmod", "amod"):
            return True
        if child.dep_ == "prep" and any(grand.ent_type_ == "GPE" for grand in child.children):
            return True
    return False


def is_finite(article: QuoteContext, start: int, end: int) -> bool:
    """True when the content holds a finite verb: a clause that states something ('he will win')."""
    span = article.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(token.tag_ in FINITE_TAGS for token in span)


def _has_source_phrase(article: QuoteContext, token: Token) -> bool:
    return any(article.cues.get(child.i, NO_CUE).type == "source" for child in token.children)


def _is_for_clause(token: Token, cue: Cue) -> bool:
    """'called for all candidates to lay out ...': a for-to clause opened by the cue's own preposition."""
    return (
        token.dep_ in ("advcl", "ccomp", "xcomp")
        and token.i > token.head.i
        and any(child.dep_ == "mark" and child.lower_ in cue.words[1:] for child in token.children)
        and _is_infinitive(token)
    )


def takes_infinitive(token: Token) -> bool:
    """'Crowds refuse to let the weather interfere': an aim's content is its own infinitive, not a clause
    the parser hung on it from before a ";"."""
    return any(child.dep_ == "xcomp" and child.i > token.i and _is_infinitive(child) for child in token.children)


def _is_infinitive(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _is_bare_gerund(token: Token) -> bool:
    """'proposed barring all foreign Muslims', 'reported raising $9 million': a gerund with no subject of its own."""
    return token.tag_ == "VBG" and not any(child.dep_ in SUBJECT_DEPS for child in token.children)


def _names_something_said(token: Token) -> bool:
    """A noun phrase that can be the content of speech: not a pronoun, a name or a date alone."""
    if token.pos_ == "PRON" or token.lower_ in CONTENT_PRONOUNS:
        return False
    if any(child.dep_ in ("det", "predet", "amod") and child.lower_ in BACK_REFERENCES for child in token.children):
        return False  # "dismissed such a call", "rejected this idea": words said before, not what is said here
    words = [t for t in token.subtree if not (t.is_punct or t.is_space)]
    return len(words) >= MIN_SPEECH_ACT_WORDS and token.pos_ in ("NOUN", "VERB")


def _topic_prepositions(cue: Cue) -> frozenset[str]:
    """'complained about X' for every speech cue; 'called for X', 'spoke on X' only for cues made of them."""
    return TOPIC_PREPOSITIONS | frozenset(cue.words[1:])


def _content_in_paragraph(
    article: QuoteContext, cue_token: Token, tokens: list[Token], min_words: int = 2
) -> tuple[int, int] | None:
    paragraph = article.paragraph_of(cue_token.idx)
    return span_bounds([t for t in tokens if article.paragraph_of(t.idx) == paragraph], min_words)


def _misattached_that_clause(article: QuoteContext, token: Token) -> Token | None:
    """'said at a conference that ...', 'told reporters that ...': the parser hangs the that-clause on the
    noun before it, the object of a preposition or, for a cue whose object is the one addressed, that
    object ("that" a complementizer, not the relative pronoun of "the plan that he made")."""
    addressed = article.cues.get(token.i, NO_CUE).addressee == "object"
    nouns: list[Token] = []
    for child in token.children:
        if child.i < token.i:
            continue
        if child.dep_ == "prep":
            nouns.extend(child.children)
        elif child.dep_ in ("dobj", "dative") and addressed:
            nouns.append(child)
    for noun in nouns:
        for clause in noun.children:
            if clause.dep_ in ("relcl", "acl") and any(
                child.dep_ == "mark" and child.lower_ == "that" for child in clause.children
            ):
                return clause
    return None


def poll_in(article: QuoteContext, token: Token) -> Token | None:
    """The poll of "in a poll" on a clause's main verb ("In a Marist poll released Monday, Okafor led by
    8 points", "Okafor led by 8 points in the survey"): a poll, singular, framing its sentence's clause.
    "trails in the polls" (plural) is a standing, and a clause with a cue of its own reports that cue."""
    if token.lower_ != "in" or token.dep_ != "prep" or article.quote_of_token[token.i] != -1:
        return None
    verb = token.head
    if verb.dep_ != "ROOT" or verb.pos_ not in ("VERB", "AUX") or verb.i in article.cues:
        return None
    return next(
        (
            child
            for child in token.children
            if child.dep_ == "pobj" and child.tag_ == "NN" and child.lemma_.lower() in article.lexicon.words.poll_nouns
        ),
        None,
    )


def poll_finding_content(article: QuoteContext, token: Token) -> tuple[int, int] | None:
    """The clause a poll framed by "in" reports (see `poll_in`), without the poll's own phrase."""
    return _clause_around(article, token.head, token) if poll_in(article, token) is not None else None


def source_content(article: QuoteContext, token: Token, cue: Cue) -> tuple[int, int] | None:
    """The clause a source phrase hangs from, unless that clause is inside a quote.

    A clause that reports speech itself ("Okafor told Lindqvist that ..., according to a readout") is
    the source's content as PolNeAR marks it, the speech inside it a quote of its own (nested attribution).
    """
    clause = source_clause(token, cue)
    if clause is None or article.quote_of_token[clause.i] != -1:
        return None
    if source_object(article.doc, token.i, cue) is None:
        return None
    return _clause_around(article, clause, _phrase_verb(token, cue) or token)


def source_clause(token: Token, cue: Cue) -> Token | None:
    """The clause a source phrase reports: "As reported by X, the secretary was told ..." hangs the phrase
    on its own verb ("reported"), whose clause is the one it is an aside to."""
    verb = _phrase_verb(token, cue)
    return clause_of(verb) if verb is not None else clause_of(token)


def _phrase_verb(token: Token, cue: Cue) -> Token | None:
    """The source phrase's own verb ("reported" in "as reported by X") when the parser hung the phrase on it."""
    clause = clause_of(token)
    if clause is not None and token.i <= clause.i < token.i + len(cue.words) and clause.head != clause:
        return clause
    return None


def clause_of(token: Token) -> Token | None:
    """The verb of the clause a phrase hangs from."""
    current = token.head
    for _ in range(MAX_CLIMB):
        if current.pos_ in ("VERB", "AUX"):
            # "A met B and agreed to ..., according to X": X reports the whole coordination.
            while current.dep_ == "conj" and current.head.pos_ in ("VERB", "AUX"):
                current = current.head
            return current
        if current.head == current:
            return None
        current = current.head
    return None


def _clause_around(article: QuoteContext, clause: Token, aside: Token) -> tuple[int, int] | None:
    """The clause's words without an aside: the part before it, after it, or around it."""
    aside_tokens = {item.i for item in aside.subtree}
    paragraph = article.paragraph_of(aside.idx)
    words = [
        item for item in clause.subtree if item.i not in aside_tokens and article.paragraph_of(item.idx) == paragraph
    ]
    before = [item for item in words if item.i < aside.left_edge.i]
    after = [item for item in words if item.i > aside.right_edge.i]
    if before and not _only_punctuation(after):
        return span_bounds(words)
    return span_bounds(before or after)


def _only_punctuation(tokens: list[Token]) -> bool:
    return all(token.is_punct or token.is_space for token in tokens)


def mostly_quoted(article: QuoteContext, start: int, end: int) -> bool:
    """True when the content is little more than a direct quote ('He said it "..."'): that quote covers it."""
    doc = article.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    own_words = [t for t in span if article.quote_of_token[t.i] == -1 and not (t.is_punct or t.is_space)]
    opening = article.quote_of_token[span[0].i]
    if opening != -1 and article.span_tokens[opening][1] <= span.end:
        return True  # the content opens with a whole quote; what follows is its speaker, misparsed
    quoted = any(article.quote_of_token[t.i] != -1 for t in span)
    return quoted and len(own_words) < MIN_OWN_WORDS

"""Who speaks and to whom, found in the parse: the tokens that name the speaker and the addressee of a cue.

The speaker of a cue is its subject, the agent of a passive ("was told by
X"), the subject of the clause a trailing participle hangs from, the object
of "quoted X as saying", the holder of a noun of saying ("his claim"), or
the object of a source phrase ("according to X"); failing those, the noun
phrase right before the cue or after a closing quote mark. The addressee is
the cue's object ("told Mr. Putin") or a to-phrase ("said to reporters",
"in a letter to X"). A paragraph opening with a name and a colon ("KATE
BOLDUAN: ...") names the speaker of the rest of the line.

These are tokens of the parse; `speakers.py` resolves them to actors.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dossier.quotes.context import (
    ADJACENT_TOKENS,
    CONTENT_PRONOUNS,
    LABEL_TYPES,
    MAX_CLIMB,
    SUBJECT_DEPS,
    Attribution,
    QuoteContext,
    span_bounds,
)
from dossier.quotes.cues import Cue
from dossier.quotes.marks import paragraph_bounds
from dossier.quotes.words import QuoteWords

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
# A participle, an infinitive or a coordinated verb shares its subject
# with the verb it hangs from ("Putin rejected ..., criticizing ...",
# "voters were likely to say ...").
SUBJECT_SHARING_DEPS = frozenset({"xcomp", "conj", "advcl", "acomp"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# Possessive pronouns that, on a verb's object, stand for the verb's subject ("Trump announced his plan").
OWNER_PRONOUNS = frozenset({"his", "her", "their", "its"})
# Verbs that say a stance word of their subject ("is critical of", "remained skeptical", "became convinced").
COPULAS = frozenset({"be", "seem", "remain", "become", "appear", "sound", "grow", "stay"})
# A paragraph opening with a short name and a colon attributes the rest of the line to it.
_NAMED_LINE = re.compile(r"[^\S\n]*([^:\n]{2,60}?):[^\S\n]+\S")
MAX_LINE_NAME_WORDS = 5
# A line's name the entity recogniser left untyped counts up to this many proper nouns.
MAX_UNTYPED_LINE_NAME_WORDS = 3


def _is_dateline(token: Token) -> bool:
    """'LONDON (Reuters) - Okafor said ...': a place in capitals opening the paragraph, set off by a
    parenthesis or a dash, is the dateline, not a subject of the sentence's verb."""
    if not token.is_upper or token.ent_type_ != "GPE" or len(token.text) < 2:
        return False
    start = token.left_edge.i
    if start > 0 and "\n" not in token.doc[start - 1].text:
        return False
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is not None and following.text in ("(", "—", "–", "-", "--")


def _subjects_nearest_first(verb: Token) -> list[Token]:
    """The verb's children, its subjects nearest first: in "Voters, Okafor suggested, need not worry" the
    parser hangs both "Voters" and "Okafor" on "suggested", and the one next to the verb speaks."""
    children = list(verb.children)
    subjects = [child for child in children if child.dep_ in SUBJECT_DEPS]
    if len(subjects) < 2:
        return children
    first = subjects[0]
    if not (first.i < verb.i and any(token.text == "," for token in verb.doc[first.i + 1 : verb.i])):
        return children
    nearest = sorted(subjects, key=lambda child: abs(verb.i - child.i))
    return nearest + [child for child in children if child.dep_ not in SUBJECT_DEPS]


def find_speaker(
    token: Token, cue: Cue, through_gerunds: bool = True, voicing: frozenset[str] = frozenset()
) -> Token | None:
    """The token naming who spoke through the cue at `token`, or None when the text names no one.

    `through_gerunds=False` leaves out the subject a gerund after a preposition borrows ("by asking"): a
    direct quote under "looked forward to discussing" belongs to the speech around it. `voicing` holds
    the verbs whose subject voices a noun of saying with its preposition as its own ("delivered a defense
    of X", words.tsv kind `voicing`).
    """
    if cue.type == "quoting":
        return _object_or_passive_subject(token)
    if cue.type == "noun":
        by_verb = len(cue.words) == 1 or (token.dep_ == "dobj" and token.head.lemma_.lower() in voicing)
        return _holder_of_noun(token, by_verb=by_verb)
    if cue.type == "stance":
        return _stance_holder(token)
    current = _main_clause_of_trailing_participle(token) or token
    for _ in range(MAX_CLIMB):
        quoting = _quoting_verb_above(current)
        if quoting is not None:
            return _object_or_passive_subject(quoting)
        for child in _subjects_nearest_first(current):
            if child.dep_ in SUBJECT_DEPS and not _is_dateline(child):
                if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    return current.head
                return child if child.pos_ != "VERB" else None
            if child.dep_ in PASSIVE_SUBJECT_DEPS:
                # "was told by X": the agent speaks; "X was prompted to say", "X was forced into it
                # and said": the cue shares the passive verb's subject.
                return _agent(current) if current == token else child
        if current.dep_ == "relcl":
            return current.head
        if _is_misparsed_predicate(current, cue):
            return current.head
        above_gerund = _verb_above_gerund(current) if through_gerunds else None
        if current.dep_ in SUBJECT_SHARING_DEPS and current.head != current:
            current = current.head
        elif above_gerund is not None:
            current = above_gerund
        elif current.dep_ == "acl" and current.tag_ == "VBG" and current.head.dep_ in ("dobj", "nsubj"):
            # "issued a statement saying ...": the statement's issuer speaks.
            noun = current.head
            current = noun.head if noun.dep_ == "dobj" else noun
            if noun.dep_ == "nsubj":
                return noun
        else:
            return None
    return None


def _verb_above_gerund(token: Token) -> Token | None:
    """'Thomas broke his silence by asking questions', 'stopped short of calling for X': a gerund after a
    preposition shares the subject of the verb the preposition hangs from (through an adverb or adjective
    such as "short")."""
    if token.dep_ != "pcomp" or token.tag_ != "VBG" or token.head.dep_ != "prep":
        return None
    holder = token.head.head
    if holder.pos_ in ("ADV", "ADJ") and holder.dep_ in ("advmod", "acomp") and holder.head != holder:
        holder = holder.head
    return holder if holder.pos_ in ("VERB", "AUX") and holder != token.head else None


def is_stance_predicate(token: Token, words: QuoteWords) -> bool:
    """'is critical of', 'are concerned that', 'was ready to', 'is a vocal critic of': a stance word said
    of someone by a copula, or a passive participle of one ("are convinced that")."""
    if token.lower_ not in words.stance_words and token.lemma_.lower() not in words.stance_words:
        return False
    if token.dep_ in ("acomp", "attr"):
        return token.head.lemma_.lower() in COPULAS
    return token.tag_ == "VBN" and any(
        child.dep_ == "auxpass" and child.lemma_.lower() in COPULAS for child in token.children
    )


def _stance_holder(token: Token) -> Token | None:
    """Who holds the stance: the subject of the copula, or of the passive participle."""
    holder = token.head if token.dep_ in ("acomp", "attr") else token
    for child in holder.children:
        if child.dep_ in SUBJECT_DEPS or child.dep_ in PASSIVE_SUBJECT_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS and holder.dep_ == "relcl":
                return holder.head
            return child if child.pos_ != "VERB" else None
    if holder.dep_ == "relcl":
        return holder.head
    return None


def _holder_of_noun(noun: Token, by_verb: bool = True) -> Token | None:
    """Whose claim or statement: 'his claim', 'the claim by Trump', 'Trump made the claim', 'repeated his claim'.

    A stance noun with its preposition ("support for X") is held only by its owner: one who "built
    support for X" or "won support for X" gathered other people's; one who "delivered a defense of X"
    voiced it (`by_verb`).
    """
    for child in noun.children:
        if child.dep_ == "poss":
            return _subject_for_possessive(noun, child)
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            holder = next((grand for grand in child.children if grand.dep_ == "pobj"), None)
            if holder is not None:
                return holder
    verb = noun.head
    if by_verb and noun.dep_ == "dobj" and verb.pos_ in ("VERB", "AUX"):
        return find_speaker(verb, Cue(verb.lemma_.lower(), "speech", "-"))
    return None


def _subject_for_possessive(noun: Token, owner: Token) -> Token:
    """'Lindqvist announced her decision to leave': a possessive pronoun on the object of a verb stands
    for that verb's subject, which the parse names; any other owner is its own."""
    if owner.lower_ not in OWNER_PRONOUNS or noun.dep_ != "dobj":
        return owner
    subject = next((child for child in noun.head.children if child.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.pos_ not in ("PROPN", "NOUN") or subject.lower_ in RELATIVE_PRONOUNS:
        return owner
    return subject


def _main_clause_of_trailing_participle(token: Token) -> Token | None:
    """', explaining that ...' hung on a clause inside the sentence belongs to the main verb.

    "Trump questioned why Khan's wife did not speak, implying that ...": the parser hangs
    "implying" on "speak"; the one implying is the subject of "questioned".
    """
    doc = token.doc
    if not (token.dep_ == "advcl" and token.tag_ == "VBG" and token.i > 0 and doc[token.i - 1].text == ","):
        return None
    if token.head.dep_ not in ("ccomp", "acl"):
        return None
    current = token.head
    for _ in range(MAX_CLIMB):
        if current.dep_ not in ("ccomp", "acl") and current.pos_ in ("VERB", "AUX"):
            return current
        if current.head == current:
            return None
        current = current.head
    return None


def _is_misparsed_predicate(token: Token, cue: Cue) -> bool:
    """'Trump, who ..., tweeted': the parser made the verb a clause on its own subject."""
    doc = token.doc
    return (
        cue.type == "speech"
        and token.dep_ == "acl"
        and token.head.pos_ in ("PROPN", "PRON")
        and token.i > 0
        and doc[token.i - 1].text == ","
    )


def _quoting_verb_above(token: Token) -> Token | None:
    """'quoted Lavrov as saying': from 'saying' to 'quoted'."""
    preposition = token.head
    if token.dep_ == "pcomp" and preposition.lower_ == "as" and preposition.head.lemma_.lower() in ("quote", "cite"):
        return preposition.head
    return None


def _object_or_passive_subject(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    return None


def _agent(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            return next((grand for grand in child.children if grand.dep_ == "pobj"), None)
    return None


def find_addressee(token: Token, cue: Cue, speaker: Token | None, words: QuoteWords) -> Token | None:
    """Who the cue was addressed to: its object ('told Mr. Putin') or a to-phrase ('said to reporters')."""
    if cue.type != "speech" and cue.type not in LABEL_TYPES:
        return None
    for child in token.children:
        if cue.addressee == "object" and child.dep_ in ("dobj", "dative") and child.lower_ not in CONTENT_PRONOUNS:
            if child != speaker:
                return child
        if cue.addressee in ("object", "to") and child.dep_ in ("prep", "dative") and child.lower_ == "to":
            target = next((grand for grand in child.children if grand.dep_ == "pobj"), None)
            if target is not None:
                return target
        if child.dep_ == "prep" and child.lower_ == "in":
            target = _addressee_of_message(child, words)
            if target is not None:
                return target
    return None


def _addressee_of_message(preposition: Token, words: QuoteWords) -> Token | None:
    """'wrote in a letter to Speaker Ryan': the one the letter, e-mail or statement went to."""
    message = next((grand for grand in preposition.children if grand.dep_ == "pobj"), None)
    if message is None or message.lemma_.lower() not in words.message_nouns:
        return None
    for child in message.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            return next((grand for grand in child.children if grand.dep_ == "pobj"), None)
    return None


def attribution_at(article: QuoteContext, cue_token: Token) -> Attribution | None:
    """The attribution a cue token gives, or None for a label verb with no one doing the labelling."""
    cue = article.cues[cue_token.i]
    if cue.type == "source":
        speaker = source_object(article.doc, cue_token.i, cue)
        if speaker is None:
            return None
        return Attribution(cue, cue_token, _issuer_of_message(speaker, article.lexicon.words) or speaker)
    speaker = find_speaker(cue_token, cue, voicing=article.lexicon.words.voicing_verbs)
    if speaker is not None and speaker.ent_type_ in ("DATE", "TIME"):
        # "Tuesday at the rally, Kasich said": the parser took the date for the subject.
        speaker = _noun_right_before(cue_token)
    if speaker is not None and article.quote_of_token[speaker.i] != -1:
        speaker = None  # a name inside the quote marks is someone addressed or mentioned, not the speaker
    if speaker is None and cue.type == "speech" and not _is_passive(cue_token):
        speaker = (
            _inverted_speaker(article, cue_token)
            or _inverted_object(article, cue_token, cue)
            or _speaker_after_quote(article, cue_token)
            or _noun_right_before(cue_token)
            or _name_opening_sentence(article, cue_token)
        )
    if speaker is not None:
        speaker = _issuer_of_message(speaker, article.lexicon.words) or speaker
        speaker = _speaker_in_paragraph(article, speaker, cue_token)
    if speaker is None and cue.type in LABEL_TYPES:
        return None  # "a treaty called 'X'" names a thing; no one is quoted
    return Attribution(cue, cue_token, speaker, find_addressee(cue_token, cue, speaker, article.lexicon.words))


def _issuer_of_message(speaker: Token, words: QuoteWords) -> Token | None:
    """'Okafor released a video that said ...', 'the group issued a statement saying ...': a message or
    a record that someone put out speaks for the one who put it out (the subject of the verb it is the
    object of), when that subject names someone; so does one put out by someone ('a statement released
    by Okafor said', 'according to a filing submitted by Lindqvist')."""
    lemma = speaker.lemma_.lower()
    if lemma not in words.message_nouns and lemma not in words.evidence_nouns:
        return None
    for participle in speaker.children:
        # "a statement issued by Okafor's office", "according to a filing submitted by Lindqvist"
        if participle.dep_ == "acl" and participle.tag_ == "VBN":
            agent = next((child for child in participle.children if child.dep_ == "agent"), None)
            issuer = next((child for child in agent.children if child.dep_ == "pobj"), None) if agent else None
            if issuer is not None and (issuer.pos_ == "PROPN" or issuer.ent_type_ in ("PERSON", "ORG")):
                return issuer
    if speaker.dep_ != "dobj":
        return None
    verb = speaker.head
    subject = next((child for child in verb.children if child.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.lower_ in RELATIVE_PRONOUNS:
        return None
    return subject if subject.pos_ == "PROPN" or subject.ent_type_ in ("PERSON", "ORG") else None


def source_object(doc: Doc, first: int, cue: Cue) -> Token | None:
    """The object of a source phrase's last word: 'officials' in 'according to officials'."""
    last = doc[first + len(cue.words) - 1]
    for child in last.children:
        if child.dep_ in ("pobj", "dobj", "pcomp"):
            return child
    return None


def inverted_speaker_clause(article: QuoteContext, cue_token: Token) -> Token | None:
    """'"...," said David Brock, a confidant who heads Correct the Record.': right after a closing quote
    mark, a cue with no subject of its own may have its inverted speaker hung on a clause after it; that
    clause, whose subject is a name or a noun, is the speaker's phrase, not something said."""
    if _has_own_subject(cue_token) or not _right_after_quote(article, cue_token):
        return None
    for clause in cue_token.children:
        if clause.dep_ == "ccomp" and clause.i > cue_token.i:
            subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS and c.i < clause.i), None)
            # "reminding the co-hosts that Trump has ...": a clause opened by "that" is what was said.
            opened = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
            if subject is not None and subject.pos_ in ("PROPN", "NOUN") and subject.i > cue_token.i and not opened:
                return clause
    return None


def _has_own_subject(cue_token: Token) -> bool:
    return any(child.dep_ in SUBJECT_DEPS or child.dep_ in PASSIVE_SUBJECT_DEPS for child in cue_token.children)


def _right_after_quote(article: QuoteContext, cue_token: Token) -> bool:
    """Whether the cue comes right after a quoted word (spaces between), as in '"...," said X'."""
    before = cue_token.i - 1
    while before >= 0 and article.doc[before].is_space:
        before -= 1
    return before >= 0 and article.quote_of_token[before] != -1


def _inverted_object(article: QuoteContext, cue_token: Token, cue: Cue) -> Token | None:
    """'"...," recalled Mr. Rhodes.': right after a closing quote mark, a cue with no subject whose name
    the parser took for its object; a cue whose object is the one addressed ("told Mr. Putin") keeps it."""
    if cue.addressee == "object" or not _right_after_quote(article, cue_token) or _has_own_subject(cue_token):
        return None
    return next(
        (
            child
            for child in cue_token.children
            if child.dep_ == "dobj"
            and child.i > cue_token.i
            and child.pos_ in ("PROPN", "NOUN")
            and article.quote_of_token[child.i] == -1
        ),
        None,
    )


def _inverted_speaker(article: QuoteContext, cue_token: Token) -> Token | None:
    clause = inverted_speaker_clause(article, cue_token)
    return next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None) if clause is not None else None


def _is_passive(token: Token) -> bool:
    return any(child.dep_ in PASSIVE_SUBJECT_DEPS or child.dep_ in ("auxpass", "expl") for child in token.children)


def _speaker_after_quote(article: QuoteContext, cue_token: Token) -> Token | None:
    """'"...," Jane Doe, a senator, tells ...' when the parser hung the name on the quote."""
    doc = article.doc
    words: list[Token] = []
    index = cue_token.i - 1
    while index >= 0 and len(words) <= ADJACENT_TOKENS and article.quote_of_token[index] == -1:
        if doc[index].text in ".!?" or "\n" in doc[index].text:
            return None
        words.append(doc[index])
        index -= 1
    if index < 0 or article.quote_of_token[index] == -1:
        return None  # no closing mark right before the speaker
    inside = {word.i for word in words}
    roots = [word for word in reversed(words) if word.head.i not in inside and word.pos_ in ("PROPN", "NOUN", "PRON")]
    return roots[0] if roots else None


def _name_opening_sentence(article: QuoteContext, cue_token: Token) -> Token | None:
    """'Jane Doe, a Fresno, Calif., farmer helping to run the market, said ...' where the parser lost the
    subject in a long apposition: the person or organisation whose name opens the sentence, when no
    other verb of saying stands between it and the cue."""
    sentence = cue_token.sent
    words = [t for t in sentence if t.i < cue_token.i and not (t.is_punct or t.is_space)]
    if not words or words[0].i not in article.speakers.people or article.quote_of_token[words[0].i] != -1:
        return None
    if any(t.i in article.cues and article.cues[t.i].type == "speech" for t in words):
        return None
    name = words[0]
    while name.i + 1 < cue_token.i and name.i + 1 in article.speakers.people:
        name = name.doc[name.i + 1]
    return name


def _noun_right_before(cue_token: Token) -> Token | None:
    """The head of the noun phrase that ends right before the cue ('..., Gov. Kasich said')."""
    doc = cue_token.doc
    words: list[Token] = []
    index = cue_token.i - 1
    while index >= 0 and len(words) < ADJACENT_TOKENS and doc[index].pos_ in ("PROPN", "NOUN", "PRON", "DET", "ADJ"):
        words.append(doc[index])
        index -= 1
    inside = {word.i for word in words}
    roots = [word for word in words if word.head.i not in inside and word.pos_ in ("PROPN", "NOUN", "PRON")]
    return roots[0] if roots and roots[0].ent_type_ not in ("DATE", "TIME") else None


def _speaker_in_paragraph(article: QuoteContext, speaker: Token, cue_token: Token) -> Token | None:
    """Keep only the part of the speaker's phrase in the cue's paragraph ('12:15 p.m.\n\nObama says')."""
    paragraph = article.paragraph_of(cue_token.idx)
    if article.paragraph_of(speaker.idx) == paragraph:
        return speaker
    part = [t for t in speaker.subtree if article.paragraph_of(t.idx) == paragraph and not (t.is_punct or t.is_space)]
    inside = {t.i for t in part}
    roots = [t for t in part if t.head.i not in inside and t.pos_ in ("PROPN", "NOUN", "PRON")]
    return roots[0] if roots else None


def find_named_lines(article: QuoteContext) -> dict[int, tuple[Token, int, int]]:
    """Paragraphs that open with a name and a colon: the speaker's head word and the bounds of what follows.

    "Graham: Trump's Rhetoric Destroying GOP's Chance." (a headline) and
    "KATE BOLDUAN: Why not debate?" (a transcript line) attribute the rest of
    the line to the name. The name is at most five words, holds a person or an
    organisation and no verb, and ends on a proper noun: "Poll: ..." and
    "Tuesday's Morning Email: ..." name no speaker.
    """
    found: dict[int, tuple[Token, int, int]] = {}
    for number, (begin, end) in enumerate(paragraph_bounds(article.text)):
        match = _NAMED_LINE.match(article.text, begin, end)
        if match is None:
            continue
        speaker = _line_speaker(article, match.start(1), match.end(1))
        content = article.doc.char_span(match.end() - 1, end, alignment_mode="expand")
        if speaker is None or content is None:
            continue
        if not any(token.pos_ in ("VERB", "AUX") for token in content):
            continue  # "Clinton: Time for a new strategy" states no claim of its own
        bounds = span_bounds(list(content))
        if bounds is not None:
            found[number] = (speaker, *bounds)
    return found


def _line_speaker(article: QuoteContext, start: int, end: int) -> Token | None:
    name = article.doc.char_span(start, end, alignment_mode="expand")
    if name is None:
        return None
    words = [token for token in name if not (token.is_punct or token.is_space)]
    # "EXCLUSIVE – Roger Stone": the name is what follows a dash.
    dashes = [index for index, token in enumerate(name) if token.text in ("-", "–", "—")]
    if dashes:
        words = [token for token in name[dashes[-1] + 1 :] if not (token.is_punct or token.is_space)]
    if not words or len(words) > MAX_LINE_NAME_WORDS:
        return None
    if any(token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADP" and token.lower_ != "of") for token in words):
        return None  # "Follow him on Twitter: @..." is an instruction, not a name
    # "Trump: Clinton should have ..." opening a headline: the tagger may take the name for a common noun;
    # a name the actors stage knows for a person or organisation still names the speaker.
    known = words[-1].i in article.speakers.people
    # "Jane Roe: The farmers ..." where the recogniser typed nothing: a short name of proper nouns alone.
    untyped = len(words) <= MAX_UNTYPED_LINE_NAME_WORDS and all(t.pos_ == "PROPN" and not t.ent_type_ for t in words)
    typed = any(token.ent_type_ in ("PERSON", "ORG") for token in words)
    if not known and not untyped and (words[-1].pos_ != "PROPN" or not typed):
        return None
    return words[-1]

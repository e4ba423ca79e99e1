"""Stage `quotes`: direct and indirect speech with speaker and addressee.

Two passes over one parsed article:

1. Direct quotes. `find_marked_spans` (quotes/marks.py) pairs quote marks on the raw text
   (straight and curly, across paragraphs by the newsroom convention of
   reopening each paragraph, unclosed marks capped). Each marked span is
   then tied to a cue: a reporting verb from the cue lexicon that governs
   it in the dependency parse ("criticizing X as '...'", "He said '...'"),
   that stands next to it ('"...", Mr. Moon told Mr. Putin'), a source
   phrase ("..., according to X"), or the attribution of the quote before
   it in the same paragraph. A short quoted phrase with no cue is a scare
   quote or a title and is dropped; a quoted sentence with no cue is kept
   with no speaker.
2. Indirect speech: a speech cue outside quote marks with a clausal
   complement ("X said (that) ...", "..., Moon has said"), and source
   phrases hung on a clause ("..., according to officials").

Speakers are found in the parse (the cue's subject, the agent of a passive,
the subject of the clause a participle hangs from, the object of "quoted X
as saying", the object of "according to") and resolved through the actors
stage's mentions; a speaker no mention covers keeps its visible words as a
name with no code, and a quote with no speaker in the text gets none.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dossier.parse.model import ParsedArticle
from dossier.quotes.cues import Cue, CueLexicon, load_cues
from dossier.quotes.marks import (
    DOUBLE_CLOSING,
    DOUBLE_OPENING,
    SINGLE_CLOSING,
    SINGLE_OPENING,
    STRAIGHT_DOUBLE,
    MarkedSpan,
    find_marked_spans,
    paragraph_bounds,
)
from dossier.quotes.speakers import Speakers
from dossier.records import Mention, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A quoted stretch of at most this many words with no cue is a name or a
# scare quote ("the so-called 'axis of evil'"), not speech (issue 4 rule).
MAX_TITLE_WORDS = 4
# A quoted stretch with no cue is kept (speaker unknown) only when it reads
# like a sentence of speech: at least this many words and a verb of its own.
MIN_UNATTRIBUTED_WORDS = 5
# Titles capitalise every word of at least this many letters ("Meet the Press").
MIN_TITLE_WORD_LETTERS = 4
# A title-cased quote with no cue up to this long is a name ("Orange Is the
# New Black"), not a sentence someone said.
MAX_UNATTRIBUTED_TITLE_WORDS = 8
# Indirect content with fewer own words outside quote marks than this is
# the direct quote it holds ('He said it "offers ..."'), not a paraphrase.
MIN_OWN_WORDS = 3
# The longest attribution ('," Jane Doe, a senator, told reporters.') after
# which the next paragraph's bare quote still belongs to the same speaker.
MAX_ATTRIBUTION_CHARS = 120
# How far up the parse a quote may sit below its cue ("said the plan was
# 'a disaster'" is three steps); deeper links are usually wrong attachments.
MAX_CLIMB = 8
# How many tokens after a closing mark (or before an opening one) may hold
# the speaker and cue when the parser split them from the quote.
ADJACENT_TOKENS = 8

MARK_TOKENS = frozenset({"''", "``"})
ALL_MARKS = frozenset(DOUBLE_OPENING + DOUBLE_CLOSING + STRAIGHT_DOUBLE + SINGLE_OPENING + SINGLE_CLOSING)
_ALPHA_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# Dependency labels that make a quoted phrase part of a name ("the 'Hannity'
# show", "Fox's 'Hannity'"), not something said.
NAMING_DEPS = frozenset({"compound", "nmod", "poss", "appos"})
# Words right before a quoted phrase that mark it as a name, not speech.
NAMING_WORDS = frozenset({"so-called", "dubbed", "titled", "entitled", "named", "nicknamed", "called", "known"})
# Prepositions whose quoted phrase still says something of the speaker's ("more "than any drought"").
COMPARING_PREPOSITIONS = frozenset({"than", "as", "like"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
# A participle, an infinitive or a coordinated verb shares its subject
# with the verb it hangs from ("Putin rejected ..., criticizing ...",
# "voters were likely to say ...").
SUBJECT_SHARING_DEPS = frozenset({"xcomp", "conj", "advcl", "acomp"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
CONTENT_PRONOUNS = frozenset({"it", "this", "that", "what", "which", "so", "something", "anything", "nothing"})


# A speech act's object phrase needs this many words to be what was said
# ("announced his resignation"), not a bare "it" or a name.
MIN_SPEECH_ACT_WORDS = 2
# Prepositions whose object is the topic of any speech ("complained about X", "warned against X").
TOPIC_PREPOSITIONS = frozenset({"about", "against"})
# Speech cues whose object or infinitive is not what was said: "continued to trail",
# "maintained the title", "wrote a book", "posted a photo", "answered the door".
NOT_SPEECH_ACTS = frozenset(
    {"continue", "maintain", "accept", "go on", "update", "interrupt", "break in", "answer", "publish", "post"}
    | {"tweet", "write", "add", "boast", "signal", "tease", "undertake", "respond", "weigh in", "project", "print"}
    | {"underline", "underscore", "agree", "persuade"}
)
# Speech cues whose direct object is never the words said ("speaking Sunday on ABC's 'This Week'",
# "spoke English"): a capitalised quote there is a name.
OBJECT_NOT_WORDS = frozenset({"speak", "talk", "chat", "converse"})
# Nouns for one person speaking or speaking for someone: a speech act by them is a quote.
PERSON_SPEAKER_NOUNS = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor", "senator", "governor", "candidate"}
    | {"nominee", "president", "minister", "secretary", "chairman", "chairwoman", "leader", "lawyer", "attorney"}
    | {"representative", "congressman", "congresswoman", "mayor", "official", "ambassador", "director", "manager"}
)

# Tags of a finite verb: a belief's content must be a clause of its own ("thinks he will win").
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})

# Pronouns (and their possessives: "his claim that") that stand for one speaker or a body speaking as one.
PERSON_PRONOUNS = frozenset({"he", "she", "i", "we", "his", "her", "my", "our"})

# A paragraph opening with a short name and a colon attributes the rest of the line to it.
_NAMED_LINE = re.compile(r"[^\S\n]*([^:\n]{2,60}?):[^\S\n]+\S")
MAX_LINE_NAME_WORDS = 5
LINE_CUE = Cue(":", "speech", "-")

# Determiners that point back to something said before ("such a call", "this idea").
BACK_REFERENCES = frozenset({"such", "this", "that", "these", "those"})

# Messages whose to-phrase names the addressee: "in a letter to X".
MESSAGE_NOUNS = frozenset({"letter", "email", "e-mail", "message", "memo", "note", "statement", "call", "tweet"})

# Dependency labels of the words a cue verb reports (its object, clause or characterisation).
CONTENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "oprd", "attr", "acomp", "advmod", "npadvmod"})

_NO_CUE = Cue("", "none", "-")
# Cue types that may govern a direct quote; a finding ("the poll found") takes a clause only.
QUOTE_CUE_TYPES = frozenset({"speech", "label", "judge", "quoting"})
# Cue types that characterise something: "label" ("called it 'a disaster'") and "judge", which also
# states a judgement on a bare object ("criticized the president's foreign policy").
LABEL_TYPES = frozenset({"label", "judge"})


@dataclass(frozen=True)
class Attribution:
    """Who said a stretch of text, as found in the parse."""

    cue: Cue | None
    cue_token: Token | None
    speaker: Token | None
    addressee: Token | None = None


@dataclass
class _Article:
    """One article's text, parse, cues and mentions, shared by the helpers below."""

    text: str
    doc: Doc
    lexicon: CueLexicon
    cues: dict[int, Cue]
    quote_of_token: list[int]
    span_tokens: list[tuple[int, int]]  # per marked span: token range, marks included
    speakers: Speakers
    paragraph_starts: list[int]
    named_lines: dict[int, tuple[Token, int, int]] = field(default_factory=dict)  # paragraph: speaker, content

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding a character offset."""
        return bisect.bisect_right(self.paragraph_starts, offset) - 1


def find_quotes(
    parsed: ParsedArticle, mentions: tuple[Mention, ...], cues: CueLexicon | None = None
) -> tuple[Quote, ...]:
    """Every quote in the article, its speaker resolved through `mentions`.

    `cues` defaults to `load_cues()` (the shipped lexicon and DOSSIER_CUES_PATH);
    a run loads it once and passes it in, and then the call reads no file.

    Example:
        >>> from dossier.parse import parse_articles
        >>> from dossier.records import Article
        >>> parsed = next(parse_articles([Article.build('"We want peace," the minister said.')]))
        >>> [(q.text, q.kind, q.cue) for q in find_quotes(parsed, ())]
        [('We want peace', 'direct', 'say')]
    """
    text = parsed.article.text
    doc = parsed.doc
    if not text.strip() or len(doc) == 0:
        return ()
    spans = find_marked_spans(text)
    article = _prepare(text, doc, spans, mentions, cues if cues is not None else load_cues())
    quotes = [*_direct_quotes(article, spans, parsed.article.id), *_indirect_quotes(article, parsed.article.id)]
    return tuple(sorted(quotes, key=lambda quote: (quote.start, quote.end)))


def _prepare(
    text: str, doc: Doc, spans: list[MarkedSpan], mentions: tuple[Mention, ...], lexicon: CueLexicon
) -> _Article:
    quote_of_token = [-1] * len(doc)
    span_tokens = []
    starts = [token.idx for token in doc]
    for number, span in enumerate(spans):
        first = bisect.bisect_left(starts, span.open)
        last = bisect.bisect_left(starts, span.after)
        span_tokens.append((first, last))
        for index in range(first, last):
            quote_of_token[index] = number
    paragraph_starts = [begin for begin, _ in paragraph_bounds(text)]
    speakers = Speakers.of(text, doc, mentions)
    article = _Article(text, doc, lexicon, {}, quote_of_token, span_tokens, speakers, paragraph_starts)
    article.cues = find_cue_tokens(article)
    article.named_lines = find_named_lines(article)
    return article


# ---------------------------------------------------------------- cues


def find_cue_tokens(article: _Article) -> dict[int, Cue]:
    """Verb cues and the first word of source phrases, by token index; none inside quote marks."""
    found: dict[int, Cue] = {}
    lexicon = article.lexicon
    for token in article.doc:
        if article.quote_of_token[token.i] != -1:
            continue
        if token.tag_.startswith("VB") and not _is_negated(article, token):
            cue = _match_verb_cue(token, lexicon)
            if cue is not None:
                found[token.i] = cue
                continue
        if token.tag_ in ("NN", "NNS"):
            nouns = lexicon.noun_cues(token.lemma_.lower())
            if nouns:
                found[token.i] = nouns[0]
                continue
        for cue in lexicon.source_cues(token.lower_):
            if _matches_words(article.doc, token.i, cue.words):
                found[token.i] = cue
                break
    return found


def _is_negated(article: _Article, token: Token) -> bool:
    """'did not say', 'won't hit back', 'never told': no one is reported as saying anything.

    A "not" inside quote marks that the parser hung on the cue is the quote's own word.
    """
    return any(child.dep_ == "neg" and article.quote_of_token[child.i] == -1 for child in token.children)


def _is_negated_cue(article: _Article, token: Token) -> bool:
    return (
        token.tag_.startswith("VB")
        and _is_negated(article, token)
        and _match_verb_cue(token, article.lexicon) is not None
    )


def _match_verb_cue(token: Token, lexicon: CueLexicon) -> Cue | None:
    cues = lexicon.verb_cues(token.lemma_.lower()) or lexicon.verb_cues(token.lower_)
    for cue in cues:
        rest = cue.words[1:]
        if not rest:
            return cue
        children = {word for child in token.children for word in (child.lower_, child.lemma_.lower())}
        if all(word in children for word in rest):
            return cue
    return None


def _matches_words(doc: Doc, first: int, words: tuple[str, ...]) -> bool:
    if first + len(words) > len(doc):
        return False
    return all(doc[first + offset].lower_ == word for offset, word in enumerate(words))


def _source_object(doc: Doc, first: int, cue: Cue) -> Token | None:
    """The object of a source phrase's last word: 'officials' in 'according to officials'."""
    last = doc[first + len(cue.words) - 1]
    for child in last.children:
        if child.dep_ in ("pobj", "dobj", "pcomp"):
            return child
    return None


# ---------------------------------------------------------------- speakers


def find_speaker(token: Token, cue: Cue) -> Token | None:
    """The token naming who spoke through the cue at `token`, or None when the text names no one."""
    if cue.type == "quoting":
        return _object_or_passive_subject(token)
    if cue.type == "noun":
        return _holder_of_noun(token)
    current = _main_clause_of_trailing_participle(token) or token
    for _ in range(MAX_CLIMB):
        quoting = _quoting_verb_above(current)
        if quoting is not None:
            return _object_or_passive_subject(quoting)
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    return current.head
                return child if child.pos_ != "VERB" else None
            if child.dep_ in PASSIVE_SUBJECT_DEPS:
                # "was told by X": the agent speaks; "X was prompted to say", "X was forced into it
                # and said": the cue shares the passive verb's subject.
                return _agent(current) if current is token else child
        if current.dep_ == "relcl":
            return current.head
        if _is_misparsed_predicate(current, cue):
            return current.head
        if current.dep_ in SUBJECT_SHARING_DEPS and current.head is not current:
            current = current.head
        elif current.dep_ == "acl" and current.tag_ == "VBG" and current.head.dep_ in ("dobj", "nsubj"):
            # "issued a statement saying ...": the statement's issuer speaks.
            noun = current.head
            current = noun.head if noun.dep_ == "dobj" else noun
            if noun.dep_ == "nsubj":
                return noun
        else:
            return None
    return None


def _holder_of_noun(noun: Token) -> Token | None:
    """Whose claim or statement: 'his claim', 'the claim by Trump', 'Trump made the claim', 'repeated his claim'."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            holder = next((grand for grand in child.children if grand.dep_ == "pobj"), None)
            if holder is not None:
                return holder
    verb = noun.head
    if noun.dep_ == "dobj" and verb.pos_ in ("VERB", "AUX"):
        return find_speaker(verb, Cue(verb.lemma_.lower(), "speech", "-"))
    return None


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
        if current.head is current:
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


def find_addressee(token: Token, cue: Cue, speaker: Token | None) -> Token | None:
    """Who the cue was addressed to: its object ('told Mr. Putin') or a to-phrase ('said to reporters')."""
    if cue.type != "speech" and cue.type not in LABEL_TYPES:
        return None
    for child in token.children:
        if cue.addressee == "object" and child.dep_ in ("dobj", "dative") and child.lower_ not in CONTENT_PRONOUNS:
            if child is not speaker:
                return child
        if cue.addressee in ("object", "to") and child.dep_ in ("prep", "dative") and child.lower_ == "to":
            target = next((grand for grand in child.children if grand.dep_ == "pobj"), None)
            if target is not None:
                return target
        if child.dep_ == "prep" and child.lower_ == "in":
            target = _addressee_of_message(child)
            if target is not None:
                return target
    return None


def _addressee_of_message(preposition: Token) -> Token | None:
    """'wrote in a letter to Speaker Ryan': the one the letter, e-mail or statement went to."""
    message = next((grand for grand in preposition.children if grand.dep_ == "pobj"), None)
    if message is None or message.lemma_.lower() not in MESSAGE_NOUNS:
        return None
    for child in message.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            return next((grand for grand in child.children if grand.dep_ == "pobj"), None)
    return None


# ---------------------------------------------------------------- named lines


def find_named_lines(article: _Article) -> dict[int, tuple[Token, int, int]]:
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
        bounds = _span_bounds(article, list(content))
        if bounds is not None:
            found[number] = (speaker, *bounds)
    return found


def _line_speaker(article: _Article, start: int, end: int) -> Token | None:
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
    if words[-1].pos_ != "PROPN" or not any(token.ent_type_ in ("PERSON", "ORG") for token in words):
        return None
    return words[-1]


def _attribute_by_named_line(
    article: _Article, spans: list[MarkedSpan], attributions: list[Attribution | None], titles: set[int]
) -> None:
    """'Trump: "We are going to win so much."': a quote after a named line's colon is the name's."""
    for number, span in enumerate(spans):
        if attributions[number] is not None:
            continue
        line = article.named_lines.get(article.paragraph_of(span.open))
        if line is not None and line[1] <= span.open:
            attributions[number] = Attribution(LINE_CUE, None, line[0])


# ---------------------------------------------------------------- direct quotes


def _direct_quotes(article: _Article, spans: list[MarkedSpan], article_id: str) -> Iterator[Quote]:
    attributions: list[Attribution | None] = []
    titles: set[int] = set()
    for number, span in enumerate(spans):
        tokens = _tokens_inside(article, number)
        attribution = _attribute_direct(article, span, number, tokens)
        if not tokens or _is_title(article, span, tokens, attribution is not None) or _is_aside(tokens):
            titles.add(number)
            attribution = None
        attributions.append(attribution)
    _attribute_by_source_phrase(article, attributions)
    _attribute_by_named_line(article, spans, attributions, titles)
    _carry_attribution_over(article, spans, attributions, titles)
    for number, span in enumerate(spans):
        if number in titles:
            continue
        attribution = attributions[number]
        if attribution is None and not _reads_as_speech(article, span, _tokens_inside(article, number)):
            continue
        yield _build_quote(article, article_id, span.start, span.end, "direct", attribution)


def _tokens_inside(article: _Article, number: int) -> list[Token]:
    """The quote's own words: tokens inside its marks, not the marks themselves."""
    first, last = article.span_tokens[number]
    return [token for token in article.doc[first:last] if not _is_mark(token)]


def _is_mark(token: Token) -> bool:
    return token.text in MARK_TOKENS or all(char in ALL_MARKS for char in token.text)


def _is_title(article: _Article, span: MarkedSpan, tokens: list[Token], has_cue: bool) -> bool:
    """A quoted phrase that names something (a show, a slogan, a nickname), or holds no words at all."""
    quoted = article.text[span.start : span.end]
    words = _ALPHA_WORD.findall(quoted)
    if not words or not tokens:
        return True  # a number, an id, or marks inside a word say nothing
    if "!" in quoted or "?" in quoted:
        return False
    title_cased = _title_cased(words) or (len(tokens) == 1 and tokens[0].pos_ == "PROPN")
    if len(words) > (MAX_UNATTRIBUTED_TITLE_WORDS if title_cased else MAX_TITLE_WORDS):
        return False
    inside = {token.i for token in tokens}
    roots = [token for token in tokens if token.head.i not in inside and not token.is_punct]
    if any(root.dep_ in NAMING_DEPS for root in roots):
        return True
    # "CNN's 'New Day'": an owner before the quote makes it a name.
    if any(_is_owner(child) and child.i < tokens[0].i for root in roots for child in root.children):
        return True
    before = tokens[0].i - 1
    while before >= 0 and (article.doc[before].is_punct or article.doc[before].is_space):
        before -= 1
    if before >= 0 and article.doc[before].lower_ in NAMING_WORDS:
        return True
    if not title_cased:
        return False
    # A capitalised phrase is a name unless a cue takes it as words said
    # ('declared "Mission Accomplished"'); 'said on "Meet the Press"' and
    # 'told "Good Morning America"' (the addressee) do not.
    in_place = any(
        root.dep_ in ("pobj", "pcomp") and root.head.pos_ == "ADP" and root.head.lower_ != "as" for root in roots
    )
    addressed = any(
        root.dep_ in ("dobj", "dative")
        and (
            article.cues.get(root.head.i, _NO_CUE).addressee == "object"
            or article.cues.get(root.head.i, _NO_CUE).phrase in OBJECT_NOT_WORDS
        )
        for root in roots
    )
    return in_place or addressed or not has_cue


def _is_aside(tokens: list[Token]) -> bool:
    """A short quoted adverbial ('won't hit back "for the time being"'): the writer's marks, not a statement.

    Words someone said are what a cue reports (its object, clause or
    characterisation); a few quoted words that only modify a verb are a scare quote.
    """
    words = [token for token in tokens if not token.is_punct]
    if not words or len(words) > MAX_TITLE_WORDS:
        return False
    inside = {token.i for token in tokens}
    roots = [token for token in words if token.head.i not in inside]
    return all(
        root.dep_ == "prep" and root.head.pos_ in ("VERB", "AUX") and root.lower_ not in COMPARING_PREPOSITIONS
        for root in roots
    )


def _is_owner(token: Token) -> bool:
    """'CNN's' or 'NBC' before a quoted show name; not 'her' in 'called her "third-rate"'."""
    if token.dep_ == "compound":
        return token.pos_ == "PROPN"
    return token.dep_ == "poss" and any(child.dep_ == "case" for child in token.children)


def _title_cased(words: list[str]) -> bool:
    """'Meet the Press', 'Make America Great Again': every long word capitalised, more than one capital."""
    long_words = [word for word in words if len(word) >= MIN_TITLE_WORD_LETTERS]
    capitals = sum(word[0].isupper() for word in words)
    return bool(long_words) and capitals >= 2 and all(word[0].isupper() for word in long_words)


def _attribute_direct(article: _Article, span: MarkedSpan, number: int, tokens: list[Token]) -> Attribution | None:
    cue_token = _governing_cue(article, number, tokens) or _adjacent_cue(article, span, number)
    if cue_token is None:
        return None
    return _attribution_at(article, cue_token)


def _attribution_at(article: _Article, cue_token: Token) -> Attribution | None:
    """The attribution a cue token gives, or None for a label verb with no one doing the labelling."""
    cue = article.cues[cue_token.i]
    if cue.type == "source":
        speaker = _source_object(article.doc, cue_token.i, cue)
        return Attribution(cue, cue_token, speaker) if speaker is not None else None
    speaker = find_speaker(cue_token, cue)
    if speaker is not None and speaker.ent_type_ in ("DATE", "TIME"):
        # "Tuesday at the rally, Kasich said": the parser took the date for the subject.
        speaker = _noun_right_before(cue_token)
    if speaker is not None and article.quote_of_token[speaker.i] != -1:
        speaker = None  # a name inside the quote marks is someone addressed or mentioned, not the speaker
    if speaker is None and cue.type == "speech" and not _is_passive(cue_token):
        speaker = _speaker_after_quote(article, cue_token) or _noun_right_before(cue_token)
    if speaker is not None:
        speaker = _speaker_in_paragraph(article, speaker, cue_token)
    if speaker is None and cue.type in LABEL_TYPES:
        return None  # "a treaty called 'X'" names a thing; no one is quoted
    return Attribution(cue, cue_token, speaker, find_addressee(cue_token, cue, speaker))


def _is_passive(token: Token) -> bool:
    return any(child.dep_ in PASSIVE_SUBJECT_DEPS or child.dep_ in ("auxpass", "expl") for child in token.children)


def _speaker_after_quote(article: _Article, cue_token: Token) -> Token | None:
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


def _speaker_in_paragraph(article: _Article, speaker: Token, cue_token: Token) -> Token | None:
    """Keep only the part of the speaker's phrase in the cue's paragraph ('12:15 p.m.\n\nObama says')."""
    paragraph = article.paragraph_of(cue_token.idx)
    if article.paragraph_of(speaker.idx) == paragraph:
        return speaker
    part = [t for t in speaker.subtree if article.paragraph_of(t.idx) == paragraph and not (t.is_punct or t.is_space)]
    inside = {t.i for t in part}
    roots = [t for t in part if t.head.i not in inside and t.pos_ in ("PROPN", "NOUN", "PRON")]
    return roots[0] if roots else None


def _governing_cue(article: _Article, number: int, tokens: list[Token]) -> Token | None:
    """The nearest cue the quote hangs from in the parse, or that hangs from the quote."""
    inside = {token.i for token in tokens}
    if not tokens:
        return None
    first, last = tokens[0].i, tokens[-1].i
    candidates: list[Token] = []
    for token in tokens:
        head = token.head
        if token.is_punct and head.i not in inside:
            continue  # a comma inside the marks hangs from whatever verb the parser chose; the words decide
        if head.i in inside or head is token:
            for child in token.children:
                if child.i not in inside and article.cues.get(child.i, _NO_CUE).type in QUOTE_CUE_TYPES:
                    candidates.append(child)
            continue
        below = token
        for _ in range(MAX_CLIMB):
            cue = article.cues.get(head.i, _NO_CUE)
            if cue.type in QUOTE_CUE_TYPES:
                candidates.append(head)
                if find_speaker(head, cue) is not None:
                    break
                # "said he looked forward to discussing issues that 'we think are concerning'": a
                # cue with no speaker of its own sits inside the speech of a cue further up.
            # An adverbial clause ("Speaking on ABC's 'This Week,' Carson admitted") is no content of the
            # cue above it, and what someone "did not say" is no one's words (a phrase that only
            # modifies the negated verb, "won't hit back 'for the time being'", still climbs on).
            if head.head is head or head.dep_ == "advcl":
                break
            if below.dep_ in CONTENT_DEPS and _is_negated_cue(article, head):
                break
            below, head = head, head.head
    # The parser sometimes runs a sentence over a paragraph break; a cue
    # there belongs to the next paragraph's own statement.
    paragraphs = range(article.paragraph_of(tokens[0].idx), article.paragraph_of(tokens[-1].idx) + 1)
    candidates = [cue for cue in candidates if article.paragraph_of(cue.idx) in paragraphs]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda cue: (
            find_speaker(cue, article.cues[cue.i]) is None,
            first - cue.i if cue.i < first else cue.i - last,
        ),
    )


def _adjacent_cue(article: _Article, span: MarkedSpan, number: int) -> Token | None:
    """A cue right after the closing mark ('" he said.') or before the opening one ('He added: "')."""
    doc = article.doc
    first, last = article.span_tokens[number]
    if first >= last:
        return None
    after = last
    for index in range(after, min(after + ADJACENT_TOKENS, len(doc))):
        token = doc[index]
        if article.quote_of_token[index] != -1 or token.text in ".!?" and index > after or "\n" in token.text:
            break
        if index in article.cues and article.cues[index].type == "speech" and not _has_clause(article, token):
            return token
    before = first - 1
    preceding = article.text[: span.open].rstrip()
    if before >= 0 and preceding.endswith((":", ",")):
        for index in range(before, max(before - ADJACENT_TOKENS, -1), -1):
            token = doc[index]
            if article.quote_of_token[index] != -1 or (token.text in ".!?" and index < before):
                break
            if token.is_space and "\n\n" in token.text and index < before:
                break
            if index in article.cues and article.cues[index].type == "speech" and not _has_clause(article, token):
                return token
    return None


def _has_clause(article: _Article, token: Token) -> bool:
    return any(child.dep_ == "ccomp" and article.quote_of_token[child.i] == -1 for child in token.children)


def _attribute_by_source_phrase(article: _Article, attributions: list[Attribution | None]) -> None:
    """'"...", according to officials': the source phrase hangs from the quote's own verb."""
    for index, cue in article.cues.items():
        if cue.type != "source":
            continue
        clause = _clause_of(article.doc[index])
        if clause is None:
            continue
        owner = article.quote_of_token[clause.i]
        if owner != -1 and attributions[owner] is None:
            attributions[owner] = _attribution_at(article, article.doc[index])


def _carry_attribution_over(
    article: _Article, spans: list[MarkedSpan], attributions: list[Attribution | None], titles: set[int]
) -> None:
    """A quote with no cue continues the attributed quote before it.

    Within a paragraph: '"A," she said. "B."'. Across a paragraph break only
    when the earlier paragraph ends with the attribution and the later one is
    nothing but the quote, the newsroom way of quoting one speaker at length.
    """
    kept = [number for number in range(len(spans)) if number not in titles]  # a show's name may sit between
    for before, number in zip(kept, kept[1:], strict=False):
        previous = attributions[before]
        if attributions[number] is not None or previous is None:
            continue
        earlier, later = spans[before], spans[number]
        if earlier.close is None or previous.speaker is None:
            continue
        gap = article.text[earlier.after : later.open]
        cue_between = previous.cue_token is not None and earlier.after <= previous.cue_token.idx < later.open
        if "\n" in gap:
            if cue_between and _is_whole_paragraph(article, later) and len(gap.strip()) <= MAX_ATTRIBUTION_CHARS:
                attributions[number] = previous
        elif cue_between or not gap.strip(" ,.;:!?—–-"):
            attributions[number] = previous


def _is_whole_paragraph(article: _Article, span: MarkedSpan) -> bool:
    paragraph = article.paragraph_of(span.open)
    if article.paragraph_starts[paragraph] != span.open or span.close is None:
        return False
    following = article.paragraph_starts[paragraph + 1] if paragraph + 1 < len(article.paragraph_starts) else None
    rest = article.text[span.after : following]
    return not rest.strip(" .,;:!?\n\t\r")


def _reads_as_speech(article: _Article, span: MarkedSpan, tokens: list[Token]) -> bool:
    """A quote with no cue counts only when it reads as a spoken sentence, not a phrase."""
    words = _ALPHA_WORD.findall(article.text[span.start : span.end])
    if len(words) < MIN_UNATTRIBUTED_WORDS:
        return False
    quoted = article.text[span.start : span.end]
    if len(words) <= MAX_UNATTRIBUTED_TITLE_WORDS and _title_cased(words) and not ("!" in quoted or "?" in quoted):
        return False
    return any(token.pos_ in ("VERB", "AUX") and token.tag_ != "VBG" for token in tokens)


# ---------------------------------------------------------------- indirect speech


def _indirect_quotes(article: _Article, article_id: str) -> Iterator[Quote]:
    doc = article.doc
    seen: set[tuple[int, int]] = set()
    for speaker, start, end in article.named_lines.values():
        if not _mostly_quoted(article, start, end):
            seen.add((start, end))
            yield _build_quote(article, article_id, start, end, "indirect", Attribution(LINE_CUE, None, speaker))
    for index, cue in sorted(article.cues.items()):
        token = doc[index]
        act = False
        if cue.type in ("speech", "finding", "belief"):
            bounds = _clause_content(article, token)
            if cue.type == "belief" and bounds is not None and not _is_finite(article, *bounds):
                bounds = None  # "expects 5,000 to attend", "hopes to win": an intention, not a stated view
            if bounds is None and cue.type == "speech":
                bounds = _speech_act_content(article, token, cue)
                act = True
        elif cue.type in LABEL_TYPES:
            bounds = _charge_content(article, token)
            if bounds is None and cue.type == "judge":
                bounds = _judged_content(article, token)
            act = True
        elif cue.type == "position":
            bounds = _position_content(article, token)
            act = True
        elif cue.type == "noun":
            bounds = _noun_content(article, token)
            act = True
        elif cue.type == "source":
            bounds = _source_content(article, token, cue)
        else:
            continue
        if bounds is None or bounds in seen or _mostly_quoted(article, *bounds):
            continue
        attribution = _attribution_at(article, token)
        if (act or cue.type == "belief") and not _speaks_as_person(attribution):
            continue  # "the United States called for sanctions" is policy, "voters think" no one's stated view
        seen.add(bounds)  # "X said, Y said": two cues over one clause make one quote
        yield _build_quote(article, article_id, bounds[0], bounds[1], "indirect", attribution)


def _clause_content(article: _Article, token: Token) -> tuple[int, int] | None:
    """The that-clause of a speech cue, or the clause it interrupts ('The deal, he said, is dead')."""
    paragraph = article.paragraph_of(token.idx)
    clauses = [
        child for child in token.children if child.dep_ == "ccomp" and article.paragraph_of(child.idx) == paragraph
    ]
    # A clause in quote marks is the direct quote's; an unquoted one is the
    # paraphrase. A "clause" between the speaker and the cue is a misparsed
    # part of the speaker's phrase ("Salkin, a rabbi helping ..., said").
    subject = next((child.i for child in token.children if child.dep_ in SUBJECT_DEPS), token.i)
    clauses.sort(
        key=lambda child: (article.quote_of_token[child.i] != -1, subject < child.i < token.i, child.i < token.i)
    )
    # "said legalizing it could put ...": the parser hangs the clause on a gerund.
    clauses += [
        child
        for child in token.children
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and any(grand.dep_ == "ccomp" for grand in child.children)
    ]
    if clauses:
        return _span_bounds(article, [t for t in clauses[0].subtree if article.paragraph_of(t.idx) == paragraph])
    if token.dep_ == "parataxis" and token.head.pos_ in ("VERB", "AUX"):
        return _clause_around(article, token.head, token)
    misplaced = _misattached_that_clause(token)
    if misplaced is not None:
        return _span_bounds(article, list(misplaced.subtree))
    return None


def _noun_content(article: _Article, noun: Token) -> tuple[int, int] | None:
    """The that-clause of a noun of saying: 'his claim that the vote was rigged'.

    Only a clause opened by a complementizer "that" with a finite verb of its
    own: "the claim that he made" (a relative clause) says nothing.
    """
    for child in noun.children:
        if child.dep_ not in ("acl", "ccomp", "relcl", "appos") or child.i < noun.i:
            continue
        opens = any(grand.dep_ == "mark" and grand.lower_ == "that" for grand in child.children)
        if opens and article.quote_of_token[child.i] == -1:
            bounds = _content_in_paragraph(article, noun, list(child.subtree))
            if bounds is not None and _is_finite(article, *bounds):
                return bounds
    return None


def _speech_act_content(article: _Article, token: Token, cue: Cue) -> tuple[int, int] | None:
    """What a speech act asks, promises or announces when it takes no clause.

    "urged Congress to act", "promised to build a wall" (an infinitive, with the
    one urged), "announced his resignation", "proposed a safe zone" (a noun
    phrase object), "complained about the media", "called for a ban" (the
    topic of the speech). Not "told reporters" or "asked him" alone (the
    addressee), nor "said it" (a pronoun stands for nothing said).
    """
    if cue.phrase in NOT_SPEECH_ACTS or _has_source_phrase(article, token):
        return None  # "agreed to cut tariffs, according to officials": the officials' report covers it
    children = [child for child in token.children if article.quote_of_token[child.i] == -1]
    infinitive = next(
        (c for c in children if c.dep_ in ("xcomp", "ccomp") and (_is_infinitive(c) or _is_bare_gerund(c))), None
    )
    obj = next((c for c in children if c.dep_ in ("dobj", "dative")), None)
    if infinitive is not None:
        tokens = list(infinitive.subtree)
        if obj is not None and obj.i < infinitive.i:
            tokens += list(obj.subtree)
        return _content_in_paragraph(article, token, tokens)
    if obj is not None and cue.addressee != "object" and _names_something_said(obj):
        return _content_in_paragraph(article, token, list(obj.subtree))
    for child in children:
        if child.dep_ == "prep" and child.i > token.i and child.lower_ in _topic_prepositions(cue):
            topic = next((grand for grand in child.children if grand.dep_ in ("pobj", "pcomp")), None)
            if topic is not None and topic.ent_type_ not in ("DATE", "TIME") and _names_something_said(topic):
                return _content_in_paragraph(article, token, list(topic.subtree))
    return None


def _charge_content(article: _Article, token: Token) -> tuple[int, int] | None:
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
            child.dep_ == "prep" and child.lower_ in ("of", "for") and any(g.dep_ == "pcomp" for g in child.children)
        )
        if charged:
            return _content_in_paragraph(article, token, [*obj.subtree, *child.subtree])
    return None


def _judged_content(article: _Article, token: Token) -> tuple[int, int] | None:
    """'criticized the president's foreign policy', 'praised Kerry's efforts': the thing judged.

    A bare name ("criticized Clinton") or an article and a noun ("criticized the
    ministry") says no words; a noun phrase with two words besides its article,
    what was praised or condemned, states the judgement.
    """
    if any(article.quote_of_token[t.i] != -1 for t in token.subtree):
        return None  # "criticizing punitive measures as 'useless'": the direct quote holds the judgement
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if obj is None or not _names_something_said(obj):
        return None
    # "criticized the ministry": an article and a noun name whom or what was judged, not what was said of it.
    if sum(1 for t in obj.subtree if t.dep_ != "det" and not t.is_punct) < MIN_SPEECH_ACT_WORDS:
        return None
    return _content_in_paragraph(article, token, list(obj.subtree))


def _position_content(article: _Article, token: Token) -> tuple[int, int] | None:
    """'endorsed Ted Cruz for president', 'disavowed David Duke': the object, a name included, is the stance."""
    obj = next((c for c in token.children if c.dep_ == "dobj" and article.quote_of_token[c.i] == -1), None)
    if obj is None or obj.pos_ == "PRON" or obj.lower_ in CONTENT_PRONOUNS:
        return None
    # "for president", "as the nominee" say for what; "on Friday", "in Ohio" only when and where.
    roles = [c for c in token.children if c.dep_ == "prep" and c.i > obj.i and c.lower_ in ("for", "as")]
    tokens = list(obj.subtree) + [t for role in roles for t in role.subtree]
    return _content_in_paragraph(article, token, tokens)


def _speaks_as_person(attribution: Attribution | None) -> bool:
    """A speech act is a quote when one person (a name, "he", "the senator", "a spokesman") or one
    organisation ("the Clinton campaign", "the RNC") performs it; a state's call is its policy."""
    speaker = attribution.speaker if attribution is not None else None
    if speaker is None:
        return False
    if any(child.dep_ == "conj" for child in speaker.children):
        return False  # "he and top government officials condemned ...": a joint stance
    if speaker.ent_type_ in ("PERSON", "ORG") or speaker.lower_ in PERSON_PRONOUNS:
        return True
    if speaker.tag_ == "NN":
        return speaker.lower_ in PERSON_SPEAKER_NOUNS
    if speaker.tag_ == "NNPS" or speaker.ent_type_ == "NORP":
        return not _belongs_to_state(speaker)  # "Republicans", "Democrats"
    if speaker.tag_ == "NNS":
        return _is_named_group(speaker) and not _belongs_to_state(speaker)
    return False


def _is_named_group(noun: Token) -> bool:
    """'Democratic lawmakers', 'Clinton's aides', 'activists with Black Lives Matter': a group whose words
    the text ties to someone; bare 'residents' or 'critics' name no one who could be asked."""
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and (child.ent_type_ or child.pos_ == "PROPN"):
            return True
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


def _is_finite(article: _Article, start: int, end: int) -> bool:
    """True when the content holds a finite verb: a clause that states something ('he will win')."""
    span = article.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(token.tag_ in FINITE_TAGS for token in span)


def _has_source_phrase(article: _Article, token: Token) -> bool:
    return any(article.cues.get(child.i, _NO_CUE).type == "source" for child in token.children)


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


def _content_in_paragraph(article: _Article, cue_token: Token, tokens: list[Token]) -> tuple[int, int] | None:
    paragraph = article.paragraph_of(cue_token.idx)
    return _span_bounds(article, [t for t in tokens if article.paragraph_of(t.idx) == paragraph])


def _misattached_that_clause(token: Token) -> Token | None:
    """'said at a conference that ...': the parser hangs the that-clause on the noun before it."""
    for preposition in token.children:
        if preposition.dep_ != "prep" or preposition.i < token.i:
            continue
        for noun in preposition.children:
            for clause in noun.children:
                if clause.dep_ in ("relcl", "acl") and any(
                    child.dep_ == "mark" and child.lower_ == "that" for child in clause.children
                ):
                    return clause
    return None


def _source_content(article: _Article, token: Token, cue: Cue) -> tuple[int, int] | None:
    """The clause a source phrase hangs from, unless that clause is itself a cue or a quote."""
    clause = _clause_of(token)
    if clause is None or article.quote_of_token[clause.i] != -1 or _reports_speech(article, clause):
        return None
    if _source_object(article.doc, token.i, cue) is None:
        return None
    return _clause_around(article, clause, token)


def _reports_speech(article: _Article, clause: Token) -> bool:
    """'Moon told Putin "...", according to a readout': the source backs a quote found already."""
    if clause.i not in article.cues:
        return False
    quoted = any(article.quote_of_token[child.i] != -1 for child in clause.children)
    return quoted or _clause_content(article, clause) is not None


def _clause_of(token: Token) -> Token | None:
    """The verb of the clause a phrase hangs from."""
    current = token.head
    for _ in range(MAX_CLIMB):
        if current.pos_ in ("VERB", "AUX"):
            # "A met B and agreed to ..., according to X": X reports the whole coordination.
            while current.dep_ == "conj" and current.head.pos_ in ("VERB", "AUX"):
                current = current.head
            return current
        if current.head is current:
            return None
        current = current.head
    return None


def _clause_around(article: _Article, clause: Token, aside: Token) -> tuple[int, int] | None:
    """The clause's words without an aside: the part before it, after it, or around it."""
    aside_tokens = {item.i for item in aside.subtree}
    paragraph = article.paragraph_of(aside.idx)
    words = [
        item for item in clause.subtree if item.i not in aside_tokens and article.paragraph_of(item.idx) == paragraph
    ]
    before = [item for item in words if item.i < aside.left_edge.i]
    after = [item for item in words if item.i > aside.right_edge.i]
    if before and not _only_punctuation(after):
        return _span_bounds(article, words)
    return _span_bounds(article, before or after)


def _only_punctuation(tokens: list[Token]) -> bool:
    return all(token.is_punct or token.is_space for token in tokens)


def _span_bounds(article: _Article, tokens: list[Token]) -> tuple[int, int] | None:
    """Character bounds of a run of tokens, without a leading 'that' or punctuation at either edge."""
    tokens = sorted(tokens, key=lambda token: token.i)
    while tokens and (_is_edge_filler(tokens[0]) or _is_complementizer(tokens[0])):
        tokens = tokens[1:]
    while tokens and _is_edge_filler(tokens[-1]):
        tokens = tokens[:-1]
    if len([token for token in tokens if not token.is_punct]) < 2:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _is_edge_filler(token: Token) -> bool:
    return token.is_space or (token.is_punct and not _is_mark(token))


def _is_complementizer(token: Token) -> bool:
    """A clause-opening 'that' (the parser sometimes calls it an object: 'that he would run')."""
    return token.lower_ == "that" and (token.dep_ == "mark" or token.head.i > token.i + 1)


def _mostly_quoted(article: _Article, start: int, end: int) -> bool:
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


# ---------------------------------------------------------------- records


def _build_quote(
    article: _Article, article_id: str, start: int, end: int, kind: str, attribution: Attribution | None
) -> Quote:
    speaker = addressee = None
    cue_name = None
    if attribution is not None:
        cue_name = attribution.cue.phrase if attribution.cue else None
        if attribution.speaker is not None:
            speaker = article.speakers.resolve(attribution.speaker)
        if attribution.addressee is not None:
            addressee = article.speakers.resolve(attribution.addressee)
    return Quote(
        article_id=article_id,
        speaker=speaker,
        addressee=addressee,
        text=article.text[start:end],
        kind=kind,  # type: ignore[arg-type]
        cue=cue_name,
        start=start,
        end=end,
        sentence=_sentences_over(article, start, end),
    )


def _sentences_over(article: _Article, start: int, end: int) -> str:
    doc = article.doc
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None or len(first) == 0:
        return article.text[start:end]
    begin = first[0].sent.start_char
    finish = first[-1].sent.end_char
    return article.text[begin:finish].strip()

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

This module finds the cues and runs the two passes. The parts they lean on
live beside it: quotes/context.py (`QuoteContext`, the per-article view,
and `Attribution`), quotes/sources.py (speakers and addressees in the
parse), quotes/contents.py (the content span an indirect cue reports) and
quotes/speakers.py (speaker tokens resolved to actors).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dossier.parse.model import ParsedArticle
from dossier.quotes.contents import (
    CHARGE_PREPOSITIONS,
    VIEW_PREPOSITIONS,
    charge_content,
    cited_content,
    clause_content,
    finding_content,
    held_as_content,
    intention_content,
    is_finite,
    judged_content,
    mostly_quoted,
    noun_content,
    noun_prepositions,
    opens_that_clause,
    passive_charge_content,
    passive_subject_content,
    passive_view_content,
    poll_finding_content,
    poll_in,
    position_content,
    referent_content,
    reported_by_content,
    source_clause,
    source_content,
    speaks_as_person,
    speech_act_content,
    stance_content,
    takes_infinitive,
)
from dossier.quotes.context import (
    ADJACENT_TOKENS,
    LABEL_TYPES,
    MAX_CLIMB,
    NO_CUE,
    Attribution,
    QuoteContext,
    is_mark,
)
from dossier.quotes.cues import Cue, CueLexicon, load_cues
from dossier.quotes.marks import MarkedSpan, find_marked_spans, paragraph_bounds
from dossier.quotes.sources import (
    attribution_at,
    find_named_lines,
    find_speaker,
    is_stance_predicate,
    source_object,
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
# Prepositions a title leaves in lower case however long ("This Week with George Stephanopoulos").
TITLE_SMALL_WORDS = frozenset({"with", "from", "into", "onto", "upon", "over", "about", "than", "that"})
# A title-cased quote with no cue up to this long is a name ("Orange Is the
# New Black"), not a sentence someone said.
MAX_UNATTRIBUTED_TITLE_WORDS = 8
# The longest attribution ('," Jane Doe, a senator, told reporters.') after
# which the next paragraph's bare quote still belongs to the same speaker.
MAX_ATTRIBUTION_CHARS = 120

# A byline right after a closing mark: '," by Times' Michael Paulson', '" by the New York Post's ...'.
# The outlet is named with its possessive, so 'called "reckless" by Democrats' is no byline.
BYLINE = re.compile(r",?[^\S\n]+by[^\S\n]+(?:the[^\S\n]+)?[A-Z][\w.&-]*(?:[^\S\n][A-Z][\w.&-]*)*['’]s?[^\S\n]+[A-Z]")
# Single marks a headline's last quoted word may close on before its comma.
INNER_MARKS = "'’"
_ALPHA_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# Dependency labels that make a quoted phrase part of a name ("the 'Hannity'
# show", "Fox's 'Hannity'"), not something said.
NAMING_DEPS = frozenset({"compound", "nmod", "poss", "appos"})
# Entity types of a quoted date or time ('"February 16, 2016"'), which says nothing.
DATE_ENTITIES = frozenset({"DATE", "TIME"})
# Prepositions whose quoted phrase still says something of the speaker's ("more "than any drought"").
COMPARING_PREPOSITIONS = frozenset({"than", "as", "like"})


# The cue of a named line ("Name: ..."): the colon stands for "said".
LINE_CUE = Cue(":", "speech", "-")
# The cue of a poll's finding framed by "in" ("In the latest poll, Okafor leads"; quotes/contents.py `poll_in`).
POLL_CUE = Cue("in", "source", "-")


# Dependency labels of the words a cue verb reports (its object, clause or characterisation).
CONTENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "oprd", "attr", "acomp", "advmod", "npadvmod"})

# Cue types of a view held (a belief, an aim): one person, organisation or named group the recogniser typed holds it.
VIEW_TYPES = frozenset({"belief", "intention"})
# Cue types that state a view, an aim, a side or a judgement, not words said: a group may hold them
# ("voters back Okafor"), where a speech act or a noun of saying needs someone who spoke.
STANCE_TYPES = frozenset({"belief", "intention", "stance", "position", "judge", "label"})

# Cue types whose negation is still a position held ("doesn't think she can win", "has not endorsed Trump");
# "did not say" reports no words.
HELD_TYPES = frozenset({"belief", "intention", "position"})

# Cue types that may govern a direct quote; a finding ("the poll found") takes a clause only.
QUOTE_CUE_TYPES = frozenset({"speech", "label", "judge", "quoting"})


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
) -> QuoteContext:
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
    speakers = Speakers.of(text, doc, mentions, lexicon.words)
    article = QuoteContext(text, doc, lexicon, {}, quote_of_token, span_tokens, speakers, paragraph_starts)
    article.cues = find_cue_tokens(article)
    article.named_lines = find_named_lines(article)
    return article


# ---------------------------------------------------------------- cues


def find_cue_tokens(article: QuoteContext) -> dict[int, Cue]:
    """Verb cues and the first word of source phrases, by token index; none inside quote marks."""
    found: dict[int, Cue] = {}
    lexicon = article.lexicon
    for token in article.doc:
        if article.quote_of_token[token.i] != -1:
            continue
        if is_stance_predicate(token, lexicon.words):
            found[token.i] = Cue(token.lower_, "stance", "-")  # "is not ready to" is a stance too
            continue
        if token.tag_.startswith("VB"):
            cue = _match_verb_cue(token, lexicon)
            if cue is not None and (cue.type in HELD_TYPES or not _is_negated(article, token)):
                found[token.i] = cue
                continue
        if token.tag_ in ("NN", "NNS"):
            noun = _match_noun_cue(token, lexicon)
            if noun is not None:
                found[token.i] = noun
                continue
        for cue in lexicon.source_cues(token.lower_):
            if _matches_words(article.doc, token.i, cue.words):
                found[token.i] = cue
                break
    return found


def _is_negated(article: QuoteContext, token: Token) -> bool:
    """'did not say', 'won't hit back', 'never told': no one is reported as saying anything.

    A "not" inside quote marks that the parser hung on the cue is the quote's own word.
    """
    return any(child.dep_ == "neg" and article.quote_of_token[child.i] == -1 for child in token.children)


def _is_negated_cue(article: QuoteContext, token: Token) -> bool:
    return (
        token.tag_.startswith("VB")
        and _is_negated(article, token)
        and _match_verb_cue(token, article.lexicon) is not None
    )


def _match_verb_cue(token: Token, lexicon: CueLexicon) -> Cue | None:
    cues = next((found for lemma in _lemmas_of(token) if (found := lexicon.verb_cues(lemma))), ())
    for cue in cues:
        rest = cue.words[1:]
        if not rest:
            return cue
        children = {word for child in token.children for word in (child.lower_, child.lemma_.lower())}
        if all(word in children for word in rest) or _followed_by(token, rest):
            return cue
    return None


def _match_noun_cue(token: Token, lexicon: CueLexicon) -> Cue | None:
    """'claim' for any "claim"; 'support for' only when a "for" hangs from the noun ("her support for Sanders")."""
    children = {child.lower_ for child in noun_prepositions(token)}
    for cue in lexicon.noun_cues(token.lemma_.lower()):
        if all(word in children for word in cue.words[1:]):
            return cue
    return None


def _lemmas_of(token: Token) -> tuple[str, ...]:
    """The lemma, the word, and the word with a silent "e" restored: the lemmatizer reads "hopes",
    "hoped" and "hoping" as forms of "hop"."""
    word = token.lower_
    restored = [word[: -len(ending)] + "e" for ending in ("es", "ed", "ing") if word.endswith(ending)]
    return (token.lemma_.lower(), word, *restored)


def _followed_by(token: Token, words: tuple[str, ...]) -> bool:
    """'called for all candidates to lay out ...': the parser hangs "for" on the clause, right after the verb."""
    following = token.doc[token.i + 1 : token.i + 1 + len(words)]
    return len(following) == len(words) and all(
        item.lower_ == word and item.dep_ == "mark" for item, word in zip(following, words, strict=True)
    )


def _matches_words(doc: Doc, first: int, words: tuple[str, ...]) -> bool:
    if first + len(words) > len(doc):
        return False
    return all(doc[first + offset].lower_ == word for offset, word in enumerate(words))


# ---------------------------------------------------------------- direct quotes


def _direct_quotes(article: QuoteContext, spans: list[MarkedSpan], article_id: str) -> Iterator[Quote]:
    attributions: list[Attribution | None] = []
    titles: set[int] = set()
    bylined: MarkedSpan | None = None
    for number, span in enumerate(spans):
        tokens = _tokens_inside(article, number)
        attribution = _attribute_direct(article, span, number, tokens)
        excerpt = bylined is not None and _is_excerpt(article, bylined, span)
        bylined = span if _is_bylined(article, span) else None
        if (
            not tokens
            or (_is_title(article, span, tokens, attribution is not None) and not _opens_named_line(article, span))
            or _is_aside(tokens)
            or bylined is not None
            or excerpt
        ):
            titles.add(number)
            attribution = None
        attributions.append(attribution)
    _attribute_by_source_phrase(article, attributions)
    _attribute_by_named_line(article, spans, attributions, titles)
    _carry_attribution_over(article, spans, attributions, titles)
    _carry_from_paragraph_before(article, spans, attributions, titles)
    for number, span in enumerate(spans):
        if number in titles:
            continue
        attribution = attributions[number]
        if attribution is None and not _reads_as_speech(article, span, _tokens_inside(article, number)):
            continue
        yield _build_quote(article, article_id, span.start, span.end, "direct", attribution)


def _tokens_inside(article: QuoteContext, number: int) -> list[Token]:
    """The quote's own words: tokens inside its marks, not the marks themselves."""
    first, last = article.span_tokens[number]
    return [token for token in article.doc[first:last] if not is_mark(token)]


def _is_title(article: QuoteContext, span: MarkedSpan, tokens: list[Token], has_cue: bool) -> bool:
    """A quoted phrase that names something (a show, a slogan, a nickname), or holds no words at all."""
    quoted = article.text[span.start : span.end]
    words = _ALPHA_WORD.findall(quoted)
    if not words or not tokens:
        return True  # a number, an id, or marks inside a word say nothing
    if "!" in quoted or "?" in quoted:
        return False
    # One capitalised word is a name too ('NBC's "Today"'), unless a cue takes it as said ('called him "Crooked"').
    title_cased = _title_cased(words) or (len(words) == 1 and (words[0][0].isupper() or tokens[0].pos_ == "PROPN"))
    if len(words) > (MAX_UNATTRIBUTED_TITLE_WORDS if title_cased else MAX_TITLE_WORDS):
        return False
    named = [token for token in tokens if not token.is_punct]
    if all(token.ent_type_ in DATE_ENTITIES and (token.like_num or token.text[0].isupper()) for token in named):
        return True  # 'February 16, 2016' in marks is a date, not words said ("every 15 minutes" may be)
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
    if before >= 0 and article.doc[before].lower_ in article.lexicon.words.naming_words:
        return True
    if not title_cased:
        return False
    # 'said on "Meet the Press."', 'his new book, "Doomed to Succeed,"': a capitalised phrase right after a
    # preposition, or set off by a comma after a noun, names a show or a work (the parser may have made it a
    # sentence of its own, hanging from nothing).
    if before >= 0 and _introduces_name(article.doc[before], before < tokens[0].i - 1):
        return True
    if before >= 0 and article.doc[before].tag_ == "POS":
        return True  # "on NBC's ''Meet the Press.''": an owner's name right before it, however the parse hangs it
    # A capitalised phrase is a name unless a cue takes it as words said
    # ('declared "Mission Accomplished"'); 'said on "Meet the Press"' and
    # 'told "Good Morning America"' (the addressee) do not.
    in_place = any(
        root.dep_ in ("pobj", "pcomp") and root.head.pos_ == "ADP" and root.head.lower_ != "as" for root in roots
    )
    addressed = any(
        root.dep_ in ("dobj", "dative")
        and (
            article.cues.get(root.head.i, NO_CUE).addressee == "object"
            or article.cues.get(root.head.i, NO_CUE).phrase in article.lexicon.words.object_not_words
        )
        for root in roots
    )
    return in_place or addressed or not has_cue


def _introduces_name(word: Token, comma_between: bool) -> bool:
    """The word before a capitalised quote that makes it a name: a preposition ('on'), or a noun the quote
    stands beside ('book,')."""
    if word.pos_ == "ADP":
        return word.lower_ not in COMPARING_PREPOSITIONS
    return comma_between and word.pos_ == "NOUN" and word.doc[word.i + 1].text == ","


def _is_bylined(article: QuoteContext, span: MarkedSpan) -> bool:
    """'"Pop-up art show strives to confront gentrification," by DNAinfo's Eddie Small': a quoted
    headline followed by its byline names a piece of writing; no one said it."""
    if span.close is None:
        return False
    # The comma sits inside the closing mark ('December,"'), which the span's own words leave out, or after it;
    # a headline ending on a quoted word has it inside that word's single marks too ('leaving 'Neverland,''").
    inside = article.text[span.start : span.close].rstrip().rstrip(INNER_MARKS)
    ends_with_comma = inside.endswith(",") or article.text.startswith(",", span.after)
    return ends_with_comma and BYLINE.match(article.text, span.after) is not None


def _is_excerpt(article: QuoteContext, bylined: MarkedSpan, span: MarkedSpan) -> bool:
    """'"Farm show to close," by the Ledger's Jane Roe: "The farm show, a ..."': the quote right after a
    byline's colon is the piece's own text, quoted from it; no one said it."""
    gap = article.text[bylined.after : span.open]
    return "\n" not in gap and gap.rstrip().endswith(":")


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
    # A quote that heads its own sentence ('"Too much hate," she said') hangs from nothing: no adverbial.
    return bool(roots) and all(
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
    long_words = [word for word in words if len(word) >= MIN_TITLE_WORD_LETTERS and word not in TITLE_SMALL_WORDS]
    capitals = sum(word[0].isupper() for word in words)
    return bool(long_words) and capitals >= 2 and all(word[0].isupper() for word in long_words)


def _attribute_direct(article: QuoteContext, span: MarkedSpan, number: int, tokens: list[Token]) -> Attribution | None:
    cue_token = _governing_cue(article, number, tokens) or _adjacent_cue(article, span, number)
    if cue_token is None:
        return _framing_verb_after(article, span, number, tokens) or _introduced_by_colon(article, span)
    return attribution_at(article, cue_token)


def _may_speak(article: QuoteContext, token: Token) -> bool:
    """A subject that names someone who may speak: a person or organisation, a name, "he" or "she"."""
    if article.quote_of_token[token.i] != -1:
        return False
    return (
        token.i in article.speakers.people
        or token.ent_type_ in ("PERSON", "ORG")
        or token.tag_ == "NNP"
        or token.lower_ in ("he", "she")
    )


def _framing_verb_after(
    article: QuoteContext, span: MarkedSpan, number: int, tokens: list[Token]
) -> Attribution | None:
    """'"France will stay France," an angry Okafor retaliated.': a quote closed by a comma, then a subject
    and a verb that end the sentence, frames the quote as that subject's words whatever the verb."""
    doc = article.doc
    _, last = article.span_tokens[number]
    closing = article.text[span.start : span.close].rstrip() if span.close is not None else ""
    after = last
    if after < len(doc) and doc[after].text == ",":
        after += 1
    elif not closing.endswith((",", "!", "?")):
        return None
    for token in doc[after : min(after + ADJACENT_TOKENS, len(doc))]:
        if article.quote_of_token[token.i] != -1 or "\n" in token.text or token.text in ".!?;:":
            return None
        if token.pos_ != "VERB":
            continue
        ends = token.i + 1 >= len(doc) or doc[token.i + 1].text in (".", "!", "?") or "\n" in doc[token.i + 1].text
        subject = next((c for c in token.children if c.dep_ == "nsubj" and after <= c.i < token.i), None)
        if not ends or subject is None or not _may_speak(article, subject):
            return None
        if not any(word.head == token for word in tokens):
            return None  # the quote must hang from the verb
        return Attribution(Cue(token.lemma_.lower(), "speech", "-"), token, subject)
    return None


def _introduced_by_colon(article: QuoteContext, span: MarkedSpan) -> Attribution | None:
    """'Okafor issued a statement on Friday:' before a quote: the clause the colon closes introduces
    the quote, and its subject is the speaker."""
    preceding = article.text[: span.open].rstrip()
    if not preceding.endswith(":"):
        return None
    colon = article.doc.char_span(len(preceding) - 1, len(preceding), alignment_mode="expand")
    if colon is None or len(colon) != 1:
        return None
    verb = colon[0].head
    for _ in range(MAX_CLIMB):
        if verb.pos_ == "VERB" or verb.head == verb or verb.head.i > colon[0].i:
            break
        verb = verb.head
    if verb.pos_ != "VERB" or verb.i > colon[0].i or article.quote_of_token[verb.i] != -1:
        return None
    cue = Cue(verb.lemma_.lower(), "speech", "-")
    speaker = find_speaker(verb, cue)
    if speaker is not None and not _may_speak(article, speaker):
        # "Okafor's letter makes the case:": the owner of what makes the case speaks.
        speaker = next((child for child in speaker.children if child.dep_ == "poss"), None)
    if speaker is None or not _may_speak(article, speaker):
        return None
    return Attribution(cue, verb, speaker)


def _governing_cue(article: QuoteContext, number: int, tokens: list[Token]) -> Token | None:
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
        if head.i in inside or head == token:
            for child in token.children:
                if child.i not in inside and article.cues.get(child.i, NO_CUE).type in QUOTE_CUE_TYPES:
                    candidates.append(child)
            continue
        below = token
        for _ in range(MAX_CLIMB):
            cue = article.cues.get(head.i, NO_CUE)
            if cue.type in QUOTE_CUE_TYPES:
                candidates.append(head)
                if find_speaker(head, cue, through_gerunds=False) is not None:
                    break
                # "said he looked forward to discussing issues that 'we think are concerning'": a
                # cue with no speaker of its own sits inside the speech of a cue further up.
            # An adverbial clause ("Speaking on ABC's 'This Week,' Carson admitted") is no content of the
            # cue above it, and what someone "did not say" is no one's words (a phrase that only
            # modifies the negated verb, "won't hit back 'for the time being'", still climbs on).
            if head.head == head or head.dep_ == "advcl":
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
            find_speaker(cue, article.cues[cue.i], through_gerunds=False) is None,
            first - cue.i if cue.i < first else cue.i - last,
        ),
    )


def _adjacent_cue(article: QuoteContext, span: MarkedSpan, number: int) -> Token | None:
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


def _has_clause(article: QuoteContext, token: Token) -> bool:
    return any(child.dep_ == "ccomp" and article.quote_of_token[child.i] == -1 for child in token.children)


def _attribute_by_source_phrase(article: QuoteContext, attributions: list[Attribution | None]) -> None:
    """'"...", according to officials': the source phrase hangs from the quote's own verb."""
    for index, cue in article.cues.items():
        if cue.type != "source":
            continue
        clause = source_clause(article.doc[index], cue)
        if clause is None:
            continue
        owner = article.quote_of_token[clause.i]
        if owner != -1 and attributions[owner] is None:
            attributions[owner] = attribution_at(article, article.doc[index])


def _carry_attribution_over(
    article: QuoteContext, spans: list[MarkedSpan], attributions: list[Attribution | None], titles: set[int]
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


def _carry_from_paragraph_before(
    article: QuoteContext, spans: list[MarkedSpan], attributions: list[Attribution | None], titles: set[int]
) -> None:
    """'Carter said that the region would stay calm.' then a paragraph (or sentence) opening with a quote and
    no cue: the quote goes on with the speaker whose speech closes the paragraph (or sentence) before (the
    newsroom way of following a paraphrase or a long attribution with the speaker's own words). A paraphrase
    closed by its source ("..., Moon has said.") hands on no speaker: what follows may be anyone's."""
    doc = article.doc
    for number, span in enumerate(spans):
        if number in titles or attributions[number] is not None:
            continue
        paragraph = article.paragraph_of(span.open)
        lead = article.text[article.paragraph_starts[paragraph] : span.open].rstrip()
        if lead:
            # Within a paragraph ('Okafor argued that ... . "We have ..."'), a quote opening a sentence goes
            # on with the speech of the sentence before it, when it reads as a spoken sentence.
            spoken = _reads_as_speech(article, span, _tokens_inside(article, number))
            if not lead.endswith((".", "!", "?")) or not spoken:
                continue
            before = article.text[: article.paragraph_starts[paragraph]] + lead
            opening = article.paragraph_starts[paragraph]
        elif paragraph == 0:
            continue
        else:
            before = article.text[: article.paragraph_starts[paragraph]].rstrip()
            opening = article.paragraph_starts[paragraph - 1]
        last = doc.char_span(len(before) - 1, len(before), alignment_mode="expand") if before else None
        if last is None or len(last) == 0:
            continue
        found = None
        for token in last[-1].sent:
            if token.idx < opening or token.idx >= len(before) or article.quote_of_token[token.i] != -1:
                continue
            if article.cues.get(token.i, NO_CUE).type == "speech" and _introduces_speech(article, token):
                attribution = attribution_at(article, token)
                if attribution is not None and attribution.speaker is not None:
                    found = attribution
        if found is not None:
            attributions[number] = found


def _introduces_speech(article: QuoteContext, cue_token: Token) -> bool:
    """A cue that opens its speaker's words ("Carter said that ...") or attributes a quote before it in its
    sentence ('"...," Adelson said during the interview.'); "..., Moon has said." closes a paraphrase."""
    if any(child.dep_ == "ccomp" and child.i > cue_token.i for child in cue_token.children):
        return True
    if not any(child.dep_ in ("ccomp", "xcomp", "dobj", "parataxis") for child in cue_token.children):
        return True  # "Okafor said in an interview." with no words of its own: they follow
    return any(article.quote_of_token[token.i] != -1 for token in cue_token.sent if token.i < cue_token.i)


def _attribute_by_named_line(
    article: QuoteContext, spans: list[MarkedSpan], attributions: list[Attribution | None], titles: set[int]
) -> None:
    """'Trump: "We are going to win so much."': a quote after a named line's colon is the name's."""
    for number, span in enumerate(spans):
        if attributions[number] is not None:
            continue
        line = article.named_lines.get(article.paragraph_of(span.open))
        if line is not None and line[1] <= span.open:
            attributions[number] = Attribution(LINE_CUE, None, line[0])


def _opens_named_line(article: QuoteContext, span: MarkedSpan) -> bool:
    """'Cruz: "Assaulting A Reporter Is A Fireable Offense."': a quote right after a named line's colon is
    the name's words, however a headline capitalises them."""
    line = article.named_lines.get(article.paragraph_of(span.open))
    return line is not None and abs(span.open - line[1]) <= 1


def _is_whole_paragraph(article: QuoteContext, span: MarkedSpan) -> bool:
    paragraph = article.paragraph_of(span.open)
    if article.paragraph_starts[paragraph] != span.open or span.close is None:
        return False
    following = article.paragraph_starts[paragraph + 1] if paragraph + 1 < len(article.paragraph_starts) else None
    rest = article.text[span.after : following]
    return not rest.strip(" .,;:!?\n\t\r")


def _reads_as_speech(article: QuoteContext, span: MarkedSpan, tokens: list[Token]) -> bool:
    """A quote with no cue counts only when it reads as a spoken sentence, not a phrase."""
    words = _ALPHA_WORD.findall(article.text[span.start : span.end])
    if len(words) < MIN_UNATTRIBUTED_WORDS:
        return False
    quoted = article.text[span.start : span.end]
    if len(words) <= MAX_UNATTRIBUTED_TITLE_WORDS and _title_cased(words) and not ("!" in quoted or "?" in quoted):
        return False
    return any(token.pos_ in ("VERB", "AUX") and token.tag_ != "VBG" for token in tokens)


# ---------------------------------------------------------------- indirect speech


def _indirect_quotes(article: QuoteContext, article_id: str) -> Iterator[Quote]:
    doc = article.doc
    seen: set[tuple[int, int]] = set()
    for speaker, start, end in article.named_lines.values():
        if not mostly_quoted(article, start, end):
            seen.add((start, end))
            yield _build_quote(article, article_id, start, end, "indirect", Attribution(LINE_CUE, None, speaker))
    for token in _poll_frames(article):
        bounds = poll_finding_content(article, token)
        if bounds is not None and bounds not in seen:
            # "In a Marist poll released Monday, Okafor led by 8 points": the poll's finding.
            seen.add(bounds)
            yield _build_quote(
                article, article_id, *bounds, "indirect", Attribution(POLL_CUE, token, poll_in(article, token))
            )
    for index, cue in sorted(article.cues.items()):
        token = doc[index]
        act = unheld = False
        if cue.type in ("speech", "finding", "belief", "intention"):
            own_aim = cue.type == "intention" and takes_infinitive(token)
            bounds = None if own_aim else clause_content(article, token)
            if cue.type in VIEW_TYPES and bounds is not None and not is_finite(article, *bounds):
                bounds = None  # "thinks so highly of": a held view is a clause that states something
            if bounds is None and cue.type in VIEW_TYPES:
                bounds = passive_view_content(article, token)  # "Trump is expected to win": held by no one named
                unheld = bounds is not None
            if bounds is None and cue.type == "intention":
                bounds = intention_content(article, token, cue)  # "wants to build a wall", "declined to comment"
            elif bounds is None and cue.type == "belief":
                # "sees Clinton as the stronger candidate", "considers Clinton honest"
                bounds = charge_content(article, token, VIEW_PREPOSITIONS) or held_as_content(article, token)
            elif bounds is None and cue.type == "speech":
                # "describes himself as antiabortion": failing an act's object, what the speaker calls it.
                bounds = (
                    speech_act_content(article, token, cue)
                    or charge_content(article, token, VIEW_PREPOSITIONS)
                    or reported_by_content(article, token, cue)
                )
                act = True
            elif bounds is None and cue.type == "finding":
                bounds = finding_content(article, token)
        elif cue.type in LABEL_TYPES:
            # "blamed the outage on hackers": a label cue made with a preposition charges through it too.
            charges = CHARGE_PREPOSITIONS | frozenset(cue.words[1:])
            bounds = charge_content(article, token, charges)
            if bounds is None and cue.type == "judge":
                bounds = judged_content(article, token)
            elif bounds is None:
                bounds = referent_content(article, token)  # "referring to Okafor": what a label verb speaks of
            if bounds is None:
                # "Okafor was accused of hiding the figures": charged by no one named, or by the agent.
                bounds = passive_charge_content(article, token, charges)
                unheld = bounds is not None
            if bounds is None and cue.type == "judge":
                bounds = passive_subject_content(article, token)  # "the plan was derided by Okafor": the agent's
            act = True
        elif cue.type == "position":
            # "endorsed Okafor"; "Okafor is backed by the union": the passive's subject, the agent's side
            bounds = position_content(article, token) or passive_subject_content(article, token)
            act = True
        elif cue.type == "stance":
            bounds = stance_content(article, token)
        elif cue.type == "noun":
            bounds = noun_content(article, token)
            act = True
            # "allegations that the server was hacked": a that-clause the text gives to no one named
            unheld = bounds is not None and opens_that_clause(article, bounds)
        elif cue.type == "source":
            bounds = source_content(article, token, cue)
        elif cue.type == "quoting":
            bounds = cited_content(article, token)  # "citing low growth": what is cited, the subject's act
            act = True
        else:
            continue
        if bounds is None or bounds in seen:
            continue
        if cue.type in LABEL_TYPES and _names_an_opponent(article, token):
            continue  # "Okafor is challenging Senator Lindqvist in the primary": a race, not a judgement
        if mostly_quoted(article, *bounds) and not (
            cue.type == "source" and _relays_speech(article, token, cue, bounds)
        ):
            continue  # '"...," Okafor said, according to the Ledger' is the Ledger's over Okafor's quote
        attribution = attribution_at(article, token)
        if cue.type == "quoting":
            # The subject cites; the quoted one of "quoted X as saying" is the object, not the speaker here.
            attribution = Attribution(cue, token, find_speaker(token, Cue(cue.phrase, "speech", "-")))
        if attribution is None and unheld and cue.type in (*LABEL_TYPES, "noun"):
            # "was accused of ...", "the notion that ...": a charge or a claim no one named makes
            attribution = Attribution(cue, token, None)
        holds_view = cue.type in VIEW_TYPES or cue.type == "stance"
        unheld = unheld or (act and cue.type == "speech" and _asked_of_someone(token))
        if unheld and attribution is not None and attribution.speaker is None:
            # A view the text gives to no one ("is widely seen as"), or speech addressed to the subject by no
            # one named ("Clinton has been asked to release the transcripts"): kept with no speaker, as
            # "it was announced".
            pass
        elif (act or holds_view) and not speaks_as_person(
            attribution,
            article.lexicon.words,
            holds_view,
            article.speakers.people,
            cue.type in STANCE_TYPES or (cue.type in ("speech", "finding", "quoting") and _group_subject(attribution)),
        ):
            continue  # "the United States called for sanctions" is policy, "voters think" no one's stated view
        seen.add(bounds)  # "X said, Y said": two cues over one clause make one quote
        yield _build_quote(article, article_id, bounds[0], bounds[1], "indirect", attribution)


def _names_an_opponent(article: QuoteContext, token: Token) -> bool:
    """'is challenging Senator Lindqvist in the primary', 'challenged her for the seat': a contest verb
    (words.tsv `contest`) whose object is a person names an opponent in a race; 'challenged the ruling'
    judges something, and 'challenged Okafor to a debate' dares him (a speech act)."""
    if token.lemma_.lower() not in article.lexicon.words.contest_verbs:
        return False
    if any(child.dep_ == "prep" and child.lower_ == "to" for child in token.children):
        return False
    return any(
        child.dep_ == "dobj" and (child.ent_type_ == "PERSON" or child.lower_ in ("him", "her"))
        for child in token.children
    )


def _group_subject(attribution: Attribution | None) -> bool:
    """'Insiders say ...', 'Other defenders pointed to ...': a group the parse makes the subject of the
    speech cue itself speaks, as its people are quoted; a group reached through a participle or a
    preposition ("questions from voters") is not taken for a speaker of speech."""
    return attribution is not None and attribution.speaker is not None and attribution.speaker.dep_ == "nsubj"


def _poll_frames(article: QuoteContext) -> Iterator[Token]:
    """The tokens "in" of an article that names a poll at all (a singular poll noun is written as its lemma)."""
    lowered = article.text.lower()
    if any(noun in lowered for noun in article.lexicon.words.poll_nouns):
        yield from (token for token in article.doc if token.lower_ == "in")


def _relays_speech(article: QuoteContext, token: Token, cue: Cue, bounds: tuple[int, int]) -> bool:
    """A source that names someone (an outlet, a person) over a clause with a speech cue outside quote marks
    ('"...," Okafor said, according to the Ledger'); a document ("according to a readout") only backs it."""
    source = source_object(article.doc, token.i, cue)
    if source is None or not (source.pos_ == "PROPN" or source.ent_type_ in ("PERSON", "ORG")):
        return False
    span = article.doc.char_span(*bounds, alignment_mode="expand")
    return span is not None and any(
        article.quote_of_token[word.i] == -1 and article.cues.get(word.i, NO_CUE).type == "speech" for word in span
    )


def _asked_of_someone(token: Token) -> bool:
    """'Clinton has been asked to release the transcripts', 'was urged to resign': a speech act in the
    passive with its subject (the one addressed) and no agent."""
    children = list(token.children)
    return any(child.dep_ == "nsubjpass" for child in children) and not any(child.dep_ == "agent" for child in children)


# ---------------------------------------------------------------- records


def _build_quote(
    article: QuoteContext, article_id: str, start: int, end: int, kind: str, attribution: Attribution | None
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


def _sentences_over(article: QuoteContext, start: int, end: int) -> str:
    doc = article.doc
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None or len(first) == 0:
        return article.text[start:end]
    begin = first[0].sent.start_char
    finish = first[-1].sent.end_char
    return article.text[begin:finish].strip()

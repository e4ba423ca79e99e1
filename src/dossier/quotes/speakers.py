"""Who a speaker or addressee token stands for: the actor of its mention, or of the person it describes.

The actors stage resolves names, titles with a name and pronouns. A speaker
is often only described, and the description is resolved here against the
article's own introductions:

- "the senator", "the Republican nominee", "the farmer": the latest person
  introduced before with every word of the description in their
  introduction ("Sen. Ted Cruz", "Republican presidential nominee Donald
  Trump", "Jane Doe, a local farmer");
- "a spokeswoman for X", "aides to X", "officials in X", "X's spokesman",
  "his spokesman": the one they speak for, X (a person or organisation);
- "the campaign": the owner of the latest "X campaign" or "X's campaign".

The agent nouns ("spokeswoman", "aides") and the title words ("Sen." ->
"senator") are data: the `agent` and `title` rows of `quotes/data/words.tsv`,
carried by the cue lexicon's `QuoteWords`.

A description that fits no one keeps its own words as the speaker's name.
A speaker no mention covers keeps its visible words as a name with no code,
so one unknown person named alike through the article is one actor.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dossier.records import ActorRef, Mention

if TYPE_CHECKING:
    from collections.abc import Mapping

    from spacy.tokens import Doc, Token

    from dossier.quotes.words import QuoteWords

# Modifiers that stay in a speaker's visible name; clauses and asides do not.
NAME_DROPPED_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "conj"})
# A speaker's visible name longer than this drops its prepositional phrases.
MAX_NAME_TOKENS = 10
QUOTE_MARKS = frozenset("\"'“”‘’«»„")

# Prepositions that name whom an agent speaks for.
AGENT_PREPOSITIONS = frozenset({"for", "to", "of", "in", "with", "at"})
# Words of a description that say nothing about who is meant.
DESCRIPTION_FILLERS = frozenset({"the", "former", "then", "current", "now", "longtime", "one", "of", "and"})
# Kinds of actor (Mention.actor_kind) that speak for themselves: a state's words are its policy.
PEOPLE_KINDS = frozenset({"person", "organisation"})
# Possessive pronouns and the pronouns of the same person.
POSSESSIVE_FORMS = {"his": ("he", "him", "his"), "her": ("she", "her", "hers"), "their": ("they", "them", "their")}
# Sentences before a "his spokesman" in which to look for the one he speaks for.
POSSESSIVE_LOOKBACK_SENTENCES = 3


@dataclass
class Speakers:
    """One article's mentions, and what each speaker or addressee token stands for."""

    text: str
    doc: Doc
    mentions: list[Mention]  # sorted by start
    starts: list[int]
    word_lists: QuoteWords  # the agent nouns and title words
    # Tokens of mentions the actors stage knows for one person or one organisation ("Kasich", whom the
    # entity recogniser may take for a place): they may speak, act and hold views.
    people: frozenset[int] = frozenset()

    @classmethod
    def of(cls, text: str, doc: Doc, mentions: tuple[Mention, ...], words: QuoteWords) -> Speakers:
        ordered = sorted(mentions, key=lambda mention: mention.start)
        return cls(text, doc, ordered, [mention.start for mention in ordered], words, _people_tokens(doc, ordered))

    def resolve(self, token: Token) -> ActorRef:
        """The actor `token` stands for; else its visible words, no code."""
        described = self._described(token)
        if described is not None:
            return described
        for candidate in (token, *(child for child in token.children if child.dep_ == "appos")):
            mention = self.mention_over(candidate.idx, candidate.idx + len(candidate))
            if mention is not None:
                return _as_named(mention)
        if token.tag_ == "PRP$" and token.lower_ in POSSESSIVE_FORMS:
            # "his plan to ...": the one the pronoun stands for, as for "his spokesman".
            owner = self._possessor(token) or self._only_person_before(token)
            if owner is not None:
                return owner
        if token.pos_ != "PROPN":
            # "South Korean officials", "China's foreign ministry": the actor named in the modifier.
            for child in token.children:
                if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < token.i:
                    mention = self.mention_over(child.left_edge.idx, child.idx + len(child))
                    if mention is not None:
                        return mention.actor
        return ActorRef(code=None, name=self.words(token))

    def mention_over(self, start: int, end: int) -> Mention | None:
        at = bisect.bisect_left(self.starts, end) - 1
        while at >= 0:
            mention = self.mentions[at]
            if mention.end > start:
                return mention
            if mention.end <= start:
                return None
            at -= 1
        return None

    def words(self, token: Token) -> str:
        """The noun phrase headed by `token`, without relative clauses, asides or punctuation."""
        kept = _name_tokens(token, NAME_DROPPED_DEPS)
        if len(kept) > MAX_NAME_TOKENS:
            kept = _name_tokens(token, NAME_DROPPED_DEPS | {"prep"})
        first = min(kept, key=lambda item: item.i)
        last = max(kept, key=lambda item: item.i)
        words = self.text[first.idx : last.idx + len(last)]
        return "".join(char for char in words if char not in QUOTE_MARKS).strip(" ,;:")

    # ------------------------------------------------------------ descriptions

    def _described(self, token: Token) -> ActorRef | None:
        """The actor a description speaker stands for, or None when the token is no description."""
        agents = self.word_lists.agent_nouns
        if token.pos_ not in ("NOUN", "PROPN") or token.pos_ == "PROPN" and token.lower_ not in agents:
            return None
        own = self.mention_over(token.idx, token.idx + len(token))
        if own is not None and own.kind not in ("role", "title"):
            return None  # a name or a known group: the actors stage said who it is
        if own is not None and own.actor.code is not None and own.actor.name[:1].isupper():
            return None  # "the Russian president": the actors stage found the office holder
        if token.lower_ in agents:
            principal = self._principal(token)
            if principal is not None:
                return principal
        if _is_definite(token):
            return self._introduced(token)
        return None

    def _principal(self, agent: Token) -> ActorRef | None:
        """Whom an agent speaks for: 'for X', "X's", 'his', or the latest 'X campaign' for 'the campaign'."""
        for child in agent.children:
            if child.dep_ == "prep" and child.lower_ in AGENT_PREPOSITIONS and child.i > agent.i:
                target = next((grand for grand in child.children if grand.dep_ == "pobj"), None)
                if target is not None:
                    mention = self._mention_of_phrase(target)
                    if mention is not None:
                        return mention.actor
            if child.dep_ in ("poss", "compound") and child.i < agent.i:
                if child.lower_ in POSSESSIVE_FORMS:
                    return self._possessor(child)
                mention = self._mention_of_phrase(child)
                if mention is not None:
                    return mention.actor
        if agent.lower_ in ("campaign", "camp") and _is_definite(agent):
            return self._latest_campaign(agent)
        return None

    def _mention_of_phrase(self, head: Token) -> Mention | None:
        """The mention over a noun phrase's head, or over one of its words ("the Clinton campaign")."""
        mention = self.mention_over(head.idx, head.idx + len(head))
        if mention is not None:
            return mention
        for word in head.subtree:
            if word.dep_ in ("compound", "poss") and word.i < head.i:
                mention = self.mention_over(word.idx, word.idx + len(word))
                if mention is not None:
                    return mention
        return None

    def _possessor(self, pronoun: Token) -> ActorRef | None:
        """'his spokesman': the pronoun's mention, else the latest same-form pronoun resolved before it."""
        mention = self.mention_over(pronoun.idx, pronoun.idx + len(pronoun))
        if mention is not None:
            return mention.actor
        forms = POSSESSIVE_FORMS[pronoun.lower_]
        earliest = self._sentence_start_before(pronoun, POSSESSIVE_LOOKBACK_SENTENCES)
        for earlier in reversed(self._mentions_between(earliest, pronoun.idx)):
            if earlier.kind == "pronoun":
                if earlier.text.lower() in forms:
                    return earlier.actor
                continue
        return None

    def _only_person_before(self, token: Token) -> ActorRef | None:
        """The one person named in the sentence before the token, else in the sentence before that; none
        when two people could be meant."""
        this = token.sent.start_char
        for start, end in ((this, token.idx), (self._sentence_start_before(token, 1), this)):
            people = {m.actor for m in self._mentions_between(start, end) if m.actor_kind == "person"}
            if len(people) == 1:
                return next(iter(people))
            if people:
                return None
        return None

    def _latest_campaign(self, token: Token) -> ActorRef | None:
        """'the campaign': the owner of the latest 'X campaign' or "X's campaign" before it."""
        for earlier in reversed(self.doc[: token.i]):
            if earlier.lower_ in ("campaign", "camp") and earlier.i != token.i:
                owner = next((c for c in earlier.children if c.dep_ in ("poss", "compound")), None)
                if owner is not None:
                    mention = self._mention_of_phrase(owner)
                    if mention is not None:
                        return mention.actor
                    # An owner the actors stage does not know: the campaign keeps its name.
                    return ActorRef(code=None, name=self.words(earlier).removeprefix("the ").removeprefix("The "))
        return None

    def _introduced(self, token: Token) -> ActorRef | None:
        """'the senator': the latest person before it whose introduction holds every word of the description."""
        wanted = _description_words(token, self.word_lists.title_words)
        if not wanted:
            return None
        for earlier in reversed(self._mentions_between(0, token.idx)):
            if earlier.kind == "pronoun" or not earlier.actor.name[:1].isupper():
                continue
            if wanted <= self._introduction_words(earlier):
                return earlier.actor
        return None

    def _introduction_words(self, mention: Mention) -> set[str]:
        """The words that introduce a mention's actor: its titles and its apposition ("Jane Doe, a farmer")."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return set()
        titles = self.word_lists.title_words
        words = {_title_word(token, titles) for token in span}
        for token in span:
            for child in token.children:
                # "Republican presidential nominee Donald Trump", "Jane Doe, a local farmer,"
                before = child.i < span.start and child.dep_ in ("compound", "amod", "nmod")
                if before or (child.dep_ == "appos" and child.i >= span.end):
                    words |= {_title_word(word, titles) for word in child.subtree if word.dep_ not in ("relcl", "acl")}
        return words

    def _mentions_between(self, start: int, end: int) -> list[Mention]:
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_left(self.starts, end)
        return self.mentions[low:high]

    def _sentence_start_before(self, token: Token, sentences: int) -> int:
        sentence = token.sent
        for _ in range(sentences):
            if sentence.start == 0:
                break
            sentence = self.doc[sentence.start - 1].sent
        return sentence.start_char


def _as_named(mention: Mention) -> ActorRef:
    """The mention's actor; a seat or body standing for a state ("the White House", "the FBI") keeps the
    state's code under its own name, which is who the text says spoke."""
    actor = mention.actor
    if mention.kind != "metonym" or actor.code is None or actor.name.lower() in mention.text.lower():
        return actor
    words = mention.text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words or not all(word[:1].isupper() for word in words):
        return actor
    return ActorRef(actor.code, " ".join(words), actor.country, actor.role)


def _people_tokens(doc: Doc, mentions: list[Mention]) -> frozenset[int]:
    """Tokens of the mentions of one person or organisation, and every other use of the last word of
    such a name: "Sanders" or "Trump" the tagger took for a common noun ("sanders", "trump") is still
    the person the article named. A pronoun the actors stage resolved to one ("It accused the agency of
    ...", "it" for a company) counts too, and "they" it resolved to a group ("They urged him to resign",
    the group's members acting together)."""
    found: set[int] = set()
    surnames: set[str] = set()
    for mention in mentions:
        if mention.actor_kind in PEOPLE_KINDS or (mention.kind == "pronoun" and mention.actor_kind == "group"):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            found.update(token.i for token in span or ())
            if mention.kind != "pronoun" and span is not None and len(span) and span[-1].pos_ == "PROPN":
                surnames.add(span[-1].text)
    found.update(token.i for token in doc if token.text in surnames and token.text[:1].isupper())
    return frozenset(found)


def _is_definite(token: Token) -> bool:
    return any(child.dep_ == "det" and child.lower_ in ("the", "this", "that") for child in token.children)


def _description_words(token: Token, titles: Mapping[str, str]) -> set[str]:
    """The words of 'the Republican nominee' that must appear in an introduction: {'republican', 'nominee'}."""
    words = set()
    for word in token.subtree:
        if word.dep_ in ("relcl", "acl", "appos", "punct", "det") or word.is_space:
            continue
        if word.i > token.i and word.dep_ != "prep" and word.head.dep_ != "prep":
            continue
        words.add(_title_word(word, titles))
    return words - DESCRIPTION_FILLERS


def _title_word(token: Token, titles: Mapping[str, str]) -> str:
    """A title's word, abbreviation spelled out: 'Sen.' -> 'senator'."""
    word = token.lower_.rstrip(".")
    return titles.get(word, word)


def _name_tokens(token: Token, dropped: frozenset[str]) -> list[Token]:
    kept = [token]
    stack = [child for child in token.children if child.dep_ not in dropped]
    while stack:
        child = stack.pop()
        kept.append(child)
        stack.extend(grand for grand in child.children if grand.dep_ not in ("relcl", "acl", "appos", "punct"))
    return kept

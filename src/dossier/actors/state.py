"""What the steps of `resolve_actors` read and what they write.

`ArticleInputs` is everything a step may read and never change: the parsed
article, its publication day, the knowledge base, the cue lexicon and what
is derived from them once (the known names over the tokens, the entities,
the sentences). `FoundMentions` is the one thing the steps write: the
mentions drafted so far and the tokens they claim. Each step receives both
and adds to `FoundMentions`; later steps read what earlier ones found.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from spacy.attrs import IDX, SPACY

from dossier.actors.knowledge import KnowledgeBase
from dossier.actors.names import KnownNames, find_names
from dossier.gazetteer import Gazetteer
from dossier.parse.model import ParsedArticle
from dossier.quotes.cues import CueLexicon
from dossier.records import ActorRef, published_day

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class ArticleInputs:
    """One article's resolution reads these and nothing else."""

    parsed: ParsedArticle
    day: date | None  # publication day: who held which office
    kb: KnowledgeBase
    places: Gazetteer  # the knowledge base's gazetteer, the user's place tables included
    cues: CueLexicon  # verbs of saying, for "..., he said"
    names: KnownNames
    text: str  # the doc's text, read once (spaCy rebuilds it on every access)
    entities: tuple[Span, ...]  # doc.ents, read once
    # Each token's text and character offset, read once: a step that tests
    # words reads these strings and numbers, not a new spaCy Token for each
    # `doc[i]` or pass over the doc. (Holding every Token instead costs more
    # in garbage collection than it saves.)
    texts: tuple[str, ...]
    offsets: tuple[int, ...]
    sentences: tuple[tuple[int, int], ...]  # token bounds of each sentence

    @property
    def doc(self) -> Doc:
        return self.parsed.doc

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens [start, end), as `doc[start:end].text` without building the Span."""
        if start >= end:
            return ""
        return self.text[self.offsets[start] : self.offsets[end - 1] + len(self.texts[end - 1])]

    @cached_property
    def _entity_starts(self) -> list[int]:
        return [ent.start for ent in self.entities]

    def entities_starting_in(self, start: int, end: int) -> tuple[Span, ...]:
        """The entities whose first token lies in [start, end), in text order."""
        starts = self._entity_starts
        return self.entities[bisect_left(starts, start) : bisect_left(starts, end)]

    def entity_holding(self, i: int) -> Span | None:
        """The entity token i belongs to, if any (entities never overlap)."""
        k = bisect_right(self._entity_starts, i) - 1
        return self.entities[k] if k >= 0 and i < self.entities[k].end else None

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    def sentence_index(self, i: int) -> int:
        """The index in `sentences` of the sentence holding token i (the sentences cover every token)."""
        return bisect_right(self._sentence_starts, i) - 1

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Token bounds of the sentence holding token i (as `doc[i].sent`, without building the Span)."""
        return self.sentences[self.sentence_index(i)]


def read_inputs(parsed: ParsedArticle, kb: KnowledgeBase, cues: CueLexicon) -> ArticleInputs:
    """Everything the steps read, derived once from the parsed article and the stage's data."""
    doc = parsed.doc
    texts = tuple([token.text for token in doc])
    offsets = tuple(doc.to_array(IDX).tolist())  # every token's offset in one call, no Token made
    spaced = doc.to_array(SPACY).tolist()  # whitespace flags: joined with the texts, cheaper than text_with_ws
    sentences = tuple((sentence.start, sentence.end) for sentence in doc.sents)
    return ArticleInputs(
        parsed=parsed,
        day=published_day(parsed.article.published),
        kb=kb,
        places=kb.gazetteer(),
        cues=cues,
        names=find_names(doc, kb, texts, sentences),
        text="".join([text + " " if space else text for text, space in zip(texts, spaced, strict=True)]),
        entities=tuple(doc.ents),
        texts=texts,
        offsets=offsets,
        sentences=sentences,
    )


@dataclass
class Draft:
    """A mention being built: token span, actor, and what coreference needs."""

    start: int
    end: int
    actor: ActorRef
    kind: str
    person: str | None = None  # canonical name when the mention is a person
    offices: tuple[str, ...] = ()  # offices the mention's person holds or is titled with
    group: bool = False  # a plural group ("officials"): a possible antecedent of "they"
    gender: str | None = None  # "m"/"f" for a person when known
    antecedent: int | None = None  # token index of the earlier mention
    # What the first word of the person's full name tells (given_names.tsv): weaker than `gender`, which
    # people.csv, a title or an apposition set; `unify_people` falls back on it.
    name_gender: str | None = None


@dataclass
class FoundMentions:
    """The growing result: mentions drafted so far, and which tokens they claim.

    Mentions never overlap: a token belongs to at most one draft.
    """

    taken: list[bool]  # by token
    drafts: list[Draft] = field(default_factory=list)
    # Where the drafts of each actor name start (pronouns aside): `first_mention_of` without a pass over
    # every draft. Kept by `add`, `remove` and `replace_actor`.
    starts_by_name: dict[str | None, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for draft in self.drafts:  # drafts given at construction
            if draft.kind != "pronoun":
                self.starts_by_name.setdefault(draft.actor.name, []).append(draft.start)

    @classmethod
    def empty(cls, tokens: int) -> FoundMentions:
        return cls([False] * tokens)

    def is_taken(self, i: int) -> bool:
        return self.taken[i]

    def is_free(self, start: int, end: int) -> bool:
        """No draft claims any token of [start, end), and the span lies inside the article."""
        return 0 <= start and end <= len(self.taken) and not any(self.taken[start:end])

    def add(self, draft: Draft) -> Draft:
        for i in range(draft.start, draft.end):
            self.taken[i] = True
        self.drafts.append(draft)
        if draft.kind != "pronoun":
            self.starts_by_name.setdefault(draft.actor.name, []).append(draft.start)
        return draft

    def remove(self, draft: Draft) -> None:
        """Drop a draft and free its tokens (a later rule took it into a longer mention)."""
        for i in range(draft.start, draft.end):
            self.taken[i] = False
        self.drafts.remove(draft)
        if draft.kind != "pronoun":
            self.starts_by_name[draft.actor.name].remove(draft.start)

    def replace_actor(self, draft: Draft, actor: ActorRef) -> None:
        """Give a draft already added another actor."""
        if draft.kind != "pronoun":
            self.starts_by_name[draft.actor.name].remove(draft.start)
            self.starts_by_name.setdefault(actor.name, []).append(draft.start)
        draft.actor = actor

    def first_mention_of(self, name: str | None, before: int) -> int | None:
        """Token index of the first mention of this actor name before a token (pronouns aside)."""
        if name is None:
            return None
        return min((start for start in self.starts_by_name.get(name, ()) if start < before), default=None)

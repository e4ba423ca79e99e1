"""The stage interface, and the per-article stages of a run in the order they run.

Every per-article stage says what it is called, which parts of the
`ArticleAnalysis` it reads (`requires`), which part it fills (`assigns`), and
is called on one parsed article with the analysis so far. Its knowledge
(knowledge base, cue lexicon, event and stance lexicons, issue definitions)
is loaded once, when the run builds its stages with `load_stages`, and held
by the stage: nothing is read from disk or from the environment per document.

This is the one place the stages are listed (as spaCy lists its factories in
one module): the local run, the HTTP API and the Spark job all take their
stages from `load_stages`.

Example:
    >>> [stage.name for stage in STAGE_ORDER]
    ['actors', 'quotes', 'events', 'stances', 'tones']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar, Protocol

from dossier.actors import knowledge as actor_knowledge
from dossier.actors import resolve as actors
from dossier.events import coder as events
from dossier.quotes import attribution as quotes
from dossier.quotes import cues
from dossier.records import ArticleAnalysis
from dossier.stance import lexicon as stance_lexicon
from dossier.stance import reader as stance
from dossier.tone import finder as tone

if TYPE_CHECKING:
    from dossier.parse.model import ParsedArticle
    from dossier.pipeline import RunOptions


class Stage(Protocol):
    """One per-article stage: a name, what it reads and fills, and a call on one parsed article."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    assigns: ClassVar[str]

    def __call__(self, parsed: ParsedArticle, analysis: ArticleAnalysis) -> ArticleAnalysis: ...


@dataclass(frozen=True)
class ActorsStage:
    """Mentions of people, organisations and countries, coded to actors."""

    knowledge: actor_knowledge.KnowledgeBase
    cues: cues.CueLexicon
    name: ClassVar[str] = "actors"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[str] = "mentions"

    def __call__(self, parsed: ParsedArticle, analysis: ArticleAnalysis) -> ArticleAnalysis:
        return replace(analysis, mentions=actors.resolve_actors(parsed, knowledge=self.knowledge, cues=self.cues))


@dataclass(frozen=True)
class QuotesStage:
    """Direct and indirect speech with speaker and addressee."""

    cues: cues.CueLexicon
    name: ClassVar[str] = "quotes"
    requires: ClassVar[tuple[str, ...]] = ("mentions",)
    assigns: ClassVar[str] = "quotes"

    def __call__(self, parsed: ParsedArticle, analysis: ArticleAnalysis) -> ArticleAnalysis:
        return replace(analysis, quotes=quotes.find_quotes(parsed, analysis.mentions, cues=self.cues))


@dataclass(frozen=True)
class EventsStage:
    """CAMEO/PLOVER events with source, target, date and place."""

    data: events.EventData
    name: ClassVar[str] = "events"
    requires: ClassVar[tuple[str, ...]] = ("mentions", "quotes")
    assigns: ClassVar[str] = "events"

    def __call__(self, parsed: ParsedArticle, analysis: ArticleAnalysis) -> ArticleAnalysis:
        found = events.code_events(parsed, analysis.mentions, analysis.quotes, data=self.data)
        return replace(analysis, events=found)


@dataclass(frozen=True)
class StancesStage:
    """Support and opposition of actors on the run's issues (proposed issues without an issues file)."""

    lexicon: stance_lexicon.StanceLexicon
    issues: tuple[stance_lexicon.Issue, ...] | None
    name: ClassVar[str] = "stances"
    requires: ClassVar[tuple[str, ...]] = ("mentions", "quotes", "events")
    assigns: ClassVar[str] = "stances"

    def __call__(self, parsed: ParsedArticle, analysis: ArticleAnalysis) -> ArticleAnalysis:
        found = stance.find_stances(
            parsed, analysis.mentions, analysis.quotes, analysis.events, issues=self.issues, lexicon=self.lexicon
        )
        return replace(analysis, stances=found)


@dataclass(frozen=True)
class TonesStage:
    """Tone toward each actor mention: negative, neutral or positive, with its cue words."""

    data: tone.ToneData
    name: ClassVar[str] = "tones"
    requires: ClassVar[tuple[str, ...]] = ("mentions", "quotes")
    assigns: ClassVar[str] = "tones"

    def __call__(self, parsed: ParsedArticle, analysis: ArticleAnalysis) -> ArticleAnalysis:
        return replace(analysis, tones=tone.find_tones(parsed, analysis.mentions, analysis.quotes, data=self.data))


STAGE_ORDER: tuple[type[Stage], ...] = (ActorsStage, QuotesStage, EventsStage, StancesStage, TonesStage)


def load_stages(options: RunOptions) -> tuple[Stage, ...]:
    """The per-article stages of one run, each holding its knowledge, loaded once here.

    User files layered on the shipped ones (DOSSIER_ACTORS_PATH and the other
    variables in the README) are read now, so a run sees one version of them.
    """
    cue_lexicon = cues.load_cues()
    issues = stance_lexicon.load_issues(options.issues_file) if options.issues_file else None
    return (
        ActorsStage(actor_knowledge.knowledge_base(), cue_lexicon),
        QuotesStage(cue_lexicon),
        EventsStage(events.load_event_data(learned_fallback=options.learned_events)),
        StancesStage(stance_lexicon.stance_lexicon(), issues),
        TonesStage(tone.load_tone_data(model=options.tone_model)),
    )


def check_order(stages: Sequence[Stage]) -> None:
    """Fail early when a stage would run before a stage whose results it reads.

    Example:
        >>> check_order([STAGE_ORDER[1]])  # doctest: +IGNORE_EXCEPTION_DETAIL
        Traceback (most recent call last):
        ValueError: stage quotes requires mentions, which no earlier stage assigns
    """
    filled: set[str] = set()
    for stage in stages:
        for needed in stage.requires:
            if needed not in filled:
                raise ValueError(f"stage {stage.name} requires {needed}, which no earlier stage assigns")
        filled.add(stage.assigns)

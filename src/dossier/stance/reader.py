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

This module reads sentence by sentence; the parts live beside it:
`matching` finds lexicon phrases and issue terms, `proposals` proposes
issues, `walk` climbs the parse, `polarity` and `judging` read the signs met
on the way, `holders` finds who holds a stance, `anaphors` resolves "such a
call" and "it", and `findings` merges what was found into `Stance` records.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dossier.events.participants import MentionIndex
from dossier.parse.model import ParsedArticle
from dossier.records import Event, Mention, Quote, Stance
from dossier.stance.anaphors import read_anaphors
from dossier.stance.context import VERB_POS, Path, Reading
from dossier.stance.findings import Finding, merge_findings, to_stances
from dossier.stance.lexicon import Issue, StanceLexicon, load_issues, stance_lexicon
from dossier.stance.matching import Occurrence, find_issue_terms, highest_token, lexicon_tables
from dossier.stance.proposals import PROPOSED_PREFIX, propose_issues
from dossier.stance.walk import walk

if TYPE_CHECKING:
    from spacy.tokens import Span

__all__ = ["PROPOSED_PREFIX", "find_stances", "read_sentence"]

# An issues file, or issues already loaded from one.
IssuesSource = str | os.PathLike[str] | Sequence[Issue]

# Words inside a name are not stance words ("the Court of Appeals for the 6th Circuit").
NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"})


def find_stances(
    parsed: ParsedArticle,
    mentions: tuple[Mention, ...],
    quotes: tuple[Quote, ...],
    events: tuple[Event, ...],
    issues: IssuesSource | None = None,
    lexicon: StanceLexicon | None = None,
) -> tuple[Stance, ...]:
    """Support/oppose stances of actors on the given issues.

    `issues` is an issues file or the issues already loaded from one (a run
    loads its file once and passes them in); without issues, they are
    proposed from the article: the nouns that stance words govern, named
    `proposed:<lemma>`. `lexicon` defaults to `stance_lexicon()`. Given both
    as loaded data, the call reads no file and no environment variable.

    Example:
        >>> from pathlib import Path
        >>> from dossier.actors.resolve import resolve_actors
        >>> from dossier.events.coder import code_events
        >>> from dossier.parse import parse_articles
        >>> from dossier.quotes.attribution import find_quotes
        >>> from dossier.records import Article
        >>> from dossier.stance.lexicon import load_issues
        >>> parsed = next(parse_articles([Article.build("China opposed the deployment of THAAD in South Korea.")]))
        >>> mentions = resolve_actors(parsed)
        >>> quotes = find_quotes(parsed, mentions)
        >>> events = code_events(parsed, mentions, quotes)
        >>> issues = load_issues(Path(__file__).parent / "issues" / "korea_2017.yaml")
        >>> [(s.actor.code, s.issue, s.polarity) for s in find_stances(parsed, mentions, quotes, events, issues)]
        [('CHN', 'thaad_deployment', 'oppose')]
        >>> parsed = next(parse_articles([Article.build("China opposed new sanctions on North Korea.")]))
        >>> mentions = resolve_actors(parsed)
        >>> quotes = find_quotes(parsed, mentions)
        >>> events = code_events(parsed, mentions, quotes)
        >>> [(s.actor.code, s.issue, s.polarity) for s in find_stances(parsed, mentions, quotes, events)]
        [('CHN', 'proposed:sanction', 'oppose')]
    """
    loaded = _issues_of(issues)
    tables = lexicon_tables(lexicon if lexicon is not None else stance_lexicon())
    spoken = tuple(q for q in quotes if q.speaker is not None)
    reading = Reading(parsed.doc, MentionIndex(parsed.doc, mentions), tables, spoken, tuple(events))
    findings: list[Finding] = []
    previous: list[Finding] = []
    for sentence in parsed.doc.sents:
        found = read_sentence(reading, sentence, loaded, previous)
        findings.extend(found)
        previous = found
    return tuple(to_stances(merge_findings(findings), parsed))


def _issues_of(issues: IssuesSource | None) -> tuple[Issue, ...] | None:
    """The issues to look for; None (propose them) when none are given."""
    if not issues:
        return None
    if isinstance(issues, str | os.PathLike):
        return load_issues(issues)
    return tuple(issues)


def read_sentence(
    reading: Reading, sentence: Span, issues: tuple[Issue, ...] | None, previous: list[Finding]
) -> list[Finding]:
    """Stances in one sentence; `previous` are the last sentence's, for "such a call"."""
    if not reading.index:
        return []
    reading = reading.for_sentence()
    for occurrence in reading.tables.phrases.find(sentence):
        if is_stance_word(reading, occurrence):
            reading.add(occurrence)
    issue_terms = find_issue_terms(sentence, issues) if issues is not None else propose_issues(reading, sentence)
    for occurrence in issue_terms:
        reading.add(occurrence)
    findings: list[Finding] = []
    for occurrence in issue_terms:
        head = highest_token(reading.doc, occurrence.tokens)
        if not is_modifier_only(reading, occurrence):
            findings.extend(walk(reading, head, Path(occurrence.issue or "", tokens=list(occurrence.tokens))))
    findings.extend(read_anaphors(reading, sentence, findings, previous))
    return findings


def is_stance_word(reading: Reading, occurrence: Occurrence) -> bool:
    """Not a name ("the Court of Appeals for ...") nor a modifier ("pledged delegates")."""
    head = highest_token(reading.doc, occurrence.tokens)
    if head.dep_ == "amod" and head.pos_ in VERB_POS:
        return False
    return not any(
        reading.index.at(reading.doc[i]) is not None or reading.doc[i].ent_type_ in NAME_ENTITIES
        for i in occurrence.tokens
    )


def is_modifier_only(reading: Reading, occurrence: Occurrence) -> bool:
    """An issue term that only modifies another noun ("the deployment site") is not the issue itself.

    A change noun as head keeps it, with that change's sign ("sanctions relief").
    """
    head = highest_token(reading.doc, occurrence.tokens)
    return head.dep_ == "compound" and reading.occurrence(head.head, "direction") is None

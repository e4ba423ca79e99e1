"""Findings: stances before merging, made from a walk's path, merged per sentence
and turned into `Stance` records with their evidence span."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dossier.parse.model import ParsedArticle
from dossier.records import ActorRef, Stance
from dossier.stance.context import Path, Reading
from dossier.stance.holders import Holder, event_holders

if TYPE_CHECKING:
    from spacy.tokens import Token

# Strengths are kept off 0: a found stance is some evidence.
MIN_STRENGTH = 0.05
# Two stances of one actor on one issue in one sentence with opposite signs:
# the stronger is kept when it leads by this much, else both are dropped (a
# wrong polarity is worse than a miss).
CONFLICT_MARGIN = 0.2
# The holder's name joins the evidence span when it is this close to the stance
# words; farther away ("X spoke at ... and agreed to Y") it would swamp them.
MAX_HOLDER_GAP = 8


@dataclass(frozen=True)
class Finding:
    """One stance before merging: holder, issue, sign, strength and the tokens it rests on."""

    actor: ActorRef
    issue: str
    polarity: int
    strength: float
    tokens: tuple[int, ...]
    sentence: int  # index of the sentence's first token


def emit_findings(reading: Reading, holders: list[Holder], path: Path, anchor: Token) -> list[Finding]:
    """The path's stance, once for each holder; a stance word with none borrows an event's source."""
    if not path.mode or not path.issue:
        return []
    if not holders and path.mode == "holder":
        holders = event_holders(reading, anchor, path.polarity)
    sentence = anchor.sent
    strength = round(min(1.0, max(MIN_STRENGTH, path.strength * path.factor)), 3)
    tokens = {i for i in path.tokens if sentence.start <= i < sentence.end} | {anchor.i}
    findings = []
    for actor, mention in holders:
        evidence = set(tokens)
        if mention is None:  # a quote's speaker: show where the sentence names them, if it does
            mention = next((m for t in sentence if (m := reading.index.at(t)) is not None and m.actor == actor), None)
        if mention is not None:
            named = {
                t.i
                for t in reading.doc.char_span(mention.start, mention.end, alignment_mode="expand") or ()
                if sentence.start <= t.i < sentence.end
            }
            if named and min(abs(i - j) for i in named for j in tokens) <= MAX_HOLDER_GAP:
                evidence |= named
        findings.append(Finding(actor, path.issue, path.polarity, strength, tuple(sorted(evidence)), sentence.start))
    return findings


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


def to_stances(findings: list[Finding], parsed: ParsedArticle) -> list[Stance]:
    """Stance records, their evidence the text from the first to the last token within the sentence."""
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

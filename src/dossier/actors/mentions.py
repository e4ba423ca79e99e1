"""Finished drafts -> `Mention` records: character offsets, actor kind and term of office."""

from __future__ import annotations

from dossier.actors.knowledge import Office
from dossier.actors.people import office_on
from dossier.actors.state import ArticleInputs, Draft
from dossier.records import Mention


def to_mentions(inputs: ArticleInputs, drafts: list[Draft]) -> tuple[Mention, ...]:
    """One `Mention` per draft, in text order."""
    by_start = {draft.start: draft for draft in drafts}
    return tuple(_to_mention(inputs, draft, by_start) for draft in sorted(drafts, key=lambda d: d.start))


def _to_mention(inputs: ArticleInputs, draft: Draft, by_start: dict[int, Draft]) -> Mention:
    offsets = inputs.offsets
    start_char = offsets[draft.start]
    end_char = offsets[draft.end - 1] + len(inputs.texts[draft.end - 1])  # as Span.end_char, without the Span
    antecedent = offsets[draft.antecedent] if draft.antecedent is not None else None
    term = _term_of_office(inputs, draft)
    return Mention(
        article_id=inputs.parsed.article.id,
        start=start_char,
        end=end_char,
        text=inputs.parsed.article.text[start_char:end_char],  # the article's, as it is written
        actor=draft.actor,
        kind=draft.kind,
        antecedent=antecedent,
        actor_kind=_actor_kind(inputs, draft, by_start),
        valid_from=term.start.isoformat() if term and term.start else None,
        valid_to=term.end.isoformat() if term and term.end else None,
    )


def _actor_kind(inputs: ArticleInputs, draft: Draft, by_start: dict[int, Draft]) -> str:
    """What the actor is: person, group, igo, country or organisation (a pronoun: its antecedent's kind)."""
    if draft.kind == "pronoun" and draft.antecedent in by_start and by_start[draft.antecedent] is not draft:
        return _actor_kind(inputs, by_start[draft.antecedent], by_start)
    kb = inputs.kb
    actor = draft.actor
    if draft.person or actor.name in kb.people:
        return "person"
    if draft.group:
        return "group"
    if (actor.code or "").startswith("IGO"):
        return "igo"
    if actor.name in kb.group_kinds:
        return "group" if kb.group_kinds[actor.name] == "armed" else "organisation"
    if actor.role is None and actor.country and actor.name == kb.country_name(actor.country):
        return "country"
    return "organisation"


def _term_of_office(inputs: ArticleInputs, draft: Draft) -> Office | None:
    """The knowledge-base term that gave a known person their code on the article's date."""
    person = inputs.kb.people.get(draft.actor.name or "")
    if person is None or draft.actor.role is None and not (draft.actor.code or "").startswith("IGO"):
        return None
    office = office_on(person, inputs.day, draft.offices)
    if office is None or (office.country != draft.actor.country and office.country != draft.actor.code):
        return None
    return office

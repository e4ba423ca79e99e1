"""The actors stage: every person, organisation and country a report names, coded to an actor.

Entry: `resolve_actors(parsed, knowledge=None, cues=None) -> tuple[Mention, ...]`,
whose steps `actors.resolve` lists (docs/actors.md says which module does
what). Knowledge (countries, seats, roles, people with their terms of
office, groups) is data in `actors/data/`, loaded by `actors.knowledge`;
users layer their own files through DOSSIER_ACTORS_PATH (docs/actors.md).
"""

from dossier.actors.knowledge import KnowledgeBase, knowledge_base
from dossier.actors.resolve import resolve_actors

__all__ = ["KnowledgeBase", "knowledge_base", "resolve_actors"]

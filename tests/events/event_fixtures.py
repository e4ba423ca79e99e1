"""Events coded over hand-built mentions (the events stage tested apart from the actors stage), or
through the real actors and quotes stages (`code_through_actors`).

Each actor is (surface text, CAMEO code, role) or (surface text, CAMEO code,
role, actor kind); the mention covers the surface's first occurrence, and
its country is the code's first three letters (none for an IGO or no code).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language

from dossier.actors import resolve as actors_stage
from dossier.events.coder import EventData, code_events
from dossier.parse.model import ParsedArticle
from dossier.quotes import attribution as quotes_stage
from dossier.records import ActorRef, Article, Event, Mention

HandActor = tuple[str, str | None, str | None] | tuple[str, str | None, str | None, str | None]


def code_with_mentions(nlp: Language, text: str, actors: Sequence[HandActor], published: str | None) -> list[Event]:
    """The events of one sentence, given the mentions an actors stage would have found."""
    article = Article.build(text, published=published)
    mentions = [hand_mention(article.id, text, actor) for actor in actors]
    mentions.sort(key=lambda m: m.start)
    return list(code_events(ParsedArticle(article, nlp(text)), tuple(mentions), ()))


def code_through_actors(nlp: Language, data: EventData, text: str) -> list[tuple[str, str | None, str | None]]:
    """(code, source code, target code) of each event of `text`, its actors and quotes found by their stages."""
    parsed = ParsedArticle(Article.build(text, name="written"), nlp(text))
    mentions = actors_stage.resolve_actors(parsed)
    events = code_events(parsed, mentions, quotes_stage.find_quotes(parsed, mentions), data)
    return [(e.code, e.source.code, e.target.code if e.target else None) for e in events]


def hand_mention(article_id: str, text: str, actor: HandActor) -> Mention:
    surface, actor_code, role = actor[:3]
    kind = actor[3] if len(actor) == 4 else None
    start = text.index(surface)
    country = actor_code[:3] if actor_code and not actor_code.startswith("IGO") else None
    reference = ActorRef(actor_code, surface, country, role)
    return Mention(article_id, start, start + len(surface), surface, reference, actor_kind=kind)

"""One incident, one event: the acts a sentence reports of one actor that are one incident.

"The Taliban stormed a police headquarters, killing five officers and
injuring 22 people": the storming, the killing and the injuring are one
assault by the Taliban, and an event dataset counts one. Within a sentence,
events with the same source, the same PLOVER type and the same flags are one
incident: when some of them name a coded target, the ones that name none
tell nothing more and are dropped; an incident no event of which names a
coded target keeps its first act, the one the sentence leads with ("bombed
Odesa, destroying a terminal" is the bombing). Acts on named targets stay one
event per act and target, as in GDELT ("were ambushed and wounded by X" is
an ambush and a wounding of the same target; "expelled diplomats from
Poland, Germany and Sweden" three expulsions). An act whose agent the
sentence does not name (a blank source) is dropped when the sentence names
the agent of an act of the same type: in "26 people were killed after a car
bomb claimed by the Taliban struck a bus", the killing is the Taliban's
assault, not a second one by no one. A public statement (01) that follows
an act of its own speaker in the sentence is that act's wording: "shelled
the posts, warning that it would respond" is the shelling, not also a
warning (a statement before the act, or by another speaker, stays). An act
with a blank source told after an act of a coded actor is that act's
background ("Britain expelled two diplomats after two journalists were
detained" is the expulsion); told first, or alone, it stays. A hypothetical
act told after an asserted one (other than a bare statement, 01) is its
condition or its content ("threatened to shell the base if the army
attacked", "vetoed a resolution that would have sanctioned X"): the
asserted act is the event. So is a negated act told after an asserted one
("seized the port but did not enter the town").
"""

from __future__ import annotations

from collections.abc import Iterable

from dossier.records import Event


def merge_incidents(events: Iterable[Event]) -> list[Event]:
    """The events of one sentence less those their incident tells better, in their first order.

    Example:
        >>> from dossier.records import ActorRef
        >>> taliban, province = ActorRef("AFGREB", "Taliban", "AFG", "REB"), ActorRef("AFG", "Afghanistan", "AFG", None)
        >>> def event(code, target):
        ...     return Event("a", taliban, target, code, code[:2], -10.0, 4, None, None, None, "s", 0, 1,
        ...                  plover={"event_type": "ASSAULT"})
        >>> merged = merge_incidents([event("190", province), event("1823", None)])
        >>> [(e.code, e.target and e.target.code) for e in merged]
        [('190', 'AFG')]
    """
    listed = list(events)
    kept: list[Event] = []
    for at, event in enumerate(listed):
        incident = _incident(event)
        same = [n for n, other in enumerate(listed) if incident is not None and _incident(other) == incident]
        if len(same) < 2:
            kept.append(event)
            continue
        aimed = [listed[n] for n in same if _coded_target(listed[n]) is not None]
        if aimed:
            lead = aimed[0].predicate
            victims = {_coded_target(e) for e in aimed if e.predicate == lead}
            if _coded_target(event) is not None and (event.predicate == lead or _coded_target(event) in victims):
                kept.append(event)
            continue
        if at == same[0]:
            kept.append(event)
    told = {_kind(e) for e in kept if _incident(e) is not None}
    kept = [e for e in kept if _incident(e) is not None or _kind(e) not in told]
    kept = [e for at, e in enumerate(kept) if not _worded_act(e, kept[:at])]
    kept = [e for at, e in enumerate(kept) if not _agentless_aside(e, kept[:at])]
    return [e for at, e in enumerate(kept) if not _condition_or_contrast(e, kept[:at])]


def _condition_or_contrast(event: Event, before: list[Event]) -> bool:
    """A hypothetical act told after an asserted act (not a bare statement, 01) is that act's condition or
    content: "threatened to shell the base if the army attacked" is the threat, not also a possible attack
    by the army; what a governor "hopes the army will" do stays, as the hope is only a comment. So is an
    act said not to happen, told after one that did: "seized the port but did not enter the town"."""
    if not {"hypothetical", "negated"} & set(event.flags):
        return False
    return any(not {"hypothetical", "negated"} & set(o.flags) and o.root_code != "01" for o in before)


def _agentless_aside(event: Event, before: list[Event]) -> bool:
    """An act whose agent the sentence does not name, told after an act of a coded actor, is that act's
    background: "expelled two diplomats after two journalists were detained" is the expulsion."""
    if event.source.code or event.source.name:
        return False
    return any(o.source.code for o in before)


def _worded_act(event: Event, before: list[Event]) -> bool:
    """A public statement (01) that follows a more specific act of its source is that act's wording:
    "issued an ultimatum, warning that ..." is the ultimatum (139), not also a warning (012)."""
    if event.root_code != "01" or not (event.source.code or event.source.name):
        return False
    speaker = (event.source.code, event.source.name)
    return any(o.root_code != "01" and (o.source.code, o.source.name) == speaker for o in before)


def _kind(event: Event) -> str | None:
    return (event.plover or {}).get("event_type")


def _incident(event: Event) -> tuple[object, ...] | None:
    kind = _kind(event)
    if not kind or not (event.source.code or event.source.name):
        return None  # a blank source is no one's incident
    return (event.source.code, event.source.name, kind, event.flags)


def _coded_target(event: Event) -> str | None:
    return event.target.code if event.target is not None and event.target.code else None

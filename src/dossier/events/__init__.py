"""The events stage: who did what to whom, when and where, coded in CAMEO and PLOVER.

Entry: `code_events(parsed, mentions, quotes, data=None) -> list[Event]`. The code
book and lexicons are data in `events/data/`, loaded by `events.cameo`
(`load_event_data()` loads every table once, for a run to hold); dates are
resolved by `events.when`, places by `events.where` (docs/events.md).
"""

from dossier.events.coder import EventData, code_events, load_event_data

__all__ = ["EventData", "code_events", "load_event_data"]

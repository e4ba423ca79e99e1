"""The events stage: who did what to whom, when and where, coded in CAMEO and PLOVER.

Entry: `code_events(parsed, mentions, quotes) -> list[Event]`. The code book
and lexicons are data in `events/data/`, loaded by `events.cameo`; dates are
resolved by `events.when`, places by `events.where` (docs/events.md).
"""

from dossier.events.coder import code_events

__all__ = ["code_events"]

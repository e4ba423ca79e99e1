"""Word lists about places that several steps of the actors stage read, kept in a module that imports
nothing, so that any step can import them: `parties` cannot import `countries` (`countries` imports
`blocs`, which imports `parties`).

Example:
    >>> TRAVEL_VERBS <= MOTION_VERBS
    True
"""

from __future__ import annotations

# Verbs of going somewhere oneself: "to" after them leads to a place ("flew to Beijing", "heads to the
# Democratic National Convention"). `parties` reads a party's name after them as its convention, a place.
TRAVEL_VERBS = frozenset({"go", "head", "travel", "come", "return", "fly", "arrive", "drive", "move", "journey"})
# Verbs of motion: travel, fleeing, and sending people or things somewhere ("deployed to", "shipped to").
# "to" after them leads to a place, while "to" elsewhere may lead to an actor ("exports to Pyongyang"):
# `countries` reads a capital after them as a place, not a metonym. Wider than TRAVEL_VERBS on purpose:
# "a visit to the Republican convention" does not make the party's name a place the way travel does
# (the party check keeps the narrower list; widening it was not measured).
MOTION_VERBS = TRAVEL_VERBS | frozenset(
    {
        "flee",
        "trip",
        "sail",
        "visit",
        "relocate",
        "defect",
        "escape",
        "deploy",
        "evacuate",
        "route",
        "ship",
        "transfer",
    }
)

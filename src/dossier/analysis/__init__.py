"""Corpus-level analysis of stored events: counts and Goldstein sums (`dossier stats`), the actor network.

Both group actors one way for the whole corpus (`identity`): by who they
are (default), by CAMEO code, or by country.
"""

from dossier.analysis.identity import CODE, COUNTRY, GROUPINGS, IDENTITY, actor_key, actor_label
from dossier.analysis.network import Network, event_network, write_gexf, write_graphml
from dossier.analysis.stats import STAT_DIMENSIONS, EventStats, event_stats, stored_event_stats

__all__ = [
    "CODE",
    "COUNTRY",
    "GROUPINGS",
    "IDENTITY",
    "STAT_DIMENSIONS",
    "EventStats",
    "Network",
    "actor_key",
    "actor_label",
    "event_network",
    "event_stats",
    "stored_event_stats",
    "write_gexf",
    "write_graphml",
]

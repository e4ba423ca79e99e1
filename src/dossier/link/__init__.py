"""The link stage: copied and reworded sentences across reports, story clusters, merged events.

Runs over the stored corpus after the per-article stages: `link_articles(store)`
returns the links to store, `find_links(store)` reads them back. Word lists are
data in `link/data/` (docs/link.md). `story_clusters` and `merge_events` apply
the same rules to plain records, without a store.
"""

from dossier.link.linker import LinkOptions, find_links, link_articles, update_links
from dossier.link.merging import merge_events
from dossier.link.stories import story_clusters

__all__ = ["LinkOptions", "find_links", "link_articles", "merge_events", "story_clusters", "update_links"]

"""The link stage: copied and reworded sentences across reports, story clusters, merged events.

Runs over the stored corpus after the per-article stages: `link_articles(store)`
returns the links to store, `find_links(store)` reads them back. Word lists are
data in `link/data/` (docs/link.md).
"""

from dossier.link.linker import LinkOptions, find_links, link_articles, update_links

__all__ = ["LinkOptions", "find_links", "link_articles", "update_links"]

"""Linking while a run stores: each stored batch is linked as soon as it is committed.

`update_links` opens the link state (the band indexes and the story forest,
read from the store) on every call, which is right for one call at the end of
a run but would cost a read of the whole state per batch. `LinkAsStored`
opens it once and links each batch of newly stored articles with
`linker._LinkRun.link_batch`, the same step `update_links` runs: articles are
linked in ingest order, so the links, story clusters and merged events at the
end of the run are the ones linking after the run would give (a band bucket
holding more sentences than `LinkOptions.bucket_cap` is the exception: which
earlier sentences it offers as candidates depends on where batches split, as
it already does at `LinkOptions.batch_articles`).

It holds the linker's lock file from `__enter__` to `__exit__`: its state in
memory must not go stale under another process linking the same database.
The event merge stays after the run (`pipeline.link_stored`): an undated
report joins a merged event only within its story cluster, and clusters keep
growing until the last article is linked.
"""

from __future__ import annotations

import contextlib
from types import TracebackType

from dossier.link.linker import _LinkRun, _only_linker
from dossier.link.options import LinkOptions
from dossier.store import link_state
from dossier.store.database import Store


class LinkAsStored:
    """Links the stored articles not linked yet, each time it is asked, with its state kept between calls.

    Example:
        >>> from dossier.records import Article, ArticleAnalysis
        >>> store = Store.open(":memory:")
        >>> with LinkAsStored(store) as linker:
        ...     store.save_analysis(ArticleAnalysis(Article.build(
        ...         "Russia vetoed the draft resolution on Syria at the Security Council.", published="2017-09-05")))
        ...     first = linker.link_new()
        ...     store.save_analysis(ArticleAnalysis(Article.build(
        ...         "The Russian Federation vetoed the draft resolution on Syria at the Security Council.",
        ...         published="2017-09-06")))
        ...     second = linker.link_new()
        >>> stories = link_state.story_clusters(store.connection)
        >>> first, second, len(stories), len(set(stories.values()))  # two articles linked, one story
        (1, 1, 2, 1)
        >>> store.close()
    """

    def __init__(self, store: Store, options: LinkOptions | None = None) -> None:
        self.store = store
        self.options = options or LinkOptions()
        self._lock = contextlib.ExitStack()
        self._run: _LinkRun | None = None

    def __enter__(self) -> LinkAsStored:
        self._lock.enter_context(_only_linker(self.store))
        link_state.prepare_link_state(self.store.connection, self.options.fingerprint())
        self._run = _LinkRun.open(self.store, self.options)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._run = None
        self._lock.close()

    def link_new(self) -> int:
        """Link every stored article not linked yet, in ingest order; returns how many."""
        if self._run is None:
            raise RuntimeError("LinkAsStored.link_new outside its `with` block")
        linked = 0
        while rows := link_state.unlinked_articles(self.store.connection, self.options.batch_articles):
            self._run.link_batch(rows)
            linked += len(rows)
        return linked

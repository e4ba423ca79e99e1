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
it already does at `LinkOptions.batch_articles`; so does the first article
`LinkOptions.recent_articles` reaches back to, counted from a batch's first).

Each call holds the linker's lock file, as `update_links` does, and opens
the state again when another process linked the database since the last
call (the next free article seq or sentence id moved), so two runs on one
database still link in turn and never hand out the same ids.

The event merge stays after the run (`pipeline.link_stored`): an undated
report joins a merged event only within its story cluster, and clusters keep
growing until the last article is linked.
"""

from __future__ import annotations

from dossier.link.linker import _LinkRun, _only_linker
from dossier.link.options import LinkOptions
from dossier.store import link_state
from dossier.store.database import Store


class LinkAsStored:
    """Links the stored articles not linked yet, each time it is asked, with its state kept between calls.

    Example:
        >>> from dossier.records import Article, ArticleAnalysis
        >>> store = Store.open(":memory:")
        >>> linker = LinkAsStored(store)
        >>> store.save_analysis(ArticleAnalysis(Article.build(
        ...     "Russia vetoed the draft resolution on Syria at the Security Council.", published="2017-09-05")))
        >>> first = linker.link_new()
        >>> store.save_analysis(ArticleAnalysis(Article.build(
        ...     "The Russian Federation vetoed the draft resolution on Syria at the Security Council.",
        ...     published="2017-09-06")))
        >>> second = linker.link_new()
        >>> stories = link_state.story_clusters(store.connection)
        >>> first, second, len(stories), len(set(stories.values()))  # two articles linked, one story
        (1, 1, 2, 1)
        >>> store.close()
    """

    def __init__(self, store: Store, options: LinkOptions | None = None) -> None:
        self.store = store
        self.options = options or LinkOptions()
        self._run: _LinkRun | None = None

    def link_new(self) -> int:
        """Link every stored article not linked yet, in ingest order; returns how many."""
        connection = self.store.connection
        linked = 0
        with _only_linker(self.store):
            link_state.prepare_link_state(connection, self.options.fingerprint())
            run = self._current_run()
            for rows in link_state.unlinked_article_batches(connection, self.options.batch_articles):
                run.link_batch(rows)
                linked += len(rows)
        return linked

    def warm_up(self) -> None:
        """Load what the event merge after the run reads on first use (the gazetteer, to tell a country or state
        from a city), so that a run linking beside its workers loads it while they parse, not after the last
        article."""
        from dossier.events.where import gazetteer

        gazetteer()

    def _current_run(self) -> _LinkRun:
        """The state of the last call, or the stored one read again if another linker wrote since."""
        connection = self.store.connection
        run = self._run
        if (
            run is None
            or run.next_seq != link_state.next_article_seq(connection)
            or run.next_sid != link_state.next_sentence_id(connection)
        ):
            run = self._run = _LinkRun.open(self.store, self.options)
        return run

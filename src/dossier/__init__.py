"""dossier: news reports in, structured and traceable knowledge out.

The public Python API (README, "Use it from Python"): `analyse` one text,
`run` files into a database, `open_store` to query it with the store's own
queries (`list_events`, `list_quotes`, ... with their filters). Every name
here is imported on first use, so `import dossier` (and `dossier --help`)
loads neither spaCy nor the pipeline.

Example:
    >>> import dossier
    >>> with dossier.open_store(":memory:") as store:
    ...     dossier.list_events(store, dossier.EventFilter(code="04")).total
    0
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from dossier.api import analyse, open_store, run
    from dossier.errors import DossierError
    from dossier.pipeline import RunOptions, RunReport
    from dossier.records import ArticleAnalysis
    from dossier.store.database import Store
    from dossier.store.queries import (
        EventFilter,
        Paging,
        QuoteFilter,
        StanceFilter,
        list_articles,
        list_events,
        list_quotes,
        list_stances,
    )

# Each public name and the module that defines it, imported when the name is first used.
_EXPORTS = {
    "analyse": "dossier.api",
    "open_store": "dossier.api",
    "run": "dossier.api",
    "ArticleAnalysis": "dossier.records",
    "DossierError": "dossier.errors",
    "RunOptions": "dossier.pipeline",
    "RunReport": "dossier.pipeline",
    "Store": "dossier.store.database",
    "EventFilter": "dossier.store.queries",
    "Paging": "dossier.store.queries",
    "QuoteFilter": "dossier.store.queries",
    "StanceFilter": "dossier.store.queries",
    "list_articles": "dossier.store.queries",
    "list_events": "dossier.store.queries",
    "list_quotes": "dossier.store.queries",
    "list_stances": "dossier.store.queries",
}

__all__ = [
    "ArticleAnalysis",
    "DossierError",
    "EventFilter",
    "Paging",
    "QuoteFilter",
    "RunOptions",
    "RunReport",
    "StanceFilter",
    "Store",
    "__version__",
    "analyse",
    "list_articles",
    "list_events",
    "list_quotes",
    "list_stances",
    "open_store",
    "run",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dossier' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})

"""The quotes stage: direct and indirect speech, each with its speaker resolved to an actor.

Entry: `find_quotes(parsed, mentions, cues=None) -> list[Quote]`. The cue lexicon is data
in `quotes/data/cues.tsv`, loaded by `quotes.cues` (docs/quotes.md).
"""

from dossier.quotes.attribution import find_quotes
from dossier.quotes.cues import CueLexicon, load_cues

__all__ = ["CueLexicon", "find_quotes", "load_cues"]

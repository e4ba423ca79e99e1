"""The stance stage: each actor's support or opposition on each issue, and the actor x issue matrix.

Entry: `find_stances(parsed, mentions, quotes, events, issues, lexicon=None) -> list[Stance]`.
The stance lexicon is data in `stance/data/`, issue files in `stance/issues/`
(docs/stances.md); `stance.matrix` adds stored stances up for the CLI and the API.
"""

from dossier.stance.lexicon import Issue, StanceLexicon, load_issues, stance_lexicon
from dossier.stance.reader import find_stances

__all__ = ["Issue", "StanceLexicon", "find_stances", "load_issues", "stance_lexicon"]

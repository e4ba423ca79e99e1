"""The stance stage: each actor's support or opposition on each issue, and the actor x issue matrix.

Entry: `find_stances(parsed, mentions, quotes, events, issues) -> list[Stance]`.
The stance lexicon is data in `stance/data/`, issue files in `stance/issues/`
(docs/stances.md); `stance.matrix` adds stored stances up for the CLI and the API.
"""

from dossier.stance.lexicon import Issue, load_issues
from dossier.stance.reader import find_stances

__all__ = ["Issue", "find_stances", "load_issues"]

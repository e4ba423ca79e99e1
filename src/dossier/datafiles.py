"""The one reader of knowledge files (actors, cues, event and stance lexicons, link word lists).

Every shipped table is UTF-8 text: `#` comment lines and blank lines are
skipped, the first other line is the header, and each later line is one row,
tab-separated (`.tsv`, `.txt`) or comma-separated (`.csv`). Word lists
(`read_words`) have no header: one word a line. A bad file or row raises
`DataFileError` naming the file and the line, so a user who layers their own
files on top of the shipped ones is told exactly where to look.

Users layer files on the shipped ones through one environment variable per
stage (`DOSSIER_ACTORS_PATH`, `DOSSIER_CUES_PATH`, `DOSSIER_QUOTE_WORDS_PATH`, `DOSSIER_STANCE_PATH`,
`DOSSIER_EVENTS_DATA`, `DOSSIER_LINK_DATA`): `layered_files` gives the
shipped files, then each file or folder the variable names, in order, and
`layered_tables` sorts them into tables by file name.

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
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from dossier.errors import DataFileError


def read_text(path: Path) -> str:
    """The whole text of a knowledge file; an unreadable or non-UTF-8 file is an error naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise DataFileError(str(path), None, f"cannot read the file ({error.strerror or error})") from None
    except UnicodeDecodeError as error:
        raise DataFileError(str(path), None, f"the file is not UTF-8 text (byte {error.start})") from None


def read_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of every line that is not blank and not a `#` comment."""
    for number, line in enumerate(read_text(path).splitlines(), start=1):
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


def read_words(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, word) of a plain word list: no header, one word a line."""
    for number, text in read_lines(path):
        word = text.strip()
        if len(word.split()) != 1:
            raise DataFileError(str(path), number, f"expected one word a line, got {word!r}")
        yield number, word


def user_paths(variable: str, value: str | None = None) -> tuple[Path, ...]:
    """The files or folders named in one environment variable (separated by the platform's path separator).

    `value` stands for the variable's value when the caller has read it
    already (to cache on it); otherwise the environment is read, once when a
    run loads its knowledge, never per document.
    """
    if value is None:
        value = os.environ.get(variable, "")
    return tuple(Path(item.strip()).expanduser() for item in value.split(os.pathsep) if item.strip())


def layered_files(
    shipped: Iterable[Path], variable: str, wanted: Callable[[Path], bool] = lambda path: True, value: str | None = None
) -> tuple[Path, ...]:
    """The shipped files, then those of each path named in `variable`, in that order (later files win).

    A file is taken whatever its name; a folder gives the files under it
    (searched through its subfolders, sorted by path) that `wanted` accepts.
    A user path that does not exist is an error naming the variable, so a
    typing mistake does not silently drop the user's rows.
    """
    files: list[Path] = []
    for path in shipped:
        files.extend(_files_of(path, wanted))
    for path in user_paths(variable, value):
        if not path.exists():
            raise DataFileError(str(path), None, f"named in {variable} but no such file or folder")
        files.extend(_files_of(path, wanted))
    return tuple(files)


def _files_of(path: Path, wanted: Callable[[Path], bool]) -> list[Path]:
    if not path.is_dir():
        return [path]
    return sorted(found for found in path.rglob("*") if found.is_file() and wanted(found))


def table_of(path: Path, tables: Sequence[str]) -> str | None:
    """The table a file joins: the first whose file name its own name ends with (`my_people.csv`: `people.csv`)."""
    return next((table for table in tables if path.name.endswith(table)), None)


def layered_tables(
    folder: Path, tables: Sequence[str], variable: str, value: str | None = None
) -> tuple[tuple[str, Path], ...]:
    """(table, file) pairs: each shipped table in `folder`, in the order of `tables`, then the user's files.

    A user's file joins the table whose name its own ends with; a folder's
    other files are passed over, but a file named in `variable` that fits no
    table is an error.
    """
    files = layered_files(
        (folder / table for table in tables), variable, lambda path: table_of(path, tables) is not None, value
    )
    paired = []
    for path in files:
        table = table_of(path, tables)
        if table is None:
            raise DataFileError(str(path), None, f"file name must end with one of: {', '.join(tables)}")
        paired.append((table, path))
    return tuple(paired)

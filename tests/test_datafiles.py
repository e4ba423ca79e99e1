"""The shared reader of knowledge files: lines, rows, word lists and the layering of user files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dossier.datafiles import (
    layered_files,
    layered_tables,
    read_lines,
    read_rows,
    read_text,
    read_words,
    split_fields,
    table_of,
    user_paths,
)
from dossier.errors import DataFileError

VARIABLE = "DOSSIER_TEST_DATA"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- lines and rows


def test_comments_and_blank_lines_are_skipped_and_lines_keep_their_numbers(tmp_path: Path) -> None:
    path = write(tmp_path / "verbs.tsv", "# cue verbs\n\n   \n  # an indented comment\nword\tcode\nsay\t010\n")
    assert list(read_lines(path)) == [(5, "word\tcode"), (6, "say\t010")]


def test_rows_are_read_by_column_name_with_values_stripped(tmp_path: Path) -> None:
    path = write(tmp_path / "verbs.tsv", "word\t code \n say \t010\n")
    assert list(read_rows(path, required=("word", "code"))) == [(2, {"word": "say", "code": "010"})]


def test_a_short_row_gets_empty_values_for_the_missing_columns(tmp_path: Path) -> None:
    path = write(tmp_path / "verbs.tsv", "word\tcode\tnote\nsay\t010\n")
    assert list(read_rows(path)) == [(2, {"word": "say", "code": "010", "note": ""})]


def test_a_row_longer_than_the_header_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "verbs.tsv", "# verbs\nword\tcode\nsay\t010\ntell\t010\textra\n")
    with pytest.raises(DataFileError, match=r"verbs\.tsv:4: 3 fields but the header has 2") as caught:
        list(read_rows(path))
    assert caught.value.path == str(path) and caught.value.line == 4


def test_a_header_without_a_required_column_names_the_header_line(tmp_path: Path) -> None:
    path = write(tmp_path / "verbs.tsv", "# verbs\nword\tkind\nsay\t010\n")
    with pytest.raises(DataFileError, match=r"verbs\.tsv:2: header lacks column\(s\) code"):
        list(read_rows(path, required=("word", "code")))


def test_required_columns_may_come_in_any_order_among_others(tmp_path: Path) -> None:
    path = write(tmp_path / "verbs.tsv", "note\tcode\tword\nx\t010\tsay\n")
    assert list(read_rows(path, required=("word", "code"))) == [(2, {"note": "x", "code": "010", "word": "say"})]


def test_a_file_of_comments_only_has_no_rows(tmp_path: Path) -> None:
    path = write(tmp_path / "verbs.tsv", "# nothing yet\n\n")
    assert list(read_rows(path, required=("word", "code"))) == []


def test_csv_fields_may_hold_a_quoted_comma(tmp_path: Path) -> None:
    path = write(tmp_path / "people.csv", 'name,office\n"Kim, Jong-un",chairman\n')
    assert list(read_rows(path)) == [(2, {"name": "Kim, Jong-un", "office": "chairman"})]
    assert split_fields(path, 'a,"b,c"') == ["a", "b,c"]


def test_tsv_fields_keep_quotes_and_commas(tmp_path: Path) -> None:
    assert split_fields(tmp_path / "x.tsv", '"a, b"\tc') == ['"a, b"', "c"]


def test_a_file_that_is_not_utf8_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "cues.tsv"
    path.write_bytes(b"cue\ttype\naffirm\tspeech\nd\xe9clarer\tspeech\n")  # "d\xe9clarer": Latin-1
    with pytest.raises(DataFileError, match="not UTF-8") as caught:
        list(read_rows(path))
    assert str(caught.value).startswith(f"{path}: ") and caught.value.line is None


def test_a_missing_file_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "absent.tsv"
    with pytest.raises(DataFileError, match="cannot read the file") as caught:
        read_text(path)
    assert str(path) in str(caught.value)


def test_a_word_list_has_one_word_a_line(tmp_path: Path) -> None:
    path = write(tmp_path / "stopwords.txt", "# function words\n the \nof\n")
    assert list(read_words(path)) == [(2, "the"), (3, "of")]
    write(path, "the\nin the\n")
    with pytest.raises(DataFileError, match=r"stopwords\.txt:2: expected one word a line, got 'in the'"):
        list(read_words(path))


# ---------------------------------------------------------------- layering


def test_user_paths_split_on_the_path_separator_and_skip_empty_items(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VARIABLE, os.pathsep.join(["/a/b", " ", "~/c "]))
    assert user_paths(VARIABLE) == (Path("/a/b"), Path("~/c").expanduser())
    assert user_paths(VARIABLE, "") == ()  # a value given stands for the environment


def is_tsv(path: Path) -> bool:
    return path.suffix == ".tsv"


def test_shipped_files_come_first_then_each_user_path_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = write(tmp_path / "shipped" / "cues.tsv", "")
    first = write(tmp_path / "second_named.txt", "")  # a file named directly is taken whatever its name
    folder = tmp_path / "mine"
    inner = write(folder / "b" / "a.tsv", "")
    outer = write(folder / "z.tsv", "")
    write(folder / "notes.md", "")
    monkeypatch.setenv(VARIABLE, os.pathsep.join([str(first), str(folder)]))
    assert layered_files((shipped,), VARIABLE, is_tsv) == (shipped, first, inner, outer)


def test_a_shipped_folder_gives_its_wanted_files_sorted(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    names = ["verbs.tsv", "changes.tsv", "README"]
    for name in names:
        write(folder / name, "")
    found = layered_files((folder,), VARIABLE, is_tsv, value="")
    assert [path.name for path in found] == ["changes.tsv", "verbs.tsv"]


def test_a_user_path_that_does_not_exist_names_the_variable(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(DataFileError, match=f"named in {VARIABLE} but no such file or folder") as caught:
        layered_files((), VARIABLE, value=str(missing))
    assert caught.value.path == str(missing)


def test_a_user_file_joins_the_table_its_name_ends_with(tmp_path: Path) -> None:
    tables = ("capitals.tsv", "people.csv")
    shipped = tmp_path / "data"
    for table in tables:
        write(shipped / table, "")
    folder = tmp_path / "mine"
    mine = write(folder / "my_people.csv", "")
    write(folder / "todo.txt", "")  # a folder's other files are passed over
    named = write(tmp_path / "extra_capitals.tsv", "")
    value = os.pathsep.join([str(folder), str(named)])
    assert layered_tables(shipped, tables, VARIABLE, value) == (
        ("capitals.tsv", shipped / "capitals.tsv"),
        ("people.csv", shipped / "people.csv"),
        ("people.csv", mine),
        ("capitals.tsv", named),
    )
    assert table_of(Path("people.tsv"), tables) is None


def test_a_named_user_file_that_fits_no_table_is_an_error(tmp_path: Path) -> None:
    shipped = write(tmp_path / "data" / "people.csv", "").parent
    stray = write(tmp_path / "politicians.csv", "")
    with pytest.raises(DataFileError, match="file name must end with one of: people.csv") as caught:
        layered_tables(shipped, ("people.csv",), VARIABLE, str(stray))
    assert caught.value.path == str(stray)

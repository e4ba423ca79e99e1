"""The CAMEO knowledge of the events stage: codebook, PLOVER crosswalk, lexicon, frames, user layers."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.errors import DataFileError
from dossier.events import cameo

ROOTS = [f"{n:02d}" for n in range(1, 21)]


@pytest.fixture
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A user folder layered on top of the shipped data; caches are reset around the test."""
    monkeypatch.setenv(cameo.ENV_VAR, str(tmp_path))
    cameo.clear_caches()
    yield tmp_path
    monkeypatch.delenv(cameo.ENV_VAR)
    cameo.clear_caches()


def test_the_codebook_has_all_twenty_roots_and_about_three_hundred_codes():
    book = cameo.codebook()
    assert all(root in book for root in ROOTS)
    assert 290 <= len(book) <= 330
    assert book["010"].name.startswith("Make statement")
    assert book["10"].name == "Demand"


def test_codes_keep_their_leading_zeros_and_scores_stay_in_range():
    book = cameo.codebook()
    assert "010" in book and "0211" in book
    assert all(-10 <= entry.goldstein <= 10 for entry in book.values())
    assert (book["190"].goldstein, book["057"].goldstein, book["111"].goldstein) == (-10.0, 8.0, -2.0)


def test_quad_classes_follow_the_four_families():
    book = cameo.codebook()
    assert {book[r].quad_class for r in ROOTS[:5]} == {1}
    assert {book[r].quad_class for r in ROOTS[5:8]} == {2}
    assert {book[r].quad_class for r in ROOTS[8:13]} == {3}
    assert {book[r].quad_class for r in ROOTS[13:]} == {4}


def test_every_code_from_03_on_has_a_plover_type():
    for code in cameo.codebook():
        if code >= "03":
            assert cameo.plover_for(code), code
    assert cameo.plover_for("010") is None
    assert cameo.plover_for("0841") == {"event_type": "RETREAT", "mode": "release", "context": "legal"}
    assert cameo.plover_for("163")["event_type"] == "COERCE"


def test_describe_falls_back_to_the_root_for_unknown_subcodes():
    assert cameo.describe("1999").code == "19"


def test_the_lexicon_covers_every_root_with_verbs_and_nouns():
    lexicon = cameo.lexicon()
    assert len(lexicon.verbs) > 500 and len(lexicon.nouns) > 300
    codes = {e.code for rows in (*lexicon.verbs.values(), *lexicon.nouns.values()) for e in rows}
    codes |= {code for table in lexicon.frames.values() for code in table.values()}
    assert {code[:2] for code in codes if code[0].isdigit()} == set(ROOTS)
    assert len({code for code in codes if code[0].isdigit()}) > 200


def test_rows_are_tried_most_specific_first():
    rows = cameo.lexicon().verbs["meet"]
    assert rows[0].pattern.specificity >= rows[-1].pattern.specificity
    assert any(row.code == "-" and "deadline" in row.pattern.objects for row in rows)


def test_frames_mirror_the_codebook():
    assert cameo.apply_frame("intent", "046") == "036"
    assert cameo.apply_frame("appeal", "0841") == "0253"
    assert cameo.apply_frame("demand", "085") == "1054"
    assert cameo.apply_frame("reject", "040") == "125"
    assert cameo.apply_frame("reject", "010") == "011"
    assert cameo.apply_frame("threaten", "190") == "1384"
    assert cameo.apply_frame("intent", "163") == "1312"  # a vow to sanction is a threat
    assert cameo.apply_frame("appeal", None) == "020"


def test_parse_pattern_reads_every_kind_of_constraint():
    pattern = cameo.parse_pattern("+out obj:test|tests mod:nuclear role:mil xcomp", ("x.tsv", 1))
    assert pattern.particles == {"out"} and pattern.objects == {"test", "tests"}
    assert pattern.modifiers == {"nuclear"} and pattern.roles == {"MIL"} and pattern.bare == {"xcomp"}
    assert pattern.specificity == 5


def test_a_user_file_adds_a_verb(user_data: Path):
    (user_data / "verbs.tsv").write_text(
        "# my additions\nlemma\tpattern\tcode\tflags\tnote\nbadmouth\t-\t111\t-\tslang for criticize\n",
        encoding="utf-8",
    )
    assert cameo.lexicon().verbs["badmouth"][0].code == "111"
    assert "meet" in cameo.lexicon().verbs  # the shipped rows are still there


def test_a_user_file_overrides_a_codebook_row(user_data: Path):
    (user_data / "cameo_codes.tsv").write_text(
        "code\tname\tgoldstein\tquad_class\n190\tUse conventional military force\t-9.0\t4\n", encoding="utf-8"
    )
    assert cameo.codebook()["190"].goldstein == -9.0


def test_a_bad_code_is_reported_with_file_and_line(user_data: Path):
    path = user_data / "verbs.tsv"
    path.write_text("lemma\tpattern\tcode\tflags\nclobber\t-\t999\t-\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        cameo.lexicon()
    assert f"{path}:2" in str(caught.value) and "999" in str(caught.value)


def test_a_bad_pattern_is_reported_with_file_and_line(user_data: Path):
    path = user_data / "nouns.tsv"
    path.write_text("# note\nlemma\tpattern\tcode\tflags\nraid\tsubject:police\t170\t-\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"nouns.tsv:3: unknown pattern part"):
        cameo.lexicon()


def test_a_missing_header_is_reported(user_data: Path):
    (user_data / "frames.tsv").write_text("intent\t04\t036\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="header"):
        cameo.lexicon()


def test_a_user_file_named_directly_joins_the_table_its_name_ends_with(user_data: Path, monkeypatch):
    mine = user_data / "my_verbs.tsv"
    mine.write_text("lemma\tpattern\tcode\tflags\nbadmouth\t-\t111\t-\n", encoding="utf-8")
    monkeypatch.setenv(cameo.ENV_VAR, str(mine))
    assert [entry.code for entry in cameo.lexicon().verbs["badmouth"]] == ["111"]
    assert cameo.lexicon().verbs["badmouth"][0].origin == "my_verbs.tsv:2"


def test_a_missing_user_folder_is_reported(user_data: Path, monkeypatch):
    monkeypatch.setenv(cameo.ENV_VAR, str(user_data / "no-such-folder"))
    with pytest.raises(DataFileError, match=f"no-such-folder: named in {cameo.ENV_VAR} but no such file or folder"):
        cameo.codebook()


def test_a_user_file_that_is_not_utf8_is_reported(user_data: Path):
    (user_data / "nouns.tsv").write_bytes(b"lemma\tpattern\tcode\tflags\nd\xe9marche\t-\t010\t-\n")
    with pytest.raises(DataFileError, match=r"nouns.tsv: the file is not UTF-8 text"):
        cameo.lexicon()


def test_shipped_data_files_document_themselves():
    for path in sorted(cameo.DATA_DIR.glob("*.tsv")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("#"), path.name
        assert "source" in text.lower(), path.name

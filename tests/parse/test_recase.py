"""Lines in capitals are parsed in the report's own casing; offsets and every other line stay as written."""

from dossier.parse.recase import is_shouted, recase_shouted_lines


def test_a_headline_in_capitals_takes_the_casing_the_report_gives_its_words():
    text = (
        "NORTH KOREA FIRES MISSILE INTO SEA OF JAPAN\n\nNorth Korea fired a missile into the Sea of Japan, Seoul said."
    )
    recased = recase_shouted_lines(text)
    assert recased.splitlines()[0] == "North Korea fires missile into Sea of Japan"
    assert (
        recased[len("NORTH KOREA FIRES MISSILE INTO SEA OF JAPAN") :]
        == text[len("NORTH KOREA FIRES MISSILE INTO SEA OF JAPAN") :]
    )


def test_recasing_changes_only_the_case_of_letters():
    text = "U.S. AND UN ENVOYS MEET IN OSLO, CITING 'PROGRESS'\nThe envoys met on Monday."
    recased = recase_shouted_lines(text)
    assert len(recased) == len(text) and recased.lower() == text.lower()
    assert recased.startswith("U.S. and UN envoys meet in oslo")


def test_an_acronym_the_report_writes_in_capitals_stays_one():
    recased = recase_shouted_lines("NATO WARNS OF DRILLS\nNATO said the drills were a threat.")
    assert recased.splitlines()[0] == "NATO warns of drills"


def test_a_capital_that_opens_a_sentence_is_no_evidence_for_the_word():
    recased = recase_shouted_lines("POLICE DETAIN THREE\nPolice said three men were held. The police named none.")
    assert recased.splitlines()[0] == "Police detain three"


def test_ordinary_lines_and_short_labels_are_not_shouted():
    assert not is_shouted("Putin met Moon in Vladivostok.")
    assert not is_shouted("AP")
    assert not is_shouted("WASHINGTON")  # one word: a dateline, not a line to read
    assert is_shouted("CHINA, JAPAN SIGN TRADE PACT")
    text = "Putin met Moon.\nThey spoke of trade."
    assert recase_shouted_lines(text) is text


def test_a_title_cased_headline_takes_the_report_casing_and_keeps_unknown_capitals():
    text = (
        "Senators Warn Kazakov Over Border Closure At Summit\n"
        "Two senators said on Monday that the border closure hurt trade, and they will warn Kazakov "
        "at the summit. The closure began in May."
    )
    headline = recase_shouted_lines(text).splitlines()[0]
    # "Kazakov" appears in the report with its capital, "Senators" and "Summit" only in lower case;
    # "Over" nowhere else: a title-cased line keeps what it cannot check.
    assert headline == "Senators warn Kazakov Over border closure at summit"


def test_a_line_of_names_is_left_as_the_report_writes_them():
    text = "Angela Merkel, Emmanuel Macron and Mario Draghi\nAngela Merkel met Emmanuel Macron and Mario Draghi."
    assert recase_shouted_lines(text) == text

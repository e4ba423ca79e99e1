"""Names folded to plain Latin letters, as the actor knowledge base and the gazetteer look them up."""

from dossier.letters import plain_name, strip_accents


def test_diacritics_and_letters_without_a_combining_mark_are_plain():
    assert strip_accents("Mun Jae-ĭn") == "Mun Jae-in"
    assert strip_accents("Łódź, Tromsø, Diyarbakır") == "Lodz, Tromso, Diyarbakir"


def test_a_place_name_also_loses_its_apostrophes():
    assert plain_name("Dar'ā") == "Dara"
    assert plain_name("Ḩalab") == "Halab"
    assert plain_name("P’yŏngyang") == "Pyongyang"


def test_plain_text_is_unchanged():
    assert plain_name("Seoul") == "Seoul"

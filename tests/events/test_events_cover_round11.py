"""Issue 15, coverage round 11. Written sentences only (none from a dev set).

A lexicon row's word also matches the lemma the English model gives some Latin plurals: "data" is
lemmatised "datum" and "media" "medium", so rows naming them never fired (`cameo.MODEL_LEMMAS`); a firm,
an outlet or a school providing data is commerce or research, no intelligence shared.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_shared_data_is_intelligence_sharing(coded):
    assert coded("Kenya shared data with Uganda.") == [("064", "KEN", "UGA")]


def test_an_agreement_to_share_data_is_intent_to_share_intelligence(coded):
    assert coded("Kenya agreed to share data with Uganda.") == [("0314", "KEN", "UGA")]


def test_a_firm_providing_data_shares_no_intelligence(coded):
    assert coded("A Kenyan polling firm provided data to the Ugandan government.") == []


def test_data_released_is_no_release_of_prisoners(coded):
    assert coded("The Ugandan police released data on the arrests.") == []


# A verb's subject the entity tagger missed, described by an apposition, is a person with no code
# (actors `untagged._described_person`); it acts only where its sentence tells nothing else. The
# tagger's entity is taken off the name by hand, as the small model leaves some names untagged.
DESCRIBED = "Orsolya Vendt, the special rapporteur for the UN, conducted an investigation into the killings."


def untagged(nlp, text: str, name: str):
    from dossier.actors import resolve_actors
    from dossier.events.coder import code_events, load_event_data
    from dossier.parse.model import ParsedArticle
    from dossier.records import Article

    doc = nlp(text)
    start = text.index(name)
    doc.ents = [e for e in doc.ents if not (e.start_char <= start < e.end_char)]
    parsed = ParsedArticle(Article.build(text, name="written"), doc)
    mentions = resolve_actors(parsed)
    found = {m.text: (m.actor.code, m.actor_kind) for m in mentions}
    return found, code_events(parsed, mentions, (), load_event_data())


def test_an_untagged_subject_an_apposition_describes_is_a_person_with_no_code(nlp):
    found, events = untagged(nlp, DESCRIBED, "Orsolya Vendt")
    assert found["Orsolya Vendt"] == (None, "person")
    assert [(e.code, e.source.code, e.source.name) for e in events] == [("090", None, "Orsolya Vendt")]


def test_an_untagged_subject_with_no_description_stays_no_actor(nlp):
    found, events = untagged(nlp, "Orsolya Vendt conducted an investigation into the killings.", "Orsolya Vendt")
    assert "Orsolya Vendt" not in found
    assert events == ()


def test_a_described_untagged_subject_beside_a_coded_event_adds_nothing(nlp):
    text = "Orsolya Vendt, the special rapporteur, criticized the raid after Kenyan police arrested two farmers."
    found, events = untagged(nlp, text, "Orsolya Vendt")
    assert found["Orsolya Vendt"] == (None, "person")
    assert ("173", "KENCOP") in {(e.code, e.source.code) for e in events}
    assert "Orsolya Vendt" not in {e.source.name for e in events}


def test_asking_a_party_if_something_is_so_is_a_question_not_an_appeal(coded):
    # The parser hangs "if ..." as an adverbial clause after a time word; "asked X whether" as a ccomp.
    assert coded("Kenya asked Uganda on Monday if the border was still closed.") == []
    assert coded("Kenya asked Uganda to reopen the border.") == [("0251", "KEN", "UGA")]


def test_an_apposition_read_as_an_actor_keeps_the_subject(nlp):
    # "the spokesman" is a role the actors stage reads: it stands for the subject, as on main.
    text = "Orsolya Vendt, the spokesman of the Kenyan army, denied the report."
    found, events = untagged(nlp, text, "Orsolya Vendt")
    assert "Orsolya Vendt" not in found
    assert [(e.code, e.source.name) for e in events] == [("016", "spokesman")]

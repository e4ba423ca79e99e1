"""Military and police ranks before a name are titles with a CAMEO role; "General" inside a civil title is no rank
(issue 15)."""

from __future__ import annotations

import pytest

from tests.actors.actor_fixtures import actor_codes as codes

pytestmark = pytest.mark.model


def test_a_rank_with_a_nationality_codes_that_countrys_military(nlp):
    found = codes(nlp, "Rebels freed the Colombian Sergeant Pablo Moncayo on Tuesday.")
    assert found["Colombian Sergeant Pablo Moncayo"] == "COLMIL"
    found = codes(nlp, "Rebels freed Colombian Captain Juan Perez on Tuesday.")
    assert found["Colombian Captain Juan Perez"] == "COLMIL"


def test_a_police_rank_is_police(nlp):
    assert codes(nlp, "Kenyan Detective Jane Wanjiru arrested two men.")["Kenyan Detective Jane Wanjiru"] == "KENCOP"


def test_an_inspector_general_is_government_not_army(nlp):
    found = codes(nlp, "The State Department Inspector General criticized the agency.")
    assert found["The State Department Inspector General"] == "USAGOV"

"""Issue 15, coverage round 11. Written sentences only (none from a dev set).

A lexicon row's word also matches the lemma the English model gives some Latin plurals: "data" is
lemmatised "datum" and "media" "medium", so rows naming them never fired (`cameo.MODEL_LEMMAS`).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_shared_data_is_intelligence_sharing(coded):
    assert coded("Kenya shared data with Uganda.") == [("064", "KEN", "UGA")]


def test_an_agreement_to_share_data_is_intent_to_share_intelligence(coded):
    assert coded("Kenya agreed to share data with Uganda.") == [("0314", "KEN", "UGA")]


def test_data_released_is_no_release_of_prisoners(coded):
    assert coded("The Ugandan police released data on the arrests.") == []

"""People described by a plain noun after a nationality: "Brazilian striker X" is Brazil's (target round 10)."""

from __future__ import annotations

import pytest

from tests.actors.actor_fixtures import actor_codes

pytestmark = pytest.mark.model


def codes(nlp, text: str) -> dict[str, str | None]:
    return actor_codes(nlp, text, published="2021-06-01")


def test_a_person_described_after_a_nationality_is_that_country_s(nlp):
    found = codes(nlp, "Police in Lisbon questioned Chilean goalkeeper Marco Ruiz on Monday.")
    assert found["Chilean goalkeeper Marco Ruiz"] == "CHL"


def test_a_listed_title_keeps_its_role(nlp):
    found = codes(nlp, "Police in Lisbon questioned Chilean journalist Marco Ruiz on Monday.")
    assert found["Chilean journalist Marco Ruiz"] == "CHLMED"


def test_a_described_person_with_no_nationality_stays_uncoded(nlp):
    found = codes(nlp, "Police in Lisbon questioned the goalkeeper Marco Ruiz on Monday.")
    assert not any(code and code.startswith("CHL") for code in found.values())

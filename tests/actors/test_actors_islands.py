"""Issue 15: islands of one country that the gazetteer lacks or places in another ("Bali" is no town of
India) are listed in regions.tsv, so a group or an act placed there takes the island's country."""

from __future__ import annotations

import pytest

from dossier.actors import resolve_actors
from dossier.gazetteer import country_of_place
from dossier.parse.model import parse_articles
from dossier.records import Article


@pytest.mark.parametrize("island, country", [("Bali", "IDN"), ("Java", "IDN"), ("Luzon", "PHL"), ("Lamu", "KEN")])
def test_an_island_of_one_country_gives_that_country(island, country):
    assert country_of_place(island) == country


@pytest.mark.model
def test_police_on_an_island_are_its_country_s(nlp):
    parsed = next(parse_articles([Article.build("Police in Bali arrested two tourists.")], nlp=nlp))
    assert {m.text: m.actor.code for m in resolve_actors(parsed)}.get("Police in Bali") == "IDNCOP"

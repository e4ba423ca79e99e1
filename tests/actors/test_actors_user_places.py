"""A region from the user's own place table (`my_regions.tsv` through DOSSIER_ACTORS_PATH) places the actors
and the events named there as the shipped regions do: "police in <region>" are that country's police, and
protesters rallying there protest in that country."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from dossier.actors.knowledge import PATH_VARIABLE, load
from dossier.diskcache import CACHE_ENV
from dossier.events.coder import load_event_data
from tests.actors.actor_fixtures import actor_codes
from tests.events.event_fixtures import code_through_actors

pytestmark = pytest.mark.model

POLICE = "Police in North Tavendri arrested twelve farmers after the clashes over grazing land."
RALLY = "Thousands of protesters rallied in North Tavendri on Sunday against the new mining law."


@pytest.fixture
def user_regions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    regions = tmp_path / "my_regions.tsv"
    regions.write_text("name\tcountry\tsource\nNorth Tavendri\tMOZ\tmy notes\n", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, "off")  # a made-up file's index is not worth keeping on disk
    return regions


def test_a_user_region_gives_its_country_to_the_actors_placed_there(
    nlp: Language, user_regions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert actor_codes(nlp, POLICE)["Police"] is None
    monkeypatch.setenv(PATH_VARIABLE, str(user_regions))
    assert actor_codes(nlp, POLICE)["Police in North Tavendri"] == "MOZCOP"


def test_protesters_rallying_in_a_user_region_protest_in_its_country(
    nlp: Language, user_regions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = load_event_data()
    assert code_through_actors(nlp, data, RALLY) == [("1412", "CVL", None)]  # a demonstration against a policy
    monkeypatch.setenv(PATH_VARIABLE, str(user_regions))
    assert code_through_actors(nlp, data, RALLY) == [("1412", "MOZCVL", "MOZ")]


def test_a_knowledge_base_loaded_with_the_user_files_carries_their_places(nlp: Language, user_regions: Path) -> None:
    # No environment variable: the places come with the knowledge base the caller loaded.
    from dossier.actors import resolve_actors
    from dossier.parse.model import parse_articles
    from dossier.records import Article

    parsed = next(parse_articles([Article.build(POLICE, published="2024-05-02")], nlp=nlp))
    codes = {m.text: m.actor.code for m in resolve_actors(parsed, knowledge=load(str(user_regions)))}
    assert codes["Police in North Tavendri"] == "MOZCOP"

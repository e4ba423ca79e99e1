"""Issue 15: "Attorney-General", "Governor-General", "Auditor General" are civil offices (GOV); the "General"
at their end is no military rank; a judicial council and a prosecutor's office are the judiciary (JUD), not
an organisation of the country (NGO). Written sentences; figures in docs/actors.md ("Coverage by category")."""

from __future__ import annotations

import pytest

from dossier.actors import resolve_actors
from dossier.parse.model import parse_articles
from dossier.records import Article

pytestmark = pytest.mark.model


def actors(nlp, text: str) -> dict[str, tuple[str | None, str | None]]:
    parsed = next(parse_articles([Article.build(text, published="2020-05-01")], nlp=nlp))
    return {m.text: (m.actor.code, m.actor.role) for m in resolve_actors(parsed)}


@pytest.mark.parametrize(
    "text, mention, actor",
    [
        ("New Zealand Attorney-General Jane Doe announced the inquiry.", "New Zealand Attorney-General Jane Doe",
         ("NZLGOV", "GOV")),
        ("Kenya's Auditor-General criticised the ministry.", "Kenya's Auditor-General", ("KENGOV", "GOV")),
        ("Governor-General John Roe swore in the ministers.", "Governor-General John Roe", (None, "GOV")),
    ],
)  # fmt: skip
def test_a_civil_office_ending_in_general_is_no_military_rank(nlp, text, mention, actor):
    assert actors(nlp, text).get(mention) == actor


def test_a_general_alone_is_still_military(nlp):
    assert actors(nlp, "General John Roe inspected the troops.").get("General John Roe") == (None, "MIL")


@pytest.mark.parametrize(
    "text, mention, code",
    [
        ("Lebanon's Supreme Judicial Council suspended two judges.", "Lebanon's Supreme Judicial Council", "LBNJUD"),
        ("Turkey's Supreme Judicial Council dismissed 100 judges.", "Turkey's Supreme Judicial Council", "TURJUD"),
        ("The Ukrainian Prosecutor General's Office charged the mayor.",
         "The Ukrainian Prosecutor General's Office", "UKRJUD"),
    ],
)  # fmt: skip
def test_judicial_councils_and_prosecutors_offices_are_the_judiciary(nlp, text, mention, code):
    found = actors(nlp, text)
    assert found.get(mention, (None, None))[0] == code
    assert all(role != "NGO" for _, role in found.values())

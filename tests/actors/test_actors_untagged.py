"""Names the entity tagger missed, in an object slot, are uncoded named actors (issue 15, wave 5)."""

from __future__ import annotations

import pytest

from dossier.actors import resolve_actors
from dossier.parse.model import parse_articles
from dossier.records import Article

pytestmark = pytest.mark.model


def named(nlp, text: str) -> dict[str, str | None]:
    parsed = next(parse_articles([Article.build(text, published="2020-05-01")], nlp=nlp))
    return {m.text: m.actor.code for m in resolve_actors(parsed)}


def test_an_untagged_name_after_a_party_preposition_is_an_uncoded_actor(nlp):
    found = named(nlp, "The court in New Delhi has ordered an investigation against Oommen Chandy over the allegation.")
    assert found.get("Oommen Chandy", "missing") is None


def test_an_untagged_subject_of_a_verdict_small_clause_is_an_uncoded_actor(nlp):
    assert named(nlp, "A court in Lyon found Barbarin guilty of failing to report abuse.").get("Barbarin", "-") is None


def test_an_untagged_proper_noun_after_a_place_preposition_is_no_actor(nlp):
    # Built by hand so that the tagger cannot tag it: "Police arrested men in Zorvan."
    from spacy.tokens import Doc

    from dossier.parse.model import ParsedArticle

    words = ["Police", "arrested", "men", "in", "Zorvan", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, True, True, True, False, False],
              pos=["NOUN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
              deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"], heads=[1, 1, 1, 1, 3, 1])  # fmt: skip
    found = {m.text for m in resolve_actors(ParsedArticle(Article.build(doc.text), doc))}
    assert "Zorvan" not in found
    doc = Doc(nlp.vocab, words=["Police", "arrested", "Zorvan", "."], spaces=[True, True, False, False],
              pos=["NOUN", "VERB", "PROPN", "PUNCT"], deps=["nsubj", "ROOT", "dobj", "punct"],
              heads=[1, 1, 1, 1])  # fmt: skip
    assert "Zorvan" in {m.text for m in resolve_actors(ParsedArticle(Article.build(doc.text), doc))}

"""Linking by meaning: heavy synonym rewrites, split sentences, and same-story sentences kept apart."""

from __future__ import annotations

import numpy as np

from dossier.embed import common_direction, embed_sentences, without_common_direction
from dossier.link.compare import PairChecks, figures_kept, rewording_probability
from dossier.link.linker import LinkOptions, link_articles
from dossier.records import Article, Link

ORIGINAL = (
    "Governor Ellen Marsh said on Tuesday that the state would close three prisons before the end of the year.\n\n"
    "The decision follows a long decline in the number of inmates, which fell by 4,200 over a decade, "
    "and the savings will be spent on schools and roads across the northern counties.\n\n"
    "Union leaders warned that hundreds of guards could lose their jobs if no other posts are found for them."
)
# Most content words swapped, the sentence skeleton kept; the long sentence split in two.
REWRITE = (
    "Governor Ellen Marsh stated on Tuesday that the state would shut three jails ahead of the finish of the year.\n\n"
    "The choice follows a lengthy drop in the count of prisoners, which dropped by 4,200 over a decade.\n\n"
    "The savings will be spent on schools and roads throughout the northern districts.\n\n"
    "Labor chiefs cautioned that hundreds of wardens could forfeit their positions if no other roles are located "
    "for them."
)
# The same story told by another outlet in its own words: same people, same facts, not a copy.
SAME_STORY = (
    "Three state prisons will shut their doors by December, Governor Ellen Marsh announced, pointing to falling "
    "inmate numbers.\n\n"
    "Marsh expects the closures to free money for schools and roads in the north of the state.\n\n"
    "Guards' unions fear for hundreds of jobs."
)


def sentence_links(links: list[Link]) -> list[Link]:
    return [link for link in links if link.detail.get("level") == "sentence"]


def linked_pairs() -> tuple[dict[str, str], list[Link]]:
    articles = [
        Article.build(ORIGINAL, name="original", published="2024-03-05"),
        Article.build(SAME_STORY, name="same-story", published="2024-03-05"),
        Article.build(REWRITE, name="rewrite", published="2024-03-06"),
    ]
    return {a.id: a.name or "" for a in articles}, link_articles(articles)


def test_a_heavy_rewrite_and_its_split_halves_are_linked_to_the_original() -> None:
    names, links = linked_pairs()
    found = sorted(
        (names[link.detail["a_article"]], names[link.detail["b_article"]], link.detail["b_text"][:20])
        for link in sentence_links(links)
    )
    assert found == [
        ("original", "rewrite", "Governor Ellen Marsh"),
        ("original", "rewrite", "Labor chiefs caution"),
        ("original", "rewrite", "The choice follows a"),
        ("original", "rewrite", "The savings will be "),
    ]
    assert all(link.kind == "rewording" for link in sentence_links(links))


def test_the_same_story_in_other_words_is_not_linked_as_a_copy() -> None:
    names, links = linked_pairs()
    touching = [
        link
        for link in sentence_links(links)
        if "same-story" in (names[link.detail["a_article"]], names[link.detail["b_article"]])
    ]
    assert touching == []


def test_the_changed_words_are_listed() -> None:
    _, links = linked_pairs()
    lexical = next(link for link in sentence_links(links) if link.detail["b_text"].startswith("Governor"))
    assert ["close", "shut"] in lexical.detail["changes"]
    by_meaning = next(link for link in sentence_links(links) if link.detail["b_text"].startswith("Labor"))
    assert ["warned", "cautioned"] in by_meaning.detail["changes"]
    assert by_meaning.detail["meaning_similarity"] > 0.7


def test_without_the_common_direction_unrelated_sentences_are_further_apart() -> None:
    texts = [
        "Stocks fell in Tokyo on Monday.",
        "Heavy rain is expected in the north tomorrow.",
        ORIGINAL.split("\n\n")[2],
        "The minister said the talks would resume next week in Geneva.",
    ]
    plain = embed_sentences(texts)
    centred = without_common_direction(plain)
    pairs = [(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))]
    before = np.array([plain[i] @ plain[j] for i, j in pairs])
    after = np.array([centred[i] @ centred[j] for i, j in pairs])
    assert (after < before).all()  # plain vectors all lean one way; the shared lean is gone
    assert before.mean() - after.mean() > 0.1
    assert np.allclose(np.linalg.norm(centred, axis=1), 1.0, atol=1e-5)
    assert float(np.abs(centred @ common_direction()).max()) < 1e-5


def test_a_split_half_keeps_its_own_figures_and_a_sentence_keeps_all() -> None:
    checks = PairChecks()
    whole = ("decision", "inmate", "fell", "4,200", "decade", "saving", "school", "road")
    half = ("choice", "prisoner", "drop", "4,200", "decade")
    other_half = ("saving", "school", "highway", "north")
    assert figures_kept(checks, half, whole, split=True)
    assert figures_kept(checks, other_half, whole, split=True)
    assert not figures_kept(checks, other_half, whole, split=False)
    assert not figures_kept(checks, ("lead", "26", "delegate"), ("lead", "214", "delegate"), split=True)


def test_the_score_needs_both_meaning_and_the_skeleton() -> None:
    weights = LinkOptions().meaning_weights
    threshold = LinkOptions().meaning_probability
    assert rewording_probability(0.8, 0.6, 0.7, weights) >= threshold  # reworded, skeleton kept
    assert rewording_probability(0.8, 0.2, 0.3, weights) < threshold  # same meaning, other words
    assert rewording_probability(0.3, 0.6, 0.7, weights) < threshold  # same skeleton, another meaning

"""Candidates by meaning from related articles (`LinkOptions.meaning_candidates_from`, `link.related`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from dossier.link.linker import LinkOptions, link_articles
from dossier.link.related import related_article_pairs, related_meaning_candidates
from dossier.records import Article, ArticleAnalysis, Link
from dossier.store.database import Store
from tests.link.test_link_meaning import ORIGINAL, REWRITE

# A report of its own that quotes one of ORIGINAL's sentences reworded, and shares no other sentence with it.
# Its words: a local council's budget; the reworded sentence is REWRITE's last one.
ONE_SPUN_SENTENCE = (
    "The county council approved a budget of 31 million dollars for bridges and parks on Monday evening.\n\n"
    "Labor chiefs cautioned that hundreds of wardens could forfeit their positions if no other roles are located "
    "for them.\n\n"
    "Councillors from both parties praised the finance officer for closing the gap without new taxes this spring."
)


def by_meaning(links: list[Link]) -> list[str]:
    return sorted(
        link.detail["b_text"][:20]
        for link in links
        if link.detail.get("level") == "sentence" and link.detail.get("meaning_similarity") is not None
    )


def linked(texts: list[str], options: LinkOptions) -> list[Link]:
    articles = [Article.build(text, published=f"2024-03-0{day}") for day, text in enumerate(texts, start=5)]
    return link_articles(articles, options)


def test_a_rewritten_article_is_linked_by_meaning_from_either_source_of_candidates() -> None:
    related = by_meaning(linked([ORIGINAL, REWRITE], LinkOptions()))
    buckets = by_meaning(linked([ORIGINAL, REWRITE], LinkOptions(meaning_candidates_from="buckets")))
    assert related == buckets == ["Labor chiefs caution", "The choice follows a", "The savings will be "]


def test_a_sentence_spun_into_an_unrelated_article_is_found_by_buckets_only() -> None:
    # The price of related articles: the report shares no lexical candidate with ORIGINAL, so none of
    # ORIGINAL's sentences is a candidate by meaning of its sentences.
    texts = [ORIGINAL, ONE_SPUN_SENTENCE]
    assert by_meaning(linked(texts, LinkOptions())) == []
    assert by_meaning(linked(texts, LinkOptions(meaning_candidates_from="buckets"))) == ["Labor chiefs caution"]


def test_a_rewrite_linked_in_a_later_run_is_found_from_the_stored_text(tmp_path: Path) -> None:
    # A new run keeps no vectors of the stored articles: the related article's sentences are embedded again.
    path = tmp_path / "runs.db"
    with Store.open(path) as store:
        store.save_analysis(ArticleAnalysis(Article.build(ORIGINAL, published="2024-03-05")))
        link_articles(store, merge_events=False)
    with Store.open(path) as store:
        store.save_analysis(ArticleAnalysis(Article.build(REWRITE, published="2024-03-06")))
        links = link_articles(store, merge_events=False)
    assert by_meaning(links) == ["Labor chiefs caution", "The choice follows a", "The savings will be "]


def test_meaning_reach_bounds_how_far_back_a_related_sentence_is_a_candidate(tmp_path: Path) -> None:
    found = {}
    for reach in (1, None):
        with Store.open(tmp_path / f"reach-{reach}.db") as store:
            for day, text in ((5, ORIGINAL), (6, REWRITE)):
                store.save_analysis(ArticleAnalysis(Article.build(text, published=f"2024-03-0{day}")))
            options = LinkOptions(batch_articles=1, meaning_reach=reach)
            found[reach] = by_meaning(link_articles(store, options, merge_events=False))
    # One sentence back: ORIGINAL's last, which "Labor chiefs ..." rewrites; its second is out of reach.
    assert found[1] == ["Labor chiefs caution"]
    assert found[None] == ["Labor chiefs caution", "The choice follows a", "The savings will be "]


def test_related_articles_are_the_distinct_article_pairs_of_lexical_candidates() -> None:
    rows, sids = np.array([0, 1, 1, 2, 2]), np.array([10, 11, 12, 13, 20])
    found = related_article_pairs((rows, sids), np.array([7, 7, 8]), np.array([3, 3, 5, 3, 8]))
    assert [part.tolist() for part in found] == [[7, 7, 8], [3, 5, 3]]  # (8, 8) is one article


def test_each_sentence_keeps_its_nearest_related_sentences_from_the_floor() -> None:
    angles = np.radians([0, 10, 20, 80, 10, 0])
    centred = np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)
    stored = centred[:4]  # sids 1-4, article 1 (sids 1-2) and article 2 (sids 3-4)
    batch = centred[4:]  # sids 5-6: article 3, related to both
    ranges = {1: (1, 3), 2: (3, 5)}

    def centred_of(sids: np.ndarray) -> np.ndarray:
        return stored[sids - 1]

    related = (np.array([3, 3]), np.array([1, 2]))
    rows, picked = related_meaning_candidates(
        related, np.array([3, 3]), 5, ranges.__getitem__, centred_of, batch, keep=2, floor=0.9
    )
    # Row 0 (10 degrees) is nearest to sids 2 (0 degrees apart), then 1 and 3 (10 apart: the lower sid first);
    # row 1 (0 degrees) to sid 1, then 2. Sid 4 (80 degrees) is below the floor for both.
    assert sorted(zip(rows.tolist(), picked.tolist(), strict=True)) == [(0, 1), (0, 2), (1, 1), (1, 2)]

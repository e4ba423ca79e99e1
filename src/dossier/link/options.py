"""Settings of the link stage."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

# Bump when the meaning of the stored state changes; a mismatch rebuilds it.
STATE_VERSION = 1


@dataclass(frozen=True)
class LinkOptions:
    """Thresholds of the link stage; tuned on tests/link_corpus.py as docs/link.md reports."""

    # MinHash permutations: 64 keeps the estimate's standard error near 0.06 at J = 0.5.
    num_perm: int = 64
    # Estimated Jaccard of normalised word sets from which two sentences are candidates: the LSH
    # bands are chosen for it. Spinner rewrites of the test corpus score 0.45 and up.
    candidate_threshold: float = 0.35
    # Word-sequence similarity (difflib ratio of normalised words) from which candidates are linked:
    # spinner rewrites of the test corpus score 0.62 and up, same-fact sentences written
    # independently at most 0.55 (they share words but not their order).
    sentence_threshold: float = 0.6
    # Jaccard of lower-cased word sets as written from which a link is a near-duplicate, not a rewording.
    near_duplicate_surface: float = 0.8
    # Words a reworded pair (not a near-duplicate) must share in order; measured on PolNeAR, where
    # pairs sharing four or five are mostly stock phrases written independently (docs/link.md).
    min_shared_words: int = 6
    # Sentences with fewer normalised words ("He said.", datelines) are not linked: too little evidence.
    min_words: int = 5
    # Estimated Jaccard of whole-article word sets that puts two articles in one story.
    story_threshold: float = 0.35
    # Articles further apart than this (both dated) are not one story by word overlap alone.
    story_window_days: int = 7
    # Linked sentences two articles must share to be put in one story by that alone.
    story_shared_sentences: int = 2
    # Share of the shorter article's sentences two articles must share to be near-duplicate articles.
    article_near_duplicate: float = 0.8
    # Items of one LSH bucket each new item is compared with (the earliest): bounds boilerplate buckets.
    bucket_cap: int = 32
    # Articles linked per transaction.
    batch_articles: int = 5000

    def fingerprint(self) -> str:
        settings = {k: v for k, v in asdict(self).items() if k != "batch_articles"}
        return json.dumps({"version": STATE_VERSION, **settings}, sort_keys=True)

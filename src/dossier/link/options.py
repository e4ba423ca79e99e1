"""Settings of the link stage."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

# Bump when the meaning of the stored state changes; a mismatch rebuilds it.
STATE_VERSION = 5
# Settings of how a run links, not of what the state holds: changing them keeps the state.
_NOT_IN_STATE = ("batch_articles", "prepare_in_worker")


@dataclass(frozen=True)
class LinkOptions:
    """Thresholds of the link stage; tuned on tests/link/link_corpus.py as docs/link.md reports."""

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
    # Rewordings that share few words (synonym spinners) are found by meaning: sentence vectors of
    # the shipped static model (dossier.embed), SimHash bands to find candidates, then verified.
    # Tuned on the tune half of bench/rewrite_corpus.py (docs/link.md).
    semantic: bool = True
    # SimHash of the sentence vectors without their common direction (dossier.embed): bands of rows
    # bits. A pair at (such) cosine 0.7 shares a band with probability 0.90, at 0.8 with 0.995.
    meaning_bands: int = 32
    meaning_rows: int = 10
    # Cosine estimated from the sketches (320 bits) from which a pair is verified; rewrites of the
    # tune half of bench/rewrite_corpus.py score 0.4 and up (docs/link.md).
    meaning_candidate: float = 0.4
    # Candidates by meaning verified per sentence, the nearest first: generic sentences share buckets
    # with thousands of others (linking cost grew 130-fold on bench/link_scale.py's corpus without it).
    meaning_candidates_per_sentence: int = 4
    # Where a sentence's candidates by meaning come from: "buckets", the SimHash band buckets below (the
    # newest of each of a sentence's 32 buckets, over the whole recent store); or "related_articles", the
    # sentences of the articles its article's sentences are lexical candidates of (`link.related`: no
    # sketches, buckets or table; measured in docs/link.md, "Scale, 2026-12-04").
    meaning_candidates_from: str = "related_articles"
    # ... of them, only the newest this many sentences before a batch (None: as far as `recent_articles`): their
    # vectors stay in the linker's memory (`link.vectors`, 100,000 sentences), so a long run embeds none again;
    # old articles met as lexical candidates by chance cost an embedding of each of their sentences (0.01 ->
    # 0.10 ms an article from 25,000 to 100,000 synthetic articles without it). About 1,500 articles of news,
    # half a day of a crawl of 3,000 a day (the newest-per-bucket table let a sentence go once 16 newer ones fell
    # in its bucket: about 16,000 sentences later on average).
    meaning_reach: int | None = 50_000
    # Newest items of one meaning bucket each new sentence is compared with (32 bands, so up to 512;
    # 8 cost 0.018 of tune-half recall, 32 took four times the memory on the synthetic corpus).
    meaning_bucket_cap: int = 16
    # A pair linked by meaning keeps its figures (the shorter side's in the longer), its names, and
    # at least this many normalised words in order ...
    meaning_shared_words: int = 2
    # ... the shorter side at least this share of the longer's normalised words (a split half or a
    # merged part covers 0.3-0.7 of the other; a name phrase such as "Sen. Marco Rubio (R-Fla.)"
    # inside a long sentence covers less) ...
    meaning_length_ratio: float = 0.3
    # ... and, below this length ratio (a split or merge), the shorter side's figures among the
    # longer's; from it, the same figures on both sides ("margin of error of plus or minus 4.57
    # points" / "... four points" is a template).
    meaning_split_ratio: float = 0.7
    # ... and scores at least `meaning_probability` under a logistic model of (cosine without the
    # common direction, word-sequence ratio of the words as written, the share of the shorter
    # side's written words found in order in the longer, bias). Spinners swap content words but
    # keep the skeleton (function words, names, order); same-story sentences written apart share
    # meaning but not the skeleton. Fitted on the tune half of bench/rewrite_corpus.py (candidate
    # pairs: rewrites against their originals vs. other stories and same-story articles); the
    # highest-scoring false pair there reaches 0.64.
    meaning_weights: tuple[float, float, float, float] = (3.32, 5.47, 5.06, -7.05)
    meaning_probability: float = 0.75
    # A short sentence alike in words (too few in order for `is_copy`) linked only from this cosine
    # (of the plain vectors): stock phrases written apart score about 0.84 ("did not immediately
    # return a request ...").
    meaning_short_cosine: float = 0.88
    # Stored items of one LSH bucket each new item is compared with (the newest over the whole index; of its own
    # batch, the earliest): bounds boilerplate buckets, however many segments the index has.
    bucket_cap: int = 32
    # Stored candidates (sentences by words and by meaning, whole articles for stories) come from the newest
    # this many linked articles only (None: the whole store). A rewrite follows its source within days; a
    # lookup reaching every earlier article gave candidates per article that grew with the store, and with
    # this bound they stay flat from 100,000 articles on (bench/link_growth.py; docs/link.md "Settings").
    recent_articles: int | None = 100_000
    # Articles linked per transaction: the meaning candidates of a batch are held at once (at 5,000
    # articles, 3.6 GB on bench/link_scale.py's corpus; 1,000 keeps them under 1 GB).
    batch_articles: int = 1000
    # Prepare the next batch (sentences, words, MinHash, vectors) in a worker process while one is linked,
    # when there is more than one batch: the two halves of the stage on two cores, the same links.
    prepare_in_worker: bool = True

    def fingerprint(self) -> str:
        settings = {k: v for k, v in asdict(self).items() if k not in _NOT_IN_STATE}
        return json.dumps({"version": STATE_VERSION, **settings}, sort_keys=True)

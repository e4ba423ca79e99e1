"""The link stage's scaling parts: the count check before difflib, the newest-per-bucket meaning table, the
packed nearest-per-row sort. Each must give the links the slower way gives."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.embed import embed_sentences, load_model, without_common_direction
from dossier.embed.static import unit_rows
from dossier.link import text as text_module
from dossier.link.compare import (
    LinkSentence,
    PairChecks,
    SentenceMeanings,
    classify_sentence_link,
    greedy_matched_words,
    is_rewording_by_meaning,
    may_be_rewording_by_meaning,
    pairs_worth_verifying,
    sequence_match,
)
from dossier.link.index import NO_KEY, BandIndex, BatchPartners, MeaningHasher, NewestPerBucket, Signer, self_pairs
from dossier.link.linker import LinkOptions, link_articles, nearest_of_rows
from dossier.link.prepare import BatchPreparer
from dossier.link.stories import PublishedDays, within_story_window
from dossier.link.text import (
    load_vocabulary,
    normalised_words,
    normalised_words_of,
    raw_words,
    split_sentences,
    surface_words,
    written_words,
)
from dossier.records import Article, ArticleAnalysis, Link
from dossier.store.database import Store
from tests.link.link_corpus import build_corpus
from tests.link.test_link_meaning import ORIGINAL, REWRITE, SAME_STORY


def corpus_sentences() -> list[LinkSentence]:
    vocabulary = load_vocabulary()
    found = []
    for number, text in enumerate([ORIGINAL, REWRITE, SAME_STORY]):
        for split in split_sentences(text, vocabulary):
            words = tuple(normalised_words(split.text, vocabulary))
            if len(set(words)) >= LinkOptions().min_words:
                found.append(LinkSentence(number, split.start, split.end, split.text, words))
    return found


def test_the_count_check_never_rejects_a_pair_the_full_check_accepts() -> None:
    options = LinkOptions()
    sentences = corpus_sentences()
    vectors = embed_sentences([s.text for s in sentences])
    centred = without_common_direction(vectors)
    checks = PairChecks()
    accepted = rejected_early = 0
    for i, j in itertools.permutations(range(len(sentences)), 2):
        first, second = sentences[i], sentences[j]
        cosines = (float(vectors[i] @ vectors[j]), float(centred[i] @ centred[j]))
        match = checks.sequence_match(first.words, second.words)
        passes = is_rewording_by_meaning(
            first, second.text, second.words, match, cosines, checks, options
        ) and checks.names_kept(first.text, second.text)
        maybe = may_be_rewording_by_meaning(first, second.text, second.words, cosines, checks, options)
        assert maybe or not passes, (first.text, second.text)
        accepted += passes
        rejected_early += not maybe
    assert accepted >= 4  # the rewrite's sentences against the original's, both ways
    assert rejected_early > len(sentences)  # and the check does reject: most pairs are other sentences


def test_newest_per_bucket_keeps_the_newest_and_round_trips_through_the_store(tmp_path: Path) -> None:
    hasher = MeaningHasher(256, bands=32, rows=10)
    vectors = without_common_direction(embed_sentences([s.text for s in corpus_sentences()]))
    sketches = hasher.sketches(vectors)
    buckets = hasher.bucket_numbers(sketches)
    assert buckets.shape == (len(vectors), 32) and 0 <= buckets.min() and buckets.max() < hasher.buckets
    assert (buckets // 1024 == np.arange(32)).all()  # each band its own range of buckets
    ids = np.arange(100, 100 + len(vectors), dtype=np.uint32)
    newest = NewestPerBucket(hasher.buckets, cap=2, width=sketches.shape[1])
    half = len(ids) // 2
    with Store.open(tmp_path / "x.db") as store:
        for part in (slice(0, half), slice(half, None)):  # in two batches, as the linker adds and saves them
            newest.add(buckets[part], ids[part], sketches[part])
            newest.save(store.connection, "meaning_newest")
        loaded = NewestPerBucket.load(store.connection, "meaning_newest", hasher.buckets, 2, sketches.shape[1])
    rows, found, slots = loaded.query(buckets)
    # What a sorted band index of every item gives, taking each bucket's 2 newest.
    expected = set()
    for row, band in itertools.product(range(len(ids)), range(32)):
        members = [int(ids[k]) for k in range(len(ids)) if buckets[k, band] == buckets[row, band]]
        expected |= {(row, member) for member in members[-2:]}
    assert set(zip(rows.tolist(), found.tolist(), strict=True)) == expected
    assert (loaded.held_sketches[slots] == sketches[found - 100]).all()  # each id comes with its own sketch
    rows, earlier = self_pairs(buckets, ids, cap=2, latest=True)  # the batch's own pairs use the same buckets
    assert all(
        buckets[row][np.isin(buckets[row], buckets[sid - 100])].size for row, sid in zip(rows, earlier, strict=True)
    )


def test_nearest_of_rows_keeps_the_fewest_differing_bits_and_drops_repeats() -> None:
    def key(differing: int, sid: int) -> int:
        return differing << 32 | sid

    no = int(NO_KEY)
    keys = np.array([[key(20, 9), key(20, 7), key(20, 7), key(10, 8)], [key(200, 5), key(30, 6), no, no]], np.uint64)
    assert pairs_of(nearest_of_rows(keys, 2, first_row=10)) == [(10, 7), (10, 8), (11, 5), (11, 6)]
    # One pair met in every bucket fills the few smallest keys taken first: the row is then sorted whole.
    repeated = np.array([[key(5, 3)] * 12 + [key(9, 4), key(7, 2), no, key(8, 1)]], np.uint64)
    assert pairs_of(nearest_of_rows(repeated, 3)) == [(0, 1), (0, 2), (0, 3)]


def pairs_of(found: tuple[np.ndarray, np.ndarray]) -> list[tuple[int, int]]:
    return sorted(zip(found[0].tolist(), found[1].tolist(), strict=True))


def test_batch_partners_are_the_pairs_self_pairs_gives() -> None:
    rng = np.random.default_rng(4)
    buckets = rng.integers(0, 6, size=(200, 3)) + np.arange(3) * 6  # crowded buckets, over the cap
    ids = np.arange(1000, 1200, dtype=np.uint32)
    rows, earlier = self_pairs(buckets, ids, cap=4, latest=True)
    expected = set(zip(rows.tolist(), (earlier - 1000).tolist(), strict=True))
    partners = BatchPartners(buckets, cap=4).of_rows(0, 200)
    found = {(row, int(p)) for row in range(200) for p in partners[row] if p >= 0}
    assert found == expected and partners.shape == (200, 12)


def segmented_index(seed: int) -> tuple[BandIndex, list[tuple[int, list[int]]], np.ndarray]:
    """A two-band index filled in six batches of growing size (several segments, some merged on the way),
    every (id, keys) added, and 30 rows of query keys, some of them in no bucket."""
    rng = np.random.default_rng(seed)
    index = BandIndex("sentence", bands=2)
    added: list[tuple[int, list[int]]] = []
    for batch in range(6):
        keys = rng.integers(0, 40, size=(50 * (batch + 1), 2)).astype(np.uint64)
        ids = np.arange(len(added), len(added) + len(keys), dtype=np.uint32)
        index.add(keys, ids)
        added.extend(zip(ids.tolist(), keys.tolist(), strict=True))
    assert 1 < len(index.segments) < 6
    return index, added, rng.integers(0, 45, size=(30, 2)).astype(np.uint64)


def test_band_index_query_gives_each_segments_earliest_of_a_bands_bucket_as_a_scan_does() -> None:
    index, added, queries = segmented_index(6)
    rows, found = index.query(queries, cap=3)
    expected = []
    for segment in index.segments:
        members = set(segment.ids.tolist())
        for row, band in itertools.product(range(len(queries)), range(2)):  # a key is looked up in its band only
            key = int(queries[row, band])
            expected += [(row, i) for i in sorted(i for i, k in added if i in members and k[band] == key)[:3]]
    assert sorted(zip(rows.tolist(), found.tolist(), strict=True)) == sorted(expected)


def test_band_index_newest_gives_each_bucket_its_newest_over_all_segments_as_a_scan_does() -> None:
    index, added, queries = segmented_index(7)  # a crowded bucket spreads over all the segments
    rows, found = index.newest(queries, cap=3)
    expected = []
    for row, band in itertools.product(range(len(queries)), range(2)):
        key = int(queries[row, band])
        expected += [(row, i) for i in sorted(i for i, k in added if k[band] == key)[-3:]]
    assert sorted(zip(rows.tolist(), found.tolist(), strict=True)) == sorted(expected)
    # However many segments the store has, a row meets at most `cap` items a band.
    assert np.bincount(rows, minlength=len(queries)).max() <= 2 * 3


@pytest.mark.parametrize("since", [0, 120, 400, 1049, 5000])
def test_band_index_newest_since_an_id_gives_each_buckets_newest_from_it_on_as_a_scan_does(since: int) -> None:
    index, added, queries = segmented_index(8)  # ids 0-1049 in several segments; `since` inside one or past all
    rows, found = index.newest(queries, cap=4, since=since)
    expected = []
    for row, band in itertools.product(range(len(queries)), range(2)):
        key = int(queries[row, band])
        expected += [(row, i) for i in sorted(i for i, k in added if k[band] == key and i >= since)[-4:]]
    assert sorted(zip(rows.tolist(), found.tolist(), strict=True)) == sorted(expected)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.dates().map(str), st.sampled_from(["", "soon", "2024-02-30"])),
            st.one_of(st.none(), st.dates().map(str), st.just("2024-13-01T00:00:00Z")),
        ),
        min_size=1,
        max_size=20,
    ),
    st.integers(0, 30),
)
def test_published_days_keep_the_pairs_the_story_window_keeps(pairs: list, window: int) -> None:
    days = PublishedDays()
    for seq, (first, second) in enumerate(pairs):
        days.set(2 * seq, first)
        days.set(2 * seq + 1, second)
    seqs = np.arange(len(pairs)) * 2
    options = LinkOptions(story_window_days=window)
    expected = [within_story_window(first, second, options) for first, second in pairs]
    assert days.within(seqs, seqs + 1, window).tolist() == expected
    assert days.within(seqs, seqs + 5_000, window).all()  # not set yet: a day unknown


def test_the_pairs_checked_at_once_keep_every_pair_the_full_check_links() -> None:
    options = LinkOptions()
    sentences = corpus_sentences()
    vectors = embed_sentences([s.text for s in sentences])
    centred = without_common_direction(vectors)
    meanings = SentenceMeanings([(np.arange(100, 100 + len(sentences)), vectors, centred)])
    # Every later sentence against every earlier one of another text, the earlier ones of the first text stored.
    stored = {100 + row: (s.text, s.words) for row, s in enumerate(sentences) if s.article == 0}
    pairs = [(j, 100 + i) for i, j in itertools.combinations(range(len(sentences)), 2)]
    first_sid = 100 + len(stored)
    batch = sentences[len(stored) :]
    batch_pairs = [(j - len(stored), sid) for j, sid in pairs if j >= len(stored)]
    arrays = np.array([row for row, _ in batch_pairs]), np.array([sid for _, sid in batch_pairs])
    kept = pairs_worth_verifying(batch, first_sid, arrays, stored, options, meanings, PairChecks())
    assert set(kept) <= set(batch_pairs) and len(kept) < len(batch_pairs) / 2  # most pairs are other sentences
    checks = PairChecks()
    for row, sid in set(batch_pairs) - set(kept):  # each pair set aside fails the check one pair at a time
        other_text, other_words = (
            stored[sid] if sid < first_sid else (batch[sid - first_sid].text, batch[sid - first_sid].words)
        )
        mine = first_sid + row - 100
        cosines = (float(vectors[mine] @ vectors[sid - 100]), float(centred[mine] @ centred[sid - 100]))
        assert checks.ratio_bound(batch[row].words, other_words) < options.sentence_threshold
        assert cosines[1] < options.meaning_candidate or not may_be_rewording_by_meaning(
            batch[row], other_text, other_words, cosines, checks, options
        )


@pytest.mark.parametrize("source", ["related_articles", "buckets"])
def test_links_are_the_same_linked_in_small_batches(tmp_path: Path, source: str) -> None:
    # Small batches make every candidate by meaning come from stored sentences: of related articles, or
    # from the stored newest-per-bucket table.
    articles, _ = build_corpus()
    whole = link_articles(articles, LinkOptions(meaning_candidates_from=source))
    with Store.open(tmp_path / "batches.db") as store:
        for article in articles:
            store.save_analysis(ArticleAnalysis(article))
        options = LinkOptions(batch_articles=2, meaning_candidates_from=source)
        batched = link_articles(store, options, merge_events=False)

    def key(links: list) -> list[tuple[str, str, str]]:
        return sorted((link.kind, link.a, link.b) for link in links if link.detail.get("level") == "sentence")

    assert key(batched) == key(whole) and len(key(whole)) >= 60


def test_links_are_the_same_with_batches_prepared_by_a_worker_process(tmp_path: Path) -> None:
    articles, _ = build_corpus()
    found = {}
    for in_worker in (False, True):
        with Store.open(tmp_path / f"worker-{in_worker}.db") as store:
            for article in articles:
                store.save_analysis(ArticleAnalysis(article))
            options = LinkOptions(batch_articles=3, prepare_in_worker=in_worker)
            found[in_worker] = [link.to_dict() for link in link_articles(store, options, merge_events=False)]
            sentences = store.connection.execute("SELECT * FROM link_sentences ORDER BY sid").fetchall()
            found[in_worker].append([tuple(row) for row in sentences])
    assert found[True] == found[False] and len(found[True]) > 60


def test_links_are_streamed_into_the_table_and_a_failure_keeps_the_old_ones(tmp_path: Path) -> None:
    articles, _ = build_corpus()
    with Store.open(tmp_path / "links.db") as store:
        for article in articles:
            store.save_analysis(ArticleAnalysis(article))
        links = link_articles(store, merge_events=False)
        # A generator reading the store while the links are written, as `stored_links` does.
        assert store.replace_links(link for link in link_articles(store, merge_events=False)) == len(links)
        stored = store.connection.execute("SELECT COUNT(*) FROM links").fetchone()[0]
        assert stored == len({(link.kind, link.a, link.b) for link in links}) > 60

        def failing() -> Iterator[Link]:
            yield links[0]
            raise RuntimeError("the link stage failed half way")

        with pytest.raises(RuntimeError):
            store.replace_links(failing())
        assert store.connection.execute("SELECT COUNT(*) FROM links").fetchone()[0] == stored
        assert not store.connection.in_transaction
        assert store.replace_links([links[0]]) == 1  # and the next swap works
        assert store.connection.execute("SELECT COUNT(*) FROM links").fetchone()[0] == 1


def held_sets(newest: NewestPerBucket, buckets: int) -> list[set[int]]:
    rows, ids, _ = newest.query(np.arange(buckets)[:, None])
    return [set(ids[rows == bucket].tolist()) for bucket in range(buckets)]


def test_newest_per_bucket_saves_a_log_then_the_whole_table_and_loads_the_same(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    newest = NewestPerBucket(buckets=4, cap=2, width=8)  # 8 slots: the log turns into the table quickly
    with Store.open(tmp_path / "x.db") as store:
        for batch in range(7):
            ids = np.arange(batch * 3, batch * 3 + 3, dtype=np.uint32)
            buckets = rng.integers(0, 4, size=(3, 2))
            newest.add(buckets, ids, rng.integers(0, 256, size=(3, 8), dtype=np.uint8))
            newest.save(store.connection, "t")
            loaded = NewestPerBucket.load(store.connection, "t", 4, 2, 8)
            assert held_sets(loaded, 4) == held_sets(newest, 4)
            rows, found, slots = loaded.query(np.arange(4)[:, None])
            mine = dict(zip(*newest.query(np.arange(4)[:, None])[1:], strict=True))
            assert all(
                (loaded.held_sketches[s] == newest.held_sketches[mine[i]]).all()
                for i, s in zip(found, slots, strict=True)
            )
        levels = [row[0] for row in store.connection.execute("SELECT level FROM link_segments")]
    assert "t" in levels and levels.count("t/log") < 7  # the table was stored and the log emptied on the way


def test_band_numbers_read_each_band_of_bits_lowest_first() -> None:
    hasher = MeaningHasher(256, bands=32, rows=10)
    sketches = np.random.default_rng(5).integers(0, 256, size=(300, 40), dtype=np.uint8)
    bits = np.unpackbits(sketches, axis=1).reshape(300, 32, 10).astype(np.int64)
    expected = (bits * (1 << np.arange(10))).sum(axis=2) + (np.arange(32) << 10)
    assert np.array_equal(hasher.bucket_numbers(sketches), expected)
    keys = hasher.band_keys(sketches)
    # Two sketches share a band key exactly when they share that band's bucket number.
    assert np.array_equal(keys[:, None, :] == keys[None, :, :], expected[:, None, :] == expected[None, :, :])


def test_pooled_sentence_vectors_are_the_mean_rows_reduceat_gives() -> None:
    model = load_model()
    texts = [
        "Russia vetoed the draft resolution on Tuesday.",
        "",
        "Moscow blocked it.",
        " ".join(["The Security Council met again after the envoy's briefing"] * 30),  # over 128 pieces
    ]
    pieces = [model.text_pieces(text) for text in texts]
    filled = [i for i, ids in enumerate(pieces) if ids]
    lengths = np.array([len(ids) for ids in pieces])
    starts = (np.cumsum(lengths) - lengths)[filled]
    rows = model.rows(np.array([p for ids in pieces for p in ids]))
    expected = np.zeros((len(texts), model.dims), dtype=np.float32)
    expected[filled] = np.add.reduceat(rows, starts, axis=0) / lengths[filled, None]
    expected = unit_rows(expected)
    assert lengths[3] > 256 and lengths[1] == 0
    # Equal bits today (summed in numpy's own order); the tolerance keeps a numpy
    # that changes its internal summation order from failing the suite.
    np.testing.assert_allclose(embed_sentences(texts), expected, rtol=0, atol=1e-6)


@given(st.text(alphabet="aZé9 .'’-,\n\u00a0ﬁ", max_size=40))
def test_written_words_are_raw_words_without_their_flags(text: str) -> None:
    assert written_words(text) == [word for word, _ in raw_words(text)]


def test_written_words_join_dotted_words_and_drop_dot_only_ones() -> None:
    words = written_words("Sen. J.D. Vance said the U.S. plan costs 2.5 billion... It passed.")
    assert words == "Sen JD Vance said the US plan costs 25 billion It passed".split()


# Letters, a name variant's first word, dots, apostrophes, non-ASCII and NFKC-changed characters, breaks.
BATCH_TEXT = st.lists(
    st.text(alphabet="aZé9 .'’-,\n\u00a0ﬁ", max_size=30)
    | st.sampled_from(["The U.S. and China's envoy", "Russian Federation rejected the sanctions.", "Café São Paulo"]),
    max_size=6,
)


@given(BATCH_TEXT)
def test_words_of_a_batch_are_each_texts_normalised_words(texts: list[str]) -> None:
    vocabulary = load_vocabulary()
    assert normalised_words_of(texts, vocabulary) == [tuple(normalised_words(text, vocabulary)) for text in texts]


@given(BATCH_TEXT)
def test_pieces_of_a_batch_are_each_texts_pieces(texts: list[str]) -> None:
    model = load_model()
    lengths, ids = model.texts_pieces(texts)
    pieces = [model.text_pieces(text) for text in texts]
    assert lengths.tolist() == [len(found) for found in pieces]
    assert ids.tolist() == [piece for found in pieces for piece in found]


def _ends_sentence_by_slices(text: str, period: int, end: int, abbreviations: frozenset[str]) -> bool:
    """The sentence-end rule as it was first written: the rest of the text stripped, both searches always run."""
    following = text[end:].lstrip(" \t")
    if following.startswith("\n") or not following:
        return True
    if following[0].isdigit() or following[0].islower():
        return False
    before = text[max(0, period - 40) : period + 1]
    if text_module._INITIALISM.search(before):
        return False
    last = text_module._LAST_WORD.search(before)
    return not (last and last.group(1).casefold() in abbreviations)


@given(st.text(alphabet="aBJgov9_ .\t\n", max_size=40) | st.just("Mr. Li met J. Smith in the U.S. Army. He left."))
def test_sentence_ends_are_found_as_the_first_rule_finds_them(text: str) -> None:
    vocabulary = load_vocabulary()
    found = split_sentences(text, vocabulary)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text_module, "_ends_sentence", _ends_sentence_by_slices)
        assert split_sentences(text, vocabulary) == found


def test_initials_and_titles_do_not_end_a_sentence() -> None:
    texts = [s.text for s in split_sentences("Sen. J. R. Okafor met the U.S. envoy. He left early. It rained.")]
    assert texts == ["Sen. J. R. Okafor met the U.S. envoy.", "He left early.", "It rained."]


def test_an_articles_minhash_is_the_minhash_of_its_whole_word_set() -> None:
    options = LinkOptions()
    vocabulary = load_vocabulary()
    rows = [
        ("a", "The Senate approved the budget bill on Tuesday. Vote now. The governor signed it into law.", None),
        ("b", "", None),
        ("c", "Short one.", None),  # a sentence of too few words to link still counts in its article's words
        ("d", "The council rejected the tax plan on Friday after a long debate.", None),
    ]
    batch = BatchPreparer(options, vocabulary)(rows, first_seq=10)
    word_sets = [
        {word for split in split_sentences(text, vocabulary) for word in normalised_words(split.text, vocabulary)}
        for _, text, _ in rows
    ]
    assert batch.nonempty == [0, 2, 3]
    expected = Signer(options.num_perm).signatures([sorted(word_sets[i]) for i in batch.nonempty])
    assert np.array_equal(batch.article_signatures, expected)
    assert {s.article for s in batch.sentences} == {10, 13}


@given(st.lists(st.sampled_from(["vote", "senat", "bill", "=usa", "2024"]), max_size=12))
def test_a_sequence_matched_with_itself_is_difflibs_whole_match(words: list[str]) -> None:
    assert PairChecks().sequence_match(tuple(words), tuple(words)) == sequence_match(words, list(words))


def test_a_sentence_linked_to_its_own_text_is_an_exact_copy() -> None:
    text = "The Senate approved the budget bill on Tuesday."
    assert classify_sentence_link(text, text, LinkOptions()) == ("exact", {"surface_similarity": 1.0, "changes": []})


@given(st.text(alphabet="aZé9 .'’-,\n\u00a0ﬁİß", max_size=40))
def test_surface_words_are_the_words_as_written_case_folded(text: str) -> None:
    assert surface_words(text) == [word.casefold() for word in written_words(text)]


@given(
    st.lists(st.sampled_from("abcdefgh"), max_size=14),
    st.lists(st.sampled_from("abcdefghij"), max_size=10, unique=True),
)
def test_difflibs_blocks_are_found_directly_when_the_second_side_repeats_no_word(
    first: list[str], second: list[str]
) -> None:
    expected = sum(block.size for block in SequenceMatcher(a=first, b=second, autojunk=False).get_matching_blocks())
    assert greedy_matched_words(first, second, {word: at for at, word in enumerate(second)}) == expected
    assert PairChecks().sequence_match(tuple(first), tuple(second)) == sequence_match(first, second)


# A wire report, copied word for word by an outlet much later; between them, reports on other matters.
WIRE = (
    "The harbour authority of Valdoria closed the northern shipping lane on Tuesday after two cargo vessels "
    "collided in heavy fog, stranding dozens of ferries and fishing boats inside the bay. "
    "Port officials said divers would inspect the damaged hulls before any ship is allowed to leave the anchorage."
)
OTHER_MATTERS = [
    "The city council of Marrenby approved a new budget for road repairs on Monday after a long debate. "
    "Councillors said the money would be spent on the bridges of the old town before the winter.",
    "Farmers in the Telvar valley reported the earliest grape harvest in forty years this week. "
    "Growers blamed a dry summer and said the wine would be stronger than usual.",
    "A regional court in Osterlund sentenced a former mayor to four years in prison for taking bribes. "
    "Prosecutors said the contracts he signed had cost the town several million crowns.",
    "The national orchestra of Belmira cancelled its autumn tour because of a strike by stage workers. "
    "Musicians said they supported the workers and hoped to play abroad in the spring.",
]


def copy_linked_after(others: int, options: LinkOptions, tmp_path: Path) -> bool:
    """Whether the wire report's first sentence, copied after `others` reports on other matters, is linked
    to it; linked one article at a time, in two runs on one store (the second opens what the first stored)."""
    texts = [WIRE, *itertools.islice(itertools.cycle(OTHER_MATTERS), others), "Reprinted. " + WIRE]
    articles = [Article.build(text, name=f"report-{n}", published="2024-05-07") for n, text in enumerate(texts)]
    with Store.open(tmp_path / f"recent-{others}.db") as store:
        for article in articles[:-1]:
            store.save_analysis(ArticleAnalysis(article))
        link_articles(store, options, merge_events=False)
        store.save_analysis(ArticleAnalysis(articles[-1]))
        links = link_articles(store, options, merge_events=False)
    wire, copy = articles[0].id, articles[-1].id
    return any(
        link.detail.get("level") == "sentence" and {link.detail["a_article"], link.detail["b_article"]} == {wire, copy}
        for link in links
    )


def test_recent_articles_bounds_how_far_back_a_copy_is_found(tmp_path: Path) -> None:
    recent = LinkOptions(recent_articles=3, batch_articles=1)
    # The wire report among the 3 newest stored articles when the copy is linked: found.
    assert copy_linked_after(2, recent, tmp_path)
    # 4 articles back: no longer a candidate, neither by words nor by meaning.
    assert not copy_linked_after(3, recent, tmp_path)
    # Without the bound, the whole store is searched.
    assert copy_linked_after(3, LinkOptions(batch_articles=1), tmp_path)

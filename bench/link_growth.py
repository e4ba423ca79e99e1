"""Where the linker's cost per article grows with the store: CPU of each step of linking, batch by batch.

    .venv/bin/python bench/link_growth.py --articles 200000 --window 20000

Links `--articles` synthetic articles (`link_scale.py`'s corpus) into a fresh
store and times the linker process's steps with `time.process_time` (the
worker that prepares batches is another process and is not counted here),
exclusive of the steps timed inside them, summed over windows of
`--window` articles. Prints one row per window: CPU milliseconds an article
by step, and counts an article (candidate pairs, distinct stored
candidates, sketches read from the store, earlier sentences read back,
their words normalised again, vectors embedded again, band segments).
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from link_scale import Generator, fill, link_options  # noqa: E402

TIMES: dict[str, float] = defaultdict(float)
COUNTS: dict[str, float] = defaultdict(float)
_STACK: list[list[float]] = []  # [started, time of the steps inside]


def timed(name: str, function, count=None):  # type: ignore[no-untyped-def]
    """`function` with its exclusive CPU time added to TIMES[name] (and `count(args, result)` to COUNTS)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        _STACK.append([time.process_time(), 0.0])
        try:
            result = function(*args, **kwargs)
        finally:
            started, inside = _STACK.pop()
            spent = time.process_time() - started
            key = name(args) if callable(name) else name
            TIMES[key] += spent - inside
            if _STACK:
                _STACK[-1][1] += spent
        if count is not None:
            for counted, value in count(args, result).items():
                COUNTS[counted] += value
        return result

    return wrapper


def instrument() -> None:
    from dossier.link import compare, index, keys, linker, vectors
    from dossier.store import link_state

    run = linker._LinkRun
    run.link_prepared = timed("link_prepared (rest)", run.link_prepared)
    run._stored_candidates = timed("lexical: rest", run._stored_candidates)
    index.BandIndex.query = timed(
        lambda args: f"{args[0].level} index: query",
        index.BandIndex.query,
        lambda args, result: {f"{args[0].level} query pairs": len(result[0])},
    )
    index.BandIndex.newest = timed(
        lambda args: f"{args[0].level} index: query",
        index.BandIndex.newest,
        lambda args, result: {f"{args[0].level} query pairs": len(result[0])},
    )
    index.BandIndex.add = timed(lambda args: f"{args[0].level} index: add+merge", index.BandIndex.add)
    index.BandIndex.save = timed(lambda args: f"{args[0].level} index: save", index.BandIndex.save)
    linker.unique_pairs = timed("unique_pairs", linker.unique_pairs)
    run._stored_sketches = timed(
        "lexical: stored sketches",
        run._stored_sketches,
        lambda args, result: {"distinct lexical candidates": len(result[0])},
    )
    link_state.sentence_sketches = timed(
        "SQL: sentence sketches", link_state.sentence_sketches, lambda args, result: {"sketches read": len(result)}
    )
    linker.likely_pairs_of = timed(
        "lexical: sketch check", linker.likely_pairs_of, lambda args, result: {"lexical likely pairs": len(result[0])}
    )
    run._meaning_candidates = timed("meaning candidates", run._meaning_candidates)
    run._related_candidates = timed("meaning candidates (related articles)", run._related_candidates)
    run._earlier_sentences = timed(
        "earlier: rest", run._earlier_sentences, lambda args, result: {"earlier sentences": len(result)}
    )
    link_state.sentence_texts = timed("SQL: sentence texts", link_state.sentence_texts)
    linker.normalised_words = timed(
        "earlier: normalised again", linker.normalised_words, lambda args, result: {"words normalised again": 1}
    )
    run._stored_vectors = timed("stored vectors", run._stored_vectors)
    linker.embed_sentences = timed(
        "embedded again", linker.embed_sentences, lambda args, result: {"vectors embedded again": len(args[0])}
    )
    linker.best_earlier_matches = timed(
        "verification", linker.best_earlier_matches, lambda args, result: {"pairs": len(args[2][0])}
    )
    compare.pairs_worth_verifying = timed("verification: pre-check", compare.pairs_worth_verifying)
    keys.RecentKeys.find = timed(
        "verification: recent keys",
        keys.RecentKeys.find,
        lambda args, result: {"keys kept": int(result[0].sum()), "keys made": int((~result[0]).sum())},
    )
    linker.sentence_rows = timed("sentence rows", linker.sentence_rows)
    link_state.save_sentences = timed("SQL: save sentences", link_state.save_sentences)
    index.NewestPerBucket.add = timed("meaning table: add", index.NewestPerBucket.add)
    index.NewestPerBucket.save = timed("meaning table: save", index.NewestPerBucket.save)
    run._join_stories = timed("stories: rest", run._join_stories)
    run._articles_alike = timed("stories: articles alike", run._articles_alike)
    link_state.article_signatures = timed("SQL: article signatures", link_state.article_signatures)
    link_state.move_stories = timed(
        "SQL: move stories", link_state.move_stories, lambda args, result: {"stories moved": len(list(args[1]))}
    )
    link_state.save_linked_articles = timed("SQL: save articles", link_state.save_linked_articles)
    link_state.sentence_articles = timed("SQL: sentence articles", link_state.sentence_articles)
    vectors.RecentRows.add = timed("recent rows add", vectors.RecentRows.add)
    vectors.RecentVectors.add = timed("recent vectors add", vectors.RecentVectors.add)
    run._remember_words = timed("remember words", run._remember_words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--window", type=int, default=10_000)
    parser.add_argument("--db", help="store to build (kept); default a temporary one")
    parser.add_argument("--set", action="append", metavar="NAME=VALUE", help="a LinkOptions setting, e.g. bucket_cap=8")
    args = parser.parse_args()
    instrument()
    from dossier.link import linker, prepare
    from dossier.store import link_state
    from dossier.store.database import Store

    options = link_options(args.set)
    windows = []
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or str(Path(folder) / "growth.db")
        fill(db, 0, args.articles, Generator())
        with Store.open(db) as store:
            link_state.prepare_link_state(store.connection, options.fingerprint())
            run = linker._LinkRun.open(store, options)
            batches = link_state.unlinked_article_batches(store.connection, options.batch_articles)
            linked, window_start = 0, time.process_time()
            wall_start = time.perf_counter()
            for batch in prepare.prepared_batches(batches, run.next_seq, run.preparer, True):
                run.link_prepared(batch)
                linked += len(batch.rows)
                if linked % args.window == 0 or linked == args.articles:
                    total = time.process_time() - window_start
                    row = {
                        "articles": linked,
                        "cpu_ms": 1e3 * total / args.window,
                        "wall_ms": 1e3 * (time.perf_counter() - wall_start) / args.window,
                        "sentence segments": len(run.sentence_index.segments),
                        "story segments": len(run.story_index.segments),
                        **{k: 1e3 * v / args.window for k, v in sorted(TIMES.items())},
                        **{f"n {k}": v / args.window for k, v in sorted(COUNTS.items()) if "segments" not in k},
                    }
                    row["unaccounted (prepare first batch, unpack, wait)"] = row["cpu_ms"] - sum(
                        1e3 * v / args.window for v in TIMES.values()
                    )
                    windows.append(row)
                    print(json.dumps(row), flush=True)
                    TIMES.clear()
                    COUNTS.clear()
                    window_start, wall_start = time.process_time(), time.perf_counter()
    keys = list(windows[0])
    print("| step (ms CPU an article) | " + " | ".join(f"{w['articles']:,}" for w in windows) + " |")
    print("| --- |" + " --- |" * len(windows))
    for key in keys[1:]:
        values = [w.get(key, 0.0) for w in windows]
        print(f"| {key} | " + " | ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in values) + " |")


if __name__ == "__main__":
    main()

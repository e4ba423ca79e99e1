"""How the link stage scales: link N synthetic articles, print time, peak memory and cost per article.

    .venv/bin/python bench/link_scale.py                 # 10k and 100k articles
    .venv/bin/python bench/link_scale.py --sizes 20000   # other sizes

Each size runs in a fresh subprocess so its peak resident memory
(ru_maxrss) is its own. The corpus is generated deterministically: stories
of wire sentences over a Zipf-distributed vocabulary; each article takes a
few sentences of its story's wire copy, spun (words swapped, sentences
shuffled), and fills the rest with sentences of its own, so about a quarter
of all sentences have an earlier copy to be linked to, as in a news crawl
with syndication and content farms. Then 10% more articles are added and
linked incrementally, to show that the cost follows the new articles, not
the corpus.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCES_PER_ARTICLE = 10
COPIED_PER_ARTICLE = 3  # sentences taken from the story's wire copy
ARTICLES_PER_STORY = 20
WIRE_SENTENCES_PER_STORY = 12
FUNCTION_WORDS = "the of to and a in that for on with as by at from said was has have will".split()


def make_vocabulary(rng: random.Random, size: int = 60_000) -> list[str]:
    syllables = "ka lo mer tis an ru vel os ten pra di gon sa lum ex bri ko nu fa zel hob ri tu ve".split()
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Generator:
    """Deterministic synthetic news: the same seed gives the same corpus."""

    def __init__(self, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.vocabulary = make_vocabulary(self.rng)
        # Zipf-like weights: a few content words are common, most are rare.
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 10) for rank in range(len(self.vocabulary))))
        self.stories: dict[int, list[str]] = {}

    def sentence(self) -> str:
        length = self.rng.randint(14, 26)
        content = self.rng.choices(self.vocabulary, cum_weights=self.cumulative, k=length - length // 3)
        words = content + self.rng.choices(FUNCTION_WORDS, k=length // 3)
        self.rng.shuffle(words)
        return " ".join(words).capitalize() + "."

    def spin(self, sentence: str) -> str:
        words = sentence[:-1].split()
        for _ in range(self.rng.randint(0, 3)):  # a spinner swaps a few words
            words[self.rng.randrange(len(words))] = self.rng.choice(self.vocabulary)
        return " ".join(words) + "."

    def article(self, number: int) -> tuple[str, str, str]:
        story = number // ARTICLES_PER_STORY
        wire = self.stories.get(story)
        if wire is None:
            wire = [self.sentence() for _ in range(WIRE_SENTENCES_PER_STORY)]
            self.stories = {story: wire}  # stories arrive in order: keep only the current one
        copied = [self.spin(s) for s in self.rng.sample(wire, COPIED_PER_ARTICLE)]
        own = [self.sentence() for _ in range(SENTENCES_PER_ARTICLE - COPIED_PER_ARTICLE)]
        body = copied + own
        self.rng.shuffle(body)
        day = 1 + (number // 5000) % 28
        return f"synthetic-{number:08d}", " ".join(body), f"2024-02-{day:02d}"


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the linker's worker process)."""
    return time.process_time() + children_cpu_seconds()


def children_cpu_seconds() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def fill(db: str, first: int, count: int, generator: Generator) -> None:
    from dossier.store.database import Store

    with Store.open(db) as store:
        with store.connection:
            store.connection.executemany(
                "INSERT INTO articles (id, name, published, text, ingested_at) VALUES (?, ?, ?, ?, 0)",
                (
                    (article_id, article_id, published, text)
                    for article_id, text, published in (generator.article(n) for n in range(first, first + count))
                ),
            )


def link_options(settings: list[str] | None):  # type: ignore[no-untyped-def]
    """`LinkOptions` with `--set NAME=VALUE` settings (Python literals) in place of the defaults."""
    import ast
    from dataclasses import replace

    from dossier.link.linker import LinkOptions

    changed = dict(setting.split("=", 1) for setting in settings or [])
    return replace(LinkOptions(), **{name: ast.literal_eval(value) for name, value in changed.items()})


def measure(size: int, settings: list[str] | None = None, incremental: bool = True) -> dict[str, float]:
    """Runs in the child: link `size` articles, then (with `incremental`) 10% more incrementally."""
    from dossier.link.linker import stored_link_rows, update_links
    from dossier.store.database import Store

    options = link_options(settings)
    generator = Generator()
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.db")
        fill(db, 0, size, generator)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with Store.open(db) as store:
            started, cpu_started = time.perf_counter(), cpu_seconds()
            update_links(store, options)
            index_seconds = time.perf_counter() - started
            index_cpu = cpu_seconds() - cpu_started
            worker_cpu = children_cpu_seconds()
            # Read now: the incremental run below forks its worker from this (by then large) process, and a
            # forked child's resident set counts the pages it shares with its parent.
            worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            started, cpu_started, own_started = time.perf_counter(), cpu_seconds(), time.process_time()
            written = store.replace_links(stored_link_rows(store, options))
            emit_seconds = time.perf_counter() - started
            emit_cpu = cpu_seconds() - cpu_started
            # Of it, this process's: the rest is the helper writing its part of the links on the other core.
            emit_own_cpu = time.process_time() - own_started
            kinds = dict(store.connection.execute("SELECT kind, COUNT(*) FROM links GROUP BY kind").fetchall())
            sentences = store.connection.execute("SELECT COUNT(*) FROM link_sentences").fetchone()[0]
        extra = size // 10 if incremental else 0
        incremental_seconds = 0.0
        if extra:
            fill(db, size, extra, generator)
            with Store.open(db) as store:
                started = time.perf_counter()
                update_links(store, options)
                incremental_seconds = time.perf_counter() - started
        db_mb = os.path.getsize(db) / 1e6
    return {
        "articles": size,
        "sentences": sentences,
        "index_seconds": round(index_seconds, 2),
        "emit_seconds": round(emit_seconds, 2),
        # CPU time of this process: on a shared machine wall time measures the neighbours too.
        "index_cpu_seconds": round(index_cpu, 2),
        "worker_cpu_seconds": round(worker_cpu, 2),  # of it, the worker process preparing batches
        "emit_cpu_seconds": round(emit_cpu, 2),
        "emit_own_cpu_seconds": round(emit_own_cpu, 2),
        "links": written,
        **{f"links_{k}": v for k, v in kinds.items()},
        "incremental_articles": extra,
        "incremental_seconds": round(incremental_seconds, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "worker_peak_rss_mb": round(worker_rss / 1024, 1),
        "rss_before_link_mb": round(rss_before / 1024, 1),
        "db_mb": round(db_mb, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--set", action="append", metavar="NAME=VALUE", help="a LinkOptions setting, e.g. bucket_cap=8")
    parser.add_argument(
        "--no-incremental", action="store_true", help="skip adding 10%% more articles after linking (minutes at 1M)"
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.set, incremental=not args.no_incremental)))
        return
    results = []
    settings = [f"--set={setting}" for setting in args.set or []]
    if args.no_incremental:
        settings.append("--no-incremental")
    for size in args.sizes:
        output = subprocess.run(
            [sys.executable, __file__, "--child", str(size), *settings], capture_output=True, text=True, check=True
        ).stdout
        result = json.loads(output.strip().splitlines()[-1])
        results.append(result)
        total = result["index_seconds"] + result["emit_seconds"]
        cpu = result["index_cpu_seconds"] + result["emit_cpu_seconds"]
        print(
            f"{size:>9,} articles {result['sentences']:>10,} sentences: link {result['index_seconds']:.1f} s"
            f" + emit {result['emit_seconds']:.1f} s = {1e6 * total / size:.0f} µs/article"
            f" (CPU {cpu:.1f} s = {1e6 * cpu / size:.0f} µs/article; load {os.getloadavg()[0]:.1f});"
            f" +{result['incremental_articles']:,} incremental {result['incremental_seconds']:.1f} s;"
            f" peak RSS {result['peak_rss_mb']:.0f} MB (worker {result['worker_peak_rss_mb']:.0f} MB);"
            f" db {result['db_mb']:.0f} MB; {result['links']:,} links"
        )
    if len(results) >= 2:
        small, large = results[0], results[-1]

        def per_article(r: dict[str, float]) -> float:
            return (r["index_seconds"] + r["emit_seconds"]) / r["articles"]

        def cpu_per_article(r: dict[str, float]) -> float:
            return (r["index_cpu_seconds"] + r["emit_cpu_seconds"]) / r["articles"]

        ratio = per_article(large) / per_article(small)
        cpu_ratio = cpu_per_article(large) / cpu_per_article(small)
        print(
            f"per-article cost ratio {large['articles']:,}/{small['articles']:,}: {ratio:.2f} wall,"
            f" {cpu_ratio:.2f} CPU (1.0 = linear)"
        )
        print(
            f"extrapolated to 1,000,000 articles at the largest size's per-article cost:"
            f" {per_article(large) * 1e6 / 60:.1f} min wall, {cpu_per_article(large) * 1e6 / 60:.1f} CPU-min"
            f" (linear: a floor while the ratio above exceeds 1)"
        )
        # The per-article cost still grows while band buckets fill up to their caps; carried on as a power
        # of the corpus size, as measured between the two sizes, it gives the pessimistic end.
        growth = math.log(cpu_ratio) / math.log(large["articles"] / small["articles"])
        grown = cpu_per_article(large) * (1e6 / large["articles"]) ** max(growth, 0.0)
        rss_slope = (large["peak_rss_mb"] - small["peak_rss_mb"]) / (large["articles"] - small["articles"])
        print(
            f"  per-article CPU growing as N^{growth:.2f}: {grown * 1e6 / 60:.0f} CPU-min;"
            f" peak RSS growing {1000 * rss_slope:.0f} MB per 1,000 articles:"
            f" {(large['peak_rss_mb'] + rss_slope * (1e6 - large['articles'])) / 1024:.1f} GB"
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()

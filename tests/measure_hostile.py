"""Peak memory and CPU time of the readers on each hostile input of issue 21 (the table in tests/README.md).

Each input is read in a child process (`read_articles` over the file, or
stdin for "-"); the child reports its own peak RSS (VmHWM in /proc/self/status)
and its CPU time (getrusage). Not a test: a measurement, run by hand:

    PYTHONPATH=src .venv/bin/python tests/measure_hostile.py [/tmp/hostile] [reader|parse|all]

`parse` measures the texts that reach the parser (`PARSED_TEXTS`): each goes
through the per-document step of a run (`DocumentAnalyser`: parse and every
stage, default limits and time budget) in a child that has loaded the model;
the child reports the peak RSS of the whole process, the CPU of that one
document, what became of it, and the longest piece and sentence the parser saw.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

READ = (
    "import resource, sys, time\n"
    "from dossier.read.readers import read_articles\n"
    "from dossier.records import DocumentError\n"
    "try:\n"
    "    for item in read_articles(sys.argv[1:]):\n"
    "        print(('error ' + item.source + ': ' + item.problem) if isinstance(item, DocumentError)"
    " else ('article ' + (item.source or '') + ' ' + str(len(item.text)) + ' chars'))\n"
    "except Exception as error:\n"
    "    print('raised ' + type(error).__name__ + ': ' + str(error))\n"
    "usage = resource.getrusage(resource.RUSAGE_SELF)\n"
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forking parent.
    "peak = next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM'))\n"
    "print(f'measured {peak / 1024:.0f} {usage.ru_utime + usage.ru_stime:.1f}')\n"
)

MB = 1024 * 1024


def zeros_warc_gz(path: Path) -> None:
    with gzip.open(path, "wb", compresslevel=9) as stream:
        for _ in range(4 * 1024):  # 4 GB of zeros compress to about 4 MB
            stream.write(bytes(MB))


def long_header_warc(size: int) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with path.open("wb") as stream:
            stream.write(b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: ")
            for _ in range(size // MB):
                stream.write(b"a" * MB)
            stream.write(b"\r\nContent-Length: 0\r\n\r\n\r\n\r\n")

    return write


def jsonl_lines(lines: list[str]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    return write


def huge_jsonl(path: Path) -> None:
    with path.open("w", encoding="utf-8") as stream:
        stream.write('{"text": "')
        for _ in range(40):
            stream.write("word " * MB)
        stream.write('"}\n' + GOOD + "\n")


def nested_html(depth: int) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        paragraph = "<p>Putin met Moon in Vladivostok on Wednesday, officials said.</p>"
        path.write_text("<html><body>" + "<div>" * depth + paragraph + "</div>" * depth + "</body></html>")

    return write


def big_paragraph_html(path: Path) -> None:
    path.write_text("<html><body><p>" + "Talks went on in Geneva. " * 780_000 + "</p></body></html>")


GOOD = json.dumps({"text": "Putin met Moon in Vladivostok."})
DIGITS = '{"text": "x", "n": ' + "7" * 5000 + "}"
FEED = (
    "<rss><channel><title>Desk</title>"
    "<item><title>One</title><pubDate>0000-00-00</pubDate><description>Putin met Moon.</description></item>"
    "<item><title>Two</title><description>Moon met Putin.</description></item></channel></rss>"
)

# name, file name, writer (None: stdin from the shell command in `stdin`)
INPUTS: list[tuple[str, str, Callable[[Path], None] | None, str | None]] = [
    ("a missing path among others", "a.txt", lambda p: p.write_text("A\n\nB."), None),
    ("RSS with pubDate 0000-00-00, then a later file", "feed.rss", lambda p: p.write_text(FEED), None),
    ("JSONL line of 100k nested [", "nested.jsonl", jsonl_lines([GOOD, "[" * 100_000, GOOD]), None),
    (
        "JSONL integer of 5,000 digits",
        "digits.jsonl",
        jsonl_lines([GOOD, DIGITS, GOOD]),
        None,
    ),
    ("5 GB of zeros on stdin", "-", None, "head -c 5G /dev/zero"),
    ("5 GB of text on stdin", "-", None, "yes 'Talks went on.' | head -c 5G"),
    ("4 MB .warc.gz of zeros (4 GB inflated)", "zeros.warc.gz", zeros_warc_gz, None),
    ("WARC header line of 16 MB", "long16.warc", long_header_warc(16 * MB), None),
    ("WARC header line of 100 MB", "long100.warc", long_header_warc(100 * MB), None),
    ("JSONL line of 200 MB, then a good line", "huge.jsonl", huge_jsonl, None),
    ("HTML nested 300 levels", "deep300.html", nested_html(300), None),
    ("HTML nested 200,000 levels", "deep200k.html", nested_html(200_000), None),
    ("HTML with a 19 MB `<p>`", "big-p.html", big_paragraph_html, None),
]


PARSE = (
    "import random, resource, sys, time\n"
    "from dossier.parse.model import prepare_pieces\n"
    "from dossier.pipeline import DocumentAnalyser, RunOptions\n"
    "from dossier.records import Article, DocumentError\n"
    "text = eval(sys.argv[1], {'random': random.Random(21)})\n"
    "analyser = DocumentAnalyser(RunOptions())\n"
    "loaded = next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM'))\n"
    "pieces, splits = prepare_pieces(analyser.nlp, text)\n"
    "longest_piece = max(len(piece) for piece in pieces)\n"
    "del pieces\n"
    "clock = time.process_time()\n"
    "outcome = analyser(Article.build(text))\n"
    "cpu = time.process_time() - clock\n"
    "result = outcome.result\n"
    "if isinstance(result, DocumentError):\n"
    "    print('error: ' + result.problem[:100])\n"
    "else:\n"
    "    print(f'analysed: {outcome.sentences} sentences, {len(result.mentions)} mentions')\n"
    "print(f'{len(text)} chars; parser pieces of at most {longest_piece} tokens; {splits} splits')\n"
    "peak = next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM'))\n"
    "print(f'measured {peak / 1024:.0f} {cpu:.1f} {loaded / 1024:.0f}')\n"
)

# What reaches the parser: name, and a Python expression of the text (`random` is seeded).
PARSED_TEXTS: list[tuple[str, str]] = [
    ('posted `{"text": "[" * 100000}`', "'[' * 100_000"),
    ("160 KB of only punctuation, no spaces", "''.join(random.choice('.,;:!?-[](){}\"\\'') for _ in range(160_000))"),
    ("160 KB of `. ` (punctuation and spaces)", "'. ' * 80_000"),
    ("8.4 MB text of 200,000 sentences", "'Officials in Seoul met envoys from Tokyo. ' * 200_000"),
    ("15 MB of text (a feed item's size)", "'Putin met Moon in Vladivostok on Wednesday, officials said. ' * 250_000"),
]


def measure_parse() -> None:
    print("| text | outcome | peak RSS (model loaded) | CPU of the document |")
    print("| --- | --- | --- | --- |")
    for name, expression in PARSED_TEXTS:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", PARSE, expression], capture_output=True, text=True)
        wall = time.perf_counter() - started
        lines = done.stdout.splitlines()
        if not lines or not lines[-1].startswith("measured "):
            print(f"| {name} | child failed: {done.stderr.strip().splitlines()[-1:]} | - | {wall:.1f} s wall |")
            continue
        _, rss_mb, cpu, loaded_mb = lines[-1].split()
        outcome = " / ".join(lines[:-1])
        print(f"| {name} | {outcome} | {rss_mb} MB ({loaded_mb} MB) | {cpu} s ({wall:.1f} s wall) |", flush=True)


def measure(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    print("| input | outcome | peak RSS | CPU |")
    print("| --- | --- | --- | --- |")
    for name, file_name, write, stdin in INPUTS:
        path = folder / file_name
        if write is not None:
            write(path)
        args = [str(path)] if file_name != "-" else ["-"]
        if name.startswith("a missing path"):
            args = [str(path), str(folder / "nonexistent"), str(path)]
        if name.startswith("RSS"):
            (folder / "later.txt").write_text("Later report\n\nMoon met Putin.")
            args = [str(path), str(folder / "later.txt")]
        command = [sys.executable, "-c", READ, *args]
        started = time.perf_counter()
        if stdin:
            producer = subprocess.Popen(stdin, shell=True, stdout=subprocess.PIPE)
            done = subprocess.run(command, stdin=producer.stdout, capture_output=True, text=True)
            assert producer.stdout is not None
            producer.stdout.close()
            producer.wait()
        else:
            done = subprocess.run(command, capture_output=True, text=True)
        wall = time.perf_counter() - started
        lines = done.stdout.splitlines()
        if not lines or not lines[-1].startswith("measured "):
            print(f"| {name} | child failed: {done.stderr.strip().splitlines()[-1:]} | - | {wall:.1f} s wall |")
            continue
        _, rss_mb, cpu = lines[-1].split()
        outcome = " / ".join(line[:110] for line in lines[:-1])
        print(f"| {name} | {outcome} | {rss_mb} MB | {cpu} s CPU ({wall:.1f} s wall) |", flush=True)
        if write is not None and path.exists() and path.stat().st_size > 10 * MB:
            path.unlink()


if __name__ == "__main__":
    which = sys.argv[2] if len(sys.argv) > 2 else "all"
    if which in ("reader", "all"):
        measure(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/hostile"))
    if which in ("parse", "all"):
        measure_parse()

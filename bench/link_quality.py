"""Quality of the link stage: precision/recall on the test corpus, the seed pair, and links in PolNeAR.

    .venv/bin/python bench/link_quality.py

1. The spinner corpus of tests/link/link_corpus.py at a range of thresholds.
2. The two seed reports: every sentence and story link found between them.
3. The PolNeAR training texts (../shared/dev/polnear_train/text, 840 US
   election articles from seven outlets): how many links of each kind, and a
   sample of rewordings and near-duplicates to read by eye, since real
   syndication has no gold.
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.link.link_corpus import build_corpus, register_names, score_sentence_links  # noqa: E402

from dossier.link.linker import LinkOptions, link_articles  # noqa: E402
from dossier.read.readers import ReadOptions, read_articles  # noqa: E402
from dossier.records import Article  # noqa: E402

SHARED = REPO.parent / "shared"


def corpus_scores() -> None:
    articles, truth = build_corpus()
    register_names(articles)
    print("test corpus:", len(articles), "articles,", len(truth), "sentences")
    print("  sequence threshold  precision  recall  links/expected")
    for threshold in (0.5, 0.55, 0.6, 0.65, 0.7, 0.8):
        links = link_articles(articles, LinkOptions(sentence_threshold=threshold))
        precision, recall, found, expected = score_sentence_links(links, truth)
        print(f"  {threshold:>18.2f}  {precision:>9.3f}  {recall:>6.3f}  {found}/{expected}")
    links = link_articles(articles)
    print("  kinds at the defaults:", dict(Counter(ln.kind for ln in links)))


def read_folder(folder: Path) -> list[Article]:
    return [a for a in read_articles([folder], ReadOptions()) if isinstance(a, Article)]


def seed_links() -> None:
    seeds = read_folder(SHARED / "corpus" / "seeds")
    links = link_articles(seeds)
    print(f"seeds: {len(seeds)} articles, {len(links)} links")
    for ln in links:
        print(" ", ln.kind, ln.similarity, ln.detail.get("a_text", ln.a)[:90], "|", ln.detail.get("b_text", ln.b)[:90])


def polnear_links(sample: int = 6) -> None:
    folder = SHARED / "dev" / "polnear_train" / "text"
    if not folder.is_dir():
        print("polnear: not found")
        return
    articles = read_folder(folder)
    started = time.perf_counter()
    links = link_articles(articles)
    seconds = time.perf_counter() - started
    print(f"polnear: {len(articles)} articles linked in {seconds:.1f} s: {dict(Counter(ln.kind for ln in links))}")
    rng = random.Random(5)
    for kind in ("exact", "near_duplicate", "rewording"):
        chosen = [ln for ln in links if ln.kind == kind and ln.detail["level"] == "sentence"]
        for ln in rng.sample(chosen, min(sample, len(chosen))):
            print(f"  {kind} {ln.similarity}: {ln.detail['a_text'][:110]!r}")
            print(f"  {' ' * len(kind)}       {ln.detail['b_text'][:110]!r}")
    stories = Counter(ln.detail["story"] for ln in links if ln.kind == "same_story")
    print("  story sizes (largest ten):", [n + 1 for _, n in stories.most_common(10)])


if __name__ == "__main__":
    corpus_scores()
    seed_links()
    polnear_links()

"""A run stores in batches and links each batch as it is stored: same results as linking after the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.link.incremental import LinkAsStored
from dossier.link.linker import link_articles
from dossier.pipeline import BatchStorer, DocumentOutcome, RunOptions, RunReport, link_stored, run
from dossier.records import ActorRef, Article, ArticleAnalysis, DocumentError, Mention
from dossier.store import link_state
from dossier.store.database import Store
from dossier.store.merge_state import events_with_merges
from tests.conftest import SEEDS, SHARED
from tests.link.link_corpus import build_corpus

POLNEAR = SHARED / "dev" / "polnear_train" / "text"


def linked_state(store: Store) -> tuple[list[str], dict[str, str]]:
    """The stored links (as exported) and every article's story."""
    links = sorted(json.dumps(record, sort_keys=True) for record in store.iter_records("links"))
    return links, link_state.story_clusters(store.connection)


@pytest.mark.parametrize("batch", [1, 3, 7])
def test_linking_each_stored_batch_gives_the_links_and_stories_of_linking_after_the_run(batch: int) -> None:
    articles, _ = build_corpus()
    with Store.open(":memory:") as after_run:
        for article in articles:
            after_run.save_analysis(ArticleAnalysis(article))
        after_run.replace_links(link_articles(after_run))
        expected = linked_state(after_run)
    with Store.open(":memory:") as as_stored:
        linker = LinkAsStored(as_stored)
        for start in range(0, len(articles), batch):
            with as_stored.batch():
                for article in articles[start : start + batch]:
                    as_stored.save_analysis(ArticleAnalysis(article))
            assert linker.link_new() == len(articles[start : start + batch])
        as_stored.replace_links(link_articles(as_stored))
        found = linked_state(as_stored)
    assert len(expected[0]) > 20 and len(set(expected[1].values())) < len(articles)  # the corpus has links
    assert found == expected


def test_an_article_the_store_refuses_fails_alone_and_its_batch_is_kept(tmp_path: Path) -> None:
    good = Article.build("Turkish Foreign Minister Mevlut Cavusoglu met his Ukrainian counterpart in Geneva.")
    bad = Article.build("Russia accused Ukraine of shelling civilians.")
    # An offset SQLite cannot hold: the insert raises OverflowError inside the batch.
    huge = Mention(bad.id, 2**70, 2**70 + 6, "Russia", ActorRef("RUS", "Russia"))
    outcomes = [
        DocumentOutcome(ArticleAnalysis(good)),
        DocumentOutcome(ArticleAnalysis(bad, mentions=(huge,))),
        DocumentOutcome(DocumentError("unreadable.txt", "read failed: not text")),
    ]
    notified: list[str] = []
    with Store.open(tmp_path / "d.db") as store:
        report = RunReport()
        storer = BatchStorer(store, report, notified.append, RunOptions(store_batch_articles=10))
        for outcome in outcomes:
            storer.add(outcome)
        assert notified == [] and store.article_count() == 0  # nothing reported before its commit
        storer.commit()
        assert [a.id for a in store.articles()] == [good.id]
        assert [e["source"] for e in store.iter_records("errors")] == [bad.id, "unreadable.txt"]
    assert "cannot be stored: OverflowError" in report.errors[0].problem
    assert notified == [good.id, bad.id, "unreadable.txt"]
    assert [a.article.id for a in report.analysed] == [good.id]


def test_a_batch_is_committed_when_full_or_after_its_seconds(tmp_path: Path) -> None:
    articles = [Article.build(f"Officials in Seoul met envoys from Tokyo on day {day}.") for day in range(5)]
    commits: list[int] = []
    with Store.open(tmp_path / "d.db") as store:
        options = RunOptions(store_batch_articles=2, store_batch_seconds=3600)
        storer = BatchStorer(
            store, RunReport(), lambda _: None, options, lambda stored: commits.append(store.article_count())
        )
        for article in articles:
            storer.add(DocumentOutcome(ArticleAnalysis(article)))
        storer.commit()
        assert commits == [2, 4, 5]
        timed = BatchStorer(store, RunReport(), lambda _: None, RunOptions(store_batch_seconds=0), lambda stored: None)
        timed.add(DocumentOutcome(ArticleAnalysis(Article.build("Moon met Abe in Tokyo."))))
        assert store.article_count() == 6 and timed.pending == []


@pytest.mark.model
def test_a_run_linking_as_it_stores_ends_with_the_links_stories_and_merged_events_of_linking_after_it(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    # A rewrite of a seed, a day later: copied and changed sentences, one story, merged events.
    first_seed = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    rewrite = first_seed.replace("Posted September 11, 2017", "Posted September 12, 2017").replace(" said", " stated")
    (folder / "zz_rewrite.txt").write_text(rewrite, encoding="utf-8")
    for report in sorted(POLNEAR.glob("*.txt"))[:4] if POLNEAR.is_dir() else []:
        (folder / report.name).write_bytes(report.read_bytes())

    results = {}
    after_run = RunOptions(link=False, merge_events=False)  # what `dossier run` did before linking as it stores
    for name, options in (("after", after_run), ("as stored", RunOptions(store_batch_articles=2))):
        with Store.open(tmp_path / f"{name}.db") as store:
            report = run([folder], store, options)
            if name == "after":
                link_stored(store, RunOptions())
            merged = sorted(json.dumps(event["merged_event"], sort_keys=True) for event in events_with_merges(store))
            results[name] = (*linked_state(store), merged)
        assert not report.errors and report.first_stored_seconds is not None and report.main_cpu_seconds > 0
    links, stories, merged = results["after"]
    kinds = {json.loads(link)["kind"] for link in links}
    assert {"exact", "near_duplicate", "same_story", "same_event"} <= kinds, kinds
    assert len(set(stories.values())) < len(stories)
    assert any('"reports": 2' in event for event in merged)
    assert results["as stored"] == results["after"]


def test_linking_as_stored_reads_the_state_again_after_another_linker_wrote(tmp_path: Path) -> None:
    articles, _ = build_corpus()
    half = len(articles) // 2
    with Store.open(tmp_path / "after.db") as after_run:
        for article in articles:
            after_run.save_analysis(ArticleAnalysis(article))
        after_run.replace_links(link_articles(after_run))
        expected = linked_state(after_run)
    with Store.open(tmp_path / "shared.db") as ours, Store.open(tmp_path / "shared.db") as theirs:
        linker = LinkAsStored(ours)
        for article in articles[:half]:
            ours.save_analysis(ArticleAnalysis(article))
        assert linker.link_new() == half
        for article in articles[half:]:  # another run stores and links the rest
            theirs.save_analysis(ArticleAnalysis(article))
        LinkAsStored(theirs).link_new()
        ours.save_analysis(ArticleAnalysis(Article.build("Talks on the grain corridor resumed in Geneva.")))
        assert linker.link_new() == 1
        sids = [row[0] for row in ours.connection.execute("SELECT sid FROM link_sentences")]
        assert len(sids) == len(set(sids))
        ours.replace_links(link_articles(ours))
        links, stories = linked_state(ours)
    assert links == expected[0]  # the late article links to nothing
    assert {article: story for article, story in stories.items() if article in expected[1]} == expected[1]


def test_the_profile_names_the_critical_path_of_main_process_and_workers() -> None:
    from dossier.cli.report import describe_processes

    report = RunReport(main_cpu_seconds=3.3, worker_cpu_seconds=21.0, processes=2, first_stored_seconds=4.2)
    report.final_link_seconds = 0.4
    assert describe_processes(report) == (
        "processes: main 3.30 CPU s, 2 worker(s) 21.00 CPU s (10.50 each); wall at least 10.5 s with free cores; "
        "first article stored after 4.2 s; linking after the last one 0.40 s"
    )
    alone = RunReport(main_cpu_seconds=5.0, processes=1)
    assert describe_processes(alone).startswith("processes: main 5.00 CPU s, 0 worker(s) 0.00 CPU s (0.00 each)")
    assert "wall at least 5.0 s" in describe_processes(alone) and "stored after none" in describe_processes(alone)

"""`dossier spark` on PolNeAR dev articles: links, story clusters and merged events equal to the local run.

CI runs 12 articles; `DOSSIER_SPARK_DEV_ARTICLES=200` runs the comparison docs/link.md reports.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli.commands import app
from dossier.link.linker import LinkOptions, link_articles
from dossier.records import Article
from dossier.spark.job import TABLES
from tests.conftest import SHARED
from tests.spark.test_spark import LOCAL_FLAGS, _local_records, _spark_records

POLNEAR = SHARED / "dev" / "polnear_train" / "text"
ARTICLES = int(os.environ.get("DOSSIER_SPARK_DEV_ARTICLES", "12"))

pytestmark = [
    pytest.mark.model,
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java 17 or later: no `java` on PATH"),
    pytest.mark.skipif(not POLNEAR.is_dir(), reason="the PolNeAR dev texts are not here"),
]


def story_articles(count: int) -> list[Path]:
    """`count` PolNeAR texts, those of the largest story clusters first (the lexical linker's, which is quick),
    then by name: the comparison must cover shared sentences, stories and merged events."""
    paths = sorted(POLNEAR.glob("*.txt"))
    articles = [Article.build(path.read_text(encoding="utf-8"), name=path.name) for path in paths]
    path_of = {article.id: path for article, path in zip(articles, paths, strict=True)}
    members: dict[str, set[str]] = {}
    for link in link_articles(articles, LinkOptions(semantic=False)):
        if link.kind == "same_story":
            members.setdefault(link.a, {link.a}).add(link.b)
    chosen: list[Path] = []
    for story in sorted(members.values(), key=lambda ids: (-len(ids), sorted(path_of[i].name for i in ids))):
        chosen.extend(sorted(path_of[i] for i in story))
    chosen.extend(path for path in paths if path not in chosen)
    return chosen[:count]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("polnear")
    for path in story_articles(ARTICLES):
        shutil.copy(path, folder / path.name)
    output = tmp_path_factory.mktemp("spark") / "tables"
    result = CliRunner().invoke(app, ["spark", str(folder), "--output", str(output), *LOCAL_FLAGS])
    assert result.exit_code == 0, result.output
    db = tmp_path_factory.mktemp("local") / "local.db"
    ran = CliRunner().invoke(app, ["run", str(folder), "--db", str(db), "--quiet"])
    assert ran.exit_code == 0, ran.output
    return output, db


@pytest.mark.parametrize("kind", TABLES)
def test_each_table_equals_the_local_run(runs: tuple[Path, Path], kind: str) -> None:
    output, db = runs
    assert _spark_records(output, kind) == _local_records(db, kind)


def test_the_comparison_covered_links_stories_and_merged_events(runs: tuple[Path, Path]) -> None:
    output, _ = runs
    links = [json.loads(link) for link in _spark_records(output, "links")]
    kinds = Counter(link["kind"] for link in links)
    assert kinds["same_story"] > 0 and kinds["same_event"] > 0, kinds
    assert kinds["exact"] + kinds["near_duplicate"] + kinds["rewording"] > 0, kinds
    events = [json.loads(event) for event in _spark_records(output, "events")]
    assert any(event["merged_event.reports"] > 1 for event in events)

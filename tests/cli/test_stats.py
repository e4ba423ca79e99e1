"""`dossier stats`, `dossier export network` and `dossier search` over a small hand-built corpus."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.analysis.network import event_network, write_gexf, write_graphml
from dossier.analysis.stats import event_stats, period_of, stored_event_stats
from dossier.cli.commands import app
from dossier.records import ActorRef, Article, ArticleAnalysis
from dossier.store.database import Store
from dossier.store.queries import EventFilter, search_articles
from tests.export.export_fixtures import build_corpus

runner = CliRunner()


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("stats") / "corpus.db")


def event(source: ActorRef, target: ActorRef | None, goldstein: float, quad: int, date: str) -> dict:
    return {
        "source": source.to_dict(),
        "target": target.to_dict() if target else None,
        "goldstein": goldstein,
        "quad_class": quad,
        "root_code": "04" if quad == 1 else "11",
        "date_effective": date,
    }


PUTIN = ActorRef("RUSGOV", "Vladimir Putin", "RUS", "GOV")
LAVROV = ActorRef("RUSGOV", "Sergei Lavrov", "RUS", "GOV")
MOON = ActorRef("KORGOV", "Moon Jae-in", "KOR", "GOV")
ABE = ActorRef("JPNGOV", "Shinzo Abe", "JPN", "GOV")
EVENTS = [
    event(PUTIN, MOON, 1.0, 1, "2017-09-06"),
    event(PUTIN, MOON, 3.0, 1, "2017-09-07"),
    event(LAVROV, MOON, -2.0, 3, "2017-09-20"),
    event(MOON, ABE, 4.0, 1, "2017-10-02"),
    event(ABE, None, -5.0, 4, "2017-10"),
]


# ------------------------------------------------------------------ stats


def test_counts_goldstein_sums_and_means_by_dyad_keep_each_actor_apart() -> None:
    rows = {row.keys: row for row in event_stats(EVENTS, ["dyad"]).rows}
    putin_moon = rows[("Vladimir Putin (RUSGOV)", "Moon Jae-in (KORGOV)")]
    assert (putin_moon.events, putin_moon.goldstein_sum, putin_moon.goldstein_mean) == (2, 4.0, 2.0)
    assert rows[("Sergei Lavrov (RUSGOV)", "Moon Jae-in (KORGOV)")].events == 1
    assert rows[("Shinzo Abe (JPNGOV)", "")].events == 1  # an event without a target is its source's alone


def test_grouping_by_code_or_country_is_asked_for() -> None:
    by_code = {row.keys: row.events for row in event_stats(EVENTS, ["dyad"], "code").rows}
    assert by_code[("RUSGOV", "KORGOV")] == 3
    by_country = {row.keys: row.goldstein_sum for row in event_stats(EVENTS, ["source"], "country").rows}
    assert by_country == {("RUS",): 2.0, ("KOR",): 4.0, ("JPN",): -5.0}


def test_periods_and_quad_classes() -> None:
    by_month = [(row.keys, row.events) for row in event_stats(EVENTS, ["month"]).rows]
    assert by_month == [(("2017-09",), 3), (("2017-10",), 2)]
    by_day = [row.keys[0] for row in event_stats(EVENTS, ["day"]).rows]
    assert by_day == ["2017-09-06", "2017-09-07", "2017-09-20", "2017-10", "2017-10-02"]  # a month stays a month
    by_week = {row.keys: row.events for row in event_stats(EVENTS, ["week"]).rows}
    assert by_week[("2017-W36",)] == 2
    by_quad = {row.keys: row.events for row in event_stats(EVENTS, ["quad"]).rows}
    assert by_quad == {("1",): 3, ("3",): 1, ("4",): 1}
    assert period_of("2017-09-03", "year") == "2017" and period_of(None, "day") == ""


def test_an_actor_filter_keeps_events_on_either_side() -> None:
    rows = event_stats(EVENTS, ["dyad"], actor="moon").rows
    assert sum(row.events for row in rows) == 4
    assert sum(row.events for row in event_stats(EVENTS, ["dyad"], actor="JPN").rows) == 2


def test_an_actor_filter_matches_a_word_start_in_a_name_as_the_store_does() -> None:
    assert sum(row.events for row in event_stats(EVENTS, ["dyad"], actor="lav").rows) == 1  # Sergei Lavrov
    assert event_stats(EVENTS, ["dyad"], actor="avrov").rows == ()  # inside a word: no match


def test_stats_over_the_store_filter_by_date(database: Path) -> None:
    with Store.open(database, read_only=True) as store:
        every = stored_event_stats(store, ["root"])
        later = stored_event_stats(store, ["root"], EventFilter(since="2017-09-07"))
    assert {row.keys: row.events for row in every.rows} == {("04",): 1, ("11",): 1, ("17",): 1}
    assert {row.keys for row in later.rows} == {("17",)}


def test_the_stats_command_prints_a_table_and_csv(database: Path, tmp_path: Path) -> None:
    table = runner.invoke(app, ["stats", "--db", str(database), "--by", "dyad"])
    assert table.exit_code == 0, table.output
    assert "Vladimir" in table.output and "(RUSGOV)" in table.output and "goldstein_mean" in table.output
    printed = runner.invoke(app, ["stats", "--db", str(database), "--by", "root", "--by", "month", "--csv"])
    rows = list(csv.DictReader(io.StringIO(printed.output)))
    assert list(rows[0]) == ["root_code", "month", "events", "goldstein_sum", "goldstein_mean"]
    assert {(row["root_code"], row["month"], row["goldstein_sum"]) for row in rows} == {
        ("04", "2017-09", "1.0"),
        ("11", "2017-09", "-2.0"),
        ("17", "2017-09", "-9.0"),
    }
    result = runner.invoke(app, ["stats", "--db", str(database), "--actor", "police", "-o", str(tmp_path / "s.csv")])
    assert result.exit_code == 0 and "wrote 1 rows" in result.output
    assert runner.invoke(app, ["stats", "--db", str(database), "--by", "outlet"]).exit_code == 2
    assert runner.invoke(app, ["stats", "--db", str(database), "--since", "last week"]).exit_code == 2


@pytest.mark.parametrize("bound", ["--since", "--until"])
@pytest.mark.parametrize("value", ["2017-13", "2017-02-30", "2017-00", "0000"])
def test_an_impossible_date_is_a_usage_error_not_an_empty_answer(database: Path, bound: str, value: str) -> None:
    result = runner.invoke(app, ["stats", "--db", str(database), bound, value])
    assert result.exit_code == 2, result.output
    assert f"{value!r} is not a date" in result.output


def test_a_real_partial_date_is_taken(database: Path) -> None:
    for value in ("2017", "2017-09", "2016-02-29"):
        assert runner.invoke(app, ["stats", "--db", str(database), "--since", value]).exit_code == 0


# ------------------------------------------------------------------ network


def test_the_network_has_actors_as_nodes_and_weighted_edges() -> None:
    network = event_network(EVENTS)
    nodes = {node.id: node for node in network.nodes}
    assert nodes["RUSGOV|Vladimir Putin"].country == "RUS" and nodes["RUSGOV|Vladimir Putin"].events == 2
    edges = {(edge.source, edge.target): edge for edge in network.edges}
    putin_moon = edges[("RUSGOV|Vladimir Putin", "KORGOV|Moon Jae-in")]
    assert (putin_moon.count, putin_moon.goldstein_mean, putin_moon.quad_class) == (2, 2.0, 1)
    assert putin_moon.quad_counts == (2, 0, 0, 0)
    by_code = {(edge.source, edge.target): edge.count for edge in event_network(EVENTS, "code").edges}
    assert by_code[("RUSGOV", "KORGOV")] == 3


def test_graphml_and_gexf_read_back_with_networkx() -> None:
    networkx = pytest.importorskip("networkx")
    network = event_network(EVENTS)
    for write, read in ((write_graphml, networkx.read_graphml), (write_gexf, networkx.read_gexf)):
        stream = io.StringIO()
        write(network, stream)
        graph = read(io.BytesIO(stream.getvalue().encode("utf-8")))
        assert graph.is_directed() and graph.number_of_nodes() == 4 and graph.number_of_edges() == 3
        edge = graph.edges["RUSGOV|Vladimir Putin", "KORGOV|Moon Jae-in"]
        assert (edge["count"], edge["weight"], edge["goldstein_mean"], edge["quad_class"]) == (2, 2.0, 2.0, 1)
        node = graph.nodes["KORGOV|Moon Jae-in"]
        assert (node["code"], node["country"], node["events"]) == ("KORGOV", "KOR", 4)
        name = node["name"] if "name" in node else node["label"]
        assert name == "Moon Jae-in"


def test_dossier_export_network_writes_graphml_and_gexf(database: Path, tmp_path: Path) -> None:
    networkx = pytest.importorskip("networkx")
    for fmt, read in (("graphml", networkx.read_graphml), ("gexf", networkx.read_gexf)):
        path = tmp_path / f"actors.{fmt}"
        result = runner.invoke(app, ["export", "network", "--db", str(database), "--format", fmt, "-o", str(path)])
        assert result.exit_code == 0, result.output
        graph = read(path)
        assert graph.has_edge("RUSGOV|Vladimir Putin", "KORGOV|Moon Jae-in")
        assert graph.has_edge("KORCOP|police", "|protesters")
    by_country = runner.invoke(app, ["export", "network", "--db", str(database), "--by-country"])
    assert networkx.read_graphml(io.BytesIO(by_country.output.encode("utf-8"))).has_edge("RUS", "KOR")
    wrong = runner.invoke(app, ["export", "quotes", "--db", str(database), "--format", "gexf"])
    assert wrong.exit_code == 2 and "dossier export network" in wrong.output


# ------------------------------------------------------------------ search


def test_search_snippets_keep_the_matched_word(tmp_path: Path) -> None:
    text = 'Sanctions on oil remain.\n\n"We need the Security Council [to act]," Mr. Moon told reporters in Seoul.'
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        store.save_analysis(ArticleAnalysis(Article.build(text, title="Moon [update]")))
        (hit,) = search_articles(store, "Council")
    assert "«Council»" in hit["snippet"]
    result = runner.invoke(app, ["search", "Council", "--db", str(db)])
    assert result.exit_code == 0
    # rich must not read "[to act]" or the match marks as markup
    assert "Security Council [to act]" in result.output and "Moon [update]" in result.output
    assert "sanctions" in json.dumps(runner.invoke(app, ["search", "sanctions", "--db", str(db)]).output).lower()

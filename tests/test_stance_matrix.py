"""The actor x issue matrix over stored stances, and the `dossier stances` command."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from dossier.cli.commands import app
from dossier.records import ActorRef, Article, ArticleAnalysis, Stance
from dossier.stance.matrix import build_matrix, stance_matrix
from dossier.store.database import Store

runner = CliRunner()
TEXT = "Mexico backed the tariffs. Brazil rejected the tariffs. Canada called for a grain deal."


def record(code: str, issue: str, polarity: str, strength: float) -> dict:
    actor = {"code": code, "name": code, "country": code[:3], "role": code[3:] or None}
    return {"actor": actor, "issue": issue, "polarity": polarity, "strength": strength, "evidence": "..."}


def test_the_matrix_counts_sides_and_lists_disputed_issues_first() -> None:
    matrix = build_matrix(
        [
            record("CAN", "grain_deal", "support", 0.7),
            record("CAN", "grain_deal", "support", 0.6),
            record("MEX", "tariffs", "support", 0.5),
            record("MEX", "tariffs", "support", 0.9),
            record("BRA", "tariffs", "oppose", 0.8),
        ]
    )
    assert matrix.issues == ["tariffs", "grain_deal"]  # disputed first, though grain_deal has as many stances
    assert matrix.disputed("tariffs") and not matrix.disputed("grain_deal")
    mexico, brazil = matrix.row("tariffs")
    assert (mexico.actor, mexico.support, mexico.strongest["strength"]) == ("MEX", 2, 0.9)
    assert (brazil.actor, brazil.position) == ("BRA", "oppose")


def test_actors_can_be_grouped_by_country() -> None:
    matrix = build_matrix(
        [record("MEXGOV", "tariffs", "support", 0.5), record("MEX", "tariffs", "oppose", 0.6)], by="country"
    )
    (cell,) = matrix.row("tariffs")
    assert (cell.actor, cell.support, cell.oppose, cell.position) == ("MEX", 1, 1, "mixed")


def test_proposed_issues_come_last() -> None:
    matrix = build_matrix([record("CAN", "proposed:tariff", "support", 0.5), record("CAN", "deal", "support", 0.5)])
    assert matrix.issues == ["deal", "proposed:tariff"] and matrix.has_proposed


def stored(tmp_path: Path) -> Path:
    db = tmp_path / "stances.db"
    article = Article.build(TEXT, name="trade")

    def stance(name: str, code: str, issue: str, polarity: str, evidence: str) -> Stance:
        start = TEXT.index(evidence)
        return Stance(
            article.id, ActorRef(code, name, code, None), issue, polarity, 0.8, evidence, start, start + len(evidence)
        )

    stances = (
        stance("Mexico", "MEX", "tariffs", "support", "Mexico backed the tariffs"),
        stance("Brazil", "BRA", "tariffs", "oppose", "Brazil rejected the tariffs"),
        stance("Canada", "CAN", "grain_deal", "support", "Canada called for a grain deal"),
    )
    with Store.open(db) as store:
        store.save_analysis(ArticleAnalysis(article, stances=stances))
        assert len(stance_matrix(store).cells) == 3
    return db


def test_the_stances_command_prints_the_table(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stances", "--db", str(stored(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "(disputed)" in result.output and "Brazil rejected" in result.output
    assert result.output.index("tariffs") < result.output.index("grain_deal")


def test_the_stances_command_prints_json_for_one_issue(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stances", "--db", str(stored(tmp_path)), "--issue", "grain_deal", "--json"])
    data = json.loads(result.output)
    assert [entry["issue"] for entry in data["issues"]] == ["grain_deal"]
    assert data["issues"][0]["actors"][0]["strongest"]["evidence"] == "Canada called for a grain deal"


def test_the_stances_command_on_a_missing_database_is_a_one_line_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stances", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no such database" in result.output


def test_a_bad_issues_file_stops_the_run_before_reading(tmp_path: Path) -> None:
    issues = tmp_path / "bad.yaml"
    issues.write_text("issues:\n  - id: deal\n    terms: []\n", encoding="utf-8")
    (tmp_path / "in.txt").write_text("Canada backed the deal.", encoding="utf-8")
    arguments = ["run", str(tmp_path / "in.txt"), "--db", str(tmp_path / "d.db"), "--issues", str(issues)]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    assert "bad.yaml:2: issue deal: terms must be a non-empty list" in result.output


def test_a_run_without_an_issues_file_says_that_issues_are_proposed(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text("Canada rejected calls for new tariffs.", encoding="utf-8")
    arguments = ["run", str(tmp_path / "in.txt"), "--db", str(tmp_path / "d.db"), "--no-link"]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert "no --issues file" in result.output
    table = runner.invoke(app, ["stances", "--db", str(tmp_path / "d.db")])
    assert "derived from the reports" in table.output
    data = json.loads(runner.invoke(app, ["stances", "--db", str(tmp_path / "d.db"), "--json"]).output)
    assert [entry["issue"] for entry in data["issues"]] == ["proposed:tariff"]

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
    # Two actors take a side on tariffs: a proposed issue needs two holders or two reports.
    text = "Canada rejected calls for new tariffs. Mexico rejected calls for new tariffs."
    (tmp_path / "in.txt").write_text(text, encoding="utf-8")
    arguments = ["run", str(tmp_path / "in.txt"), "--db", str(tmp_path / "d.db"), "--no-link"]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert "no --issues file" in result.output
    table = runner.invoke(app, ["stances", "--db", str(tmp_path / "d.db")])
    assert "derived from the reports" in table.output
    data = json.loads(runner.invoke(app, ["stances", "--db", str(tmp_path / "d.db"), "--json"]).output)
    assert [entry["issue"] for entry in data["issues"]] == ["proposed:tariff"]


def test_an_actor_is_its_code_and_name_unless_grouping_by_code_is_asked_for() -> None:
    putin = {"code": "RUSGOV", "name": "Vladimir Putin", "country": "RUS", "role": "GOV"}
    officials = {"code": "RUSGOV", "name": "Russian government officials", "country": "RUS", "role": "GOV"}
    records = [
        {"actor": putin, "issue": "sanctions", "polarity": "support", "strength": 0.5, "evidence": "..."},
        {"actor": officials, "issue": "sanctions", "polarity": "oppose", "strength": 0.9, "evidence": "..."},
        {"actor": officials, "issue": "sanctions", "polarity": "oppose", "strength": 0.7, "evidence": "..."},
    ]
    by_actor = {cell.actor: (cell.support, cell.oppose) for cell in build_matrix(records).row("sanctions")}
    assert by_actor == {"Vladimir Putin": (1, 0), "Russian government officials": (0, 2)}
    (by_code,) = build_matrix(records, by="code").row("sanctions")
    assert (by_code.actor, by_code.support, by_code.oppose, by_code.name) == (
        "RUSGOV",
        1,
        2,
        "Russian government officials",
    )
    assert build_matrix(records).row("sanctions")[0].label == "Vladimir Putin (RUSGOV)"


def test_two_actors_of_one_name_stay_apart() -> None:
    records = [
        {"actor": {"code": code, "name": "Donald Trump"}, "issue": "tariffs", "polarity": "support", "strength": 0.5}
        for code in ("USAELI", "USAGOV")
    ]
    assert sorted(cell.actor for cell in build_matrix(records).cells) == [
        "Donald Trump (USAELI)",
        "Donald Trump (USAGOV)",
    ]


def test_a_proposed_issue_needs_two_reports_or_two_holders() -> None:
    from dossier.stance.proposals import supported_proposals

    canada = {"code": "CAN", "name": "Canada"}
    one = {"issue": "proposed:guy", "article_id": "a1", "actor": canada, "polarity": "oppose", "strength": 0.5}
    again = {**one, "article_id": "a2", "issue": "proposed:tariff"}
    other = {**one, "issue": "proposed:tariff", "actor": {"code": "MEX", "name": "Mexico"}}
    assert supported_proposals([one]) == set()
    assert supported_proposals([one, again, {**again, "article_id": "a3"}]) == {"proposed:tariff"}
    assert supported_proposals([one, other, {**other, "actor": canada}]) == {"proposed:tariff"}
    assert (
        supported_proposals([{**one, "issue": "sanctions"}, {**one, "issue": "sanctions", "article_id": "a9"}]) == set()
    )


def test_stances_of_a_proposed_issue_seen_once_are_not_listed(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    article = Article.build(TEXT, name="trade")
    start = TEXT.index("Mexico backed the tariffs")
    guy = Stance(
        article.id, ActorRef("MEX", "Mexico", "MEX", None), "proposed:guy", "support", 0.8, "x", start, start + 5
    )
    kept = Stance(article.id, ActorRef("BRA", "Brazil", "BRA", None), "tariffs", "oppose", 0.8, "x", start, start + 5)
    with Store.open(db) as store:
        store.save_analysis(ArticleAnalysis(article, stances=(guy, kept)))
        assert stance_matrix(store).issues == ["tariffs"]
    data = json.loads(runner.invoke(app, ["stances", "--db", str(db), "--json"]).output)
    assert [(entry["issue"], entry["proposed"]) for entry in data["issues"]] == [("tariffs", False)]


def test_the_stances_command_lists_proposed_issues_apart(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    article = Article.build(TEXT, name="trade")
    start = TEXT.index("Mexico backed the tariffs")

    def stance(code: str, issue: str) -> Stance:
        return Stance(article.id, ActorRef(code, code, code, None), issue, "support", 0.8, "x", start, start + 5)

    stances = (stance("MEX", "proposed:grain_deal"), stance("CAN", "proposed:grain_deal"), stance("BRA", "tariffs"))
    with Store.open(db) as store:
        store.save_analysis(ArticleAnalysis(article, stances=stances))
    output = runner.invoke(app, ["stances", "--db", str(db)]).output
    assert output.index("tariffs") < output.index("issues proposed from the reports") < output.index("proposed:")


def test_the_stances_command_groups_by_code_when_asked(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stances", "--db", str(stored(tmp_path)), "--by-code", "--by-country"])
    assert result.exit_code == 2
    data = json.loads(runner.invoke(app, ["stances", "--db", str(stored(tmp_path)), "--by-code", "--json"]).output)
    assert {cell["actor"] for entry in data["issues"] for cell in entry["actors"]} == {"MEX", "BRA", "CAN"}

"""The CLI: help everywhere, exit codes, and the commands of the README."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli.commands import app
from tests.conftest import GOLD, REPORT_TEXT, SEEDS

runner = CliRunner()
COMMANDS = [name for name in (c.name or c.callback.__name__ for c in app.registered_commands)]  # type: ignore[union-attr]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output and len(result.output) > 200


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"dossier {command}" in readme


def test_unknown_option_is_a_usage_error() -> None:
    assert runner.invoke(app, ["run", "--no-such-flag", "x"]).exit_code == 2


def test_python_dash_m_works() -> None:
    result = subprocess.run([sys.executable, "-m", "dossier", "version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("dossier ")


def test_export_of_a_missing_database_is_a_one_line_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "articles", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no such database" in result.output


@pytest.mark.model
def test_run_export_and_eval_on_the_seeds(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    result = runner.invoke(app, ["run", str(SEEDS), "--db", db])
    assert result.exit_code == 0, result.output
    assert "2 analysed" in result.output
    exported = runner.invoke(app, ["export", "articles", "--db", db])
    records = [json.loads(line) for line in exported.output.splitlines()]
    assert {r["name"] for r in records} == {"000_1602148874cab37f", "002_f426b72678450e3a"}
    scored = runner.invoke(app, ["eval", str(GOLD), "--db", db, "--json"])
    assert scored.exit_code == 0
    assert set(json.loads(scored.output)["scores"]) == {"actors", "quotes", "events", "stances"}


@pytest.mark.model
def test_run_exits_1_and_lists_failed_documents(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(REPORT_TEXT, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["run", str(folder), "--db", str(tmp_path / "d.db"), "--quiet"])
    assert result.exit_code == 1
    assert "empty.txt: empty document" in result.output


@pytest.mark.model
def test_stdin_is_read_with_a_dash(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "-", "--db", str(tmp_path / "d.db")], input=REPORT_TEXT)
    assert result.exit_code == 0, result.output
    assert "1 analysed" in result.output

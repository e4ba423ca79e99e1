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


def test_run_takes_the_progress_bar_down_before_the_final_link_step(tmp_path, monkeypatch):
    """The final link step forks a helper to write a large link table only when no other thread runs: the
    bar's refresh thread must be gone by then, and the user is told that linking runs."""
    import io
    import threading

    from rich.console import Console

    from dossier import pipeline
    from dossier.cli import commands
    from dossier.store.database import Store

    (tmp_path / "one.txt").write_text("Putin met Moon in Vladivostok on Wednesday.\n")
    screen = io.StringIO()
    monkeypatch.setattr(commands, "errors", Console(file=screen, force_terminal=True, width=100))
    threads_at_link: list[int] = []
    real_link_stored = pipeline.link_stored

    def counting_link_stored(store, options):
        threads_at_link.append(threading.active_count())
        return real_link_stored(store, options)

    monkeypatch.setattr(pipeline, "link_stored", counting_link_stored)
    with Store.open(str(tmp_path / "run.db")) as store, commands._progress(quiet=False) as progress:
        progress.add_task("reading", total=1)
        assert threading.active_count() > 1  # the bar refreshes from its own thread
        pipeline.run([str(tmp_path)], store, on_final_link=lambda: commands._stop_progress_for_linking(progress))
    assert threads_at_link == [1]
    assert "linking the stored articles" in screen.getvalue()


@pytest.mark.model
def test_run_codes_with_the_learned_fallback_unless_told_not_to(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("Chilean troops entered the rebel stronghold under heavy gunfire at dawn.\n", encoding="utf-8")
    coders = {}
    for flag in ("--learned-events", "--no-learned-events"):
        db = str(tmp_path / f"{flag}.db")
        assert runner.invoke(app, ["run", str(report), "--db", db, "--quiet", flag]).exit_code == 0
        exported = runner.invoke(app, ["export", "events", "--db", db])
        coders[flag] = [json.loads(line)["coder"] for line in exported.output.splitlines()]
    assert coders == {"--learned-events": ["learned"], "--no-learned-events": []}
    default_db = str(tmp_path / "default.db")
    assert runner.invoke(app, ["run", str(report), "--db", default_db, "--quiet"]).exit_code == 0
    assert "learned" in runner.invoke(app, ["export", "events", "--db", default_db]).output
    assert runner.invoke(app, ["export", "events", "--db", default_db, "--patterns-only"]).output == ""
    counted = runner.invoke(app, ["stats", "--db", default_db, "--by", "root", "--csv"]).output.splitlines()
    assert len(counted) == 2 and counted[1].startswith("19,")
    patterns = runner.invoke(app, ["stats", "--db", default_db, "--by", "root", "--csv", "--patterns-only"])
    assert patterns.output.splitlines() == counted[:1]

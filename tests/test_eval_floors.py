"""The eval gate: scores on the seed gold may rise, never fall below the pinned floors.

Floors live in eval_floors.json. Each stage that lands raises its own;
lowering one is a visible change to that file, never a silent one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.evaluate import evaluate, load_gold
from dossier.pipeline import RunOptions, run
from dossier.store.database import Store
from tests.conftest import GOLD, SEEDS

pytestmark = pytest.mark.model

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text(encoding="utf-8"))
EXAMPLE_ISSUES = Path(__file__).resolve().parent.parent / "src" / "dossier" / "stance" / "issues" / "korea_2017.yaml"


@pytest.fixture(scope="module")
def seed_scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    db = tmp_path_factory.mktemp("eval") / "seeds.db"
    issues = str(EXAMPLE_ISSUES) if EXAMPLE_ISSUES.exists() else None
    with Store.open(db) as store:
        run([SEEDS], store, RunOptions(issues_file=issues))
        return evaluate(load_gold(GOLD), store).to_dict()


@pytest.mark.parametrize("kind", sorted(FLOORS["scores"]))
def test_scores_stay_above_their_floors(seed_scores: dict, kind: str) -> None:
    score = seed_scores["scores"][kind]
    for measure, floor in FLOORS["scores"][kind].items():
        assert score[measure] >= floor, f"{kind} {measure} fell to {score[measure]} below its floor {floor}"


def test_over_coding_stays_below_its_ceiling(seed_scores: dict) -> None:
    assert seed_scores["extra_events_per_gold_event"] <= FLOORS["extra_events_per_gold_event_max"]


def test_no_stance_has_the_wrong_polarity_beyond_the_ceiling(seed_scores: dict) -> None:
    assert seed_scores["scores"]["stances"]["wrong_polarity"] <= FLOORS["stance_wrong_polarity_max"]


def test_events_by_root_add_up_to_the_event_scores(seed_scores: dict) -> None:
    events = seed_scores["scores"]["events"]
    by_root = seed_scores["events_by_root"].values()
    assert sum(row["gold"] for row in by_root) == events["gold"] + events["hard_gold"]
    assert sum(row["found"] for row in by_root) == events["found"] + events["hard_found"]
    assert sum(row["system"] for row in by_root) == events["system"]
    assert sum(row["matched"] for row in by_root) == events["system_matched"]

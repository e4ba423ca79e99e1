"""`dossier eval`'s gold file: a malformed one is named to its item and field, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dossier.errors import GoldFileError
from dossier.evaluate import load_gold
from tests.conftest import GOLD


def gold_with(article: Any) -> dict[str, Any]:
    return {"articles": {"talks": article}}


@pytest.mark.parametrize(
    ("gold", "problem"),
    [
        (gold_with(5), "articles['talks'] must be an object with actors, quotes, events, stances lists"),
        (gold_with({"events": 5}), "articles['talks'].events must be a list of objects"),
        (gold_with({"quotes": ["said"]}), "articles['talks'].quotes must be a list of objects"),
        (gold_with({"actors": [{"code": "NOR"}]}), "articles['talks'].actors[0]: 'name' is required"),
        (gold_with({"actors": [{"name": 5}]}), "articles['talks'].actors[0]: 'name' must be a string, not 5"),
        (
            gold_with({"actors": [{"name": "Norway", "mentions": None}]}),
            "articles['talks'].actors[0]: 'mentions' must be a list of strings, not null",
        ),
        (
            gold_with({"events": [{"root_code": "04", "evidence": "met", "also_ok": [3]}]}),
            "articles['talks'].events[0]: 'also_ok' must be a list of strings, not [3]",
        ),
        (gold_with({"stances": [{"actor": "NOR"}]}), "articles['talks'].stances[0]: 'issue' is required"),
    ],
)
def test_a_malformed_gold_item_is_named(tmp_path: Path, gold: dict[str, Any], problem: str) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(GoldFileError) as raised:
        load_gold(path)
    assert str(raised.value) == f"{path}: {problem}"


def test_the_shipped_seed_gold_and_null_optional_fields_load(tmp_path: Path) -> None:
    assert load_gold(GOLD)["articles"]
    path = tmp_path / "gold.json"
    quote = {"text_contains": "we are ready", "speaker": None, "hard": "no attribution"}
    path.write_text(json.dumps(gold_with({"quotes": [quote]})), encoding="utf-8")
    assert load_gold(path)["articles"]["talks"]["quotes"] == [quote]

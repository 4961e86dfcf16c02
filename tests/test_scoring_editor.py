"""Live re-scoring of chapter 05 (helpers.scoring.editor): reproduces the stage's proposed
totals, moves the mean the way the weights say, drives the widget and saves the choice."""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import decisions, paths, policy, weighting
from helpers import engagement as engagement_module
from helpers.context import StageContext
from helpers.errors import InputError
from helpers.scoring import editor, pilot
from helpers.weighting import choices

POLICY = policy.load()
UNIT, POSITION = "客户服务中心", "客服专员"


@pytest.fixture(scope="module")
def sample():
    found = engagement_module.load(paths.DATA_SAMPLES / "xingyun_saas")
    rules = policy.for_engagement(found.profile)
    return found, rules, weighting.run(found, rules, "zh")


def _policy_weights(result, unit: str, position: str) -> dict[str, float]:
    rows = editor.position_rows(result, unit, position)
    return dict(zip(rows["key"].astype(str), rows["weight"].astype(float), strict=True))


def test_policy_weights_reproduce_the_stage_totals(sample):
    """With the proposed weights, the position's totals, grades and coverage equal those of
    the stage's simulation (pilot.simulate) for the same employees."""
    found, rules, result = sample
    stage = pilot.simulate(found, rules, result, decisions.read_classification(found.path))
    expected = stage.scores[(stage.scores["unit"] == UNIT)
                            & (stage.scores["position"] == POSITION)].set_index("employee_id")
    got = editor.rescore(found, rules, result, UNIT, POSITION,
                         _policy_weights(result, UNIT, POSITION))
    scores = got["scores"].set_index("employee_id").loc[expected.index]
    for column in ("current_total", "proposed_total", "coverage_current", "coverage_proposed"):
        assert scores[column].to_numpy(float) == pytest.approx(
            expected[column].to_numpy(float), abs=1e-9, nan_ok=True)
    assert scores["proposed_grade"].tolist() == expected["proposed_grade"].tolist()
    assert got["employees"] == len(expected)
    assert got["scored"] == int(expected["proposed_total"].notna().sum())
    assert got["mean"] == pytest.approx(expected["proposed_total"].mean())
    assert sum(got["grades"].values()) == got["scored"]
    assert list(got["grades"]) == ["S", "A", "B", "C", "D"]


def test_unknown_keys_and_negative_weights_are_refused(sample):
    found, rules, result = sample
    with pytest.raises(InputError) as caught:
        editor.rescore(found, rules, result, UNIT, POSITION, {"nope": 10, "x": -1})
    assert [p.code for p in caught.value.problems] == ["rescore_unknown_keys",
                                                       "rescore_bad_weight"]
    with pytest.raises(InputError) as caught:
        editor.rescore(found, rules, result, UNIT, "没有的岗位", {})
    assert caught.value.problems[0].code == "rescore_unknown_position"


# --- a hand-built engagement ------------------------------------------------------------------


def _engagement() -> SimpleNamespace:
    """Three managers, two quarters; 回款额 (collections) is met unevenly, 拜访次数 (visits)
    always in full (ratio rule: fraction = actual / target)."""
    employees = pd.DataFrame({"employee_id": ["E1", "E2", "E3"], "department": ["销售部"] * 3,
                              "position": ["经理"] * 3, "team": ["一组"] * 3,
                              "name": ["甲", "乙", "丙"]})
    actuals = [(e, q, "回款额", a, 100.0, None) for e, q, a in
               [("E1", "Q1", 60.0), ("E1", "Q2", 80.0), ("E2", "Q1", 90.0),
                ("E2", "Q2", 70.0), ("E3", "Q1", 100.0), ("E3", "Q2", 50.0)]]
    actuals += [(e, q, "拜访次数", 30.0, 30.0, None) for e in ("E1", "E2", "E3")
                for q in ("Q1", "Q2")]
    outcomes = [(e, None, "Q1", "客户NPS", v) for e, v in [("E1", 10.0), ("E2", 20.0),
                                                         ("E3", 30.0)]]
    tables = {"employees": employees,
              "actuals": pd.DataFrame(actuals, columns=["employee_id", "period", "indicator",
                                                        "actual", "target", "events"]),
              "outcomes": pd.DataFrame(outcomes, columns=["employee_id", "unit", "period",
                                                          "metric", "value"])}
    data = SimpleNamespace(tables=tables, profile={}, path=None)
    data.table = lambda name: pd.DataFrame({
        "unit": ["销售部"] * 2, "position": ["经理"] * 2, "indicator": ["回款额", "拜访次数"],
        "weight": [50.0, 50.0], "polarity": ["higher"] * 2, "orientation": [None, None]})
    return data


HAND = _engagement()
RESULT = SimpleNamespace(weights=pd.DataFrame({
    "unit": ["销售部"] * 2, "position": ["经理"] * 2, "order": [1, 2],
    "key": ["current:回款额", "current:拜访次数"], "name_zh": ["回款额", "拜访次数"],
    "library_id": [None, None], "weight": [50.0, 50.0]}))
CURRENT = editor.current_scores(HAND, POLICY, "销售部", "经理")
COLLECTED = 75.0   # mean fraction of 回款额 over the six quarters: (60+80+90+70+100+50) / 6


def _mean(collections: float, visits: float) -> float:
    found = editor.rescore(HAND, POLICY, RESULT, "销售部", "经理",
                           {"current:回款额": collections, "current:拜访次数": visits}, CURRENT)
    return found["mean"]


def test_moving_weight_to_the_met_indicator_raises_the_mean():
    """Hand computation: total = w_collections · f + w_visits · 1, f averaging 0.75 over the
    employee-quarters, so 50/50 → 87.5 and 20/80 → 95."""
    assert _mean(50, 50) == pytest.approx(87.5)
    assert _mean(20, 80) == pytest.approx(95.0)
    assert _mean(80, 20) < _mean(50, 50) < _mean(20, 80)


def test_baseline_is_the_current_scorecard_and_rho_is_reported():
    found = editor.rescore(HAND, POLICY, RESULT, "销售部", "经理",
                           {"current:回款额": 30, "current:拜访次数": 70})
    assert found["baseline"]["mean"] == pytest.approx(87.5)
    assert found["rho"]["nps"][0] == 3 and found["baseline"]["rho"]["nps"][0] == 3
    assert found["coverage"] == pytest.approx(1.0)
    text = editor.rescoring_feedback(found, found["baseline"], "en")
    assert "87.5 → 92.5" in text and "ρ" in text and "n = 3" in text


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 20), st.integers(0, 20))
def test_mean_is_the_weight_average_of_the_item_means(a, b):
    """Invariant: with every item measured, the mean total is linear in the weights,
    (w₁·75 + w₂·100) / (w₁ + w₂), whatever their sum (measured weights are rescaled to 100)."""
    w1, w2 = 5 * a, 5 * b
    if w1 + w2 == 0:
        assert _mean(w1, w2) is None
        return
    assert _mean(w1, w2) == pytest.approx((w1 * COLLECTED + w2 * 100.0) / (w1 + w2))


def test_feedback_escapes_html_and_says_when_nothing_is_scored():
    found = {"employees": 2, "scored": 0, "mean": None, "grades": {}, "coverage": None,
             "rho": {}}
    assert "2" in editor.rescoring_feedback(found, found, "zh")
    found = {"employees": 1, "scored": 1, "mean": 50.0, "grades": {"<S>": 1},
             "coverage": 0.5, "rho": {"<x>": (2, 0.5)}}
    text = editor.rescoring_feedback(found, found, "en")
    assert "&lt;S&gt;" in text and "<S>" not in text and "ρ" not in text


# --- the widget -------------------------------------------------------------------------------


def test_sliders_update_the_feedback_and_save_a_direct_choice(sample, tmp_path):
    """Driving the widget without a kernel: a slider change updates the rule check and the
    re-scoring text; saving writes decisions/weights.yaml with method direct."""
    _, rules, result = sample
    folder = tmp_path / "xingyun_saas"
    shutil.copytree(paths.DATA_SAMPLES / "xingyun_saas", folder,
                    ignore=shutil.ignore_patterns("generate.py", "__pycache__"))
    ctx = StageContext(engagement_module.load(folder), rules, "en", tmp_path, True)
    box = editor.rescoring_editor(ctx, result, UNIT, POSITION)
    before = box.feedback.value
    assert "Mean score" in before
    box.sliders[0].value = max(box.sliders[0].value - 20, 0)
    assert box.feedback.value != before
    assert "Total 80%" in box.check.value
    box.sliders[1].value = box.sliders[1].value + 20
    box.save()
    keys = editor.position_rows(result, UNIT, POSITION)["key"].astype(str).tolist()
    saved = choices.read(folder)["客户服务中心 · 客服专员"]
    assert saved["method"] == "direct"
    assert saved["weights"] == {k: s.value for k, s in zip(keys, box.sliders, strict=True)}


def test_show_does_nothing_outside_jupyterlab(sample, tmp_path):
    found, rules, result = sample
    ctx = StageContext(found, rules, "zh", tmp_path, False)
    assert editor.show(ctx, result) is None

"""Pilot simulation and alignment (METHOD §9): helpers.scoring.pilot."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from helpers import engagement as engagement_module
from helpers import paths, policy, weighting
from helpers.errors import InputError
from helpers.scoring import pilot

POLICY = policy.load()


def _engagement(actuals: list[tuple], outcomes: list[tuple] | None = None,
                profile: dict | None = None) -> SimpleNamespace:
    employees = pd.DataFrame({"employee_id": ["E1", "E2", "E3"], "department": ["销售部"] * 3,
                              "position": ["经理"] * 3, "team": ["一组", "一组", "二组"],
                              "name": ["甲", "乙", "丙"]})
    tables = {"employees": employees,
              "actuals": pd.DataFrame(actuals, columns=["employee_id", "period", "indicator",
                                                        "actual", "target", "events"]),
              "outcomes": pd.DataFrame(outcomes or [], columns=["employee_id", "unit", "period",
                                                                "metric", "value"])}
    return SimpleNamespace(tables=tables, profile=profile or {}, path=None)


SCHEME = pd.DataFrame({"unit": ["销售部"] * 3, "position": ["经理"] * 3,
                       "key": ["current:回款额", "current:拜访次数", "current:差错数"],
                       "name_zh": ["回款额", "拜访次数", "差错数"], "library_id": [None] * 3,
                       "polarity": ["higher", "higher", "lower"], "weight": [50.0, 30.0, 20.0]})


def test_long_table_matches_names_and_rules():
    data = _engagement([("E1", "Q1", "回款额", 90.0, 100.0, None),
                        ("E1", "Q1", "拜访次数", 30.0, 30.0, None),
                        ("E1", "Q1", "差错数", 1.0, 2.0, None),
                        ("E1", "Q1", "无关指标", 1.0, 1.0, None)])
    long = pilot.scheme_long(data, SCHEME, POLICY)
    assert sorted(long["indicator"]) == sorted(SCHEME["key"])
    rules = dict(zip(long["indicator"], long["rule"], strict=True))
    assert rules["current:差错数"] == "lower_better" and rules["current:回款额"] == "ratio"
    assert long["weight"].sum() == pytest.approx(100.0)
    assert (long["coverage"] == 1.0).all()


def test_unmeasured_items_rescale_the_measured_weights_to_100():
    data = _engagement([("E1", "Q1", "回款额", 100.0, 100.0, None),
                        ("E1", "Q1", "拜访次数", 30.0, 30.0, None),
                        ("E1", "Q2", "回款额", 50.0, 100.0, None),
                        ("E2", "Q1", "回款额", 80.0, 0.0, None)])   # ratio target 0: unusable
    long = pilot.scheme_long(data, SCHEME, POLICY)
    q1 = long[(long["employee_id"] == "E1") & (long["period"] == "Q1")]
    assert q1["weight"].to_list() == pytest.approx([50 * 100 / 80, 30 * 100 / 80])
    assert q1["coverage"].iloc[0] == pytest.approx(0.8)
    q2 = long[(long["employee_id"] == "E1") & (long["period"] == "Q2")]
    assert q2["weight"].to_list() == pytest.approx([100.0])
    assert q2["coverage"].iloc[0] == pytest.approx(0.5)
    assert "E2" not in set(long["employee_id"])          # nothing measured: not scored


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["E1", "E2", "E3"]), st.sampled_from(["Q1", "Q2"]),
                          st.sampled_from(["回款额", "拜访次数", "差错数"]),
                          st.floats(0, 200), st.floats(1, 200)), max_size=12))
def test_measured_weights_always_sum_to_100(rows):
    """Invariant: after rescaling, each scored employee-period's weights sum to 100 and its
    coverage lies in (0, 1]."""
    data = _engagement([(*row, None) for row in rows])
    long = pilot.scheme_long(data, SCHEME, POLICY)
    if long.empty:
        return
    sums = long.groupby(["employee_id", "period"])["weight"].sum()
    assert np.allclose(sums, 100.0)
    assert ((long["coverage"] > 0) & (long["coverage"] <= 1 + 1e-9)).all()


def test_scheme_without_required_columns_is_refused():
    with pytest.raises(InputError) as caught:
        pilot.scheme_long(_engagement([]), SCHEME.drop(columns=["weight"]), POLICY)
    assert caught.value.problems[0].code == "pilot_scheme_missing_columns"


def test_spearman_alignment_reproduces_the_published_example():
    """Wikipedia, "Spearman's rank correlation coefficient", worked example (IQ vs hours of
    TV per week, n = 10): ρ = −29/165 ≈ −0.1758, p = 0.627188 (t-distribution)."""
    iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110]
    tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17]
    ids = [f"E{i}" for i in range(10)]
    scores = pd.DataFrame({"employee_id": ids, "current_total": iq,
                           "proposed_total": tv})
    outcomes = pd.DataFrame({"employee_id": ids, "code": "nps", "value": tv,
                             "source": "NPS"})
    table = pilot.align(scores, outcomes, POLICY, codes=["nps"]).set_index("scheme")
    assert table.at["current", "rho"] == pytest.approx(-29 / 165, abs=1e-3)
    assert table.at["current", "p"] == pytest.approx(0.627188, abs=1e-3)
    assert table.at["proposed", "rho"] == pytest.approx(1.0)
    assert table.at["current", "n"] == 10
    assert table.at["current", "verdict"] == "raised"
    expected = stats.spearmanr(iq, tv)
    assert table.at["current", "rho"] == pytest.approx(expected.statistic, abs=1e-3)


def test_alignment_with_too_few_employees_says_so():
    scores = pd.DataFrame({"employee_id": ["A", "B", "C", "D"],
                           "current_total": [1, 2, 3, 4], "proposed_total": [4, 3, 2, 1]})
    outcomes = pd.DataFrame({"employee_id": ["A", "B", "C", "D"], "code": "nps",
                             "value": [1, 2, 3, 4], "source": "NPS"})
    table = pilot.align(scores, outcomes, POLICY, codes=["nps"])
    assert set(table["verdict"]) == {"too_few"}


def test_outcome_names_map_to_codes_and_lower_is_better_flips():
    data = _engagement([], outcomes=[("E1", None, "Q1", "客户NPS", 30.0),
                                     ("E1", None, "Q1", "客户投诉数", 2.0),
                                     ("E1", None, "Q2", "客户投诉数", 4.0),
                                     ("E1", None, "Q1", "管户客户流失率", 5.0),
                                     (None, "销售部", "Q1", "客户NPS", 10.0),
                                     ("E1", None, "Q1", "KPI达成率", 99.0)])
    table = pilot.outcome_table(data).set_index("code")["value"]
    assert table.to_dict() == {"nps": 30.0, "complaints": -3.0, "retention": -5.0}


def test_grade_movers_and_bonus_exposure():
    actuals = [("E1", "Q1", "回款额", 100.0, 100.0, None),   # current 100 → S
               ("E1", "Q1", "拜访次数", 10.0, 30.0, None),
               ("E2", "Q1", "回款额", 70.0, 100.0, None),
               ("E2", "Q1", "拜访次数", 30.0, 30.0, None),
               ("E3", "Q1", "回款额", 90.0, 100.0, None),
               ("E3", "Q1", "拜访次数", 30.0, 30.0, None)]
    data = _engagement(actuals, profile={"bonus_pool": 1000})
    data.table = lambda name: pd.DataFrame({
        "unit": ["销售部", "销售部"], "position": ["经理", "经理"],
        "indicator": ["回款额", "拜访次数"],
        "weight": [90.0, 10.0], "polarity": ["higher", "higher"], "orientation": [None, None]})
    proposed = SimpleNamespace(weights=pd.DataFrame({
        "unit": ["销售部", "销售部"], "position": ["经理", "经理"],
        "key": ["current:回款额", "current:拜访次数"], "name_zh": ["回款额", "拜访次数"],
        "library_id": [None, None], "weight": [50.0, 50.0]}))
    result = pilot.simulate(data, POLICY, proposed)
    scores = result.scores.set_index("employee_id")
    assert scores["current_total"].to_list() == pytest.approx([93.333, 73.0, 91.0], abs=1e-3)
    assert scores["proposed_total"].to_list() == pytest.approx([66.667, 85.0, 95.0], abs=1e-3)
    # A→C, C→A; E3's 95 is in the S band but below the target score 100: A (METHOD §7)
    assert scores["moved"].to_list() == [-2, 2, 0]
    assert scores["proposed_grade"].to_list() == ["C", "A", "A"]
    assert result.movers["employee_id"].to_list() == ["E1", "E2"]
    assert result.distribution.set_index("grade")["current"].sum() == 3
    bonus = result.bonus.iloc[0]
    assert bonus["current"] == pytest.approx(1000.0) and bonus["proposed"] == pytest.approx(1000)
    assert result.summary["movers"] == 2


def test_bad_bonus_pool_is_refused():
    with pytest.raises(InputError):
        pilot._bonus_pool(SimpleNamespace(profile={"bonus_pool": "很多"}))


@pytest.fixture(scope="module", params=["xingyun_saas", "lanshan_bank", "qingtian_foods"])
def sample_result(request):
    data = engagement_module.load(paths.DATA_SAMPLES / request.param)
    return data, pilot.simulate(data, POLICY, weighting.run(data, POLICY, "zh"))


def test_sample_pilot(sample_result):
    data, result = sample_result
    with_actuals = set(data.tables["actuals"]["employee_id"].astype(str))
    scores = result.scores
    assert set(scores["employee_id"]) == with_actuals
    assert scores["current_total"].notna().all()
    cap = POLICY["scoring"]["total_cap"]
    for scheme in pilot.SCHEMES:
        totals = scores[f"{scheme}_total"].dropna()
        assert ((totals >= 0) & (totals <= cap)).all()
    assert len(result.alignment) > 0
    assert (result.alignment["n"] >= 1).all()
    p = result.alignment["p"].to_numpy(float)
    assert np.all((p >= 0) & (p <= 1))
    assert set(result.alignment["verdict"]) <= {"raised", "not_raised", "too_few"}
    assert result.summary["employees"] == len(scores)
    assert len(result.lifecycle) or result.summary["lifecycle_reason"]


def _two_item_proposal(weights=(50.0, 50.0)) -> SimpleNamespace:
    return SimpleNamespace(weights=pd.DataFrame({
        "unit": ["销售部", "销售部"], "position": ["经理", "经理"],
        "key": ["current:回款额", "current:拜访次数"], "name_zh": ["回款额", "拜访次数"],
        "library_id": [None, None], "weight": list(weights)}))


def _current_card(data, weights=(90.0, 10.0)) -> None:
    data.table = lambda name: pd.DataFrame({
        "unit": ["销售部", "销售部"], "position": ["经理", "经理"],
        "indicator": ["回款额", "拜访次数"], "weight": list(weights),
        "polarity": ["higher", "higher"], "orientation": [None, None]})


def test_employees_with_little_measured_weight_are_not_compared():
    """E1 has both indicators (coverage 1); E2 only 回款额, 50 % of the proposed weight
    (compared at min_coverage 0.5); E3 only 拜访次数, 10 % of the current weight (not compared):
    it is scored, but stays out of the distribution and the movers."""
    actuals = [("E1", "Q1", "回款额", 100.0, 100.0, None),
               ("E1", "Q1", "拜访次数", 10.0, 30.0, None),
               ("E2", "Q1", "回款额", 70.0, 100.0, None),
               ("E3", "Q1", "拜访次数", 30.0, 60.0, None)]
    data = _engagement(actuals)
    _current_card(data)
    result = pilot.simulate(data, POLICY, _two_item_proposal())
    scores = result.scores.set_index("employee_id")
    assert scores["coverage_current"].to_list() == pytest.approx([1.0, 0.9, 0.1])
    assert scores["coverage_proposed"].to_list() == pytest.approx([1.0, 0.5, 0.5])
    assert scores["comparable"].to_list() == [True, True, False]
    assert result.distribution["current"].sum() == 2
    assert "E3" not in set(result.movers["employee_id"])
    assert result.summary["comparable"] == 2
    stricter = {**POLICY, "pilot": {**POLICY["pilot"], "min_coverage": 0.95}}
    assert pilot.simulate(data, stricter, _two_item_proposal()).summary["comparable"] == 1


def test_measurement_counts_the_periods_each_new_indicator_is_measured():
    """Three employees with actuals in Q1, E1 also in Q2: 4 employee-periods in the position.
    回款额 is measured in E1·Q1, E1·Q2, E2·Q1 (3/4); 拜访次数 in E1·Q1 only (1/4)."""
    actuals = [("E1", "Q1", "回款额", 100.0, 100.0, None),
               ("E1", "Q1", "拜访次数", 10.0, 30.0, None),
               ("E1", "Q2", "回款额", 90.0, 100.0, None),
               ("E2", "Q1", "回款额", 70.0, 100.0, None),
               ("E3", "Q1", "无关指标", 1.0, 1.0, None)]
    data = _engagement(actuals)
    _current_card(data)
    result = pilot.simulate(data, POLICY, _two_item_proposal((70.0, 30.0)))
    table = result.measurement.set_index("key")
    assert table["periods"].to_list() == [4, 4]
    assert table["measured_share"].to_list() == pytest.approx([0.75, 0.25])
    assert result.summary["measured_weight_share"] == pytest.approx(
        (70 * 0.75 + 30 * 0.25) / 100)
    assert result.summary["never_measured"] == 0

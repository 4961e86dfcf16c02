"""Orientation shares, index, verdict and gap (METHOD §2), classification overrides and the
decisions file replayed by batch runs."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import write_engagement
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import decisions, diagnosis, engagement, policy
from helpers.diagnosis import scorecard, shares
from helpers.errors import InputError

POLICY = policy.load("default")
KPIS = """\
部门,岗位,指标名称,权重
销售部,销售经理,销售额完成率,40
销售部,销售经理,客户满意度,30
销售部,销售经理,客户拜访完成率,30
客服部,客服专员,一次解决率,50
客服部,客服专员,平均通话时长,50
"""


def frame(rows):
    return pd.DataFrame(rows, columns=["unit", "position", "indicator", "weight", "orientation"])


def test_worked_example_position_shares_and_index():
    positions = shares.position_shares(frame([
        ("销售部", "销售经理", "a", 40, "business"),
        ("销售部", "销售经理", "b", 30, "customer"),
        ("销售部", "销售经理", "c", 30, "internal"),
    ]), POLICY)
    row = positions.iloc[0]
    assert row["customer_share_count"] == pytest.approx(1 / 3)
    assert row["customer_share_weight"] == pytest.approx(0.30)
    assert row["outward_share_weight"] == pytest.approx(0.70)
    # index = 100 × (0.30 × 1 + 0.40 × 0.5) = 50 → transitional (30–55)
    assert row["orientation_index"] == pytest.approx(50.0)
    assert row["verdict"] == "transitional"


def test_department_and_organisation_average_their_positions():
    positions = shares.position_shares(frame([
        ("A", "p1", "a", 50, "customer"), ("A", "p1", "b", 50, "internal"),
        ("A", "p2", "c", 100, "internal"),
        ("B", "p3", "d", 100, "customer"),
    ]), POLICY)
    departments = shares.aggregate(positions, "department", POLICY).set_index("unit")
    assert departments.loc["A", "customer_share_weight"] == pytest.approx(0.25)
    organisation = shares.aggregate(positions, "organisation", POLICY).iloc[0]
    assert organisation["customer_share_weight"] == pytest.approx((0.5 + 0 + 1) / 3)
    assert organisation["positions"] == 3


@pytest.mark.parametrize(("index", "gap"), [(20, 35), (55, 0), (60, 0), (75, 0), (80, -5)])
def test_gap_to_recommended_band(index, gap):
    assert shares.gap_to_band(index, {"low": 55, "high": 75}) == pytest.approx(gap)


orientation = st.sampled_from(shares.ORIENTATIONS)
card = st.lists(st.tuples(orientation, st.integers(min_value=1, max_value=60)), min_size=1,
                max_size=9)


@settings(max_examples=150, deadline=None)
@given(card, st.floats(min_value=0.01, max_value=100))
def test_shares_are_fractions_and_invariant_to_scaling_a_position(items, factor):
    """Property: shares lie in [0, 1], weight shares sum to 1, scaling weights changes nothing."""
    rows = [("U", "P", f"i{k}", w, o) for k, (o, w) in enumerate(items)]
    base = shares.position_shares(frame(rows), POLICY).iloc[0]
    scaled = shares.position_shares(
        frame([(u, p, i, w * factor, o) for u, p, i, w, o in rows]), POLICY).iloc[0]
    weight_shares = [base[f"{o}_share_weight"] for o in shares.ORIENTATIONS]
    assert all(0 <= s <= 1 for s in weight_shares)
    assert sum(weight_shares) == pytest.approx(1.0)
    for column in [c for c in base.index if c.endswith(("_share_weight", "_share_count"))]:
        assert scaled[column] == pytest.approx(base[column])
    assert 0 <= base["orientation_index"] <= 100


def test_input_orientation_column_overrides_the_classifier(tmp_path):
    csv = KPIS.replace("指标名称,权重", "指标名称,权重,导向").replace(
        "\n", ",\n").replace("客户拜访完成率,30,", "客户拜访完成率,30,客户价值")
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": csv})
    classified = scorecard.build(engagement.load(folder), POLICY)
    visit = classified[classified["indicator"] == "客户拜访完成率"].iloc[0]
    assert (visit["orientation"], visit["matched_by"], visit["confidence"]) == (
        "customer", "override", 1.0)


def test_decisions_are_saved_and_replayed(tmp_path):
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": KPIS + (
        "客服部,客服专员,星级工单闭环指数,0\n")})
    loaded = engagement.load(folder)
    first = diagnosis.run(loaded, POLICY)
    assert "星级工单闭环指数" in set(first.review["indicator"])
    decisions.write_classification(folder, {"星级工单闭环指数": "customer"})
    replayed = diagnosis.run(loaded, POLICY, decisions.read_classification(folder))
    row = replayed.scorecard[replayed.scorecard["indicator"] == "星级工单闭环指数"].iloc[0]
    assert (row["orientation"], row["matched_by"]) == ("customer", "override")
    assert "星级工单闭环指数" not in set(replayed.review["indicator"])
    assert replayed.summary["decisions_replayed"] == 1


def test_bad_decisions_file_names_row_and_column(tmp_path):
    folder = write_engagement(tmp_path / "e", {
        "inputs/current_kpis.csv": KPIS,
        "decisions/classification.csv": "indicator,orientation,note\n甲,customer,\n乙,客户,\n"})
    with pytest.raises(InputError) as caught:
        decisions.read_classification(folder)
    assert caught.value.render("en") == (
        'decisions/classification.csv, row 3, column B "orientation": "客户" is not recognised, '
        "expected one of: customer / business / internal / capability / risk. "
        "Fix: use one of these.")


def test_result_round_trips_through_artifacts(tmp_path):
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": KPIS})
    result = diagnosis.run(engagement.load(folder), POLICY)
    result.save(tmp_path / "artifacts")
    loaded = diagnosis.DiagnosisResult.load(tmp_path / "artifacts")
    assert loaded.summary == result.summary
    assert list(loaded.scorecard.index) == list(result.scorecard.index) == [2, 3, 4, 5, 6]
    assert loaded.scorecard["journey_stages"].map(type).eq(list).all()

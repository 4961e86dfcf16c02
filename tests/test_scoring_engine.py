"""Scoring engine (METHOD §7): long table → items → totals with bonus, deduction, veto and cap;
bad input reported as InputError naming the row; totals bounded (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import policy
from helpers.errors import InputError
from helpers.scoring import annual, score

POLICY = policy.load()
BANDS = [[0, 0], [0.9, 0.6], [1.0, 1.0]]


def row(indicator, rule, weight, actual=np.nan, target=np.nan, employee="e1", period="2025Q1",
        **extra) -> dict:
    return {"employee_id": employee, "period": period, "indicator": indicator,
            "weight": weight, "rule": rule, "actual": actual, "target": target, **extra}


def table(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def scorecard(employee="e1", period="2025Q1", **veto) -> list[dict]:
    """A hand-computed card: revenue 40 × 1.1 = 44; errors (T = 0, d 2, A 0.5) 30 × (1 − 1/30)
    = 29; NPS band 0.95 → 0.6 × 30 = 18; proposals bonus 3; base 91, raw 94."""
    return [
        row("revenue", "ratio", 40, 110, 100, employee, period),
        row("errors", "lower_better", 30, 0.5, 0, employee, period, **veto),
        row("nps", "banded", 30, 0.95, np.nan, employee, period, bands=BANDS),
        row("proposals", "addition", 0, 3, np.nan, employee, period, points_per_unit=1,
            bonus_cap=5),
    ]


def codes(error: pytest.ExceptionInfo) -> list[str]:
    return [problem.code for problem in error.value.problems]


# --- items and totals -----------------------------------------------------------------------


def test_hand_computed_items_and_total():
    """METHOD §7: Total = Σ items + bonus − deductions, clipped to [0, 120]."""
    result = score(table(*scorecard()), POLICY)
    assert result.items["points"].tolist() == pytest.approx([44, 29, 18, 0])
    assert result.items["bonus"].tolist() == pytest.approx([0, 0, 0, 3])
    totals = result.totals.iloc[0]
    assert (totals["weight_sum"], totals["base"], totals["bonus"], totals["raw"],
            totals["total"]) == pytest.approx((100, 91, 3, 94, 94))
    assert pd.isna(totals["veto"]) and pd.isna(totals["grade_limit"])


def test_totals_are_per_employee_period():
    rows = scorecard("e1", "Q1") + scorecard("e1", "Q2") + scorecard("e2", "Q1")
    totals = score(table(*rows), POLICY).totals
    assert list(zip(totals["employee_id"], totals["period"], strict=True)) == [
        ("e1", "Q1"), ("e1", "Q2"), ("e2", "Q1")]
    assert totals["total"].tolist() == pytest.approx([94, 94, 94])


def test_total_is_capped_at_120():
    """Two capped items (1.2 × 100 = 120) plus a bonus of 5: raw 125, total 120 (policy cap)."""
    rows = [row("revenue", "ratio", 100, 150, 100),
            row("proposals", "addition", 0, 5, np.nan, points_per_unit=1, bonus_cap=5)]
    totals = score(table(*rows), POLICY).totals.iloc[0]
    assert (totals["raw"], totals["total"]) == pytest.approx((125, 120))


def test_total_is_floored_at_zero_and_deductions_outside_the_100():
    """An unweighted deduction item (扣分项) of 2 points × 40 events exceeds the base of 50."""
    rows = [row("revenue", "ratio", 100, 50, 100),
            row("complaints", "deduction", 0, np.nan, np.nan, events=40, points_per_event=2)]
    totals = score(table(*rows), POLICY).totals.iloc[0]
    assert (totals["deduction"], totals["raw"], totals["total"]) == pytest.approx((80, -30, 0))


def test_weighted_deduction_counts_in_the_base_and_floors_at_zero():
    rows = [row("revenue", "ratio", 80, 100, 100),
            row("complaints", "deduction", 20, np.nan, np.nan, events=3, points_per_event=2),
            row("complaints", "deduction", 20, np.nan, np.nan, employee="e2", events=15,
                points_per_event=2),
            row("revenue", "ratio", 80, 100, 100, employee="e2")]
    totals = score(table(*rows), POLICY).totals
    assert totals["base"].tolist() == pytest.approx([80 + 14, 80 + 0])


def test_bonus_and_deduction_caps_fall_back_to_the_card_cap_column():
    """Library addition cards write ``cap`` (e.g. {points_per_unit: 2, cap: 6})."""
    rows = [row("revenue", "ratio", 100, 100, 100),
            row("ideas", "addition", 0, 5, np.nan, points_per_unit=2, cap=6)]
    assert score(table(*rows), POLICY).totals["bonus"].iloc[0] == pytest.approx(6)


def test_interpolation_and_events_count_of_veto_rows():
    rows = [row("nps", "threshold_target_stretch", 100, 95, 100, threshold=80, stretch=120),
            row("aml", "veto", 0, 1, np.nan, veto_variant="grade_cap")]
    result = score(table(*rows), POLICY)
    assert result.items["fraction"].iloc[0] == pytest.approx(0.95)
    assert result.totals["veto"].iloc[0] == "grade_cap"


# --- veto -----------------------------------------------------------------------------------


def test_item_zero_and_total_zero_gives_total_zero():
    """Precedence total zeroed > … > item zeroed (METHOD §7): both fire → total 0."""
    rows = [*scorecard(veto_variant="item_zero", events=1),
            row("aml", "veto", np.nan, np.nan, np.nan, events=1, veto_variant="total_zero")]
    result = score(table(*rows), POLICY)
    assert result.items.loc[1, "points"] == 0
    assert result.items.loc[1, "veto_variant_triggered"] == "item_zero"
    totals = result.totals.iloc[0]
    assert totals["total"] == 0 and totals["veto"] == "total_zero"
    assert pd.isna(totals["grade_limit"])


def test_item_zero_alone_zeroes_only_its_item():
    """Seed 002 §二: a major compliance breach → "该项记零分" (that item scores zero)."""
    result = score(table(*scorecard(veto_variant="item_zero", events=2)), POLICY)
    totals = result.totals.iloc[0]
    assert totals["total"] == pytest.approx(94 - 29)
    assert totals["veto"] == "item_zero" and pd.isna(totals["grade_limit"])


def test_veto_on_a_scored_row_without_events_does_not_fire():
    result = score(table(*scorecard(veto_variant="item_zero", events=0)), POLICY)
    assert result.totals["total"].iloc[0] == pytest.approx(94)
    assert pd.isna(result.totals["veto"].iloc[0])


def test_grade_cap_outranks_grade_demote_and_is_carried_as_grade_limit():
    rows = [*scorecard(),
            row("suitability", "veto", 0, 1, np.nan, veto_variant="grade_demote"),
            row("aml", "veto", 0, np.nan, np.nan, events=3, veto_variant="grade_cap")]
    totals = score(table(*rows), POLICY).totals.iloc[0]
    assert totals["veto"] == "grade_cap" and totals["grade_limit"] == "cap"
    assert totals["total"] == pytest.approx(94)


def test_grade_demote_alone():
    rows = [*scorecard(), row("suitability", "veto", 0, 1, np.nan, veto_variant="grade_demote")]
    totals = score(table(*rows), POLICY).totals.iloc[0]
    assert totals["grade_limit"] == "demote"


def test_annual_averages_periods_and_keeps_the_strongest_veto():
    rows = (scorecard("e1", "Q1")
            + [*scorecard("e1", "Q2"), row("aml", "veto", 0, 1, np.nan, "e1", "Q2",
                                            veto_variant="grade_cap")]
            + scorecard("e2", "Q1"))
    rows[0] = row("revenue", "ratio", 40, 100, 100, "e1", "Q1")  # 40 instead of 44
    year = annual(score(table(*rows), POLICY).totals, POLICY)
    first = year.set_index("employee_id").loc["e1"]
    assert first["periods"] == 2 and first["total"] == pytest.approx((90 + 94) / 2)
    assert first["veto"] == "grade_cap" and first["grade_limit"] == "cap"
    assert pd.isna(year.set_index("employee_id").loc["e2", "veto"])


def test_input_frame_is_not_modified():
    frame = table(*scorecard())
    before = frame.copy()
    score(frame, POLICY)
    pd.testing.assert_frame_equal(frame, before)


def test_categorical_identifiers_give_the_same_totals():
    frame = table(*(scorecard("e1") + scorecard("e2")))
    categorical = frame.astype({"employee_id": "category", "period": "category",
                                "rule": "category"})
    plain = score(frame, POLICY).totals
    other = score(categorical, POLICY).totals
    assert other["total"].tolist() == plain["total"].tolist()
    assert other["employee_id"].astype(str).tolist() == ["e1", "e2"]


# --- bad input ------------------------------------------------------------------------------


def test_missing_columns_are_listed():
    with pytest.raises(InputError) as error:
        score(pd.DataFrame({"employee_id": ["e1"], "period": ["Q1"]}), POLICY)
    problem = error.value.problems[0]
    assert problem.code == "scoring_missing_columns"
    assert problem.params["columns"] == "indicator, weight, rule, actual, target"


def test_every_problem_is_reported_in_one_pass_with_its_row():
    frame = table(*scorecard())
    frame["actual"] = frame["actual"].astype(object)
    frame.loc[0, "actual"] = "lots"
    frame.loc[2, "rule"] = "bandd"
    frame["veto_variant"] = [None, "total_zeroo", None, None]
    with pytest.raises(InputError) as error:
        score(frame, POLICY)
    found = {(p.code, p.row, p.column) for p in error.value.problems}
    assert found == {("scoring_not_numeric", 2, "actual"), ("scoring_unknown_rule", 4, "rule"),
                     ("scoring_unknown_variant", 3, "veto_variant")}
    assert "lots" in error.value.render("en") and "lots" in error.value.render("zh")


def test_the_row_column_locates_problems():
    frame = table(row("revenue", "ratio", 40, 110, -5))
    frame["row"] = [17]
    with pytest.raises(InputError) as error:
        score(frame, POLICY)
    assert error.value.problems[0].row == 17
    assert codes(error) == ["scoring_target_not_positive"]


def test_numbers_written_as_text_are_accepted():
    frame = table(*scorecard()).astype({"actual": object, "weight": object})
    frame.loc[0, "actual"] = " 110 "
    frame.loc[0, "weight"] = "40"
    result = score(frame, POLICY)
    assert result.totals["total"].iloc[0] == pytest.approx(94)
    assert result.items["actual"].dtype == float


@pytest.mark.parametrize(("bad", "code"), [
    (row("x", "ratio", 40, np.nan, 100), "scoring_missing_value"),
    (row("x", "ratio", 40, 90, np.nan), "scoring_missing_value"),
    (row("x", "ratio", np.nan, 90, 100), "scoring_missing_value"),
    (row("x", "ratio", -5, 90, 100), "scoring_negative_value"),
    (row("x", "ratio", 40, 90, 100, floor=1.5, cap=1.2), "scoring_bad_floor_cap"),
    (row("x", "mixed_sign", 40, 90, 0), "scoring_target_zero"),
    (row("x", "banded", 40, 90, 0, bands=BANDS), "scoring_target_zero"),
    (row("x", "threshold_target_stretch", 40, 90, 100, threshold=120, stretch=130),
     "scoring_bad_order"),
    (row("x", "threshold_target_stretch", 40, 90, 0, threshold=-5), "scoring_target_zero"),
    (row("x", "threshold_target_stretch", 40, 90, 100, p_b=1.5), "scoring_bad_interpolation"),
    (row("x", "banded", 40, 0.9, np.nan, bands=[[0, 0], [1, 1], [0.5, 0.5]]),
     "scoring_bad_bands"),
    (row("x", "banded", 40, 0.9, np.nan), "scoring_bad_bands"),
    (row("x", "deduction", 10, np.nan, np.nan, events=2), "scoring_missing_value"),
    (row("x", "deduction", 10, np.nan, np.nan, events=-2, points_per_event=1),
     "scoring_negative_value"),
    (row("x", "addition", 10, 3, np.nan, points_per_unit=1, bonus_cap=5),
     "scoring_weight_not_allowed"),
    (row("x", "addition", 0, 3, np.nan, points_per_unit=1), "scoring_missing_value"),
    (row("x", "veto", 0, 1, np.nan), "scoring_missing_value"),
    (row("x", "veto", 0, 1, np.nan, veto_variant="item_zero"),
     "scoring_item_zero_without_item"),
    (row("x", "ratio", 40, 90, 100, employee=None), "scoring_missing_value"),
])
def test_values_a_rule_cannot_use_are_refused(bad, code):
    frame = table(bad)
    if "bands" in frame.columns:
        frame["bands"] = pd.Series([bad["bands"]], dtype=object)
    with pytest.raises(InputError) as error:
        score(frame, POLICY)
    assert code in codes(error)
    assert error.value.problems[0].row == 2
    for lang in ("zh", "en"):
        assert error.value.render(lang)


# --- properties -----------------------------------------------------------------------------


ROWS = st.fixed_dictionaries({
    "employee_id": st.sampled_from(["e1", "e2", "e3"]),
    "rule": st.sampled_from(["ratio", "lower_better", "mixed_sign", "threshold_target_stretch",
                             "banded", "deduction", "addition", "veto"]),
    "weight": st.integers(0, 60),
    "actual": st.floats(-500, 500, allow_nan=False),
    "target": st.floats(1, 200),
    "events": st.integers(0, 40),
})


@settings(max_examples=60, deadline=None)
@given(st.lists(ROWS, min_size=1, max_size=25))
def test_totals_stay_within_zero_and_the_total_cap(drawn):
    frame = pd.DataFrame(drawn).assign(period="Q1", indicator="k", points_per_event=3.0,
                                       points_per_unit=2.0, bonus_cap=10.0,
                                       veto_variant=None)
    unweighted = frame["rule"].isin(["addition", "veto"])
    frame.loc[unweighted, "weight"] = 0
    frame.loc[frame["rule"] == "veto", "veto_variant"] = "total_zero"
    frame["bands"] = pd.Series([BANDS if r == "banded" else None for r in frame["rule"]],
                               dtype=object)
    totals = score(frame, POLICY).totals
    assert ((totals["total"] >= 0) & (totals["total"] <= POLICY["scoring"]["total_cap"])).all()
    zeroed = totals["veto"] == "total_zero"
    assert (totals.loc[zeroed, "total"] == 0).all()


def test_bands_written_as_text_are_read_as_json():
    frame = table(row("nps", "banded", 100, 0.95, np.nan))
    frame["bands"] = ["[[0, 0], [0.9, 0.6], [1.0, 1.0]]"]
    assert score(frame, POLICY).totals["total"].iloc[0] == pytest.approx(60)

"""Item-level scoring rules (METHOD §7): hand-computed cases for every rule and the invariants
(monotonicity, bounds) as hypothesis properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers import policy
from helpers.scoring import rules

POLICY = policy.load()
EPS = 1e-12
finite = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=0.01, max_value=1e4, allow_nan=False, allow_infinity=False)


def approx(values):
    return pytest.approx(values, abs=1e-3)


# --- ratio ----------------------------------------------------------------------------------


def test_ratio_is_actual_over_target_capped_at_120_percent():
    """METHOD §7 比率法: r = A/T, item = W·clip(r, floor, cap), defaults floor 0, cap 1.2."""
    got = rules.ratio([0, 50, 100, 110, 130], 100, policy=POLICY)
    assert got == approx([0.0, 0.5, 1.0, 1.1, 1.2])


def test_ratio_below_the_threshold_floor_scores_zero():
    """METHOD §7: the floor is 80 % where a threshold applies; r < floor → 0."""
    got = rules.ratio([79, 80, 95], 100, threshold=90, policy=POLICY)
    assert got == approx([0.0, 0.8, 0.95])


def test_ratio_uses_the_row_floor_and_cap():
    """Card parameters (e.g. banking fee income: floor 0.8, cap 1.2) override the defaults."""
    got = rules.ratio([85, 95, 160], 100, floor=[0.9, 0.9, np.nan], cap=[1.5, 1.5, 1.5],
                      policy=POLICY)
    assert got == approx([0.0, 0.95, 1.5])


def test_ratio_never_divides_by_a_zero_or_negative_target():
    assert np.isnan(rules.ratio([5, 5], [0, -10], policy=POLICY)).all()


# --- lower is better ------------------------------------------------------------------------


def test_lower_better_is_two_minus_actual_over_target():
    """METHOD §7 反向: r = 2 − A/T; A = 40, T = 50 → 1.2; A = 55 → 0.9; A ≥ 2T → 0."""
    got = rules.lower_better([40, 50, 55, 100, 110], 50, policy=POLICY)
    assert got == approx([1.2, 1.0, 0.9, 0.0, 0.0])


def test_lower_better_with_a_negative_target_uses_the_absolute_target():
    """r = 1 − (A − T)/|T|: T = −10, A = −12 → 1.2; A = −8 → 0.8."""
    assert rules.lower_better([-12, -8], -10, policy=POLICY) == approx([1.2, 0.8])


def test_lower_better_with_a_zero_target_uses_the_deduction_form():
    """METHOD §7 "T = 0 → use the deduction method": r = 1 − d·A/W; policy d = 2 points per unit,
    W = 20: A = 3 → 1 − 6/20 = 0.7; A = 12 → 0 (floored); A = 0 → 1; card d = 5: A = 3 → 0.25."""
    assert POLICY["scoring"]["zero_target"]["points_per_unit"] == 2
    got = rules.lower_better([3, 12, 0, 3], 0, points_per_unit=[np.nan, np.nan, np.nan, 5],
                             weight=20, policy=POLICY)
    assert got == approx([0.7, 0.0, 1.0, 0.25])


def test_lower_better_zero_target_never_divides_by_a_zero_weight():
    got = rules.lower_better([0, 2], 0, weight=0, policy=POLICY)
    assert got == approx([1.0, 0.0])


# --- mixed sign -----------------------------------------------------------------------------


def test_mixed_sign_target():
    """METHOD §7: r = 1 + (A − T)/|T|. T = −20 (a loss budget): A = −25 → 0.75; A = −10 → 1.5
    capped to 1.2; A = −50 → −0.5 below the floor → 0; T = 0 undefined."""
    got = rules.mixed_sign([-25, -10, -50], -20, policy=POLICY)
    assert got == approx([0.75, 1.2, 0.0])
    assert np.isnan(rules.mixed_sign(5, 0, policy=POLICY))


# --- threshold / target / stretch -----------------------------------------------------------


def test_interpolation_between_threshold_target_and_stretch():
    """METHOD §7 with B 80, T 100, X 120 and default p_B 0.8, p_X 1.2:
    A 79 → 0; 80 → 0.8; 90 → 0.8 + 10/20·0.2 = 0.9; 100 → 1; 110 → 1.1; 120 and above → 1.2."""
    got = rules.threshold_target_stretch([79, 80, 90, 100, 110, 120, 150], 100, 80, 120,
                                         policy=POLICY)
    assert got == approx([0.0, 0.8, 0.9, 1.0, 1.1, 1.2, 1.2])


def test_interpolation_uses_row_payout_points():
    """p_B 0.5, p_X 1.5: A 90 → 0.5 + 0.5·0.5 = 0.75; A 110 → 1 + 0.5·0.5 = 1.25."""
    got = rules.threshold_target_stretch([90, 110], 100, 80, 120, p_b=0.5, p_x=1.5,
                                         policy=POLICY)
    assert got == approx([0.75, 1.25])


def test_interpolation_is_mirrored_for_lower_is_better():
    """B 5 > T 3 > X 2 days: A 6 → 0; 5 → 0.8; 4 → 0.8 + 1/2·0.2 = 0.9; 3 → 1;
    2.5 → 1 + 0.5/1·0.2 = 1.1; 2 and below → 1.2."""
    got = rules.threshold_target_stretch([6, 5, 4, 3, 2.5, 2, 1], 3, 5, 2, policy=POLICY)
    assert got == approx([0.0, 0.8, 0.9, 1.0, 1.1, 1.2, 1.2])


def test_missing_threshold_and_stretch_fall_back_to_the_ratio_points():
    """No B, X: B = p_B·T = 80, X = p_X·T = 120 (the ratio method between those points)."""
    got = rules.threshold_target_stretch([79, 90, 130], 100, policy=POLICY)
    assert got == approx([0.0, 0.9, 1.2])
    assert got[1] == pytest.approx(rules.ratio(90, 100, policy=POLICY))


def test_missing_stretch_of_a_lower_is_better_row_is_mirrored():
    """B 120 > T 100 says lower is better; X = T − (p_X − 1)·|T| = 80:
    A 110 → 0.8 + 10/20·0.2 = 0.9; A 85 → 1 + 15/20·0.2 = 1.15."""
    got = rules.threshold_target_stretch([110, 85], 100, threshold=120, policy=POLICY)
    assert got == approx([0.9, 1.15])


# --- banded ---------------------------------------------------------------------------------


BANDS = [[0, 0], [0.9, 0.6], [1.0, 1.0]]


def test_banded_takes_the_highest_band_reached_at_its_edges():
    """METHOD §7 区间法: r 0.8999 → 0; 0.9 → 0.6; 0.9999 → 0.6; 1.0 → 1.0; 2 → 1.0; below the
    first minimum → 0."""
    got = rules.banded([-0.1, 0.8999, 0.9, 0.9999, 1.0, 2.0], BANDS)
    assert got == approx([0.0, 0.0, 0.6, 0.6, 1.0, 1.0])


def test_banded_range_indicator_peaks_in_the_middle():
    """Library range card (stock level): [[0, 0.5], [0.7, 1.0], [1.3, 0.6], [1.6, 0]]."""
    bands = [[0, 0.5], [0.7, 1.0], [1.3, 0.6], [1.6, 0]]
    assert rules.banded([0.5, 1.0, 1.4, 1.7], bands) == approx([0.5, 1.0, 0.6, 0.0])


def test_banded_with_one_band_list_per_row_and_attainment_from_the_target():
    other = [[0, 0], [0.5, 0.5]]
    got = rules.item_fraction(["banded"] * 3, [95, 0.95, 60], [100, np.nan, 100],
                              bands=[BANDS, BANDS, other], policy=POLICY)
    assert got == approx([0.6, 0.6, 0.5])


def test_band_table_refuses_unordered_minima():
    with pytest.raises(ValueError, match="ascending"):
        rules.band_table([[0, 0], [1.0, 1.0], [0.9, 0.6]])


# --- deduction, addition, veto --------------------------------------------------------------


def test_deduction_floors_at_zero():
    """METHOD §7 扣分法 max(0, W − d·n), W = 10, d = 2: n 0 → 10; 3 → 4; 5 → 0; 10 → 0."""
    got = rules.deduction([0, 3, 5, 10], 2, 10)
    assert got * 10 == approx([10, 4, 0, 0])


def test_unweighted_deduction_points_with_and_without_cap():
    assert rules.deduction_points([3, 3], 2, [np.nan, 5]) == approx([6, 5])


def test_addition_is_capped_and_never_negative():
    """METHOD §7 加分法 min(cap, b·units): b 1, cap 5: 3 → 3; 8 → 5; −2 → 0."""
    assert rules.addition([3, 8, -2], 1, 5) == approx([3, 5, 0])


def test_veto_fires_on_any_event():
    assert rules.veto([0, 1, 2, np.nan]).tolist() == [False, True, True, False]


def test_item_fraction_dispatches_each_rule_and_leaves_bonus_and_veto_rows_empty():
    rule = ["ratio", "lower_better", "mixed_sign", "threshold_target_stretch", "deduction",
            "addition", "veto", "nonsense"]
    got = rules.item_fraction(rule, [110, 40, -25, 90, np.nan, 3, np.nan, 1],
                              [100, 50, -20, 100, np.nan, np.nan, np.nan, 1],
                              threshold=[np.nan, np.nan, np.nan, 80, np.nan, np.nan, np.nan,
                                         np.nan],
                              stretch=[np.nan, np.nan, np.nan, 120] + [np.nan] * 4,
                              events=[np.nan] * 4 + [3, np.nan, 1, np.nan],
                              points_per_event=2, weight=10, policy=POLICY)
    assert got[:5] == approx([1.1, 1.2, 0.75, 0.9, 0.4])
    assert np.isnan(got[5:]).all()


# --- properties -----------------------------------------------------------------------------


HIGHER = {
    "ratio": lambda a, t: rules.ratio(a, t, policy=POLICY),
    "mixed_sign": lambda a, t: rules.mixed_sign(a, t, policy=POLICY),
    "interpolation": lambda a, t: rules.threshold_target_stretch(a, t, t - abs(t) * 0.3,
                                                                 t + abs(t) * 0.4,
                                                                 policy=POLICY),
}
LOWER = {
    "lower_better": lambda a, t: rules.lower_better(a, t, weight=15, policy=POLICY),
    "lower_zero_target": lambda a, t: rules.lower_better(a, 0, weight=15, policy=POLICY),
    "interpolation": lambda a, t: rules.threshold_target_stretch(a, t, t + abs(t) * 0.3,
                                                                 t - abs(t) * 0.4,
                                                                 policy=POLICY),
}


@settings(max_examples=200)
@given(st.sampled_from(sorted(HIGHER)), finite, finite, positive)
def test_higher_is_better_fractions_never_fall_as_actual_rises(rule, a1, a2, target):
    low, high = sorted((a1, a2))
    f = HIGHER[rule](np.array([low, high]), target)
    assert f[0] <= f[1] + EPS


@settings(max_examples=200)
@given(st.sampled_from(sorted(LOWER)), finite, finite, positive)
def test_lower_is_better_fractions_never_rise_as_actual_rises(rule, a1, a2, target):
    low, high = sorted((a1, a2))
    f = LOWER[rule](np.array([low, high]), target)
    assert f[0] >= f[1] - EPS


@settings(max_examples=200)
@given(finite, finite.filter(lambda t: t != 0),
       st.floats(min_value=0, max_value=1), st.floats(min_value=1, max_value=2))
def test_fractions_stay_within_zero_and_cap(actual, target, floor, cap):
    for function in (rules.ratio, rules.lower_better, rules.mixed_sign):
        value = function(actual, target, floor, cap, policy=POLICY)
        assume(not np.isnan(value))
        assert 0.0 <= value <= cap + EPS
    tts = rules.threshold_target_stretch(actual, target, p_b=floor, p_x=cap, policy=POLICY)
    assert 0.0 <= tts <= cap + EPS


@given(st.integers(0, 50), st.floats(0, 10), st.floats(0.5, 40))
def test_deduction_fraction_within_zero_and_one(count, points, weight):
    assert 0.0 <= rules.deduction(count, points, weight) <= 1.0


def test_interpolation_threshold_is_reached_exactly_despite_float_rounding():
    """Default B = T − (1 − p_B)·T = 3 − 0.2·3 is 2.4000000000000004 in floating point; an
    actual of exactly 2.4 reaches the threshold and earns p_B (as Excel computes it)."""
    fraction = rules.threshold_target_stretch([2.4], [3.0], policy=POLICY)
    assert fraction[0] == pytest.approx(0.8)

"""Entropy weights, rank-order centroid, direct allocation and blend (METHOD §6,
helpers.weighting.methods): published worked examples, bad data, property tests."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from helpers import i18n
from helpers.errors import InputError
from helpers.weighting.methods import blend, direct, entropy, roc

XU_2004 = [[30, 30, 38, 29],
           [19, 54, 86, 29],
           [19, 15, 85, 28.9],
           [68, 70, 60, 29]]
ZAVADSKAS_2016 = [[3.0, 100, 10, 7],
                  [2.5, 80, 8, 5],
                  [1.8, 50, 20, 11],
                  [2.2, 70, 12, 9]]


# --- entropy: published worked examples -------------------------------------------------------


def test_entropy_xu_2004():
    """Xu, X. 2004, "A note on the subjective and objective integrated approach to determine
    attribute weights", European Journal of Operational Research 156(2), 530–532
    (doi:10.1016/S0377-2217(03)00146-2): entropy weights 0.4630, 0.3992, 0.1378, 0.0000 (sum
    normalisation; the numbers as also reproduced in the crispyn test suite)."""
    weights = entropy(XU_2004)
    assert weights == pytest.approx([0.4630, 0.3992, 0.1378, 0.0000], abs=1e-4)


def test_entropy_zavadskas_podvezko_2016():
    """Zavadskas, E.K. & Podvezko, V. 2016, "Integrated determination of objective criteria
    weights in MCDM", Int. J. of Information Technology & Decision Making 15(2), 267–283: entropy
    weights 0.1146, 0.1981, 0.4185, 0.2689. Sum normalisation of the raw values: the entropy of a
    column measures dispersion only, so the paper's cost criteria (1 and 3) are not reversed."""
    assert entropy(ZAVADSKAS_2016) == pytest.approx([0.1146, 0.1981, 0.4185, 0.2689],
                                                   abs=1e-4)


# --- entropy: normalisations and edge cases ---------------------------------------------------


def test_constant_column_gets_weight_zero():
    weights = entropy([[1, 5, 7], [2, 5, 7], [4, 5, 7]])
    assert weights.tolist()[1:] == [0.0, 0.0]
    assert weights[0] == pytest.approx(1.0)


def test_minmax_two_alternatives_split_evenly():
    """With m = 2 every non-constant column becomes (0, 1) after min–max: entropy 0, d = 1."""
    assert entropy([[1, 10, 3], [2, 20, 3]], "minmax") == pytest.approx([0.5, 0.5, 0.0])


def test_minmax_cost_column_is_reversed():
    benefit = entropy([[1, 1], [2, 3], [4, 2]], "minmax")
    reversed_ = entropy([[1, -1], [2, -3], [4, -2]], "minmax", cost_columns=[1])
    assert reversed_ == pytest.approx(benefit)


def test_sum_cost_column_uses_max_minus_x():
    """Documented rule: with "sum", a cost column x is first turned into max − x."""
    as_cost = entropy([[1, 2], [2, 5], [4, 9]], cost_columns=[1])
    by_hand = entropy([[1, 9 - 2], [2, 9 - 5], [4, 9 - 9]])
    assert as_cost == pytest.approx(by_hand)


def test_cost_columns_by_label_and_frame_input():
    frame = pd.DataFrame({"cost": [3.0, 2.5, 1.8, 2.2], "sales": [100, 80, 50, 70]})
    by_label = entropy(frame, "minmax", cost_columns=["cost"])
    by_position = entropy(frame.to_numpy(), "minmax", cost_columns=[0])
    assert by_label == pytest.approx(by_position)
    with pytest.raises(ValueError, match="neither a position nor a label"):
        entropy(frame, cost_columns=["price"])


def test_unknown_normalization_is_refused():
    with pytest.raises(ValueError, match="sum, minmax"):
        entropy(XU_2004, "zscore")


def test_bad_entropy_data_lists_every_cell():
    frame = pd.DataFrame({"a": [1, -2, None], "b": ["x", "", 3]})
    with pytest.raises(InputError) as error:
        entropy(frame, source="evidence.csv")
    found = [(p.code, p.row, p.column) for p in error.value.problems]
    assert found == [("entropy_bad_value", 1, "b"), ("entropy_negative", 2, "a"),
                     ("entropy_missing", 2, "b"), ("entropy_missing", 3, "a")]
    assert all(p.file == "evidence.csv" for p in error.value.problems)
    assert "-2 is negative" in error.value.render("en")
    for lang in i18n.LANGUAGES:
        assert error.value.render(lang)


def test_negative_values_are_fine_with_minmax():
    assert entropy([[-1, 2], [0, 3], [5, 1]], "minmax").sum() == pytest.approx(1.0)


def test_all_constant_and_too_few_rows_are_refused():
    with pytest.raises(InputError) as error:
        entropy([[1, 2], [1, 2], [1, 2]])
    assert [p.code for p in error.value.problems] == ["entropy_all_constant"]
    with pytest.raises(InputError) as error:
        entropy([[1, 2, 3]])
    assert [p.code for p in error.value.problems] == ["entropy_too_few_rows"]


# --- roc, direct, blend -----------------------------------------------------------------------


def test_roc_barron_barrett_1996():
    """Barron & Barrett 1996, Management Science 42(11): ROC weights for 4 ranked criteria
    0.5208, 0.2708, 0.1458, 0.0625."""
    assert roc(4) == pytest.approx([0.5208, 0.2708, 0.1458, 0.0625], abs=5e-5)
    assert roc(1).tolist() == [1.0]
    for bad in (0, -2, 2.5, True):
        with pytest.raises(ValueError):
            roc(bad)


def test_direct_allocation():
    assert direct([30, 50, 20]) == pytest.approx([0.3, 0.5, 0.2])
    assert direct([1, 0]) == pytest.approx([1.0, 0.0])
    with pytest.raises(ValueError, match="not all be 0"):
        direct([0, 0])
    with pytest.raises(ValueError, match=">= 0"):
        direct([5, -1])


def test_blend():
    assert blend([0.6, 0.4], [0.2, 0.8], 0.5) == pytest.approx([0.4, 0.6])
    assert blend([60, 40], [0.2, 0.8], 1.0) == pytest.approx([0.6, 0.4])
    with pytest.raises(ValueError, match="same length; got 2 and 3"):
        blend([0.5, 0.5], [0.2, 0.3, 0.5], 0.5)
    with pytest.raises(ValueError, match="between 0 and 1; got 1.2"):
        blend([0.5, 0.5], [0.2, 0.8], 1.2)


# --- properties -------------------------------------------------------------------------------


data_matrices = hnp.arrays(
    float, st.tuples(st.integers(2, 8), st.integers(1, 6)),
    elements=st.floats(0, 1000, allow_nan=False, allow_subnormal=False))


@settings(max_examples=80, deadline=None)
@given(data_matrices, st.sampled_from(["sum", "minmax"]))
def test_entropy_weights_sum_to_one_or_raise(matrix, normalization):
    constant = np.ptp(matrix, axis=0) == 0
    if constant.all():
        with pytest.raises(InputError):
            entropy(matrix, normalization)
        return
    weights = entropy(matrix, normalization)
    assert weights.sum() == pytest.approx(1.0)
    assert (weights >= 0).all()
    assert (weights[constant] == 0).all()


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 40))
def test_roc_sums_to_one_and_decreases(n):
    weights = roc(n)
    assert weights.sum() == pytest.approx(1.0)
    assert (np.diff(weights) < 0).all()


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0.01, 100), min_size=1, max_size=8), st.floats(0, 1))
def test_blend_sums_to_one_between_its_inputs(weights, share):
    first = direct(weights)
    second = roc(len(weights))
    mixed = blend(first, second, share)
    assert mixed.sum() == pytest.approx(1.0)
    low, high = np.minimum(first, second), np.maximum(first, second)
    assert (mixed >= low - 1e-12).all() and (mixed <= high + 1e-12).all()

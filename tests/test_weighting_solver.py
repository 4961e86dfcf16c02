"""The policy solve (METHOD §6): compliant weights on the grid nearest to the preference, or the
conflicting rules in words. Property tests compare with brute force over every grid vector."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import policy as policy_files
from helpers.weighting import solver

POLICY = policy_files.load()
GROUPS = ("result", "process_capability")


def frame(groups, customer=None, rating=None) -> pd.DataFrame:
    count = len(groups)
    return pd.DataFrame({"key": [f"k{i}" for i in range(count)],
                         "name": [f"指标{i}" for i in range(count)], "group": list(groups),
                         "customer": customer or [False] * count,
                         "rating": rating or [False] * count})


def grid_vectors(count: int, policy=POLICY):
    """Every weight vector on the grid summing to 100 (brute force for small n)."""
    grid = policy["weights"]["grid"]
    steps = int(100 / grid)
    for split in itertools.product(range(steps + 1), repeat=count - 1):
        last = steps - sum(split)
        if last >= 0:
            yield np.array([*split, last], dtype=float) * grid


def test_balanced_position_keeps_a_compliant_preference():
    items = frame(["result", "result", "process_capability", "process_capability"],
                  customer=[True, False, True, False])
    found = solver.solve(items, [30, 25, 25, 20], POLICY, customer_facing=True)
    assert found.weights.tolist() == [30, 25, 25, 20]
    assert not found.binding["moved"].any()


def test_rules_move_a_preference_that_breaks_them_and_are_named():
    items = frame(["result", "result", "result", "process_capability", "process_capability"],
                  customer=[False, False, True, False, False])
    found = solver.solve(items, [40, 30, 10, 15, 5], POLICY, customer_facing=True)
    assert found.weights.tolist() == [20, 10, 30, 15, 25]
    moved = set(found.binding.loc[found.binding["moved"], "rule"])
    assert moved == {"item_max", "band_max", "band_min", "customer_min"}
    assert solver.is_compliant(found.weights, items, POLICY, True)


def test_three_indicators_cannot_reach_100_and_the_message_says_why():
    found = solver.solve(frame(["result", "process_capability", "result"]), [1, 1, 1], POLICY,
                         customer_facing=False)
    assert not found.feasible
    assert "each of the 3 indicators at most 30% (together at most 90%)" in \
        found.conflict_text("en")
    assert "3个指标每项不高于30%" in found.conflict_text("zh")


def test_customer_share_against_rating_cap_is_explained():
    items = frame(["result", "result", "process_capability", "process_capability"],
                  customer=[True, False, False, False], rating=[True, False, False, False])
    found = solver.solve(items, [1, 1, 1, 1], POLICY, customer_facing=True)
    assert not found.feasible
    codes = {rule.code for rule in found.conflict}
    assert codes == {"customer_min", "rating_max"}


def test_a_missing_dimension_is_a_conflict_of_its_band():
    found = solver.solve(frame(["result"] * 5), [1] * 5, POLICY, customer_facing=False)
    assert not found.feasible
    assert [rule.code for rule in found.conflict] == ["band_max"]
    assert "results at most 60%" in found.conflict_text("en")


def test_overridden_policy_is_used():
    wide = policy_files.load(overrides={"weights": {"item": {"max": 50}}})
    found = solver.solve(frame(["result", "process_capability"]), [1, 1], wide, False)
    assert found.weights.tolist() == [50, 50]


def test_preference_validation():
    with pytest.raises(ValueError, match="expected 2 values"):
        solver.solve(frame(["result", "process_capability"]), [1, 2, 3], POLICY, False)
    with pytest.raises(ValueError, match="non-negative"):
        solver.solve(frame(["result", "process_capability"]), [-1, 2], POLICY, False)


items_strategy = st.integers(min_value=2, max_value=5).flatmap(lambda n: st.tuples(
    st.lists(st.sampled_from(GROUPS), min_size=n, max_size=n),
    st.lists(st.booleans(), min_size=n, max_size=n),
    st.lists(st.booleans(), min_size=n, max_size=n),
    st.lists(st.floats(min_value=0.01, max_value=10), min_size=n, max_size=n),
    st.booleans()))


@settings(max_examples=60, deadline=None)
@given(items_strategy)
def test_solver_agrees_with_brute_force(case):
    """Compliant whenever brute force finds compliant vectors, and at the least L1 distance;
    infeasible only when none exists, and then with named conflicting rules."""
    groups, customer, rating, preference, facing = case
    items = frame(groups, customer, [r and c for r, c in zip(rating, customer, strict=True)])
    found = solver.solve(items, preference, POLICY, facing)
    wanted = np.asarray(preference) / np.sum(preference) * 100
    compliant = [v for v in grid_vectors(len(groups))
                 if solver.is_compliant(v, items, POLICY, facing)]
    if not compliant:
        assert not found.feasible
        assert found.conflict and all(rule.text("en") in found.conflict_text("en")
                                      for rule in found.conflict)
        return
    assert found.feasible
    assert solver.is_compliant(found.weights, items, POLICY, facing)
    assert found.weights.sum() == pytest.approx(100)
    best = min(np.abs(v - wanted).sum() for v in compliant)
    assert np.abs(found.weights - wanted).sum() == pytest.approx(best, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(items_strategy)
def test_conflict_is_irreducible(case):
    """Dropping any one rule of the reported conflict makes the rest satisfiable."""
    groups, customer, rating, preference, facing = case
    items = frame(groups, customer, [r and c for r, c in zip(rating, customer, strict=True)])
    found = solver.solve(items, preference, POLICY, facing)
    if found.feasible:
        return
    vectors = list(grid_vectors(len(groups)))
    assert len(found.conflict_blocks) == len(found.conflict)
    for dropped in found.conflict_blocks:
        rest = [rule for block in found.conflict_blocks if block is not dropped for rule in block]
        assert any(all(rule.holds(v) for rule in rest) for v in vectors)
    everything = [rule for block in found.conflict_blocks for rule in block]
    assert not any(all(rule.holds(v) for rule in everything) for v in vectors)

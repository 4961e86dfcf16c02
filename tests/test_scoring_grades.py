"""Grades (METHOD §7): absolute bands, largest-remainder quotas (published apportionment
examples), forced distribution with pooled small teams, tie-break, the S rule and veto limits."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import policy
from helpers.scoring import absolute, apply_limits, forced, grades, largest_remainder

POLICY = policy.load()
SHARES = POLICY["scoring"]["grades"]["forced_distribution"]


def with_grades(**grades) -> dict:
    return policy.load(overrides={"scoring": {"grades": grades}})


# --- absolute -------------------------------------------------------------------------------


def test_absolute_bands_at_their_edges():
    """METHOD §7 defaults: S ≥ 95, A 85–95, B 75–85, C 60–75, D < 60."""
    scores = [120, 95, 94.99, 85, 84.9, 75, 60, 59.9, 0, np.nan]
    assert absolute(scores, policy=POLICY).tolist() == [
        "S", "S", "A", "A", "B", "B", "C", "D", "D", None]


def test_absolute_rounds_float_noise_before_comparing():
    assert absolute([94.99999999999], policy=POLICY).tolist() == ["S"]


def test_absolute_with_given_bands():
    bands = [{"grade": "good", "min": 50}, {"grade": "poor", "min": 0}]
    assert absolute([49, 50], bands).tolist() == ["poor", "good"]


# --- veto limits ----------------------------------------------------------------------------


def test_grade_cap_and_demote():
    """Seed 002 §二: after a major compliance breach "总绩效上限为 B 或 C" — the policy caps at
    B; demote moves one grade down and D stays D."""
    got = apply_limits(["S", "A", "C", "S", "D", "A"],
                       ["cap", "cap", "cap", "demote", "demote", None], POLICY)
    assert got.tolist() == ["B", "B", "C", "A", "D", "A"]


# --- largest remainder ----------------------------------------------------------------------


def test_largest_remainder_reproduces_the_hare_quota_example():
    """Wikipedia, "Largest remainder method", Hare-quota example: 100,000 votes for 10 seats —
    47,000 / 16,000 / 15,800 / 12,000 / 6,100 / 3,100 → 5 / 2 / 1 / 1 / 1 / 0."""
    votes = {"Yellows": 47_000, "Whites": 16_000, "Reds": 15_800, "Greens": 12_000,
             "Blues": 6_100, "Pinks": 3_100}
    assert largest_remainder(10, votes) == {"Yellows": 5, "Whites": 2, "Reds": 1, "Greens": 1,
                                            "Blues": 1, "Pinks": 0}


def test_largest_remainder_small_district_example():
    """archipel-des-libertes.fr, "largest remainders method": 930 votes, 4 seats —
    A 500, B 300, C 110, D 20 → quotas 2.15, 1.29, 0.47, 0.09 → A 2, B 1, C 1, D 0."""
    assert largest_remainder(4, {"A": 500, "B": 300, "C": 110, "D": 20}) == {
        "A": 2, "B": 1, "C": 1, "D": 0}


def test_largest_remainder_three_groups():
    """infinitelexicon.com, "largest remainder": populations 50 / 30 / 20, 7 seats → quotas
    3.5 / 2.1 / 1.4 → 4 / 2 / 1."""
    assert list(largest_remainder(7, {"a": 50, "b": 30, "c": 20}).values()) == [4, 2, 1]


def test_default_forced_distribution_quotas():
    """10/20/40/20/10: n 10 → 1/2/4/2/1; n 7 → exact 0.7/1.4/2.8/1.4/0.7, floors 0/1/2/1/0,
    three more to the largest remainders B (0.8), S and D (0.7) → 1/1/3/1/1."""
    assert list(largest_remainder(10, SHARES).values()) == [1, 2, 4, 2, 1]
    assert list(largest_remainder(7, SHARES).values()) == [1, 1, 3, 1, 1]
    assert sum(largest_remainder(0, SHARES).values()) == 0


def test_largest_remainder_refuses_bad_shares():
    with pytest.raises(ValueError, match="positive sum"):
        largest_remainder(5, {"a": 0, "b": 0})
    with pytest.raises(ValueError, match="whole number"):
        largest_remainder(-1, SHARES)


@given(st.integers(0, 500), st.lists(st.floats(0, 100), min_size=1, max_size=8)
       .filter(lambda shares: sum(shares) > 0))
def test_quotas_sum_to_n(n, shares):
    quotas = largest_remainder(n, {str(i): s for i, s in enumerate(shares)})
    assert sum(quotas.values()) == n
    assert all(q >= 0 for q in quotas.values())


# --- forced distribution --------------------------------------------------------------------


def team(name, scores, department="sales", start=0, **extra) -> pd.DataFrame:
    return pd.DataFrame({"employee_id": [f"{name}{start + i:03d}" for i in range(len(scores))],
                         "team": name, "department": department, "total": scores, **extra})


def test_forced_distribution_of_one_team_of_ten():
    frame = team("t", [101, 99, 98, 90, 88, 80, 70, 60, 50, 40])
    graded = forced(frame, POLICY)
    assert graded["grade"].tolist() == ["S", "A", "A", "B", "B", "B", "B", "C", "C", "D"]
    assert graded["rank"].tolist() == list(range(1, 11))


def test_s_requires_the_target_score():
    """METHOD §7 "S also requires score ≥ target" (policy 100): the top scorer at 98 gets A."""
    graded = forced(team("t", [98, 97, 96, 90, 88, 80, 70, 60, 50, 40]), POLICY)
    assert graded["quota_grade"].iloc[0] == "S" and graded["grade"].iloc[0] == "A"
    assert (graded["grade"] == "S").sum() == 0 and (graded["grade"] == "A").sum() == 3


def test_small_teams_of_a_department_are_pooled():
    """Teams of 3 and 4 (< 10) in sales pool into 7 (quotas 1/1/3/1/1); a team of 12 is its own
    pool (exact 1.2/2.4/4.8/2.4/1.2 → 1/3/5/2/1, the A/C tie on 0.4 going to A, listed first);
    a small team of another department pools apart."""
    frame = pd.concat([
        team("a", [120, 110, 100]), team("b", [105, 95, 90, 85]),
        team("big", list(range(200, 188, -1))), team("ops", [100, 90], department="ops")],
        ignore_index=True)
    graded = forced(frame, POLICY)
    pooled = graded[graded["pool"] == "pooled:sales"].sort_values("rank")
    assert pooled["employee_id"].tolist() == ["a000", "a001", "b000", "a002", "b001", "b002",
                                              "b003"]
    assert pooled["grade"].tolist() == ["S", "A", "B", "B", "B", "C", "D"]
    big = graded[graded["pool"] == "big"]["grade"].value_counts().to_dict()
    assert big == {"S": 1, "A": 3, "B": 5, "C": 2, "D": 1}
    assert set(graded.loc[graded["team"] == "ops", "pool"]) == {"pooled:ops"}


def test_without_a_department_column_all_small_teams_pool_together():
    frame = pd.concat([team("a", [100, 90]), team("b", [95])]).drop(columns="department")
    assert set(forced(frame, POLICY)["pool"]) == {"pooled"}


def test_tie_break_customer_score_then_employee_id():
    """Policy tie_break [score, customer_score, employee_id]: equal scores rank by the higher
    customer score, then by employee id ascending."""
    frame = pd.DataFrame({"employee_id": ["z", "y", "x"], "team": "t", "total": [90, 90, 90],
                          "customer_score": [70, 80, 70]})
    graded = forced(frame, POLICY).sort_values("rank")
    assert graded["employee_id"].tolist() == ["y", "x", "z"]


def test_periods_are_graded_separately_and_missing_scores_get_no_grade():
    frame = pd.concat([team("t", [100, 90, np.nan]).assign(period="Q1"),
                       team("t", [80, 70, 60]).assign(period="Q2")], ignore_index=True)
    graded = forced(frame, POLICY)
    assert graded["pool_size"].tolist()[:2] == [2, 2]
    assert pd.isna(graded["grade"].iloc[2])
    assert graded.loc[graded["period"] == "Q2", "rank"].tolist() == [1, 2, 3]


def test_forced_applies_veto_limits():
    frame = team("t", [101, 99, 98, 90, 88, 80, 70, 60, 50, 40])
    frame["grade_limit"] = pd.Categorical(["cap", "demote"] + [None] * 8,
                                          categories=["cap", "demote"])
    graded = forced(frame, POLICY)
    assert graded["grade"].tolist()[:2] == ["B", "B"]
    assert graded["quota_grade"].tolist()[:2] == ["S", "A"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=1, max_size=6),
       st.randoms(use_true_random=False))
def test_pooled_small_teams_get_exactly_their_quotas(sizes, rng):
    frames = [team(f"t{i}", [rng.uniform(0, 120) for _ in range(size)])
              for i, size in enumerate(sizes)]
    frame = pd.concat(frames, ignore_index=True)
    graded = forced(frame, with_grades(s_requires_score_at_least=0))
    counts = graded["grade"].value_counts().to_dict()
    expected = {g: q for g, q in largest_remainder(sum(sizes), SHARES).items() if q}
    assert set(graded["pool"]) == {"pooled:sales"}
    assert counts == expected


def test_s_needs_the_target_score_in_absolute_grades():
    """METHOD §7 "S also requires score ≥ target": with the default bands S ≥ 95 and the
    default minimum 100, 97 is A and 100 stays S; other grades never change."""
    scores = [97.0, 100.0, 99.9999999, 86.0, None]
    banded = grades.absolute(scores, policy=POLICY)
    assert list(banded) == ["S", "S", "S", "A", None]
    assert list(grades.s_rule(banded, scores, POLICY)) == ["A", "S", "S", "A", None]

"""Sensitivity of a position's weights (METHOD §6): how stable are the employees' ranks and
grades when the weights move within the policy?

Each perturbation makes one or two moves of ``step`` points (policy ``weights.sensitivity``)
from one indicator to another, keeping a move only if the weights still meet every rule of
:mod:`helpers.weighting.solver`. For each perturbed weighting the employees' totals are
``100 · S · w`` (S: employees × indicators attainment fractions from last year's actuals), and
we report Kendall's τ-b between the original and the perturbed totals (Kendall 1945,
"The treatment of ties in ranking problems", Biometrika 33(3); :func:`scipy.stats.kendalltau`)
and the share of employees whose absolute grade (policy ``scoring.grades.absolute``) changes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import kendalltau

from helpers.scoring import grades as scoring_grades
from helpers.weighting.solver import Rule

COLUMNS = ["employees", "indicators_with_actuals", "perturbations", "tau_min", "tau_median",
           "grade_changed_mean", "grade_changed_max", "note"]


def perturbed_weights(weights: np.ndarray, rules: list[Rule], policy: dict) -> list[np.ndarray]:
    """Distinct policy-compliant weightings near ``weights`` (percent), reproducibly random."""
    spec = policy["weights"]["sensitivity"]
    rng = np.random.default_rng(spec["seed"])
    count, step = len(weights), spec["step"]
    found: dict[tuple, np.ndarray] = {}
    if count < 2:
        return []
    for _ in range(spec["perturbations"]):
        trial = np.asarray(weights, dtype=float).copy()
        for _move in range(int(rng.integers(1, 3))):
            giver, taker = rng.choice(count, 2, replace=False)
            moved = trial.copy()
            moved[giver] -= step
            moved[taker] += step
            if all(rule.holds(moved) for rule in rules):
                trial = moved
        if not np.array_equal(trial, weights):
            found.setdefault(tuple(trial), trial)
    return list(found.values())


def grades(totals: np.ndarray, policy: dict) -> np.ndarray:
    """Absolute grade of each total (policy ``scoring.grades.absolute``), with the S rule."""
    return scoring_grades.s_rule(scoring_grades.absolute(totals, policy=policy), totals, policy)


def analyse(attainment: pd.DataFrame, weights: np.ndarray, rules: list[Rule], policy: dict,
            measured: int) -> dict:
    """One position's stability figures (:data:`COLUMNS`). ``attainment``: employees ×
    indicators fractions (indicators without actuals already set to 1.0, i.e. at target);
    ``measured``: how many indicators had actuals."""
    employees = len(attainment)
    base = {"employees": employees, "indicators_with_actuals": measured}
    if employees < 3 or measured == 0:
        return _not_analysed(base, "too_few_employees" if employees < 3 else "no_actuals")
    matrix = attainment.to_numpy(dtype=float)
    totals = matrix @ (np.asarray(weights, dtype=float))
    original_grades = grades(totals, policy)
    taus, changed = [], []
    for trial in perturbed_weights(np.asarray(weights, dtype=float), rules, policy):
        moved = matrix @ trial
        tau = kendalltau(totals, moved).statistic
        taus.append(1.0 if np.isnan(tau) else float(tau))
        changed.append(float(np.mean(grades(moved, policy) != original_grades)))
    if not taus:
        return _not_analysed(base, "no_room")
    return base | {"perturbations": len(taus), "tau_min": float(np.min(taus)),
                   "tau_median": float(np.median(taus)),
                   "grade_changed_mean": float(np.mean(changed)),
                   "grade_changed_max": float(np.max(changed)), "note": None}


def _not_analysed(base: dict, note: str) -> dict:
    return base | {"perturbations": 0, "tau_min": np.nan, "tau_median": np.nan,
                   "grade_changed_mean": np.nan, "grade_changed_max": np.nan, "note": note}

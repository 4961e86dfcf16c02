"""The consultant's preferred weights of one position, before the policy solve (METHOD §6).

Methods (``decisions/weights.yaml`` ``method``, else policy ``weights.default_method``):

``equal``    1/n each.
``roc``      rank-order centroid over the selection order (tier, then tier score) — Barron &
             Barrett 1996.
``direct``   the consultant's own numbers (sliders), rescaled to 100 %.
``ahp``      principal eigenvector of the saved pairwise judgements (Saaty 1980), missing
             judgements completed by the policy's named method.
``current``  the weights of the client's current scorecard (indicators new to the position get
             the smallest current weight, so they are not silently zeroed).
``entropy``  entropy weights (熵权法) of the position's actual attainment, when actuals exist.
``default``  policy ``default_method``: a method above, optionally blended with equal weights
             (``blend_with_equal`` = share of the equal weights).

A choice that cannot be honoured (judgements naming indicators that are no longer core, no
actuals for entropy, no current weights) falls back to the default with a ``note`` code the
chapter shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from helpers.weighting import choices, methods, pairwise

TIER_ORDER = {"A": 0, "B": 1, "C": 2}


@dataclass
class Preference:
    """Preferred weights (fractions summing to 1, in ``rows`` order) and how they were made."""

    weights: np.ndarray
    method: str
    note: str | None = None
    ahp: pairwise.AHPResult | None = None
    details: dict = field(default_factory=dict)


def ranked(rows: pd.DataFrame) -> pd.DataFrame:
    """Core rows in selection order: tier, then tier score (high first), then key."""
    order = pd.DataFrame({"tier": rows["tier"].map(TIER_ORDER).fillna(len(TIER_ORDER)),
                          "score": -pd.to_numeric(rows["tier_score"], errors="coerce").fillna(0),
                          "key": rows["key"].astype(str)}, index=rows.index)
    return rows.loc[order.sort_values(["tier", "score", "key"]).index]


def preferred(rows: pd.DataFrame, choice: dict | None, policy: dict,
              evidence: pd.DataFrame | None = None) -> Preference:
    """Preferred weights for ``rows`` (one position's core indicators, in :func:`ranked` order).
    ``evidence``: employees × keys attainment (for entropy), or None."""
    method = (choice or {}).get("method", "default")
    if method == "default":
        return _default(rows, policy)
    made = _by_method(method, rows, choice or {}, policy, evidence)
    if isinstance(made, str):
        fallback = _default(rows, policy)
        fallback.note = made
        return fallback
    return made


def _default(rows: pd.DataFrame, policy: dict) -> Preference:
    spec = policy["weights"]["default_method"]
    base = _by_method(spec["method"], rows, {}, policy, None)
    if isinstance(base, str):
        base = Preference(methods.roc(len(rows)), "roc")
    share = float(spec.get("blend_with_equal", 0))
    weights = methods.blend(np.full(len(rows), 1 / len(rows)), base.weights, share)
    return Preference(weights, "default", details={"base": base.method, "equal_share": share})


def _by_method(method: str, rows: pd.DataFrame, choice: dict, policy: dict,
               evidence: pd.DataFrame | None) -> Preference | str:
    """A Preference, or the code of the reason the method cannot be used here."""
    count = len(rows)
    keys = rows["key"].astype(str).tolist()
    if method == "equal":
        return Preference(np.full(count, 1 / count), "equal")
    if method == "roc":
        return Preference(methods.roc(count), "roc")
    if method == "direct":
        given = choice.get("weights") or {}
        if set(given) != set(keys) or sum(given.values()) <= 0:
            return "keys_changed"
        return Preference(methods.direct([given[k] for k in keys]), "direct")
    if method == "ahp":
        return _ahp(keys, choice.get("judgements") or {}, policy)
    if method == "current":
        return _current(rows)
    if method == "entropy":
        return _entropy(keys, evidence)
    return "unknown_method"


def _ahp(keys: list[str], judgements: dict, policy: dict) -> Preference | str:
    matrix = choices.judgement_matrix(keys, judgements)
    if matrix is None or not judgements:
        return "keys_changed"
    spec = policy["weights"]["ahp"]
    result = pairwise.ahp(matrix, spec["ri_table"], labels=keys, source=choices.DISPLAY,
                          missing=spec["missing_judgements"],
                          cr_max=spec["consistency_ratio_max"])
    return Preference(result.weights, "ahp", ahp=result)


def _current(rows: pd.DataFrame) -> Preference | str:
    current = pd.to_numeric(rows["current_weight"], errors="coerce")
    if current.isna().all():
        return "no_current"
    filled = current.fillna(current.min())
    return Preference(methods.direct(filled.to_numpy()), "current")


def _entropy(keys: list[str], evidence: pd.DataFrame | None) -> Preference | str:
    if evidence is None or not set(keys) <= set(evidence.columns) or len(evidence) < 2:
        return "no_evidence"
    matrix = evidence[keys].dropna()
    if len(matrix) < 2:
        return "no_evidence"
    try:
        weights = methods.entropy(matrix.to_numpy(), normalization="minmax")
    except ValueError:
        return "no_evidence"
    return Preference(weights, "entropy")

"""Stage 04 as one call: ``run(engagement, policy, lang, artifacts)`` → :class:`WeightingResult`,
saved to and loaded from ``artifacts/weighting/`` (the scoring stage reads the weights).

For every position of the KPI pool's selection: the core indicators, the consultant's preferred
weights (:mod:`~helpers.weighting.preferences`, replaying ``decisions/weights.yaml``), the policy
solve (:mod:`~helpers.weighting.solver`) and the sensitivity on last year's actuals
(:mod:`~helpers.weighting.sensitivity`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import artifacts, kpi_pool
from helpers.kpi_pool import selection as selection_module
from helpers.weighting import choices, evidence, items, pairwise, preferences, sensitivity, solver

WEIGHT_COLUMNS = ["unit", "position", "order", "key", "library_id", "name_zh", "name_en",
                  "group", "customer", "rating", "orientation", "kind", "tier", "current_weight",
                  "method", "preferred", "weight", "change"]


@dataclass
class WeightingResult(artifacts.SavedResult):
    """Per-indicator weights, per-position figures, binding rules, AHP judgements to revisit
    and the sensitivity of ranks and grades."""

    weights: pd.DataFrame
    positions: pd.DataFrame
    binding: pd.DataFrame
    judgements: pd.DataFrame
    sensitivity: pd.DataFrame
    summary: dict


def run(engagement, policy: dict, lang: str, artifacts_dir: Path | None = None
        ) -> WeightingResult:
    """Weights for every position's core indicators, within policy (METHOD §6)."""
    pool = _pool(engagement, policy, lang, artifacts_dir)
    core = pool.selection[pool.selection["role"] == "core"]
    saved = choices.read(engagement.path)
    facing = set(engagement.profile.get("customer_facing_units") or [])
    proof = evidence.attainment(engagement, core, policy)
    parts: dict[str, list] = {"weights": [], "positions": [], "binding": [], "judgements": [],
                              "sensitivity": []}
    for (unit, position), rows in core.groupby(["unit", "position"], sort=False):
        label = selection_module.position_label(unit, position)
        found = _position(preferences.ranked(rows), saved.get(label), policy, unit in facing,
                          proof.get((unit, position)))
        for name, frame in found.items():
            parts[name].append(frame.assign(unit=unit, position=position))
    frames = {name: _concat(frames) for name, frames in parts.items()}
    return WeightingResult(**frames, summary=_summary(frames, saved))


def _position(rows: pd.DataFrame, choice: dict | None, policy: dict, facing: bool,
              proof: tuple[pd.DataFrame, int] | None) -> dict[str, pd.DataFrame]:
    table, measured = proof if proof is not None else (pd.DataFrame(), 0)
    frame = items.items_frame(rows, policy)
    preference = preferences.preferred(rows, choice, policy, table if measured else None)
    solved = solver.solve(frame, preference.weights, policy, facing)
    weights = _weights(rows, frame, preference, solved)
    attainment = table.reindex(columns=frame["key"]).astype(float).fillna(1.0)
    stability = (sensitivity.analyse(attainment, solved.weights, solved.rules, policy, measured)
                 if solved.feasible else
                 {"employees": len(attainment), "indicators_with_actuals": measured,
                  "perturbations": 0, "note": "infeasible"})
    return {
        "weights": weights,
        "positions": pd.DataFrame([_figures(frame, preference, solved, facing, choice)]),
        "binding": solved.binding.drop(columns=["members"]),
        "judgements": _judgements(preference, rows),
        "sensitivity": pd.DataFrame([stability]),
    }


def _weights(rows: pd.DataFrame, frame: pd.DataFrame, preference, solved) -> pd.DataFrame:
    preferred = np.round(preference.weights * 100, 1)
    final = solved.weights if solved.feasible else np.full(len(rows), np.nan)
    return pd.DataFrame({
        "order": range(1, len(rows) + 1), "key": frame["key"],
        "library_id": rows["library_id"].to_numpy(), "name_zh": rows["name_zh"].to_numpy(),
        "name_en": rows["name_en"].fillna(rows["name_zh"]).to_numpy(),
        "group": frame["group"], "customer": frame["customer"], "rating": frame["rating"],
        "orientation": rows["orientation"].to_numpy(), "kind": rows["kind"].to_numpy(),
        "tier": rows["tier"].to_numpy(),
        "current_weight": pd.to_numeric(rows["current_weight"], errors="coerce").to_numpy(),
        "method": preference.method, "preferred": preferred, "weight": final,
        "change": final - preferred,
    })


def _figures(frame: pd.DataFrame, preference, solved, facing: bool, choice) -> dict:
    weights = solved.weights if solved.feasible else np.full(len(frame), np.nan)

    def share(mask) -> float:
        return float(np.asarray(weights)[np.asarray(mask, dtype=bool)].sum())

    result = preference.ahp
    return {
        "customer_facing": facing, "method": preference.method, "note": preference.note,
        "replayed": choice is not None, "indicators": len(frame), "feasible": solved.feasible,
        "result_share": share(frame["group"] == "result"),
        "process_capability_share": share(frame["group"] == "process_capability"),
        "customer_share": share(frame["customer"]), "rating_share": share(frame["rating"]),
        "moved_by": int(solved.binding["moved"].sum()) if len(solved.binding) else 0,
        "ahp_cr": result.cr if result else np.nan,
        "ahp_consistent": bool(result.consistent) if result else None,
        "conflict_zh": solved.conflict_text("zh"), "conflict_en": solved.conflict_text("en"),
    }


def _judgements(preference, rows: pd.DataFrame) -> pd.DataFrame:
    if preference.ahp is None:
        return pd.DataFrame()
    worst = pairwise.worst_judgements(preference.ahp)
    names = dict(zip(rows["key"].astype(str), rows["name_zh"], strict=True))
    names_en = dict(zip(rows["key"].astype(str), rows["name_en"].fillna(rows["name_zh"]),
                        strict=True))
    return worst.assign(row_zh=worst["row"].map(names), column_zh=worst["column"].map(names),
                        row_en=worst["row"].map(names_en),
                        column_en=worst["column"].map(names_en))


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=["unit", "position"])
    joined = pd.concat(frames, ignore_index=True)
    first = ["unit", "position"]
    return joined[first + [c for c in joined.columns if c not in first]]


def _summary(frames: dict[str, pd.DataFrame], saved: dict) -> dict:
    positions, stability = frames["positions"], frames["sensitivity"]
    taus = pd.to_numeric(stability.get("tau_median"), errors="coerce").dropna()
    return {
        "positions": len(positions),
        "compliant": int(positions["feasible"].sum()) if len(positions) else 0,
        "infeasible": int((~positions["feasible"].astype(bool)).sum()) if len(positions) else 0,
        "replayed": len(saved),
        "methods": positions["method"].value_counts().to_dict() if len(positions) else {},
        "moved_positions": int((positions["moved_by"] > 0).sum()) if len(positions) else 0,
        "tau_median": float(taus.median()) if len(taus) else None,
        "tau_positions": len(taus),
    }


def _pool(engagement, policy, lang, folder: Path | None):
    if folder is not None and (folder / "kpi_pool").is_dir():
        return kpi_pool.KpiPoolResult.load(folder / "kpi_pool")
    return kpi_pool.run(engagement, policy, lang, folder)

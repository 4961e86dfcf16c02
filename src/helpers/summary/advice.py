"""Recommendations and the pilot plan of the executive summary, each derived from the stages'
results by a stated rule (no sentence is typed in a cell).

Recommendations, in this order, each only when its condition holds:

1. ``orientation_below`` / ``orientation_above`` / ``orientation_within``: the proposed
   orientation index against the scenario's recommended band (seed 000 §二.6). Above the band,
   the positions whose customer share of weight is at least ``summary.customer_heavy_share``
   (policy) are named: they may have lost the business results the scenario still needs.
2. ``moments``: moments of truth that no proposed indicator watches (seed 000 §三.2).
3. ``alignment_raised`` / ``alignment_not_raised`` / ``alignment_too_few``: stage 05's verdict
   per outcome (seed 000 §三.3; a redesign that does not raise alignment is said to).
4. ``data``: new indicators without any data last year, the heaviest first (seed 000 §三.3:
   "指标是否可获得、可度量").
5. ``findings``: the current scorecards' high-severity problems by rule, the commonest first.

Pilot plan (seed 002 §四.1 步骤4: one or two teams, one performance cycle; seed 000 §三.3):
the ``pilot.plan.teams`` teams of customer-facing units with the most employees the pilot
could compare (stage 05 ``comparable``), ties broken by the mean measured share of the
proposed weight, then by name; ``pilot.plan.periods`` periods starting after both the last
period of the actuals and the period of the report date (engagement.yaml ``report.date``, else
today), in the actuals' labels (``2025Q4`` → ``2026Q1``, ``2025-12`` → ``2026-01``); what to
watch: the customer outcomes of the alignment test, the team's new indicators without data,
and the team's expected grade moves.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from helpers.kpi_pool.selection import SEPARATOR


def _plan_settings(policy: dict) -> dict:
    plan = (policy.get("pilot") or {}).get("plan") or {}
    return {"teams": int(plan.get("teams", 1)), "periods": int(plan.get("periods", 1))}


def recommendations(orientation: dict, moments: dict, alignment: dict, scoring, weights,
                    diagnosis, policy: dict) -> list[dict]:
    """``[{"code": ..., "params": {...}}]`` in priority order (module docstring)."""
    found = [_orientation(orientation, weights, policy)]
    if moments["still_uncovered"]:
        found.append({"code": "moments", "params": {"names": moments["still_uncovered"]}})
    for verdict in ("not_raised", "too_few", "raised"):
        codes = [code for code, f in alignment.items() if f["verdict"] == verdict]
        if codes:
            found.append({"code": f"alignment_{verdict}", "params": {"outcomes": codes}})
    unmeasured = _unmeasured(scoring.measurement)
    if len(unmeasured):
        found.append({"code": "data", "params": {
            "count": len(unmeasured), "names_zh": unmeasured["name_zh"].head(5).tolist(),
            "names_en": unmeasured["name_en"].head(5).tolist()}})
    high = diagnosis.findings[diagnosis.findings["severity"] == "high"]
    if len(high):
        rules = high["rule"].value_counts()
        found.append({"code": "findings", "params": {"count": len(high),
                                                     "rules": rules.head(3).index.tolist()}})
    return found


def _orientation(orientation: dict, weights: pd.DataFrame, policy: dict) -> dict:
    params = {key: orientation[key] for key in ("index_after", "band_low", "band_high")}
    if orientation["gap_after"] > 0:
        return {"code": "orientation_below", "params": params}
    if orientation["gap_after"] == 0:
        return {"code": "orientation_within", "params": params}
    heavy = (policy.get("summary") or {}).get("customer_heavy_share", 0.9)
    placed = weights[pd.to_numeric(weights["weight"], errors="coerce").notna()]
    customer = placed[placed["orientation"] == "customer"].groupby(
        ["unit", "position"], sort=False)["weight"].sum()
    total = placed.groupby(["unit", "position"], sort=False)["weight"].sum()
    share = (customer.reindex(total.index, fill_value=0.0) / total)
    names = [f"{u}{SEPARATOR}{p}" for u, p in share[share >= heavy].index]
    return {"code": "orientation_above", "params": {**params, "heavy": heavy,
                                                   "positions": names}}


def _unmeasured(measurement: pd.DataFrame) -> pd.DataFrame:
    """New indicators with no actual at all, one row per indicator, heaviest total weight
    first."""
    never = measurement[measurement["measured_periods"] == 0]
    grouped = never.groupby("key", sort=False).agg(
        name_zh=("name_zh", "first"), name_en=("name_en", "first"),
        weight=("weight", "sum"), positions=("position", "size"))
    return grouped.sort_values(["weight", "name_zh"], ascending=[False, True]).reset_index()


def next_periods(last: str, count: int) -> list[str]:
    """The ``count`` periods after ``last`` for quarter (``2025Q4``) and month (``2025-12``)
    labels; other labels give ``[]`` (the plan then names the period after ``last``)."""
    quarter = re.fullmatch(r"(\d{4})\s*[Qq]([1-4])", str(last).strip())
    month = re.fullmatch(r"(\d{4})-(\d{1,2})", str(last).strip())
    if quarter:
        year, number = int(quarter.group(1)), int(quarter.group(2))
        steps = [(year + (number - 1 + k) // 4, (number - 1 + k) % 4 + 1)
                 for k in range(1, count + 1)]
        return [f"{y}Q{q}" for y, q in steps]
    if month:
        year, number = int(month.group(1)), int(month.group(2))
        steps = [(year + (number - 1 + k) // 12, (number - 1 + k) % 12 + 1)
                 for k in range(1, count + 1)]
        return [f"{y}-{m:02d}" for y, m in steps]
    return []


def period_of(date: dt.date, like: str) -> str | None:
    """The period containing ``date`` in the style of the label ``like`` (quarter or month)."""
    if re.fullmatch(r"\d{4}\s*[Qq][1-4]", str(like).strip()):
        return f"{date.year}Q{(date.month - 1) // 3 + 1}"
    if re.fullmatch(r"\d{4}-\d{1,2}", str(like).strip()):
        return f"{date.year}-{date.month:02d}"
    return None


def _report_date(engagement) -> dt.date:
    given = (engagement.profile.get("report") or {}).get("date")
    try:
        return dt.date.fromisoformat(str(given))
    except ValueError:
        return dt.date.today()


def _start_after(last: str, engagement) -> str:
    """The later of the last actual period and the report date's period (same label style)."""
    current = period_of(_report_date(engagement), last)
    if current is None:
        return last
    key = re.compile(r"(\d{4})\D*(\d{1,2})")
    as_tuple = [tuple(int(g) for g in key.search(label).groups()) for label in (last, current)]
    return current if as_tuple[1] > as_tuple[0] else last


def pilot_plan(engagement, scoring, policy: dict) -> dict:
    """Which teams, which periods, what to watch (module docstring)."""
    settings = _plan_settings(policy)
    facing = set(engagement.profile.get("customer_facing_units") or [])
    scores = scoring.scores[scoring.scores["unit"].isin(facing)] if facing else scoring.scores
    periods = sorted(engagement.tables["actuals"]["period"].astype(str).unique())
    last = periods[-1] if periods else ""
    plan = {"teams": [], "last_period": last,
            "periods": next_periods(_start_after(last, engagement), settings["periods"])
            if last else [],
            "outcomes": list((policy.get("pilot") or {}).get("alignment_outcomes") or [])}
    if scores.empty:
        return plan
    ranked = scores.groupby(["unit", "team"], sort=False).agg(
        employees=("employee_id", "size"), comparable=("comparable", "sum"),
        coverage=("coverage_proposed", "mean")).reset_index()
    ranked = ranked.sort_values(["comparable", "coverage", "unit", "team"],
                                ascending=[False, False, True, True], kind="mergesort")
    for _, team in ranked.head(settings["teams"]).iterrows():
        plan["teams"].append(_team(team, scores, scoring))
    return plan


def _team(team: pd.Series, scores: pd.DataFrame, scoring) -> dict:
    members = scores[(scores["unit"] == team["unit"]) & (scores["team"] == team["team"])]
    positions = sorted(set(members["position"]))
    measurement = scoring.measurement
    mine = measurement[(measurement["unit"] == team["unit"])
                       & measurement["position"].isin(positions)]
    missing = mine[mine["measured_periods"] == 0].drop_duplicates("key")
    moved = members["moved"].astype("Float64")
    return {"unit": team["unit"], "team": team["team"], "employees": int(team["employees"]),
            "comparable": int(team["comparable"]), "positions": positions,
            "coverage": None if pd.isna(team["coverage"]) else float(team["coverage"]),
            "collect_zh": missing["name_zh"].tolist(), "collect_en": missing["name_en"].tolist(),
            "up": int((moved > 0).sum()), "down": int((moved < 0).sum())}

"""The handful of numbers an executive summary leads with, before and after the redesign, all
recomputed from the stages' artifacts with the stages' own functions:

- *Orientation index* and *customer weight share* (METHOD §2, :mod:`helpers.diagnosis.shares`):
  before = the diagnosis of the current scorecards; after = the same formulas on the proposed
  weights of stage 04, each indicator's orientation taken from the selection.
- *Uncovered moments of truth* (METHOD §3, :mod:`helpers.value_chain.coverage` and
  :mod:`~helpers.value_chain.moments`): before = stage 02; after = the same coverage rules
  with the proposed indicators as the scorecard (a card tagged with the touchpoint's journey
  stage, held by a unit that is R or A there, or named by the touchpoint, covers it).
- *Alignment* (METHOD §9): Spearman's ρ of each scheme with each customer outcome, from stage 05
  (comparable employees; everyone scored when no comparable employee has the outcome).
- *Findings by severity*: the diagnosis's structural findings, the value chain's RACI and
  coverage findings, the KPI pool's policy violations and positions without compliant weights.
"""

from __future__ import annotations

import pandas as pd

from helpers import library
from helpers.diagnosis import shares
from helpers.value_chain import coverage as coverage_module
from helpers.value_chain import moments as moments_module

SEVERITIES = ("high", "medium", "low")


def proposed_scorecard(weights: pd.DataFrame) -> pd.DataFrame:
    """The proposed weights in the shape of the diagnosis's classified scorecard (unit,
    position, indicator, weight, orientation, library_id, journey_stages)."""
    placed = weights[pd.to_numeric(weights["weight"], errors="coerce").notna()]
    cards = library.load().cards
    stages = placed["library_id"].map(
        lambda card: cards.at[card, "journey_stages"] if card in cards.index else [])
    return pd.DataFrame({
        "unit": placed["unit"].to_numpy(), "position": placed["position"].to_numpy(),
        "indicator": placed["name_zh"].to_numpy(),
        "weight": placed["weight"].astype(float).to_numpy(),
        "orientation": placed["orientation"].to_numpy(),
        "library_id": placed["library_id"].to_numpy(),
        "journey_stages": [s if isinstance(s, list) else [] for s in stages],
    })


def orientation(diagnosis, weights: pd.DataFrame, policy: dict) -> dict:
    """Organisation orientation index and customer weight share, before and after."""
    after = shares.aggregate(shares.position_shares(proposed_scorecard(weights), policy),
                             "organisation", policy).iloc[0]
    before = diagnosis.summary
    band = before["recommended_band"]
    return {
        "index_before": float(before["orientation_index"]),
        "index_after": float(after["orientation_index"]),
        "customer_share_before": float(before["customer_share_weight"]),
        "customer_share_after": float(after["customer_share_weight"]),
        "band": band["band"], "band_low": band["low"], "band_high": band["high"],
        "gap_before": shares.gap_to_band(float(before["orientation_index"]), band),
        "gap_after": shares.gap_to_band(float(after["orientation_index"]), band),
    }


def moments(value_chain, weights: pd.DataFrame, policy: dict) -> dict:
    """Moments of truth and how many no indicator watches, before and after."""
    journey = value_chain.journey
    card = proposed_scorecard(weights).reset_index(drop=True)
    links = coverage_module.touchpoint_links(journey, card)
    covered = coverage_module.coverage(journey, links, card)
    ranked = moments_module.moments_of_truth(journey, covered.touchpoints, policy)
    before = value_chain.moments
    still = ranked.loc[ranked["uncovered_moment"].astype(bool), "touchpoint"].tolist()
    return {
        "moments": int(before["is_moment"].astype(bool).sum()),
        "uncovered_before": int(before["uncovered_moment"].astype(bool).sum()),
        "uncovered_after": len(still), "still_uncovered": still,
        "uncovered_before_names": before.loc[before["uncovered_moment"].astype(bool),
                                             "touchpoint"].tolist(),
    }


def alignment(scoring) -> dict:
    """Per outcome code: n, ρ before and after, the verdict and the population used."""
    primary = scoring.summary["alignment"]
    chosen, population = (primary, "comparable") if primary else (
        scoring.summary["alignment_all"], "all")
    return {code: {"n": f["n"], "before": f["rho_current"], "after": f["rho_proposed"],
                   "p_after": f["p_proposed"], "verdict": f["verdict"],
                   "population": population}
            for code, f in chosen.items()}


def findings(diagnosis, value_chain, kpi_pool, weighting) -> pd.DataFrame:
    """Counts by source and severity (rows: source; columns: high, medium, low)."""
    coverage_findings = (value_chain.coverage.findings if value_chain.coverage is not None
                         else pd.DataFrame(columns=["severity"]))
    infeasible = weighting.positions[~weighting.positions["feasible"].astype(bool)]
    sources = {
        "diagnosis": diagnosis.findings["severity"],
        "value_chain": pd.concat([value_chain.raci_findings["severity"],
                                  coverage_findings["severity"]], ignore_index=True),
        "kpi_pool": kpi_pool.violations["severity"] if "severity" in kpi_pool.violations
        else pd.Series(["high"] * len(kpi_pool.violations), dtype=object),
        "weighting": pd.Series(["high"] * len(infeasible), dtype=object),
    }
    rows = [{"source": name, **{s: int((values == s).sum()) for s in SEVERITIES}}
            for name, values in sources.items()]
    return pd.DataFrame(rows)

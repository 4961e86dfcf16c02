"""Stage 03 as one call: ``run(engagement, policy, lang, artifacts)`` → :class:`KpiPoolResult`,
saved to and loaded from ``artifacts/kpi_pool/`` (the weighting stage reads the selection).

Upstream results come from the artifacts of stages 01 and 02 when they exist (the normal
order of a run) and are computed from the inputs otherwise, so the notebook can run alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import artifacts, decisions, value_chain
from helpers.diagnosis import DiagnosisResult
from helpers.diagnosis import scorecard as scorecard_module
from helpers.kpi_pool import candidates, funnel, selection, smart, tiers


@dataclass
class KpiPoolResult(artifacts.SavedResult):
    """Candidates with their screening, SMART checks and tiers; the selection per position."""

    candidates: pd.DataFrame
    funnel: pd.DataFrame
    smart: pd.DataFrame
    qqtc: pd.DataFrame
    selection: pd.DataFrame
    violations: pd.DataFrame
    summary: dict


def run(engagement, policy: dict, lang: str, artifacts_dir: Path | None = None) -> KpiPoolResult:
    """Build, screen, tier and select the KPI pool of every position (METHOD §4–5)."""
    classified = _scorecard(engagement, policy, artifacts_dir)
    chain = _value_chain(engagement, policy, lang, artifacts_dir)
    pool = candidates.generate(engagement, policy, classified, chain)
    screened = tiers.score(funnel.screen(pool, policy), policy)
    proposal = selection.propose(screened, policy,
                                  engagement.profile.get("customer_facing_units"))
    saved = selection.read_selection(engagement.path)
    chosen = selection.apply_selection(proposal, saved) if saved else proposal
    kept = chosen[chosen["role"] != "dropped"]
    violations = selection.policy_check(chosen, policy,
                                        engagement.profile.get("customer_facing_units"))
    return KpiPoolResult(
        candidates=screened,
        funnel=funnel.funnel_counts(screened),
        smart=smart.smart_checklist(screened),
        qqtc=smart.qqtc_coverage(kept),
        selection=chosen,
        violations=violations,
        summary={
            "candidates": len(screened),
            "passed": int(screened["passed"].sum()),
            "positions": int(chosen.groupby(["unit", "position"]).ngroups),
            "core": int((chosen["role"] == "core").sum()),
            "observe": int((chosen["role"] == "observe").sum()),
            "violations": int(violations[["unit", "position"]].drop_duplicates().shape[0])
            if len(violations) else 0,
            "replayed": len(saved or {}),
        },
    )


def _scorecard(engagement, policy, folder: Path | None) -> pd.DataFrame:
    if folder is not None and (folder / "diagnosis").is_dir():
        return DiagnosisResult.load(folder / "diagnosis").scorecard
    return scorecard_module.build(engagement, policy,
                                  decisions.read_classification(engagement.path))


def _value_chain(engagement, policy, lang, folder: Path | None):
    if folder is not None and (folder / "value_chain").is_dir():
        return value_chain.ValueChainResult.load(folder / "value_chain")
    return value_chain.run(engagement, policy, lang)

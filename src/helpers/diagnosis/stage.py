"""Stage 01 as one call: ``run(engagement, policy, decided)`` → :class:`DiagnosisResult`,
saved to and loaded from ``artifacts/diagnosis/``."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers import artifacts, intake
from helpers.diagnosis import checks, conflicts, profile, shares, survey
from helpers.diagnosis import scorecard as scorecard_module
from helpers.diagnosis.review import to_review
from helpers.diagnosis.survey import QuestionnaireResult, SelfCheckResult


@dataclass
class DiagnosisResult(artifacts.SavedResult):
    """Everything the diagnosis chapter shows; later stages read it from artifacts."""

    scorecard: pd.DataFrame
    positions: pd.DataFrame
    departments: pd.DataFrame
    organisation: pd.DataFrame
    review: pd.DataFrame
    findings: pd.DataFrame
    findings_summary: pd.DataFrame
    conflicts: pd.DataFrame
    profile: pd.DataFrame
    kgcr: pd.DataFrame
    summary: dict
    survey: SelfCheckResult | None = None
    questionnaire: QuestionnaireResult | None = None

    NESTED = {"survey": SelfCheckResult, "questionnaire": QuestionnaireResult}


def run(engagement, policy: dict, decided: dict[str, str] | None = None) -> DiagnosisResult:
    """Classify the current scorecards and measure their orientation (METHOD §1–2)."""
    classified = scorecard_module.build(engagement, policy, decided)
    positions = shares.position_shares(classified, policy)
    organisation = shares.aggregate(positions, "organisation", policy)
    band = intake.recommend_band(intake.scenario_factors(engagement.profile, policy), policy)
    index = float(organisation["orientation_index"].iloc[0])
    findings = checks.structural_findings(classified, engagement, policy)
    measured_count = float(organisation["customer_share_count"].iloc[0])
    self_check = (survey.self_check(engagement, policy, measured_count)
                  if engagement.has("survey") else None)
    summary = {
        "orientation_index": index,
        "verdict": organisation["verdict"].iloc[0],
        "customer_share_weight": float(organisation["customer_share_weight"].iloc[0]),
        "outward_share_weight": float(organisation["outward_share_weight"].iloc[0]),
        "customer_share_count": float(organisation["customer_share_count"].iloc[0]),
        "recommended_band": band,
        "gap": shares.gap_to_band(index, band),
        "decisions_replayed": len(decided or {}),
        "source": engagement.sources.get("current_kpis", ""),
        "findings_by_severity": findings["severity"].value_counts().to_dict(),
    }
    return DiagnosisResult(
        scorecard=classified,
        positions=positions,
        departments=shares.aggregate(positions, "department", policy),
        organisation=organisation,
        review=to_review(classified),
        findings=findings,
        findings_summary=checks.findings_summary(findings),
        conflicts=conflicts.detect_conflicts(classified, policy,
                                             engagement.sources.get("current_kpis", "")),
        profile=profile.six_dimensions(classified, engagement, policy, index, band),
        kgcr=profile.kpi_green_customer_red(engagement, policy),
        summary=summary,
        survey=self_check,
        questionnaire=survey.questionnaire(engagement, policy),
    )

"""Stage 02 as one call: ``run(engagement, policy, lang)`` → :class:`ValueChainResult`, saved to
and loaded from ``artifacts/value_chain/`` (the KPI pool stage reads it)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers import artifacts
from helpers.diagnosis import scorecard as scorecard_module
from helpers.value_chain import coverage as coverage_module
from helpers.value_chain import directions, journey, moments, raci
from helpers.value_chain.coverage import CoverageResult


@dataclass
class ValueChainResult(artifacts.SavedResult):
    """Journey, RACI findings, coverage, moments of truth and the directions for the pool."""

    journey: pd.DataFrame
    department_map: pd.DataFrame
    raci_findings: pd.DataFrame
    moments: pd.DataFrame
    cross: pd.DataFrame
    directions: pd.DataFrame
    edits: pd.DataFrame
    summary: dict
    coverage: CoverageResult | None = None

    NESTED = {"coverage": CoverageResult}


def run(engagement, policy: dict, lang: str) -> ValueChainResult:
    """The value chain of an engagement (METHOD §3), with the consultant's saved edits of
    ``decisions/journey.csv`` replayed."""
    origin = journey.journey_origin(engagement)
    edits = journey.read_journey_decisions(engagement.path)
    frame = journey.apply_decisions(journey.from_engagement(engagement, lang), edits)
    units = journey.client_units(engagement)
    classified = scorecard_module.build(engagement, policy)
    links = coverage_module.links_of_record(coverage_module.touchpoint_links(frame, classified))
    covered = coverage_module.coverage(frame, links, classified,
                                       engagement.sources.get("current_kpis", ""))
    ranked = moments.moments_of_truth(frame, covered.touchpoints, policy)
    found = raci.raci_findings(frame, policy, units)
    pointers = directions.directions(frame, links, classified, engagement.profile, policy)
    mapping = (journey.department_mapping(units, origin.template, lang)
               if origin.template else pd.DataFrame(columns=["code", "label", "unit"]))
    return ValueChainResult(
        journey=frame.reset_index(drop=True),
        department_map=mapping,
        raci_findings=found,
        moments=ranked,
        cross=pointers.cross_department,
        directions=pointers.value_propositions,
        edits=edits,
        summary=_summary(origin, frame, found, covered, ranked, pointers, lang),
        coverage=covered,
    )


def _summary(origin, frame, found, covered, ranked, pointers, lang) -> dict:
    return {
        "source": origin.source,
        "template": origin.template,
        "origin_sentence": origin.sentence(lang),
        "touchpoints": len(frame),
        "moments": int(ranked["is_moment"].sum()),
        "uncovered_moments": int(ranked["uncovered_moment"].sum()),
        "uncovered": int((~covered.touchpoints["covered"]).sum()),
        "raci_problems": len(found),
        "cross": int((pointers.cross_department["source"] != "none").sum())
        if len(pointers.cross_department) else 0,
    }

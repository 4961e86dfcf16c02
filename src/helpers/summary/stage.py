"""The executive summary (06) as one call: ``run(engagement, policy, lang, artifacts)`` →
:class:`SummaryResult`, saved to ``artifacts/summary/``. It reads every stage's saved result
(computing a stage that has not been saved, so the chapter can run alone) and keeps only what
the first page of a client report needs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import artifacts, decisions, diagnosis, kpi_pool, scoring, value_chain
from helpers.summary import advice, figures


@dataclass
class SummaryResult(artifacts.SavedResult):
    """Before/after figures, findings by source and severity, recommendations, pilot plan."""

    findings: pd.DataFrame
    figures: dict
    recommendations: list
    plan: dict


def run(engagement, policy: dict, lang: str, artifacts_dir: Path | None = None
        ) -> SummaryResult:
    """Everything the summary chapter shows (:mod:`helpers.summary.figures`, ``advice``)."""
    found = _stages(engagement, policy, lang, artifacts_dir)
    weights = found["weighting"].weights
    orientation = figures.orientation(found["diagnosis"], weights, policy)
    moments = figures.moments(found["value_chain"], weights, policy)
    alignment = figures.alignment(found["scoring"])
    return SummaryResult(
        findings=figures.findings(found["diagnosis"], found["value_chain"], found["kpi_pool"],
                                  found["weighting"]),
        figures={"orientation": orientation, "moments": moments, "alignment": alignment,
                 "pilot": _pilot_figures(found["scoring"].summary),
                 "positions": int(found["weighting"].summary["positions"])},
        recommendations=advice.recommendations(orientation, moments, alignment,
                                               found["scoring"], weights, found["diagnosis"],
                                               policy),
        plan=advice.pilot_plan(engagement, found["scoring"], policy),
    )


def _pilot_figures(summary: dict) -> dict:
    keys = ("comparable", "scored_both", "movers", "share_moved", "measured_weight_share",
            "never_measured")
    return {key: summary[key] for key in keys}


def _stages(engagement, policy: dict, lang: str, folder: Path | None) -> dict:
    """Each stage's saved result from ``folder``, else computed now."""
    def saved(name: str, kind):
        return kind.load_saved(folder / name if folder is not None else None)

    found = {
        "diagnosis": saved("diagnosis", diagnosis.DiagnosisResult) or diagnosis.run(
            engagement, policy, decisions.read_classification(engagement.path)),
        "value_chain": saved("value_chain", value_chain.ValueChainResult) or value_chain.run(
            engagement, policy, lang),
        "kpi_pool": saved("kpi_pool", kpi_pool.KpiPoolResult) or kpi_pool.run(
            engagement, policy, lang, folder),
        "weighting": scoring.weights_for(engagement, policy, lang, folder),
    }
    found["scoring"] = saved("scoring", scoring.ScoringResult) or scoring.run(
        engagement, policy, lang, folder)
    return found

"""Stage 01 as one call: ``run(engagement, policy, decided)`` → :class:`DiagnosisResult`,
saved to and loaded from ``artifacts/diagnosis/``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers import artifacts, intake
from helpers.diagnosis import scorecard as scorecard_module
from helpers.diagnosis import shares
from helpers.diagnosis.review import to_review

FRAMES = ("scorecard", "positions", "departments", "organisation", "review")


@dataclass
class DiagnosisResult:
    """Everything the diagnosis chapter shows; later stages read it from artifacts."""

    scorecard: pd.DataFrame
    positions: pd.DataFrame
    departments: pd.DataFrame
    organisation: pd.DataFrame
    review: pd.DataFrame
    summary: dict
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)

    def save(self, folder: Path) -> None:
        frames = {name: getattr(self, name) for name in FRAMES} | self.extra
        artifacts.save_frames(folder, frames)
        (folder / "summary.json").write_text(json.dumps(self.summary, ensure_ascii=False,
                                                        indent=2), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> DiagnosisResult:
        frames = artifacts.load_frames(folder)
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        main = {name: frames.pop(name) for name in FRAMES}
        return cls(**main, summary=summary, extra=frames)


def run(engagement, policy: dict, decided: dict[str, str] | None = None) -> DiagnosisResult:
    """Classify the current scorecards and measure their orientation (METHOD §1–2)."""
    classified = scorecard_module.build(engagement, policy, decided)
    positions = shares.position_shares(classified, policy)
    organisation = shares.aggregate(positions, "organisation", policy)
    band = intake.recommend_band(intake.scenario_factors(engagement.profile, policy), policy)
    index = float(organisation["orientation_index"].iloc[0])
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
    }
    return DiagnosisResult(
        scorecard=classified,
        positions=positions,
        departments=shares.aggregate(positions, "department", policy),
        organisation=organisation,
        review=to_review(classified),
        summary=summary,
    )

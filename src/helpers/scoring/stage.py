"""Stage 05 as one call: ``run(engagement, policy, lang, artifacts)`` → :class:`ScoringResult`,
saved to and loaded from ``artifacts/scoring/`` (the summary chapter reads it).

The pilot (:mod:`helpers.scoring.pilot`, METHOD §9) replays last year's actuals through the
current scorecards (with the consultant's saved classification overrides) and through the
weights of stage 04 (``artifacts/weighting``, computed when absent). The result adds the
indicator names of both languages to the tables the chapter shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helpers import decisions, weighting
from helpers.scoring import pilot


@dataclass
class ScoringResult(pilot.PilotResult):
    """The pilot's tables (:class:`helpers.scoring.pilot.PilotResult`) and its summary; the
    proposed items of ``measurement`` carry ``name_en`` beside ``name_zh``."""


def run(engagement, policy: dict, lang: str, artifacts_dir: Path | None = None
        ) -> ScoringResult:
    """Pilot the proposed weights against the current scorecards on last year's actuals."""
    weights = weights_for(engagement, policy, lang, artifacts_dir)
    decided = decisions.read_classification(engagement.path)
    found = pilot.simulate(engagement, policy, weights, decided)
    names = weights.weights[["unit", "position", "key", "name_en"]].drop_duplicates(
        ["unit", "position", "key"])
    measurement = found.measurement.merge(names, on=["unit", "position", "key"], how="left")
    measurement["name_en"] = measurement["name_en"].fillna(measurement["name_zh"])
    return ScoringResult(
        scores=found.scores, distribution=found.distribution, movers=found.movers,
        alignment=found.alignment, bonus=found.bonus, lifecycle=found.lifecycle,
        coverage=found.coverage, measurement=measurement, summary=found.summary)


def weights_for(engagement, policy: dict, lang: str, folder: Path | None = None):
    """Stage 04's result: loaded from ``<artifacts>/weighting`` when saved, else computed."""
    saved = weighting.WeightingResult.load_saved(folder / "weighting" if folder else None)
    return saved or weighting.run(engagement, policy, lang, folder)

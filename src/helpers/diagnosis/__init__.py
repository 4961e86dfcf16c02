"""Stage 01 — diagnosis of the current scorecards (METHOD §1–2).

``classify`` names orientations; ``run`` classifies every row of the client's scorecards
(``scorecard``), measures orientation shares, the index and the gap to the recommended band
(``shares``), and gathers the review list (``review``).
"""

from helpers.diagnosis.classify import classify
from helpers.diagnosis.stage import DiagnosisResult, run

__all__ = ["DiagnosisResult", "classify", "run"]

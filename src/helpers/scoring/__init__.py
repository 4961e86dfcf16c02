"""Scoring (评分, METHOD §7) and customer metrics (METHOD §8).

Modules, one concept each:

- :mod:`helpers.scoring.rules`    item fractions of each scoring rule, vectorised
- :mod:`helpers.scoring.engine`   long table → item points → totals (bonus, deduction, veto, cap)
- :mod:`helpers.scoring.grades`   absolute grade bands and forced distribution (largest remainder)
- :mod:`helpers.scoring.metrics`  customer metrics with their exact formulas (NPS, CSAT, …)
- :mod:`helpers.scoring.stage`    stage 05 (pilot simulation and alignment) — added later; it
  builds the long table from actuals and the scorecards and calls :func:`score`.
"""

from helpers.scoring.engine import ScoreResult, annual, score
from helpers.scoring.grades import absolute, apply_limits, forced, largest_remainder
from helpers.scoring.metrics import (
    ces,
    churn,
    clv,
    csat,
    fcr,
    health,
    nps,
    renewal,
    repurchase,
    repurchase_from_counts,
    retention,
    sla,
)
from helpers.scoring.rules import item_fraction

__all__ = [
    "ScoreResult", "absolute", "annual", "apply_limits", "ces", "churn", "clv", "csat", "fcr",
    "forced", "health", "item_fraction", "largest_remainder", "nps", "renewal", "repurchase",
    "repurchase_from_counts", "retention", "score", "sla",
]

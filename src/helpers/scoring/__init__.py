"""Scoring (评分, METHOD §7) and customer metrics (METHOD §8).

Modules, one concept each:

- :mod:`helpers.scoring.rules`    item fractions of each scoring rule, vectorised
- :mod:`helpers.scoring.engine`   long table → item points → totals (bonus, deduction, veto, cap)
- :mod:`helpers.scoring.grades`   absolute grade bands and forced distribution (largest remainder)
- :mod:`helpers.scoring.metrics`  customer metrics with their exact formulas (NPS, CSAT, …)
- :mod:`helpers.scoring.pilot`    pilot simulation: current vs proposed scheme on actuals, movers,
  alignment with customer outcomes, bonus exposure, lifecycle milestones (METHOD §9)
- :mod:`helpers.scoring.stage`    stage 05 as one call, :func:`run` → :class:`ScoringResult`
- :mod:`helpers.scoring.present`  the chapter's tables, charts and sentences
- :mod:`helpers.scoring.editor`   the live re-scoring widget (JupyterLab only)
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
from helpers.scoring.stage import ScoringResult, run, weights_for

__all__ = [
    "ScoreResult", "ScoringResult", "absolute", "annual", "apply_limits", "ces", "churn", "clv",
    "csat", "fcr", "forced", "health", "item_fraction", "largest_remainder", "nps", "renewal",
    "repurchase", "repurchase_from_counts", "retention", "run", "score", "sla", "weights_for",
]

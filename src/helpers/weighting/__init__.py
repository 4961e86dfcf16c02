"""Stage 04 — weighting (METHOD §6; seed 002 §二.4, seed 004).

Methods (public names of DESIGN §6): :func:`ahp` (pairwise comparisons, Saaty 1980) with
:func:`aggregate_judgements`, :func:`synthesize` and :func:`worst_judgements`; :func:`entropy`
(熵权法), :func:`roc` (rank-order centroid), :func:`direct` and :func:`blend`. The policy solve
lives in :mod:`helpers.weighting.solver`, the sensitivity in :mod:`helpers.weighting.sensitivity`,
the consultant's saved choices in :mod:`helpers.weighting.choices` and the stage in
:func:`run` → :class:`WeightingResult`.
"""

from helpers.weighting.methods import blend, direct, entropy, roc
from helpers.weighting.pairwise import (
    AHPResult,
    aggregate_judgements,
    ahp,
    synthesize,
    worst_judgements,
)
from helpers.weighting.stage import WeightingResult, run

__all__ = ["AHPResult", "WeightingResult", "aggregate_judgements", "ahp", "blend", "direct",
           "entropy", "roc", "run", "synthesize", "worst_judgements"]

"""Executive summary (06, the report's first chapter): the figures that matter before and
after the redesign, findings by severity, recommendations and a pilot plan, all from the
stages' artifacts.

- :mod:`helpers.summary.figures`  before/after numbers with the stages' own formulas
- :mod:`helpers.summary.advice`   recommendations and the pilot plan, each by a stated rule
- :mod:`helpers.summary.stage`    :func:`run` → :class:`SummaryResult`
- :mod:`helpers.summary.present`  the chapter's tiles, tables and sentences
"""

from helpers.summary.stage import SummaryResult, run

__all__ = ["SummaryResult", "run"]
